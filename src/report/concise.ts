import { printable } from '../core/escape.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import { plural } from './format.js';

export interface ConciseOptions {
  readonly color: boolean;
  /** How a finding's path is shown: relative to the working directory, so terminals make it a link. */
  readonly display: (path: string) => string;
  /** Only the findings: no closing line. */
  readonly quiet: boolean;
}

const SEVERITY_SGR: Readonly<Record<Severity, string>> = { critical: '1;35', high: '1;31', medium: '33', low: '36' };

/** The findings in file order, by position. */
function inFileOrder(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
      a.line - b.line ||
      a.column - b.column ||
      (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0),
  );
}

/**
 * One line per finding, `path:line:col: FCGnnn message` (Ruff's `concise`), which editors,
 * terminals and `grep` read as a location; then one closing line with the count and the verdict.
 */
export function renderConcise(report: ScanReport, options: ConciseOptions): string {
  const paint = (sgr: string, s: string): string => (options.color ? `\u001b[${sgr}m${s}\u001b[0m` : s);
  const lines = inFileOrder(report.findings).map((f) => {
    const where = `${printable(options.display(f.path))}:${f.line}:${f.column}:`;
    // Confidence only where it is below high: most lines stay `path:line:col: FCGnnn message`.
    const sure = f.confidence === 'high' ? '' : ` (${f.confidence} confidence)`;
    return `${paint('1', where)} ${paint(SEVERITY_SGR[f.severity], f.ruleId)} ${printable(f.message)}${sure}`;
  });
  if (!options.quiet) {
    const { grade, verdict } = report;
    const summary = `${plural(report.findings.length, 'finding')}; grade ${grade.grade}, score ${grade.score}/100`;
    lines.push(
      verdict.passed
        ? `Found ${summary}: passed.`
        : `Found ${summary}: failed (${verdict.reasons.map(printable).join('; ')}).`,
    );
  }
  return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}
