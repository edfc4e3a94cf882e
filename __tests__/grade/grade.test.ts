import { describe, expect, test } from '@jest/globals';
import type { Severity } from '../../src/core/severity.js';
import type { FileRole, Finding } from '../../src/core/types.js';
import { gradeFindings, gradeForScore, rulePenalty } from '../../src/grade/grade.js';
import { judge } from '../../src/grade/verdict.js';

let n = 0;
function finding(ruleId: string, severity: Severity, role: FileRole = 'production'): Finding {
  n++;
  return {
    ruleId,
    name: ruleId.toLowerCase(),
    family: 'transport',
    severity,
    cwe: [319],
    path: `f${n}.py`,
    line: n,
    endLine: n,
    column: 1,
    endColumn: 2,
    message: 'm',
    role,
    fingerprint: `fp${n}:0`,
  };
}

describe('grading model v1', () => {
  test('no findings is a perfect A', () => {
    expect(gradeFindings([])).toMatchObject({ score: 100, grade: 'A', cap: undefined, penalties: [] });
  });

  test('a rule costs its heaviest finding once plus mean × log2(count)', () => {
    expect(rulePenalty([8])).toBe(8);
    expect(rulePenalty([8, 8])).toBe(16);
    expect(rulePenalty(Array(10).fill(20))).toBeCloseTo(20 + 20 * Math.log2(10));
    // one misconfiguration copied ten times costs less than ten different ones
    const copied = gradeFindings(Array.from({ length: 10 }, () => finding('FCG101', 'medium')));
    const distinct = gradeFindings(Array.from({ length: 10 }, (_, i) => finding(`FCG1${i}0`, 'medium')));
    expect(copied.score).toBeGreaterThan(distinct.score);
  });

  test('thresholds between grades', () => {
    expect([90, 89, 80, 79, 70, 69, 60, 59, 0].map(gradeForScore)).toEqual([
      'A',
      'B',
      'B',
      'C',
      'C',
      'D',
      'D',
      'F',
      'F',
    ]);
  });

  test('a high finding caps at C even when the score is higher, and says so', () => {
    const g = gradeFindings([finding('FCG101', 'high')]);
    expect(g.score).toBe(80);
    expect(g.uncappedGrade).toBe('B');
    expect(g.grade).toBe('C');
    expect(g.cap?.reason).toMatch(/1 high finding caps/);
  });

  test('a critical caps at D; a cap that does not lower the grade is not reported', () => {
    expect(gradeFindings([finding('FCG107', 'critical')])).toMatchObject({ score: 60, grade: 'D', cap: undefined });
    const many = [
      finding('FCG107', 'critical'),
      finding('FCG101', 'high'),
      finding('FCG201', 'high'),
      finding('FCG103', 'medium'),
    ];
    expect(gradeFindings(many)).toMatchObject({ score: 12, grade: 'F', cap: undefined });
  });

  test('test and development files count a quarter and do not cap', () => {
    const g = gradeFindings([finding('FCG107', 'critical', 'test'), finding('FCG101', 'high', 'development')]);
    expect(g.score).toBe(85);
    expect(g.grade).toBe('B');
    expect(g.penalties.map((p) => p.reducedCount)).toEqual([1, 1]);
  });

  test('penalties are listed heaviest first', () => {
    const g = gradeFindings([finding('FCG105', 'low'), finding('FCG107', 'critical'), finding('FCG104', 'medium')]);
    expect(g.penalties.map((p) => p.ruleId)).toEqual(['FCG107', 'FCG104', 'FCG105']);
    expect(g.score).toBe(100 - 40 - 8 - 2);
  });
});

describe('verdict', () => {
  const none = { failBelow: undefined, minScore: undefined, failOnSeverity: undefined };
  test('every set part of the threshold must hold', () => {
    const findings = [finding('FCG104', 'medium')];
    const g = gradeFindings(findings);
    expect(judge(g, findings, none)).toEqual({ passed: true, reasons: [] });
    expect(g.grade).toBe('A');
    expect(judge(g, findings, { ...none, failBelow: 'A' }).passed).toBe(true);
    const highs = [finding('FCG101', 'high'), finding('FCG201', 'high')];
    expect(judge(gradeFindings(highs), highs, { ...none, failBelow: 'B' }).reasons).toEqual([
      'grade D is below the threshold B',
    ]);
    expect(judge(gradeFindings(highs), highs, { ...none, failBelow: 'D' }).passed).toBe(true);
    expect(judge(g, findings, { ...none, minScore: 95 }).reasons).toEqual(['score 92 is below the minimum 95']);
    expect(judge(g, findings, { ...none, failOnSeverity: 'medium' }).reasons).toEqual([
      '1 finding at or above medium severity',
    ]);
    expect(judge(g, findings, { ...none, failOnSeverity: 'high' }).passed).toBe(true);
  });
});
