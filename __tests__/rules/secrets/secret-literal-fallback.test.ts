import { expect, test } from '@jest/globals';
import { secretLiteralFallback } from '../../../src/rules/secrets/secret-literal-fallback.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(secretLiteralFallback, {
  valid: [
    {
      name: 'no fallback',
      code: 'import os\n\nclass Config:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n    JWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY")\n',
    },
    {
      name: 'empty and None fallbacks',
      code: 'import os\n\nSECRET_KEY = os.environ.get("SECRET_KEY", "")\nJWT = os.getenv("JWT_SECRET_KEY", None)\nTOKEN = os.environ.get("API_TOKEN") or None\n',
    },
    {
      name: 'placeholder fallbacks',
      code: 'import os\n\nSECRET_KEY = os.environ.get("SECRET_KEY", "changeme")\nAPI_KEY = os.getenv("API_KEY", "<api-key>")\n',
    },
    {
      name: 'a generated fallback (not a literal)',
      code: 'import os, secrets\n\nSECRET_KEY = os.environ.get("SECRET_KEY", secrets.token_hex(32))\n',
    },
    {
      name: 'names about a secret, not secrets',
      code: 'import os\n\nJWT_TOKEN_LOCATION = os.getenv("JWT_TOKEN_LOCATION", "headers")\nSECURITY_PASSWORD_HASH = os.getenv("SECURITY_PASSWORD_HASH", "bcrypt")\nKEY_FILE = os.getenv("SECRET_KEY_FILE", "/run/secrets/key")\nPREFIX = os.getenv("CACHE_KEY_PREFIX", "myapp")\nHEADER = os.getenv("API_KEY_HEADER", "X-Api-Key")\nALG = os.getenv("JWT_ALGORITHM", "HS256")\nSORT = os.getenv("SORT_KEY", "created_at")\n',
    },
    {
      name: 'non-secret settings with fallbacks',
      code: 'import os\n\nDEBUG = os.environ.get("DEBUG", "False")\nREGION = os.getenv("AWS_REGION", "us-east-1")\nUSE_TOKEN = os.getenv("USE_TOKEN_AUTH", "false")\n',
    },
    {
      name: 'a URL fallback (password-in-connection-string covers a password in it)',
      code: 'import os\n\nSQLALCHEMY_DATABASE_URI = os.getenv("DATABASE_URL", "postgresql://app:pw@db/app")\nREDIS_PASSWORD_URL = os.getenv("REDIS_URL", "redis://localhost")\n',
    },
    {
      name: "a password fallback handed to the driver is password-literal's",
      code: 'import os, psycopg2\n\nconn = psycopg2.connect(host="db.prod", password=os.environ.get("DB_PASSWORD", "hunter2"))\n',
    },
    {
      name: 'a dict.get with a default is not an environment lookup',
      code: 'token = request.args.get("token", "anonymous")\nkey = settings.get("SECRET_KEY", "fallback")\n',
    },
    {
      name: 'compose ${VAR} without a default, and a ${VAR:-} empty default',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    environment:\n      SECRET_KEY: ${SECRET_KEY}\n      JWT_SECRET_KEY: ${JWT_SECRET_KEY:-}\n      LOG_LEVEL: ${LOG_LEVEL:-info}\n',
    },
    {
      name: 'shell defaults of non-secret names, a placeholder default, and : with a plain expansion',
      path: 'docker/entrypoint.sh',
      code: '#!/bin/sh\nexport DB_PORT="${DB_PORT:-5432}"\n: ${ADMIN_PASSWORD:=changeme}\n: ${LOG_LEVEL:=info}\n: "${API_TOKEN:?must be set}"\necho ${ADMIN_PASSWORD:-unused-in-echo}\n',
    },
  ],
  invalid: [
    {
      name: 'a sentinel constant shared by several lookups: reported at each secret lookup, not where a DB URI uses it',
      code: 'import os\n\nclass Config:\n    NOT_FOUND = "NOT_FOUND"\n    DEBUG_MODE = os.environ.get("DEBUG_MODE", NOT_FOUND)\n    BASIC_AUTH_USERNAME = os.environ.get("BASIC_AUTH_USERNAME", NOT_FOUND)\n    BASIC_AUTH_PASSWORD = os.environ.get("BASIC_AUTH_PASSWORD", NOT_FOUND)\n    API_TOKEN = os.environ.get("API_TOKEN", NOT_FOUND)\n    DB_PASSWORD = os.environ.get("DB_PASSWORD", NOT_FOUND)\n    SQLALCHEMY_DATABASE_URI = f"postgresql://app:{DB_PASSWORD}@db.example.com/bank"\n',
      findings: [
        { line: 7, message: /BASIC_AUTH_PASSWORD/ },
        { line: 8, message: /API_TOKEN/ },
      ],
    },
    {
      name: 'os.environ.get / os.getenv / or in a config class',
      code: 'import os\n\nclass Config:\n    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-secret")\n    JWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY", "ledger-jwt-signing-key")\n    SECURITY_PASSWORD_SALT = os.environ.get("SECURITY_PASSWORD_SALT") or "salt-1f3e"\n',
      findings: [
        { line: 4, severity: 'medium', message: /SECRET_KEY falls back to a literal secret \(\*\*\*\*\)/ },
        { line: 5 },
        { line: 6 },
      ],
    },
    {
      name: 'the setting names the secret when the variable does not',
      code: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ.get("APP_SEED", "seed-value-1")\napp.secret_key = os.getenv("FLASK_SIGNING", "signing-value")\n',
      findings: [
        { line: 5, message: /APP_SEED falls back.*for SECRET_KEY/ },
        { line: 6, message: /for secret_key/ },
      ],
    },
    {
      name: 'development class lowered to low',
      code: 'import os\n\nclass DevelopmentConfig:\n    SECRET_KEY = os.environ.get("SECRET_KEY", "dev")\n',
      findings: [{ line: 4, severity: 'low', message: /development config class/ }],
    },
    {
      name: 'python-decouple, environs and django-environ',
      code: 'from decouple import config\nfrom environs import Env\n\nenv = Env()\nSECRET_KEY = config("SECRET_KEY", default="decouple-secret")\nJWT_SECRET_KEY = env.str("JWT_SECRET_KEY", "environs-secret")\nAPI_TOKEN = env("API_TOKEN", default="environs-token")\n',
      findings: [{ line: 5 }, { line: 6 }, { line: 7 }],
    },
    {
      name: 'a fallback held in a constant (reported at the lookup that falls back to it), setdefault, and a keyword argument',
      code: 'import os\n\nDEFAULT_KEY = "constant-default"\nSECRET_KEY = os.environ.get("SECRET_KEY", DEFAULT_KEY)\nos.environ.setdefault("STRIPE_API_KEY", "sk_test_123456")\napp.config.from_mapping(SECRET_KEY=os.getenv("KEY", "kw-default"))\n',
      findings: [{ line: 4 }, { line: 5 }, { line: 6 }],
    },
    {
      name: 'lower-case names (pydantic/dataclass settings)',
      code: 'import os\n\nsettings = Settings(secret_key=os.getenv("SECRET_KEY", "your-secret-key-change-in-production"))\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'a shell-style default in compose',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    environment:\n      - SECRET_KEY=${SECRET_KEY:-compose-dev-key}\n',
      findings: [{ line: 4, message: /\$\{SECRET_KEY:-\*\*\*\*\}/ }],
    },
    {
      name: 'shell defaults: quoted export, the unset-only form, and : with an assigning default',
      path: 'docker/entrypoint.sh',
      code: '#!/bin/bash\nexport ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"\nDB_PASSWORD=${DB_PASSWORD-s3cr3t-pw}\n: ${API_TOKEN:=q8Zr2mWx7}\n',
      findings: [
        { line: 2, message: /\$\{ADMIN_PASSWORD:-\*\*\*\*\}/ },
        { line: 3, message: /\$\{DB_PASSWORD-\*\*\*\*\}/ },
        { line: 4, message: /\$\{API_TOKEN:=\*\*\*\*\}/ },
      ],
    },
  ],
});

test('the fallback never appears in a message', async () => {
  const findings = await runRule(
    secretLiteralFallback,
    'app.py',
    'import os\nSECRET_KEY = os.environ.get("SECRET_KEY", "ledger-prod-2f9c1e7a")\n',
  );
  expect(findings).toHaveLength(1);
  expect(findings[0]?.message).not.toContain('ledger-prod-2f9c1e7a');
});
