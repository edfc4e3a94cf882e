/** Small pieces every reporter shares: ordering, labels, numbers, links. */
import { SEVERITIES, type Severity } from '../core/severity.js';
import type { Family, Finding } from '../core/types.js';
import type { RulePenalty, Threshold } from '../grade/types.js';
import { compareFindings } from '../core/order.js';
import { newFindings, type ScanReport } from '../engine/result.js';
import { planNextGrade, planToGrade, type GradePlan, type PlannedFix } from '../grade/explain.js';
import { gradeRank } from '../grade/grade.js';

export { compareFindings };

/** The five check families, in the order the reports list them. */
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
  const notes: string[] = [];
  if (p.reducedCount > 0) notes.push(`${p.reducedCount} in test/dev files`);
  if (p.lowConfidenceCount > 0) notes.push(`${p.lowConfidenceCount} of low confidence`);
  return notes.length > 0 ? `${base} (${notes.join(', ')}: reduced weight)` : base;
}

export { ruleDocsUrl } from './docs-location.js';

/**
 * The fixes that lift the grade one step (`next`), and, when the gate fails on its grade and
 * passing takes more than that step, the fixes that pass it (`toPass`, on what the gate judges:
 * the new findings with `gate-on: new`).
 */
export function gradePlans(report: ScanReport): { next: GradePlan | undefined; toPass: GradePlan | undefined } {
  const next = planNextGrade(report.findings);
  const failBelow = report.threshold.failBelow;
  const gated = report.gateOn === 'new' ? newFindings(report) : report.findings;
  const gatedGrade = report.gateOn === 'new' ? (report.newGrade ?? report.grade) : report.grade;
  let toPass: GradePlan | undefined;
  if (failBelow && gradeRank(gatedGrade.grade) > gradeRank(failBelow)) {
    const sameAsNext = report.gateOn !== 'new' && next?.target === failBelow;
    if (!sameAsNext) toPass = planToGrade(gated, failBelow);
  }
  return { next, toPass };
}

/** What a planned fix asks for: `2 findings (critical: they cap the grade at D)`, `3 findings`. */
export function describeFix(f: PlannedFix): string {
  if (f.because === 'score') return plural(f.findings.length, 'finding');
  const capAt = f.capsAt ?? 'F';
  const what = f.allOfRule ? plural(f.findings.length, 'finding') : plural(f.findings.length, 'capping finding');
  return `${what} (${f.findings.length === 1 ? 'it caps' : 'they cap'} the grade at ${capAt})`;
}

/** One line for the plan to pass the gate, when it takes more than the next grade (the JSON report has the steps). */
export function describeToPass(report: ScanReport, plan: GradePlan): string {
  const what = report.gateOn === 'new' ? 'the new findings' : 'the repository';
  return (
    `To pass the gate (${what} at grade ${plan.target} or better): fix ${plural(plan.fixes.length, 'rule')}, ` +
    `${ids(plan.fixes.map((f) => f.ruleId))} (grading.toPass in the JSON report lists where).`
  );
}

function ids(list: readonly string[]): string {
  const MAX = 12;
  return list.length <= MAX ? list.join(', ') : `${list.slice(0, MAX).join(', ')} and ${list.length - MAX} more`;
}
