/**
 * Werkzeug URL rules (`/accounts/<int:account_id>/<slug>`): the one reader of their variable
 * parts, for the Flask route model and for the SQL analysis's check of values chosen by the URL.
 */

export interface PathParam {
  readonly name: string;
  /** `int`, `uuid`, `string`, `path`…; undefined for `<name>` (a string). */
  readonly converter: string | undefined;
}

const PARAM = /<(?:([A-Za-z_]\w*)(?:\([^)]*\))?:)?([A-Za-z_]\w*)>/g;

/** `/accounts/<int:account_id>/<slug>` → account_id (int), slug. */
export function pathParams(rule: string): PathParam[] {
  const out: PathParam[] = [];
  for (const m of rule.matchAll(PARAM)) {
    const name = m[2];
    if (name) out.push({ name, converter: m[1] });
  }
  return out;
}
