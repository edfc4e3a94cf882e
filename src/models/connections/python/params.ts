import type { Node } from '../../../parse/python.js';
import type { PyValue } from '../../../lang/python/evaluate.js';

/** One setting from an argument or dict entry, under the name the caller gave it. */
export interface SettingSource {
  readonly name: string;
  readonly value: PyValue;
  /** The expression the value is written as (an argument value, a dict entry's value). */
  readonly node: Node;
}

/** Parameter names as libpq spells them (psycopg2 accepts `database`, `passwd` as aliases). */
const ALIASES: Readonly<Record<string, string>> = {
  database: 'dbname',
  db: 'dbname',
  passwd: 'password',
  username: 'user',
  ssl_context: 'sslcontext',
};

export function normalizeParam(name: string): string {
  const lower = name.toLowerCase();
  return ALIASES[lower] ?? lower;
}

/** Secrets: kept out of `params` (and so out of every display). */
export const SECRET_PARAMS: ReadonlySet<string> = new Set(['password', 'sslpassword']);

/** Arguments that carry a driver's own TLS setting (asyncpg `ssl=`, an SSLContext). */
export const TLS_OBJECT_KEYS: ReadonlySet<string> = new Set(['ssl', 'sslcontext']);

/** Adds a dict's entries as settings; true when it may hold more than is known. */
export function addDict(settings: SettingSource[], value: PyValue): boolean {
  if (value.kind !== 'dict') return true;
  for (const e of value.entries.values()) settings.push({ name: e.key, value: e.value, node: e.valueNode });
  return value.open;
}
