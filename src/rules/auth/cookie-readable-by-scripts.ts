import type { Rule } from '../rule.js';
import { isFalseScalar } from '../../models/flask/settings-display.js';
import { explicitFalse } from '../../models/flask/cookies.js';
import {
  checkCookieFlag,
  decideCookieFlag,
  type CookieFlagSpec,
  type CookieQuestion,
} from '../../models/flask/cookie-flag.js';

export const cookieReadableByScripts: Rule = {
  meta: {
    id: 'FCG405',
    name: 'cookie-readable-by-scripts',
    family: 'auth',
    severity: 'medium',
    cwe: [1004],
    title: 'Session or remember-me cookie without the HttpOnly flag',
    what: [
      '`SESSION_COOKIE_HTTPONLY = False` and `REMEMBER_COOKIE_HTTPONLY = False` (Flask-Login) set explicitly, in any form Flask reads configuration from; `response.set_cookie(..., httponly=False)`.',
      "A cookie that signs someone in set by hand without `httponly=` at all (Werkzeug's default is off): `response.set_cookie(...)` on any response or `werkzeug.http.dump_cookie(...)`, when the cookie's name marks a session, auth, token or remember cookie (a literal, a constant of the file, a local, or a constant imported from another module of the project) or its value is a token (`create_access_token(...)`, `jwt.encode(...)`, `secrets.token_urlsafe()`, a variable named `token`, `session_id`, `sid`) or the user it is set for beside `login_user(...)` (a hand-made remember-me cookie); a test client's cookie jar (`client.set_cookie`) is not a response. Flags passed as `**COOKIE_OPTS` are read from a dict of the file or a dict constant of another module of the project.",
      'Config files: `FLASK_SESSION_COOKIE_HTTPONLY=false`, `SESSION_COOKIE_HTTPONLY=False`/`0` in `.env`, compose, Kubernetes and Dockerfile environments.',
      'A session cookie (a name with `sess`, `sid`, `auth`, `token`, `remember`, `jwt`, `login`) set through a hand-written `Set-Cookie` header without `HttpOnly`: `self.send_header("Set-Cookie", "sid=%s; Path=/" % v)` in an `http.server` handler, `("Set-Cookie", value)` in a WSGI header list, `resp.headers["Set-Cookie"] = ...`, or `<meta http-equiv="Set-Cookie" content="...">` in a page. There no default applies: the flag is set only where the text spells it.',
      'In a development or testing config class the finding is lowered to low.',
    ].join('\n\n'),
    why: "Without `HttpOnly`, `document.cookie` hands the session to any script on the page: one cross-site-scripting bug, or a compromised third-party script, and the session token leaves for the attacker's server, where it keeps working after the page is closed (CWE-1004).",
    bad: {
      lang: 'python',
      code: 'app.config.update(\n    SESSION_COOKIE_HTTPONLY=False,\n)\n\nresponse.set_cookie("auth_token", token, secure=True, httponly=False)',
    },
    good: {
      lang: 'python',
      code: 'app.config.update(\n    SESSION_COOKIE_HTTPONLY=True,\n)\n\nresponse.set_cookie("auth_token", token, secure=True, httponly=True, samesite="Lax")',
    },
    fix: 'Leave `SESSION_COOKIE_HTTPONLY` and `REMEMBER_COOKIE_HTTPONLY` at their default (`True`) and pass `httponly=True` to `set_cookie()` for every cookie that carries a session or token. If the front end needs a value, expose it in a response body or a separate non-secret cookie.',
    limits: [
      '`set_cookie()` defaults to `httponly=False`: a cookie set without the argument is reported only when its name or value shows that it signs someone in. Preference, language, consent and CSRF cookies (which scripts are meant to read), cookies whose name and value show nothing, and deletions are left alone. A flag written as an expression (`httponly=app.config["SESSION_COOKIE_HTTPONLY"]`) is taken as set. Options passed as `**kwargs`, or from a dict outside the project or with entries it does not list, are not read.',
      'A value computed at run time is not evaluated.',
    ].join('\n\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    checkCookieFlag(ctx, SPEC);
  },
  decide(question, ctx) {
    return decideCookieFlag(question as CookieQuestion, ctx, SPEC);
  },
};

const SPEC: CookieFlagSpec = {
  keys: {
    SESSION_COOKIE_HTTPONLY: 'the session cookie',
    REMEMBER_COOKIE_HTTPONLY: "Flask-Login's remember-me cookie",
  },
  keyword: 'httponly',
  shown: 'False',
  python: explicitFalse,
  scalar: isFalseScalar,
  consequence: 'is readable by any script on the page (document.cookie), so one XSS bug hands it to an attacker',
  headerAttribute: 'HttpOnly',
  off: (v) => v === false || v === 0,
  missing: true,
};
