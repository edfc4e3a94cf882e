/**
 * Rule documentation rendered from rule metadata, so a docs page cannot say something the rule
 * does not do. `npm run docs:rules` writes docs/rules/<name>.md, docs/rules/README.md and the rule
 * table in README.md; __tests__/docs/rule-docs.test.ts fails when any of them is out of date.
 * Pure functions: no file system, no clock.
 */
import { defaultConfidence } from '../core/confidence.js';
import type { Family } from '../core/types.js';
import type { RuleMeta } from '../rules/rule.js';
import { BANDIT_TO_RULES } from '../suppress/bandit.js';

/** The digit a family's rule ids carry: FCG1xx transport … FCG5xx insecure design. */
export const FAMILY_DIGIT: Readonly<Record<Family, number>> = {
  transport: 1,
  secrets: 2,
  crypto: 3,
  auth: 4,
  design: 5,
};

/** How a family is named on its rules' docs pages. */
export const FAMILY_LABEL: Readonly<Record<Family, string>> = {
  transport: 'Transport: missing TLS and man-in-the-middle',
  secrets: 'Secrets and credentials',
  crypto: 'Cryptographic failures',
  auth: 'Broken authentication',
  design: 'Insecure design',
};

export function cweUrl(cwe: number): string {
  return `https://cwe.mitre.org/data/definitions/${cwe}.html`;
}

function cweLinks(cwes: readonly number[]): string {
  return cwes.map((n) => `[CWE-${n}](${cweUrl(n)})`).join(', ');
}

/** A value inside a table cell: pipes would end the cell, newlines the row. */
function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\s*\n\s*/g, ' ');
}

/** A fenced block long enough not to be closed by backticks inside the code. */
function fence(lang: string, code: string): string {
  const longest = Math.max(0, ...(code.match(/`+/g) ?? []).map((run) => run.length));
  const ticks = '`'.repeat(Math.max(3, longest + 1));
  return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
}

/** Bandit ids whose `# nosec` also suppresses this rule (src/suppress/bandit.ts). */
function banditIdsFor(ruleId: string): string[] {
  return Object.entries(BANDIT_TO_RULES)
    .filter(([, check]) => check.rules.includes(ruleId))
    .map(([id]) => id);
}

/** How to suppress one finding of the rule, or change or turn off the whole rule. */
function renderSuppressing(meta: RuleMeta): string {
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
export function renderRulePage(meta: RuleMeta): string {
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

/** The file a rule's page is written to, relative to docs/rules/. */
export function rulePageFile(meta: RuleMeta): string {
  return `${meta.name}.md`;
}

/**
 * A markdown table of the rules, one row each, in the order given. `linkPrefix` is the path from
 * the document holding the table to docs/rules/ (`docs/rules/` for the top-level README, empty
 * for docs/rules/README.md). Ends with a single newline.
 */
export function renderRuleIndex(rules: readonly { readonly meta: RuleMeta }[], linkPrefix = ''): string {
  const rows = rules.map(({ meta }) =>
    [
      `\`${meta.id}\``,
      `[${meta.name}](${linkPrefix}${rulePageFile(meta)})`,
      meta.family,
      meta.severity,
      meta.cwe.map((n) => `[${n}](${cweUrl(n)})`).join(', '),
      cell(meta.title),
    ].join(' | '),
  );
  const header = ['| Id | Rule | Family | Severity | CWE | Flags |', '| --- | --- | --- | --- | --- | --- |'];
  return `${[...header, ...rows.map((r) => `| ${r} |`)].join('\n')}\n`;
}

/** docs/rules/README.md: the index of every rule page. */
export function renderRulesReadme(rules: readonly { readonly meta: RuleMeta }[]): string {
  return [
    '# Rules',
    '',
    "Every check flask-crdb-gate runs, by id. The id's first digit is the family: 1 transport, 2 secrets, " +
      '3 crypto, 4 auth, 5 insecure design. Severity is the default; a finding on a local-only host or in a ' +
      'test or development file may carry less weight (see the README, "Grading").',
    '',
    renderRuleIndex(rules).trimEnd(),
    '',
    '_Generated from the rule metadata in `src/rules/` by `npm run docs:rules`; do not edit by hand._',
    '',
  ].join('\n');
}

export const RULES_START = '<!-- rules:start -->';
export const RULES_END = '<!-- rules:end -->';

/**
 * The top-level README with its rule table (between the markers) replaced by the current one;
 * undefined when the markers are missing or out of order. Prettier is told to leave the table as
 * generated, so the test and the formatter never disagree.
 */
export function withRuleTable(readme: string, rules: readonly { readonly meta: RuleMeta }[]): string | undefined {
  const start = readme.indexOf(RULES_START);
  const end = readme.indexOf(RULES_END);
  if (start < 0 || end < start) return undefined;
  const table = [
    RULES_START,
    '<!-- prettier-ignore-start -->',
    '',
    renderRuleIndex(rules, 'docs/rules/').trimEnd(),
    '',
    '<!-- prettier-ignore-end -->',
    '',
  ].join('\n');
  return readme.slice(0, start) + table + readme.slice(end);
}
