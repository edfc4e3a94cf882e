import type { Severity } from '../core/severity.js';
import type { Finding, Skipped } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import { SEVERITY_WEIGHT } from '../grade/grade.js';
import { contextMarkdown, planMarkdown } from './markdown-explain.js';
import {
  FAMILIES,
  SEVERITIES_DESC,
  describePenaltyCount,
  describeThreshold,
  formatNumber,
  plural,
  ruleDocsUrl,
  sortedFindings,
  sortedPenalties,
} from './format.js';

export interface MarkdownOptions {
  /** Upper bound on the UTF-8 size of the output (GitHub rejects a step summary over 1 MiB). */
  readonly maxBytes?: number;
  /**
   * Which findings are new (on the lines a pull request changed and not in the baseline): they
   * are listed first, marked, and the last to be left out when the summary must be trimmed.
   */
  readonly isNew?: (f: Finding) => boolean;
  /** Lines about the change under review (diff source, annotations, check run), in our words. */
  readonly notes?: readonly string[];
}

export const DEFAULT_MAX_BYTES = 1_000_000;

const SEVERITY_ICON: Readonly<Record<Severity, string>> = { critical: '🟣', high: '🔴', medium: '🟠', low: '🟡' };

/**
 * Text from the scanned repository (paths, messages, skip reasons) as inert table-cell text: no
 * HTML, no code spans, no links or emphasis, no cell breaks, one line.
 */
export function escapeMarkdown(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
      .replace(/&/g, '&amp;')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
      .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`)
  );
}

/** Both table headers with their separator rows, and slack for a plural's extra letter. */
const TABLE_HEADERS_RESERVE = 160;

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** Our own notes may quote git or the API: keep them to one line with no HTML. */
function noteLine(s: string): string {
  return (
    s
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
      .replace(/</g, '&lt;')
      .replace(/>/g, '&gt;')
  );
}

function headSection(report: ScanReport, notes: readonly string[]): string {
  const { grade, verdict, tool } = report;
  const lines: string[] = [];
  const icon = verdict.passed ? '✅' : '❌';
  lines.push(
    `## ${icon} ${tool.name}: grade ${grade.grade}, score ${formatNumber(grade.score)}/100, ${verdict.passed ? 'passed' : 'failed'}`,
    '',
    `**Threshold:** ${describeThreshold(report.threshold)}.`,
  );
  if (verdict.reasons.length > 0) {
    lines.push('', '**Why it failed:**', '', ...verdict.reasons.map((r) => `- ${capitalize(r)}.`));
  }
  if (notes.length > 0) lines.push('', '### Changes under review', '', ...notes.map((n) => `- ${noteLine(n)}`));
  const context = contextMarkdown(report, escapeMarkdown);
  if (context.length > 0) lines.push('', ...context);

  const rows = FAMILIES.map((family) => {
    const ofFamily = report.findings.filter((f) => f.family === family);
    const cells = SEVERITIES_DESC.map((s) => String(ofFamily.filter((f) => f.severity === s).length));
    return `| ${family} | ${cells.join(' | ')} | ${ofFamily.length} |`;
  });
  const totals = SEVERITIES_DESC.map((s) => `**${report.counts[s]}**`);
  lines.push(
    '',
    '### Findings by family and severity',
    '',
    `| Family | ${SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${capitalize(s)}`).join(' | ')} | Total |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **All** | ${totals.join(' | ')} | **${report.findings.length}** |`,
  );

  lines.push('', `### How the score was reached`, '');
  const penalties = sortedPenalties(grade.penalties);
  if (penalties.length === 0) {
    lines.push('No findings: nothing was taken from 100.');
  } else {
    lines.push('| Rule | Severity | Findings | Points |', '| --- | --- | --- | ---: |', '| Start | | | 100 |');
    for (const p of penalties) {
      const link = `[${p.ruleId}](${ruleDocsUrl(tool, p.name)}) \`${p.name}\``;
      lines.push(
        `| ${link} | ${SEVERITY_ICON[p.severity]} ${p.severity} | ${describePenaltyCount(p)} | −${formatNumber(p.penalty)} |`,
      );
    }
    lines.push(`| **Score** | | | **${formatNumber(grade.score)}** (grade ${grade.uncappedGrade}) |`);
  }
  if (grade.cap)
    lines.push(
      '',
      `> Grade capped at **${grade.cap.grade}**: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`,
    );
  const weights = SEVERITIES_DESC.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ');
  lines.push(
    '',
    `Grading v${grade.version}: each rule that fires takes its severity's weight once (${weights}) ` +
      'plus a little for repeats; findings in test and development files count at a reduced weight. ' +
      'Fix the top rows first to gain the most.',
  );
  lines.push(...planMarkdown(report, escapeMarkdown));
  return lines.join('\n');
}

