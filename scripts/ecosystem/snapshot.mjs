// Checks that a snapshot is the tree the ledger was judged on, before scanning it.
import { existsSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

/** Written by scripts/ecosystem-export.sh: the commit the snapshot was exported from. */
export const COMMIT_MARKER = '.fcg-ecosystem-commit';

/**
 * Reasons to refuse the snapshot: missing, exported from another commit than the ledger's, or a
 * ledger row pointing at a file or line it does not have (a typo there would never match).
 * A snapshot without the marker is taken on trust: copies made by hand have none.
 * @param {string} dir
 * @param {string} commit
 * @param {import('./ledger.mjs').LedgerRow[]} rows
 * @returns {string[]}
 */
export function snapshotProblems(dir, commit, rows) {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) {
    return [`no snapshot at ${dir} (export it: see ecosystem/README.md)`];
  }
  const marker = path.join(dir, COMMIT_MARKER);
  if (existsSync(marker)) {
    const exported = readFileSync(marker, 'utf8').trim();
    if (exported !== commit) {
      return [
        `${dir} was exported from ${exported || '(empty marker)'}, but the ledger is judged at ${commit} ` +
          '(repos.tsv): export that commit, or re-judge the ledger at the new commit and update repos.tsv',
      ];
    }
  }
  const lineCounts = new Map();
  const problems = [];
  for (const row of rows) {
    const file = path.join(dir, row.path);
    if (!lineCounts.has(row.path)) {
      lineCounts.set(row.path, existsSync(file) && statSync(file).isFile() ? lineCount(file) : null);
    }
    const lines = lineCounts.get(row.path);
    if (lines === null) problems.push(`${row.source}: ${row.path} is not a file of the snapshot`);
    else if (row.line > lines) problems.push(`${row.source}: ${row.path} has only ${lines} lines`);
  }
  return problems;
}

function lineCount(file) {
  const text = readFileSync(file, 'latin1');
  const breaks = text.split('\n').length - 1;
  return text.endsWith('\n') ? breaks : breaks + 1;
}
