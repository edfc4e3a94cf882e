import type { Span, SourceFile } from '../../core/types.js';
import type { Node } from '../../parse/python.js';
import type { ConfigDoc } from '../../parse/config/types.js';
import { nodesUnder, type PythonIndex } from '../../lang/python/file-index.js';
import { callArguments } from '../../lang/python/args.js';
import { envLookupOfCall, envLookupOfSubscript } from '../../lang/python/env.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { ProjectIndex } from '../../project/project-index.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import type { Summarizer, SummaryInput } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';
import { isLocalHost } from './hosts.js';

/**
 * Environment variables between a deployment file and the Python code that builds a connection
 * from them. The deployment side: values a deployment sets (a Bicep App Service's `appSettings`,
 * a Render blueprint's `envVars` with `fromDatabase`, a compose service's `environment`, a
 * Kubernetes container's `env`). The Python side: which variables end up as the `sslmode` or the
 * host of a connection URI the code formats (`f"…?sslmode={sslmode}"` after
 * `sslmode = os.environ.get("POSTGRES_SSL")`; `'postgresql://{user}:{pw}@{url}/{db}'.format(url=URL)`
 * after `URL = get_env_variable('POSTGRES_URL')`, a one-line wrapper of `os.environ` that may live
 * in another module). Phase 2 joins the two by variable name.
 */
export const DEPLOY_ENV_DOMAIN = 'deploy-env';

/** A value a deployment file gives an environment variable. */
export interface DeploySetting {
  readonly env: string;
  /** The literal value, when one is written. */
  readonly value?: string;
  /** Render `fromDatabase: {property}`: the managed database's `host`, `connectionString`… */
  readonly fromDatabase?: string;
  readonly line: number;
  readonly via: 'bicep' | 'render' | 'compose' | 'kubernetes';
}

/** A variable the Python code reads for a connection: through os.environ, or through `wrapper`. */
export interface EnvRead {
  readonly env: string;
  /** The local name of the function read through (`get_env_variable`), when not os.environ itself. */
  readonly wrapper?: string;
}

