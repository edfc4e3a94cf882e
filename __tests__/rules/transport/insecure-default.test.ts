import { insecureDefault } from '../../../src/rules/transport/insecure-default.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(insecureDefault, {
  valid: [
    { name: 'a secure fallback', code: 'SSLMODE = os.environ.get("DB_SSLMODE", "verify-full")' },
    { name: 'no fallback', code: 'SSLMODE = os.environ["DB_SSLMODE"]' },
    { name: 'an unrelated variable', code: 'MODE = os.environ.get("APP_MODE", "disable")' },
    {
      name: 'a secure URI fallback',
      code: 'URI = os.getenv("DATABASE_URL", "postgresql://app@db.prod/bank?sslmode=verify-full&sslrootcert=/c/ca.crt")',
    },
  ],
  invalid: [
    {
      name: 'os.environ.get with disable',
      code: 'import os\nSSLMODE = os.environ.get("DB_SSLMODE", "disable")',
      findings: [{ line: 2, message: /DB_SSLMODE/ }],
    },
    {
      name: 'os.getenv with prefer',
      code: 'import os\nconn = psycopg2.connect(host="db.prod", sslmode=os.getenv("PGSSLMODE", "prefer"))',
      findings: [{ line: 2 }],
    },
    {
      name: 'or-fallback',
      code: 'import os\nmode = os.environ.get("DB_SSL_MODE") or "disable"',
      findings: [{ line: 2 }],
    },
    {
      name: 'a URI fallback with sslmode=disable',
      code: 'import os\nURI = os.getenv("DATABASE_URL", "postgresql://app@db.prod:26257/bank?sslmode=disable")\nengine = create_engine(URI)',
      findings: [{ line: 2, message: /DATABASE_URL/ }],
    },
    {
      name: 'compose interpolation default',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    image: app\n    environment:\n      PGSSLMODE: ${PGSSLMODE:-disable}\n',
      findings: [{ line: 5 }],
    },
  ],
});
