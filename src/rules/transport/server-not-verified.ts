import type { Rule } from '../rule.js';
import { describeConnection, sslmodeOf } from '../../models/connections/sslmode.js';
import { connectionSeverity } from '../../models/context/severity-policy.js';
import { deploySettings, unverifiedSslmodeReaders } from '../../models/connections/deploy-env.js';

export const serverNotVerified: Rule = {
  meta: {
    id: 'FCG104',
    name: 'server-not-verified',
    family: 'transport',
    severity: 'medium',
    cwe: [295],
    title: 'Encrypted database connection that does not verify the server (sslmode=require)',
    what: 'A connection with `sslmode=require` and no `sslrootcert`; also a deployment file (Bicep App Service `appSettings`, a Render blueprint\'s `envVars`, compose `environment`, Kubernetes `env`) that sets a variable to `require` when Python code of the project makes that variable the `sslmode` of a connection URI (`f"…?sslmode={sslmode}"` after `sslmode = os.environ.get("POSTGRES_SSL")`) and names no `sslrootcert`; reported at the deployment line.',
    why: '`require` encrypts but accepts any certificate, so whoever answers on the database address (DNS spoofing, a rogue pod behind the service name) completes the handshake, receives the password and relays or rewrites every query (CWE-295).',
    bad: { lang: 'text', code: 'DATABASE_URL=postgresql://app@db.internal:26257/bank?sslmode=require' },
    good: {
      lang: 'text',
      code: 'DATABASE_URL=postgresql://app@db.internal:26257/bank?sslmode=verify-full&sslrootcert=/certs/ca.crt',
    },
    fix: 'Use `sslmode=verify-full` with `sslrootcert` set to the cluster CA certificate.',
    limits:
      "libpq upgrades `require` to `verify-ca` when a root certificate file happens to exist at `~/.postgresql/root.crt`; the scanner cannot know the runtime file system, so it reports every `require` without `sslrootcert`. A deployment value is joined to the Python code only by the variable's name, when a module-level variable read from the environment (`os.environ`, `os.getenv`, or a one-line wrapper of them followed to the module that defines it) fills the `sslmode=` of a URI the module formats; a module that mentions `sslrootcert` anywhere counts as verifying. Values set outside the repository (the platform's dashboard, a secret store) and Bicep values computed by expressions are out of sight; `prefer` and `allow` set by a deployment are not judged here.",
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    for (const fact of ctx.facts.connections) {
      const mode = sslmodeOf(fact);
      if (mode?.value !== 'require' || fact.params.has('sslrootcert')) continue;
      const c = connectionSeverity(ctx, fact.hosts, mode.span, 'medium');
      ctx.report({
        span: mode.span,
        severity: c.severity,
        message: `sslmode=require ${describeConnection(fact)} encrypts but accepts any server certificate: use verify-full with sslrootcert${c.note}.`,
      });
    }
    // A deployment (Bicep appSettings, Render envVars, compose environment) sets a variable to
    // `require`; phase 2 keeps it when Python code of the project makes that variable a
    // connection's sslmode and names no root certificate.
    for (const s of deploySettings(ctx.file, ctx.config)) {
      if (s.value?.trim().toLowerCase() !== 'require') continue;
      const entry = ctx.config?.entries.find((e) => e.span.line === s.line && e.value === s.value);
      if (!entry) continue;
      const question: DeploySslmodeQuestion = { q: 'deploy-sslmode', env: s.env };
      ctx.report({
        span: entry.span,
        message: `${s.env}=require becomes a connection's sslmode`,
        pending: question,
      });
    }
  },
  decide(question, { index }) {
    const q = question as DeploySslmodeQuestion;
    if (q.q !== 'deploy-sslmode') return true;
    const readers = unverifiedSslmodeReaders(index, q.env);
    if (readers.length === 0) return false;
    return {
      message: `${q.env}=require is the sslmode of the database connection built in ${readers.join(', ')} (no sslrootcert): it encrypts but accepts any server certificate; set verify-full with sslrootcert.`,
    };
  },
};

interface DeploySslmodeQuestion {
  readonly [key: string]: string;
  readonly q: 'deploy-sslmode';
  /** The environment variable the deployment sets to `require`. */
  readonly env: string;
}
