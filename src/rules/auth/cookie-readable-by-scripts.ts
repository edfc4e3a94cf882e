import type { Rule } from '../rule.js';
import { isFalseScalar } from '../../models/flask/settings-display.js';
import { explicitFalse } from '../../models/flask/cookies.js';
import { checkCookieFlag, decideCookieFlag, type CookieFlagSpec, type CookieQuestion } from './cookie-flag.js';

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
      '`set_cookie()` defaults to `httponly=False`: a cookie set without the argument is just as readable, but only an explicit `False` is reported, since most cookies set that way (preferences, consent) carry nothing secret.',
      'A value computed at run time is not evaluated.',
    ].join('\n\n'),
    precision: 'high',
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
