import type { Span, SourceFile } from '../../core/types.js';
import type { ConfigDoc } from '../../parse/config/types.js';
import type { ProjectIndex } from '../../project/project-index.js';
import type { Summarizer, SummaryInput } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';

/**
 * Helm values that turn TLS off for a CockroachDB chart of the project. The official charts map
 * their cluster switch to the node start flags: `tls.enabled: false` (the `cockroachdb` chart) and
 * `cockroachdb.tls.enabled: false` (the operator's `cockroachdb` chart, through the CrdbCluster's
 * `tlsEnabled`) start every node with `--insecure`. A values file is only data until a chart reads
 * it, so the finding needs the chart: phase 2 keeps it when a CockroachDB chart of the project
 * declares the same switch in its own values.yaml.
 */
const SWITCHES = ['tls.enabled', 'cockroachdb.tls.enabled'];

export const HELM_DOMAIN = 'helm-tls';

interface HelmSection {
  /** Chart.yaml: the chart's name. */
  readonly chart?: string;
  /** values*.yaml: the TLS switches it declares (whatever their value). */
  readonly switches?: readonly string[];
}

function isValuesFile(path: string): boolean {
  const base = path.slice(path.lastIndexOf('/') + 1).toLowerCase();
  return /values.*\.ya?ml$/.test(base);
}

function switchesOf(doc: ConfigDoc): { path: string; value: unknown; span: Span }[] {
  const out: { path: string; value: unknown; span: Span }[] = [];
  for (const e of doc.entries) {
    if (e.document !== 0 || e.path.some((p) => typeof p !== 'string')) continue;
    const path = e.path.join('.');
    if (SWITCHES.includes(path)) out.push({ path, value: e.value, span: e.span });
  }
  return out;
}

export const helmTlsSummarizer: Summarizer = {
  domain: HELM_DOMAIN,
  summarize({ file, config }: SummaryInput): Json | undefined {
    if (!config || config.format !== 'yaml') return undefined;
    if (/(^|\/)Chart\.ya?ml$/.test(file.path)) {
      const name = config.entries.find((e) => e.path.length === 1 && e.key === 'name')?.value;
      return typeof name === 'string' ? { chart: name } : undefined;
    }
    if (!isValuesFile(file.path)) return undefined;
    const switches = switchesOf(config).map((s) => s.path);
    return switches.length > 0 ? { switches } : undefined;
  },
};

export interface HelmTlsCandidate {
  readonly span: Span;
  /** The switch as a dotted path: `cockroachdb.tls.enabled`. */
  readonly key: string;
}

/** Phase 1: a values file's TLS switch set to false. */
export function helmTlsOff(file: SourceFile, config: ConfigDoc | undefined): HelmTlsCandidate[] {
  if (!config || config.format !== 'yaml' || !isValuesFile(file.path)) return [];
  return switchesOf(config)
    .filter((s) => s.value === false || (typeof s.value === 'string' && /^(false|no|off)$/i.test(s.value)))
    .map((s) => ({ span: s.span, key: s.path }));
}

/**
 * Phase 2: the directory of the CockroachDB chart of the project whose values declare the switch;
 * of several, the one sharing most of the values file's path, then the shortest.
 */
export function chartReading(index: ProjectIndex, valuesPath: string, key: string): string | undefined {
  let best: { dir: string; shared: number } | undefined;
  for (const { path, section } of index.sections(HELM_DOMAIN)) {
    const chart = (section as HelmSection).chart;
    if (!chart || !/cockroach/i.test(chart)) continue;
    const dir = path.slice(0, path.lastIndexOf('/') + 1);
    const values = index.section(`${dir}values.yaml`, HELM_DOMAIN) as HelmSection | undefined;
    if (!values?.switches?.includes(key)) continue;
    let shared = 0;
    while (shared < dir.length && dir[shared] === valuesPath[shared]) shared++;
    if (!best || shared > best.shared || (shared === best.shared && dir.length < best.dir.length)) {
      best = { dir, shared };
    }
  }
  return best ? best.dir || './' : undefined;
}
