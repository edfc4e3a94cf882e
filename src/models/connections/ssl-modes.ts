/**
 * libpq's TLS settings as libpq itself reads them, including the spellings older than `sslmode`
 * that still reach a connection.
 */

/** The values libpq accepts for `sslmode` / `PGSSLMODE` (anything else: "invalid sslmode value"). */
export const LIBPQ_SSL_MODES: ReadonlySet<string> = new Set([
  'disable',
  'allow',
  'prefer',
  'require',
  'verify-ca',
  'verify-full',
]);

/**
 * node-postgres' own `sslmode=no-verify`: not libpq's, but documented by a client that reads
 * PostgreSQL URIs, so it is not called unknown.
 */
const OTHER_CLIENTS_MODES: ReadonlySet<string> = new Set(['no-verify']);

/**
 * True for a literal sslmode no PostgreSQL client knows (`fasle`, `on`, `true`, `1`): libpq,
 * psycopg, asyncpg and PgJDBC refuse to connect with it. Only a plain word counts: values not
 * known statically, or text that is not a single word, are left alone.
 */
export function isUnknownSslmode(value: string | undefined): value is string {
  if (value === undefined || !/^[A-Za-z0-9_-]{1,32}$/.test(value)) return false;
  const v = value.toLowerCase();
  return !LIBPQ_SSL_MODES.has(v) && !OTHER_CLIENTS_MODES.has(v);
}

/**
 * Rewrites the older TLS spellings of a connection string's parameters as the sslmode they
 * stand for, when no `sslmode` is given:
 *   - `requiressl=1` / `requiressl=0` (libpq, deprecated but still honoured): libpq stores it
 *     as `sslmode=require` / `sslmode=prefer` (fe-connect.c, conninfo_storeval);
 *   - in a URI, `ssl=false` / `ssl=0`: node-postgres and pg-connection-string turn TLS off
 *     (libpq itself rejects the parameter). JDBC URLs are read by their own rule (`jdbcSsl`).
 */
export function legacySslParams(params: Map<string, string>, form: 'uri' | 'keyword-dsn'): void {
  if (params.has('sslmode')) return;
  const requiressl = params.get('requiressl');
  if (requiressl !== undefined && /^[01]$/.test(requiressl.trim())) {
    params.set('sslmode', requiressl.trim() === '1' ? 'require' : 'prefer');
    return;
  }
  const ssl = params.get('ssl');
  if (form === 'uri' && ssl !== undefined && /^(?:false|0)$/i.test(ssl.trim())) params.set('sslmode', 'disable');
}
