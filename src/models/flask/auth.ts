import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import { MemoSlot, nodesWithin, type PythonIndex } from '../../lang/python/file-index.js';
import { bodyFacts, contains, lastSegment, type BodyFacts } from './routes-body.js';
import { calleeNames, dottedName, resolveNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * What a decorator (or a wrapper in a `decorators = [...]` list, or `login_required(view)`) does
 * to a Flask view, judged from its name and, for decorators defined in the same file, from what
 * its wrapper checks. Decorators imported from another module are judged by their name alone.
 */
export interface WrapperInfo {
  /** The expression: a name, an attribute chain or a call. */
  readonly node: Node;
  /** The written dotted name of the decorator (of the callee when it is a call); '' for others. */
  readonly written: string;
  /** Full names it may stand for, imports resolved. */
  readonly names: readonly string[];
  /** Requires a signed-in user (or a valid token). */
  readonly auth: boolean;
  /** Restricts the view further: roles, permissions, ownership, administrators. */
  readonly authorizes: boolean;
  /** Administrators (or staff, superusers) only. */
  readonly admin: boolean;
  /** A rate limit (Flask-Limiter or a look-alike). */
  readonly limit: boolean;
  /** `@limiter.exempt`: no limit at all, not even the app-wide default. */
  readonly limitExempt: boolean;
}

// Extensions' decorators that require a signed-in user: Flask-Login, Flask-JWT-Extended,
// Flask-Security, Flask-HTTPAuth, Flask-Praetorian, Authlib, flask-oidc, Flask-BasicAuth.
const AUTH_EXACT = new Set([
  'login_required',
  'fresh_login_required',
  'jwt_required',
  'fresh_jwt_required',
  'jwt_refresh_token_required',
  'auth_required',
  'auth_token_required',
  'http_auth_required',
  'token_required',
  'requires_auth',
  'require_auth',
  'requires_login',
  'require_login',
  'roles_required',
  'roles_accepted',
  'role_required',
  'requires_roles',
  'requires_role',
  'permission_required',
  'permissions_required',
  'permissions_accepted',
  'admin_required',
  'superuser_required',
  'staff_required',
  'require_oauth',
  'accept_token',
  'authenticated',
  'authenticated_only',
  'login_only',
  'admin_only',
]);

// `<something>_required` where the something names who may call: `user_required`, `api_key_required`.
const AUTH_REQUIRED =
  /(?:^|_)(?:login|logged_in|auth|authenticated|authentication|token|jwt|admin|role|roles|permission|permissions|perm|perms|superuser|staff|user|member|api_?key|key|session|signin|oauth|scope|scopes|access|owner|privilege|privileges)_(?:required|accepted|needed)$/;
const AUTH_REQUIRES =
  /^(?:requires?|must_be|ensure)_(?:auth|authentication|authenticated|login|logged_in|admin|role|roles|permission|permissions|perm|perms|user|token|api_?key|jwt|oauth|scope|scopes|session|signin|access|superuser|staff|owner|privilege)/;
const LOOSE_AUTH = /auth|login|logged_in|signed_in|jwt|token|permission|protected|privilege/;
const NOT_AUTH = /csrf|optional|logout|oauth_?callback|exempt|cache|limit|log_|_log$|swag|doc/;
const ADMIN_WORD = /admin|superuser|staff/i;
const AUTHORIZING_WORD =
  /role|permission|perm(?:s)?(?:_|$)|owner|admin|superuser|staff|privilege|policy|acl(?:_|$)|can_|scope/i;
const LIMIT_NAME = /(?:^|_)(?:rate_?limit(?:ed|s)?|throttle[ds]?|ratelimit(?:ed)?|limits)$/i;

export function classifyWrapper(index: PythonIndex, expr: Node, depth = 0): WrapperInfo {
  const isCall = expr.type === 'call';
  const callee = isCall ? expr.childForFieldName('function') : expr;
  const written = (callee && dottedName(callee)) ?? '';
  const names = callee ? (isCall ? calleeNames(expr, index.imports) : resolveNames(callee, index.imports)) : [];
  const last = lastSegment(written).toLowerCase();
  const receiver = written.includes('.') ? written.slice(0, written.lastIndexOf('.')).toLowerCase() : '';
  const fromLimiter = names.some((n) => n.startsWith('flask_limiter'));

  let auth = false;
  let authorizes = false;
  let admin = false;
  let limit = false;
  let limitExempt = false;

  if (last !== '') {
    // `@jwt_required(optional=True)` admits anonymous callers; Flask-Security's
    // `@anonymous_user_required` admits ONLY them: neither authenticates anyone.
    const optional = last.includes('optional') || last.includes('anonymous') || (isCall && optionalKeyword(expr));
    if (!optional) {
      if (AUTH_EXACT.has(last) || AUTH_REQUIRED.test(last) || AUTH_REQUIRES.test(last)) auth = true;
      // Flask-BasicAuth's `@basic_auth.required`, Flask-HTTPAuth's `@auth.login_required`.
      else if (last === 'required' && /auth|login|token/.test(receiver)) auth = true;
      // Other names that say so: `@check_auth`, `@jwt_auth`, `@authenticate`, `@signed_in_only`.
      else if (LOOSE_AUTH.test(last) && !NOT_AUTH.test(last)) auth = true;
    }
    if (auth) {
      authorizes = AUTHORIZING_WORD.test(last);
      admin = ADMIN_WORD.test(last) || (isCall && mentionsAdmin(expr));
      if (admin) authorizes = true;
      else if (isCall && /role|permission|perm/.test(last)) authorizes = true;
      // Flask-HTTPAuth: `@auth.login_required(role="admin")`.
      if (isCall && callArguments(expr).keywords.has('role')) authorizes = true;
    } else if (AUTHORIZING_WORD.test(last) && !/limit|cache|route/.test(last)) {
      // `@owner_required`, `@check_permission("edit")`: a check on who acts, which implies a user.
      authorizes = /required|check|require|only|must|ensure|verify|accepted/.test(last);
      auth = authorizes;
      admin = authorizes && ADMIN_WORD.test(last);
    }
    if ((last === 'limit' || last === 'shared_limit') && (/limit/.test(receiver) || fromLimiter)) limit = true;
    else if (LIMIT_NAME.test(last)) limit = true;
    if (last === 'exempt' && (/limit/.test(receiver) || fromLimiter)) limitExempt = true;
  }

  // A decorator written in this file: what its wrapper does decides.
  if (!auth && !limit && written !== '' && !written.includes('.') && depth < 3) {
    for (const fn of functionsNamed(index, written)) {
      const found = inspectDecorator(index, fn, depth + 1);
      if (found.auth) {
        auth = true;
        authorizes ||= found.admin || found.authorizes;
        admin ||= found.admin;
      }
      if (found.limit) limit = true;
    }
  }
  return { node: expr, written, names, auth, authorizes, admin, limit, limitExempt };
}

function optionalKeyword(call: Node): boolean {
  const value = callArguments(call).keywords.get('optional');
  return value !== undefined && value.type === 'true';
}

/** `roles_required("admin")`, `permission_required(Permission.ADMIN)`. */
function mentionsAdmin(call: Node): boolean {
  const args = call.childForFieldName('arguments');
  return args !== null && ADMIN_WORD.test(args.text);
}

const functionIndex = new MemoSlot<Map<string, Node[]>>('auth.functionIndex');

/** Functions defined anywhere in the file, by name. */
export function functionsNamed(index: PythonIndex, name: string): readonly Node[] {
  let map = functionIndex.get(index);
  if (!map) {
    map = new Map();
    for (const fn of index.functions) {
      const n = fn.childForFieldName('name')?.text;
      if (!n) continue;
      const list = map.get(n);
      if (list) list.push(fn);
      else map.set(n, [fn]);
    }
    functionIndex.set(index, map);
  }
  return map.get(name) ?? [];
}

export interface DecoratorCheck {
  readonly auth: boolean;
  readonly authorizes: boolean;
  readonly admin: boolean;
  readonly limit: boolean;
}

const decoratorCache = new MemoSlot<Map<number, DecoratorCheck>>('auth.decoratorCache');

/**
 * A decorator defined in the file (or a before_request function): it authenticates when it
 * reads who is calling (current_user, g.user, the session, a token) and turns callers away
 * (abort, redirect, raise, a 401/403 response), or when it hands the view to another
 * authentication decorator.
 */
export function inspectDecorator(index: PythonIndex, fn: Node, depth = 0): DecoratorCheck {
  let cache = decoratorCache.get(index);
  if (!cache) {
    cache = new Map();
    decoratorCache.set(index, cache);
  }
  const hit = cache.get(fn.id);
  if (hit) return hit;
  // A recursive question about the same function answers "no" rather than looping.
  cache.set(fn.id, { auth: false, authorizes: false, admin: false, limit: false });
  const body = bodyFacts(index, fn);
  const evidence = authEvidence(index, body);
  let auth = evidence.jwtVerify || ((evidence.identity || evidence.header || evidence.verifier) && evidence.deny);
  let admin = false;
  let limit = evidence.tooManyRequests;
  // `return login_required(wrapper)`, or an inner function decorated with one.
  if (!auth && depth < 3) {
    for (const call of body.calls) {
      const w = classifyWrapper(index, call, depth + 1);
      if (w.auth && call.childForFieldName('arguments')?.namedChildCount === 1) auth = true;
      if (w.limit) limit = true;
    }
    for (const dec of nodesWithin(index.decorated, body.start, body.end)) {
      for (const d of decoratorExpressions(dec)) {
        const w = classifyWrapper(index, d, depth + 1);
        if (w.auth) auth = true;
        if (w.admin) admin = true;
      }
    }
  }
  if (auth) admin ||= evidence.admin;
  const result: DecoratorCheck = { auth, authorizes: admin || evidence.roleCheck, admin, limit };
  cache.set(fn.id, result);
  return result;
}

/** The expressions after `@` of a decorated_definition, top to bottom. */
export function decoratorExpressions(decorated: Node): Node[] {
  const out: Node[] = [];
  for (const child of decorated.namedChildren) {
    if (child.type !== 'decorator') continue;
    const expr = child.firstNamedChild;
    if (expr && expr.type !== 'comment') out.push(expr);
  }
  return out;
}

export interface AuthEvidence {
  /** Reads the signed-in user: current_user, g.user, session["user_id"], get_jwt_identity(). */
  readonly identity: boolean;
  /** Reads credentials from the request: an Authorization/API-key header, request.authorization. */
  readonly header: boolean;
  /** Calls something that checks credentials: verify_token, check_auth, jwt.decode, authenticate. */
  readonly verifier: boolean;
  /** `verify_jwt_in_request()`: checks and raises by itself. */
  readonly jwtVerify: boolean;
  /** Turns the caller away: abort, redirect, raise, unauthorized(), a 401/403 status. */
  readonly deny: boolean;
  /** Mentions administrators or roles. */
  readonly admin: boolean;
  readonly roleCheck: boolean;
  /** Answers 429 itself: a hand-made rate limit. */
  readonly tooManyRequests: boolean;
}

const DENY_CALLS = new Set(['abort', 'redirect', 'unauthorized', 'forbidden', 'unauthorized_callback']);
const VERIFY_CALL =
  /^(?:(?:verify|validate|check|decode)_?\w*(?:token|jwt|auth|session|login|api_?key|credentials?|password|signature)|(?:verify|validate|authenticate)_?\w*user|authenticate|check_auth|is_authenticated|is_logged_in|logged_in)$/i;
const JWT_VERIFY = new Set([
  'verify_jwt_in_request',
  'verify_fresh_jwt_in_request',
  'verify_jwt_refresh_token_in_request',
]);
const AUTH_HEADER =
  /^(?:authorization|x-api-key|api-key|apikey|x-auth-token|x-access-token|access-token|x-token|token)$/i;
const AUTH_QUERY = /^(?:token|api_key|apikey|access_token|auth|key)$/i;

export function authEvidence(index: PythonIndex, body: BodyFacts): AuthEvidence {
  let header = false;
  let verifier = false;
  let jwtVerify = false;
  let deny = body.raises.length > 0;
  let tooManyRequests = false;
  for (const call of body.calls) {
    const fn = call.childForFieldName('function');
    const written = fn ? dottedName(fn) : undefined;
    const last = lastSegment(written);
    if (DENY_CALLS.has(last)) deny = true;
    if (JWT_VERIFY.has(last)) jwtVerify = true;
    else if (VERIFY_CALL.test(last) || written === 'jwt.decode') verifier = true;
    if (last === 'get' && (written === 'request.headers.get' || written === 'request.args.get')) {
      const key = firstStringArgument(call);
      if (key !== undefined && (written === 'request.headers.get' ? AUTH_HEADER : AUTH_QUERY).test(key)) header = true;
    }
  }
  for (const sub of body.subscripts) {
    const value = sub.childForFieldName('value');
    if (value?.text !== 'request.headers') continue;
    const key = sub.childForFieldName('subscript');
    const text = key ? constantStringValue(key) : undefined;
    if (text !== undefined && AUTH_HEADER.test(text)) header = true;
  }
  let admin = false;
  let roleCheck = false;
  for (const attr of body.attributes) {
    const text = attr.text;
    if (text === 'request.authorization') header = true;
    const name = attr.childForFieldName('attribute')?.text ?? '';
    if (ADMIN_WORD.test(name)) admin = true;
    if (/role|permission|perm/i.test(name)) roleCheck = true;
    if (name === 'UNAUTHORIZED' || name === 'FORBIDDEN') deny = true;
    if (name === 'TOO_MANY_REQUESTS') tooManyRequests = true;
  }
  for (const id of body.identifiers) {
    const t = id.text;
    if (ADMIN_WORD.test(t)) admin = true;
    if (/role|permission/i.test(t)) roleCheck = true;
  }
  for (const n of body.integers) {
    const t = n.text;
    if (t === '401' || t === '403') deny = true;
    if (t === '429') tooManyRequests = true;
  }
  if (admin) roleCheck = true;
  const identity = identityRefs(index, body).length > 0;
  return { identity, header, verifier, jwtVerify, deny, admin, roleCheck, tooManyRequests };
}

function firstStringArgument(call: Node): string | undefined {
  const first = callArguments(call).positional[0];
  return first ? constantStringValue(first) : undefined;
}

// ---------------------------------------------------------------------------------------------
// The signed-in user, as a view sees it.

const IDENTITY_NAMES = new Set(['current_user', 'current_identity']);
const IDENTITY_CALLS = new Set([
  'get_jwt_identity',
  'get_current_user',
  'current_user',
  'get_jwt',
  'get_raw_jwt',
  'get_jwt_claims',
  'get_current_user_id',
  'current_user_id',
  'get_current_identity',
  'get_logged_in_user',
  'get_authenticated_user',
]);
/** `current_user_id()`, `get_current_user_role()`, `get_logged_in_user_id()`. */
const IDENTITY_CALL = /^(?:get_)?current_(?:user|identity|account)\w*$|^get_(?:logged_in|authenticated)_user\w*$/;
/** Session keys that hold who is signed in (`_user_id` is Flask-Login's). */
export const USER_KEY = /user|uid|account|login|logged|identity|email|member|customer|owner|profile/i;
const G_USER = /user|identity|principal|account|member|customer|owner|^me$|uid|auth/i;
/** `request.authorization`, and `request.user` set by a before_request hook. */
const REQUEST_USER = /^(?:authorization|user|current_user|auth_user|identity|principal)$/;

const identityCache = new MemoSlot<Map<string, Node[]>>('auth.identityCache');

/**
 * Every expression inside `body` that stands for the signed-in user: `current_user`,
 * `g.user`, `session["user_id"]`, `session.get("user_id")`, `get_jwt_identity()`,
 * `auth.current_user()`, `request.authorization`, `request.user` (`self.request.user` in a
 * Django class view), `names` (a view's parameters that a decorator fills with the user), and
 * local variables assigned from any of these.
 */
export function identityRefs(index: PythonIndex, body: BodyFacts, names: readonly string[] = []): Node[] {
  let cache = identityCache.get(index);
  if (!cache) {
    cache = new Map();
    identityCache.set(index, cache);
  }
  const key = `${body.node.id}:${names.join(',')}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const refs: Node[] = [];
  for (const call of body.calls) {
    const fn = call.childForFieldName('function');
    const written = fn ? dottedName(fn) : undefined;
    const last = lastSegment(written);
    if (IDENTITY_CALLS.has(last) || IDENTITY_CALL.test(last)) refs.push(call);
    else if (written === 'session.get') {
      const k = firstStringArgument(call);
      if (k !== undefined && USER_KEY.test(k)) refs.push(call);
    }
  }
  for (const attr of body.attributes) {
    const object = attr.childForFieldName('object');
    const name = attr.childForFieldName('attribute')?.text ?? '';
    // `self.request.user`: the request a Django class-based view holds.
    if (object?.type === 'attribute' && object.text === 'self.request' && REQUEST_USER.test(name)) refs.push(attr);
    if (object?.type !== 'identifier') continue;
    const o = object.text;
    if ((o === 'g' && G_USER.test(name)) || (o === 'request' && REQUEST_USER.test(name))) refs.push(attr);
  }
  for (const sub of body.subscripts) {
    const value = sub.childForFieldName('value');
    if (value?.type !== 'identifier' || value.text !== 'session') continue;
    const k = sub.childForFieldName('subscript');
    const text = k ? constantStringValue(k) : undefined;
    if (text !== undefined && USER_KEY.test(text)) refs.push(sub);
  }
  // `"user_id" in session` / `"user_id" not in session`.
  for (const cmp of body.comparisons) {
    const kids = cmp.namedChildren;
    const left = kids[0];
    const right = kids[kids.length - 1];
    if (kids.length !== 2 || !left || !right || right.text !== 'session') continue;
    const text = constantStringValue(left);
    if (text !== undefined && USER_KEY.test(text)) refs.push(cmp);
  }
  const aliases = new Set<string>(names);
  for (const id of body.identifiers) if (IDENTITY_NAMES.has(id.text)) refs.push(id);
  // Local variables holding the user or its id: `uid = get_jwt_identity()`, `me = current_user`.
  for (let pass = 0; pass < 3; pass++) {
    let grew = false;
    for (const assignment of body.assignments) {
      const right = assignment.childForFieldName('right');
      const left = assignment.childForFieldName('left');
      if (!right || !left) continue;
      const fromIdentity =
        refs.some((r) => contains(right, r)) ||
        (aliases.size > 0 && body.identifiers.some((id) => aliases.has(id.text) && contains(right, id)));
      if (!fromIdentity) continue;
      for (const target of left.type === 'identifier' ? [left] : left.namedChildren) {
        if (target.type === 'identifier' && !aliases.has(target.text)) {
          aliases.add(target.text);
          grew = true;
        }
      }
    }
    if (!grew) break;
  }
  if (aliases.size > 0) {
    for (const id of body.identifiers) {
      if (!aliases.has(id.text)) continue;
      // `x.user_id` is an attribute named like an alias, not the alias.
      const parent = id.parent;
      if (parent?.type === 'attribute' && parent.childForFieldName('attribute')?.id === id.id) continue;
      if (parent?.type === 'keyword_argument' && parent.childForFieldName('name')?.id === id.id) continue;
      refs.push(id);
    }
  }
  cache.set(key, refs);
  return refs;
}

// ---------------------------------------------------------------------------------------------
// Hooks that turn the anonymous away, and hooks that only record who is calling.

const SPECIFIC_DENY_CALLS = new Set(['unauthorized', 'forbidden', 'unauthorized_callback']);
const SPECIFIC_RAISE = /Unauthori[sz]ed|Forbidden|401|403|AuthError|Authentication|PermissionDenied|NotAuthenticated/;
const HEADER_TEXT =
  /request\.(?:authorization|headers)|request\.args\.get\(\s*["'](?:token|api_key|apikey|access_token|key)["']/;

/**
 * A `before_request` hook (a function of no arguments) turns away callers without a user: it
 * checks a token itself (`verify_jwt_in_request()`), answers 401/403 (`abort(401)`, `raise
 * Unauthorized`, `return jsonify(...), 403`), or aborts, redirects or raises under a condition
 * that reads who is calling (`if g.user is None: return redirect(url_for("login"))`, `if not
 * verify_token(request.headers["Authorization"])`). A hook that records the user (`g.user = None
 * if uid is None else User.query.get(uid)`) and rejects for another reason only (plain HTTP, a
 * maintenance switch, a too-large body) guards nothing. Factories (a nested function) are left to
 * inspectDecorator.
 */
export function rejectsAnonymous(index: PythonIndex, fn: Node): boolean {
  const body = bodyFacts(index, fn);
  if (nodesWithin(index.functions, body.start, body.end).some((inner) => inner.id !== fn.id)) return true;
  const evidence = authEvidence(index, body);
  if (evidence.jwtVerify) return true;
  const specific =
    body.integers.some((n) => n.text === '401' || n.text === '403') ||
    body.attributes.some((a) => /^(?:UNAUTHORIZED|FORBIDDEN)$/.test(a.childForFieldName('attribute')?.text ?? '')) ||
    body.raises.some((r) => SPECIFIC_RAISE.test(r.text)) ||
    body.calls.some((c) => SPECIFIC_DENY_CALLS.has(lastSegment(dottedName(c.childForFieldName('function') ?? c))));
  if (specific) return true;
  // Who is calling, as the hook's conditions may read it, and the locals holding it.
  const refs = identityRefs(index, body);
  const holders = new Set<string>();
  for (const assignment of body.assignments) {
    const right = assignment.childForFieldName('right');
    const left = assignment.childForFieldName('left');
    if (!right || left?.type !== 'identifier') continue;
    if (refs.some((r) => contains(right, r)) || readsWho(right)) holders.add(left.text);
  }
  const asksWho = (condition: Node): boolean =>
    refs.some((r) => contains(condition, r)) ||
    readsWho(condition) ||
    body.identifiers.some((id) => holders.has(id.text) && contains(condition, id));
  const denials = [
    ...body.raises,
    ...body.calls.filter((c) => DENY_CALLS.has(lastSegment(dottedName(c.childForFieldName('function') ?? c)))),
  ];
  if (denials.length === 0) return false;
  if (denials.some((deny) => underCondition(deny, fn, asksWho))) return true;
  // `if g.user is not None: return` and then `return redirect(url_for("login"))`.
  return fn.descendantsOfType('if_statement').some((stmt) => {
    const condition = stmt.childForFieldName('condition');
    const consequence = stmt.childForFieldName('consequence');
    return (
      condition !== null &&
      consequence !== null &&
      asksWho(condition) &&
      consequence.descendantsOfType('return_statement').length > 0 &&
      denials.some((deny) => deny.startIndex > stmt.endIndex)
    );
  });
}

/** Reads credentials or calls something that checks them. */
function readsWho(node: Node): boolean {
  if (HEADER_TEXT.test(node.text)) return true;
  const calls = node.type === 'call' ? [node] : node.descendantsOfType('call');
  return calls.some((c) => {
    const written = dottedName(c.childForFieldName('function') ?? c);
    return VERIFY_CALL.test(lastSegment(written)) || written === 'jwt.decode';
  });
}

/** Some `if`/`elif`/conditional expression around `node` (inside `fn`) has a condition `asks` accepts. */
function underCondition(node: Node, fn: Node, asks: (condition: Node) => boolean): boolean {
  let child = node;
  for (let current = node.parent; current && current.id !== fn.id; current = current.parent) {
    if (current.type === 'if_statement' || current.type === 'elif_clause') {
      const condition = current.childForFieldName('condition');
      if (condition && condition.id !== child.id && asks(condition)) return true;
    }
    if (current.type === 'elif_clause' || current.type === 'else_clause') {
      const owner = current.parent;
      const condition = owner?.type === 'if_statement' ? owner.childForFieldName('condition') : undefined;
      if (condition && asks(condition)) return true;
    }
    if (current.type === 'conditional_expression' && asks(current)) return true;
    child = current;
  }
  return false;
}
