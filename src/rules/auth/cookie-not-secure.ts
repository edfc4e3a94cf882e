import type { Rule } from '../rule.js';
import { isFalseScalar } from '../../models/flask/settings-display.js';
import { explicitOff } from '../../models/flask/cookies.js';
import { checkCookieFlag } from './cookie-flag.js';

export const cookieNotSecure: Rule = {
  meta: {
    id: 'FCG404',
    name: 'cookie-not-secure',
    family: 'auth',
    severity: 'medium',
    cwe: [614],
    title: 'Session or remember-me cookie without the Secure flag',
    what: [
      '`SESSION_COOKIE_SECURE = False`, `REMEMBER_COOKIE_SECURE = False` (Flask-Login) and `JWT_COOKIE_SECURE = False` (Flask-JWT-Extended) set explicitly (or set to `None`, which each of them passes to the cookie as its flag: no `Secure` attribute), in any form Flask reads configuration from (`app.config[...]`, `update()`, `from_mapping()`, config classes, settings modules), including `os.environ.get("SESSION_COOKIE_SECURE", False)`; `response.set_cookie(..., secure=False)` (or `secure=None`).',
      'Config files: `FLASK_SESSION_COOKIE_SECURE=false` (as `app.config.from_prefixed_env()` reads it), `SESSION_COOKIE_SECURE=False`/`0`/`no` in `.env`, compose, Kubernetes and Dockerfile environments.',
      'A session cookie (a name with `sess`, `sid`, `auth`, `token`, `remember`, `jwt`, `login`) set through a hand-written `Set-Cookie` header without `Secure`: `self.send_header("Set-Cookie", "sid=%s; Path=/" % v)` in an `http.server` handler, `("Set-Cookie", value)` in a WSGI header list, `resp.headers["Set-Cookie"] = ...`, or `<meta http-equiv="Set-Cookie" content="...">` in a page. There no default applies: the flag is set only where the text spells it.',
      'In a development or testing config class the finding is lowered to low.',
    ].join('\n\n'),
    why: 'Without `Secure` the browser also sends the cookie over plain HTTP: one `http://` link, a captive portal or a downgrade on hostile Wi-Fi puts the session or remember-me token on the wire, and whoever reads it is signed in as the user (CWE-614).',
    bad: {
      lang: 'python',
      code: 'class Config:\n    SESSION_COOKIE_SECURE = False\n    REMEMBER_COOKIE_SECURE = False',
    },
    good: {
      lang: 'python',
      code: 'class Config:\n    SESSION_COOKIE_SECURE = True\n    REMEMBER_COOKIE_SECURE = True',
    },
    fix: 'Set `SESSION_COOKIE_SECURE = True` (and `REMEMBER_COOKIE_SECURE`, `JWT_COOKIE_SECURE`) in the production config, pass `secure=True` to `set_cookie()`, and serve the site over HTTPS only (HSTS). Turn it off only in a DevelopmentConfig used on `http://localhost`.',
    limits: [
      "Flask's own default for `SESSION_COOKIE_SECURE` is `False`, and `set_cookie()` defaults to `secure=False`: an app that never sets them is just as exposed, but only an explicit `False` (or `None`) is reported: an unset flag says nothing about intent, and reporting every app that leaves the default would drown the explicit choices.",
      '`REMEMBER_COOKIE_SECURE` is read only by Flask-Login (and extensions built on it): it is reported in config classes and settings modules, and elsewhere only when the file imports Flask-Login or Flask-Security.',
      'A value computed at run time (`not DEBUG`, `IS_PRODUCTION`) is not evaluated.',
    ].join('\n\n'),
    precision: 'high',
  },
  check(ctx) {
    checkCookieFlag(ctx, {
      keys: {
        SESSION_COOKIE_SECURE: 'the session cookie',
        REMEMBER_COOKIE_SECURE: "Flask-Login's remember-me cookie",
        JWT_COOKIE_SECURE: "Flask-JWT-Extended's token cookies",
      },
      keyword: 'secure',
      shown: 'False',
      python: explicitOff,
      scalar: isFalseScalar,
      consequence: 'is also sent over plain HTTP, where anyone on the network can read it and take over the session',
      headerAttribute: 'Secure',
    });
  },
};
