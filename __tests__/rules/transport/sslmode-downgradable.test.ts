import { sslmodeDowngradable } from '../../../src/rules/transport/sslmode-downgradable.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(sslmodeDowngradable, {
  valid: [
    { name: 'verify-full', code: 'psycopg2.connect(host="db.prod", sslmode="verify-full", sslrootcert="/c/ca.crt")' },
    { name: 'require is another rule', code: 'psycopg2.connect(host="db.prod", sslmode="require")' },
    { name: 'a word prefer elsewhere', code: 'PREFER = "prefer"\nconn = psycopg2.connect(os.environ["DATABASE_URL"])' },
    { name: 'sslmode from the environment', code: 'psycopg2.connect(host="db.prod", sslmode=os.environ["SSLMODE"])' },
  ],
  invalid: [
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
