import type { Rule } from '../rule.js';
import { describeConnection, fallbackOf, sslmodeOf } from '../../models/connections/sslmode.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';
import type { ParamFact } from '../../models/connections/types.js';
import { isUnknownSslmode } from '../../models/connections/ssl-modes.js';

export const sslmodeDisabled: Rule = {
  meta: {
    id: 'FCG101',
    name: 'sslmode-disabled',
    family: 'transport',
    severity: 'high',
    cwe: [319],
    title: 'Database connection with TLS turned off (sslmode=disable)',
    what: 'A PostgreSQL/CockroachDB connection whose `sslmode` is `disable`: in a URI, a libpq keyword DSN, a `connect()` keyword argument, SQLAlchemy `connect_args`, `URL.create(query=...)`, a `PGSSLMODE` setting (in `os.environ` or in the environment dict handed to a subprocess such as `pg_dump`; when it is `x if c else "disable"` or `x or "disable"`, the literal branch is what runs whenever `x` does not apply), a dict literal of stored connection settings (`Server(..., connection_params={"sslmode": "disable"})`, with the dict\'s `host` or the call\'s `host=` as its host), or a config file value (`.env`, compose, Kubernetes, INI, TOML, JSON, Java `.properties`). JDBC URLs (`jdbc:postgresql://...`) are read like any URI, .NET Npgsql strings (`Host=...;Port=26257;SSL Mode=Disable`) like keyword DSNs, and JSON bodies inside shell scripts (`curl --data \'{"connection.url": ...}\'`, here-documents) like JSON files. Shell and CLI forms: connection strings on command lines (`psql "postgresql://..."`, `psql "host=... sslmode=disable"`, `pg_dump -d "..."`) in shell scripts, Dockerfiles, Makefile recipes, Procfiles and CI `run:` steps; `PGSSLMODE` set by `export`, by a command\'s prefix (`PGSSLMODE=disable pg_dump ...`, `env PGSSLMODE=disable psql ...`), by `docker run -e PGSSLMODE=disable`, inside a workflow `run: |` script or a GitLab `script:` item, in compose `environment:` (list and map) and Kubernetes `env:`. Older spellings count as the mode they stand for: `requiressl=0`/`1` is libpq\'s `prefer`/`require`, and `ssl=false` (or `ssl=0`) in a URI is TLS off for node-postgres, reported as `disable`. An `sslmode` (or `PGSSLMODE`) value no PostgreSQL client knows (`fasle`, `on`, `true`) is reported here at low: libpq, psycopg, asyncpg and PgJDBC refuse to connect ("invalid sslmode value"), so nothing leaks, but the setting protects nothing and the repair reached for under pressure is usually `disable`.',
    why: 'With TLS off, every query, every result row and the password exchange cross the network in plaintext. Anyone on the path (a compromised pod, a cloud network tap, a misrouted VPC peering) reads customer data and can rewrite queries in flight (CWE-319).',
    bad: {
      lang: 'python',
      code: 'engine = create_engine(\n    "cockroachdb://app@db.internal:26257/bank?sslmode=disable"\n)',
    },
    good: {
      lang: 'python',
      code: 'engine = create_engine(\n    "cockroachdb://app@db.internal:26257/bank"\n    "?sslmode=verify-full&sslrootcert=/certs/ca.crt"\n)',
    },
    fix: 'Use `sslmode=verify-full` with `sslrootcert` pointing at the cluster CA (CockroachDB Cloud gives you both in its connection string). Start the cluster in secure mode so there is a certificate to verify.',
    limits:
      'Values built at run time from sources outside the file (a secrets manager, another module) are not seen. Connections to `localhost`, `127.0.0.1`, `::1` and unix sockets are reported at low severity. When the setting is the fallback of an environment lookup, `insecure-default` reports it instead. Connection strings inside free text under documentation keys (`description`, `summary`, `notes`, `help`, `README`) of YAML/JSON/TOML files are sample output, not settings, and are not read. An Npgsql string is only taken for PostgreSQL when it names port 5432 or 26257, an SSL mode only Npgsql spells so (`Disable`, `Require`), or a setting name that says PostgreSQL. In shell code only what a command line or an assignment says literally is read: a `PGSSLMODE` set in one script does not reach another script or a Python process it starts, a prefix `PGSSLMODE=...` holds for its own command only, an `export` inside a CI `run:` script applies to that script only (not to connection strings in other steps), and variables (`$MODE`, `${PGSSLMODE:-...}` with a secure default) are not followed. An unknown value is only reported in `sslmode` parameters and in `PGSSLMODE` itself: other `*_SSLMODE` variables (`DB_SSLMODE: "no"`, MySQL\'s `SSL_MODE=DISABLED`) may belong to another client and are read only when they hold a libpq mode; node-postgres\' `no-verify` is not called unknown.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const mode = sslmodeOf(fact);
      if (isUnknownSslmode(mode?.value)) {
        // libpq refuses the connection: nothing leaks, but the setting protects nothing and the
        // usual repair under pressure is `disable`. Reported low, whatever the host.
        ctx.report({
          span: (mode as ParamFact).span,
          severity: 'low',
          message: `sslmode=${mode?.value} ${describeConnection(fact)} is not an sslmode PostgreSQL clients know (disable, allow, prefer, require, verify-ca, verify-full): libpq, psycopg, asyncpg and PgJDBC refuse to connect ("invalid sslmode value"), and the repair reached for is often disable; write verify-full.`,
        });
        continue;
      }
      if (mode?.value !== 'disable' || fallbackOf(fact, mode)) continue;
      const c = connectionSeverity(ctx, fact.hosts, mode.span, 'high');
      ctx.report({
        span: mode.span,
        severity: c.severity,
        message: `TLS is turned off (sslmode=disable) ${describeConnection(fact)}: queries, data and credentials travel in plaintext${c.note}.`,
      });
    }
  },
};
