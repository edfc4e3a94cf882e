import type { Rule } from '../rule.js';
import { isFalseScalar } from '../../models/flask/settings-display.js';
import { explicitOff } from '../../models/flask/cookies.js';
import {
  checkCookieFlag,
  decideCookieFlag,
  type CookieFlagSpec,
  type CookieQuestion,
} from '../../models/flask/cookie-flag.js';
import { decideSecure, secureCandidates, type SecureQuestion } from '../../models/flask/config-session-secure.js';

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
      "A cookie that signs someone in set by hand without `secure=` at all (Werkzeug's default is off): `response.set_cookie(...)` on any response (`make_response(...).set_cookie`, a `flask.Response` subclass) or `werkzeug.http.dump_cookie(...)`, when the cookie's name marks a session, auth, token or remember cookie (a literal, a constant of the file, a local, or a constant imported from another module of the project) or its value is a token (`create_access_token(...)`, `jwt.encode(...)`, `secrets.token_urlsafe()`, a variable named `token`, `session_id`, `sid`) or the user it is set for beside `login_user(...)` (a hand-made remember-me cookie); a test client's cookie jar (`client.set_cookie`) is not a response, directly or through locals. Flags passed as `**COOKIE_OPTS` are read from a dict of the file or a dict constant of another module of the project (`secure` missing from it, or `False`/`None` in it).",
      'Config files: `FLASK_SESSION_COOKIE_SECURE=false` (as `app.config.from_prefixed_env()` reads it), `SESSION_COOKIE_SECURE=False`/`0`/`no` in `.env`, compose, Kubernetes and Dockerfile environments.',
      'A session cookie (a name with `sess`, `sid`, `auth`, `token`, `remember`, `jwt`, `login`) set through a hand-written `Set-Cookie` header without `Secure`: `self.send_header("Set-Cookie", "sid=%s; Path=/" % v)` in an `http.server` handler, `("Set-Cookie", value)` in a WSGI header list, `resp.headers["Set-Cookie"] = ...`, or `<meta http-equiv="Set-Cookie" content="...">` in a page. There no default applies: the flag is set only where the text spells it.',
      'In a development or testing config class the finding is lowered to low.',
      'An application that uses the session and never sets `SESSION_COOKIE_SECURE` anywhere (nor uses Flask-Talisman): one low finding, at the configuration class, settings module or `.cfg` file its `from_object()` / `from_pyfile()` loads, found across the modules of the project.',
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
      "Flask's own default for `SESSION_COOKIE_SECURE` is `False`: an application that never sets it is reported once, at low, at the configuration it loads, when the project shows all of it: a `from_object()` of a class or module of the project (named by a string such as `\"pkg.config.ProductionConfig\"`, an imported name, the default of an `os.environ.get(...)` or of the factory's `config=` parameter; when that default is a development class, the module's production class is named) or a `.cfg`/`.py` file read with `from_pyfile()`; the application uses the session (`session`, `flash`, Flask-Login, Flask-Security, Flask-Session); and no module, config file, compose or `.env` environment of the application (the files of its top directory and of the repository root) names `SESSION_COOKIE_SECURE`, nor imports Flask-Talisman. An app configured only through `app.config[...]` writes, a dictionary of config classes picked at run time, or `from_envvar()`/`from_file()` is not followed; a flag set only in the deployment (not in the repository), or in a template such as `config.cfg.template`, is not seen, so a `.template` that sets it does not silence the finding.",
      '`set_cookie()` defaults to `secure=False` as well: a cookie set without the argument is reported only when its name or value shows it signs someone in; a theme, language, consent or CSRF cookie, a cookie whose name and value show nothing (`set_cookie(name, value)` with both unknown), and a deletion (`delete_cookie`, an empty value, `expires=0`, `max_age=0`) are not. A flag written as an expression (`secure=app.config["SESSION_COOKIE_SECURE"]`, `secure=not app.debug`, `secure=request.is_secure`) is taken as set: its value is the deployment\'s. Options passed as `**kwargs`, or from a dict outside the project or with entries it does not list, are not read, and the call is not reported.',
      '`REMEMBER_COOKIE_SECURE` is read only by Flask-Login (and extensions built on it): it is reported in config classes and settings modules, and elsewhere only when the file imports Flask-Login or Flask-Security; left unset, it is only mentioned in the message of the unset-`SESSION_COOKIE_SECURE` finding (when the app calls `login_user(..., remember=...)`), not reported on its own.',
      'A value computed at run time (`not DEBUG`, `IS_PRODUCTION`) is not evaluated.',
    ].join('\n\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    checkCookieFlag(ctx, SPEC);
    // The flag left unset: a candidate at every configuration of the file, kept in phase 2 only
    // where an application that uses the session loads it and sets the flag nowhere.
    for (const c of secureCandidates(ctx.file, ctx.python)) {
      const question: SecureQuestion = { q: 'session-secure-unset', config: c.config };
      ctx.report({ span: c.span, message: UNSET, severity: 'low', pending: question });
    }
  },
  decide(question, { path, index }) {
    if ((question as CookieQuestion).q === 'cookie-flag')
      return decideCookieFlag(question as CookieQuestion, { path, index }, SPEC);
    const q = question as SecureQuestion;
    if (q.q !== 'session-secure-unset') return true;
    const verdict = decideSecure(q, path, index);
    if (!verdict) return false;
    const where = verdict.config
      ? `\`${verdict.config}\`, the configuration the app loads,`
      : 'the configuration file the app loads';
    const remember = verdict.remember
      ? ' The app also writes Flask-Login remember-me cookies (`login_user(..., remember=...)`) and leaves `REMEMBER_COOKIE_SECURE` unset too.'
      : '';
    return {
      message: `The app uses Flask's session but ${where} never sets \`SESSION_COOKIE_SECURE\`, nor does any other module, config file or environment of the app (and Flask-Talisman is not used): Flask's default \`False\` lets the browser send the session cookie over plain HTTP too, where anyone on the network can read it and take over the session. Set \`SESSION_COOKIE_SECURE = True\` in the production configuration.${remember}`,
      severity: 'low',
      // Read from the project's files: a deployment may still set it outside the repository.
      confidence: 'medium',
    };
  },
};

const UNSET = 'SESSION_COOKIE_SECURE is not set for the application that loads this configuration';

const SPEC: CookieFlagSpec = {
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
  off: (v) => v === false || v === 0 || v === null,
  missing: true,
};
