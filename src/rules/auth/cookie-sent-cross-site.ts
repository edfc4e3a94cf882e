import type { Scalar } from '../../parse/config/types.js';
import type { Rule } from '../rule.js';
import { samesiteNone } from '../../models/flask/cookies.js';
import {
  checkCookieFlag,
  decideCookieFlag,
  type CookieFlagSpec,
  type CookieQuestion,
} from '../../models/flask/cookie-flag.js';

function isNoneText(v: Scalar): boolean {
  return typeof v === 'string' && v.trim().toLowerCase() === 'none';
}

export const cookieSentCrossSite: Rule = {
  meta: {
    id: 'FCG406',
    name: 'cookie-sent-cross-site',
    family: 'auth',
    severity: 'medium',
    cwe: [1275],
    title: 'Session or remember-me cookie with SameSite=None',
    what: [
      '`SESSION_COOKIE_SAMESITE = "None"`, `REMEMBER_COOKIE_SAMESITE = "None"` (Flask-Login) and `JWT_COOKIE_SAMESITE = "None"` (Flask-JWT-Extended): the string `"None"`, in any form Flask reads configuration from; `response.set_cookie(..., samesite="None")` and `werkzeug.http.dump_cookie(..., samesite="None")`, also when the flag comes from `**COOKIE_OPTS`, a dict of the file or a dict constant of another module of the project.',
      "Python's `None` is not flagged: it leaves the attribute out, and browsers then treat the cookie as `Lax`.",
      'Config files: `FLASK_SESSION_COOKIE_SAMESITE=None`, `SESSION_COOKIE_SAMESITE=None` in `.env`, compose, Kubernetes and Dockerfile environments (an environment value is always a string).',
      'In a development or testing config class the finding is lowered to low.',
    ].join('\n\n'),
    why: '`SameSite=None` tells the browser to attach the session cookie to requests that other sites start: a form on any page the user visits can post to the app as the signed-in user (cross-site request forgery), and the browser no longer helps against it (CWE-1275).',
    bad: {
      lang: 'python',
      code: 'class Config:\n    SESSION_COOKIE_SAMESITE = "None"',
    },
    good: {
      lang: 'python',
      code: 'class Config:\n    SESSION_COOKIE_SAMESITE = "Lax"  # or "Strict"',
    },
    fix: 'Use `"Lax"` (or `"Strict"`). If a cross-site embed really needs the cookie, keep `SameSite=None` only for that cookie, with `Secure`, and protect every state-changing request with CSRF tokens (Flask-WTF `CSRFProtect`).',
    limits:
      'Apps that legitimately need third-party cookies (an embedded widget, a cross-site login flow) are reported too: check that CSRF protection is in place and suppress the finding. A value computed at run time is not evaluated. `set_cookie()` without `samesite=` is not reported: browsers treat such a cookie as `Lax`. Options passed as `**kwargs`, or from a dict outside the project, are not read.',
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
    SESSION_COOKIE_SAMESITE: 'the session cookie',
    REMEMBER_COOKIE_SAMESITE: "Flask-Login's remember-me cookie",
    JWT_COOKIE_SAMESITE: "Flask-JWT-Extended's token cookies",
  },
  keyword: 'samesite',
  shown: '"None"',
  python: samesiteNone,
  scalar: isNoneText,
  consequence: 'is attached to requests other sites start, so any page the user visits can act as them (CSRF)',
  off: (v) => typeof v === 'string' && v.trim().toLowerCase() === 'none',
};
