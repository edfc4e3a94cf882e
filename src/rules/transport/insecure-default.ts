import type { Rule } from '../rule.js';
import { UNSAFE_MODES, fallbackOf, sslmodeOf } from '../../models/connections/sslmode.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';

export const insecureDefault: Rule = {
  meta: {
    id: 'FCG109',
    name: 'insecure-default',
    family: 'transport',
    severity: 'high',
    cwe: [319, 1188],
    title: 'Environment lookup whose fallback turns TLS off',
    what: 'An environment lookup for a TLS setting or a connection string whose fallback is insecure: `os.environ.get("DB_SSLMODE", "disable")`, `os.getenv("PGSSLMODE", "prefer")`, `os.environ.get("DATABASE_URL", "postgresql://...?sslmode=disable")`, `os.getenv(...) or "disable"`, and shell-style defaults in compose, Dockerfiles, scripts, Makefiles and Procfiles: `${DB_SSLMODE:-disable}`, `export PGSSLMODE=${PGSSLMODE:-prefer}`, a command prefix `PGSSLMODE=${PGSSLMODE:-disable} psql ...`.',
    why: 'The fallback is what runs whenever the variable is missing: a new environment, a renamed secret, a typo in a manifest. The application then connects in plaintext without a word of warning (CWE-1188: a resource initialised with an insecure default).',
    bad: { lang: 'python', code: 'SSLMODE = os.environ.get("DB_SSLMODE", "disable")' },
    good: {
      lang: 'python',
      code: 'SSLMODE = os.environ.get("DB_SSLMODE", "verify-full")\n# or fail loudly when it is missing:\nSSLMODE = os.environ["DB_SSLMODE"]',
    },
    fix: 'Make the secure value the fallback (`verify-full`), or require the variable (`os.environ["X"]`) so a missing setting stops the process instead of weakening it.',
    limits:
      'Lookups through configuration libraries (environs, pydantic-settings, Dynaconf) are not yet followed; their defaults in TOML/YAML files are checked as ordinary settings. In shell code only `${NAME:-default}` / `${NAME-default}` / `${NAME:=default}` as a whole value is a fallback: `if [ -z "$PGSSLMODE" ]; then PGSSLMODE=disable; fi` is read as a plain setting (reported by `sslmode-disabled`), and a default set in another script is not seen. An unknown fallback value (`${PGSSLMODE:-on}`) is reported by `sslmode-disabled` at low.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const mode = sslmodeOf(fact);
      if (!mode?.value || !UNSAFE_MODES.has(mode.value)) continue;
      const variable = fallbackOf(fact, mode);
      if (!variable) continue;
      const c = connectionSeverity(ctx, fact.hosts, mode.span, 'high');
      ctx.report({
        span: mode.span,
        severity: c.severity,
        message: `When ${variable} is not set, the fallback sslmode=${mode.value} is used and the connection may run in plaintext${c.note}.`,
      });
    }
  },
};
