import { DYNAMIC } from '../../../core/dynamic.js';
import { isPostgresNpgsql, parseNpgsqlConnectionString } from '../npgsql.js';
import { parseConnectionString, type ParsedConnection } from '../parse.js';
import { isPlaceholder } from '../../../core/placeholder.js';
import type { Span } from '../../../core/types.js';
import { splitShellScript } from '../../../parse/config/shell-split.js';
import type { ConfigDoc, ConfigEntry } from '../../../parse/config/types.js';
import type { CommandFact, ConnectionFact, FileFacts, ParamFact, PasswordFact } from '../types.js';
import { isDocumentationText } from './doc-text.js';
import { jsonDriverTls } from './driver-tls.js';
import { resolveValue } from './values.js';
import { commandSslEntries, scriptSslEntries } from '../shell-settings.js';
import { isUnknownSslmode } from '../ssl-modes.js';

/**
 * Facts of a config file (.env, YAML, TOML, INI, JSON, Dockerfile, shell, Procfile, Makefile):
 *   - every string entry holding a connection URI or a keyword DSN (two libpq pairs or more);
 *   - every `PGSSLMODE` / `*SSLMODE` / `*SSL_MODE` / `sslmode` entry, as a lone setting; it also
 *     counts for the URIs of its scope (the file, or the same compose service / Kubernetes
 *     container / workflow job / INI section), as `PGSSLROOTCERT`-style settings do;
 *   - the file's commands, plus the command lines inside YAML/JSON/TOML strings that run
 *     `cockroach` with `--insecure` (a healthcheck, a script in a ConfigMap), and the connection
 *     strings passed on command lines (`cockroach sql --url postgresql://...`);
 *   - .NET (Npgsql) connection strings (`Host=...;SSL Mode=Disable`) when they are PostgreSQL's;
 *   - `driverTls`: a JSON database settings object with `"ssl": false` (`driver-tls.ts`).
 * Free text under documentation keys (`description`, `help`, ...) is prose, not settings: its
 * connection strings and command lines are not read.
 */
