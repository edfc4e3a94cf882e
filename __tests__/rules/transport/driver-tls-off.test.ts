import { driverTlsOff } from '../../../src/rules/transport/driver-tls-off.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(driverTlsOff, {
  valid: [
    { name: 'asyncpg verify-full', code: 'pool = await asyncpg.create_pool(dsn, ssl="verify-full")' },
    {
      name: 'a default context left alone',
      code: 'import ssl, asyncpg\nctx = ssl.create_default_context(cafile="/c/ca.crt")\npool = await asyncpg.create_pool(dsn, ssl=ctx)',
    },
    {
      name: 'an unverified context that never reaches a driver',
      code: 'import ssl\nctx = ssl.create_default_context()\nctx.check_hostname = False\nurllib.request.urlopen(url, context=ctx)',
    },
    {
      name: 'ssl=False to something that is not a database driver',
      code: 'requests.get(url, verify=True)\nsmtp = smtplib.SMTP(host, ssl=False)',
    },
    {
      name: 'JSON "ssl": false of something that is not a PostgreSQL connection, and "ssl": true',
      path: 'config/services.json',
      code: `
        {
          "mail": { "host": "smtp.prod", "port": 587, "ssl": false },
          "cache": { "host": "redis.prod", "port": 6379, "ssl": false },
          "db": { "host": "db.prod", "port": 26257, "ssl": true, "database": "bank" }
        }
      `,
    },
  ],
  invalid: [
    {
      name: 'asyncpg ssl=False',
      code: 'import asyncpg\nconn = await asyncpg.connect("postgresql://app@db.prod/bank", ssl=False)',
      findings: [{ line: 2, severity: 'high' }],
    },
    {
      name: 'asyncpg ssl="prefer"',
      code: 'import asyncpg\npool = await asyncpg.create_pool(dsn=DSN, ssl="prefer")',
      findings: [{ line: 2 }],
    },
    {
      name: 'an unverified context handed to asyncpg',
      code: 'import ssl, asyncpg\nctx = ssl.create_default_context(cafile="/c/ca.crt")\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\npool = await asyncpg.create_pool(dsn, ssl=ctx)',
      findings: [{ line: 3, message: /check_hostname/ }], // one finding per context, at its first weakening
    },
    {
      name: 'ssl=False through SQLAlchemy connect_args for an asyncpg engine',
      code: 'from sqlalchemy.ext.asyncio import create_async_engine\nengine = create_async_engine("postgresql+asyncpg://app@db.prod/bank", connect_args={"ssl": False})',
      findings: [{ line: 2 }],
    },
    {
      name: 'JSON database settings with "ssl": false next to a CockroachDB host and port',
      path: 'Resources/settings.json',
      code: `
        {
          "host": "db.prod",
          "port": 26257,
          "ssl": false,
          "database": "bank"
        }
      `,
      findings: [{ line: 4, severity: 'high', message: /"ssl": false/ }],
    },
    {
      name: 'JSON "ssl": false for a postgres dialect on a local host is lowered',
      path: 'config/config.json',
      code: '{ "production": { "dialect": "postgres", "host": "127.0.0.1", "ssl": false } }',
      findings: [{ line: 1, severity: 'low' }],
    },
  ],
});
