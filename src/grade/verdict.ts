import { atLeast } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import { gradeRank } from './grade.js';
import type { GradeResult, Threshold, Verdict } from './types.js';

/**
 * Every part of the threshold that is set must hold. `scope` says what the grade and findings
 * are: all findings (the default) or, with `gate-on: new`, only those not in the baseline.
 */
export function judge(
  grade: GradeResult,
  findings: readonly Finding[],
  threshold: Threshold,
  scope: 'all' | 'new' = 'all',
): Verdict {
  const reasons: string[] = [];
  const of = scope === 'new' ? ' of the new findings' : '';
  if (threshold.failBelow && gradeRank(grade.grade) > gradeRank(threshold.failBelow)) {
    reasons.push(`grade${of} ${grade.grade} is below the threshold ${threshold.failBelow}`);
  }
  if (threshold.minScore !== undefined && grade.score < threshold.minScore) {
    reasons.push(`score${of} ${grade.score} is below the minimum ${threshold.minScore}`);
  }
  if (threshold.failOnSeverity) {
    const floor = threshold.failOnSeverity;
    const n = findings.filter((f) => atLeast(f.severity, floor)).length;
    const what = scope === 'new' ? 'new finding' : 'finding';
    if (n > 0) reasons.push(`${n} ${what}${n === 1 ? '' : 's'} at or above ${floor} severity`);
  }
  return { passed: reasons.length === 0, reasons };
}