/** A URI template whose host comes from the environment, with no TLS setting in sight. */
export interface HostFeed extends EnvRead {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export interface DeployEnvSection {
  readonly settings?: readonly DeploySetting[];
  /** Variables that become a connection's sslmode (the module never names a root certificate). */
  readonly sslmode?: readonly EnvRead[];
  /** Same, but the module sets sslrootcert somewhere: a `require` there is verified. */
  readonly sslmodeWithRootCert?: readonly EnvRead[];
  readonly hosts?: readonly HostFeed[];
  /** Functions of the module that return `os.environ[param]` (or `.get`/`getenv`). */
  readonly wrappers?: readonly string[];
}

// ---------------------------------------------------------------- deployment side

function isRenderBlueprint(path: string): boolean {
  return /(^|\/)render\.ya?ml$/i.test(path);
}

function isCompose(path: string): boolean {
  return /(^|\/)(docker-)?compose[^/]*\.ya?ml$/i.test(path);
}

/** Values a deployment file sets for environment variables (literal or Render-managed). */
export function deploySettings(file: SourceFile, config: ConfigDoc | undefined): DeploySetting[] {
  if (!config) return [];
  const out: DeploySetting[] = [];
  if (config.format === 'bicep') {
    const items = new Map<string, { name?: string; value?: string; line: number }>();
    for (const e of config.entries) {
      const i = e.path.lastIndexOf('appSettings');
      if (i < 0 || typeof e.value !== 'string') continue;
      const rest = e.path.slice(i + 1);
      if (rest.length === 1 && typeof rest[0] === 'string') {
        out.push({ env: rest[0], value: e.value, line: e.span.line, via: 'bicep' });
      } else if (rest.length === 2 && typeof rest[0] === 'number' && (rest[1] === 'name' || rest[1] === 'value')) {
        // `appSettings: [{ name: 'X', value: 'y' }]` (siteConfig form)
        const id = e.path.slice(0, i + 2).join('\u0000');
        const item = items.get(id) ?? { line: e.span.line };
        if (rest[1] === 'name') item.name = e.value;
        else {
          item.value = e.value;
          item.line = e.span.line;
        }
        items.set(id, item);
      }
    }
    for (const item of items.values()) {
      if (item.name && item.value !== undefined) {
        out.push({ env: item.name, value: item.value, line: item.line, via: 'bicep' });
      }
    }
    return out;
  }
  if (config.format !== 'yaml') return out;
  // `envVars: [{key, value | fromDatabase: {property}}]` (Render), `env: [{name, value}]` (Kubernetes)
  const groups = new Map<string, { name?: string; value?: string; fromDatabase?: string; line: number }>();
  const render = isRenderBlueprint(file.path);
  const compose = isCompose(file.path);
  for (const e of config.entries) {
    if (typeof e.value !== 'string' && typeof e.value !== 'number') continue;
    const value = String(e.value);
    const p = e.path;
    const listAt = p.findIndex((k, i) => (k === 'envVars' || k === 'env') && typeof p[i + 1] === 'number');
    if (listAt >= 0 && (render ? p[listAt] === 'envVars' : p[listAt] === 'env')) {
      const id = `${e.document}\u0000${p.slice(0, listAt + 2).join('\u0000')}`;
      const rest = p.slice(listAt + 2).join('.');
      const g = groups.get(id) ?? { line: e.span.line };
      if (rest === (render ? 'key' : 'name')) g.name = value;
      else if (rest === 'value') {
        g.value = value;
        g.line = e.span.line;
      } else if (render && rest === 'fromDatabase.property') {
        g.fromDatabase = value;
        g.line = e.span.line;
      }
      groups.set(id, g);
      continue;
    }
    const envAt = p.indexOf('environment');
    if (compose && envAt >= 1 && p[envAt - 2] === 'services' && p.length === envAt + 2) {
      const k = p[envAt + 1];
      if (typeof k === 'string') out.push({ env: k, value, line: e.span.line, via: 'compose' });
      else {
        const eq = value.indexOf('=');
        if (eq > 0)
          out.push({ env: value.slice(0, eq), value: value.slice(eq + 1), line: e.span.line, via: 'compose' });
      }
    }
  }
  for (const g of groups.values()) {
    if (!g.name || (g.value === undefined && g.fromDatabase === undefined)) continue;
    out.push({
      env: g.name,
      ...(g.value !== undefined ? { value: g.value } : {}),
      ...(g.fromDatabase !== undefined ? { fromDatabase: g.fromDatabase } : {}),
      line: g.line,
      via: render ? 'render' : 'kubernetes',
    });
  }
  return out;
}

/** The deployment gives the variable a remote database host (a managed database, a dotted name). */
export function isRemoteHostSetting(s: DeploySetting): boolean {
  if (s.fromDatabase !== undefined) return s.fromDatabase === 'host' || s.fromDatabase === 'hostport';
  if (s.value === undefined) return false;
  const host = s.value.replace(/:\d+$/, '');
  // A single label (`db`, `postgres`) is a compose or cluster service name, and `*.svc` or
  // `*.cluster.local` a Kubernetes service: the private network.
  return (
    /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(host) &&
    !/^\d+(\.\d+){3}$/.test(host) &&
    !/\.(svc|cluster\.local)$/i.test(host) &&
    !isLocalHost(host)
  );
}

// ---------------------------------------------------------------- Python side

const URI_SCHEME = /^(postgres|postgresql|cockroachdb)(\+[a-z0-9_]+)?:\/\//i;
const TLS_WORDS = /sslmode|sslrootcert|ssl_mode|\bssl\b|sslcert|requiressl/i;

function enclosingFunction(node: Node): Node | undefined {
  let n: Node | null = node.parent;
  while (n && n.type !== 'function_definition') n = n.parent;
  return n ?? undefined;
}

/** Functions that return an environment variable named by their first parameter. */
const ENV_WORDS: readonly string[] = ['environ', 'getenv'];

function envWrappers(py: PythonIndex): string[] {
  const out: string[] = [];
  // A wrapper reads os.environ or getenv; most modules name neither.
  if (!mentionsAny(py.doc.text, ENV_WORDS)) return out;
  for (const fn of py.functions) {
    // A wrapper is a few lines long: the others are not read.
    if (fn.endPosition.row - fn.startPosition.row > 12) continue;
    const name = fn.childForFieldName('name')?.text;
    const first = fn.childForFieldName('parameters')?.namedChildren[0];
    const param = first?.type === 'identifier' ? first.text : first?.childForFieldName('name')?.text;
    if (!name || !param) continue;
    const body = fn.childForFieldName('body');
    if (!body) continue;
    const reads = [...nodesUnder(py.calls, body), ...nodesUnder(py.subscripts, body)];
    const hit = reads.some((n) => {
      if (!n) return false;
      const isCall = n.type === 'call';
      if (isCall && !envLookupOfCall(n, py.imports)) return false;
      if (!isCall && !envLookupOfSubscript(n, py.imports)) return false;
      const key = isCall ? callArguments(n).positional[0] : n.childForFieldName('subscript');
      return key?.type === 'identifier' && key.text === param && n.parent?.type === 'return_statement';
    });
    if (hit) out.push(name);
  }
  return out;
}

/** Names assigned from an environment read: `x = os.environ.get("X")`, `x = get_env_variable('X')`. */
function envAssignments(py: PythonIndex, wrappers: readonly string[]): Map<string, EnvRead> {
  const out = new Map<string, EnvRead>();
  const conflicting = new Set<string>();
  const localWrappers = new Set(wrappers);
  for (const a of py.assignments) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || !right || enclosingFunction(a)) continue;
    let read: EnvRead | undefined;
    if (right.type === 'call') {
      const lookup = envLookupOfCall(right, py.imports);
      if (lookup?.name) read = { env: lookup.name };
      else if (!lookup) {
        const fn = right.childForFieldName('function');
        const args = callArguments(right);
        const arg = args.positional[0];
        const name = arg ? constantStringValue(arg) : undefined;
        if (fn?.type === 'identifier' && name && args.positional.length === 1) {
          if (localWrappers.has(fn.text)) read = { env: name };
          else if (py.imports.names.has(fn.text)) read = { env: name, wrapper: fn.text };
        }
      }
    } else if (right.type === 'subscript') {
      const lookup = envLookupOfSubscript(right, py.imports);
      if (lookup?.name) read = { env: lookup.name };
    }
    if (out.has(left.text)) conflicting.add(left.text);
    if (read) out.set(left.text, read);
    else conflicting.add(left.text);
  }
  for (const c of conflicting) out.delete(c);
  return out;
}

