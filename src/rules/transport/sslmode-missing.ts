import { allRemote, importedHostNames, importedHosts } from '../../models/connections/config-imported-host.js';
import type { Rule } from '../rule.js';
import { pythonEnvFeeds, readsEnvironment, remoteHostDeployments } from '../../models/connections/deploy-env.js';
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
    what: 'A literal connection URI, keyword DSN or set of connect arguments (`host="db.prod"`) naming a non-local host that reaches a driver (a `connect()`/`create_engine()` call, `SQLALCHEMY_DATABASE_URI`, a `DATABASE_URL` setting, a .NET `ConnectionStrings` entry) with no `sslmode` anywhere on its way: not in the string, not in keyword arguments, not in `connect_args`, not in a `PGSSLMODE` setting of the same file. In a JDBC URL, PgJDBC\'s `ssl=true` counts as `verify-full` and `ssl=false` as no sslmode (PgJDBC then uses `prefer`). A `host=` argument that is a constant of another module (`from config import DB_HOST`) counts as written out.',
    why: 'Without `sslmode`, libpq and psycopg default to `prefer`, and asyncpg to its own `prefer`: TLS when the server offers it, plaintext when it does not, and no certificate check either way. The connection is one network trick away from plaintext (CWE-319, CWE-757).',
    bad: { lang: 'python', code: 'SQLALCHEMY_DATABASE_URI = "postgresql://app@db.prod.internal:26257/bank"' },
    good: {
      lang: 'python',
      code: 'SQLALCHEMY_DATABASE_URI = (\n    "postgresql://app@db.prod.internal:26257/bank"\n    "?sslmode=verify-full&sslrootcert=/certs/ca.crt"\n)',
    },
    fix: 'Add `sslmode=verify-full` and `sslrootcert` to the URI, or pass them as connection arguments.',
    limits:
      "Only hosts whose value the scanner knows are judged: a host written out; a connect argument (`host=DB_HOST`, `host=settings.DB_HOST`) that is a text constant of another module of the project, also when the class's `__init__` stores it on `self` and every construction of the class in the same file passes the imported constant; or a URI template (an f-string or a `.format` template of the module) whose host is a module-level variable read from the environment (`os.environ`, `os.getenv`, or a one-line wrapper of them such as `get_env_variable`, followed to the module that defines it) when a deployment file of the project gives that variable a remote host: a Render blueprint's `fromDatabase` `host`, or a dotted name written in Bicep App Service `appSettings`, compose `environment` or Kubernetes `env` (a single-label compose service name counts as the private network). Such a template is only judged when its module mentions no TLS setting at all. A URI read whole from the environment, a host set outside the repository (the platform's dashboard, a secret store), a variable set by a Bicep expression rather than a literal, and a `PGSSLMODE` set by the deployment are out of sight, which is why this is medium. Local hosts are never reported.",
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const reported = new Set<string>();
    for (const fact of ctx.facts.connections) {
      if (fact.origin === 'setting') continue;
      const hostParam = fact.params.get('host');
      if (
        fact.reachesDriver &&
        fact.hosts === undefined &&
        fact.origin === 'arguments' &&
        hostParam &&
        hostParam.value === undefined &&
        ctx.python &&
        !TLS_SETTINGS.some((p) => fact.params.has(p))
      ) {
        // `host=DB_HOST` imported from a settings module: phase 2 reads the constant there.
        const names = importedHostNames(ctx.python, hostParam.span);
        if (names) {
          const question: HostQuestion = {
            q: 'imported-host',
            names,
            localToo: ctx.options?.localHostsAreProduction ?? false,
          };
          reported.add(`${fact.span.line}:${fact.span.column}`);
          ctx.report({
            span: fact.span,
            message: 'No sslmode for a database whose host is imported',
            pending: question,
          });
        }
        continue;
      }
      if (
        !fact.reachesDriver ||
        !fact.hosts ||
        fact.hosts.length === 0 ||
        (isLocalOnly(fact.hosts) && !ctx.options?.localHostsAreProduction)
      )
        continue;
      if (TLS_SETTINGS.some((p) => fact.params.has(p))) continue;
      reported.add(`${fact.span.line}:${fact.span.column}`);
      ctx.report({
        span: fact.span,
        message: `No sslmode for the remote database ${fact.origin === 'arguments' ? `at ${fact.hosts.join(', ')}` : `in ${fact.display}`}: the driver defaults to prefer (plaintext fallback, no server verification).`,
      });
    }
    // Not judged above: a URI template whose host is an environment variable: phase 2 looks for a deployment that
    // fills the variable with a remote database host.
    if (ctx.python && !ctx.options?.localHostsAreProduction) {
      for (const h of pythonEnvFeeds(ctx.python).hosts) {
        if (reported.has(`${h.span.line}:${h.span.column}`)) continue; // already judged from its own text
        const question: EnvHostQuestion = { q: 'env-host', env: h.env, wrapper: h.wrapper ?? '' };
        ctx.report({ span: h.span, message: `No sslmode for a database whose host is ${h.env}`, pending: question });
      }
    }
  },
  decide(question, { path, index }) {
    const e = question as EnvHostQuestion;
    if (e.q === 'env-host') {
      if (!readsEnvironment(index, path, e)) return false;
      const where = remoteHostDeployments(index, e.env);
      if (where.length === 0) return false;
      return {
        message: `No sslmode for the remote database whose host is ${e.env}, set by ${where.join(', ')}: the driver defaults to prefer (plaintext fallback, no server verification).`,
      };
    }
    const q = question as HostQuestion;
    if (q.q !== 'imported-host') return true;
    const hosts = importedHosts(index, path, q.names);
    if (!hosts || (!q.localToo && !allRemote(hosts))) return false;
    return {
      message: `No sslmode for the remote database at ${hosts.join(', ')} (the host is ${q.names.join(', ')}, a constant of another module): the driver defaults to prefer (plaintext fallback, no server verification).`,
    };
  },
};

interface HostQuestion {
  readonly [key: string]: string | boolean | readonly string[];
  readonly q: 'imported-host';
  /** Local names (imported) the host argument comes from. */
  readonly names: readonly string[];
  readonly localToo: boolean;
}

interface EnvHostQuestion {
  readonly [key: string]: string;
  readonly q: 'env-host';
  /** The environment variable the URI's host is read from. */
  readonly env: string;
  /** The imported function it is read through (`get_env_variable`); empty for os.environ itself. */
  readonly wrapper: string;
}
