// New findings as rows to judge: ledger columns, grouped by the ledger they belong in. The verdict
// is `?`, which the ledger parser refuses, so a row pasted without judging cannot pass the check.
import { ledgerFileName } from './ledger.mjs';
import { statusOf } from './match.mjs';

/**
 * @param {import('./render.mjs').RepoResult[]} results
 * @returns {string} empty when every finding is judged
 */
export function unjudgedRows(results) {
  const sections = results
    .map((r) => ({ repo: r.repo, entries: r.entries.filter((e) => statusOf(e) === 'unjudged') }))
    .filter((s) => s.entries.length > 0)
    .map(({ repo, entries }) => [
      `# ==> ecosystem/ledger/${ledgerFileName(repo)}`,
      ...entries.map((e) => {
        const message = [...new Set(e.findings.map((f) => f.message))].join(' / ').replace(/[\t\n]/g, ' ');
        return [e.path, e.line, e.rule, '?', e.test ? 'test' : '-', `scanner: ${message}`].join('\t');
      }),
    ]);
  if (sections.length === 0) return '';
  const intro = [
    '# Unjudged findings in ledger columns. For each row set the verdict (tp, fp, unsure), the tags',
    '# (an fp needs class:<slug>; test and cross-file as they apply) and replace the scanner message',
    '# with your reason, then move the row into the ledger named above it, keeping its order.',
  ];
  return `${[...intro, ...sections.flat()].join('\n')}\n`;
}
