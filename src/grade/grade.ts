import { SEVERITIES, severityRank, type Severity } from '../core/severity.js';
import type { Finding, FileRole } from '../core/types.js';
import { GRADES, type Grade, type GradeResult, type RulePenalty } from './types.js';

/** Grading model version 1 (README, "Grading"). */
export const SEVERITY_WEIGHT: Readonly<Record<Severity, number>> = { critical: 40, high: 20, medium: 8, low: 2 };
/** Test and local-development files: the weakness is real but does not reach production. */
export const REDUCED_FACTOR = 0.25;
const GRADE_FLOORS: readonly [Grade, number][] = [
  ['A', 90],
  ['B', 80],
  ['C', 70],
  ['D', 60],
];

export function isReducedRole(role: FileRole): boolean {
  return role === 'test' || role === 'development';
}

export function gradeForScore(score: number): Grade {
  for (const [grade, floor] of GRADE_FLOORS) if (score >= floor) return grade;
  return 'F';
}

export function gradeRank(g: Grade): number {
  return GRADES.indexOf(g); // 0 = A (best)
}

/**
 * One rule's penalty: its heaviest finding once, plus the mean weight times log2(count), so a
 * misconfiguration copied ten times costs about 4x one copy, not 10x, and never outweighs ten
 * different weaknesses.
 */
export function rulePenalty(weights: readonly number[]): number {
  if (weights.length === 0) return 0;
  const max = Math.max(...weights);
  const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
  return max + mean * Math.log2(weights.length);
}

export function gradeFindings(findings: readonly Finding[]): GradeResult {
  const byRule = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byRule.get(f.ruleId);
    if (list) list.push(f);
    else byRule.set(f.ruleId, [f]);
  }
  const penalties: RulePenalty[] = [];
  for (const [ruleId, list] of byRule) {
    const weights = list.map((f) => SEVERITY_WEIGHT[f.severity] * (isReducedRole(f.role) ? REDUCED_FACTOR : 1));
    const severity = list.reduce<Severity>(
      (s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s),
      'low',
    );
    penalties.push({
      ruleId,
      name: (list[0] as Finding).name,
      severity,
      count: list.length,
      reducedCount: list.filter((f) => isReducedRole(f.role)).length,
      penalty: Math.round(rulePenalty(weights) * 10) / 10,
    });
  }
  penalties.sort((a, b) => b.penalty - a.penalty || a.ruleId.localeCompare(b.ruleId));
  const total = penalties.reduce((sum, p) => sum + p.penalty, 0);
  const score = Math.max(0, Math.round(100 - total));
  const uncappedGrade = gradeForScore(score);

  // Caps count only findings that reach production: a critical in a test fixture lowers the
  // score a little but does not cap the grade.
  const production = findings.filter((f) => !isReducedRole(f.role));
  let cap: GradeResult['cap'];
  const critical = production.filter((f) => f.severity === 'critical').length;
  const high = production.filter((f) => f.severity === 'high').length;
  if (critical > 0)
    cap = { grade: 'D', reason: `${critical} critical finding${critical === 1 ? ' caps' : 's cap'} the grade at D` };
  else if (high > 0)
    cap = { grade: 'C', reason: `${high} high finding${high === 1 ? ' caps' : 's cap'} the grade at C` };
  // The cap is reported only where it lowered the grade the score alone would give.
  const applied = cap !== undefined && gradeRank(cap.grade) > gradeRank(uncappedGrade) ? cap : undefined;
  return { version: 1, score, grade: applied ? applied.grade : uncappedGrade, uncappedGrade, cap: applied, penalties };
}

export function countBySeverity(findings: readonly Finding[]): Record<Severity, number> {
  const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) counts[f.severity]++;
  return counts;
}
