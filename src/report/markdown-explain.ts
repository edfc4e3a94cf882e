import type { ScanReport } from '../engine/result.js';
import type { GradePlan } from '../grade/explain.js';
import { describeFix, describeToPass, formatNumber, gradePlans, plural, ruleDocsUrl } from './format.js';

/** Rows of the unused-suppression and stale-baseline lists before "and N more" (the JSON report has them all). */
const MAX_LISTED = 50;
const MAX_PLAN_LOCATIONS = 3;
/** Planned fixes listed before "and N more": a plan that long is a rewrite, not a shortlist. */
export const MAX_PLAN_FIXES = 10;

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

/** "Fastest way to grade B": the shortest list of fixes to the next grade (and to pass, when that is further). */
export function planMarkdown(report: ScanReport, inert: Escape): string[] {
  const plans = gradePlans(report);
  const lines: string[] = [];
  if (plans.next)
    lines.push('', ...planSection(report, inert, plans.next, `Fastest way to grade ${plans.next.target}`));
  if (plans.toPass) lines.push('', describeToPass(report, plans.toPass));
  return lines;
}

function planSection(report: ScanReport, inert: Escape, plan: GradePlan, title: string): string[] {
  const lines = [
    `### ${title}`,
    '',
    `Fix ${plural(plan.fixes.length, 'rule')}, in this order (fewest fixes; a critical or high finding in a production file caps the grade until it is fixed):`,
    '',
    '| # | Rule | Fix | Where | Points | Then |',
    '| ---: | --- | --- | --- | ---: | --- |',
  ];
  plan.fixes.slice(0, MAX_PLAN_FIXES).forEach((f, i) => {
    const link = `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) \`${f.name}\``;
    const where = f.findings.slice(0, MAX_PLAN_LOCATIONS).map((x) => `${inert(x.path)}:${x.line}`);
    if (f.findings.length > MAX_PLAN_LOCATIONS) where.push(`+${f.findings.length - MAX_PLAN_LOCATIONS} more`);
    lines.push(
      `| ${i + 1} | ${link} | ${describeFix(f)} | ${where.join(', ')} | +${formatNumber(f.points)} | score ${formatNumber(f.scoreAfter)}, grade ${f.gradeAfter} |`,
    );
  });
  const more = plan.fixes.length - MAX_PLAN_FIXES;
  if (more > 0) lines.push('', `_${plural(more, 'more rule')} to fix after these; the JSON report lists every step._`);
  return lines;
}