export function extractConfigFacts(doc: ConfigDoc): FileFacts {
  const uris: Draft[] = [];
  const settings: Setting[] = [];
  /** Entry facts by the entry's text, so a command line using the same string reuses them. */
  const byText = new Map<string, Draft[]>();
  const templates = composeTemplates(doc);
  // A connection string parsed once per file however often it recurs (aliases, repeated lines).
  const parses = new Map<string, ParsedConnection | undefined>();
  doc.entries.forEach((entry, order) => {
    if (typeof entry.value !== 'string' || entry.value === '' || templates.has(entry)) return;
    if (isDocumentationText(entry, doc.format)) return;
    const setting = settingOf(entry, doc.format, order);
    if (setting) {
      settings.push(setting);
      return;
    }
    const fact = connectionOf(entry.value, doc.format, entry.span, reachesDriver(entry), parses, entry.key);
    if (!fact) return;
    const draft: Draft = { ...fact, scope: entry.path, document: entry.document };
    uris.push(draft);
    const same = byText.get(entry.value);
    if (same) same.push(draft);
    else byText.set(entry.value, [draft]);
  });

  // `export PGSSLMODE=...` inside a workflow `run:` script or another script string.
  for (const entry of scriptSslEntries(doc, (e) => isDocumentationText(e, doc.format), placeInValue)) {
    const setting = settingOf(entry, doc.format, settings.length + doc.entries.length);
    if (setting) settings.push(setting);
  }

  // Connection strings on command lines (`cockroach sql --url ...`, `psql "host=..."`,
  // `docker run -e DATABASE_URL=...`): the program connects with them.
  const commands = [...doc.commands, ...embeddedCommands(doc)];
  /** Settings a command sets for itself alone (`PGSSLMODE=disable pg_dump ...`). */
  const own: Setting[] = [];
  for (const cmd of commands) {
    const prefix: Setting[] = [];
    for (const entry of commandSslEntries(cmd)) {
      const setting = settingOf(entry, doc.format, own.length);
      if (setting) prefix.push(setting);
    }
    own.push(...prefix);
    for (const token of cmd.argv) {
      for (const { text, key } of commandValues(token)) {
        const known = byText.get(text);
        if (known) {
          for (const d of known) d.reachesDriver = true;
          break;
        }
        const fact = connectionOf(text, doc.format, cmd.span, key === undefined || isDatabaseUrlKey(key), parses);
        if (fact) {
          // The command's own PGSSLMODE first; libpq reads it when the string names no sslmode.
          const mode = prefix.find((p) => p.param === 'sslmode');
          if (mode && !fact.params.has('sslmode')) fact.params.set('sslmode', mode.fact);
          // In a flat file (script, Dockerfile, Makefile) a PGSSLMODE set above applies to it too.
          uris.push({ ...fact, scope: FLAT_FORMATS.has(doc.format) ? [] : undefined, document: 0 });
          break;
        }
      }
    }
  }

  const connections: ConnectionFact[] = [];
  for (const u of uris) connections.push(withScopeSettings(u, settings));
  for (const s of [...settings, ...own]) {
    if (s.param !== 'sslmode') continue;
    const params = new Map<string, ParamFact>([['sslmode', s.fact]]);
    const root = nearest(settings, 'sslrootcert', s.scope, s.document);
    if (root) params.set('sslrootcert', root.fact);
    connections.push({
      origin: 'setting',
      span: s.span,
      display: `set by ${s.key}`,
      hosts: undefined,
      params,
      password: undefined,
      driver: 'libpq',
      reachesDriver: s.key.toUpperCase() === 'PGSSLMODE',
      ...(s.fact.envFallbackOf ? { envFallbackOf: s.fact.envFallbackOf } : {}),
    });
  }
  return { connections: dedupe(connections), driverTls: jsonDriverTls(doc), commands };
}

/**
 * Entries of compose extension fields (`x-db-env: &env`) that are also reached through a service
 * (`environment: *env`, `<<: *env`): the service's copy, which knows its neighbours (a
 * PGSSLMODE of the same service), stands for the literal.
 */
function composeTemplates(doc: ConfigDoc): Set<ConfigEntry> {
  const out = new Set<ConfigEntry>();
  if (doc.format !== 'yaml') return out;
  const isTemplate = (e: ConfigEntry): boolean => typeof e.path[0] === 'string' && e.path[0].startsWith('x-');
  const used = new Set<string>();
  for (const e of doc.entries) if (!isTemplate(e)) used.add(`${e.document}:${e.span.line}:${e.span.column}`);
  for (const e of doc.entries)
    if (isTemplate(e) && used.has(`${e.document}:${e.span.line}:${e.span.column}`)) out.add(e);
  return out;
}

// ---------------------------------------------------------------------------------------------
// Connection strings

const FLAT_FORMATS: ReadonlySet<ConfigDoc['format']> = new Set([
  'dotenv',
  'shell',
  'dockerfile',
  'makefile',
  'procfile',
]);

type Mutable<T> = { -readonly [K in keyof T]: T[K] };
type Fact = Mutable<Omit<ConnectionFact, 'params'>> & { params: Map<string, ParamFact> };
type Draft = Fact & { readonly scope: readonly (string | number)[] | undefined; readonly document: number };

