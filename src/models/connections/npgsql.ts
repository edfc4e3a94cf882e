import { MASK, type ParsedConnection } from './parse.js';
import { showDynamic } from '../../core/dynamic.js';

/**
 * Npgsql (.NET) connection strings, as `appsettings.json` `ConnectionStrings` hold them:
 * `Host=db;Port=26257;Database=bank;Username=app;Password=...;SSL Mode=VerifyFull`. ADO.NET's
 * grammar: `key=value` pairs separated by `;`, keys case-insensitive (Npgsql also accepts them
 * without their blanks: `SslMode`), values optionally in double or single quotes with the quote
 * doubled inside. Only Npgsql's own keywords are accepted, so SQL Server's and MySQL's strings
 * (`Initial Catalog`, `Encrypt`, `Uid`) are not read as PostgreSQL's.
 */

/** Npgsql keywords (spaces removed, lower case) → the libpq parameter they stand for, if any. */
const KEYWORDS: ReadonlyMap<string, string | undefined> = new Map<string, string | undefined>([
  ['host', 'host'],
  ['server', 'host'],
  ['port', 'port'],
  ['database', 'dbname'],
  ['db', 'dbname'],
  ['username', 'user'],
  ['user', 'user'],
  ['userid', 'user'],
  ['password', 'password'],
  ['psw', 'password'],
  ['pwd', 'password'],
  ['passfile', 'passfile'],
  ['sslmode', 'sslmode'],
  ['trustservercertificate', undefined],
  ['rootcertificate', 'sslrootcert'],
  ['sslcertificate', 'sslcert'],
  ['sslkey', 'sslkey'],
  ['sslpassword', 'sslpassword'],
  ['checkcertificaterevocation', undefined],
  ['gssencryptionmode', 'gssencmode'],
  ['applicationname', 'application_name'],
  ['searchpath', undefined],
  ['timeout', 'connect_timeout'],
  ['commandtimeout', undefined],
  ['pooling', undefined],
  ['minpoolsize', undefined],
  ['maxpoolsize', undefined],
  ['connectionidlelifetime', undefined],
  ['connectionlifetime', undefined],
  ['keepalive', undefined],
  ['includeerrordetail', undefined],
  ['targetsessionattributes', 'target_session_attrs'],
  ['loadbalancehosts', 'load_balance_hosts'],
  ['multiplexing', undefined],
  ['enlist', undefined],
  ['encoding', 'client_encoding'],
  ['servercompatibilitymode', undefined],
  ['integratedsecurity', undefined],
  ['options', 'options'],
]);

/** Npgsql's SslMode names → libpq's. */
const SSL_MODES: ReadonlyMap<string, string> = new Map([
  ['disable', 'disable'],
  ['allow', 'allow'],
  ['prefer', 'prefer'],
  ['require', 'require'],
  ['verifyca', 'verify-ca'],
  ['verify-ca', 'verify-ca'],
  ['verifyfull', 'verify-full'],
  ['verify-full', 'verify-full'],
]);

interface Pair {
  readonly key: string;
  readonly value: string;
}

/** The pairs of an ADO.NET connection string, or undefined when the text is not one. */
function pairsOf(text: string): Pair[] | undefined {
  const pairs: Pair[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    while (i < n && (text[i] === ';' || /\s/.test(text[i] as string))) i++;
    if (i >= n) break;
    const eq = text.indexOf('=', i);
    if (eq < 0) return undefined;
    const key = text.slice(i, eq).trim();
    if (key === '' || key.includes(';')) return undefined;
    i = eq + 1;
    while (i < n && (text[i] === ' ' || text[i] === '\t')) i++;
    let value = '';
    const q = text[i];
    if (q === '"' || q === "'") {
      i++;
      let closed = false;
      while (i < n) {
        if (text[i] === q && text[i + 1] === q) {
          value += q;
          i += 2;
        } else if (text[i] === q) {
          i++;
          closed = true;
          break;
        } else value += text[i++];
      }
      if (!closed) return undefined;
      while (i < n && text[i] !== ';') if (!/\s/.test(text[i++] as string)) return undefined;
    } else {
      const semi = text.indexOf(';', i);
      value = text.slice(i, semi < 0 ? n : semi).trim();
      i = semi < 0 ? n : semi;
    }
    pairs.push({ key, value });
  }
  return pairs;
}

function canonical(key: string): string {
  return key.toLowerCase().replace(/\s+/g, '');
}

/**
 * Parses an Npgsql connection string: at least two pairs, every key an Npgsql keyword, a host
 * named. Parameters come out under their libpq names with libpq's values (`SSL Mode=VerifyFull`
 * → `sslmode=verify-full`); `Trust Server Certificate=true` turns certificate checks off, which
 * is libpq's `require` for any mode that encrypts.
 */
export function parseNpgsqlConnectionString(text: string): ParsedConnection | undefined {
  if (!text.includes(';') || !text.includes('=')) return undefined;
  const pairs = pairsOf(text);
  if (!pairs || pairs.length < 2) return undefined;
  const params = new Map<string, string>();
  let trustAny = false;
  for (const p of pairs) {
    const key = canonical(p.key);
    if (!KEYWORDS.has(key)) return undefined;
    const libpq = KEYWORDS.get(key);
    if (key === 'trustservercertificate') trustAny = p.value.toLowerCase() === 'true';
    if (libpq === undefined) continue;
    if (libpq === 'sslmode') {
      const mode = SSL_MODES.get(p.value.toLowerCase());
      if (mode !== undefined) params.set('sslmode', mode);
      continue;
    }
    params.set(libpq, p.value);
  }
  const host = params.get('host');
  if (host === undefined || host === '') return undefined;
  const mode = params.get('sslmode');
  if (trustAny && (mode === 'verify-ca' || mode === 'verify-full')) params.set('sslmode', 'require');
  const redacted = pairs
    .map((p) =>
      KEYWORDS.get(canonical(p.key)) === 'password' || canonical(p.key) === 'sslpassword'
        ? `${p.key}=${MASK}`
        : `${p.key}=${p.value}`,
    )
    .join(';');
  return {
    form: 'keyword-dsn',
    scheme: undefined,
    driver: 'npgsql',
    // Npgsql's Host may carry a port (`db:26257`) and list several hosts.
    hosts: host.split(',').map((h) => h.trim().replace(/:\d+$/, '')),
    user: params.get('user'),
    password: params.get('password'),
    database: params.get('dbname'),
    params,
    redacted: showDynamic(redacted),
  };
}

/** The ports PostgreSQL and CockroachDB listen on by default. */
const POSTGRES_PORTS = new Set(['5432', '26257']);

/**
 * An ADO.NET string with Npgsql's keywords could be another provider's (`Server=...;Database=...`
 * is also SQL Server's): it is PostgreSQL's when it names a PostgreSQL/CockroachDB port, or an
 * SSL mode only Npgsql spells so (`Disable`, `Allow`, `Prefer`, `Require`; MySQL says `None`,
 * `Preferred`, `Required`), or when its setting's name says so (`ConnectionStrings:Postgres`).
 */
export function isPostgresNpgsql(parsed: ParsedConnection, text: string, settingName: string): boolean {
  const port = parsed.params.get('port');
  if (port !== undefined && POSTGRES_PORTS.has(port.trim())) return true;
  if (/:(?:5432|26257)(?:,|$)/.test(parsed.params.get('host') ?? '')) return true;
  if (/ssl\s*mode\s*=\s*["']?(?:disable|allow|prefer|require)["']?\s*(?:;|$)/i.test(text)) return true;
  return /postgres|npgsql|cockroach|crdb|pgsql/i.test(settingName);
}
