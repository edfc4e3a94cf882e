// The ecosystem check's report, as plain text for the terminal or markdown for a pull request.
// Both carry the same tables and lists; only the table syntax and the list fences differ.
import { statusOf } from './match.mjs';
import {
  byClass,
  byRule,
  countEntries,
  inTests,
  outsideTests,
  precision,
  recall,
  withoutCrossFile,
} from './metrics.mjs';
import { formatTable } from './table.mjs';

/**
 * @typedef {import('./match.mjs').Entry} Entry
 * @typedef {import('./metrics.mjs').Counts} Counts
 * @typedef {{ repo: string, grade: string, score: number, seconds: number, entries: Entry[],
 *   hasLedger: boolean }} RepoResult
 * @typedef {{ cli: string, results: RepoResult[], refused: { repo: string, message: string }[] }} Report
 */

const COUNT_COLUMNS = [
  { title: 'findings', right: true },
  { title: 'tp', right: true },
  { title: 'fp', right: true },
  { title: 'unsure', right: true },
  { title: 'unjudged', right: true },
  { title: 'tp lost', right: true },
  { title: 'misses', right: true },
  { title: 'found', right: true },
  { title: 'precision', right: true },
  { title: 'recall', right: true },
];

const ratio = (value) => (value === null ? '-' : value.toFixed(3));

/** @param {Counts} c */
function countCells(c) {
  const numbers = [c.findings, c.tp, c.fp, c.unsure, c.unjudged, c.lost, c.misses, c.found].map(String);
  return [...numbers, ratio(precision(c)), ratio(recall(c))];
}

/** Per repository outside test code, with grade and time, then the two totals. */
function mainTable(results, markdown) {
  const columns = [{ title: 'repository' }, ...COUNT_COLUMNS, { title: 'grade' }, { title: 'scan', right: true }];
  const rows = results.map((r) => [
    r.hasLedger ? r.repo : `${r.repo} (no ledger)`,
    ...countCells(countEntries(outsideTests(r.entries))),
    `${r.grade} ${r.score}`,
    `${r.seconds.toFixed(1)}s`,
  ]);
  const all = results.flatMap((r) => outsideTests(r.entries));
  const seconds = results.reduce((sum, r) => sum + r.seconds, 0);
  rows.push(['total', ...countCells(countEntries(all)), '', `${seconds.toFixed(1)}s`]);
  rows.push(['total excluding cross-file', ...countCells(countEntries(withoutCrossFile(all))), '', '']);
  return formatTable(columns, rows, markdown);
}

/** Test code, reported apart: the repositories that have any, then the two totals. */
function testTable(results, markdown) {
  const columns = [{ title: 'repository (test code)' }, ...COUNT_COLUMNS];
  const rows = results
    .filter((r) => inTests(r.entries).length > 0)
    .map((r) => [r.repo, ...countCells(countEntries(inTests(r.entries)))]);
  const all = results.flatMap((r) => inTests(r.entries));
  rows.push(['total', ...countCells(countEntries(all))]);
  rows.push(['total excluding cross-file', ...countCells(countEntries(withoutCrossFile(all)))]);
  return formatTable(columns, rows, markdown);
}

function classTable(results, markdown) {
  const columns = [
    { title: 'class' },
    { title: 'fp', right: true },
    { title: 'fp fixed', right: true },
    { title: 'miss', right: true },
    { title: 'miss found', right: true },
    { title: 'tp', right: true },
    { title: 'cross-file', right: true },
    { title: 'test', right: true },
    { title: 'repos', right: true },
  ];
  const classes = byClass(results.map((r) => ({ repo: r.repo, entries: r.entries })));
  const rows = classes.map((c) =>
    [c.cls, c.fp, c.fixed, c.missed, c.found, c.tp, c.crossFile, c.test, c.repos].map(String),
  );
  return formatTable(columns, rows, markdown);
}

function ruleTable(results, markdown) {
  const columns = [{ title: 'rule (outside test code)' }, ...COUNT_COLUMNS];
  const rows = byRule(results.flatMap((r) => outsideTests(r.entries))).map(({ rule, counts }) => [
    rule,
    ...countCells(counts),
  ]);
  return formatTable(columns, rows, markdown);
}

/** Entries of one status across repositories, one line each, as `repo path:line rule text`. */
function listing(results, status, text) {
  return results.flatMap((r) =>
    r.entries
      .filter((e) => statusOf(e) === status)
      .map((e) => `${r.repo} ${e.path}:${e.line} ${e.rule}${e.test ? ' [test]' : ''} ${text(e)}`),
  );
}

/** The lists that make the check fail (unjudged, tp lost), then the informative one (found). */
export function problemLists(results) {
  const message = (e) => [...new Set(e.findings.map((f) => f.message))].join(' / ');
  return [
    {
      title: 'Unjudged findings (add a row to the ledger)',
      failing: true,
      lines: listing(results, 'unjudged', message),
    },
    {
      title: 'tp rows no longer reported',
      failing: true,
      lines: listing(results, 'lost', (e) => `(${e.row?.source}) ${e.row?.reason}`),
    },
    {
      title: 'Misses now found (make the row tp, with the rule reported)',
      failing: false,
      lines: listing(
        results,
        'found',
        (e) => `(${e.row?.source}) now ${[...new Set(e.findings.map((f) => f.rule))].join(', ')}`,
      ),
    },
  ];
}

/**
 * @param {Report} report
 * @param {boolean} markdown
 * @returns {string}
 */
export function renderReport(report, markdown) {
  const { results } = report;
  const heading = (text) => (markdown ? `### ${text}` : text);
  const fence = (lines) => (markdown ? ['```text', ...lines, '```'] : lines.map((l) => `  ${l}`));
  const parts = [
    markdown ? '## Ecosystem check' : 'Ecosystem check',
    `${results.length} ${results.length === 1 ? 'repository' : 'repositories'} scanned with ${report.cli}; a location counts once however many findings it has.`,
    '',
    heading('Outside test code'),
    mainTable(results, markdown),
    '',
    heading('Test code (reported apart)'),
    testTable(results, markdown),
  ];
  // The class and rule tables run to a hundred lines: folded in a pull request, open in a terminal.
  const folded = (title, table) =>
    markdown ? ['', `<details><summary>${title}</summary>`, '', table, '', '</details>'] : ['', title, table];
  parts.push(...folded('Classes', classTable(results, markdown)));
  parts.push(...folded('Rules', ruleTable(results, markdown)));
  for (const { title, lines } of problemLists(results)) {
    if (lines.length > 0) parts.push('', heading(`${title}: ${lines.length}`), ...fence(lines));
  }
  if (report.refused.length > 0) {
    parts.push(
      '',
      heading(`Not scanned: ${report.refused.length}`),
      ...fence(report.refused.map((r) => `${r.repo}: ${r.message}`)),
    );
  }
  return `${parts.join('\n')}\n`;
}
