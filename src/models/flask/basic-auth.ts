import type { PythonIndex } from '../../lang/python/file-index.js';
import { identityRefs } from './auth.js';
import { bodyFacts } from './routes-body.js';
import { identityParams, type FlaskRoute } from './routes.js';
import { calleeNames } from '../../lang/python/imports.js';

/**
 * The view's only authentication is Flask-BasicAuth's `@basic_auth.required` and it never reads
 * who is calling: the caller is the one account configured in `BASIC_AUTH_USERNAME`, so there is
 * no signed-in user a row could belong to. Returns the `BasicAuth` object as written (`basic_auth`)
 * and whether this file shows it is Flask-BasicAuth's own class (`local`); an object imported from
 * another module is left to the project (`local: false`). A subclass (which may check many
 * accounts in `check_credentials`) is not one.
 */
export function basicAuthOnly(
  index: PythonIndex,
  route: FlaskRoute,
): { readonly object: string; readonly local: boolean } | undefined {
  if (route.guards.length > 0) return undefined;
  const auth = route.wrappers.filter((w) => w.auth);
  const first = auth[0];
  if (!first) return undefined;
  const object = first.written.endsWith('.required') ? first.written.slice(0, -'.required'.length) : undefined;
  if (!object || object.includes('.') || auth.some((w) => w.written !== first.written)) return undefined;
  if (identityParams(route).length > 0 || identityRefs(index, bodyFacts(index, route.handler)).length > 0)
    return undefined;
  if (index.imports.names.has(object)) return { object, local: false };
  for (const assignment of index.assignments) {
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.text !== object || right?.type !== 'call') continue;
    if (assignment.parent?.parent?.type !== 'module') continue;
    if (calleeNames(right, index.imports).some((n) => n === 'flask_basicauth.BasicAuth'))
      return { object, local: true };
  }
  return undefined;
}
