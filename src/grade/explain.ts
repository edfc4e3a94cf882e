import { atLeast, severityRank, type Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import { gradeForScore, gradeRank, isReducedRole, REDUCED_FACTOR, rulePenalty, SEVERITY_WEIGHT } from './grade.js';
import { GRADES, type Grade } from './types.js';

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
  /** `cap`: a critical or high finding in a production file holds the grade down whatever the score. */
  readonly because: 'cap' | 'score';
  /** Points this fix gives back (the penalty it removes; the score is floored at 0, so it may show less). */
  readonly points: number;
  /** Score and grade once this fix and those before it are made. */
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
 * gradeFindings(), with each rule's penalty recomputed only when its findings change, so a plan
 * over thousands of findings costs one pass per step, not one full grading.
 */
class Tally {
  private readonly byRule = new Map<string, Finding[]>();
  private readonly penalty = new Map<string, number>();
  private critical = 0;
  private high = 0;

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
    if (isReducedRole(f.role)) return;
    if (f.severity === 'critical') this.critical += sign;
    else if (f.severity === 'high') this.high += sign;
  }

  private rescore(ruleId: string): void {
    const list = this.byRule.get(ruleId) ?? [];
    const weights = list.map((f) => SEVERITY_WEIGHT[f.severity] * (isReducedRole(f.role) ? REDUCED_FACTOR : 1));
    this.penalty.set(ruleId, Math.round(rulePenalty(weights) * 10) / 10);
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

  /** The rule with the largest penalty (ties: the smaller id), if any finding is left. */
  heaviest(): string | undefined {
    let best: string | undefined;
    let bestPenalty = 0;
    for (const [id, p] of this.penalty) {
      if (p <= 0) continue;
      if (p > bestPenalty || (p === bestPenalty && best !== undefined && id < best)) {
        best = id;
        bestPenalty = p;
      }
    }
    return best;
  }

  penaltyOf(ruleId: string): number {
    return this.penalty.get(ruleId) ?? 0;
  }

  /** Sum of the rules' penalties, not floored. */
  total(): number {
    let total = 0;
    for (const p of this.penalty.values()) total += p;
    return total;
  }

  result(): { score: number; grade: Grade } {
    const total = this.total();
    const score = Math.max(0, Math.round(100 - total));
    const byScore = gradeForScore(score);
    const cap: Grade | undefined = this.critical > 0 ? 'D' : this.high > 0 ? 'C' : undefined;
    const grade = cap !== undefined && gradeRank(cap) > gradeRank(byScore) ? cap : byScore;
    return { score, grade };
  }
}

/**
 * The fewest rule fixes that lift the grade to `target`, in the order to make them.
 *
 * Caps come first: a production critical finding holds the grade at D and a high one at C
 * whatever the score, so reaching C or better means fixing every critical one, and B or better
 * every high one: those are the first steps, whatever their penalty (only the capping findings of
 * a rule, when its lower ones may stay). Then points: penalties add up rule by rule, so taking the
 * rules with the largest penalties first needs the fewest rules. Finishing a rule already in the
 * plan costs no extra step, so those come before any new rule, but only as far as the target
 * needs them. Undefined when the grade already is `target` or better. A pure function.
 */
export function planToGrade(findings: readonly Finding[], target: Grade): GradePlan | undefined {
  const initial = new Tally(findings);
  const start = initial.result();
  if (gradeRank(start.grade) <= gradeRank(target)) return undefined;
  const reached = (t: Tally): boolean => gradeRank(t.result().grade) <= gradeRank(target);

  // 1. Caps, heaviest rule first.
  const capFloor: Severity | undefined =
    gradeRank(target) < gradeRank('C') ? 'high' : gradeRank(target) < gradeRank('D') ? 'critical' : undefined;
  const capping = new Map<string, Finding[]>();
  if (capFloor) {
    for (const f of findings) {
      if (isReducedRole(f.role) || !atLeast(f.severity, capFloor)) continue;
      const list = capping.get(f.ruleId);
      if (list) list.push(f);
      else capping.set(f.ruleId, [f]);
    }
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
      points: Math.round((before - replay.total()) * 10) / 10,
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
