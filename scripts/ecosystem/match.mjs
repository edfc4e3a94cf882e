// Matches a scan's findings to a repository's ledger rows by (path, rule, line), exactly. A line
// that moved is not guessed at: the ledger is judged at the commit in repos.tsv, and the snapshot
// must be that commit, so a finding on another line is a finding the ledger has not judged.
import { isTestPath } from './test-code.mjs';

/**
 * @typedef {import('./ledger.mjs').LedgerRow} LedgerRow
 * @typedef {{ path: string, line: number, rule: string, family: string, message: string }} Finding
 * @typedef {{ path: string, line: number, rule: string, row: LedgerRow | null, findings: Finding[],
 *   test: boolean, crossFile: boolean, cls: string | null }} Entry
 *   One ledger row, or one unjudged location; `findings` are the findings reported there (several
 *   findings of one rule on one line share a row, as the format says).
 * @typedef {'tp' | 'fp' | 'unsure' | 'unjudged' | 'found' | 'missed' | 'lost' | 'fixed' | 'gone'} Status
 */

const key = (path, line, rule) => `${path}\u0000${line}\u0000${rule}`;

/** Reads the scanner's JSON findings into the fields the ledger is keyed on. */
export function findingsFromReport(report) {
  return report.findings.map((f) => ({
    path: f.path,
    line: f.line,
    rule: f.ruleId,
    family: f.family,
    message: f.message,
  }));
}

/**
 * One entry per ledger row, plus one per location that no row judges.
 *
 * A `miss` row that names a family instead of a rule (no rule covered it when it was judged) is
 * matched by a finding of that family on its path and line, so a new rule that finds it shows as
 * a miss found rather than as a new unjudged finding beside an old miss.
 * @param {LedgerRow[]} rows
 * @param {Finding[]} findings
 * @returns {Entry[]}
 */
export function matchFindings(rows, findings) {
  /** @type {Map<string, Entry>} */
  const byKey = new Map();
  /** @type {Entry[]} */
  const entries = [];
  for (const row of rows) {
    const entry = {
      path: row.path,
      line: row.line,
      rule: row.rule,
      row,
      findings: [],
      test: row.tags.test,
      crossFile: row.tags.crossFile,
      cls: row.tags.cls,
    };
    byKey.set(key(row.path, row.line, row.rule), entry);
    entries.push(entry);
  }
  for (const finding of findings) {
    const exact = byKey.get(key(finding.path, finding.line, finding.rule));
    const family = byKey.get(key(finding.path, finding.line, finding.family));
    if (exact) exact.findings.push(finding);
    else if (family && family.row?.verdict === 'miss') family.findings.push(finding);
    else {
      const entry = {
        path: finding.path,
        line: finding.line,
        rule: finding.rule,
        row: null,
        findings: [finding],
        test: isTestPath(finding.path),
        crossFile: false,
        cls: null,
      };
      byKey.set(key(finding.path, finding.line, finding.rule), entry);
      entries.push(entry);
    }
  }
  return entries;
}

/**
 * What an entry means for the scanner now.
 * - reported: `tp`, `fp`, `unsure` (as judged), `found` (a miss now reported), `unjudged` (no row);
 * - not reported: `lost` (a tp the scanner no longer reports), `fixed` (an fp gone), `missed`
 *   (a miss still missed), `gone` (an unsure row no longer reported).
 * @param {Entry} entry
 * @returns {Status}
 */
export function statusOf(entry) {
  const reported = entry.findings.length > 0;
  if (!entry.row) return 'unjudged';
  switch (entry.row.verdict) {
    case 'tp':
      return reported ? 'tp' : 'lost';
    case 'fp':
      return reported ? 'fp' : 'fixed';
    case 'miss':
      return reported ? 'found' : 'missed';
    default:
      return reported ? 'unsure' : 'gone';
  }
}
