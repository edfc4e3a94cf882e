import { authEndpointOf } from '../../models/flask/auth-endpoints.js';
import { declaredAuthentication, flaskRoutes, rateLimited, routeLabel, routeSpan } from '../../models/flask/routes.js';
import type { Rule } from '../rule.js';
import { actsForSignedInUser, locksOutAfterFailures, resetLinkWithToken } from '../../models/flask/login-throttle.js';

const WHAT_FOR: Readonly<Record<string, string>> = {
  login: 'passwords can be guessed',
  token: 'credentials can be guessed',
  'password reset': 'reset codes can be guessed and mail can be flooded',
  'one-time code': 'a six-digit code falls to a million tries',
  'sign-up': 'accounts can be created in bulk',
};

export const loginNotRateLimited: Rule = {
  meta: {
    id: 'FCG412',
    name: 'login-not-rate-limited',
    family: 'auth',
    severity: 'medium',
    cwe: [307],
    title: 'Login, token, password reset, OTP or sign-up endpoint without a rate limit',
    what: 'A Flask view that accepts `POST` and takes credentials or codes — login/sign-in, token issue, password reset or forgotten password, OTP/2FA/verification codes, sign-up/registration (judged from the path segments and the function name) — when nothing limits how often it can be called: no Flask-Limiter decorator on the view (`@limiter.limit(...)`, `@limiter.shared_limit(...)`, or a `decorators = [...]` entry of a class view), no `limiter.limit(...)(bp)` on its blueprint, and no app-wide default (`Limiter(..., default_limits=[...])`, `application_limits`, `RATELIMIT_DEFAULT`) in the same file. `@limiter.exempt` counts as no limit, and so does `@anonymous_user_required` (it admits only callers who are not signed in). A view that counts failed attempts and turns the caller away above a threshold (`user.login_attempts += 1` and `if user.login_attempts >= MAX_ATTEMPTS: return …`/`user.locked = True`, in the view or a function of the same file it calls) is throttled by that lockout and not reported. Routes from `@app.route`, `@bp.route` (also inside `if` blocks), `@app.post`, `add_url_rule` (also with a view function imported from another module, judged by its path and name), `MethodView` classes and Flask-RESTful/RESTX resources are all read.',
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
      "Only the file that defines the view is read: an app-wide `default_limits` or `RATELIMIT_DEFAULT` configured in another module (an `extensions.py`, a config class elsewhere) is not seen, so a view covered by it is still reported. Limits applied by a reverse proxy, an API gateway or a WAF are invisible to the scanner. A hand-written counter (a dict, Redis `INCR`) inside the view is not recognised as a limit. Which endpoints take credentials is judged from words in the path and the function name; a login endpoint named otherwise is missed. Views that already require authentication (an auth decorator) are left out, and so are: password endpoints whose view works on the signed-in user's own record (reads `current_user.id`, `current_user.password`… — not merely `is_authenticated`), the reset link that carries its token in the URL (guessing means guessing the token; the mail-sending step is still reported), and second-factor enrolment (`/mfa/register`, `/2fa/setup`). For a view imported from another module, its own decorators (a limit, `@login_required`) are not seen. A lockout counted per account does not stop guessing one password across many accounts.",
    precision: 'medium',
  },
  check(ctx) {
    if (!ctx.python) return;
    const model = flaskRoutes(ctx.python);
    const seen = new Set<string>();
    for (const route of model.routes) {
      if (!route.methodsKnown || !route.methods.includes('POST')) continue;
      const kind = authEndpointOf(route);
      if (!kind || declaredAuthentication(route) || rateLimited(route, model)) continue;
      if (route.viewDefined && locksOutAfterFailures(ctx.python, route.handler)) continue;
      if (
        kind === 'password reset' &&
        (resetLinkWithToken(route) || (route.viewDefined && actsForSignedInUser(ctx.python, route.handler)))
      )
        continue;
      const key = `${route.handler.id}:${route.registration.id}`;
      if (seen.has(key)) continue;
      seen.add(key);
      ctx.report({
        span: routeSpan(route),
        message: `${routeLabel(route, ['POST'])} (${kind}) has no rate limit: no Flask-Limiter decorator on ${route.handlerName}(), no limit on its blueprint and no app-wide default limit in this file, so ${WHAT_FOR[kind] ?? 'it can be called without limit'} as fast as the server answers.`,
      });
    }
  },
};
