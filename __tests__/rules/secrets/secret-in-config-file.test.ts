import { expect, test } from '@jest/globals';
import { secretInConfigFile } from '../../../src/rules/secrets/secret-in-config-file.js';
import { secretName } from '../../../src/models/names/secret-names.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

// Assembled so that this file itself holds no credential-shaped literal.
const GHP = 'ghp_' + 'R8kq2VJmXw4T7hLz9pN3cY6bF1sD5gA0eU2i';
const AKIA = 'AKIA' + 'QX7TPLM4ZR2KWB6N';
const SK_LIVE = 'sk_' + 'live_' + '51Hq8TzL2kVbN4mR7xW9pQ3s';
const XOXB = 'xoxb-' + '210987654321-3456789012345-' + 'aB3dE5gH7jK9mN1pQ3sT5vW7';
const PEM_BODY = 'MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gunVTLw7onLRnrq0';

ruleTester(secretInConfigFile, {
  valid: [
    {
      name: '.env with references, placeholders, booleans, numbers and file paths',
      path: '.env',
      code: [
        'SECRET_KEY=${SECRET_KEY}',
        'DB_PASSWORD=$DB_PASSWORD',
        'JWT_SECRET_KEY=<jwt-secret>',
        'API_KEY=changeme',
        'STRIPE_API_KEY=your-stripe-key',
        'AUTH_ENABLED=true',
        'TOKEN_EXPIRES=3600',
        'POSTGRES_PASSWORD_FILE=/run/secrets/db_password',
        'GOOGLE_APPLICATION_CREDENTIALS=./keys/service-account.json',
        'DB_PASSWORD=',
        '',
      ].join('\n'),
    },
    {
      name: "Flask's own secrets are FCG203 hardcoded-flask-secret's, in config files too",
      path: '.env',
      code: 'SECRET_KEY=ledger-prod-2f9c1e7a\nJWT_SECRET_KEY=ledger-jwt-signing-key\nFLASK_SECRET_KEY=ledger-prod-2f9c1e7a\nSECURITY_PASSWORD_SALT=ledger-salt-2024\n',
    },
    {
      name: 'keys that describe a secret rather than hold one',
      path: '.env',
      code: [
        'PASSWORD_RESET_URL=https://ledger.example.com/reset',
        'SSH_KEY_PATH=keys/deploy',
        'KEY_FILE=deploy.key',
        'PUBLIC_KEY=MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAE',
        'CACHE_KEY_PREFIX=ledger',
        'SORT_KEY=created_at',
        'PRIMARY_KEY=id',
        'JWT_TOKEN_LOCATION=headers',
        'SECURITY_PASSWORD_HASH=argon2',
        'AWS_ACCESS_KEY_ID_NAME=ledger',
        'SECRET_NAME=ledger-prod',
        'BYPASS=1',
        'TOKEN_URL=https://auth.example.com/oauth/token',
        '',
      ].join('\n'),
    },
    {
      name: 'a database URI with a password is FCG201, not this rule',
      path: '.env',
      code: 'DATABASE_URL=cockroachdb://ledger:Ledger-Pass-2024@roach:26257/ledger?sslmode=verify-full\nDB_PASSWORD_DSN=host=db user=app password=x\n',
    },
    {
      name: 'compose with ${VAR} references',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: ledger\n    environment:\n      SECRET_KEY: ${SECRET_KEY}\n      - placeholder\n'.replace(
        '      - placeholder\n',
        '      JWT_SECRET_KEY: "${JWT_SECRET_KEY:?set it}"\n',
      ),
    },
    {
      name: 'Kubernetes secretKeyRef and valueFrom produce no value',
      path: 'deploy/web.yaml',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          env:',
        '            - name: SECRET_KEY',
        '              valueFrom:',
        '                secretKeyRef:',
        '                  name: ledger',
        '                  key: secret-key',
        '            - name: DB_PASSWORD_FILE',
        '              value: /var/run/secrets/db/password',
        '',
      ].join('\n'),
    },
    {
      name: 'GitHub workflow secrets and permissions',
      path: '.github/workflows/ci.yml',
      code: [
        'permissions:',
        '  id-token: write',
        '  contents: read',
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    env:',
        '      API_TOKEN: ${{ secrets.API_TOKEN }}',
        '    steps:',
        '      - uses: actions/checkout@v4',
        '        with:',
        '          token: ${{ secrets.GITHUB_TOKEN }}',
        '',
      ].join('\n'),
    },
    {
      name: 'Helm values: empty passwords, existingSecret names and secret key names',
      path: 'values.yaml',
      code: [
        'auth:',
        '  enabled: true',
        '  password: ""',
        '  existingSecret: ledger-db',
        '  existingSecretPasswordKey: postgres-password',
        '  secretName: ledger-tls',
        'tls:',
        '  certs:',
        '    secretKey: tls.key',
        '',
      ].join('\n'),
    },
    {
      name: 'JSON, TOML and INI without secrets',
      path: 'config.toml',
      code: '[auth]\ntoken_ttl = 3600\nsecret_key = ""\npassword_min_length = 12\n',
    },
    {
      name: 'package manifests name packages, not settings',
      path: 'package.json',
      code: '{\n  "dependencies": {\n    "@octokit/auth-token": "^4.0.0",\n    "csrf-token": "1.x"\n  }\n}\n',
    },
    {
      name: 'URIs with passwords on documentation hosts (test fixtures of a URI parser)',
      path: 'fixtures/uris.json',
      code: '["uri://user:pass@example.com:123/one", "http://a:b@host.test/"]\n',
    },
    {
      name: 'sops-encrypted values are not plaintext',
      path: 'secrets.yaml',
      code: 'db_password: ENC[AES256_GCM,data:p4ss,iv:abc,tag:def,type:str]\n',
    },
    {
      name: 'a redis URL without a password',
      path: '.env',
      code: 'REDIS_URL=redis://cache:6379/0\nCELERY_BROKER_URL=amqp://${MQ_USER}:${MQ_PASS}@mq//\n',
    },
    {
      name: 'Python: a credential-shaped string in a docstring, and the AWS documentation example id',
      code:
        'def f():\n    """Keys look like AKIA' +
        'IOSFODNN7EXAMPLE or ghp_ followed by 36 characters."""\n    return "AKIA' +
        'IOSFODNN7EXAMPLE"\n',
    },
    {
      name: 'Python: a private key header used as a marker, without a body',
      code: 'def is_pem(data):\n    return data.startswith(b"-----BEGIN RSA PRIVATE KEY-----")\n',
    },
    {
      name: 'Python: PASSWORD = "..." is for other rules; this one only looks at credential formats there',
      code: 'PASSWORD = "hunter2hunter2"\n',
    },
    {
      name: "a CI workflow with AWS's documented sample credentials",
      path: '.github/workflows/test.yml',
      code: [
        'jobs:',
        '  build:',
        '    runs-on: ubuntu-latest',
        '    steps:',
        '      - run: pytest',
        '        env:',
        '          AWS_ACCESS_KEY_ID: AKIAIOSFODNN7EXAMPLE',
        '          AWS_SECRET_ACCESS_KEY: wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY',
        '',
      ].join('\n'),
    },
    {
      name: 'Helm values and manifests that name the Kubernetes Secret holding the material',
      path: 'charts/roach/values.yaml',
      code: [
        'tls:',
        '  certs:',
        '    nodeSecret: cockroachdb-node',
        '    clientRootSecret: cockroachdb-root',
        '    caSecret: cockroach-ca',
        '  certManager:',
        '    existingSecret: ledger.db.v2',
        'image:',
        '  pullSecret: myregistrykey',
        'serviceAccount:',
        '  secretName: ledger-sa-token',
        '',
      ].join('\n'),
    },
    {
      name: "Alembic's stock sqlalchemy.url template (driver://user:pass@localhost/dbname)",
      path: 'migrations/alembic.ini',
      code: '[alembic]\nscript_location = migrations\nsqlalchemy.url = driver://user:pass@localhost/dbname\n',
    },
    {
      name: 'numbers under secret words other than a password are settings',
      path: 'docker/app-env',
      code: 'TOKEN_SECRET_ROUNDS=12000\nAPI_TOKEN=3600\nPASSWORD_HASH_ROUNDS=12\n',
    },
    {
      name: 'an all-digit password in a test fixture is a dummy',
      path: 'tests/fixtures/servers.json',
      code: '{ "add_server": { "tunnel_password": "123456" } }',
    },
    {
      name: 'a .properties password read from the environment',
      path: 'src/main/resources/application.properties',
      code: 'spring.datasource.password=${DB_PASSWORD}\ndb.password=\n',
    },
  ],
  invalid: [
    {
      name: 'a ...Secret key whose value is generated material, or an application secret by convention',
      path: 'charts/roach/values.yaml',
      code: [
        'auth:',
        '  nodeSecret: 8f14e45fceea167a5a36dedd4bea2543',
        '  adminSecret: hunter2-ledger',
        '  clientSecret: ledger-portal',
        '  webhookSecret: Zq9-kLm2-Pw7',
        '',
      ].join('\n'),
      findings: [{ line: 2 }, { line: 3 }, { line: 4 }, { line: 5 }],
    },
    {
      name: '.env: passwords and keys; the DATABASE_URL is left to FCG201',
      path: '.env',
      code: [
        'FLASK_APP=wsgi.py',
        'DATABASE_URL=cockroachdb://ledger:Ledger-Pass-2024@roach:26257/ledger?sslmode=disable',
        'MAIL_PASSWORD=smtp-pass-2024',
        'FERNET_KEY=bXktbmV3LWtleS0zMi1ieXRlcy1sb25nLWtleSEhISE=',
        'export MAIL_PASS=smtp-pass-2024',
        '',
      ].join('\n'),
      findings: [
        { line: 3, message: /Secret committed in a config file: MAIL_PASSWORD=\*\*\*\*/ },
        { line: 4 },
        { line: 5 },
      ],
    },
    {
      name: 'compose environment as a map and as a list',
      path: 'docker-compose.yml',
      code: [
        'services:',
        '  web:',
        '    build: .',
        '    environment:',
        '      PAYMENTS_API_KEY: pay-ledger-2f9c1e7a',
        '      FLASK_DEBUG: "1"',
        '  db:',
        '    image: postgres:16',
        '    environment:',
        '      - POSTGRES_PASSWORD=s3cr3t-pg',
        '      - POSTGRES_USER=ledger',
        '',
      ].join('\n'),
      findings: [{ line: 5, message: /services\.web\.environment\.PAYMENTS_API_KEY=\*\*\*\*/ }, { line: 10 }],
    },
    {
      name: 'Kubernetes env[].value and a Secret manifest with stringData',
      path: 'deploy/web.yaml',
      code: [
        'apiVersion: apps/v1',
        'kind: Deployment',
        'spec:',
        '  template:',
        '    spec:',
        '      containers:',
        '        - name: web',
        '          env:',
        '            - name: ENCRYPTION_KEY',
        '              value: ledger-prod-2f9c1e7a',
        '---',
        'apiVersion: v1',
        'kind: Secret',
        'metadata:',
        '  name: ledger-db',
        'stringData:',
        '  password: Rep0rting-2024',
        '',
      ].join('\n'),
      findings: [{ line: 10, message: /ENCRYPTION_KEY=\*\*\*\*/ }, { line: 17 }],
    },
    {
      name: 'CI workflow env: lowered to low (a throw-away service password), a real token format stays high',
      path: '.github/workflows/test.yml',
      code: [
        'jobs:',
        '  test:',
        '    runs-on: ubuntu-latest',
        '    services:',
        '      postgres:',
        '        image: postgres:16',
        '        env:',
        '          POSTGRES_PASSWORD: ci-postgres-pass',
        '    env:',
        `      DEPLOY_TOKEN: ${GHP}`,
        '    steps:',
        '      - run: pytest',
        '',
      ].join('\n'),
      findings: [
        { line: 8, severity: 'low', message: /a CI file: lowered to low/ },
        { line: 10, severity: 'high', message: /GitHub token/ },
      ],
    },
    {
      name: 'Helm values with a literal password',
      path: 'charts/ledger/values.yaml',
      code: 'auth:\n  username: ledger\n  password: Ledger-Pass-2024\n  apiKey: 9f8e7d6c5b4a\n',
      findings: [{ line: 3, message: /auth\.password=\*\*\*\*/ }, { line: 4 }],
    },
    {
      name: 'JSON',
      path: 'config/settings.json',
      code: '{\n  "mail": {\n    "smtp_password": "mailpass-2024"\n  },\n  "clientSecret": "a1b2c3d4e5f6"\n}\n',
      findings: [{ line: 3 }, { line: 5 }],
    },
    {
      name: 'TOML (Dynaconf settings)',
      path: 'settings.toml',
      code: '[default]\nsecret_key = "dynaconf-secret-2024"\n\n[production.database]\npassword = "prod-db-pass"\n',
      findings: [{ line: 2 }, { line: 5 }],
    },
    {
      name: 'INI',
      path: 'app.ini',
      code: '[mail]\nusername = ledger\npassword = mailpass-2024\n[security]\nsalt = pepper-and-salt-2024\n',
      findings: [{ line: 3 }, { line: 5 }],
    },
    {
      name: 'Dockerfile ENV',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nENV API_TOKEN=tok-2024-ledger-abc\nARG BUILD_SECRET\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'a non-database URI with a password',
      path: '.env',
      code: 'CELERY_BROKER_URL=amqp://ledger:mq-pass-2024@rabbit:5672//\nREDIS_URL=redis://:cache-pass-2024@redis:6379/0\n',
      findings: [
        { line: 1, message: /CELERY_BROKER_URL=amqp:\/\/ledger:\*\*\*\*@rabbit:5672\/\// },
        { line: 2, message: /redis:\/\/:\*\*\*\*@redis/ },
      ],
    },
    {
      name: 'credential formats whatever the key',
      path: '.env',
      code: [`GH=${GHP}`, `S3_ID=${AKIA}`, `BILLING=${SK_LIVE}`, `NOTIFY=${XOXB}`, ''].join('\n'),
      findings: [
        { line: 1, message: /GitHub token committed in a config file: GH=ghp_\*\*\*\*/ },
        { line: 2, message: /AWS access key id.*AKIA\*\*\*\*/ },
        { line: 3, message: /Stripe live secret key/ },
        { line: 4, message: /Slack token/ },
      ],
    },
    {
      name: 'a private key block in YAML',
      path: 'deploy/keys.yaml',
      code: `signing:\n  pem: |\n    -----BEGIN RSA PRIVATE KEY-----\n    ${PEM_BODY}\n    -----END RSA PRIVATE KEY-----\n`,
      findings: [
        {
          line: 3,
          message: /private key committed in a config file: signing\.pem=-----BEGIN RSA PRIVATE KEY-----\*\*\*\*/,
        },
      ],
    },
    {
      name: 'Python: credential formats in string literals',
      code: [
        'import requests',
        '',
        `GITHUB_TOKEN = "${GHP}"`,
        `session = boto3.Session(aws_access_key_id="${AKIA}")`,
        `SIGNING_KEY = """-----BEGIN PRIVATE KEY-----`,
        PEM_BODY,
        '-----END PRIVATE KEY-----"""',
        '',
      ].join('\n'),
      findings: [{ line: 3 }, { line: 4 }, { line: 5, message: /private key in a string literal/ }],
    },
    {
      name: 'a test file is reported like any other',
      path: 'tests/.env.test',
      code: 'API_TOKEN=test-secret-token-1234\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'a .properties password',
      path: 'src/main/resources/application.properties',
      code: 'spring.datasource.username=app\nspring.datasource.password = ledger-db-2024\n',
      findings: [{ line: 2, message: /spring\.datasource\.password=\*\*\*\*/ }],
    },
    {
      name: 'a RabbitMQ .conf of key = value lines (read as INI by its content)',
      path: 'rabbit/rabbitmq.conf',
      code: 'loopback_users.guest = false\nlisteners.tcp.default = 5672\ndefault_user = mq\ndefault_pass = ledger-mq-2024\n',
      findings: [{ line: 4 }],
    },
    {
      name: 'a shell script saved as .sql (read as shell by its export lines)',
      path: 'jdbc.sql',
      code: 'export DB_HOST=10.0.3.7\nexport DB_PASSWORD=ledger-db-2024\npsql "postgresql://app@$DB_HOST/bank"\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'an env_file named pgsql-env, with an all-digit password',
      path: 'docker/pgsql-env',
      code: 'POSTGRES_USER=app\nPOSTGRES_PASSWORD=20241107\nPOSTGRES_DB=app\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'a connector password inside a JSON body posted by curl',
      path: 'scripts/create-sink.sh',
      code: `
        curl -X POST -H "Content-Type: application/json" --data '{
          "name": "sink",
          "config": {
            "connection.user": "sink",
            "connection.password": "ledger-sink-2024"
          }
        }' http://connect:8083/connectors
      `,
      findings: [{ line: 5, message: /config\.connection\.password=\*\*\*\*/ }],
    },
  ],
});

