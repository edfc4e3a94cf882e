import type { ConfigDoc, ConfigEntry } from '../../../parse/config/types.js';
import type { DriverTlsFact } from '../types.js';

/** The ports PostgreSQL and CockroachDB listen on by default. */
const POSTGRES_PORTS = new Set(['5432', '26257']);
const HOST_KEYS = new Set(['host', 'hostname', 'server']);
/** A sibling that names the database engine (`"dialect": "postgres"`, `"client": "pg"`). */
const ENGINE_KEYS = new Set(['dialect', 'driver', 'client', 'engine', 'type', 'adapter', 'provider']);
const POSTGRES_ENGINE = /^(?:postgres(?:ql)?|pg|cockroach(?:db)?|crdb|psycopg2?|asyncpg|npgsql)$/i;

/**
 * `"ssl": false` in a JSON object that is plainly a PostgreSQL/CockroachDB connection's settings:
 * it names a host and either a PostgreSQL/CockroachDB port (5432, 26257) or a PostgreSQL engine
 * (`"dialect": "postgres"`). Client libraries that read such files (node-postgres, Sequelize,
 * TypeORM, Swift's PostgresNIO) connect in plaintext when `ssl` is false. An object with an `ssl`
 * flag but no such host and port (a web server's, a mail server's) is someone else's setting.
 */
export function jsonDriverTls(doc: ConfigDoc): DriverTlsFact[] {
  if (doc.format !== 'json') return [];
  const objects = new Map<string, ConfigEntry[]>();
  for (const e of doc.entries) {
    const parent = `${e.document}\0${JSON.stringify(e.path.slice(0, -1))}`;
    const group = objects.get(parent);
    if (group) group.push(e);
    else objects.set(parent, [e]);
  }
  const out: DriverTlsFact[] = [];
  for (const entries of objects.values()) {
    const ssl = entries.find((e) => e.key.toLowerCase() === 'ssl' && e.value === false);
    const host = entries.find((e) => HOST_KEYS.has(e.key.toLowerCase()));
    if (!ssl || typeof host?.value !== 'string' || host.value === '') continue;
    const port = entries.find((e) => e.key.toLowerCase() === 'port');
    const engine = entries.find((e) => ENGINE_KEYS.has(e.key.toLowerCase()) && typeof e.value === 'string');
    const postgresPort = port !== undefined && POSTGRES_PORTS.has(String(port.value).trim());
    const postgresEngine = engine !== undefined && POSTGRES_ENGINE.test(String(engine.value).trim());
    if (!postgresPort && !postgresEngine) continue;
    out.push({
      span: ssl.span,
      detail: '"ssl": false in the database connection settings',
      hosts: [host.value],
    });
  }
  return out;
}