function connectionOf(
  value: string,
  format: ConfigDoc['format'],
  span: Span,
  reaches: boolean,
  parses: Map<string, ParsedConnection | undefined>,
  settingName = '',
): Fact | undefined {
  if (!/:\/\/|=/.test(value)) return undefined; // cheap: neither a URI nor a keyword DSN
  const resolved = resolveValue(value, format);
  let parsed = parses.get(resolved.text);
  if (parsed === undefined && !parses.has(resolved.text)) {
    parsed = parseConnectionString(resolved.text, 2) ?? npgsqlOf(resolved.text, settingName);
    parses.set(resolved.text, parsed);
  }
  if (!parsed) return undefined;
  const fallback = resolved.envFallbackOf;
  const withFallback = fallback ? { envFallbackOf: fallback } : {};
  const params = new Map<string, ParamFact>();
  for (const [k, v] of parsed.params) {
    if (k === 'password' || k === 'sslpassword') continue;
    params.set(k, { value: v.includes(DYNAMIC) ? undefined : v, span, ...withFallback });
  }
  let password: PasswordFact | undefined;
  if (parsed.password !== undefined && !isPlaceholder(parsed.password)) {
    password = { value: parsed.password, span, source: 'connection-string', ...withFallback };
  }
  return {
    origin: parsed.form,
    span,
    display: parsed.redacted,
    hosts: parsed.hosts.some((h) => h.includes(DYNAMIC)) ? undefined : parsed.hosts,
    params,
    password,
    driver: driverOf(parsed),
    reachesDriver: reaches,
    ...withFallback,
  };
}

/** A .NET connection string (`Host=...;Port=26257;SSL Mode=Disable`) when it is PostgreSQL's. */
function npgsqlOf(text: string, settingName: string): ParsedConnection | undefined {
  if (!text.includes(';')) return undefined;
  const parsed = parseNpgsqlConnectionString(text);
  return parsed && isPostgresNpgsql(parsed, text, settingName) ? parsed : undefined;
}

function driverOf(parsed: ParsedConnection): ConnectionFact['driver'] {
  if (parsed.form === 'keyword-dsn') return 'libpq';
  const d = parsed.driver;
  if (d === 'asyncpg') return 'asyncpg';
  if (d === undefined || d === 'psycopg2' || d === 'psycopg' || d === 'psycopg2cffi') return 'libpq';
  return 'unknown';
}

/** DATABASE_URL, TEST_DATABASE_URL, DB_URI, PG_DSN, POSTGRES_URL, COCKROACH_URL, *_DSN ... */
const DB_URL_KEY =
  /^(?:[A-Za-z0-9]+[_.-])*(?:DATABASE|DB|PG|POSTGRES|POSTGRESQL|COCKROACH|COCKROACHDB|CRDB|SQL)[_.-]?(?:URL|URI|DSN)$/i;

export function isDatabaseUrlKey(key: string): boolean {
  return (
    DB_URL_KEY.test(key) || /(^|[_.-])DSN$/i.test(key) || /^SQLALCHEMY_/i.test(key) || /^sqlalchemy\.url$/i.test(key)
  );
}

/**
 * True when the entry is a setting a framework hands to a driver: its key names a database URL,
 * it sits under `SQLALCHEMY_BINDS` (or another SQLALCHEMY_ setting), or it is the `url`/`uri`/
 * `dsn` of a database section (`[database] url = ...`).
 */
function reachesDriver(entry: ConfigEntry): boolean {
  if (isDatabaseUrlKey(entry.key)) return true;
  const strings = entry.path.filter((p): p is string => typeof p === 'string');
  if (strings.some((p) => /^SQLALCHEMY_/i.test(p))) return true;
  // .NET: `ConnectionStrings` in appsettings.json, `ConnectionStrings__Db` in the environment.
  if (strings.some((p) => /^ConnectionStrings(?:$|__|:)/i.test(p))) return true;
  if (/^(url|uri|dsn|database_url|connection_string)$/i.test(entry.key)) {
    const parent = strings[strings.length - 2];
    return parent !== undefined && /(database|^db$|sqlalchemy|postgres|cockroach|crdb)/i.test(parent);
  }
  return false;
}

