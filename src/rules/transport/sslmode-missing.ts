import type { Rule } from '../rule.js';
import { isLocalOnly } from '../../models/context/severity-policy.js';

/** Parameters that settle TLS one way or another, so their presence means "configured". */
const TLS_SETTINGS = ['sslmode', 'ssl', 'sslrootcert', 'requiressl'];

export const sslmodeMissing: Rule = {
  meta: {
    id: 'FCG103',
    name: 'sslmode-missing',
    family: 'transport',
    severity: 'medium',
    cwe: [319, 757],
    title: 'Connection to a remote database with no sslmode (libpq then uses prefer)',
    what: 'A literal connection URI, keyword DSN or set of connect arguments (`host="db.prod"`) naming a non-local host that reaches a driver (a `connect()`/`create_engine()` call, `SQLALCHEMY_DATABASE_URI`, a `DATABASE_URL` setting, a .NET `ConnectionStrings` entry) with no `sslmode` anywhere on its way: not in the string, not in keyword arguments, not in `connect_args`, not in a `PGSSLMODE` setting of the same file. In a JDBC URL, PgJDBC\'s `ssl=true` counts as `verify-full` and `ssl=false` as no sslmode (PgJDBC then uses `prefer`).',
    why: 'Without `sslmode`, libpq and psycopg default to `prefer`, and asyncpg to its own `prefer`: TLS when the server offers it, plaintext when it does not, and no certificate check either way. The connection is one network trick away from plaintext (CWE-319, CWE-757).',
    bad: { lang: 'python', code: 'SQLALCHEMY_DATABASE_URI = "postgresql://app@db.prod.internal:26257/bank"' },
    good: {
      lang: 'python',
      code: 'SQLALCHEMY_DATABASE_URI = (\n    "postgresql://app@db.prod.internal:26257/bank"\n    "?sslmode=verify-full&sslrootcert=/certs/ca.crt"\n)',
    },
    fix: 'Add `sslmode=verify-full` and `sslrootcert` to the URI, or pass them as connection arguments.',
    limits:
      'Only strings whose host is written out are judged: a URI read whole from the environment is out of sight, and a `PGSSLMODE` set by the deployment (not in the repository) is unknown to the scanner, which is why this is medium. Local hosts are never reported.',
    precision: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      if (fact.origin === 'setting') continue;
      if (
        !fact.reachesDriver ||
        !fact.hosts ||
        fact.hosts.length === 0 ||
        (isLocalOnly(fact.hosts) && !ctx.options?.localHostsAreProduction)
      )
        continue;
      if (TLS_SETTINGS.some((p) => fact.params.has(p))) continue;
      ctx.report({
        span: fact.span,
        message: `No sslmode for the remote database ${fact.origin === 'arguments' ? `at ${fact.hosts.join(', ')}` : `in ${fact.display}`}: the driver defaults to prefer (plaintext fallback, no server verification).`,
      });
    }
  },
};
