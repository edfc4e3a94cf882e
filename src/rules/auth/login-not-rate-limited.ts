import { authEndpointOf } from '../../models/flask/auth-endpoints.js';
import { declaredAuthentication, rateLimited, routeLabel, routeSpan } from '../../models/flask/routes.js';
import type { Rule } from '../rule.js';
import { actsForSignedInUser, locksOutAfterFailures, resetLinkWithToken } from '../../models/flask/login-throttle.js';
import {
  authenticatesThrough,
  checksPasswordThrough,
  limitedElsewhere,
  registersRoutes,
} from '../../models/flask/project.js';
import { checksPassword } from '../../models/flask/password-check.js';
import { importedWrappers } from '../../models/flask/wrappers.js';
import type { Node } from '../../parse/python.js';
import type { Json } from '../../project/types.js';
import { callArguments } from '../../lang/python/args.js';
import { wordsOf } from '../../models/flask/auth-endpoints.js';
import { FlaskRoute } from '../../models/flask/routes.js';
import { calleeNames } from '../../lang/python/imports.js';
import { spanOf } from '../../lang/python/span.js';
import { RuleContext } from '../rule.js';

const WHAT_FOR: Readonly<Record<string, string>> = {
  login: 'passwords can be guessed',
  token: 'credentials can be guessed',
  'password reset': 'reset codes can be guessed and mail can be flooded',
  'one-time code': 'a six-digit code falls to a million tries',
  'sign-up': 'accounts can be created in bulk',
  reauthentication: "a stolen session can guess the account's password",
};

