import { describe, expect, test } from '@jest/globals';
import type { Confidence } from '../../src/core/confidence.js';
import type { Severity } from '../../src/core/severity.js';
import type { FileRole, Finding } from '../../src/core/types.js';
import { capFor, gradeFindings, gradeForScore, rulePenalty } from '../../src/grade/grade.js';
import type { Grade } from '../../src/grade/types.js';
import { judge } from '../../src/grade/verdict.js';

let n = 0;
function finding(
  ruleId: string,
  severity: Severity,
  role: FileRole = 'production',
  confidence: Confidence = 'high',
): Finding {
  n++;
  return {
    ruleId,
    name: ruleId.toLowerCase(),
    family: 'transport',
    severity,
    confidence,
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

const copies = (k: number, ruleId: string, severity: Severity, confidence: Confidence = 'high'): Finding[] =>
  Array.from({ length: k }, () => finding(ruleId, severity, 'production', confidence));

describe('grading model v2', () => {
  test('no findings is a perfect A, and the model says its version', () => {
    expect(gradeFindings([])).toMatchObject({ version: 2, score: 100, grade: 'A', cap: undefined, penalties: [] });
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

  test.each([
    // [copies, penalty of one medium rule (weight 8)]
    [1, 8],
    [2, 8.8],
    [10, 8 * (1 + 0.1 * Math.log2(10))],
    [32, 12],
    [1000, 12],
    [100000, 12],
  ])('size does not decide: %i copies of one medium misconfiguration cost %d', (k, penalty) => {
    expect(rulePenalty(Array(k).fill(8))).toBeCloseTo(penalty, 5);
  });

  test('the same weaknesses grade the same in a 10-file and a 1,000-file application', () => {
    const weaknesses = (scale: number): Finding[] => [
      ...copies(scale, 'FCG101', 'high'),
      ...copies(scale, 'FCG412', 'medium', 'medium'),
      ...copies(scale, 'FCG404', 'medium'),
    ];
    // Repeats stop counting at 32 copies: 40 places in a small app and 4,000 in a large one are alike.
    const small = gradeFindings(weaknesses(40));
    const large = gradeFindings(weaknesses(4000));
    expect(large).toMatchObject({ grade: small.grade, score: small.score });
    // ten copies cost a third more than one, not ten times as much
    const one = gradeFindings(weaknesses(1));
    const ten = gradeFindings(weaknesses(10));
    expect(100 - ten.score).toBeLessThanOrEqual(Math.ceil((100 - one.score) * (1 + 0.1 * Math.log2(10))));
  });

  test.each<[string, Finding[], Grade, RegExp | undefined]>([
    [
      'a confident critical caps at F',
      [finding('FCG107', 'critical')],
      'F',
      /FCG107 fcg107 \(critical, 1 place\) caps the grade at F/,
    ],
    [
      'a medium-confidence critical caps at D',
      [finding('FCG408', 'critical', 'production', 'medium')],
      'D',
      /caps the grade at D/,
    ],
    [
      'a confident high caps at D',
      [finding('FCG101', 'high')],
      'D',
      /FCG101 fcg101 \(high, 1 place\) caps the grade at D/,
    ],
    [
      'a medium-confidence high caps at C',
      [finding('FCG503', 'high', 'production', 'medium')],
      'C',
      /caps the grade at C/,
    ],
    ['a low-confidence critical never caps', [finding('FCG501', 'critical', 'production', 'low')], 'A', undefined],
    ['a critical in a test file never caps', [finding('FCG107', 'critical', 'test')], 'A', undefined],
    ['a medium finding never caps', [finding('FCG404', 'medium')], 'A', undefined],
  ])('caps: %s', (_, findings, grade, reason) => {
    const g = gradeFindings(findings);
    expect(g.grade).toBe(grade);
    if (reason) expect(g.cap?.reason).toMatch(reason);
    else expect(g.cap).toBeUndefined();
  });

  test('a cap names every rule holding it and how many places', () => {
    // The worst cap only: the high finding's D is not named beside the criticals' F.
    const g = {
      cap: capFor([
        finding('FCG107', 'critical'),
        finding('FCG107', 'critical'),
        finding('FCG408', 'critical'),
        finding('FCG101', 'high'),
      ]),
    };
    expect(g.cap?.rules.map((r) => [r.ruleId, r.count])).toEqual([
      ['FCG107', 2],
      ['FCG408', 1],
    ]);
    expect(g.cap?.reason).toBe(
      'FCG107 fcg107 (critical, 2 places), FCG408 fcg408 (critical, 1 place) cap the grade at F',
    );
  });

  test.each<[Confidence, number]>([
    ['high', 20],
    ['medium', 12],
    ['low', 4],
  ])('a %s-confidence high finding weighs %d', (confidence, penalty) => {
    const g = gradeFindings([finding('FCG501', 'high', 'production', confidence)]);
    expect(g.penalties[0]).toMatchObject({ penalty, confidence, lowConfidenceCount: confidence === 'low' ? 1 : 0 });
    expect(g.penalties[0]?.kind).toBe(confidence === 'low' ? 'gap' : 'flaw');
  });

  test.each([1, 5, 20])('hardening gaps alone never push below C (%i different medium rules)', (k) => {
    const gaps = Array.from({ length: k }, (_, i) => finding(`FCG4${String(i).padStart(2, '0')}`, 'medium'));
    const g = gradeFindings(gaps);
    expect(g.score).toBeGreaterThanOrEqual(70);
    expect(['A', 'B', 'C']).toContain(g.grade);
    expect(g.gaps.counted).toBeLessThanOrEqual(g.gaps.limit);
  });

  test('low-confidence findings of every severity count as gaps', () => {
    const lows = Array.from({ length: 20 }, (_, i) =>
      finding(`FCG5${String(i).padStart(2, '0')}`, 'high', 'production', 'low'),
    );
    expect(gradeFindings(lows)).toMatchObject({ score: 70, grade: 'C', cap: undefined });
  });

  test('flaws add up beyond the gap limit', () => {
    const g = gradeFindings([finding('FCG101', 'high'), finding('FCG201', 'high'), finding('FCG305', 'high')]);
    expect(g).toMatchObject({ score: 40, grade: 'F', uncappedGrade: 'F', cap: undefined });
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
