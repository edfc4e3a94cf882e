import { hostnameNotVerified } from '../../../src/rules/transport/hostname-not-verified.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(hostnameNotVerified, {
  valid: [
    {
      name: 'verify-full',
      code: 'psycopg.connect("host=db.prod dbname=bank sslmode=verify-full sslrootcert=/c/ca.crt")',
    },
    { name: 'a string that is not a DSN', code: 'MODES = ["verify-ca", "verify-full"]' },
  ],
  invalid: [
    {
      name: 'keyword DSN',
      code: 'psycopg.connect("host=db.prod dbname=bank sslmode=verify-ca sslrootcert=/c/ca.crt")',
      findings: [{ line: 1, severity: 'low' }],
    },
    {
      name: 'TOML database section',
      path: 'settings.toml',
      code: '[default.database]\nhost = "db.prod"\nsslmode = "verify-ca"\n',
      findings: [{ line: 3 }],
    },
  ],
});
