import { severityRank } from './severity.js';
import type { Finding } from './types.js';

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** Severity desc, then path, line, column, rule: the order every report shows. */
export function compareFindings(a: Finding, b: Finding): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    byString(a.path, b.path) ||
    a.line - b.line ||
    a.column - b.column ||
    byString(a.ruleId, b.ruleId)
  );
}
