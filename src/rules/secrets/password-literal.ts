import type { Rule } from '../rule.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';

export const passwordLiteral: Rule = {
  meta: {
    id: 'FCG202',
    name: 'password-literal',
    family: 'secrets',
    severity: 'high',
    cwe: [798, 259],
    title: 'Literal password passed to a database connect call',
    what: 'A literal `password=` (or `passwd=`) keyword argument to `psycopg2.connect()`, `psycopg.connect()`, `asyncpg.connect()`/`create_pool()`, psycopg pools, `sqlalchemy.engine.URL.create()`, or inside `connect_args` and dicts unpacked with `**` into them; also when the literal sits in a module constant.',
    why: 'The password is in the repository for everyone with read access and in its history for good (CWE-798, CWE-259).',
    bad: {
      lang: 'python',
      code: 'conn = psycopg2.connect(host="db.internal", user="app", password="hunter2", sslmode="verify-full")',
    },
    good: {
      lang: 'python',
      code: 'conn = psycopg2.connect(host="db.internal", user="app", password=os.environ["DB_PASSWORD"], sslmode="verify-full")',
    },
    fix: 'Read the password from the environment or a secret manager and rotate the one that was committed; or authenticate with a client certificate.',
    limits:
      'Placeholders and empty strings are not reported. A password for a local host is reported at low severity. The value is never printed.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const pw = fact.password;
      if (!pw || pw.source !== 'argument') continue;
      const fallback = pw.envFallbackOf;
      const c = connectionSeverity(ctx, fact.hosts, pw.span, 'high');
      ctx.report({
        span: pw.span,
        severity: c.severity,
        secrets: [pw.value],
        message: `Literal password passed to the database driver${fallback ? ` as the fallback of ${fallback}` : ''}: password=****${c.note}.`,
      });
    }
  },
};