export const loginNotRateLimited: Rule = {
  meta: {
    id: 'FCG412',
    name: 'login-not-rate-limited',
    family: 'auth',
    severity: 'medium',
    cwe: [307],
    title: 'Login, token, password reset, OTP or sign-up endpoint without a rate limit',
    what: 'A Flask view that accepts `POST` and takes credentials or codes — login/sign-in, token issue, password reset or forgotten password, OTP/2FA/verification codes, sign-up/registration (judged from the path segments and the function name), or, named otherwise, a view that checks a submitted password (`check_password_hash(...)`, `bcrypt.checkpw(...)`, passlib `pwd_context.verify(...)`, a model\'s `user.check_password(pw)`/`user.verify_password(pw)`, `authenticate(username, password)`, or a function it calls that does: in the same file, two calls deep, or a function of another module of the project) and does not work on the signed-in user\'s own record (a password change checking `current_user.check_password(old)` is not a login) — when nothing limits how often it can be called: no Flask-Limiter decorator on the view (`@limiter.limit(...)`, `@limiter.shared_limit(...)`, or a `decorators = [...]` entry of a class view), no `limiter.limit(...)(bp)` on its blueprint, no limit put on its blueprint by another module (`limiter.limit("5/minute")(auth_bp)` in the app factory), and no app-wide default (`Limiter(..., default_limits=[...])`, `application_limits`, `RATELIMIT_DEFAULT` in a config module or class) in any module of the same application. Flask-Security\'s own `POST /login`, registered by `Security(app, ...)` or `security.init_app(app)`, is reported at that call when no app-wide default covers it. Re-authentication views (`/reauth`: a signed-in user typing the password again) are reported even though they require a session when they are exempt from limits or have none. `@limiter.exempt` counts as no limit, and so does `@anonymous_user_required` (it admits only callers who are not signed in). A view that counts failed attempts and turns the caller away above a threshold (`user.login_attempts += 1` and `if user.login_attempts >= MAX_ATTEMPTS: return …`/`user.locked = True`, in the view or a function of the same file it calls) is throttled by that lockout and not reported. Routes from `@app.route`, `@bp.route` (also inside `if` blocks), `@app.post`, `add_url_rule` (also with a view function imported from another module, judged by its path and name), views handed to a project function that registers URL rules (`register_view(bp, routes=["/reauth"], view_func=Reauth.as_view("reauth"))`), `MethodView` classes and Flask-RESTful/RESTX resources are all read.',
    why: 'Without a limit an attacker can try passwords, leaked credential lists, reset codes or one-time codes as fast as the server answers (CWE-307). A six-digit code has a million values; at a few hundred requests a second it falls in under an hour. Sign-up and reset endpoints without limits are also used to create accounts in bulk and to flood mailboxes.',
    bad: {
      lang: 'python',
      code: '@bp.route("/login", methods=["POST"])\ndef login():\n    user = User.query.filter_by(email=request.form["email"]).first()\n    if user is None or not user.check_password(request.form["password"]):\n        abort(401)\n    login_user(user)\n    return redirect(url_for("accounts.index"))',
    },
    good: {
      lang: 'python',
      code: 'from .extensions import limiter\n\n@bp.route("/login", methods=["POST"])\n@limiter.limit("5 per minute")\ndef login():\n    user = User.query.filter_by(email=request.form["email"]).first()\n    if user is None or not user.check_password(request.form["password"]):\n        abort(401)\n    login_user(user)\n    return redirect(url_for("accounts.index"))',
    },
    fix: 'Add Flask-Limiter and put a strict limit on each credential endpoint (`@limiter.limit("5 per minute")` below the route decorator), keyed on the client address (`get_remote_address`, with `ProxyFix` configured for your proxies) and, for login, also on the account name. Keep an app-wide `default_limits` as a floor. Store counters in Redis (`RATELIMIT_STORAGE_URI`) so every worker shares them.',
    limits:
      "An app-wide default counts wherever it is written in the same application (a module under the same top-level directory; one at the repository root covers every application): whether the limiter's `init_app` really runs on the app serving this view, and whether `RATELIMIT_ENABLED` turns it off, is not checked; a limiter with no default covers nothing, and `limiter.exempt` on the view or on its blueprint (in any module) removes every limit. A blueprint limit is followed through imports; a limit put on a parent blueprint, on an app object passed around, or by `limiter.limit` with a dynamic scope is not. Limits applied by a reverse proxy, an API gateway or a WAF are invisible to the scanner. A hand-written counter (a dict, Redis `INCR`) inside the view is not recognised as a limit. Which endpoints take credentials is judged from words in the path and the function name, and, for a view named otherwise, from a password check in its body or in the functions it calls (of its own file, two calls deep; of another module, the function it calls directly and that module's own helpers): a check done through a method of an object it creates (`AuthService().login(...)`), a class method of another module, an LDAP bind or an external identity provider is not recognised, and hashing a new password (`generate_password_hash`, `set_password`) or checking its strength (`validate_password`) is not a login. Views requiring authentication include those under a `before_request` hook that turns the anonymous away (401/403, or abort/redirect/raise under a condition that reads the user); a hook that only records `g.user` does not count. Of the libraries that register login routes themselves, only Flask-Security is known. Views that already require authentication (an auth decorator) are left out, except re-authentication views, and so are: password endpoints whose view works on the signed-in user's own record (reads `current_user.id`, `current_user.password`… — not merely `is_authenticated`), the reset link that carries its token in the URL (guessing means guessing the token; the mail-sending step is still reported), and second-factor enrolment (`/mfa/register`, `/2fa/setup`). For a view imported from another module, its own decorators (a limit, `@login_required`) are not seen. A lockout counted per account (read in the view's module and the functions of that module it calls) does not stop guessing one password across many accounts.",
    precision: 'medium',
    confidence: 'medium',
  },
  check(ctx) {
    if (!ctx.python || !ctx.models) return;
    const index = ctx.python;
    const model = ctx.models.flask.routes;
    const seen = new Set<string>();
    const helper = new Map(model.helperRoutes.map((r) => [r, r.helper] as const));
    for (const route of [...model.routes, ...model.helperRoutes]) {
      if (!route.methodsKnown || !route.methods.includes('POST')) continue;
      const reauth = reauthentication(route);
      let kind: string | undefined = reauth ? 'reauthentication' : authEndpointOf(route);
      // Named otherwise, a view that checks a submitted password is a login view all the same.
      let checks: readonly string[] = [];
      let byPassword = false;
      if (!kind && route.viewDefined) {
        const check = checksPassword(index, route.handler);
        if (check.here || check.imported.length > 0) {
          // A signed-in user confirming their own password (a password change, deleting the account).
          if (actsForSignedInUser(index, route.handler)) continue;
          kind = 'login';
          byPassword = true;
          checks = check.here ? [] : check.imported;
        }
      }
      if (!kind || (!reauth && declaredAuthentication(route)) || rateLimited(route, model)) continue;
      if (route.viewDefined && locksOutAfterFailures(index, route.handler)) continue;
      if (
        kind === 'password reset' &&
        (resetLinkWithToken(route) || (route.viewDefined && actsForSignedInUser(index, route.handler)))
      )
        continue;
      const key = `${route.handler.id}:${route.registration.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      const exempt = exemptionOf(route);
      const question: Question = {
        scaffold: route.scaffold?.variable ?? (route.receiver || null),
        exempt: exempt !== undefined,
        helper: helper.get(route as (typeof model.helperRoutes)[number]) ?? null,
        decorators: reauth ? [] : importedWrappers(index, route.wrappers),
        ...(checks.length > 0 ? { checks } : {}),
      };
      const what = WHAT_FOR[kind] ?? 'it can be called without limit';
      const label = byPassword ? `${kind}: it checks a password` : kind;
      ctx.report({
        // An exempted re-authentication points at the exemption: that is what to remove.
        span: reauth && exempt ? spanOf(exempt) : routeSpan(route),
        message: exempt
          ? `${routeLabel(route, ['POST'])} (${label}) is exempt from rate limits (${exempt.text}), so ${what} as fast as the server answers.`
          : `${routeLabel(route, ['POST'])} (${label}) has no rate limit: no Flask-Limiter decorator on ${route.handlerName}(), no limit on its blueprint and no app-wide default limit in any module of the app, so ${what} as fast as the server answers.`,
        pending: question as unknown as Json,
      });
    }
    checkLibraryLogin(ctx, model.defaultLimit !== undefined);
  },
  decide(pending, { path, index }) {
    const q = pending as unknown as Question;
    if (q.helper !== null && !registersRoutes(index, path, q.helper)) return false;
    // Found only by a call into another module: a login view if that function checks a password.
    if (q.checks !== undefined && !q.checks.some((c) => checksPasswordThrough(index, path, c))) return false;
    // A decorator of another module that turns away callers without a user: not a public endpoint.
    if (q.decorators.some((d) => authenticatesThrough(index, path, d))) return false;
    if (q.exempt) return true;
    return !limitedElsewhere(index, path, q.scaffold ?? undefined);
  },
};

/** What a login-like view left for phase 2. */
interface Question {
  /** The view's blueprint (or app) as its module writes it. */
  readonly scaffold: string | null;
  /** `@limiter.exempt` on the view or its blueprint: no default applies. */
  readonly exempt: boolean;
  /** For a view handed to a function (`register_view(...)`): that function, which must register URL rules. */
  readonly helper: string | null;
  /** Decorators imported from other modules whose names do not say they authenticate. */
  readonly decorators: readonly string[];
  /** A view named otherwise that calls these imported functions: a login view only if one checks a password. */
  readonly checks?: readonly string[];
}

/** `/reauth`, `Reauth.post`, `reauthenticate()`: a signed-in user typing the password again. */
function reauthentication(route: FlaskRoute): boolean {
  const words = [...(route.path !== undefined ? wordsOf(route.path) : []), ...wordsOf(route.handlerName)];
  return words.some((w) => /^re_?auth(?:enticate|entication)?$/.test(w));
}

/** The `limiter.exempt` that lifts every limit off the view (on it, its class, or its blueprint). */
function exemptionOf(route: FlaskRoute): Node | undefined {
  return (
    route.wrappers.find((w) => w.limitExempt)?.node ??
    route.decorators.find((d) => d.info.limitExempt)?.node ??
    (route.scaffold?.exempt ? route.registration : undefined)
  );
}

/**
 * Flask-Security registers its own `POST /login` (and, when enabled, `/register`, `/reset`,
 * `/us-signin`) on the app it is initialised with: `Security(app, datastore)` or
 * `security.init_app(app, ...)`. Those views verify passwords and carry no limit of their own; only
 * an app-wide default limit covers them. `register_blueprint=False` registers none.
 */
function checkLibraryLogin(ctx: RuleContext, localDefault: boolean): void {
  const index = ctx.python;
  if (!index || localDefault || !/flask_security/.test(index.doc.text)) return;
  const securities = new Set<string>();
  for (const call of index.calls) {
    if (!calleeNames(call, index.imports).some((n) => /^flask_security(?:_too)?(?:\.core)?\.Security$/.test(n)))
      continue;
    const args = callArguments(call);
    if (noBlueprint(args.keywords.get('register_blueprint'))) continue;
    const app = args.positional[0] ?? args.keywords.get('app');
    if (app && app.type !== 'none') report(call);
    const parent = call.parent;
    const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : undefined;
    if (left) securities.add(left.text);
  }
  if (securities.size === 0) return;
  for (const call of index.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'init_app') continue;
    if (!securities.has(fn.childForFieldName('object')?.text ?? '')) continue;
    if (noBlueprint(callArguments(call).keywords.get('register_blueprint'))) continue;
    report(call);
  }

  function report(call: Node): void {
    const question: Question = { scaffold: null, exempt: false, helper: null, decorators: [] };
    ctx.report({
      span: spanOf(call),
      message:
        "Flask-Security registers its own POST /login here (login), and no app-wide default limit in any module of the app covers it: Flask-Limiter decorators on the application's views do not reach the library's views, so passwords can be guessed as fast as the server answers.",
      pending: question as unknown as Json,
    });
  }
}

function noBlueprint(value: Node | undefined): boolean {
  return value?.type === 'false';
}
