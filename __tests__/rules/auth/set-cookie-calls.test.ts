import { cookieNotSecure } from '../../../src/rules/auth/cookie-not-secure.js';
import { cookieReadableByScripts } from '../../../src/rules/auth/cookie-readable-by-scripts.js';
import { cookieSentCrossSite } from '../../../src/rules/auth/cookie-sent-cross-site.js';
import { projectTester, ruleTester, type Case, type InvalidCase } from '../../helpers/rule-tester.js';

/*
 * Cookies set by hand (set_cookie / dump_cookie), for the three cookie rules: a session, auth,
 * token or remember cookie (by name or by value) without the flag, the flag through a dict of
 * options, and the look-alikes (preference cookies, deletions, run-time flags, **kwargs).
 */

/** A cookie that signs someone in, set with `flags` (Python keyword text, may be empty). */
function loginView(flags: string, setter = 'resp.set_cookie("session_id", sid'): string {
  return `from flask import make_response\n\ndef login():\n    sid = new_sid()\n    resp = make_response("ok")\n    ${setter}${flags})\n    return resp\n`;
}

/** Look-alikes that no cookie rule reports, whatever flag it reads. */
const commonValid: Case[] = [
  {
    name: 'preference cookies without flags: theme, language, consent, a CSRF token for scripts',
    code: 'def prefs(resp, token):\n    resp.set_cookie("theme", "dark")\n    resp.set_cookie("PGADMIN_LANGUAGE", value=lang)\n    resp.set_cookie("cookie_consent", "yes")\n    resp.set_cookie("csrf_token", token)\n',
  },
  {
    name: 'deletions: delete_cookie, an empty value, expires=0, max_age=0',
    code: 'def logout(resp):\n    resp.delete_cookie("session_id")\n    resp.set_cookie("session_id", "")\n    resp.set_cookie("auth_token", "x", expires=0)\n    resp.set_cookie("auth_token", value="", max_age=0)\n',
  },
  {
    name: 'a user value without login_user(), and login_user() with a value that is not the user',
    code: 'from flask_login import login_user\n\ndef page(resp, user):\n    resp.set_cookie("uid", str(user.id))\n\ndef login(resp, user, page):\n    login_user(user)\n    resp.set_cookie("last_page", page)\n',
  },
  {
    name: 'a cookie whose name and value show nothing secret',
    code: 'def track(resp, page):\n    resp.set_cookie("last_page", page)\n    resp.set_cookie(name, value)\n',
  },
  {
    name: 'flags from the configuration or the request: set, at run time, not missing',
    code: 'from flask import current_app as app, request\n\ndef save(resp, sid):\n    resp.set_cookie(app.config["SESSION_COOKIE_NAME"], sid, secure=app.config["SESSION_COOKIE_SECURE"], httponly=app.config["SESSION_COOKIE_HTTPONLY"], samesite=app.config["SESSION_COOKIE_SAMESITE"])\n    resp.set_cookie("auth_token", sid, secure=not app.debug, httponly=True)\n    resp.set_cookie("auth_token", sid, secure=request.is_secure, httponly=True)\n',
  },
  {
    name: 'options through **kwargs the scan cannot read',
    code: 'def save(resp, token, **kwargs):\n    resp.set_cookie("auth_token", token, **kwargs)\n',
  },
  {
    name: "a test client's cookie jar: client, self.client, app.test_client()",
    code: 'def test_login(client, app):\n    client.set_cookie("session", "abc")\n    self.client.set_cookie(key="auth_token", value=token)\n    app.test_client().set_cookie("localhost", "session", sid)\n',
  },
  {
    name: 'a session cookie with all flags set',
    code: 'resp.set_cookie("access_token", token, secure=True, httponly=True, samesite="Lax")\n',
  },
];

