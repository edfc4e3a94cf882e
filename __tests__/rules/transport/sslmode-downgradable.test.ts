import { sslmodeDowngradable } from '../../../src/rules/transport/sslmode-downgradable.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(sslmodeDowngradable, {
  valid: [
    { name: 'verify-full', code: 'psycopg2.connect(host="db.prod", sslmode="verify-full", sslrootcert="/c/ca.crt")' },
    { name: 'require is another rule', code: 'psycopg2.connect(host="db.prod", sslmode="require")' },
    { name: 'a word prefer elsewhere', code: 'PREFER = "prefer"\nconn = psycopg2.connect(os.environ["DATABASE_URL"])' },
    { name: 'sslmode from the environment', code: 'psycopg2.connect(host="db.prod", sslmode=os.environ["SSLMODE"])' },
    {
      name: 'a stored server dict with a verifying mode',
      code: 'server = Server(name="s", host="db.prod", connection_params={"sslmode": "verify-full"})',
    },
    { name: 'a dict key that is not sslmode', code: 'prefs = {"mode": "prefer", "theme": "dark"}' },
    {
      name: 'a subprocess PGSSLMODE choosing between two literals',
      code: 'env = {}\nenv["PGSSLMODE"] = "verify-full" if production else "prefer"',
    },
    {
      name: 'a subprocess PGSSLMODE from the server with a verifying fallback',
      code: 'env = {}\nenv["PGSSLMODE"] = params.get("sslmode") or "verify-full"',
    },
  ],
  invalid: [
    {
      name: 'prefer in a stored server dict literal',
      code: 'server = Server(\n    name="rds",\n    host="db.example.com",\n    connection_params={"sslmode": "prefer", "connect_timeout": 30},\n)',
      findings: [{ line: 4, message: /sslmode=prefer/ }],
    },
    {
      name: 'prefer in a stored server dict beside a local host: lowered',
      code: 'server = Server(host="localhost", connection_params={"sslmode": "prefer"})',
      findings: [{ line: 1, severity: 'low', message: /local host/ }],
    },
    {
      name: 'allow in a dict with its own host',
      code: 'PARAMS = {"host": "db.example.com", "sslmode": "allow"}',
      findings: [{ line: 1 }],
    },
    {
      name: 'a subprocess PGSSLMODE whose conditional fallback is prefer',
      code: 'env = {}\nenv["PGSSLMODE"] = params["sslmode"] \\\n    if "sslmode" in params else "prefer"',
      findings: [{ line: 3, message: /prefer/ }],
    },
    {
      name: 'a subprocess PGSSLMODE falling back to allow through or',
      code: 'env = dict(os.environ)\nenv["PGSSLMODE"] = params.get("sslmode") or "allow"',
      findings: [{ line: 2, message: /allow/ }],
    },
    {
      name: 'prefer in a URI',
      code: 'engine = create_engine("postgresql+psycopg2://app@db.prod/bank?sslmode=prefer")',
      findings: [{ line: 1, message: /prefer/ }],
    },
    {
      name: 'allow as a keyword',
      code: 'conn = psycopg2.connect(host="db.prod", sslmode="allow")',
      findings: [{ line: 1, message: /allow/ }],
    },
    {
      name: 'URL.create query',
      code: 'from sqlalchemy.engine import URL\nurl = URL.create("cockroachdb", username="app", host="db.prod", port=26257, database="bank", query={"sslmode": "prefer"})',
      findings: [{ line: 2 }],
    },
    {
      name: 'Kubernetes env value',
      path: 'deploy/app.yaml',
      code: 'apiVersion: apps/v1\nkind: Deployment\nspec:\n  template:\n    spec:\n      containers:\n        - name: web\n          image: app\n          env:\n            - name: PGSSLMODE\n              value: prefer\n',
      findings: [{ line: 11 }],
    },
  ],
});
