import { S as SEVERITIES, c as compareFindings, b as SEVERITY_WEIGHT } from './version.js';

/** Small pieces every reporter shares: ordering, labels, numbers, links. */
/** The five check families (checks.md), in the order the reports list them. */
const FAMILIES = ['transport', 'secrets', 'crypto', 'auth', 'design'];
/** Critical first. */
const SEVERITIES_DESC = [...SEVERITIES].reverse();
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function sortedFindings(findings) {
    return [...findings].sort(compareFindings);
}
/** Heaviest penalty first, so the first line is what to fix first to gain a grade. */
function sortedPenalties(penalties) {
    return [...penalties].sort((a, b) => b.penalty - a.penalty || byString(a.ruleId, b.ruleId));
}
/** Scores are whole numbers and penalties carry one decimal; print neither with noise. */
function formatNumber(n) {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
/** The parts of the threshold that are set, e.g. "fail below grade C, min score 80". */
function describeThreshold(t) {
    const parts = [];
    if (t.failBelow)
        parts.push(`fail below grade ${t.failBelow}`);
    if (t.minScore !== undefined)
        parts.push(`min score ${formatNumber(t.minScore)}`);
    if (t.failOnSeverity)
        parts.push(`fail on ${t.failOnSeverity} severity or above`);
    return parts.length > 0 ? parts.join(', ') : 'none';
}
/** How many findings a penalty line stands for, saying which count at a reduced weight. */
function describePenaltyCount(p) {
    const base = plural(p.count, 'finding');
    return p.reducedCount > 0 ? `${base} (${p.reducedCount} in test/dev files, reduced weight)` : base;
}
/** The rule's docs page on the tool's repository (docs/rules/<name>.md). */
function ruleDocsUrl(informationUri, ruleName) {
    return `${informationUri.replace(/\/+$/, '')}/blob/main/docs/rules/${encodeURIComponent(ruleName)}.md`;
}

function toJsonReport(report) {
    const { grade, threshold } = report;
    return {
        tool: { name: report.tool.name, version: report.tool.version },
        grade: grade.grade,
        score: grade.score,
        threshold: {
            failBelow: threshold.failBelow ?? null,
            minScore: threshold.minScore ?? null,
            failOnSeverity: threshold.failOnSeverity ?? null,
        },
        passed: report.verdict.passed,
        counts: {
            critical: report.counts.critical,
            high: report.counts.high,
            medium: report.counts.medium,
            low: report.counts.low,
        },
        findings: sortedFindings(report.findings).map((f) => ({
            ruleId: f.ruleId,
            name: f.name,
            severity: f.severity,
            cwe: [...f.cwe],
            path: f.path,
            line: f.line,
            endLine: f.endLine,
            column: f.column,
            message: f.message,
            fingerprint: f.fingerprint,
            endColumn: f.endColumn,
            family: f.family,
            role: f.role,
        })),
        skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
        reasons: [...report.verdict.reasons],
        filesScanned: report.filesScanned,
        grading: {
            version: grade.version,
            uncappedGrade: grade.uncappedGrade,
            cap: grade.cap ? { grade: grade.cap.grade, reason: grade.cap.reason } : null,
            penalties: grade.penalties.map((p) => ({ ...p })),
        },
    };
}
/** Pretty-printed, newline-terminated. */
function renderJson(report) {
    return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

const DEFAULT_MAX_BYTES = 1_000_000;
const SEVERITY_ICON = { critical: '🟣', high: '🔴', medium: '🟠', low: '🟡' };
/**
 * Text from the scanned repository (paths, messages, skip reasons) as inert table-cell text: no
 * HTML, no code spans, no links or emphasis, no cell breaks, one line.
 */
function escapeMarkdown(s) {
    return (s
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`));
}
/** Both table headers with their separator rows, and slack for a plural's extra letter. */
const TABLE_HEADERS_RESERVE = 160;
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
function headSection(report) {
    const { grade, verdict, tool } = report;
    const lines = [];
    const icon = verdict.passed ? '✅' : '❌';
    lines.push(`## ${icon} ${tool.name}: grade ${grade.grade}, score ${formatNumber(grade.score)}/100, ${verdict.passed ? 'passed' : 'failed'}`, '', `**Threshold:** ${describeThreshold(report.threshold)}.`);
    if (verdict.reasons.length > 0) {
        lines.push('', '**Why it failed:**', '', ...verdict.reasons.map((r) => `- ${capitalize(r)}.`));
    }
    const rows = FAMILIES.map((family) => {
        const ofFamily = report.findings.filter((f) => f.family === family);
        const cells = SEVERITIES_DESC.map((s) => String(ofFamily.filter((f) => f.severity === s).length));
        return `| ${family} | ${cells.join(' | ')} | ${ofFamily.length} |`;
    });
    const totals = SEVERITIES_DESC.map((s) => `**${report.counts[s]}**`);
    lines.push('', '### Findings by family and severity', '', `| Family | ${SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${capitalize(s)}`).join(' | ')} | Total |`, '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows, `| **All** | ${totals.join(' | ')} | **${report.findings.length}** |`);
    lines.push('', `### How the score was reached`, '');
    const penalties = sortedPenalties(grade.penalties);
    if (penalties.length === 0) {
        lines.push('No findings: nothing was taken from 100.');
    }
    else {
        lines.push('| Rule | Severity | Findings | Points |', '| --- | --- | --- | ---: |', '| Start | | | 100 |');
        for (const p of penalties) {
            const link = `[${p.ruleId}](${ruleDocsUrl(tool.informationUri, p.name)}) \`${p.name}\``;
            lines.push(`| ${link} | ${SEVERITY_ICON[p.severity]} ${p.severity} | ${describePenaltyCount(p)} | −${formatNumber(p.penalty)} |`);
        }
        lines.push(`| **Score** | | | **${formatNumber(grade.score)}** (grade ${grade.uncappedGrade}) |`);
    }
    if (grade.cap)
        lines.push('', `> Grade capped at **${grade.cap.grade}**: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`);
    const weights = SEVERITIES_DESC.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ');
    lines.push('', `Grading v${grade.version}: each rule that fires takes its severity's weight once (${weights}) ` +
        'plus a little for repeats; findings in test and development files count at a reduced weight. ' +
        'Fix the top rows first to gain the most.');
    return lines.join('\n');
}
function findingRow(report, f) {
    const rule = `[${f.ruleId}](${ruleDocsUrl(report.tool.informationUri, f.name)}) \`${f.name}\``;
    return `| ${SEVERITY_ICON[f.severity]} ${f.severity} | ${rule} | ${escapeMarkdown(f.path)}:${f.line} | ${escapeMarkdown(f.message)} |`;
}
function skippedRow(s) {
    return `| ${escapeMarkdown(s.path)} | ${escapeMarkdown(s.reason)} |`;
}
function findingsSection(total, rows) {
    const lines = [`### Findings (${total})`, ''];
    if (total === 0)
        lines.push('No findings.');
    else if (rows.length > 0)
        lines.push('| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |', ...rows);
    const omitted = total - rows.length;
    if (omitted > 0) {
        lines.push('', `_${plural(omitted, 'finding')} of ${total} left out to keep this summary within GitHub's size limit; ` +
            'the SARIF and JSON reports list every finding._');
    }
    return lines.join('\n');
}
function skippedSection(total, rows) {
    if (total === 0)
        return '';
    const lines = ['<details>', `<summary>Skipped files (${total})</summary>`, ''];
    if (rows.length > 0)
        lines.push('| File | Reason |', '| --- | --- |', ...rows);
    const omitted = total - rows.length;
    if (omitted > 0)
        lines.push('', `_${plural(omitted, 'skipped file')} of ${total} left out to keep this summary within GitHub's size limit._`);
    lines.push('', '</details>');
    return lines.join('\n');
}
/** The longest prefix of `rows` whose lines (each with its newline) fit in `budget` bytes. */
function fit(rows, budget) {
    const kept = [];
    let used = 0;
    for (const row of rows) {
        const size = bytes(row) + 1;
        if (used + size > budget)
            break;
        kept.push(row);
        used += size;
    }
    return { rows: kept, used };
}
/** Cuts at a character boundary so the UTF-8 size is at most `maxBytes`. */
function truncateBytes(s, maxBytes) {
    let out = '';
    let size = 0;
    for (const ch of s) {
        size += bytes(ch);
        if (size > maxBytes)
            break;
        out += ch;
    }
    return out;
}
/**
 * GitHub job summary (and check run text): verdict, counts per severity and family, how the score
 * was reached, findings by severity, skipped files. To stay within `maxBytes` it leaves out
 * skipped-file rows first, then the least severe findings, and says how many of each.
 */
function renderMarkdown(report, options = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const findings = sortedFindings(report.findings);
    const findingRows = findings.map((f) => findingRow(report, f));
    const skippedRows = report.skipped.map(skippedRow);
    const head = headSection(report);
    const footer = `<sub>${report.tool.name} ${report.tool.version} · ${plural(report.filesScanned, 'file')} scanned</sub>`;
    const assemble = (fRows, sRows) => `${[head, findingsSection(findings.length, fRows), skippedSection(report.skipped.length, sRows), footer]
        .filter((s) => s !== '')
        .join('\n\n')}\n`;
    const full = assemble(findingRows, skippedRows);
    if (bytes(full) <= maxBytes)
        return full;
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
        if (keptSkipped.length > 0)
            keptSkipped.pop();
        else
            keptFindings.pop();
        doc = assemble(keptFindings, keptSkipped);
    }
    return bytes(doc) <= maxBytes ? doc : truncateBytes(doc, maxBytes);
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
/** GitHub code scanning reads this numeric string to place an alert in critical/high/medium/low. */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '3.0',
};
function sarifLevel(severity) {
    return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}
/**
 * A repository-relative path as a relative URI reference: forward slashes, and the characters a
 * URI cannot hold (space, `%`, `#`, `?`, non-ASCII) percent-encoded segment by segment.
 */
function artifactUri(path) {
    return path
        .replace(/\\/g, '/')
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}
function fence(lang, code) {
    const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
}
function helpText(meta, docs) {
    return [
        meta.what,
        `Why: ${meta.why}`,
        `Fix: ${meta.fix}`,
        `Flagged:\n${meta.bad.code.replace(/\n+$/, '')}`,
        `Fixed:\n${meta.good.code.replace(/\n+$/, '')}`,
        `Documentation: ${docs}`,
    ].join('\n\n');
}
function helpMarkdown(meta, docs) {
    return [
        `**${meta.title}** (${meta.id}, ${meta.severity})`,
        meta.what,
        `### Why it matters\n\n${meta.why}`,
        `### How to fix\n\n${meta.fix}`,
        `### Example\n\nFlagged:\n\n${fence(meta.bad.lang, meta.bad.code)}\n\nFixed:\n\n${fence(meta.good.lang, meta.good.code)}`,
        `### What it cannot see\n\n${meta.limits}`,
        `[Full documentation](${docs})`,
    ].join('\n\n');
}
function toRule(meta, informationUri) {
    const docs = ruleDocsUrl(informationUri, meta.name);
    const level = sarifLevel(meta.severity);
    return {
        id: meta.id,
        name: meta.name,
        shortDescription: { text: meta.title },
        fullDescription: { text: meta.what },
        help: { text: helpText(meta, docs), markdown: helpMarkdown(meta, docs) },
        helpUri: docs,
        defaultConfiguration: { level },
        properties: {
            tags: ['security', meta.family, ...meta.cwe.map((n) => `external/cwe/cwe-${n}`)],
            'security-severity': SECURITY_SEVERITY[meta.severity],
            precision: meta.precision,
        },
    };
}
function toResult(f, ruleIndex, prefix) {
    const startColumn = Math.max(1, f.column);
    const endLine = Math.max(f.line, f.endLine);
    const endColumn = endLine === f.line ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
    return {
        ruleId: f.ruleId,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: artifactUri(prefix + f.path), uriBaseId: SRCROOT },
                    region: { startLine: Math.max(1, f.line), startColumn, endLine: Math.max(1, endLine), endColumn },
                },
            },
        ],
        partialFingerprints: { primaryLocationLineHash: f.fingerprint },
        properties: { severity: f.severity, family: f.family, role: f.role },
    };
}
/** Locations are repository-relative (design.md), so the scanned folder's prefix is put back. */
function toSarif(report) {
    const { tool } = report;
    const prefix = report.repoPrefix;
    const index = new Map(report.rules.map((meta, i) => [meta.id, i]));
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: tool.name,
                        version: tool.version,
                        semanticVersion: tool.version,
                        informationUri: tool.informationUri,
                        rules: report.rules.map((meta) => toRule(meta, tool.informationUri)),
                    },
                },
                invocations: [
                    {
                        executionSuccessful: true,
                        toolExecutionNotifications: report.skipped.map((s) => ({
                            level: 'warning',
                            message: { text: `Skipped ${s.path}: ${s.reason}` },
                            locations: [
                                { physicalLocation: { artifactLocation: { uri: artifactUri(prefix + s.path), uriBaseId: SRCROOT } } },
                            ],
                        })),
                    },
                ],
                results: sortedFindings(report.findings).map((f) => toResult(f, index.get(f.ruleId), prefix)),
            },
        ],
    };
}
/** Pretty-printed, newline-terminated. */
function renderSarif(report) {
    return `${JSON.stringify(toSarif(report), null, 2)}\n`;
}

export { SEVERITIES_DESC as S, describePenaltyCount as a, renderSarif as b, renderJson as c, describeThreshold as d, formatNumber as f, plural as p, renderMarkdown as r, sortedPenalties as s };
