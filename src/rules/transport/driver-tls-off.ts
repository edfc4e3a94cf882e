import type { Rule } from '../rule.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';

export const driverTlsOff: Rule = {
  meta: {
    id: 'FCG106',
    name: 'driver-tls-off',
    family: 'transport',
    severity: 'high',
    cwe: [295, 319],
    title: 'Driver TLS turned off or certificate checks disabled',
    what: 'TLS switched off in a driver\'s own terms rather than libpq\'s: asyncpg `ssl=False`, `ssl="disable"`, `"allow"` or `"prefer"` (directly or through SQLAlchemy `connect_args`), and an `ssl.SSLContext` whose `check_hostname` is set to `False` or `verify_mode` to `CERT_NONE` (or `ssl._create_unverified_context()`) handed to a driver; and in a JSON settings file, `"ssl": false` in an object that is plainly a PostgreSQL/CockroachDB connection\'s (a `host` and either port 5432/26257 or a `dialect`/`driver`/`client` naming PostgreSQL), as node-postgres, Sequelize, TypeORM and PostgresNIO read it.',
    why: 'asyncpg does not read `sslmode` from keyword arguments; its `ssl` argument decides. `False` is plaintext; an unverified context encrypts to whoever answers, which lets a man in the middle read and rewrite every query (CWE-295, CWE-319).',
    bad: {
      lang: 'python',
      code: 'ctx = ssl.create_default_context(cafile="/certs/ca.crt")\nctx.check_hostname = False\nctx.verify_mode = ssl.CERT_NONE\npool = await asyncpg.create_pool(dsn, ssl=ctx)',
    },
    good: {
      lang: 'python',
      code: 'ctx = ssl.create_default_context(cafile="/certs/ca.crt")\npool = await asyncpg.create_pool(dsn, ssl=ctx)',
    },
    fix: 'Pass `ssl="verify-full"` or a default context built with the cluster CA (`ssl.create_default_context(cafile=...)`) and leave its checks on.',
    limits:
      'The context must be built in the same file as the call it reaches; contexts made by helper functions in other modules are not followed. A JSON `"ssl": false` is only reported in an object naming a host and a PostgreSQL/CockroachDB port or engine: a database on another port with no engine named is not recognised, and YAML or TOML settings objects are not read this way.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.driverTls) {
      const c = connectionSeverity(ctx, fact.hosts, fact.span, 'high');
      ctx.report({
        span: fact.span,
        severity: c.severity,
        message: `${fact.detail}: the database connection is not protected against eavesdropping or impersonation${c.note}.`,
      });
    }
  },
};
