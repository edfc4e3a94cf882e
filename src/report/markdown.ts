import { confidenceRank } from '../core/confidence.js';
import { severityRank, type Severity } from '../core/severity.js';
import type { Finding, Skipped } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import { CONFIDENCE_FACTOR, GAP_LIMIT, REDUCED_FACTOR, REPEAT_MAX, SEVERITY_WEIGHT } from '../grade/grade.js';
import type { RulePenalty } from '../grade/types.js';
import { contextMarkdown, planMarkdown } from './markdown-explain.js';
import {
  FAMILIES,
  SEVERITIES_DESC,
  compareFindings,
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
  /** Links a location to the file and line at the scanned commit (the action passes one; none outside GitHub). */
  readonly link?: LocationLink;
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

/** Where a location opens: the file at the scanned commit, or nothing outside GitHub. */
export type LocationLink = (location: { readonly path: string; readonly line: number }) => string | undefined;

/** A repository path as a URL path: each segment percent-encoded, parentheses too (they would end a markdown link). */
export function encodeUrlPath(file: string): string {
  return file
    .split('/')
    .map((seg) => encodeURIComponent(seg).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
    .join('/');
}

/**
 * Links to `<server>/<owner>/<repo>/blob/<sha>/<repoPrefix><path>#L<line>`, every segment
 * percent-encoded; undefined unless the repository (`owner/name`) and the commit are known.
 * `repoPrefix` is the scanned folder inside the repository, so paths are repository-relative.
 */
export function blobLink(
  at: {
    readonly server?: string | undefined;
    readonly repository?: string | undefined;
    readonly sha?: string | undefined;
  },
  repoPrefix: string,
): LocationLink | undefined {
  const parts = at.repository?.split('/') ?? [];
  if (parts.length !== 2 || parts.some((p) => p === '') || !at.sha) return undefined;
  const server = (at.server || 'https://github.com').replace(/\/+$/, '');
  const base = `${server}/${parts.map(encodeURIComponent).join('/')}/blob/${encodeURIComponent(at.sha)}/`;
  const prefix = repoPrefix.replace(/^\/+|\/+$/g, '');
  return (loc) => {
    const file = prefix === '' ? loc.path : `${prefix}/${loc.path}`;
    return `${base}${encodeUrlPath(file)}#L${loc.line}`;
  };
}

/**
 * `path:line` as a link to the file and line at the scanned commit when `link` gives one. The
 * visible text stays inert (escapeMarkdown); the URL's path is percent-encoded segment by segment,
 * so nothing in a file name can end the link or start markup.
 */
export function locationMarkdown(link: LocationLink | undefined, loc: { path: string; line: number }): string {
  const text = `${escapeMarkdown(loc.path)}:${loc.line}`;
  const url = link?.(loc);
  return url === undefined ? text : `[${text}](${url})`;
}

/**
 * A message from a rule: the parts it quotes in backticks render as code, the rest as inert
 * text. Each part is escaped on its own, so the repository's text cannot open markup of its own;
 * an unpaired backtick stays a literal one.
 */
export function messageMarkdown(message: string): string {
  const parts = message.split('`');
  if (parts.length % 2 === 0) return escapeMarkdown(message);
  return parts
    .map((part, i) => (i % 2 === 1 && part !== '' ? `<code>${escapeMarkdown(part)}</code>` : escapeMarkdown(part)))
    .join('');
}

/** The findings shown open, above the details: the most severe, most certain first. */
export const TOP_FINDINGS = 5;

function countsLine(report: ScanReport): string {
  const bySeverity = SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${report.counts[s]} ${s}`).join(' · ');
  const byFamily = FAMILIES.map(
    (family) => [family, report.findings.filter((f) => f.family === family).length] as const,
  )
    .filter(([, n]) => n > 0)
    .map(([family, n]) => `${family} ${n}`)
    .join(', ');
  const low = report.findings.filter((f) => f.confidence === 'low').length;
  const lowNote = low > 0 ? `; ${low} of low confidence` : '';
  return (
    `**Findings:** ${bySeverity} (${plural(report.findings.length, 'finding')} in ${plural(report.filesScanned, 'file')} scanned${lowNote})` +
    (byFamily ? `. By family: ${byFamily}.` : '.')
  );
}

function whyLines(report: ScanReport): string[] {
  const { grade, verdict } = report;
  const why: string[] = verdict.reasons.map((r) => `${capitalize(r)}.`);
  if (grade.cap) why.push(`${capitalize(grade.cap.reason)} (the score alone gives ${grade.uncappedGrade}).`);
  else if (grade.penalties.length > 0) {
    const top = sortedPenalties(grade.penalties)[0] as RulePenalty;
    why.push(
      `Score ${formatNumber(grade.score)}: the heaviest rule is ${top.ruleId} <code>${top.name}</code> (−${formatNumber(top.penalty)}).`,
    );
  }
  return why;
}

function scoreDetails(report: ScanReport): string[] {
  const { grade, tool } = report;
  const lines = ['<details>', `<summary>How the score was reached (grading v${grade.version})</summary>`, ''];
  const rows = FAMILIES.map((family) => {
    const ofFamily = report.findings.filter((f) => f.family === family);
    const cells = SEVERITIES_DESC.map((s) => String(ofFamily.filter((f) => f.severity === s).length));
    return `| ${family} | ${cells.join(' | ')} | ${ofFamily.length} |`;
  });
  const totals = SEVERITIES_DESC.map((s) => `**${report.counts[s]}**`);
  lines.push(
    `| Family | ${SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${capitalize(s)}`).join(' | ')} | Total |`,
    '| --- | ---: | ---: | ---: | ---: | ---: |',
    ...rows,
    `| **All** | ${totals.join(' | ')} | **${report.findings.length}** |`,
    '',
  );
  const penalties = sortedPenalties(grade.penalties);
  if (penalties.length === 0) {
    lines.push('No findings: nothing was taken from 100.');
  } else {
    lines.push(
      '| Rule | Severity | Confidence | Kind | Findings | Points |',
      '| --- | --- | --- | --- | --- | ---: |',
      '| Start | | | | | 100 |',
    );
    for (const p of penalties) {
      const link = `[${p.ruleId}](${ruleDocsUrl(tool, p.name)}) <code>${p.name}</code>`;
      lines.push(
        `| ${link} | ${SEVERITY_ICON[p.severity]} ${p.severity} | ${p.confidence} | ${p.kind} | ${describePenaltyCount(p)} | −${formatNumber(p.penalty)} |`,
      );
    }
    const back = Math.round((grade.gaps.total - grade.gaps.counted) * 10) / 10;
    if (back > 0)
      lines.push(
        `| Gaps count ${formatNumber(grade.gaps.limit)} at most (they add up to ${formatNumber(grade.gaps.total)}) | | | | | +${formatNumber(back)} |`,
      );
    lines.push(`| **Score** | | | | | **${formatNumber(grade.score)}** (grade ${grade.uncappedGrade}) |`);
  }
  if (grade.cap)
    lines.push(
      '',
      `Grade capped at **${grade.cap.grade}**: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`,
    );
  const weights = SEVERITIES_DESC.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ');
  lines.push(
    '',
    `Grading v${grade.version}: each rule that fires takes its heaviest finding's weight (${weights}; ` +
      `× ${CONFIDENCE_FACTOR.medium} at medium and × ${CONFIDENCE_FACTOR.low} at low confidence, × ${REDUCED_FACTOR} in test and development files), ` +
      `a little more for repeats (at most × ${1 + REPEAT_MAX}). Flaws (confident high or critical findings in production) add up and cap the grade; ` +
      `gaps (everything else) count ${GAP_LIMIT} at most together.`,
    '',
    '</details>',
  );
  return lines;
}

function headSection(
  report: ScanReport,
  notes: readonly string[],
  link: LocationLink | undefined,
  top: readonly Finding[],
  topAreNew: boolean,
): string {
  const { grade, verdict, tool } = report;
  const lines: string[] = [];
  const icon = verdict.passed ? '✅' : '❌';
  lines.push(
    `## ${icon} ${tool.name}: grade ${grade.grade}, score ${formatNumber(grade.score)}/100, ${verdict.passed ? 'passed' : 'failed'}`,
    '',
    `**Threshold:** ${describeThreshold(report.threshold)}.`,
  );
  const why = whyLines(report);
  if (why.length > 0)
    lines.push('', `**${verdict.passed ? 'Why' : 'Why it failed'}:**`, '', ...why.map((r) => `- ${r}`));
  lines.push('', countsLine(report));
  if (notes.length > 0) lines.push('', '### Changes under review', '', ...notes.map((n) => `- ${noteLine(n)}`));
  const context = contextMarkdown(report, escapeMarkdown);
  if (context.length > 0) lines.push('', ...context);
  if (top.length > 0) {
    lines.push(
      '',
      `${topAreNew ? '### Top new findings' : '### Top findings'}`,
      '',
      '| Severity | Rule | Location | Message |',
      '| --- | --- | --- | --- |',
      ...top.map((f) => findingRow(report, f, link, topAreNew)),
    );
  }
  lines.push('', ...scoreDetails(report));
  lines.push(...planMarkdown(report, (loc) => locationMarkdown(link, loc)));
  return lines.join('\n');
}

function findingRow(report: ScanReport, f: Finding, link: LocationLink | undefined, isNew = false): string {
  const rule = `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) <code>${f.name}</code>`;
  const sure = f.confidence === 'high' ? '' : ` (${f.confidence} confidence)`;
  return `| ${isNew ? '🆕 ' : ''}${SEVERITY_ICON[f.severity]} ${f.severity}${sure} | ${rule} | ${locationMarkdown(link, f)} | ${messageMarkdown(f.message)} |`;
}

function skippedRow(s: Skipped): string {
  return `| ${escapeMarkdown(s.path)} | ${escapeMarkdown(s.reason)} |`;
}

function findingsSection(total: number, rows: readonly string[], newCount: number | undefined): string {
  const heading = newCount === undefined ? `${total}` : `${total}, ${newCount} new`;
  const lines = ['<details>', `<summary>All findings (${heading})</summary>`, ''];
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
  lines.push('', '</details>');
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

/** The new findings when there are any (they are what the change under review brings), else the most severe and certain. */
function topFindings(findings: readonly Finding[], newCount: number): Finding[] {
  const pool = newCount > 0 ? findings.slice(0, newCount) : findings;
  return [...pool]
    .sort(
      (a, b) =>
        severityRank(b.severity) - severityRank(a.severity) ||
        confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
        compareFindings(a, b),
    )
    .slice(0, TOP_FINDINGS);
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
  const link = options.link;
  const findingRows = findings.map((f, i) => findingRow(report, f, link, i < newOnes.length));
  const skippedRows = report.skipped.map(skippedRow);
  const head = headSection(
    report,
    options.notes ?? [],
    link,
    topFindings(findings, newOnes.length),
    newOnes.length > 0,
  );
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