test('values never reach the message', async () => {
  const findings = await runRule(
    secretInConfigFile,
    '.env',
    `SIGNING_KEY=ledger-prod-2f9c1e7a\nGH=${GHP}\nREDIS_URL=redis://:cache-pass-2024@redis:6379/0\n`,
  );
  expect(findings).toHaveLength(3);
  for (const f of findings) {
    expect(f.message).not.toContain('ledger-prod-2f9c1e7a');
    expect(f.message).not.toContain(GHP.slice(4));
    expect(f.message).not.toContain('cache-pass-2024');
  }
});

test.each([
  ['PASSWORD', true],
  ['DB_PASS', true],
  ['MYSQL_PWD', true],
  ['PGPASSWORD', true],
  ['AWS_SECRET_ACCESS_KEY', true],
  ['clientSecret', true],
  ['apiKey', true],
  ['APIKEY', true],
  ['SECURITY_PASSWORD_SALT', true],
  ['WTF_CSRF_SECRET_KEY', true],
  ['FERNET_KEY', true],
  ['BASIC_AUTH', true],
  ['GOOGLE_APPLICATION_CREDENTIALS', true],
  ['password_reset_token', true],
  ['AWS_ACCESS_KEY_ID', false],
  ['PASSWORD_RESET_URL', false],
  ['SSH_KEY_PATH', false],
  ['KEY_FILE', false],
  ['PUBLIC_KEY', false],
  ['CACHE_KEY_PREFIX', false],
  ['SORT_KEY', false],
  ['PRIMARY_KEY', false],
  ['token_count', false],
  ['num_tokens', false],
  ['token_type', false],
  ['password_changed_at', false],
  ['PRIVATE_KEY_ID', false],
  ['PASS_THROUGH', false],
  ['BYPASS', false],
  ['AUTH_METHOD', false],
  ['use_auth', false],
  ['SESSION_KEY', false],
])('secretName(%s) is %s', (name, expected) => {
  expect(secretName(name) !== undefined).toBe(expected);
});
