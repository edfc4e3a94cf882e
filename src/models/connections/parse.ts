import { parse as pgParse } from 'pg-connection-string';
import { DYNAMIC, showDynamic } from '../../core/dynamic.js';
import { tokenizeKeywordDsn } from './dsn.js';
import { legacySslParams } from './ssl-modes.js';
import { MASK } from './mask.js';
import { redactCredentials } from './redact.js';

/** A connection string taken apart. Parameter names are lower case, as libpq spells them. */
export interface ParsedConnection {
  readonly form: 'uri' | 'keyword-dsn';
  /** `postgresql`, `postgres`, `cockroachdb`; undefined for keyword DSNs. */
  readonly scheme: string | undefined;
  /** The `+driver` part of a SQLAlchemy URL (`psycopg2`, `asyncpg`), if any. */
  readonly driver: string | undefined;
  /** Every host named (multi-host URIs and `host=a,b` list several); may hold DYNAMIC. */
  readonly hosts: readonly string[];
  readonly user: string | undefined;
  /** Decoded password (percent-decoding applied); may hold DYNAMIC. */
  readonly password: string | undefined;
  readonly database: string | undefined;
  readonly params: ReadonlyMap<string, string>;
  /** The string with its password (and any other secret parameter) masked: safe to print. */
  readonly redacted: string;
}

// `jdbc:` prefixed URIs appear in shared env files that also feed Java services.
const URI_SCHEME = /^(?:jdbc:)?(postgres(?:ql)?|cockroachdb|cockroach)(?:\+([A-Za-z0-9_]+))?:\/\//i;
const SECRET_PARAMS = new Set(['password', 'sslpassword']);
// Parameters naming files: pg-connection-string reads these files while parsing, and the
// repository is untrusted input (sslrootcert=/dev/zero hangs it), so they never reach it.

export function looksLikeConnectionUri(text: string): boolean {
  return URI_SCHEME.test(text.trim());
}

function decode(s: string): string {
  if (s.includes(DYNAMIC)) return s;
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/**
 * Parses a PostgreSQL/CockroachDB URI, with SQLAlchemy `+driver` schemes and multi-host lists.
 * Returns undefined when the text is not such a URI.
 */
export function parseConnectionUri(input: string): ParsedConnection | undefined {
  const text = input.trim();
  const m = URI_SCHEME.exec(text);
  if (!m) return undefined;
  const scheme = (m[1] as string).toLowerCase();
  const driver = m[2]?.toLowerCase();
  const rest = text.slice(m[0].length);

  const { userinfo, afterUserinfo } = splitUserinfo(rest);
  const hashAt = afterUserinfo.indexOf('#');
  const noFragment = hashAt >= 0 ? afterUserinfo.slice(0, hashAt) : afterUserinfo;
  const qAt = noFragment.indexOf('?');
  const hostAndPath = qAt >= 0 ? noFragment.slice(0, qAt) : noFragment;
  const query = qAt >= 0 ? noFragment.slice(qAt + 1) : '';

  const slash = hostAndPath.indexOf('/');
  const hostList = slash >= 0 ? hostAndPath.slice(0, slash) : hostAndPath;
  const path = slash >= 0 ? hostAndPath.slice(slash + 1) : '';

  const params = new Map<string, string>();
  for (const [k, v] of new URLSearchParams(query.split(DYNAMIC).join('%EE%80%80'))) {
    params.set(k.toLowerCase(), v);
  }

  if (/^jdbc:/i.test(text)) jdbcSsl(params);
  else legacySslParams(params, 'uri');

  const hosts = splitHosts(hostList);
  const hostParam = params.get('host');
  if (hostParam !== undefined) hosts.push(...hostParam.split(','));

  let user: string | undefined;
  let password: string | undefined;
  let database: string | undefined = path ? decode(path) : undefined;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    user = decode(colon >= 0 ? userinfo.slice(0, colon) : userinfo);
    password = colon >= 0 ? decode(userinfo.slice(colon + 1)) : undefined;
  }
  // pg-connection-string is the reference reader for the single-host, query-free form; feed it
  // only that (no file-naming parameters, no second host) and prefer its decoding when it agrees.
  if (!text.includes(DYNAMIC)) {
    try {
      const first = hosts[0] && !hosts[0].startsWith('/') ? hosts[0] : 'localhost';
      const authority = userinfo !== undefined ? `${userinfo}@` : '';
      const parsed = pgParse(`postgresql://${authority}${first}/${path}`);
      if (parsed.user) user = parsed.user;
      if (typeof parsed.password === 'string' && parsed.password !== '') password = parsed.password;
      if (parsed.database) database = parsed.database;
    } catch {
      // Keep our own reading: libpq accepts forms WHATWG URL parsing rejects.
    }
  }
  const queryPassword = params.get('password');
  if (password === undefined && queryPassword !== undefined) password = queryPassword;

  return {
    form: 'uri',
    scheme,
    driver,
    hosts: hosts.map((h) => h.replace(/^\[|\]$/g, '')),
    user,
    password,
    database,
    params,
    redacted: redactUri(text, userinfo, m[0].length),
  };
}

