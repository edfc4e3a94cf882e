import type { Rule } from '../rule.js';
import { describeConnection, sslmodeOf } from '../../models/connections/sslmode.js';

export const hostnameNotVerified: Rule = {
  meta: {
    id: 'FCG105',
    name: 'hostname-not-verified',
    family: 'transport',
    severity: 'low',
    cwe: [297],
    title: 'Database certificate checked against the CA but not the host name (sslmode=verify-ca)',
    what: 'A connection with `sslmode=verify-ca`.',
    why: '`verify-ca` accepts any certificate signed by the CA, including one issued to another node, client or service. With a shared or public CA, any holder of such a certificate can impersonate the database (CWE-297).',
    bad: {
      lang: 'python',
      code: 'psycopg.connect("host=db.internal dbname=bank sslmode=verify-ca sslrootcert=/certs/ca.crt")',
    },
    good: {
      lang: 'python',
      code: 'psycopg.connect("host=db.internal dbname=bank sslmode=verify-full sslrootcert=/certs/ca.crt")',
    },
    fix: 'Use `sslmode=verify-full`. CockroachDB node certificates carry the node host names, so verify-full works out of the box when clients connect by those names.',
    limits: 'None beyond the reach of the connection facts: any `verify-ca` the scanner can see is reported.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const mode = sslmodeOf(fact);
      if (mode?.value !== 'verify-ca') continue;
      ctx.report({
        span: mode.span,
        message: `sslmode=verify-ca ${describeConnection(fact)} does not check the server's host name: use verify-full.`,
      });
    }
  },
};
