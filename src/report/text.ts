import { guardCommandLines, printable } from '../core/escape.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import type { GradePlan } from '../grade/explain.js';
import type { Grade } from '../grade/types.js';
import {
  SEVERITIES_DESC,
  describePenaltyCount,
  describeFix,
  describeThreshold,
  describeToPass,
  formatNumber,
  gradePlans,
  plural,
  sortedPenalties,
} from './format.js';

/** Stale baseline entries listed before "and N more". */
const MAX_STALE_LISTED = 10;
/** Locations listed per planned fix before "and N more". */
const MAX_PLAN_LOCATIONS = 3;
/** Planned fixes listed before "and N more". */
const MAX_PLAN_FIXES = 10;

export interface TextOptions {
  /** ANSI colour; the CLI turns it on for a TTY without NO_COLOR. */
  readonly color: boolean;
  /** The terminal's width: longer finding lines wrap their message under itself. Unset: no wrapping. */
  readonly width?: number | undefined;
  /** Only the findings (`--quiet`): no skipped files, score block or plan. */
  readonly quiet?: boolean;
}

/** Narrower than this, a message is not worth wrapping beside its location: it goes below it. */
const MIN_MESSAGE_WIDTH = 30;

/**
 * `message` broken at spaces into lines of at most `width - indent` characters after the first
 * `first` columns; every line after the first starts with `indent` spaces. A word longer than a
 * line stays whole.
 */
