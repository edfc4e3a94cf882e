import { atLeast } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import { gradeRank } from './grade.js';
import type { GradeResult, Threshold, Verdict } from './types.js';

/** Every part of the threshold that is set must hold. */
export function judge(grade: GradeResult, findings: readonly Finding[], threshold: Threshold): Verdict {
  const reasons: string[] = [];
  if (threshold.failBelow && gradeRank(grade.grade) > gradeRank(threshold.failBelow)) {
    reasons.push(`grade ${grade.grade} is below the threshold ${threshold.failBelow}`);
  }
  if (threshold.minScore !== undefined && grade.score < threshold.minScore) {
    reasons.push(`score ${grade.score} is below the minimum ${threshold.minScore}`);
  }
  if (threshold.failOnSeverity) {
    const floor = threshold.failOnSeverity;
    const n = findings.filter((f) => atLeast(f.severity, floor)).length;
    if (n > 0) reasons.push(`${n} finding${n === 1 ? '' : 's'} at or above ${floor} severity`);
  }
  return { passed: reasons.length === 0, reasons };
}
