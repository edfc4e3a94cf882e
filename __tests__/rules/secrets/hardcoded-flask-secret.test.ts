import { expect, test } from '@jest/globals';
import { hardcodedFlaskSecret } from '../../../src/rules/secrets/hardcoded-flask-secret.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(hardcodedFlaskSecret, {
  valid: [
    {
      name: 'settings rows whose values are generated or read from config, and rows of other settings',
      code: 'import base64, os\nfrom alembic import op\n\ndef upgrade():\n    secret_key = base64.urlsafe_b64encode(os.urandom(32)).decode()\n    if hasattr(config, "SECRET_KEY"):\n        secret_key = config.SECRET_KEY\n    op.bulk_insert(keys, [{"name": "SECRET_KEY", "value": secret_key}, {"name": "THEME", "value": "dark"}])\n',
    },
    {
      name: 'read from the environment',
      code: 'import os\n\nclass Config:\n    SECRET_KEY = os.environ["SECRET_KEY"]\n    JWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY")\n',
    },
    {
      name: 'a literal fallback is secret-literal-fallback, not this rule',
      code: 'import os\n\nclass Config:\n    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-key")\n    JWT_SECRET_KEY = os.environ.get("JWT_SECRET_KEY") or "jwt-dev"\n',
    },
    {
      name: 'generated at start-up (ephemeral, another problem)',
      code: 'import os, secrets\nfrom flask import Flask\n\napp = Flask(__name__)\napp.secret_key = os.urandom(24)\napp.config["JWT_SECRET_KEY"] = secrets.token_hex()\n',
    },
    {
      name: 'placeholders',
      code: 'class Config:\n    SECRET_KEY = "changeme"\n    JWT_SECRET_KEY = "<jwt-secret>"\n    SECURITY_PASSWORD_SALT = ""\n    WTF_CSRF_SECRET_KEY = "xxxx"\n\nclass Other(Config):\n    SECRET_KEY = "your-secret-key-here"\n    JWT_SECRET_KEY = "change-this-in-production"\n',
    },
    {
      name: 'SECRET_KEY = None in a config class',
      code: 'class Config:\n    SECRET_KEY = None\n',
    },
    {
      name: 'a docstring and a comment that show a key',
      code: '"""Set SECRET_KEY = "abc123" in your instance config."""\n# app.secret_key = "super secret key"\nfrom flask import Flask\napp = Flask(__name__)\n',
    },
    {
      name: 'a module-level constant in a module that is not a settings module',
      path: 'app/views.py',
      code: 'SECRET_KEY = "not-read-by-flask-here"\n',
    },
    {
      name: "another object's secret_key attribute",
      code: 'class Encryptor:\n    def __init__(self):\n        self.secret_key = "k1"\n\nhasher.secret_key = "k2"\n',
    },
    {
      name: 'a .env.example template',
      path: '.env.example',
      code: 'SECRET_KEY=ledger-prod-2f9c1e7a\n',
    },
    {
      name: 'compose with a ${VAR} reference and Kubernetes secretKeyRef',
      path: 'deploy/web.yaml',
      code: 'spec:\n  containers:\n    - name: web\n      env:\n        - name: SECRET_KEY\n          valueFrom:\n            secretKeyRef:\n              name: web\n              key: secret-key\n        - name: JWT_SECRET_KEY\n          value: ${JWT_SECRET_KEY}\n',
    },
    {
      name: 'a non-secret key of the same family',
      code: 'class Config:\n    JWT_TOKEN_LOCATION = ["cookies"]\n    SECURITY_PASSWORD_HASH = "argon2"\n',
    },
  ],
  invalid: [
    {
      name: 'a settings row stored from a local variable whose default is a literal',
      code: 'from alembic import op\n\ndef upgrade():\n    security_password_salt = "S3cr3t-pepper-9"\n    if hasattr(config, "SECURITY_PASSWORD_SALT"):\n        security_password_salt = config.SECURITY_PASSWORD_SALT\n    op.bulk_insert(keys, [{"name": "SECURITY_PASSWORD_SALT", "value": security_password_salt}])\n',
      findings: [{ line: 4, message: /SECURITY_PASSWORD_SALT is stored from a literal/ }],
    },
    {
      name: 'config class, subclass and development class (lowered)',
      path: 'app/config.py',
      code: 'import os\n\nclass Config:\n    SECRET_KEY = "ledger-prod-2f9c1e7a"\n    SECURITY_PASSWORD_SALT = "ledger-salt-1f3e"\n\nclass ProductionConfig(Config):\n    JWT_SECRET_KEY = "prod-jwt"\n\nclass DevelopmentConfig(Config):\n    SECRET_KEY = "dev-only"\n\nclass TestingConfig(Config):\n    SECRET_KEY = "test-only"\n',
      findings: [
        { line: 4, severity: 'high', message: /SECRET_KEY in config class Config is a literal/ },
        { line: 5, severity: 'high', message: /SECURITY_PASSWORD_SALT/ },
        { line: 8, severity: 'high', message: /JWT_SECRET_KEY/ },
        { line: 11, severity: 'low', message: /development config class: lowered to low/ },
        { line: 14, severity: 'low', message: /testing config class/ },
      ],
    },
    {
      name: 'app.secret_key and app.config[...] on a Flask app with any name',
      code: 'from flask import Flask\n\nserver = Flask(__name__)\nserver.secret_key = "super secret key"\nserver.config["JWT_SECRET_KEY"] = b"\\x8a\\x91raw-bytes"\n',
      findings: [
        { line: 4, message: /app\.secret_key is a literal/ },
        { line: 5, message: /app\.config\["JWT_SECRET_KEY"\]/ },
      ],
    },
    {
      name: 'update, from_mapping (the Flask tutorial), dict() and setdefault in a factory',
      code: 'import os\nfrom flask import Flask\n\ndef create_app(test_config=None):\n    app = Flask(__name__, instance_relative_config=True)\n    app.config.from_mapping(\n        SECRET_KEY="dev",\n        DATABASE=os.path.join(app.instance_path, "flaskr.sqlite"),\n    )\n    app.config.update({"JWT_SECRET_KEY": "jwt-k"})\n    app.config.update(dict(WTF_CSRF_SECRET_KEY="csrf-k"))\n    app.config.setdefault("SECURITY_PASSWORD_SALT", "salt-k")\n    return app\n',
      findings: [
        { line: 7, message: /SECRET_KEY in app\.config\.from_mapping\(\)/ },
        { line: 10, message: /JWT_SECRET_KEY in app\.config\.update\(\)/ },
        { line: 11 },
        { line: 12, message: /setdefault/ },
      ],
    },
    {
      name: 'through a module constant, an f-string and a concatenation',
      code: 'from flask import Flask\n\nKEY = "abc123def456"\nPREFIX = "ledger"\napp = Flask(__name__)\napp.secret_key = KEY\napp.config["JWT_SECRET_KEY"] = f"{PREFIX}-jwt-key"\napp.config["SECURITY_PASSWORD_SALT"] = "salt-" + "2024"\n',
      findings: [{ line: 6 }, { line: 7 }, { line: 8 }],
    },
    {
      name: 'module constants of a settings module, and of a module read by from_object(__name__)',
      path: 'instance/config.py',
      code: 'SECRET_KEY = "instance-key-123"\nSQLALCHEMY_TRACK_MODIFICATIONS = False\n',
      findings: [{ line: 1, message: /SECRET_KEY in a settings module/ }],
    },
    {
      name: 'a module that reads its own constants',
      path: 'flaskr.py',
      code: 'from flask import Flask\n\nSECRET_KEY = "development key"\napp = Flask(__name__)\napp.config.from_object(__name__)\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'SECRET_KEY_FALLBACKS list of literals',
      code: 'class Config:\n    SECRET_KEY_FALLBACKS = ["old-key-1", os.environ["OLD"], "old-key-2"]\n',
      findings: [{ line: 2 }, { line: 2 }],
    },
    {
      name: '.env file (also FLASK_-prefixed)',
      path: '.env',
      code: 'FLASK_APP=wsgi.py\nSECRET_KEY=ledger-prod-2f9c1e7a\nFLASK_JWT_SECRET_KEY=ledger-jwt\n',
      findings: [
        { line: 2, message: /^SECRET_KEY is committed as a literal/ },
        { line: 3, message: /FLASK_JWT_SECRET_KEY \(Flask's JWT_SECRET_KEY\)/ },
      ],
    },
    {
      name: 'compose environment (map) and Kubernetes env value',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    build: .\n    environment:\n      SECRET_KEY: ledger-prod-2f9c1e7a\n      FLASK_DEBUG: "0"\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'Kubernetes env value',
      path: 'deploy/web.yaml',
      code: 'spec:\n  containers:\n    - name: web\n      env:\n        - name: SECRET_KEY\n          value: ledger-prod-2f9c1e7a\n',
      findings: [{ line: 6 }],
    },
    {
      name: 'Dockerfile ENV',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nENV FLASK_APP=wsgi.py \\\n    SECRET_KEY=baked-into-the-image\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'a CI workflow is lowered to low',
      path: '.github/workflows/ci.yml',
      code: 'jobs:\n  test:\n    runs-on: ubuntu-latest\n    env:\n      SECRET_KEY: ci-only-key\n',
      findings: [{ line: 5, severity: 'low', message: /CI or test file/ }],
    },
    {
      name: 'a .cfg file Flask loads with from_pyfile',
      path: 'instance/app.cfg',
      code: "SECRET_KEY = 'cfg-key-123'\nDEBUG = False\n",
      findings: [{ line: 1 }],
    },
  ],
});

test('the secret never appears in a message', async () => {
  const findings = await runRule(
    hardcodedFlaskSecret,
    'app.py',
    'from flask import Flask\napp = Flask(__name__)\napp.secret_key = "ledger-prod-2f9c1e7a"\n',
  );
  expect(findings).toHaveLength(1);
  expect(findings[0]?.message).not.toContain('ledger-prod-2f9c1e7a');
  expect(findings[0]?.message).toContain('****');
});
