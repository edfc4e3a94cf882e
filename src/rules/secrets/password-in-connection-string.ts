import { isSentinelLiteralAt } from '../../lang/python/sentinel.js';
import type { Rule } from '../rule.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';

export const passwordInConnectionString: Rule = {
  meta: {
    id: 'FCG201',
    name: 'password-in-connection-string',
    family: 'secrets',
    severity: 'high',
    cwe: [798, 259],
    title: 'Literal password inside a database connection string',
    what: "A connection URI (`postgresql://user:PASSWORD@host/db`, any `+driver` scheme, multi-host lists, percent-encoded passwords, `?password=`) or a libpq keyword DSN (`password=...`), JDBC URL or .NET Npgsql string (`Host=...;Password=...`) with a literal password, in Python code (also as the fallback of an environment lookup, or inside a multi-line string of configuration text such as a config-file template, reported on the URI's own line; `{name}` and `%(name)s` format fields there are not passwords) or in any config file. Placeholders (`<password>`, `${DB_PASSWORD}`, `changeme`, `%(DB_PASS)s`, `{{ .Values.x }}`, empty) and files named `*.example`, `*.sample`, `*.template`, `*.dist` are not reported.",
    why: 'A password committed to the repository is readable by everyone with read access, now and in every clone and fork of its history, and cannot be rotated by deleting the line (CWE-798, CWE-259). Connection strings also end up in logs, error pages and crash reports.',
    bad: {
      lang: 'python',
      code: 'engine = create_engine("cockroachdb://app:hunter2@db.internal:26257/bank?sslmode=verify-full")',
    },
    good: {
      lang: 'python',
      code: 'engine = create_engine(os.environ["DATABASE_URL"])  # set by the deployment from a secret store',
    },
    fix: 'Read the URI or the password from the environment or a secret manager, rotate the exposed password, and prefer client certificates (`sslcert`/`sslkey`), which CockroachDB supports for every user.',
    limits:
      'Passwords assembled from several variables are not recognised. A password that is the fallback of an environment lookup and the value of a sentinel constant spelling its own name (`NOT_FOUND = "NOT_FOUND"`) marks the variable as missing and is not reported. A password on a connection to a local host is reported at low severity. The password itself never appears in any report: messages show `****`.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const pw = fact.password;
      if (!pw || pw.source !== 'connection-string') continue;
      const fallback = pw.envFallbackOf ?? fact.envFallbackOf;
      // `NOT_FOUND = "NOT_FOUND"` as the fallback of the password's variable marks it missing:
      // the connection then fails to log in, it does not log in with a committed password.
      if (fallback && ctx.python && isSentinelLiteralAt(ctx.python, pw.span)) continue;
      const c = connectionSeverity(ctx, fact.hosts, pw.span, 'high');
      ctx.report({
        span: pw.span,
        severity: c.severity,
        secrets: [pw.value],
        message: `Connection string with a literal password: ${fact.display}${fallback ? ` (the fallback of ${fallback})` : ''}${c.note}.`,
      });
    }
  },
};
