import { describe, expect, test } from '@jest/globals';
import { SEVERITIES, type Severity } from '../../src/core/severity.js';
import type { Finding, FileRole } from '../../src/core/types.js';
import { planNextGrade, planToGrade, type GradePlan } from '../../src/grade/explain.js';
import { gradeFindings, gradeRank } from '../../src/grade/grade.js';
import { GRADES, type Grade } from '../../src/grade/types.js';
import { finding } from '../helpers/report-builder.js';

const f = (ruleId: string, severity: Severity, role: FileRole = 'production', line = 1): Finding =>
  finding({ ruleId, name: `rule-${ruleId}`, severity, role, line });

/** The findings left once every fix of the plan is made. */
function after(findings: readonly Finding[], plan: GradePlan): Finding[] {
  const fixed = new Set(plan.fixes.flatMap((x) => x.findings));
  return findings.filter((x) => !fixed.has(x));
}

describe('planToGrade / planNextGrade', () => {
  test('nothing to do at the target or better; no next grade above A', () => {
    expect(planToGrade([f('FCG101', 'low')], 'B')).toBeUndefined();
    expect(planNextGrade([])).toBeUndefined();
    expect(planNextGrade([f('FCG101', 'low')])).toBeUndefined(); // 98: A
  });

  test('a confident high finding caps at D: reaching C means fixing it, whatever the score', () => {
    const findings = [f('FCG101', 'high'), f('FCG404', 'medium')];
    expect(gradeFindings(findings)).toMatchObject({ score: 72, grade: 'D' });
    const plan = planNextGrade(findings);
    expect(plan).toEqual({
      from: { grade: 'D', score: 72 },
      target: 'C',
      fixes: [
        {
          ruleId: 'FCG101',
          name: 'rule-FCG101',
          severity: 'high',
          findings: [findings[0]],
          allOfRule: true,
          because: 'cap',
          capsAt: 'D',
          points: 20,
          scoreBefore: 72,
          gradeBefore: 'D',
          scoreAfter: 92,
          gradeAfter: 'A',
        },
      ],
    });
  });

  test('a medium-confidence high caps at C; a low-confidence one never caps', () => {
    const medium = finding({ ruleId: 'FCG503', severity: 'high', confidence: 'medium' });
    expect(gradeFindings([medium])).toMatchObject({ score: 88, grade: 'C' });
    expect(planNextGrade([medium])?.fixes).toEqual([
      expect.objectContaining({ because: 'cap', capsAt: 'C', gradeAfter: 'A' }),
    ]);
    const low = finding({ ruleId: 'FCG501', severity: 'high', confidence: 'low' });
    expect(gradeFindings([low])).toMatchObject({ score: 96, grade: 'A' });
  });

  test('only the capping findings of a rule are asked for when they are enough', () => {
    const high = f('FCG101', 'high', 'production', 10);
    const low = f('FCG101', 'low', 'test', 20); // the same rule, in a test file
    expect(gradeFindings([high, low])).toMatchObject({ score: 78, grade: 'D' });
    const plan = planNextGrade([high, low]);
    expect(plan?.fixes).toEqual([
      expect.objectContaining({
        ruleId: 'FCG101',
        findings: [high],
        allOfRule: false,
        because: 'cap',
        gradeAfter: 'A',
      }),
    ]);
  });

  test('a confident critical caps at F: reaching D means fixing it; a critical in a test file never caps', () => {
    const findings = [f('FCG107', 'critical')];
    expect(gradeFindings(findings)).toMatchObject({ score: 60, grade: 'F' });
    const plan = planNextGrade(findings);
    expect(plan?.target).toBe('D');
    expect(plan?.fixes.map((x) => [x.ruleId, x.findings.length, x.because, x.allOfRule, x.gradeAfter])).toEqual([
      ['FCG107', 1, 'cap', true, 'A'],
    ]);
    expect(planNextGrade([f('FCG107', 'critical', 'test')])).toBeUndefined(); // 90: A
  });

  test('points: the rules with the largest penalties first, until the score reaches the floor', () => {
    // Medium-confidence highs: flaws that cap at C, weighing 12 each (14.4 with a repeat).
    const high = (ruleId: string, line = 1): Finding =>
      finding({ ruleId, name: `rule-${ruleId}`, severity: 'high', confidence: 'medium', line });
    const findings = [high('FCG201'), high('FCG201', 2), high('FCG202'), high('FCG203'), f('FCG204', 'low')];
    const start = gradeFindings(findings);
    expect(start).toMatchObject({ score: 61, grade: 'D' });
    const plan = planNextGrade(findings);
    expect(plan?.target).toBe('C');
    // FCG201 (13.2) alone lifts 61 to 74.
    expect(plan?.fixes.map((x) => [x.ruleId, x.points, x.scoreAfter, x.gradeAfter])).toEqual([
      ['FCG201', 13.2, 74, 'C'],
    ]);
  });

  test('caps first, then points; a rule fixed in part for its cap and then in full is one step', () => {
    const findings = [
      f('FCG101', 'high'),
      ...Array.from({ length: 6 }, (_, i) => f('FCG101', 'medium', 'production', 10 + i)),
      f('FCG404', 'medium'),
      f('FCG405', 'medium'),
    ];
    const plan = planToGrade(findings, 'A');
    expect(plan?.fixes[0]).toMatchObject({ ruleId: 'FCG101', because: 'cap', allOfRule: true });
    expect(plan?.fixes[0]?.findings).toHaveLength(7);
    expect(new Set(plan?.fixes.map((x) => x.ruleId)).size).toBe(plan?.fixes.length);
    expect(gradeFindings(after(findings, plan as GradePlan)).grade).toBe('A');
  });

  // A small deterministic generator, so the property below runs the same every time.
  function* random(seed: number): Generator<number> {
    let x = seed;
    for (;;) {
      x = (x * 1103515245 + 12345) % 2147483648;
      yield x / 2147483648;
    }
  }

  test('on random repositories: reaches the target, scores agree with gradeFindings, and no fewer rules would do', () => {
    const rnd = random(42);
    const next = (): number => rnd.next().value as number;
    for (let round = 0; round < 200; round++) {
      const rules = 1 + Math.floor(next() * 6);
      const findings: Finding[] = [];
      for (let r = 0; r < rules; r++) {
        const count = 1 + Math.floor(next() * 4);
        for (let k = 0; k < count; k++) {
          const severity = SEVERITIES[Math.floor(next() * 4)] as Severity;
          const role: FileRole = next() < 0.2 ? 'test' : 'production';
          findings.push(f(`FCG${300 + r}`, severity, role, k + 1));
        }
      }
      const start = gradeFindings(findings);
      for (const target of GRADES) {
        const plan = planToGrade(findings, target);
        if (gradeRank(start.grade) <= gradeRank(target)) {
          expect(plan).toBeUndefined();
          continue;
        }
        const p = plan as GradePlan;
        expect(p.from).toEqual({ grade: start.grade, score: start.score });
        // Each step's score and grade are what grading the remaining findings gives.
        let left = [...findings];
        for (const fix of p.fixes) {
          const fixed = new Set(fix.findings);
          left = left.filter((x) => !fixed.has(x));
          const g = gradeFindings(left);
          expect([fix.scoreAfter, fix.gradeAfter]).toEqual([g.score, g.grade]);
        }
        expect(gradeRank(gradeFindings(left).grade)).toBeLessThanOrEqual(gradeRank(target));
        // No set of fewer whole-rule fixes reaches the target.
        const ids = [...new Set(findings.map((x) => x.ruleId))];
        for (let mask = 0; mask < 1 << ids.length; mask++) {
          const chosen = ids.filter((_, i) => mask & (1 << i));
          if (chosen.length >= p.fixes.length) continue;
          const rest = findings.filter((x) => !chosen.includes(x.ruleId));
          expect({ chosen, reaches: gradeRank(gradeFindings(rest).grade) <= gradeRank(target as Grade) }).toEqual({
            chosen,
            reaches: false,
          });
        }
      }
    }
  });
});
