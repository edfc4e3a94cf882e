import { passwordInConnectionString } from '../../../src/rules/secrets/password-in-connection-string.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(passwordInConnectionString, {
  valid: [
    {
      name: 'a config template whose URI takes its password from a format field, and a help text URI without one',
      code: 'CONFIG_TEMPLATE = """\n# generated\nSQLALCHEMY_DATABASE_URI = "postgresql://app:{db_password}@{db_host}:5432/app"\n"""\nHELP = """\nUsage: set DATABASE_URL, e.g.\n  postgresql://app@db.example.com/app\n"""\n',
    },
    {
      name: "a sentinel constant spelling its own name as the password variable's fallback",
      code: 'import os\n\nclass Config:\n    MISSING = "missing"\n    DB_PASSWORD = os.environ.get("DB_PASSWORD", MISSING)\n    DB_HOST = os.environ.get("DB_HOST", MISSING)\n    SQLALCHEMY_DATABASE_URI = f"postgresql://app:{DB_PASSWORD}@{DB_HOST}:5432/bank"\n',
    },
    {
      name: 'no password',
      code: 'create_engine("postgresql://app@db.prod/bank?sslmode=verify-full&sslrootcert=/c/ca.crt")',
    },
    { name: 'angle-bracket placeholder', code: 'URI = "postgresql://app:<password>@db.prod/bank"' },
    { name: 'f-string password', code: 'URI = f"postgresql://app:{os.environ[\'DB_PASSWORD\']}@db.prod/bank"' },
    {
      name: 'compose variable',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: app\n    environment:\n      DATABASE_URL: postgresql://app:${DB_PASSWORD}@roach:26257/bank\n',
    },
    { name: 'changeme', path: '.env', code: 'DATABASE_URL=postgresql://app:changeme@db.prod/bank\n' },
    { name: '.env.example', path: '.env.example', code: 'DATABASE_URL=postgresql://app:s3cr3tpw@db.prod/bank\n' },
    {
      name: 'percent-format placeholder',
      path: 'alembic.ini',
      code: '[alembic]\nsqlalchemy.url = postgresql://app:%(DB_PASS)s@db.prod/bank\n',
    },
    {
      name: 'Helm template value',
      path: 'values.yaml',
      code: 'db:\n  url: "postgresql://app:{{ .Values.db.password }}@db/bank"\n',
    },
  ],
  invalid: [
    {
      name: 'a URI with a literal password inside a multi-line config template, reported on its own line',
      code: 'CONFIG_TEMPLATE = """\n# Database\n\nSQLALCHEMY_DATABASE_URI = \'postgresql://app:s3cretpw@db.example.com:5432/app\'\nSECRET_KEY = \'{secret_key}\'\n"""\n\ndef create_config(path):\n    open(path, "w").write(CONFIG_TEMPLATE.format(secret_key=new_key()))\n',
      findings: [{ line: 4, message: /postgresql:\/\/app:\*\*\*\*@db\.example\.com/ }],
    },
    {
      name: 'a constant that is a real password as the fallback, and a sentinel written straight into the URI',
      code: 'import os\n\nDEFAULT_PW = "Tr0ub4dor-db"\nNOT_FOUND = "NOT_FOUND"\nDB_PASSWORD = os.environ.get("DB_PASSWORD", DEFAULT_PW)\nA = f"postgresql://app:{DB_PASSWORD}@db.example.com/bank"\nB = f"postgresql://app:{NOT_FOUND}@db.example.com/bank"\n',
      findings: [{ line: 3 }, { line: 4 }],
    },
    {
      name: 'URI in create_engine',
      code: 'engine = create_engine("cockroachdb://app:hunter2x@db.prod:26257/bank?sslmode=verify-full")',
      findings: [
        { line: 1, severity: 'high', message: 'cockroachdb://app:****@db.prod:26257/bank?sslmode=verify-full' },
      ],
    },
    {
      name: 'percent-encoded password',
      code: 'URI = "postgresql://app:p%40ss%21word@db.prod/bank"\nengine = create_engine(URI)',
      findings: [{ line: 1 }],
    },
    {
      name: 'multi-host URI',
      code: 'URI = "postgresql://app:hunter2x@n1.db:26257,n2.db:26257/bank?sslmode=verify-full"',
      findings: [{ line: 1 }],
    },
    {
      name: 'keyword DSN',
      code: 'conn = psycopg2.connect("host=db.prod dbname=bank user=app password=hunter2x")',
      findings: [{ line: 1 }],
    },
    {
      name: 'env fallback',
      code: 'URI = os.environ.get("DATABASE_URL", "postgresql://app:hunter2x@db.prod/bank")',
      findings: [{ line: 1, message: /DATABASE_URL/ }],
    },
    {
      name: 'local host is low',
      code: 'URI = "postgresql://app:hunter2x@localhost:26257/bank"',
      findings: [{ line: 1, severity: 'low' }],
    },
    {
      name: '.env file',
      path: '.env',
      code: 'SECRET=1\nDATABASE_URL="postgresql://app:hunter2x@db.prod:26257/bank"\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'JSON config',
      path: 'config/prod.json',
      code: '{\n  "db": {\n    "url": "postgres://app:hunter2x@db.prod/bank"\n  }\n}\n',
      findings: [{ line: 3 }],
    },
    {
      name: 'alembic.ini',
      path: 'alembic.ini',
      code: '[alembic]\nsqlalchemy.url = postgresql+psycopg2://app:hunter2x@db.prod/bank\n',
      findings: [{ line: 2 }],
    },
    {
      name: 'an Npgsql connection string in appsettings.json',
      path: 'appsettings.json',
      code: '{ "ConnectionStrings": { "Bank": "Host=db.prod;Port=26257;Username=app;Password=ledger-db-2024" } }',
      findings: [{ line: 1, severity: 'high', message: 'Host=db.prod;Port=26257;Username=app;Password=****' }],
    },
    {
      name: 'a JDBC URL in a .properties file on a local host',
      path: 'src/main/resources/application.properties',
      code: 'spring.datasource.url=jdbc:postgresql://app:ledger-db-2024@localhost:26257/bank',
      findings: [{ line: 1, severity: 'low', message: 'jdbc:postgresql://app:****@localhost:26257/bank' }],
    },
  ],
});
