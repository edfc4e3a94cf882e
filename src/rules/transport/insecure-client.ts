import { isLocalHost } from '../../models/connections/hosts.js';
import { parseConnectionUri } from '../../models/connections/parse.js';
import type { Rule } from '../rule.js';
import {
  findCockroach,
  flagValue,
  hasInsecureFlag,
  hostOf,
  isServer,
} from '../../models/connections/cockroach-commands.js';

const TRUTHY = new Set(['true', '1', 'yes', 'on']);

export const insecureClient: Rule = {
  meta: {
    id: 'FCG108',
    name: 'insecure-client',
    family: 'transport',
    severity: 'high',
    cwe: [319],
    title: 'CockroachDB client command run with --insecure',
    what: 'Any `cockroach` command other than a node start (`sql`, `init`, `workload`, `node`, `debug`, …) given `--insecure`, and `COCKROACH_INSECURE=true` in an environment block or file, which turns on the same flag for every client command.',
    why: 'An insecure client connects without TLS and, against a secure cluster, fails; so its presence usually means the cluster it talks to is insecure too. Where it does connect, statements and results (including `CREATE USER ... PASSWORD`) cross the network in plaintext (CWE-319).',
    bad: { lang: 'shell', code: 'cockroach sql --insecure --host=roach-0.roach:26257 -e "CREATE DATABASE bank"' },
    good: {
      lang: 'shell',
      code: 'cockroach sql --certs-dir=/certs --host=roach-0.roach:26257 -e "CREATE DATABASE bank"',
    },
    fix: 'Use `--certs-dir` with a client certificate (or `--url` with `sslmode=verify-full`), and secure the cluster it talks to.',
    limits:
      'A client command with no `--host`/`--url`, or one naming a local host, talks to the same machine and is reported at medium. `cockroach demo` (an in-memory throwaway cluster) is reported at low.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    for (const cmd of ctx.facts.commands) {
      const inv = findCockroach(cmd);
      if (!inv || isServer(inv) || !hasInsecureFlag(inv.args)) continue;
      const target = flagValue(inv.args, '--host') ?? flagValue(inv.args, '--url');
      const targetHost =
        target === undefined
          ? undefined
          : target.includes('://')
            ? parseConnectionUri(target)?.hosts[0]
            : hostOf(target);
      const local = (targetHost === undefined || isLocalHost(targetHost)) && !ctx.options?.localHostsAreProduction;
      const severity = inv.subcommand === 'demo' ? 'low' : local ? 'medium' : 'high';
      ctx.report({
        span: cmd.span,
        severity,
        message: `cockroach ${inv.subcommand} --insecure talks to the cluster without TLS${severity === 'high' ? '' : inv.subcommand === 'demo' ? ' (a throwaway demo cluster: low)' : ' (local host: lowered to medium)'}.`,
      });
    }
    for (const entry of ctx.config?.entries ?? []) {
      if (entry.key.toUpperCase() !== 'COCKROACH_INSECURE') continue;
      if (!TRUTHY.has(String(entry.value).toLowerCase())) continue;
      ctx.report({
        span: entry.span,
        message:
          'COCKROACH_INSECURE=true makes every cockroach client command in this environment connect without TLS.',
      });
    }
  },
};
