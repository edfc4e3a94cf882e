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
  ],
});
