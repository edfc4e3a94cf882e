import { secretLiteralFallback } from '../../../src/rules/secrets/secret-literal-fallback.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// The forms real code writes a secret's fallback in (issue 14, item 2), each with its look-alikes.
ruleTester(secretLiteralFallback, {
  valid: [
    {
      name: 'or: None, a placeholder, a non-secret name, a computed value',
      code: [
        'import os, secrets',
        'A = os.environ.get("SECRET_KEY") or None',
        'B = os.getenv("SECRET_KEY") or "changeme"',
        'C = os.environ.get("LOG_LEVEL") or "info"',
        'D = os.environ.get("SECRET_KEY") or secrets.token_hex(32)',
        'E = os.environ.get("SECRET_KEY", None) or None',
      ].join('\n'),
    },
    {
      name: 'conditional: a non-secret name, a placeholder, no fallback at all',
      code: [
        'import os',
        'A = os.environ["LOG_LEVEL"] if "LOG_LEVEL" in os.environ else "info"',
        'B = os.environ["SECRET_KEY"] if "SECRET_KEY" in os.environ else ""',
        'C = os.environ["SECRET_KEY"] if "SECRET_KEY" in os.environ else None',
      ].join('\n'),
    },
    {
      name: 'conditional on something else is a per-environment choice, not a fallback',
      code: [
        'import os',
        'PRODUCTION = os.environ.get("ENV") == "prod"',
        'SECRET_KEY = os.environ["SECRET_KEY"] if PRODUCTION else "dev-only-key"',
        'x = os.environ.get("SECRET_KEY")',
        'TOKEN = x if PRODUCTION else "dev-token-value"',
      ].join('\n'),
    },
    {
      name: 'the literal is what runs when the variable IS set: not a fallback',
      code: ['import os', 'SECRET_KEY = "x-dev-value" if "SECRET_KEY" in os.environ else os.urandom(24)'].join('\n'),
    },
    {
      name: 'alias look-alikes: a dict named env, a getenv of another library',
      code: [
        'from settings_lib import getenv',
        'env = {"SECRET_KEY": "a"}',
        'A = env.get("SECRET_KEY", "dev-secret-value")',
        'B = getenv("SECRET_KEY", "dev-secret-value")',
      ].join('\n'),
    },
    {
      name: 'app.config.get: non-secret names, None, placeholders, other dicts',
      code: [
        'from flask import Flask',
        'app = Flask(__name__)',
        'a = app.config.get("LOG_LEVEL", "INFO")',
        'b = app.config.get("SECRET_KEY") or None',
        'c = app.config.get("SECRET_KEY", "changeme")',
        'd = settings.get("SECRET_KEY", "dev-secret-value")',
        'e = app.config.get("secret_key", "lower-case-not-a-flask-setting")',
        'f = current_app.config.get("SECURITY_PASSWORD_NORMALIZE_FORM", "NFKD")',
        'g = app.config.get("SECURITY_PASSWORD_LENGTH_MIN", "12")',
      ].join('\n'),
    },
    {
      name: 'a local read used without a fallback, or reassigned',
      code: [
        'import os',
        'key = os.environ.get("SECRET_KEY")',
        'if not key:',
        '    raise RuntimeError("SECRET_KEY is required")',
        'SECRET_KEY = key',
      ].join('\n'),
    },
  ],
  invalid: [
    {
      name: 'or after a None fallback',
      code: 'import os\nSECRET_KEY = os.environ.get("SECRET_KEY", None) or "dev-secret-value"\n',
      findings: [{ line: 2, severity: 'medium' }],
    },
    {
      name: 'conditional on membership in os.environ, both polarities',
      code: [
        'import os',
        'SECRET_KEY = os.environ["SECRET_KEY"] if "SECRET_KEY" in os.environ else "dev-secret-one"',
        'JWT_SECRET_KEY = "dev-secret-two" if "JWT_SECRET_KEY" not in os.environ else os.environ["JWT_SECRET_KEY"]',
        'from os import environ',
        'API_TOKEN = environ["API_TOKEN"] if "API_TOKEN" in environ else "dev-secret-three"',
      ].join('\n'),
      findings: [{ line: 2 }, { line: 3 }, { line: 5 }],
    },
    {
      name: 'conditional on the read itself',
      code: [
        'import os',
        'SECRET_KEY = os.getenv("SECRET_KEY") if os.getenv("SECRET_KEY") else "dev-secret-one"',
        'TOKEN = os.getenv("API_TOKEN") if os.getenv("API_TOKEN") is not None else "dev-secret-two"',
      ].join('\n'),
      findings: [{ line: 2 }, { line: 3 }],
    },
    {
      name: 'the read kept in a local name first',
      code: [
        'import os',
        'key = os.environ.get("SECRET_KEY")',
        'SECRET_KEY = key if key else "dev-secret-one"',
        'def make():',
        '    token = os.getenv("API_TOKEN")',
        '    return token or "dev-secret-two"',
        'salt = os.getenv("SECURITY_PASSWORD_SALT")',
        'SALT = "dev-secret-three" if salt is None else salt',
      ].join('\n'),
      findings: [{ line: 3 }, { line: 6 }, { line: 8 }],
    },
    {
      name: 'aliases of os.getenv and os.environ',
      code: [
        'import os',
        'from os import environ as env',
        'getenv = os.getenv',
        'E = os.environ',
        'A = env.get("SECRET_KEY", "dev-secret-one")',
        'B = getenv("SECRET_KEY", "dev-secret-two")',
        'C = E.get("JWT_SECRET_KEY", "dev-secret-three")',
        'D = getenv("API_TOKEN") or "dev-secret-four"',
        'F = env["SECRET_KEY"] if "SECRET_KEY" in env else "dev-secret-five"',
      ].join('\n'),
      findings: [{ line: 5 }, { line: 6 }, { line: 7 }, { line: 8 }, { line: 9 }],
    },
    {
      name: "Flask's config read with a default",
      code: [
        'from flask import Flask, current_app',
        'app = Flask(__name__)',
        'app.config["SECRET_KEY"] = app.config.get("SECRET_KEY", "dev-secret-one")',
        'signer = current_app.config.get("JWT_SECRET_KEY") or "dev-secret-two"',
        'app.config.setdefault("SECRET_KEY", "dev-secret-three")',
      ].join('\n'),
      findings: [{ line: 3 }, { line: 4 }, { line: 5 }],
    },
    {
      name: 'in a development config class: lowered to low',
      code: [
        'import os',
        'class DevelopmentConfig:',
        '    SECRET_KEY = os.environ.get("SECRET_KEY") or "dev-secret-one"',
        '    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"] if "JWT_SECRET_KEY" in os.environ else "dev-secret-two"',
      ].join('\n'),
      findings: [
        { line: 3, severity: 'low' },
        { line: 4, severity: 'low' },
      ],
    },
  ],
});
