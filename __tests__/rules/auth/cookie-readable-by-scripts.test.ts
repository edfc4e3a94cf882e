import { cookieReadableByScripts } from '../../../src/rules/auth/cookie-readable-by-scripts.js';
import { ruleTester } from '../../helpers/rule-tester.js';
import { headerCookieCases } from './header-cookie-cases.js';

ruleTester(cookieReadableByScripts, {
  valid: [
    headerCookieCases('HttpOnly').valid,
    {
      name: 'HttpOnly on',
      code: 'class Config:\n    SESSION_COOKIE_HTTPONLY = True\n    REMEMBER_COOKIE_HTTPONLY = True\n',
    },
    {
      name: 'set_cookie with httponly=True and without it (default not flagged)',
      code: 'resp.set_cookie("token", t, httponly=True)\nresp.set_cookie("consent", "yes")\n',
    },
    {
      name: 'CSRF cookie httponly=False is a different key',
      code: 'class Config:\n    CSRF_COOKIE_HTTPONLY = False\n',
    },
    {
      name: 'a string from the environment',
      code: 'import os\nclass Config:\n    SESSION_COOKIE_HTTPONLY = os.getenv("HTTPONLY", "false")\n',
    },
    { name: '.env with true', path: '.env', code: 'SESSION_COOKIE_HTTPONLY=True\n' },
  ],
  invalid: [
    headerCookieCases('HttpOnly').invalid,
    {
      name: 'session and remember-me in a config class; testing class lowered',
      code: 'class Config:\n    SESSION_COOKIE_HTTPONLY = False\n    REMEMBER_COOKIE_HTTPONLY = False\n\nclass TestingConfig(Config):\n    SESSION_COOKIE_HTTPONLY = False\n',
      findings: [{ line: 2, message: /readable by any script/ }, { line: 3 }, { line: 6, severity: 'low' }],
    },
    {
      name: 'app.config.update in a factory',
      code: 'from flask import Flask\n\ndef create_app():\n    app = Flask(__name__)\n    app.config.update(SESSION_COOKIE_HTTPONLY=False)\n    return app\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'set_cookie(httponly=False) through a constant',
      code: 'READABLE = False\nresponse.set_cookie("auth", token, secure=True, httponly=READABLE)\n',
      findings: [{ line: 2, message: /httponly=False/ }],
    },
    {
      name: 'Kubernetes env',
      path: 'k8s/web.yaml',
      code: 'spec:\n  containers:\n    - name: web\n      env:\n        - name: FLASK_SESSION_COOKIE_HTTPONLY\n          value: "false"\n',
      findings: [{ line: 6 }],
    },
  ],
});