/** The raw text of a string node between its quotes (prefix and quotes removed). */
function innerText(node: Node): string {
  const m = /^[a-zA-Z]*('''|"""|'|")/.exec(node.text);
  if (!m?.[1]) return node.text;
  return node.text.slice(m[0].length, node.text.length - m[1].length);
}

/** `{name}` at `at`, a whole placeholder: its name (an f-string's expression or a format field). */
function placeholderAt(text: string, at: number): string | undefined {
  const m = /^\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}/.exec(text.slice(at));
  return m?.[1];
}

/** The variable a `.format` call passes for a field: `tpl.format(url=POSTGRES_URL)`. */
function formatArgument(py: PythonIndex, template: Node, field: string): string | undefined {
  const assigned = template.parent?.type === 'assignment' ? template.parent.childForFieldName('left') : undefined;
  const holder = assigned?.type === 'identifier' ? assigned.text : undefined;
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') continue;
    const obj = fn.childForFieldName('object');
    if (!obj) continue;
    if (!(obj.id === template.id || (holder && obj.type === 'identifier' && obj.text === holder))) continue;
    const value = callArguments(call).keywords.get(field);
    return value?.type === 'identifier' ? value.text : undefined;
  }
  return undefined;
}

interface PythonFeeds {
  readonly sslmode: EnvRead[];
  readonly hosts: (EnvRead & { span: Span })[];
  readonly wrappers: string[];
  readonly rootCert: boolean;
}

function spanOf(node: Node): Span {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** The Python side of a module: environment variables that become an sslmode or a host. */
export function pythonEnvFeeds(py: PythonIndex): PythonFeeds {
  const wrappers = envWrappers(py);
  const text = py.doc.text;
  const empty = { sslmode: [], hosts: [], wrappers, rootCert: false };
  if (!/postgres|cockroach|sslmode/i.test(text)) return empty;
  const envs = envAssignments(py, wrappers);
  if (envs.size === 0) return empty;
  const rootCert = /sslrootcert/i.test(text);
  const sslmode: EnvRead[] = [];
  const hosts: (EnvRead & { span: Span })[] = [];
  for (const s of py.strings) {
    if (s.type !== 'string') continue;
    const body = innerText(s);
    const isF = /^[a-zA-Z]*[fF]/.test(s.text) && /^[a-zA-Z]*['"]/.test(s.text);
    const variableOf = (field: string): string | undefined => (isF ? field : formatArgument(py, s, field));
    // `sslmode={x}`
    for (const m of body.matchAll(/[?&]sslmode=/g)) {
      const field = placeholderAt(body, (m.index ?? 0) + m[0].length);
      const name = field ? variableOf(field) : undefined;
      const read = name ? envs.get(name) : undefined;
      if (read) sslmode.push(read);
    }
    // `postgresql://user:pw@{host}…` with no TLS setting anywhere in the module
    if (!URI_SCHEME.test(body) || TLS_WORDS.test(text)) continue;
    const at = body.indexOf('@');
    if (at < 0) continue;
    const field = placeholderAt(body, at + 1);
    const name = field ? variableOf(field) : undefined;
    const read = name ? envs.get(name) : undefined;
    if (read) hosts.push({ ...read, span: spanOf(s) });
  }
  return { sslmode, hosts, wrappers, rootCert };
}

export const deployEnvSummarizer: Summarizer = {
  domain: DEPLOY_ENV_DOMAIN,
  summarize({ file, python, config }: SummaryInput): Json | undefined {
    if (config) {
      const settings = deploySettings(file, config);
      return settings.length > 0 ? ({ settings } as unknown as Json) : undefined;
    }
    if (!python) return undefined;
    const feeds = pythonEnvFeeds(python);
    const section: { [k: string]: Json } = {};
    if (feeds.wrappers.length > 0) section.wrappers = feeds.wrappers;
    if (feeds.sslmode.length > 0) {
      section[feeds.rootCert ? 'sslmodeWithRootCert' : 'sslmode'] = feeds.sslmode as unknown as Json;
    }
    if (feeds.hosts.length > 0) {
      section.hosts = feeds.hosts.map((h) => ({
        env: h.env,
        ...(h.wrapper ? { wrapper: h.wrapper } : {}),
        line: h.span.line,
        column: h.span.column,
        endLine: h.span.endLine,
        endColumn: h.span.endColumn,
      }));
    }
    return Object.keys(section).length > 0 ? section : undefined;
  },
};

// ---------------------------------------------------------------- phase 2

/** The read goes to the environment: directly, or through a wrapper the index resolves. */
export function readsEnvironment(index: ProjectIndex, path: string, read: EnvRead): boolean {
  if (!read.wrapper) return true;
  const def = index.resolveLocal(path, read.wrapper);
  if (!def) return false;
  const section = index.section<DeployEnvSection>(def.path, DEPLOY_ENV_DOMAIN);
  return def.name !== undefined && (section?.wrappers?.includes(def.name) ?? false);
}

/** Python modules that turn the variable into an sslmode with no root certificate. */
export function unverifiedSslmodeReaders(index: ProjectIndex, env: string): string[] {
  const out: string[] = [];
  for (const { path, section } of index.sections(DEPLOY_ENV_DOMAIN)) {
    const s = section as DeployEnvSection;
    if (s.sslmode?.some((r) => r.env === env && readsEnvironment(index, path, r))) out.push(path);
  }
  return out.sort();
}

/** Deployment files that give the variable a remote database host: `render.yaml:14`. */
export function remoteHostDeployments(index: ProjectIndex, env: string): string[] {
  const out: string[] = [];
  for (const { path, section } of index.sections(DEPLOY_ENV_DOMAIN)) {
    for (const s of (section as DeployEnvSection).settings ?? []) {
      if (s.env === env && isRemoteHostSetting(s)) out.push(`${path}:${s.line}`);
    }
  }
  return out.sort();
}

/** Every deployment setting of the variable (any value): for look-alikes that settle it. */
export function deploySettingsOf(index: ProjectIndex, env: string): DeploySetting[] {
  const out: DeploySetting[] = [];
  for (const { section } of index.sections(DEPLOY_ENV_DOMAIN)) {
    for (const s of (section as DeployEnvSection).settings ?? []) if (s.env === env) out.push(s);
  }
  return out;
}
