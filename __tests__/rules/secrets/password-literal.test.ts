import { passwordLiteral } from '../../../src/rules/secrets/password-literal.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(passwordLiteral, {
  valid: [
    {
      name: 'from the environment',
      code: 'psycopg2.connect(host="db.prod", user="app", password=os.environ["DB_PASSWORD"])',
    },
    { name: 'empty password', code: 'psycopg2.connect(host="db.prod", user="app", password="")' },
    {
      name: 'a password argument to something else',
      code: 'user = User(name="a", password="hunter2x")\nform.fill(password="hunter2x")',
    },
    { name: 'placeholder', code: 'psycopg2.connect(host="db.prod", password="<password>")' },
  ],
  invalid: [
    {
      name: 'psycopg2.connect',
      code: 'import psycopg2\nconn = psycopg2.connect(host="db.prod", user="app", password="hunter2x")',
      findings: [{ line: 2, message: /password=\*\*\*\*/ }],
    },
    {
      name: 'asyncpg.create_pool',
      code: 'import asyncpg\npool = await asyncpg.create_pool(host="db.prod", password="hunter2x")',
      findings: [{ line: 2 }],
    },
    {
      name: 'URL.create',
      code: 'from sqlalchemy.engine import URL\nurl = URL.create(\n    "cockroachdb",\n    username="app",\n    password="hunter2x",\n    host="db.prod",\n)',
      findings: [{ line: 5 }],
    },
    {
      name: 'a dict unpacked into connect',
      code: 'import psycopg2\nDB = {"host": "db.prod", "user": "app", "password": "hunter2x"}\nconn = psycopg2.connect(**DB)',
      findings: [{ line: 2 }],
    },
    {
      name: 'through a module constant',
      code: 'import psycopg\nPASSWORD = "hunter2x"\nconn = psycopg.connect(host="db.prod", password=PASSWORD)',
      findings: [{ line: 3 }], // where it is passed; the message names the constant's value as ****
    },
    {
      name: 'local host is low',
      code: 'import psycopg2\npsycopg2.connect(host="localhost", password="hunter2x")',
      findings: [{ line: 2, severity: 'low' }],
    },
  ],
});