/**
 * PgJDBC reads `ssl` when `sslmode` is absent: `ssl=true` (or a bare `ssl`) means verify-full,
 * `ssl=false` means its default, prefer (`SslMode.of` in pgjdbc). Written as the sslmode it
 * stands for, so the rules judge a JDBC URL like any other.
 */
function jdbcSsl(params: Map<string, string>): void {
  const ssl = params.get('ssl');
  if (ssl === undefined || params.has('sslmode')) return;
  const v = ssl.toLowerCase();
  if (v === '' || v === 'true') params.set('sslmode', 'verify-full');
  else if (v === 'false') params.delete('ssl');
}

/**
 * The userinfo of a URI (the text after `scheme://`) and what follows it. It ends at the last '@'
 * before the query: passwords may hold an unencoded '@'. libpq reads further: it takes everything
 * up to an '@' met before the first '/' as the userinfo, so `u:pa?ss#word@db/x` has the password
 * `pa?ss#word`; that reading is taken too when what follows the ':' is not a port number.
 */
function splitUserinfo(rest: string): { userinfo: string | undefined; afterUserinfo: string } {
  const cut = rest.search(/[?#]/);
  const beforeQuery = cut >= 0 ? rest.slice(0, cut) : rest;
  const at = beforeQuery.lastIndexOf('@');
  if (at >= 0) return { userinfo: rest.slice(0, at), afterUserinfo: rest.slice(at + 1) };
  const slash = rest.indexOf('/');
  const libpqAt = (slash >= 0 ? rest.slice(0, slash) : rest).lastIndexOf('@');
  const colon = beforeQuery.indexOf(':');
  if (libpqAt >= 0 && colon >= 0 && !/^\d*$/.test(beforeQuery.slice(colon + 1))) {
    return { userinfo: rest.slice(0, libpqAt), afterUserinfo: rest.slice(libpqAt + 1) };
  }
  return { userinfo: undefined, afterUserinfo: rest };
}

/** `h1:26257,h2,[::1]:5432` → host names without ports. */
function splitHosts(list: string): string[] {
  if (list === '') return [];
  return list.split(',').map((entry) => {
    const e = decode(entry);
    if (e.startsWith('[')) {
      const close = e.indexOf(']');
      return close >= 0 ? e.slice(1, close) : e;
    }
    const colon = e.lastIndexOf(':');
    return colon >= 0 ? e.slice(0, colon) : e;
  });
}

function redactUri(text: string, userinfo: string | undefined, schemeLength: number): string {
  let out = text;
  if (userinfo !== undefined) {
    const colon = userinfo.indexOf(':');
    if (colon >= 0) {
      const start = schemeLength;
      out = out.slice(0, start) + userinfo.slice(0, colon + 1) + MASK + out.slice(start + userinfo.length);
    }
  }
  out = out.replace(/([?&](?:password|sslpassword)=)[^&#]*/gi, `$1${MASK}`);
  // Then the lenient pass: whatever a malformed URI hides in it (a nested URI's password) is masked too.
  return redactCredentials(showDynamic(out));
}

/** Parses a libpq keyword DSN; undefined when the text is not one. */
export function parseKeywordDsn(text: string): ParsedConnection | undefined {
  const pairs = tokenizeKeywordDsn(text);
  if (!pairs) return undefined;
  const params = new Map<string, string>();
  for (const p of pairs) params.set(p.key, p.value);
  if (params.size >= 2) legacySslParams(params, 'keyword-dsn');
  const hosts = [...(params.get('host')?.split(',') ?? []), ...(params.get('hostaddr')?.split(',') ?? [])];
  const redacted = pairs.map((p) => `${p.key}=${SECRET_PARAMS.has(p.key) ? MASK : quoteDsnValue(p.value)}`).join(' ');
  return {
    form: 'keyword-dsn',
    scheme: undefined,
    driver: undefined,
    hosts,
    user: params.get('user'),
    password: params.get('password'),
    database: params.get('dbname'),
    params,
    redacted: redactCredentials(showDynamic(redacted)),
  };
}

function quoteDsnValue(v: string): string {
  return v === '' || /[\s']/.test(v) ? `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'` : v;
}

/**
 * A URI, or a keyword DSN with at least `minPairs` pairs (free-floating strings need two, so
 * that `"user=x"` in prose is not a connection; a string handed to connect() needs one).
 */
export function parseConnectionString(text: string, minPairs = 2): ParsedConnection | undefined {
  const uri = parseConnectionUri(text);
  if (uri) return uri;
  const dsn = parseKeywordDsn(text);
  if (dsn && dsn.params.size >= minPairs) return dsn;
  return undefined;
}

export { MASK };
