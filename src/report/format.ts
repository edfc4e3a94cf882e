/** Small pieces every reporter shares: ordering, labels, numbers, links. */
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { Family, Finding } from '../core/types.js';
import type { RulePenalty, Threshold } from '../grade/types.js';
import { compareFindings } from '../core/order.js';

export { compareFindings };

/** The five check families (checks.md), in the order the reports list them. */
export const FAMILIES = ['transport', 'secrets', 'crypto', 'auth', 'design'] as const satisfies readonly Family[];

/** Critical first. */
export const SEVERITIES_DESC: readonly Severity[] = [...SEVERITIES].reverse();

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function sortedFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings);
}

/** Heaviest penalty first, so the first line is what to fix first to gain a grade. */
export function sortedPenalties(penalties: readonly RulePenalty[]): RulePenalty[] {
  return [...penalties].sort((a, b) => b.penalty - a.penalty || byString(a.ruleId, b.ruleId));
}

/** Scores are whole numbers and penalties carry one decimal; print neither with noise. */
export function formatNumber(n: number): string {
  return Number.isInteger(n) ? String(n) : n.toFixed(1);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The parts of the threshold that are set, e.g. "fail below grade C, min score 80". */
export function describeThreshold(t: Threshold): string {
  const parts: string[] = [];
  if (t.failBelow) parts.push(`fail below grade ${t.failBelow}`);
  if (t.minScore !== undefined) parts.push(`min score ${formatNumber(t.minScore)}`);
  if (t.failOnSeverity) parts.push(`fail on ${t.failOnSeverity} severity or above`);
  return parts.length > 0 ? parts.join(', ') : 'none';
}

/** How many findings a penalty line stands for, saying which count at a reduced weight. */
export function describePenaltyCount(p: RulePenalty): string {
  const base = plural(p.count, 'finding');
  return p.reducedCount > 0 ? `${base} (${p.reducedCount} in test/dev files, reduced weight)` : base;
}

/** The rule's docs page on the tool's repository (docs/rules/<name>.md). */
export function ruleDocsUrl(informationUri: string, ruleName: string): string {
  return `${informationUri.replace(/\/+$/, '')}/blob/main/docs/rules/${encodeURIComponent(ruleName)}.md`;
}
