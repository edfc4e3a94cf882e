import { confidenceRank, type Confidence } from '../core/confidence.js';
import { SEVERITIES, severityRank, type Severity } from '../core/severity.js';
import type { Finding, FileRole } from '../core/types.js';
import { GRADES, type Grade, type GradeCap, type GradeResult, type RulePenalty } from './types.js';

/** Grading model version 2 (README, "Grading"). */
export const GRADING_VERSION = 2;
/** How bad a weakness would be. */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 40, high: 20, medium: 8, low: 2 };
/** How sure the finding is: a finding the file cannot prove weighs a fraction. */
export const CONFIDENCE_FACTOR: Readonly<Record<Confidence, number>> = { high: 1, medium: 0.6, low: 0.2 };
/** Test and local-development files: the weakness is real but does not reach production. */
export const REDUCED_FACTOR = 0.25;
/** Each doubling of a rule's findings adds this share of its heaviest finding's weight... */
export const REPEAT_STEP = 0.1;
/** ...up to this share: a rule never costs more than 1.5 times its heaviest finding, however large the app. */
export const REPEAT_MAX = 0.5;
/** Gaps (see isFlaw) together take at most this much: on their own they leave a score of 70, grade C. */
export const GAP_LIMIT = 30;
/**
 * The grade a flaw holds the score's grade down to, by severity and confidence: a confident
 * critical (an insecure cluster, an unverified JWT) fails outright, a confident high caps at D.
 */
export const FLAW_CAP: Readonly<Record<'critical' | 'high', Readonly<Record<'high' | 'medium', Grade>>>> = {
  critical: { high: 'F', medium: 'D' },
  high: { high: 'D', medium: 'C' },
};
const GRADE_FLOORS: readonly [Grade, number][] = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
];

export function isReducedRole(role: FileRole): boolean {
  return role === 'test' || role === 'development';
}

/**
 * A flaw: a high or critical finding in a production file that is not low confidence. Flaws cap
 * the grade and their penalties add up without limit. Everything else is a gap (a medium or low
 * hardening gap, a low-confidence review item, a finding in test or development code): gaps
 * weigh together at most GAP_LIMIT and never cap.
 */
export function isFlaw(f: Finding): boolean {
  return !isReducedRole(f.role) && severityRank(f.severity) >= severityRank('high') && f.confidence !== 'low';
}

/** The grade this finding holds the grade down to, if it caps at all. */
export function capOf(f: Finding): Grade | undefined {
  if (!isFlaw(f)) return undefined;
  return FLAW_CAP[f.severity as 'critical' | 'high'][f.confidence as 'high' | 'medium'];
}

export function findingWeight(f: Finding): number {
  return SEVERITY_WEIGHT[f.severity] * CONFIDENCE_FACTOR[f.confidence] * (isReducedRole(f.role) ? REDUCED_FACTOR : 1);
}

export function gradeForScore(score: number): Grade {
  for (const [grade, floor] of GRADE_FLOORS) if (score >= floor) return grade;
  return 'F';
}

export function gradeRank(g: Grade): number {
  return GRADES.indexOf(g); // 0 = A (best)
}

/** The worse of two grades. */
export function worseGrade(a: Grade, b: Grade | undefined): Grade {
  return b !== undefined && gradeRank(b) > gradeRank(a) ? b : a;
}

/**
 * One rule's penalty: its heaviest finding's weight, plus REPEAT_STEP of it per doubling of the
 * count, at most REPEAT_MAX more: ten copies cost 1.33 times one, a thousand 1.5 times. Size does
 * not decide the grade.
 */
export function rulePenalty(weights: readonly number[]): number {
  if (weights.length === 0) return 0;
  const max = Math.max(...weights);
  return max * (1 + Math.min(REPEAT_MAX, REPEAT_STEP * Math.log2(weights.length)));
}

const round1 = (n: number): number => Math.round(n * 10) / 10;

/** A rule's line of "how the score was reached", from its findings (at least one). */
export function scoreRule(list: readonly Finding[]): RulePenalty {
  const first = list[0] as Finding;
  let heaviest = first;
  for (const f of list) if (findingWeight(f) > findingWeight(heaviest)) heaviest = f;
  const severity = list.reduce<Severity>(
    (s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s),
    'low',
  );
  const confidence = list.reduce<Confidence>(
    (c, f) => (confidenceRank(f.confidence) > confidenceRank(c) ? f.confidence : c),
    'low',
  );
  return {
    ruleId: first.ruleId,
    name: first.name,
    severity,
    confidence,
    count: list.length,
    reducedCount: list.filter((f) => isReducedRole(f.role)).length,
    lowConfidenceCount: list.filter((f) => f.confidence === 'low').length,
    kind: list.some(isFlaw) ? 'flaw' : 'gap',
    penalty: round1(rulePenalty(list.map(findingWeight))),
  };
}

/** The score from the rules' penalties: flaws in full, gaps up to GAP_LIMIT together. */
export function scoreOf(penalties: readonly RulePenalty[]): { score: number; gaps: number } {
  let flaws = 0;
  let gaps = 0;
  for (const p of penalties) {
    if (p.kind === 'flaw') flaws += p.penalty;
    else gaps += p.penalty;
  }
  return { score: Math.max(0, Math.round(100 - flaws - Math.min(GAP_LIMIT, gaps))), gaps: round1(gaps) };
}

/** The worst cap among the findings, naming the rules that hold it (each with its count of capping findings). */
export function capFor(findings: readonly Finding[]): GradeCap | undefined {
  let worst: Grade | undefined;
  const byRule = new Map<string, { name: string; severity: Severity; count: number }>();
  for (const f of findings) {
    const cap = capOf(f);
    if (cap === undefined) continue;
    if (worst === undefined || gradeRank(cap) > gradeRank(worst)) {
      worst = cap;
      byRule.clear();
    }
    if (cap !== worst) continue;
    const entry = byRule.get(f.ruleId);
    if (entry) entry.count++;
    else byRule.set(f.ruleId, { name: f.name, severity: f.severity, count: 1 });
  }
  if (worst === undefined) return undefined;
  const rules = [...byRule.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([ruleId, r]) => ({ ruleId, name: r.name, severity: r.severity, count: r.count }));
  const named = rules.map(
    (r) => `${r.ruleId} ${r.name} (${r.severity}, ${r.count} ${r.count === 1 ? 'place' : 'places'})`,
  );
  const reason = `${named.join(', ')} ${named.length === 1 ? 'caps' : 'cap'} the grade at ${worst}`;
  return { grade: worst, reason, rules };
}

export function gradeFindings(findings: readonly Finding[]): GradeResult {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const penalties = [...byRule.values()].map(scoreRule);
  penalties.sort((a, b) => b.penalty - a.penalty || a.ruleId.localeCompare(b.ruleId));
  const { score, gaps } = scoreOf(penalties);
  const uncappedGrade = gradeForScore(score);
  const cap = capFor(findings);
  // The cap is reported only where it lowered the grade the score alone would give.
  const applied = cap !== undefined && gradeRank(cap.grade) > gradeRank(uncappedGrade) ? cap : undefined;
  return {
    version: GRADING_VERSION,
    score,
    grade: applied ? applied.grade : uncappedGrade,
    uncappedGrade,
    cap: applied,
    penalties,
    gaps: { total: gaps, limit: GAP_LIMIT, counted: Math.min(GAP_LIMIT, gaps) },
  };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}
