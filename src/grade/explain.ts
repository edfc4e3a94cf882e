import { severityRank, type Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import { capOf, GAP_LIMIT, gradeForScore, gradeRank, scoreOf, scoreRule, worseGrade } from './grade.js';
import { GRADES, type Grade, type RulePenalty } from './types.js';

/** One step of a plan: fix these findings of one rule. */
export interface PlannedFix {
  readonly ruleId: string;
  readonly name: string;
  /** Highest severity among the findings to fix. */
  readonly severity: Severity;
  /** The findings to fix, in report order. */
  readonly findings: readonly Finding[];
  /** Every finding of the rule (true), or only those that cap the grade (false). */
  readonly allOfRule: boolean;
  /** `cap`: a flaw (a confident critical or high finding in production) holds the grade down whatever the score. */
  readonly because: 'cap' | 'score';
  /** For `cap`: the worst grade the fixed findings held the grade to. */
  readonly capsAt: Grade | undefined;
  /** Points this fix gives back (the penalty it removes; the score is floored at 0, so it may show less). */
  readonly points: number;
  /** Score and grade before this fix (after those before it) and once it is made. */
  readonly scoreBefore: number;
  readonly gradeBefore: Grade;
  readonly scoreAfter: number;
  readonly gradeAfter: Grade;
}

export interface GradePlan {
  readonly from: { readonly grade: Grade; readonly score: number };
  readonly target: Grade;
  /** The shortest list of rule fixes that reaches `target`, in the order to make them. */
  readonly fixes: readonly PlannedFix[];
}

/**
 * Score and grade of a set of findings kept up to date as rules are fixed: the same arithmetic as
 * gradeFindings(), with each rule's line recomputed only when its findings change, so a plan over
 * thousands of findings costs one pass per step, not one full grading.
 */
class Tally {
  private readonly byRule = new Map<string, Finding[]>();
  private readonly lines = new Map<string, RulePenalty>();
  /** How many findings hold each cap. */
  private readonly caps = new Map<Grade, number>();

  constructor(findings: readonly Finding[]) {
    for (const f of findings) {
      const list = this.byRule.get(f.ruleId);
      if (list) list.push(f);
      else this.byRule.set(f.ruleId, [f]);
      this.count(f, 1);
    }
    for (const id of this.byRule.keys()) this.rescore(id);
  }

  private count(f: Finding, sign: 1 | -1): void {
    const cap = capOf(f);
    if (cap !== undefined) this.caps.set(cap, (this.caps.get(cap) ?? 0) + sign);
  }

  private rescore(ruleId: string): void {
    const list = this.byRule.get(ruleId) ?? [];
    if (list.length === 0) this.lines.delete(ruleId);
    else this.lines.set(ruleId, scoreRule(list));
  }

  findingsOf(ruleId: string): readonly Finding[] {
    return this.byRule.get(ruleId) ?? [];
  }

  remove(ruleId: string, fixed: ReadonlySet<Finding>): void {
    const list = this.byRule.get(ruleId) ?? [];
    for (const f of list) if (fixed.has(f)) this.count(f, -1);
    this.byRule.set(
      ruleId,
      list.filter((f) => !fixed.has(f)),
    );
    this.rescore(ruleId);
  }

  private gapTotal(): number {
    let gaps = 0;
    for (const p of this.lines.values()) if (p.kind === 'gap') gaps += p.penalty;
    return gaps;
  }

  /** Points fixing all of a rule gives back: its penalty, or for a gap what the gap limit lets it count. */
  gainOf(ruleId: string): number {
    const line = this.lines.get(ruleId);
    if (!line) return 0;
    if (line.kind === 'flaw') return line.penalty;
    const gaps = this.gapTotal();
    return Math.min(GAP_LIMIT, gaps) - Math.min(GAP_LIMIT, gaps - line.penalty);
  }

  /** The rule whose fix gives back the most points (ties: the larger penalty, then the smaller id), if any is left. */
  heaviest(): string | undefined {
    let best: string | undefined;
    let bestGain = -1;
    let bestPenalty = 0;
    for (const [id, p] of this.lines) {
      const gain = this.gainOf(id);
      if (
        best === undefined ||
        gain > bestGain ||
        (gain === bestGain && (p.penalty > bestPenalty || (p.penalty === bestPenalty && id < best)))
      ) {
        best = id;
        bestGain = gain;
        bestPenalty = p.penalty;
      }
    }
    return best;
  }

  penaltyOf(ruleId: string): number {
    return this.lines.get(ruleId)?.penalty ?? 0;
  }

  /** What is taken from 100: the flaws' penalties and the gaps' up to the limit, not floored. */
  total(): number {
    let flaws = 0;
    for (const p of this.lines.values()) if (p.kind === 'flaw') flaws += p.penalty;
    return flaws + Math.min(GAP_LIMIT, this.gapTotal());
  }

  result(): { score: number; grade: Grade } {
    const { score } = scoreOf([...this.lines.values()]);
    let grade = gradeForScore(score);
    for (const [cap, n] of this.caps) if (n > 0) grade = worseGrade(grade, cap);
    return { score, grade };
  }
}

/**
 * The fewest rule fixes that lift the grade to `target`, in the order to make them.
 *
 * Caps come first: a flaw holds the grade at its cap whatever the score (a confident critical at
 * F, a confident high at D...), so every finding capping below the target is fixed first, whatever
 * its penalty (only the capping findings of a rule, when its lower ones may stay). Then points:
 * the rules whose fix gives back the most points first needs the fewest rules (a gap gives back
 * only what the gap limit let it count). Finishing a rule already in the
 * plan costs no extra step, so those come before any new rule, but only as far as the target
 * needs them. Undefined when the grade already is `target` or better. A pure function.
 */
export function planToGrade(findings: readonly Finding[], target: Grade): GradePlan | undefined {
  const initial = new Tally(findings);
  const start = initial.result();
  if (gradeRank(start.grade) <= gradeRank(target)) return undefined;
  const reached = (t: Tally): boolean => gradeRank(t.result().grade) <= gradeRank(target);

  // 1. Caps, heaviest rule first: every finding that holds the grade below the target.
  const capping = new Map<string, Finding[]>();
  for (const f of findings) {
    const cap = capOf(f);
    if (cap === undefined || gradeRank(cap) <= gradeRank(target)) continue;
    const list = capping.get(f.ruleId);
    if (list) list.push(f);
    else capping.set(f.ruleId, [f]);
  }
  const capOrder = [...capping.keys()].sort(
    (a, b) => initial.penaltyOf(b) - initial.penaltyOf(a) || (a < b ? -1 : a > b ? 1 : 0),
  );
  const afterCaps = (): Tally => {
    const t = new Tally(findings);
    for (const id of capOrder) t.remove(id, new Set(capping.get(id)));
    return t;
  };

  // 2. The fewest other rules: with every capped rule finished (free), the heaviest rules first.
  const full = afterCaps();
  for (const id of capOrder) full.remove(id, new Set(full.findingsOf(id)));
  const extra: string[] = [];
  while (!reached(full)) {
    const id = full.heaviest();
    if (id === undefined) break; // nothing left: 100, grade A
    extra.push(id);
    full.remove(id, new Set(full.findingsOf(id)));
  }

  // 3. The same rules, but capped rules finished only as far as the target needs (largest rest first).
  const plan = afterCaps();
  for (const id of extra) plan.remove(id, new Set(plan.findingsOf(id)));
  const finished = new Set<string>();
  const rests = capOrder
    .filter((id) => plan.findingsOf(id).length > 0)
    .sort((a, b) => plan.penaltyOf(b) - plan.penaltyOf(a) || (a < b ? -1 : a > b ? 1 : 0));
  for (const id of rests) {
    if (reached(plan)) break;
    finished.add(id);
    plan.remove(id, new Set(plan.findingsOf(id)));
  }

  const steps: { ruleId: string; fixed: Set<Finding>; because: PlannedFix['because'] }[] = [
    ...capOrder.map((id) => ({
      ruleId: id,
      fixed: new Set(finished.has(id) ? findings.filter((f) => f.ruleId === id) : capping.get(id)),
      because: 'cap' as const,
    })),
    ...extra.map((id) => ({
      ruleId: id,
      fixed: new Set(findings.filter((f) => f.ruleId === id)),
      because: 'score' as const,
    })),
  ];

  // Score and grade after each step, in the order given.
  const replay = new Tally(findings);
  const fixes = steps.map((step): PlannedFix => {
    const before = replay.total();
    const was = replay.result();
    replay.remove(step.ruleId, step.fixed);
    const after = replay.result();
    const ordered = findings.filter((f) => step.fixed.has(f));
    return {
      ruleId: step.ruleId,
      name: (ordered[0] as Finding).name,
      severity: ordered.reduce<Severity>(
        (s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s),
        'low',
      ),
      findings: ordered,
      allOfRule: replay.findingsOf(step.ruleId).length === 0,
      because: step.because,
      capsAt:
        step.because === 'cap'
          ? ordered.reduce<Grade | undefined>((g, f) => {
              const cap = capOf(f);
              return cap === undefined ? g : g === undefined ? cap : worseGrade(g, cap);
            }, undefined)
          : undefined,
      points: Math.round((before - replay.total()) * 10) / 10,
      scoreBefore: was.score,
      gradeBefore: was.grade,
      scoreAfter: after.score,
      gradeAfter: after.grade,
    };
  });
  return { from: start, target, fixes };
}

/** The plan to the grade one better than the current one; undefined at A. */
export function planNextGrade(findings: readonly Finding[]): GradePlan | undefined {
  const current = new Tally(findings).result().grade;
  const better = GRADES[gradeRank(current) - 1];
  return better ? planToGrade(findings, better) : undefined;
}