export function wrapMessage(message: string, first: number, indent: number, width: number): string {
  const lines: string[] = [];
  let line = '';
  let room = width - first;
  for (const word of message.split(' ')) {
    if (line !== '' && line.length + 1 + word.length > room) {
      lines.push(line);
      line = word;
      room = width - indent;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  lines.push(line);
  return lines.join(`\n${' '.repeat(indent)}`);
}

type Style = (s: string) => string;

const SEVERITY_SGR: Readonly<Record<Severity, string>> = { critical: '1;35', high: '1;31', medium: '33', low: '36' };
const GRADE_SGR: Readonly<Record<Grade, string>> = { A: '1;32', B: '1;32', C: '1;33', D: '1;31', F: '1;31' };

function styler(color: boolean): (sgr: string) => Style {
  return (sgr) => (color ? (s) => `\u001b[${sgr}m${s}\u001b[0m` : (s) => s);
}

/**
 * File names and messages come from the scanned repository: a control character in them (an
 * escape sequence in a file name) must not reach the terminal as one, and a line break or leading
 * `::` must not reach a runner log as a workflow command (src/core/escape.ts).
 */
export { printable };

/** Terminal report: findings by file, skipped files, then the grade and how it was reached. */
export function renderText(report: ScanReport, options: TextOptions): string {
  const paint = styler(options.color);
  const bold = paint('1');
  const dim = paint('2');
  const sev = (s: Severity): Style => paint(SEVERITY_SGR[s]);
  const out: string[] = [];

  // Findings, grouped by file in path order, each file's findings by position.
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.path);
    if (list) list.push(f);
    else byFile.set(f.path, [f]);
  }
  const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const ruleWidth = Math.max(0, ...report.findings.map((f) => f.ruleId.length + 1 + f.name.length));
  const locWidth = Math.max(0, ...report.findings.map((f) => `${f.line}:${f.column}`.length));
  for (const path of files) {
    const list = (byFile.get(path) ?? []).sort(
      (a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
    );
    out.push(bold(printable(path)));
    for (const f of list) {
      const loc = `${f.line}:${f.column}`.padEnd(locWidth);
      const label = f.severity.toUpperCase().padEnd(8);
      const sure = `${f.confidence} conf.`.padEnd(12);
      const rule = `${f.ruleId} ${f.name}`.padEnd(ruleWidth);
      const existing = f.state === 'existing' ? '  (existing)' : '';
      const prefix = `  ${loc}  ${label}  ${sure}  ${rule}  `;
      let message = `${printable(f.message)}${dim(existing)}`;
      const width = options.width;
      if (width !== undefined && prefix.length + printable(f.message).length + existing.length > width) {
        // Beside the location when there is room for it, else on the lines below, indented.
        const plain = `${printable(f.message)}${existing}`;
        const beside = width - prefix.length >= MIN_MESSAGE_WIDTH;
        const wrapped = beside
          ? wrapMessage(plain, prefix.length, prefix.length, width)
          : `\n      ${wrapMessage(plain, 6, 6, width)}`;
        const at = existing ? wrapped.lastIndexOf('(existing)') : -1;
        message = at < 0 ? wrapped : `${wrapped.slice(0, at)}${dim('(existing)')}`;
      }
      out.push(`  ${dim(loc)}  ${sev(f.severity)(label)}  ${dim(sure)}  ${rule}  ${message}`);
    }
    out.push('');
  }
  if (options.quiet) return guardCommandLines(out.join('\n').replace(/\n$/, '') + (out.length > 0 ? '\n' : ''));
  if (report.findings.length === 0) out.push(`No findings in ${plural(report.filesScanned, 'file')}.`, '');

  if (report.skipped.length > 0) {
    out.push(bold(`Skipped ${plural(report.skipped.length, 'file')}:`));
    const width = Math.max(...report.skipped.map((s) => printable(s.path).length));
    for (const s of report.skipped) out.push(`  ${printable(s.path).padEnd(width)}  ${dim(printable(s.reason))}`);
    out.push('');
  }

  // The score block.
  const { grade, verdict } = report;
  const verdictText = verdict.passed ? paint('1;32')('PASSED') : paint('1;31')('FAILED');
  out.push(
    `${bold('Grade')} ${paint(GRADE_SGR[grade.grade])(grade.grade)}  score ${formatNumber(grade.score)}/100  ${verdictText}` +
      (report.gateOn === 'new' && report.newGrade
        ? ` (the gate judges the new findings: grade ${report.newGrade.grade}, score ${formatNumber(report.newGrade.score)})`
        : ''),
  );
  for (const reason of verdict.reasons) out.push(`  - ${reason}`);
  out.push(`Threshold: ${describeThreshold(report.threshold)}`);
  const counts = SEVERITIES_DESC.map((s) => sev(s)(`${report.counts[s]} ${s}`)).join(', ');
  const scanned = `${plural(report.filesScanned, 'file')} scanned`;
  out.push(
    report.findings.length === 0
      ? `Findings: none (${scanned})`
      : `Findings: ${counts} (${plural(report.findings.length, 'finding')} in ${plural(files.length, 'file')}; ${scanned})`,
  );

  out.push(...contextLines(report, dim));

  out.push('', bold(`How the score was reached (grading v${grade.version}):`));
  const penalties = sortedPenalties(grade.penalties);
  const numbers = penalties.map((p) => `-${formatNumber(p.penalty)}`);
  const numWidth = Math.max(3, ...numbers.map((n) => n.length), `${formatNumber(grade.score)}`.length + 2);
  const penRuleWidth = Math.max(0, ...penalties.map((p) => p.ruleId.length + 1 + p.name.length));
  out.push(`  ${'100'.padStart(numWidth)}  start`);
  penalties.forEach((p, i) => {
    const rule = `${p.ruleId} ${p.name}`.padEnd(penRuleWidth);
    out.push(
      `  ${(numbers[i] ?? '').padStart(numWidth)}  ${rule}  ${sev(p.severity)(p.severity.padEnd(8))}  ${`${p.confidence} conf.`.padEnd(12)}  ${p.kind.padEnd(4)}  ${describePenaltyCount(p)}`,
    );
  });
  const back = grade.gaps.total - grade.gaps.counted;
  if (back > 0)
    out.push(
      `  ${`+${formatNumber(Math.round(back * 10) / 10)}`.padStart(numWidth)}  gaps count ${formatNumber(grade.gaps.limit)} at most (they add up to ${formatNumber(grade.gaps.total)})`,
    );
  out.push(`  ${`= ${formatNumber(grade.score)}`.padStart(numWidth)}  score, grade ${grade.uncappedGrade}`);
  if (grade.cap)
    out.push(`  Capped at ${grade.cap.grade}: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`);

  const plans = gradePlans(report);
  if (plans.next) out.push('', ...planLines(plans.next, `To reach grade ${plans.next.target}`, bold));
  if (plans.toPass) out.push('', describeToPass(report, plans.toPass));

  // Every line built above passes the sink guard once more: no line of the report runs as a command.
  return guardCommandLines(`${out.join('\n')}\n`);
}

/** Baseline, the grade of the new findings, suppressions: what changed the findings counted. */
function contextLines(report: ScanReport, dim: Style): string[] {
  const out: string[] = [];
  if (report.configFile !== undefined) out.push(`Configuration: ${printable(report.configFile)}`);
  const b = report.baseline;
  if (b) {
    const stale = b.stale.length;
    out.push(
      `Baseline ${printable(b.file)}: ${b.existing} existing, ${b.new} new` +
        (stale > 0
          ? `, ${plural(stale, 'stale entry', 'stale entries')} (no longer found: fixed, suppressed or changed)`
          : ''),
    );
    for (const e of b.stale.slice(0, MAX_STALE_LISTED))
      out.push(dim(`  stale: ${printable(e.path)}  ${printable(e.ruleId)}  ${printable(e.fingerprint)}`));
    if (stale > MAX_STALE_LISTED)
      out.push(dim(`  ... and ${stale - MAX_STALE_LISTED} more (the JSON report lists them all)`));
    if (stale > 0) out.push(dim('  Regenerate the baseline with `flask-crdb-gate baseline` to drop them.'));
  }
  if (report.newGrade) {
    const judged = report.gateOn === 'new' ? ' (the gate judges these)' : '';
    out.push(
      `New findings only: grade ${report.newGrade.grade}, score ${formatNumber(report.newGrade.score)}/100${judged}`,
    );
  }
  const s = report.suppressions;
  if (s && s.findings > 0) {
    const noReason = s.withoutReason > 0 ? `, ${s.withoutReason} without a reason` : '';
    out.push(`Suppressed: ${plural(s.findings, 'finding')} by ${plural(s.used, 'comment')}${noReason} (not graded)`);
  }
  if (s && s.unused.length > 0) {
    out.push(`Unused suppressions (${s.unused.length}; they suppress nothing):`);
    for (const u of s.unused) {
      const unknown = u.unknown.length > 0 ? ` (unknown: ${u.unknown.join(', ')})` : '';
      out.push(`  ${printable(u.path)}:${u.line}  ${printable(u.directive)}${printable(unknown)}`);
    }
  }
  return out;
}

/** The shortest list of fixes to a grade, each with where to make it and what it brings. */
function planLines(plan: GradePlan, title: string, bold: Style): string[] {
  const out = [bold(`${title}, fix ${plural(plan.fixes.length, 'rule')} (fewest fixes, largest gain first):`)];
  const shown = plan.fixes.slice(0, MAX_PLAN_FIXES);
  const width = Math.max(0, ...shown.map((f) => f.ruleId.length + 1 + f.name.length));
  const numWidth = String(shown.length).length + 1;
  shown.forEach((f, i) => {
    const locations = f.findings.slice(0, MAX_PLAN_LOCATIONS).map((x) => `${printable(x.path)}:${x.line}`);
    const more = f.findings.length > MAX_PLAN_LOCATIONS ? `, +${f.findings.length - MAX_PLAN_LOCATIONS} more` : '';
    out.push(
      `  ${`${i + 1}.`.padStart(numWidth)} ${`${f.ruleId} ${f.name}`.padEnd(width)}  ${describeFix(f)}, +${formatNumber(f.points)} points -> score ${formatNumber(f.scoreAfter)}, grade ${f.gradeBefore} -> ${f.gradeAfter}`,
      `  ${' '.repeat(numWidth)} ${locations.join(', ')}${more}`,
    );
  });
  if (plan.fixes.length > MAX_PLAN_FIXES)
    out.push(`  ... and ${plural(plan.fixes.length - MAX_PLAN_FIXES, 'more rule')} (the JSON report lists every step)`);
  return out;
}