/** The connection-string candidates of a command word: itself, then what follows `KEY=` / `--flag=`. */
function commandValues(token: string): { text: string; key: string | undefined }[] {
  const out: { text: string; key: string | undefined }[] = [{ text: token, key: undefined }];
  const eq = /^(--?[A-Za-z][A-Za-z0-9-]*|[A-Za-z_][A-Za-z0-9_.-]*)=/.exec(token);
  if (eq) {
    const name = eq[1] as string;
    out.push({ text: token.slice(eq[0].length), key: name.startsWith('-') ? undefined : name });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Settings (PGSSLMODE, DB_SSLMODE, sslmode, PGSSLROOTCERT) and their scope

interface Setting {
  readonly param: 'sslmode' | 'sslrootcert';
  readonly key: string;
  readonly span: Span;
  readonly scope: readonly (string | number)[];
  readonly document: number;
  readonly order: number;
  readonly fact: ParamFact;
}

const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);
const ENV_KEYS = new Set(['env', 'environment', 'variables', 'vars']);

function settingOf(entry: ConfigEntry, format: ConfigDoc['format'], order: number): Setting | undefined {
  const lower = entry.key.toLowerCase();
  let param: Setting['param'];
  if (lower.endsWith('sslmode') || lower.endsWith('ssl_mode') || lower.endsWith('ssl-mode')) param = 'sslmode';
  else if (lower.endsWith('sslrootcert') || lower.endsWith('ssl_root_cert') || lower.endsWith('ssl_rootcert'))
    param = 'sslrootcert';
  else return undefined;
  const resolved = resolveValue(entry.value as string, format);
  const text = resolved.text.trim();
  let value: string | undefined;
  if (param === 'sslmode') {
    // Only libpq's modes: MySQL's ssl_mode=DISABLED and friends are someone else's setting.
    // PGSSLMODE is libpq's own variable: any other value in it is one libpq refuses (reported).
    const libpqOwn = entry.key.toUpperCase() === 'PGSSLMODE' && isUnknownSslmode(text);
    if (text.includes(DYNAMIC) || (!SSL_MODES.has(text.toLowerCase()) && !libpqOwn)) return undefined;
    value = text;
  } else {
    if (text === '') return undefined;
    value = text.includes(DYNAMIC) ? undefined : text;
  }
  const fact: ParamFact = {
    value,
    span: entry.span,
    ...(resolved.envFallbackOf ? { envFallbackOf: resolved.envFallbackOf } : {}),
  };
  return { param, key: entry.key, span: entry.span, scope: scopeOf(entry.path), document: entry.document, order, fact };
}

/**
 * Where a setting applies: the map holding it, or for an environment block (`environment:`,
 * `env:`, a Kubernetes `env` list item) the service, container, job or step owning that block.
 * A dotenv/shell/Dockerfile/Makefile variable has the file as scope.
 */
function scopeOf(path: readonly (string | number)[]): readonly (string | number)[] {
  let p = path.slice(0, -1);
  const isEnv = (x: string | number | undefined): boolean => typeof x === 'string' && ENV_KEYS.has(x.toLowerCase());
  if (p[p.length - 1] === 'value' && typeof p[p.length - 2] === 'number' && isEnv(p[p.length - 3])) p = p.slice(0, -3);
  else if (typeof p[p.length - 1] === 'number' && isEnv(p[p.length - 2])) p = p.slice(0, -2);
  else if (isEnv(p[p.length - 1])) p = p.slice(0, -1);
  return p;
}

function within(path: readonly (string | number)[], scope: readonly (string | number)[]): boolean {
  return scope.length <= path.length && scope.every((s, i) => path[i] === s);
}

/** The setting for `param` closest to `path` (deepest scope; the later one on a tie). */
function nearest(
  settings: readonly Setting[],
  param: Setting['param'],
  path: readonly (string | number)[],
  document: number,
): Setting | undefined {
  let best: Setting | undefined;
  for (const s of settings) {
    if (s.param !== param || s.document !== document || !within(path, s.scope)) continue;
    if (!best || s.scope.length > best.scope.length || (s.scope.length === best.scope.length && s.order > best.order))
      best = s;
  }
  return best;
}

/** A URI's own parameters win; what it lacks comes from settings of its scope (libpq's order). */
function withScopeSettings(u: Draft, settings: readonly Setting[]): ConnectionFact {
  const { scope, document, ...fact } = u;
  if (scope !== undefined) {
    for (const param of ['sslmode', 'sslrootcert'] as const) {
      if (fact.params.has(param)) continue;
      const s = nearest(settings, param, scope, document);
      if (s) fact.params.set(param, s.fact);
    }
  }
  return fact;
}

function dedupe(facts: readonly ConnectionFact[]): ConnectionFact[] {
  // A YAML anchor merged into several services is one literal in one place: one fact per
  // distinct context (a service with its own PGSSLMODE keeps its own fact; the engine reports a
  // rule once per place anyway).
  const byKey = new Map<string, ConnectionFact>();
  for (const f of facts) {
    const params = [...f.params].map(([k, p]) => `${k}=${p.value ?? ''}@${p.span.line}:${p.span.column}`).join('&');
    const key = `${f.origin}:${f.span.line}:${f.span.column}:${f.display}:${params}:${f.envFallbackOf ?? ''}`;
    const prev = byKey.get(key);
    if (!prev) byKey.set(key, f);
    else if (f.reachesDriver && !prev.reachesDriver) byKey.set(key, { ...prev, reachesDriver: true });
  }
  return [...byKey.values()];
}

// ---------------------------------------------------------------------------------------------
// Command lines inside strings

const EMBEDDED_FORMATS: ReadonlySet<ConfigDoc['format']> = new Set(['yaml', 'json', 'toml']);

/**
 * Strings of YAML/JSON/TOML that mention both `cockroach` and `--insecure` are read as shell
 * command lines. A multi-line string whose lines match the lines of its span one to one (a YAML
 * literal block) places each command on its own line; otherwise commands take the string's span.
 * Commands the parser already found (same words, within the string's lines) are not repeated.
 */
function embeddedCommands(doc: ConfigDoc): CommandFact[] {
  if (!EMBEDDED_FORMATS.has(doc.format)) return [];
  const out: CommandFact[] = [];
  const known = new Map<string, Span[]>();
  const remember = (k: string, span: Span): void => {
    const spans = known.get(k);
    if (spans) spans.push(span);
    else known.set(k, [span]);
  };
  for (const c of doc.commands) remember(c.argv.join('\0'), c.span);
  const seen = new Set<string>();
  for (const e of doc.entries) {
    if (typeof e.value !== 'string' || !e.value.includes('cockroach') || !e.value.includes('--insecure')) continue;
    if (isDocumentationText(e, doc.format)) continue;
    const key = `${e.span.line}:${e.span.column}:${e.value}`;
    if (seen.has(key)) continue; // one anchor, several paths
    seen.add(key);
    const spanOf = placeInValue(e.value, e.span);
    for (const c of splitShellScript(e.value).commands) {
      const k = c.argv.join('\0');
      if ((known.get(k) ?? []).some((s) => s.line >= e.span.line && s.line <= e.span.endLine)) continue;
      const span = spanOf(c.start, c.end);
      remember(k, span);
      out.push({ argv: c.argv, span, image: undefined });
    }
  }
  return out;
}

function placeInValue(value: string, span: Span): (start: number, end: number) => Span {
  const body = value.replace(/\n+$/, '');
  const lines = body.split('\n');
  if (lines.length < 2 || lines.length !== span.endLine - span.line + 1) return () => span;
  const lead = (lines[0] as string).length - (lines[0] as string).trimStart().length;
  const base = span.column - lead;
  const starts: number[] = [];
  let o = 0;
  for (const l of lines) {
    starts.push(o);
    o += l.length + 1;
  }
  const pos = (offset: number): { line: number; column: number } => {
    let k = starts.length - 1;
    while (k > 0 && (starts[k] as number) > offset) k--;
    return { line: span.line + k, column: base + offset - (starts[k] as number) };
  };
  return (s, e) => {
    const a = pos(s);
    const b = pos(e);
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  };
}
