import { DYNAMIC } from '../../core/dynamic.js';
import type { Node } from '../../parse/python.js';
import { functionsNamed, identityRefs } from './auth.js';
import { nodesWithin, type PythonIndex } from '../../lang/python/file-index.js';
import { bodyFacts, contains, lastSegment } from './routes-body.js';
import type { FlaskRoute } from './routes.js';
import { dottedName } from '../../lang/python/imports.js';

/** Counters of failed sign-ins: `user.login_attempts`, `failed_logins`, `session["tries"]`. */
const FAILURE_COUNTER = /attempt|fail|tries|retries|retry/i;
/** What a lockout sets: `user.locked = True`, `account.is_locked`, `locked_until`. */
const LOCK_FLAG = /lock|disabled|blocked/i;
const DENY_CALLS = new Set(['abort', 'redirect', 'logout_user']);

/**
 * The view (or a function of this file it calls, two levels deep) counts failed attempts and
 * turns the caller away above a threshold: `user.login_attempts += 1` somewhere, and a comparison
 * of the same counter (`user.login_attempts >= MAX_LOGIN_ATTEMPTS`) whose branch returns, raises,
 * aborts, redirects or sets a lock flag. An account lockout throttles password guessing as a rate
 * limit does (per account rather than per client).
 */
export function locksOutAfterFailures(index: PythonIndex, fn: Node, depth = 0): boolean {
  const body = bodyFacts(index, fn);
  const counters = new Set<string>();
  for (const inc of nodesWithin(index.augmentedAssignments, body.start, body.end)) {
    const target = inc.childForFieldName('left');
    const name = target ? counterName(target) : undefined;
    if (name && FAILURE_COUNTER.test(name) && inc.text.includes('+=')) counters.add(name);
  }
  if (counters.size > 0) {
    for (const cmp of body.comparisons) {
      if (!/>=?/.test(cmp.text)) continue;
      const compared = cmp.namedChildren.map(counterName);
      if (!compared.some((n) => n !== undefined && counters.has(n))) continue;
      const branch = enclosingIf(cmp);
      if (branch && rejects(index, branch)) return true;
    }
  }
  if (depth >= 2) return false;
  for (const call of body.calls) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'identifier') continue;
    for (const def of functionsNamed(index, callee.text))
      if (def.id !== fn.id && locksOutAfterFailures(index, def, depth + 1)) return true;
  }
  return false;
}

/** `user.login_attempts` → login_attempts; `session["tries"]` → tries; `failures` → failures. */
function counterName(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'subscript') {
    const key = node.childForFieldName('subscript');
    return key?.type === 'string' ? key.text.replace(/^["']|["']$/g, '') : undefined;
  }
  return undefined;
}

/** The consequence block of the `if` whose condition holds `node`. */
function enclosingIf(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent) {
    if (current.type === 'if_statement' || current.type === 'elif_clause') {
      const condition = current.childForFieldName('condition');
      if (!condition || !contains(condition, node)) return undefined;
      return current.childForFieldName('consequence') ?? undefined;
    }
    if (current.type === 'block' || current.type === 'function_definition') return undefined;
  }
  return undefined;
}

function rejects(index: PythonIndex, block: Node): boolean {
  const body = bodyFacts(index, block);
  if (body.returns.length > 0 || body.raises.length > 0) return true;
  for (const call of body.calls) {
    const callee = call.childForFieldName('function');
    if (callee && DENY_CALLS.has(lastSegment(dottedName(callee)))) return true;
  }
  return body.assignments.some((a) => {
    const left = a.childForFieldName('left');
    return left?.type === 'attribute' && LOCK_FLAG.test(left.childForFieldName('attribute')?.text ?? '');
  });
}

/** Reads of the signed-in user that only ask whether there is one: a login page's redirect-if-signed-in. */
const PRESENCE_CHECKS = new Set(['is_authenticated', 'is_anonymous', 'is_active']);

/**
 * The view works on the signed-in user's own record: it reads `current_user.id`,
 * `current_user.password`, `get_jwt_identity()`… — more than asking whether someone is signed in.
 * A password endpoint like that changes or unlocks something of an account already signed in
 * (pgAdmin's master password); it is not a public credential endpoint.
 */
export function actsForSignedInUser(index: PythonIndex, fn: Node): boolean {
  for (const ref of identityRefs(index, bodyFacts(index, fn))) {
    const parent = ref.parent;
    // `session["user_id"] = user.id` signs someone in; it reads no one.
    if (parent?.type === 'assignment' && parent.childForFieldName('left')?.id === ref.id) continue;
    const attribute =
      parent?.type === 'attribute' && parent.childForFieldName('object')?.id === ref.id
        ? parent.childForFieldName('attribute')?.text
        : undefined;
    if (attribute === undefined || !PRESENCE_CHECKS.has(attribute)) return true;
  }
  return false;
}

/**
 * The second step of a password reset: the link mailed to the user, carrying its token in the URL
 * (`/reset/<token>`, or a view taking `token` when the rule is built at run time). What an
 * attacker would have to guess is that token — long, random or signed — not a short code; the
 * step that sends the mail (and can flood mailboxes) is the one a limit protects.
 */
export function resetLinkWithToken(route: FlaskRoute): boolean {
  if (route.params.some((p) => /token/i.test(p.name))) return true;
  if ((route.rule !== undefined && !route.rule.includes(DYNAMIC)) || !route.viewDefined) return false;
  const params = route.handler.childForFieldName('parameters')?.namedChildren ?? [];
  return params.some((p) => (p.type === 'identifier' ? p.text : (p.firstNamedChild?.text ?? '')).includes('token'));
}