function findingRow(report: ScanReport, f: Finding, isNew = false): string {
  const rule = `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) \`${f.name}\``;
  return `| ${isNew ? '🆕 ' : ''}${SEVERITY_ICON[f.severity]} ${f.severity} | ${rule} | ${escapeMarkdown(f.path)}:${f.line} | ${escapeMarkdown(f.message)} |`;
}

function skippedRow(s: Skipped): string {
  return `| ${escapeMarkdown(s.path)} | ${escapeMarkdown(s.reason)} |`;
}

function findingsSection(total: number, rows: readonly string[], newCount: number | undefined): string {
  const heading = newCount === undefined ? `${total}` : `${total}, ${newCount} new`;
  const lines = [`### Findings (${heading})`, ''];
  if (newCount !== undefined && newCount > 0)
    lines.push('🆕 marks the new findings (on changed lines, not in the baseline); they come first.', '');
  if (total === 0) lines.push('No findings.');
  else if (rows.length > 0)
    lines.push('| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |', ...rows);
  const omitted = total - rows.length;
  if (omitted > 0) {
    lines.push(
      '',
      `_${plural(omitted, 'finding')} of ${total} left out to keep this summary within GitHub's size limit; ` +
        'the SARIF and JSON reports list every finding._',
    );
  }
  return lines.join('\n');
}

function skippedSection(total: number, rows: readonly string[]): string {
  if (total === 0) return '';
  const lines = ['<details>', `<summary>Skipped files (${total})</summary>`, ''];
  if (rows.length > 0) lines.push('| File | Reason |', '| --- | --- |', ...rows);
  const omitted = total - rows.length;
  if (omitted > 0)
    lines.push(
      '',
      `_${plural(omitted, 'skipped file')} of ${total} left out to keep this summary within GitHub's size limit._`,
    );
  lines.push('', '</details>');
  return lines.join('\n');
}

/** The longest prefix of `rows` whose lines (each with its newline) fit in `budget` bytes. */
function fit(rows: readonly string[], budget: number): { rows: string[]; used: number } {
  const kept: string[] = [];
  let used = 0;
  for (const row of rows) {
    const size = bytes(row) + 1;
    if (used + size > budget) break;
    kept.push(row);
    used += size;
  }
  return { rows: kept, used };
}

/** Cuts at a character boundary so the UTF-8 size is at most `maxBytes`. */
function truncateBytes(s: string, maxBytes: number): string {
  let out = '';
  let size = 0;
  for (const ch of s) {
    size += bytes(ch);
    if (size > maxBytes) break;
    out += ch;
  }
  return out;
}

/**
 * GitHub job summary (and check run text): verdict, counts per severity and family, how the score
 * was reached, findings by severity, skipped files. To stay within `maxBytes` it leaves out
 * skipped-file rows first, then the least severe findings, and says how many of each.
 */
export function renderMarkdown(report: ScanReport, options: MarkdownOptions = {}): string {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const isNew = options.isNew;
  const sorted = sortedFindings(report.findings);
  // New findings first (each group by severity), so trimming leaves out the others first.
  const newOnes = isNew ? sorted.filter((f) => isNew(f)) : [];
  const findings = isNew ? [...newOnes, ...sorted.filter((f) => !isNew(f))] : sorted;
  const newCount = isNew ? newOnes.length : undefined;
  const findingRows = findings.map((f, i) => findingRow(report, f, i < newOnes.length));
  const skippedRows = report.skipped.map(skippedRow);
  const head = headSection(report, options.notes ?? []);
  const footer = `<sub>${report.tool.name} ${report.tool.version} · ${plural(report.filesScanned, 'file')} scanned</sub>`;
  const assemble = (fRows: readonly string[], sRows: readonly string[]): string =>
    `${[head, findingsSection(findings.length, fRows, newCount), skippedSection(report.skipped.length, sRows), footer]
      .filter((s) => s !== '')
      .join('\n\n')}\n`;

  const full = assemble(findingRows, skippedRows);
  if (bytes(full) <= maxBytes) return full;

  // Fixed cost: the document without rows (its notes already name the largest counts), plus room
  // for the two table headers. Rows fill the rest, findings first; the loop mends the estimate.
  let budget = maxBytes - bytes(assemble([], [])) - TABLE_HEADERS_RESERVE;
  const kept = fit(findingRows, budget);
  budget -= kept.used;
  const keptFindings = kept.rows;
  // Skipped files only take room once every finding has a row.
  const keptSkipped = keptFindings.length === findingRows.length ? fit(skippedRows, budget).rows : [];
  let doc = assemble(keptFindings, keptSkipped);
  while (bytes(doc) > maxBytes && keptFindings.length + keptSkipped.length > 0) {
    if (keptSkipped.length > 0) keptSkipped.pop();
    else keptFindings.pop();
    doc = assemble(keptFindings, keptSkipped);
  }
  return bytes(doc) <= maxBytes ? doc : truncateBytes(doc, maxBytes);
}
