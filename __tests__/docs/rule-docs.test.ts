/**
 * The rule docs are generated from rule metadata (src/docs/rule-page.ts) and checked in. This test
 * fails when a page, docs/rules/README.md or the README's rule table differs from what the
 * metadata renders; with UPDATE_DOCS=1 (`npm run docs:rules`) it writes them instead. It also
 * checks that every rule's metadata is well formed, since the pages and SARIF are built from it.
 */
import { beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { SEVERITIES } from '../../src/core/severity.js';
import {
  FAMILY_DIGIT,
  RULES_END,
  RULES_START,
  renderRuleIndex,
  renderRulePage,
  renderRulesReadme,
  rulePageFile,
  withRuleTable,
} from '../../src/docs/rule-page.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { RuleMeta } from '../../src/rules/rule.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const DOCS = path.join(REPO, 'docs', 'rules');
const README = path.join(REPO, 'README.md');
const INDEX = 'README.md';
const UPDATE = process.env.UPDATE_DOCS === '1';
const HOW_TO_FIX = 'run `npm run docs:rules` and commit the result';

const metas: RuleMeta[] = ALL_RULES.map((r) => r.meta);

function readOrUndefined(file: string): string | undefined {
  return existsSync(file) ? readFileSync(file, 'utf8') : undefined;
}

/** Fails with a message that names the file, the first differing line and the command that fixes it. */
function expectUpToDate(label: string, actual: string | undefined, expected: string): void {
  if (actual === expected) return;
  if (actual === undefined) throw new Error(`${label} is missing: ${HOW_TO_FIX}.`);
  const a = actual.split('\n');
  const e = expected.split('\n');
  let i = 0;
  while (i < Math.max(a.length, e.length) && a[i] === e[i]) i++;
  throw new Error(
    `${label} is out of date with the rule metadata: ${HOW_TO_FIX}.\n` +
      `First difference at line ${i + 1}:\n  committed: ${JSON.stringify(a[i] ?? '<end of file>')}\n` +
      `  generated: ${JSON.stringify(e[i] ?? '<end of file>')}`,
  );
}

describe('rule metadata is well formed', () => {
  test.each(metas.map((m) => [m.id, m] as const))('%s', (_id, meta) => {
    expect(meta.id).toMatch(/^FCG[1-5]\d\d$/);
    expect(meta.id[3]).toBe(String(FAMILY_DIGIT[meta.family]));
    expect(meta.name).toMatch(/^[a-z][a-z0-9]*(-[a-z0-9]+)*$/);
    expect(SEVERITIES).toContain(meta.severity);
    expect(['very-high', 'high', 'medium', 'low']).toContain(meta.precision);
    // SARIF's shortDescription: one line, no trailing period (the page adds one).
    expect(meta.title.trim()).not.toBe('');
    expect(meta.title).not.toMatch(/[.\n]$|\n/);
    for (const field of ['what', 'why', 'fix', 'limits'] as const) {
      expect(`${field}: ${meta[field].trim() === '' ? 'empty' : 'written'}`).toBe(`${field}: written`);
    }
    expect(meta.bad.code.trim()).not.toBe('');
    expect(meta.good.code.trim()).not.toBe('');
    expect(meta.bad.lang).toMatch(/^[a-z]+$/);
    expect(meta.good.lang).toMatch(/^[a-z]+$/);
    expect(meta.good.code).not.toBe(meta.bad.code);
    expect(meta.cwe.length).toBeGreaterThan(0);
    for (const cwe of meta.cwe) expect(Number.isInteger(cwe) && cwe > 0).toBe(true);
    expect(new Set(meta.cwe).size).toBe(meta.cwe.length);
  });

  test('ids and names are unique, and ALL_RULES is in id order', () => {
    const ids = metas.map((m) => m.id);
    const names = metas.map((m) => m.name);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(names).size).toBe(names.length);
    expect(ids).toEqual([...ids].sort());
  });
});

describe('rule docs match the rule metadata', () => {
  beforeAll(() => {
    if (!UPDATE) return;
    mkdirSync(DOCS, { recursive: true });
    const wanted = new Set([INDEX, ...metas.map(rulePageFile)]);
    // A renamed or removed rule must not leave its old page behind.
    for (const file of readdirSync(DOCS)) if (file.endsWith('.md') && !wanted.has(file)) rmSync(path.join(DOCS, file));
    for (const meta of metas) writeFileSync(path.join(DOCS, rulePageFile(meta)), renderRulePage(meta));
    writeFileSync(path.join(DOCS, INDEX), renderRulesReadme(ALL_RULES));
    const readme = readOrUndefined(README);
    const updated = readme === undefined ? undefined : withRuleTable(readme, ALL_RULES);
    if (updated !== undefined) writeFileSync(README, updated);
  });

  test.each(metas.map((m) => [m.id, m] as const))('docs/rules page of %s', (_id, meta) => {
    const file = path.join(DOCS, rulePageFile(meta));
    expectUpToDate(`docs/rules/${rulePageFile(meta)}`, readOrUndefined(file), renderRulePage(meta));
  });

  test('docs/rules/README.md indexes every rule', () => {
    expectUpToDate('docs/rules/README.md', readOrUndefined(path.join(DOCS, INDEX)), renderRulesReadme(ALL_RULES));
  });

  test('docs/rules holds no page of a rule that no longer exists', () => {
    const wanted = new Set([INDEX, ...metas.map(rulePageFile)]);
    const stale = existsSync(DOCS) ? readdirSync(DOCS).filter((f) => f.endsWith('.md') && !wanted.has(f)) : [];
    if (stale.length > 0) throw new Error(`docs/rules has pages of no rule (${stale.join(', ')}): ${HOW_TO_FIX}.`);
  });

  test(`README.md carries the current rule table between ${RULES_START} and ${RULES_END}`, () => {
    const readme = readOrUndefined(README);
    if (readme === undefined) throw new Error('README.md is missing.');
    const expected = withRuleTable(readme, ALL_RULES);
    if (expected === undefined) {
      throw new Error(`README.md must contain the markers ${RULES_START} and ${RULES_END}, in that order.`);
    }
    expectUpToDate('The rule table in README.md', readme, expected);
  });

  test('every page and the index link each rule', () => {
    const index = renderRuleIndex(ALL_RULES);
    for (const meta of metas) {
      expect(index).toContain(`[${meta.name}](${rulePageFile(meta)})`);
      expect(renderRulePage(meta).startsWith(`# ${meta.id} ${meta.name}\n`)).toBe(true);
    }
  });
});
