import { longSessions } from '../../../src/rules/auth/long-sessions.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(longSessions, {
  valid: [
    {
      name: 'short lifetimes',
      code: 'from datetime import timedelta\n\nclass Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)\n    REMEMBER_COOKIE_DURATION = timedelta(days=14)\n    JWT_ACCESS_TOKEN_EXPIRES = timedelta(minutes=15)\n    JWT_REFRESH_TOKEN_EXPIRES = timedelta(days=30)\n',
    },
    {
      name: 'exactly 30 days and 24 hours',
      code: 'import datetime\n\nclass Config:\n    PERMANENT_SESSION_LIFETIME = datetime.timedelta(days=30)\n    JWT_ACCESS_TOKEN_EXPIRES = 86400\n',
    },
    {
      name: 'a timedelta that is not a session setting',
      code: 'from datetime import timedelta\n\nCACHE_TTL = timedelta(days=365)\nclass Config:\n    SEND_FILE_MAX_AGE_DEFAULT = timedelta(days=365)\n',
    },
    {
      name: 'read from the environment without a fallback',
      code: 'import os\nfrom datetime import timedelta\n\nclass Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(days=int(os.environ["SESSION_DAYS"]))\n',
    },
    { name: '.env with a short lifetime', path: '.env', code: 'FLASK_PERMANENT_SESSION_LIFETIME=3600\n' },
    {
      name: "JWT lifetimes in code are the JWT rules' (FCG410, FCG411)",
      code: 'from datetime import timedelta\n\nclass Config:\n    JWT_ACCESS_TOKEN_EXPIRES = timedelta(days=7)\n    JWT_REFRESH_TOKEN_EXPIRES = False\n',
    },
  ],
  invalid: [
    {
      name: 'timedelta(days=365), weeks, seconds as an int product',
      code: 'from datetime import timedelta\n\nclass Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(days=365)\n    REMEMBER_COOKIE_DURATION = timedelta(weeks=8)\n\nclass Other(Config):\n    PERMANENT_SESSION_LIFETIME = 86400 * 90\n',
      findings: [
        { line: 4, severity: 'low', message: /365 days: a permanent session stays valid for longer than 30 days/ },
        { line: 5, message: /8 weeks/ },
        { line: 8, message: /90 days/ },
      ],
    },
    {
      name: 'app attribute, app.config and a constant',
      code: 'from datetime import timedelta\nfrom flask import Flask\n\nYEAR = 60 * 60 * 24 * 365\napp = Flask(__name__)\napp.permanent_session_lifetime = timedelta(days=180)\napp.config["PERMANENT_SESSION_LIFETIME"] = YEAR\n',
      findings: [{ line: 6 }, { line: 7 }],
    },
    {
      name: 'a fallback of an environment lookup',
      code: 'import os\nfrom datetime import timedelta\n\nclass Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(days=int(os.environ.get("SESSION_DAYS", 90)))\n',
      findings: [{ line: 5, message: /when SESSION_DAYS is not set/ }],
    },
    {
      name: 'seconds in .env',
      path: '.env',
      code: 'FLASK_PERMANENT_SESSION_LIFETIME=31536000\nJWT_ACCESS_TOKEN_EXPIRES=false\n',
      findings: [
        { line: 1, message: /31536000 seconds \(365 days\)/ },
        { line: 2, message: /forever/ },
      ],
    },
  ],
});
