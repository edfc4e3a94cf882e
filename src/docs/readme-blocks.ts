/**
 * Parts of README.md and CONTRIBUTING.md that are generated, between `<!-- NAME:start -->` and
 * `<!-- NAME:end -->` markers: the rule counts per family, and the example output of a scan of
 * examples/vulnerable-app. `npm run docs:rules` rewrites them; __tests__/docs fails when they
 * differ from what the code produces. Pure functions: the test runs the CLI and hands them its output.
 */
import type { Family } from '../core/types.js';
import type { RuleMeta } from '../rules/rule.js';
import { FAMILY_DIGIT } from './rule-page.js';

export function blockMarkers(name: string): { readonly start: string; readonly end: string } {
  return { start: `<!-- ${name}:start -->`, end: `<!-- ${name}:end -->` };
}

/**
 * `doc` with the block NAME's content replaced (kept out of prettier's reach, so the test and
 * the formatter never disagree); undefined when the markers are missing or out of order.
 */
export function withBlock(doc: string, name: string, content: string): string | undefined {
  const { start, end } = blockMarkers(name);
  const from = doc.indexOf(start);
  const to = doc.indexOf(end);
  if (from < 0 || to < from) return undefined;
  const body = [start, '<!-- prettier-ignore-start -->', '', content.trimEnd(), '', '<!-- prettier-ignore-end -->', ''];
  return doc.slice(0, from) + body.join('\n') + doc.slice(to);
}

const FAMILY_NAMES: Readonly<Record<Family, string>> = {
  transport: 'transport (missing TLS, man-in-the-middle)',
  secrets: 'secrets and credentials',
  crypto: 'cryptographic failures',
  auth: 'broken authentication',
  design: 'insecure design',
};

/** `FCG101–FCG109` (or one id). */
function idRange(ids: readonly string[]): string {
  const first = ids[0] ?? '';
  const last = ids[ids.length - 1] ?? '';
  return first === last ? `\`${first}\`` : `\`${first}\`–\`${last}\``;
}

/** One sentence per family with its rule count and ids, from the rules themselves. */
export function renderFamilySummary(rules: readonly { readonly meta: RuleMeta }[]): string {
  const families = (Object.keys(FAMILY_DIGIT) as Family[]).sort((a, b) => FAMILY_DIGIT[a] - FAMILY_DIGIT[b]);
  const parts = families.map((family) => {
    const ids = rules.filter((r) => r.meta.family === family).map((r) => r.meta.id);
    return ids.length === 0
      ? `${FAMILY_NAMES[family]}: no rules yet`
      : `${FAMILY_NAMES[family]}: ${ids.length} ${ids.length === 1 ? 'rule' : 'rules'} (${idRange(ids)})`;
  });
  return `It ships ${rules.length} rules in ${families.length} families: ${parts.join('; ')}.`;
}

/** The family digits as CONTRIBUTING lists them: `1 transport, 2 secrets, …`. */
export function renderFamilyDigits(): string {
  return (Object.entries(FAMILY_DIGIT) as [Family, number][])
    .sort((a, b) => a[1] - b[1])
    .map(([family, digit]) => `${digit} ${family}`)
    .join(', ');
}

/** A command and its exact output, as a fenced block. */
export function renderCommandOutput(command: string, output: string): string {
  return ['```console', `$ ${command}`, output.trimEnd(), '```'].join('\n');
}

/** JSON with two-space indentation, arrays of numbers or strings kept on one line. */
function json(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(
    /\[\n\s+((?:-?\d[\d.]*|"[^"\n]*")(?:,\n\s+(?:-?\d[\d.]*|"[^"\n]*"))*)\n\s*\]/g,
    (_, items: string) => `[${items.split(/,\n\s+/).join(', ')}]`,
  );
}

type Json = Record<string, unknown>;

/** A list cut to its first `keep` items, and what the caption says about it. */
function cut(list: unknown, keep: number, label: string, notes: string[]): unknown[] {
  const items = Array.isArray(list) ? list : [];
  if (items.length > keep) notes.push(`\`${label}\` ${keep} of ${items.length}`);
  return items.slice(0, keep);
}

/**
 * The JSON report of `command`, abridged: one finding (the first of `ruleId`, else the first),
 * two penalties, one step of each grade plan. Returns the caption (saying exactly what was cut)
 * and the block.
 */
export function renderJsonExample(command: string, reportJson: string, ruleId: string): string {
  const report = JSON.parse(reportJson) as Json;
  const notes: string[] = [];
  const findings = Array.isArray(report['findings']) ? (report['findings'] as Json[]) : [];
  const chosen = findings.find((f) => f['ruleId'] === ruleId) ?? findings[0];
  if (findings.length > 1) notes.push(`\`findings\` 1 of ${findings.length} (the first ${String(chosen?.['ruleId'])})`);
  const grading = { ...(report['grading'] as Json) };
  grading['penalties'] = cut(grading['penalties'], 2, 'grading.penalties', notes);
  for (const plan of ['nextGrade', 'toPass'] as const) {
    const value = grading[plan] as Json | null | undefined;
    if (value) grading[plan] = { ...value, fixes: cut(value['fixes'], 1, `grading.${plan}.fixes`, notes) };
  }
  const abridged = { ...report, findings: chosen ? [chosen] : [], grading };
  const caption =
    `From \`${command}\`, abridged: ${notes.join(', ')}; everything else is exactly as printed ` +
    '(`npm run docs:rules` regenerates it, and a test fails when it differs).';
  return `${caption}\n\n\`\`\`json\n${json(abridged)}\n\`\`\``;
}

/** The baseline file `command` writes, cut to the entry of the finding the JSON example shows. */
export function renderBaselineExample(baselineJson: string, fingerprint: string | undefined): string {
  const baseline = JSON.parse(baselineJson) as Json;
  const entries = Array.isArray(baseline['findings']) ? (baseline['findings'] as Json[]) : [];
  const entry = entries.find((e) => e['fingerprint'] === fingerprint) ?? entries[0];
  const abridged = { ...baseline, findings: entry ? [entry] : [] };
  return `\`\`\`json\n${json(abridged)}\n\`\`\`\n\n(${entries.length} entries in all; one is shown.)`;
}
