import { showDynamic } from '../../../core/dynamic.js';
import { MASK } from '../parse.js';
import type { ParamFact } from '../types.js';

/**
 * Display forms for connections that are not one string (a string's display is the redacted
 * string itself). A password is only ever shown as the mask; unknown values as `{…}`.
 */

function shown(p: ParamFact | undefined): string {
  return p?.value === undefined ? '{…}' : showDynamic(p.value);
}

const URL_PARTS = new Set(['user', 'host', 'port', 'dbname']);

/** `postgresql+psycopg2://app:****@db:26257/app?sslmode=disable` for URL.create(). */
export function urlDisplay(
  scheme: string | undefined,
  driver: string | undefined,
  params: ReadonlyMap<string, ParamFact>,
  hosts: readonly string[] | undefined,
  hasPassword: boolean,
): string {
  const user = params.has('user') ? shown(params.get('user')) : '';
  const auth = user || hasPassword ? `${user}${hasPassword ? `:${MASK}` : ''}@` : '';
  const host = hosts ? hosts.join(',') : '{…}';
  const port = params.has('port') ? `:${shown(params.get('port'))}` : '';
  const db = params.has('dbname') ? shown(params.get('dbname')) : '';
  const query = [...params]
    .filter(([k]) => !URL_PARTS.has(k))
    .map(([k, p]) => `${k}=${shown(p)}`)
    .join('&');
  const name = scheme === undefined ? '{…}' : driver ? `${scheme}+${driver}` : scheme;
  return `${name}://${auth}${host}${port}/${db}${query ? `?${query}` : ''}`;
}

/** `host=db dbname=app sslmode=disable password=****` for keyword arguments. */
export function argumentDisplay(
  params: ReadonlyMap<string, ParamFact>,
  hasPassword: boolean,
  unknownString: boolean,
): string {
  const parts: string[] = unknownString ? ['{…}'] : [];
  for (const [k, p] of params) parts.push(`${k}=${shown(p)}`);
  if (hasPassword) parts.push(`password=${MASK}`);
  return parts.join(' ');
}
