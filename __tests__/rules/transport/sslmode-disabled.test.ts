import { sslmodeDisabled } from '../../../src/rules/transport/sslmode-disabled.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(sslmodeDisabled, {
  valid: [
    {
      name: 'verify-full with sslrootcert',
      code: 'e = create_engine("cockroachdb://app@db.prod:26257/bank?sslmode=verify-full&sslrootcert=/c/ca.crt")',
    },
    {
      name: 'sslmode in a comment',
      code: '# never use sslmode=disable\nconn = psycopg2.connect(os.environ["DATABASE_URL"])',
    },
    {
      name: 'a docstring that mentions it',
      code: 'def f():\n    """Connect with postgresql://u@h/db?sslmode=disable in tests only."""\n    return 1',
    },
    {
      name: 'the fallback case is insecure-default, not this rule',
      code: 'm = os.environ.get("DB_SSLMODE", "disable")',
    },
    { name: 'a non-database URL', code: 'requests.get("https://api.example.com/?sslmode=disable")' },
    {
      name: 'a .env.example template',
      path: '.env.example',
      code: 'DATABASE_URL=postgresql://app@db.prod/bank?sslmode=disable',
    },
    { name: 'env file with verify-full', path: '.env', code: 'PGSSLMODE=verify-full' },
  ],
  invalid: [
    {
      name: 'a DevelopmentConfig class is lowered to low, the production class is not',
      code: 'class Config:\n    SQLALCHEMY_DATABASE_URI = "postgresql://app@db.prod/bank?sslmode=disable"\n\nclass DevelopmentConfig(Config):\n    SQLALCHEMY_DATABASE_URI = "postgresql://app@db/bank?sslmode=disable"\n\nclass LocalDebug(DevelopmentConfig):\n    SQLALCHEMY_DATABASE_URI = "postgresql://app@db2/bank?sslmode=disable"\n',
      findings: [
        { line: 2, severity: 'high' },
        { line: 5, severity: 'low', message: /development\/testing config class/ },
        { line: 8, severity: 'low' },
      ],
    },
    {
      name: 'URI to create_engine',
      code: 'engine = create_engine("cockroachdb://app@db.prod:26257/bank?sslmode=disable")',
      findings: [{ line: 1, severity: 'high', message: /sslmode=disable/ }],
    },
    {
      name: 'keyword argument to psycopg2.connect',
      code: 'import psycopg2\nconn = psycopg2.connect(host="db.prod", dbname="bank", sslmode="disable")',
      findings: [{ line: 2 }],
    },
    {
      name: 'connect_args of SQLAlchemy',
      code: 'from sqlalchemy import create_engine\nengine = create_engine(\n    URL,\n    connect_args={"sslmode": "disable"},\n)',
      findings: [{ line: 4 }],
    },
    {
      name: 'a module constant with implicit concatenation',
      code: 'DB_URI = (\n    "postgresql://app@db.prod:26257/bank"\n    "?sslmode=disable"\n)\nengine = create_engine(DB_URI)',
      findings: [{ line: 2 }],
    },
    {
      name: 'keyword DSN',
      code: 'conn = psycopg.connect("host=db.prod port=26257 dbname=bank sslmode=disable")',
      findings: [{ line: 1 }],
    },
    {
      name: 'local host is lowered to low',
      code: 'engine = create_engine("postgresql://app@localhost:26257/bank?sslmode=disable")',
      findings: [{ line: 1, severity: 'low', message: /local host/ }],
    },
    {
      name: 'PGSSLMODE in a .env file',
      path: '.env',
      code: '# database\nPGSSLMODE=disable\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'DATABASE_URL in compose environment (list form)',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: app\n    environment:\n      - DATABASE_URL=postgresql://app@roach:26257/bank?sslmode=disable\n',
      findings: [{ line: 5 }],
    },
    {
      name: 'alembic.ini sqlalchemy.url',
      path: 'alembic.ini',
      code: '[alembic]\nscript_location = migrations\nsqlalchemy.url = cockroachdb://app@db.prod:26257/bank?sslmode=disable\n',
      findings: [{ line: 3 }],
    },
  ],
});
