import type { ScanReport } from '../engine/result.js';
import type { PlannedFix } from '../grade/explain.js';
import { gradeRank } from '../grade/grade.js';
import { describeFix, formatNumber, gradePlans, plural, ruleDocsUrl } from './format.js';

/** Rows of the unused-suppression and stale-baseline lists before "and N more" (the JSON report has them all). */
const MAX_LISTED = 50;
const MAX_PLAN_LOCATIONS = 3;

/** Makes text from the scanned repository inert markdown: markdown.ts's escapeMarkdown (passed in, no import cycle). */
type Escape = (s: string) => string;

/**
 * The job summary's lines about what changed the findings counted: the configuration file, the
 * baseline (existing, new, stale entries), the grade of the new findings, suppressions (how many,
 * how many without a reason, those that suppress nothing). Empty when none applies.
 */
export function contextMarkdown(report: ScanReport, inert: Escape): string[] {
  const lines: string[] = [];
  if (report.configFile !== undefined) lines.push(`**Configuration:** ${inert(report.configFile)}.`);
  const b = report.baseline;
  if (b) {
    const stale = b.stale.length;
    lines.push(
      `**Baseline** ${inert(b.file)}: ${b.existing} existing, ${b.new} new` +
        (stale > 0 ? `, ${plural(stale, 'stale entry', 'stale entries')} (no longer found).` : '.'),
    );
  }
  if (report.newGrade) {
    const judged = report.gateOn === 'new' ? ' The gate judges the new findings only.' : '';
    lines.push(
      `**New findings only:** grade ${report.newGrade.grade}, score ${formatNumber(report.newGrade.score)}/100.${judged}`,
    );
  }
  const s = report.suppressions;
  if (s && s.findings > 0) {
    const noReason = s.withoutReason > 0 ? `, ${s.withoutReason} of them without a reason` : '';
    lines.push(
      `**Suppressed:** ${plural(s.findings, 'finding')} by ${plural(s.used, 'comment')}${noReason} (not graded).`,
    );
  }
  if (s && s.unused.length > 0) {
    lines.push(
      '',
      '<details>',
      `<summary>Unused suppressions (${s.unused.length}): they suppress nothing</summary>`,
      '',
      '| Location | Suppression |',
      '| --- | --- |',
      ...s.unused.slice(0, MAX_LISTED).map((u) => {
        const unknown = u.unknown.length > 0 ? ` (unknown: ${u.unknown.join(', ')})` : '';
        return `| ${inert(u.path)}:${u.line} | ${inert(u.directive + unknown)} |`;
      }),
      ...(s.unused.length > MAX_LISTED ? ['', `_${s.unused.length - MAX_LISTED} more in the JSON report._`] : []),
      '',
      '</details>',
    );
  }
  if (b && b.stale.length > 0) {
    lines.push(
      '',
      '<details>',
      `<summary>Stale baseline entries (${b.stale.length}): regenerate with <code>flask-crdb-gate baseline</code></summary>`,
      '',
      '| File | Rule | Fingerprint |',
      '| --- | --- | --- |',
      ...b.stale.slice(0, MAX_LISTED).map((e) => `| ${inert(e.path)} | ${inert(e.ruleId)} | ${inert(e.fingerprint)} |`),
      ...(b.stale.length > MAX_LISTED ? ['', `_${b.stale.length - MAX_LISTED} more in the JSON report._`] : []),
      '',
      '</details>',
    );
  }
  return lines;
}

/** Renders a location (a link to the file and line at the scanned commit, when there is one). */
type Where = (location: { readonly path: string; readonly line: number }) => string;

/** Rules named in one step before "and N more rules" (the JSON report lists them all). */
const MAX_MILESTONE_RULES = 5;
/** Milestones shown before "and N more". */
const MAX_MILESTONES = 6;

/**
 * The fix plan, folded: to the threshold's grade when the gate fails on its grade, else to the
 * next grade. Steps that do not change the grade on their own are merged with the step that does,
 * so each row moves the grade: "fix FCG101 (2 places): D -> C".
 */
export function planMarkdown(report: ScanReport, where: Where): string[] {
  const plans = gradePlans(report);
  const plan = plans.toPass ?? plans.next;
  if (!plan || plan.fixes.length === 0) return [];
  const failBelow = report.threshold.failBelow;
  const passing = !report.verdict.passed && failBelow !== undefined && gradeRank(plan.target) <= gradeRank(failBelow);
  const milestones: { fixes: PlannedFix[]; from: string; to: string }[] = [];
  let current: PlannedFix[] = [];
  let from = plan.from.grade as string;
  for (const f of plan.fixes) {
    current.push(f);
    if (f.gradeAfter !== from || f === plan.fixes[plan.fixes.length - 1]) {
      milestones.push({ fixes: current, from, to: f.gradeAfter });
      from = f.gradeAfter;
      current = [];
    }
  }
  const goal = passing ? `grade ${plan.target} passes the gate` : `grade ${plan.target}`;
  const lines = [
    '',
    '<details>',
    `<summary>Fix plan: ${plan.from.grade} → ${plan.target} (${goal}) in ${plural(plan.fixes.length, 'rule fix', 'rule fixes')}</summary>`,
    '',
    'Fewest fixes first: a capping finding holds the grade down until it is fixed, then the heaviest rules.',
    '',
    '| Step | Fix | Where | Grade |',
    '| ---: | --- | --- | --- |',
  ];
  milestones.slice(0, MAX_MILESTONES).forEach((m, i) => {
    const named = m.fixes
      .slice(0, MAX_MILESTONE_RULES)
      .map((f) => `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) <code>${f.name}</code>: ${describeFix(f)}`);
    if (m.fixes.length > MAX_MILESTONE_RULES)
      named.push(`and ${plural(m.fixes.length - MAX_MILESTONE_RULES, 'more rule')}`);
    const fixes = named.join('; ');
    const found = m.fixes.flatMap((f) => f.findings);
    const shown = found.slice(0, MAX_PLAN_LOCATIONS).map((x) => where(x));
    if (found.length > MAX_PLAN_LOCATIONS) shown.push(`+${found.length - MAX_PLAN_LOCATIONS} more`);
    const last = m.fixes[m.fixes.length - 1] as PlannedFix;
    lines.push(
      `| ${i + 1} | fix ${fixes} | ${shown.join(', ')} | ${m.from} → ${m.to} (score ${formatNumber(last.scoreAfter)}) |`,
    );
  });
  if (milestones.length > MAX_MILESTONES)
    lines.push(
      '',
      `_${plural(milestones.length - MAX_MILESTONES, 'more step')}; the JSON report lists every fix (grading.toPass, grading.nextGrade)._`,
    );
  lines.push('', '</details>');
  return lines;
}
