import { cookieNotSecure } from '../../../src/rules/auth/cookie-not-secure.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { headerCookieCases } from './header-cookie-cases.js';

ruleTester(cookieNotSecure, {
  valid: [
    headerCookieCases('Secure').valid,
    {
      name: 'secure cookies',
      code: 'class Config:\n    SESSION_COOKIE_SECURE = True\n    REMEMBER_COOKIE_SECURE = True\n',
    },
    {
      name: 'the Flask default (not set at all) is not reported',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["SESSION_COOKIE_HTTPONLY"] = True\n',
    },
    {
      name: 'a string read from the environment is truthy in Flask',
      code: 'import os\n\nclass Config:\n    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", "False")\n    REMEMBER_COOKIE_SECURE = not DEBUG\n',
    },
    {
      name: 'set_cookie with secure=True, and without the argument (default not flagged)',
      code: 'from flask import make_response\n\ndef login():\n    resp = make_response("ok")\n    resp.set_cookie("token", "t", secure=True, httponly=True)\n    resp.set_cookie("theme", "dark")\n    return resp\n',
    },
    {
      name: 'delete_cookie and unrelated secure=False keywords',
      code: 'resp.delete_cookie("token", secure=False)\nrequests.get(url, verify=True)\nsmtp.connect(secure=False)\n',
    },
    {
      name: 'REMEMBER_COOKIE_SECURE set inline with no Flask-Login in sight',
      code: 'from flask import Flask\napp = Flask(__name__)\napp.config["REMEMBER_COOKIE_SECURE"] = False\n',
    },
    {
      name: 'a comment and a docstring',
      code: '"""Set SESSION_COOKIE_SECURE = False only on localhost."""\n# SESSION_COOKIE_SECURE = False\nx = 1\n',
    },
    { name: '.env with true', path: '.env', code: 'FLASK_SESSION_COOKIE_SECURE=true\n' },
    {
      name: 'None elsewhere: a cookie domain, a None secure key of another library',
      code: 'class Config:\n    SESSION_COOKIE_DOMAIN = None\n    REMEMBER_COOKIE_DOMAIN = None\n    MAIL_USE_SSL = None\n',
    },
  ],
  invalid: [
    headerCookieCases('Secure').invalid,
    {
      name: 'None turns the flag off like False (Flask-Login and Flask both test it for truth)',
      code: 'class DefaultConfig(object):\n    REMEMBER_COOKIE_SECURE = None\n    SESSION_COOKIE_SECURE = None\n',
      findings: [
        { line: 2, message: /is None/ },
        { line: 3, message: /is None/ },
      ],
    },
    {
      name: 'set_cookie with secure=None',
      code: 'def login():\n    resp.set_cookie("token", t, secure=None)\n',
      findings: [{ line: 2, message: /secure=None/ }],
    },
    {
      name: 'config class with session and remember-me cookies; development class lowered',
      code: 'class Config:\n    SESSION_COOKIE_SECURE = False\n    REMEMBER_COOKIE_SECURE = False\n    JWT_COOKIE_SECURE = False\n\nclass DevelopmentConfig(Config):\n    SESSION_COOKIE_SECURE = False\n',
      findings: [
        {
          line: 2,
          severity: 'medium',
          message: /SESSION_COOKIE_SECURE in config class Config is False: the session cookie/,
        },
        { line: 3, message: /remember-me/ },
        { line: 4, message: /Flask-JWT-Extended/ },
        { line: 7, severity: 'low', message: /lowered to low/ },
      ],
    },
    {
      name: 'app.config, update, from_mapping with Flask-Login imported',
      code: 'from flask import Flask\nfrom flask_login import LoginManager\n\napp = Flask(__name__)\napp.config["SESSION_COOKIE_SECURE"] = False\napp.config.update(REMEMBER_COOKIE_SECURE=False)\napp.config.from_mapping({"SESSION_COOKIE_SECURE": 0})\n',
      findings: [{ line: 5 }, { line: 6 }, { line: 7 }],
    },
    {
      name: 'a boolean fallback of an environment lookup',
      code: 'import os\n\nclass Config:\n    SESSION_COOKIE_SECURE = os.environ.get("SESSION_COOKIE_SECURE", False)\n',
      findings: [{ line: 4, message: /when SESSION_COOKIE_SECURE is not set/ }],
    },
    {
      name: 'set_cookie(..., secure=False), also on make_response(...)',
      code: 'from flask import make_response\n\ndef login():\n    response = make_response("ok")\n    response.set_cookie("ledger_token", token, secure=False, httponly=False)\n    make_response("x").set_cookie("a", "b", secure=False)\n    return response\n',
      findings: [{ line: 5, message: /set_cookie\("ledger_token", \.\.\., secure=False\)/ }, { line: 6 }],
    },
    {
      name: 'settings module constants',
      path: 'app/settings.py',
      code: 'SESSION_COOKIE_SECURE = False\n',
      findings: [{ line: 1 }],
    },
    {
      name: '.env FLASK_-prefixed (from_prefixed_env) and plain',
      path: '.env',
      code: 'FLASK_SESSION_COOKIE_SECURE=false\nREMEMBER_COOKIE_SECURE=False\nSESSION_COOKIE_SECURE=0\n',
      findings: [
        { line: 1, message: /FLASK_SESSION_COOKIE_SECURE \(Flask's SESSION_COOKIE_SECURE\) is false/ },
        { line: 2 },
        { line: 3 },
      ],
    },
    {
      name: 'compose environment list',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    environment:\n      - FLASK_SESSION_COOKIE_SECURE=false\n',
      findings: [{ line: 4 }],
    },
  ],
});
