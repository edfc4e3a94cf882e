import { serverNotVerified } from '../../../src/rules/transport/server-not-verified.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(serverNotVerified, {
  valid: [
    {
      name: 'require beside sslrootcert in a dict of stored settings (libpq then checks the CA)',
      code: 'connect_args = {}\nif secure:\n    connect_args = {"sslmode": "require", "sslrootcert": "certs/ca.crt"}\nelse:\n    connect_args = {"sslmode": "verify-full"}\n',
    },
    {
      name: 'require with sslrootcert',
      code: 'psycopg2.connect(host="db.prod", sslmode="require", sslrootcert="/c/ca.crt")',
    },
    {
      name: 'verify-full',
      code: 'create_engine("postgresql://app@db.prod/bank?sslmode=verify-full&sslrootcert=/c/ca.crt")',
    },
    {
      name: 'require with sslrootcert in connect_args',
      code: 'from sqlalchemy import create_engine\ncreate_engine("postgresql://app@db.prod/bank?sslmode=require", connect_args={"sslrootcert": "/c/ca.crt"})',
    },
    {
      name: 'Npgsql VerifyFull with a root certificate',
      path: 'appsettings.json',
      code: '{ "ConnectionStrings": { "Bank": "Host=db.prod;Port=26257;SSL Mode=VerifyFull;Root Certificate=/certs/ca.crt" } }',
    },
  ],
  invalid: [
    {
      name: 'require in a nested OPTIONS dict beside HOST localhost: lowered',
      code: 'DATABASES = {\n    "default": {\n        "HOST": "localhost",\n        "OPTIONS": {"sslmode": "require"},\n    },\n}\n',
      findings: [{ line: 4, severity: 'low' }],
    },
    {
      name: 'require in a URI',
      code: 'create_engine("postgresql://app@db.prod/bank?sslmode=require")',
      findings: [{ line: 1, severity: 'medium' }],
    },
    {
      name: 'require in a .env',
      path: '.env',
      code: 'DATABASE_URL="postgresql://app@db.prod/bank?sslmode=require"\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'require to localhost is low',
      code: 'psycopg2.connect(host="localhost", sslmode="require")',
      findings: [{ line: 1, severity: 'low' }],
    },
    {
      name: 'a connector config posted by curl with sslmode=require',
      path: 'scripts/create-sink.sh',
      code: `
        curl -X POST http://connect:8083/connectors -H 'Content-Type: application/json' -d '{
          "config": {"connection.url": "jdbc:postgresql://10.0.3.7:26257/bank?sslmode=require"}
        }'
      `,
      findings: [{ line: 2 }],
    },
    {
      name: 'Npgsql Trust Server Certificate=true turns VerifyFull into require',
      path: 'appsettings.json',
      code: '{ "ConnectionStrings": { "Bank": "Host=db.prod;Port=26257;SSL Mode=VerifyFull;Trust Server Certificate=true" } }',
      findings: [{ line: 1 }],
    },
    {
      name: 'a script saved as .sql (read as shell by its export lines)',
      path: 'connect.sql',
      code: `
        export DB_HOST=10.0.3.7
        export URL="postgresql://app@\${DB_HOST}:26257/bank?sslmode=require"
        cockroach sql --url="\${URL}"
      `,
      findings: [{ line: 2 }],
    },
  ],
});
