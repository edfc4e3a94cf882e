import { s as suggest } from './suggest.js';
import { d as defaultConfidence } from './confidence.js';
import { B as BANDIT_TO_RULES } from './bandit.js';
import { U as UsageError } from './errors.js';

/**
 * Rule documentation rendered from rule metadata, so a docs page cannot say something the rule
 * does not do. `npm run docs:rules` writes docs/rules/<name>.md, docs/rules/README.md and the rule
 * table in README.md; __tests__/docs/rule-docs.test.ts fails when any of them is out of date.
 * Pure functions: no file system, no clock.
 */
/** How a family is named on its rules' docs pages. */
const FAMILY_LABEL = {
    transport: 'Transport: missing TLS and man-in-the-middle',
    secrets: 'Secrets and credentials',
    crypto: 'Cryptographic failures',
    auth: 'Broken authentication',
    design: 'Insecure design',
};
function cweUrl(cwe) {
    return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}
function cweLinks(cwes) {
    return cwes.map((n) => `[CWE-${n}](${cweUrl(n)})`).join(', ');
}
/** A value inside a table cell: pipes would end the cell, newlines the row. */
function cell(text) {
    return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}
/** A fenced block long enough not to be closed by backticks inside the code. */
function fence(lang, code) {
    const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
    const ticks = '`'.repeat(Math.max(3, longest + 1));
    return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
}
/** Bandit ids whose `# nosec` also suppresses this rule (src/suppress/bandit.ts). */
function banditIdsFor(ruleId) {
    return Object.entries(BANDIT_TO_RULES)
        .filter(([, check]) => check.rules.includes(ruleId))
        .map(([id]) => id);
}
/** How to suppress one finding of the rule, or change or turn off the whole rule. */
function renderSuppressing(meta) {
    const bandit = banditIdsFor(meta.id);
    return [
        '## Suppressing',
        '',
        'A finding that is not a weakness where it is can be suppressed with a comment on its line, or on the first ' +
            'line of the statement it is in (`#` comments in Python, YAML, TOML, INI, `.env`, shell scripts, ' +
            'Dockerfiles, Makefiles and Procfiles):',
        '',
        '```text',
        `<the flagged line>  # nosec ${meta.id}`,
        `<the flagged line>  # flask-crdb-gate: ignore[${meta.name}] why it is safe here`,
        '```',
        '',
        ...(bandit.length > 0 ? [`Bandit's \`# nosec ${bandit.join('`, `# nosec ')}\` suppresses it too.`, ''] : []),
        'To change its severity, or turn it off, in `.flask-crdb-gate.yml` (or `[tool.flask-crdb-gate.rules]` in ' +
            '`pyproject.toml`):',
        '',
        '```yaml',
        'rules:',
        `  ${meta.id}: low # low | medium | high | critical, or off`,
        '```',
        '',
        'Findings that exist today can be recorded in a baseline (`flask-crdb-gate baseline`) so only new ones count. ' +
            'See the README: Suppressions, Configuration and Baseline.',
    ].join('\n');
}
/** The docs page of one rule, modelled on Ruff's rule pages. Ends with a single newline. */
function renderRulePage(meta) {
    const sections = [
        `# ${meta.id} ${meta.name}`,
        `${meta.title}.`,
        [
            '| | |',
            '| --- | --- |',
            `| Id | \`${meta.id}\` |`,
            `| Name | \`${meta.name}\` |`,
            `| Family | ${cell(FAMILY_LABEL[meta.family])} |`,
            `| Default severity | ${meta.severity} |`,
            `| CWE | ${cweLinks(meta.cwe)} |`,
            `| Precision | ${meta.precision} |`,
            `| Default confidence | ${defaultConfidence(meta)} |`,
        ].join('\n'),
        `## What it flags\n\n${meta.what.trim()}`,
        `## Why it is bad\n\n${meta.why.trim()}`,
        `## Example\n\n${fence(meta.bad.lang, meta.bad.code)}`,
        `## Fix\n\n${meta.fix.trim()}\n\n${fence(meta.good.lang, meta.good.code)}`,
        `## What it cannot see\n\n${meta.limits.trim()}`,
        renderSuppressing(meta),
        '---',
        '_Generated from the rule metadata in `src/rules/` by `npm run docs:rules`; do not edit by hand._',
    ];
    return `${sections.join('\n\n')}\n`;
}

const COLUMNS = ['ID', 'NAME', 'FAMILY', 'SEVERITY', 'CONFIDENCE', 'TITLE'];
/**
 * `rules`: one row per rule (id, name, family, default severity, confidence, title), columns
 * aligned; the title is cut to the terminal's width when one is known.
 */
function renderRulesTable(metas, width) {
    const rows = metas.map((m) => [m.id, m.name, m.family, m.severity, defaultConfidence(m), m.title]);
    const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
    const line = (cells) => {
        const fixed = cells
            .slice(0, -1)
            .map((c, i) => c.padEnd(widths[i]))
            .join('  ');
        let title = cells[cells.length - 1];
        const room = width === undefined ? Infinity : width - fixed.length - 2;
        if (title.length > room)
            title = room > 1 ? `${title.slice(0, room - 1)}…` : '';
        return `${fixed}  ${title}`.trimEnd();
    };
    return `${[line(COLUMNS), ...rows.map(line)].join('\n')}\n`;
}
/** `rules --format json`: the same columns, for scripts. */
function renderRulesJson(metas) {
    const rows = metas.map((m) => ({
        id: m.id,
        name: m.name,
        family: m.family,
        severity: m.severity,
        confidence: defaultConfidence(m),
        cwe: m.cwe,
        title: m.title,
    }));
    return `${JSON.stringify(rows, null, 2)}\n`;
}
/** The rule a `rule` argument names (id or name, any case); a UsageError with the nearest one otherwise. */
function findRule(metas, wanted) {
    const w = wanted.trim();
    const meta = metas.find((m) => m.id.toUpperCase() === w.toUpperCase() || m.name === w.toLowerCase());
    if (meta)
        return meta;
    const hint = suggest(w, [...metas.map((m) => m.id), ...metas.map((m) => m.name)]);
    throw new UsageError(`no rule ${JSON.stringify(w)}${hint ? ` (did you mean ${hint}?)` : ''}; \`flask-crdb-gate rules\` lists them`);
}
/** `rule FCGnnn`: the rule's docs page, as docs/rules/<name>.md holds it. */
function renderRuleDoc(meta) {
    return renderRulePage(meta);
}

export { findRule, renderRuleDoc, renderRulesJson, renderRulesTable };
