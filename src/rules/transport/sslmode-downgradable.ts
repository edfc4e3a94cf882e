import type { Rule } from '../rule.js';
import { DOWNGRADABLE_MODES, describeConnection, fallbackOf, sslmodeOf } from '../../models/connections/sslmode.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';

export const sslmodeDowngradable: Rule = {
  meta: {
    id: 'FCG102',
    name: 'sslmode-downgradable',
    family: 'transport',
    severity: 'high',
    cwe: [757, 319],
    title: 'Database connection that falls back to plaintext (sslmode=allow or prefer)',
    what: 'A connection whose `sslmode` is `allow` or `prefer`, in any of the places `sslmode-disabled` looks (including dict literals of stored connection settings, the literal fallback branch of a subprocess `PGSSLMODE`, and the shell forms: `psql "postgresql://...?sslmode=prefer"` in scripts, Dockerfiles, Makefiles, Procfiles and CI steps, `PGSSLMODE=allow psql ...` prefixes, `export PGSSLMODE=prefer` in scripts and CI `run:` blocks). libpq\'s deprecated `requiressl=0` is `prefer` and is reported as such.',
    why: '`prefer` and `allow` try TLS and silently continue without it when the server, or anyone pretending to be the server, declines. An attacker on the path answers "no TLS" and gets the plaintext session: a downgrade (CWE-757). Neither mode checks the server certificate either, so even the encrypted case is open to man-in-the-middle.',
    bad: { lang: 'python', code: 'conn = psycopg2.connect(host="db.internal", dbname="bank", sslmode="prefer")' },
    good: {
      lang: 'python',
      code: 'conn = psycopg2.connect(\n    host="db.internal", dbname="bank",\n    sslmode="verify-full", sslrootcert="/certs/ca.crt",\n)',
    },
    fix: 'Use `sslmode=verify-full` and `sslrootcert`. If a local development database has no TLS, say so in a development-only setting instead of a mode that also weakens production.',
    limits:
      "Same reach as `sslmode-disabled`: settings that come from outside the scanned file are not seen; a `PGSSLMODE` set in one script or CI step does not reach connection strings of another, and shell variables (`$MODE`) are not followed. PgJDBC's `ssl=false` (its default, prefer) is read as no sslmode at all and left to `sslmode-missing`.",
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const mode = sslmodeOf(fact);
      if (!mode?.value || !DOWNGRADABLE_MODES.has(mode.value) || fallbackOf(fact, mode)) continue;
      const c = connectionSeverity(ctx, fact.hosts, mode.span, 'high');
      ctx.report({
        span: mode.span,
        severity: c.severity,
        message: `sslmode=${mode.value} ${describeConnection(fact)} falls back to plaintext when TLS is refused and never verifies the server${c.note}.`,
      });
    }
  },
};
