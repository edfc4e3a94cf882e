import { chartReading, helmTlsOff } from '../../models/connections/config-helm-tls.js';
import type { Rule } from '../rule.js';
import {
  findCockroach,
  hasInsecureFlag,
  isServer,
  listensLocally,
} from '../../models/connections/cockroach-commands.js';

export const insecureCluster: Rule = {
  meta: {
    id: 'FCG107',
    name: 'insecure-cluster',
    family: 'transport',
    severity: 'critical',
    cwe: [319, 306],
    title: 'CockroachDB node started with --insecure (no TLS, no authentication)',
    what: "`cockroach start` or `cockroach start-single-node` with `--insecure`, in compose files (`command` as a string or a list, also without the word `cockroach` when the image's entrypoint supplies it), Kubernetes manifests (`command`/`args`), Dockerfiles, shell scripts, Procfiles, Makefiles, CI workflows and Python `subprocess` calls; and Helm values that set a CockroachDB chart's `tls.enabled` (or `cockroachdb.tls.enabled`) to false, when that chart is in the project (its templates then start the nodes with `--insecure`).",
    why: 'An insecure CockroachDB node speaks plaintext to clients and to other nodes and accepts any client as any user, `root` included, with no password (CWE-319, CWE-306). Anyone who can reach port 26257 owns the data; anyone on the path reads it.',
    bad: {
      lang: 'yaml',
      code: 'services:\n  roach:\n    image: cockroachdb/cockroach:v24.2.0\n    command: start-single-node --insecure',
    },
    good: {
      lang: 'yaml',
      code: 'services:\n  roach:\n    image: cockroachdb/cockroach:v24.2.0\n    command: start-single-node --certs-dir=/certs\n    volumes: ["./certs:/certs:ro"]',
    },
    fix: 'Generate certificates (`cockroach cert create-ca`, `create-node`, `create-client`) or use the operator/Helm chart with `tls.enabled: true`, and start nodes with `--certs-dir`. For throwaway local clusters, keep `--insecure` in a development-only compose file (`docker-compose.override.yml`, `compose.dev.yaml`), which counts at a reduced weight.',
    limits:
      "Commands assembled at run time (from variables) are not seen, nor Helm chart templates before rendering; Helm values are followed only for the cluster's TLS switch of the official CockroachDB charts (`tls.enabled`, `cockroachdb.tls.enabled`) set to false in a `*values*.yaml` file, and only when the project holds a CockroachDB chart (its `Chart.yaml` and `values.yaml`) that declares the same switch: values for a chart installed from a repository (`helm install cockroachdb/cockroachdb -f values.yaml`) are not reported, and a chart's own template logic is trusted to turn the switch into `--insecure`. A node listening only on localhost (`--listen-addr=localhost`) is reported as high rather than critical.",
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    for (const cmd of ctx.facts.commands) {
      const inv = findCockroach(cmd);
      if (!inv || !isServer(inv) || !hasInsecureFlag(inv.args)) continue;
      const local = listensLocally(inv.args) && !ctx.options?.localHostsAreProduction;
      ctx.report({
        span: cmd.span,
        severity: local ? 'high' : 'critical',
        message: `cockroach ${inv.subcommand} --insecure runs a node without TLS and without authentication: any client can connect as root${local ? ' (listens on a local address only: lowered to high)' : ''}.`,
      });
    }
    // Helm values turning a CockroachDB chart's TLS off: held until phase 2 finds the chart.
    for (const c of helmTlsOff(ctx.file, ctx.config)) {
      const question: HelmQuestion = { q: 'helm-tls-off', key: c.key };
      ctx.report({ span: c.span, message: `${c.key}: false`, pending: question });
    }
  },
  decide(question, { path, index }) {
    const q = question as HelmQuestion;
    if (q.q !== 'helm-tls-off') return true;
    const chart = chartReading(index, path, q.key);
    if (chart === undefined) return false;
    return {
      message: `These Helm values set \`${q.key}: false\` for the CockroachDB chart in ${chart}: its templates then start every node with --insecure, without TLS and without authentication (any client can connect as root).`,
    };
  },
};

interface HelmQuestion {
  readonly [key: string]: string;
  readonly q: 'helm-tls-off';
  readonly key: string;
}
