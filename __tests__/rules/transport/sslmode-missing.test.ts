import { sslmodeMissing } from '../../../src/rules/transport/sslmode-missing.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(sslmodeMissing, {
  valid: [
    {
      name: 'connect arguments with sslmode',
      code: 'import psycopg2\nconn = psycopg2.connect(host="db.prod", sslmode="verify-full", sslrootcert="/c/ca.crt")',
    },
    {
      name: 'asyncpg with its own ssl argument',
      code: 'import asyncpg\nconn = await asyncpg.connect(host="db.prod", ssl=ctx)',
    },
    {
      name: 'connect arguments to localhost',
      code: 'import psycopg2\nconn = psycopg2.connect(host="localhost", dbname="bank")',
    },
    {
      name: 'sslmode in the URI',
      code: 'from sqlalchemy import create_engine\ncreate_engine("postgresql://app@db.prod/bank?sslmode=verify-full&sslrootcert=/c/ca.crt")',
    },
    {
      name: 'sslmode in connect_args',
      code: 'from sqlalchemy import create_engine\ncreate_engine("postgresql://app@db.prod/bank", connect_args={"sslmode": "verify-full", "sslrootcert": "/c/ca.crt"})',
    },
    {
      name: 'sslmode as a keyword',
      code: 'import psycopg2\npsycopg2.connect("postgresql://app@db.prod/bank", sslmode="verify-full", sslrootcert="/c/ca.crt")',
    },
    {
      name: 'sslmode from the environment',
      code: 'import psycopg2\npsycopg2.connect("postgresql://app@db.prod/bank", sslmode=os.environ["SSLMODE"])',
    },
    {
      name: 'local host',
      code: 'from sqlalchemy import create_engine\ncreate_engine("postgresql://app@localhost:26257/bank")',
    },
    {
      name: 'URI read from the environment',
      code: 'from sqlalchemy import create_engine\ncreate_engine(os.environ["DATABASE_URL"])',
    },
    { name: 'a URI that reaches no driver', code: 'EXAMPLE = "postgresql://app@db.prod/bank"' },
    {
      name: 'PGSSLMODE set in the same .env',
      path: '.env',
      code: 'PGSSLMODE=verify-full\nDATABASE_URL=postgresql://app@db.prod:26257/bank\n',
    },
    {
      name: 'host unknown',
      code: 'from sqlalchemy import create_engine\ncreate_engine(f"postgresql://app@{HOST}:26257/bank")',
    },
    {
      name: 'JDBC ssl=true (no sslmode) is PgJDBC verify-full',
      path: '.env',
      code: 'DATABASE_URL=jdbc:postgresql://db.prod:26257/bank?ssl=true',
    },
  ],
  invalid: [
    {
      name: 'connect arguments naming a remote host',
      code: 'import psycopg2\nconn = psycopg2.connect(host="db.prod", dbname="bank", user="app")',
      findings: [{ line: 2, message: /at db\.prod/ }],
    },
    {
      name: 'a jdbc: URI in a shell env file',
      path: 'scripts/env.sh',
      code: 'export DATABASE_URL="jdbc:postgresql://db.prod:26257/bank"\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'create_engine with a literal remote URI',
      code: 'from sqlalchemy import create_engine\nengine = create_engine("cockroachdb://app@db.prod:26257/bank")',
      findings: [{ line: 2, message: /No sslmode/ }],
    },
    {
      name: 'SQLALCHEMY_DATABASE_URI in app.config',
      code: 'app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app@10.0.3.4:26257/bank"',
      findings: [{ line: 1 }],
    },
    {
      name: 'DATABASE_URL in a .env file',
      path: '.env',
      code: 'DATABASE_URL=postgresql://app@db.prod:26257/bank\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'host known through an f-string of constants',
      code: 'from sqlalchemy import create_engine\nHOST = "db.prod"\nengine = create_engine(f"postgresql://app@{HOST}:26257/bank")',
      findings: [{ line: 3 }],
    },
    {
      name: 'JDBC ssl=false is PgJDBC prefer, the same as no sslmode',
      path: '.env',
      code: 'DATABASE_URL=jdbc:postgresql://db.prod:26257/bank?ssl=false',
      findings: [{ line: 1 }],
    },
    {
      name: 'an Npgsql string under ConnectionStrings reaches the driver',
      path: 'appsettings.json',
      code: '{ "ConnectionStrings": { "Bank": "Host=db.prod;Port=26257;Database=bank;Username=app" } }',
      findings: [{ line: 1 }],
    },
  ],
});
