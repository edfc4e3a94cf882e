import { escapeData, escapeProperty, guardCommandLines } from '../core/escape.js';
import type { Severity } from '../core/severity.js';
import type { ScanReport } from '../engine/result.js';
import { sortedFindings } from './format.js';
import { repoPath } from './repo-path.js';

/** The workflow command per severity, as the action's annotations use them. */
const COMMAND: Readonly<Record<Severity, 'error' | 'warning' | 'notice'>> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'notice',
};

/**
 * GitHub Actions workflow commands, one per finding (`::error file=…,line=…::message`), for the
 * CLI run in a workflow step: the runner turns each into an annotation on the file and line. The
 * properties and the message are escaped as @actions/core escapes them, so text from the scanned
 * repository cannot end the command or start another; the verdict closes the output as plain text.
 */
export function renderGithub(report: ScanReport, verdict: string): string {
  const lines = sortedFindings(report.findings).map((f) => {
    const props: [string, string | number][] = [
      ['title', `${f.ruleId} ${f.name}`],
      ['file', repoPath(report, f)],
      ['line', f.line],
      ['endLine', f.endLine],
    ];
    // GitHub takes a column only on a single-line annotation.
    if (f.line === f.endLine) props.push(['col', f.column], ['endColumn', f.endColumn]);
    const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
    return `::${COMMAND[f.severity]} ${properties}::${escapeData(`[${f.severity}, ${f.confidence} confidence] ${f.message}`)}`;
  });
  lines.push(guardCommandLines(verdict));
  return `${lines.join('\n')}\n`;
}
