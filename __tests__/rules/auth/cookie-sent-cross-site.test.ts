import { cookieSentCrossSite } from '../../../src/rules/auth/cookie-sent-cross-site.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(cookieSentCrossSite, {
  valid: [
    {
      name: 'Lax and Strict',
      code: 'class Config:\n    SESSION_COOKIE_SAMESITE = "Lax"\n    REMEMBER_COOKIE_SAMESITE = "Strict"\n',
    },
    {
      name: "Python's None leaves the attribute out (browsers default to Lax)",
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SAMESITE"] = None\nresp.set_cookie("a", "b", samesite=None)\n',
    },
    {
      name: 'set_cookie with samesite="Lax"',
      code: 'resp.set_cookie("token", t, secure=True, httponly=True, samesite="Lax")\n',
    },
    {
      name: 'a "None" string that is not a cookie setting',
      code: 'class Config:\n    DEFAULT_LABEL = "None"\n    CSRF_COOKIE_SAMESITE = "None"\n',
    },
    { name: '.env with Lax', path: '.env', code: 'SESSION_COOKIE_SAMESITE=Lax\n' },
  ],
  invalid: [
    {
      name: 'config class string "None", any case; development class lowered',
      code: 'class Config:\n    SESSION_COOKIE_SAMESITE = "None"\n    REMEMBER_COOKIE_SAMESITE = "none"\n\nclass DevConfig(Config):\n    SESSION_COOKIE_SAMESITE = "None"\n',
      findings: [
        { line: 2, message: /is "None": the session cookie is attached to requests other sites start/ },
        { line: 3 },
        { line: 6, severity: 'low' },
      ],
    },
    {
      name: 'app.config, from_mapping, set_cookie',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SAMESITE"] = "None"\napp.config.from_mapping(JWT_COOKIE_SAMESITE="None")\nresp.set_cookie("embed", v, secure=True, samesite="None")\n',
      findings: [{ line: 3 }, { line: 4 }, { line: 5, message: /set_cookie\("embed", \.\.\., samesite="None"\)/ }],
    },
    {
      name: '.env (an environment value is always a string)',
      path: '.env',
      code: 'FLASK_SESSION_COOKIE_SAMESITE=None\n',
      findings: [{ line: 1 }],
    },
  ],
});