ruleTester(cookieNotSecure, {
  valid: [
    ...commonValid,
    { name: 'secure=True on a session cookie', code: loginView(', secure=True') },
    {
      name: 'secure=True through a dict constant',
      code: 'OPTS = {"secure": True, "httponly": True, "samesite": "Lax"}\nresp.set_cookie("auth_token", token, **OPTS)\n',
    },
    {
      name: 'a dict that may hold more than it lists',
      code: 'OPTS = {"httponly": True, **BASE}\nresp.set_cookie("auth_token", token, **OPTS)\n',
    },
  ],
  invalid: [
    {
      name: 'a session cookie by name, no secure=',
      code: loginView(', httponly=True'),
      findings: [{ line: 6, message: /set_cookie\("session_id", \.\.\.\) without secure=: its name marks/ }],
    },
    {
      name: 'make_response(...).set_cookie and a Response subclass',
      code: 'from flask import Response, make_response\n\nclass JSONResponse(Response):\n    pass\n\ndef login(token):\n    make_response("ok").set_cookie("remember_token", token, httponly=True)\n    r = JSONResponse("{}")\n    r.set_cookie("auth", token, httponly=True)\n    return r\n',
      findings: [{ line: 7 }, { line: 9 }],
    },
    {
      name: 'the name through a constant and a local',
      code: 'AUTH_COOKIE = "app_auth"\n\ndef login(resp, value):\n    resp.set_cookie(AUTH_COOKIE, value, httponly=True)\n    name = "sessionid"\n    resp.set_cookie(key=name, value=value, httponly=True)\n',
      findings: [
        { line: 4, message: /"app_auth"/ },
        { line: 6, message: /"sessionid"/ },
      ],
    },
    {
      name: 'by value: create_access_token(), jwt.encode(), a token local, secrets.token_urlsafe()',
      code: 'import jwt, secrets\nfrom flask_jwt_extended import create_access_token\n\ndef login(resp, user):\n    resp.set_cookie("a", create_access_token(identity=user.id), httponly=True)\n    t = jwt.encode({"sub": user.id}, KEY)\n    resp.set_cookie("b", t, httponly=True)\n    resp.set_cookie("c", access_token, httponly=True)\n    resp.set_cookie("d", secrets.token_urlsafe(32), httponly=True)\n',
      findings: [{ line: 5, message: /carries a token/ }, { line: 7 }, { line: 8 }, { line: 9 }],
    },
    {
      name: 'options dict without secure, and with secure=False',
      code: 'OPTS = {"httponly": True, "samesite": "Lax"}\nBAD = {"secure": False, "httponly": True}\nresp.set_cookie("auth_token", token, **OPTS)\nresp.set_cookie("theme", "dark", **BAD)\n',
      findings: [
        { line: 3, message: /without secure=/ },
        { line: 4, message: /secure=False/ },
      ],
    },
    {
      name: 'a hand-made remember-me cookie beside login_user()',
      code: 'from flask_login import login_user\n\ndef login(resp, user):\n    login_user(user)\n    resp.set_cookie("uid", str(user.id), httponly=True)\n    resp.set_cookie("theme", user.theme, httponly=True)\n',
      findings: [{ line: 5, message: /login_user\(\)/ }],
    },
    {
      name: 'werkzeug dump_cookie for a session id',
      code: 'from werkzeug.http import dump_cookie\n\ndef app(environ, start_response):\n    headers = [("Set-Cookie", dump_cookie("sid", new_sid(), httponly=True))]\n',
      findings: [{ line: 4, message: /dump_cookie\("sid"/ }],
    },
    {
      name: 'a test-config-free view in a dev settings class is not lowered, but explicit secure=False stays',
      code: 'def login(resp, token):\n    resp.set_cookie("token", token, secure=False, httponly=True)\n',
      findings: [{ line: 2, message: /secure=False/ }],
    },
  ],
});

ruleTester(cookieReadableByScripts, {
  valid: [
    ...commonValid,
    { name: 'httponly=True on a session cookie', code: loginView(', httponly=True') },
    {
      name: 'httponly=True through a dict constant',
      code: 'COOKIE_OPTS = dict(secure=True, httponly=True)\nresp.set_cookie("refresh_token", token, **COOKIE_OPTS)\n',
    },
  ],
  invalid: [
    {
      name: 'a session cookie without httponly=',
      code: loginView(', secure=True'),
      findings: [{ line: 6, message: /without httponly=.*readable by any script/ }],
    },
    {
      name: 'httponly=False through a dict, and a token value without httponly',
      code: 'OPTS = {"secure": True, "httponly": False}\nresp.set_cookie("x", v, **OPTS)\nresp.set_cookie("x", create_access_token(identity=1), secure=True)\n',
      findings: [{ line: 2, message: /httponly=False/ }, { line: 3 }],
    },
  ],
});

const samesiteInvalid: InvalidCase[] = [
  {
    name: 'samesite="None" through a dict constant, without secure',
    code: 'OPTS = {"samesite": "None", "httponly": True}\nresp.set_cookie("session", sid, **OPTS)\n',
    findings: [{ line: 2, message: /samesite="None"/ }],
  },
];

ruleTester(cookieSentCrossSite, {
  valid: [
    ...commonValid,
    { name: 'no samesite= at all (browsers default to Lax)', code: loginView(', secure=True, httponly=True') },
    { name: 'samesite=None (Python None leaves the attribute out)', code: loginView(', samesite=None') },
  ],
  invalid: samesiteInvalid,
});

const view = (imports: string, call: string): string =>
  `${imports}\n\ndef login(resp, token):\n    ${call}\n    return resp\n`;

projectTester(cookieNotSecure, {
  valid: [
    {
      name: 'options imported from a settings module set secure=True',
      files: {
        'app/settings.py': 'COOKIE_OPTS = {"secure": True, "httponly": True, "samesite": "Lax"}\n',
        'app/views.py': view(
          'from app.settings import COOKIE_OPTS',
          'resp.set_cookie("auth_token", token, **COOKIE_OPTS)',
        ),
      },
    },
    {
      name: 'secure computed at run time in the settings module',
      files: {
        'app/settings.py': 'import os\nCOOKIE_OPTS = {"secure": os.environ.get("HTTPS") == "1", "httponly": True}\n',
        'app/views.py': view(
          'from app import settings',
          'resp.set_cookie("auth_token", token, **settings.COOKIE_OPTS)',
        ),
      },
    },
    {
      name: 'options imported from a module the project does not hold',
      files: {
        'app/views.py': view('from shared.cookies import OPTS', 'resp.set_cookie("auth_token", token, **OPTS)'),
      },
    },
    {
      name: 'a cookie name imported from settings that is a preference cookie',
      files: {
        'app/settings.py': 'LANG_COOKIE = "site_language"\n',
        'app/views.py': view(
          'from app.settings import LANG_COOKIE',
          'resp.set_cookie(LANG_COOKIE, lang, httponly=True)',
        ),
      },
    },
  ],
  invalid: [
    {
      name: 'options imported from a settings module lack secure',
      files: {
        'app/settings.py': 'COOKIE_OPTS = {"httponly": True, "samesite": "Lax"}\n',
        'app/views.py': view(
          'from app.settings import COOKIE_OPTS',
          'resp.set_cookie("auth_token", token, **COOKIE_OPTS)',
        ),
      },
      findings: [{ path: 'app/views.py', line: 4, message: /without secure= \(nor does `COOKIE_OPTS`\)/ }],
    },
    {
      name: 'options imported from a settings module turn secure off',
      files: {
        'app/settings.py': 'class Config:\n    COOKIE_OPTS = {"secure": False}\n',
        'app/views.py': view(
          'from app.settings import Config',
          'resp.set_cookie("theme", "dark", **Config.COOKIE_OPTS)',
        ),
      },
      findings: [{ path: 'app/views.py', line: 4, message: /secure=False from `Config.COOKIE_OPTS`/ }],
    },
    {
      name: 'a cookie name imported from settings marks an auth cookie',
      files: {
        'app/settings.py': 'AUTH_COOKIE = "app_auth"\n',
        'app/views.py': view(
          'from app.settings import AUTH_COOKIE',
          'resp.set_cookie(AUTH_COOKIE, value, httponly=True)',
        ),
      },
      findings: [{ path: 'app/views.py', line: 4, message: /"app_auth"/ }],
    },
  ],
});
