/**
 * Issue 11, item 6: the per-file analysis budget. Whatever shape a file has, its analysis stops
 * when the budget is spent; the file is named in `skipped` with the reason, and the findings of
 * the rules that finished are kept.
 */
import { describe, expect, test } from '@jest/globals';
import { BudgetExceeded, spend, withBudget } from '../../src/core/budget.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { DEFAULT_ANALYSIS } from '../../src/engine/options.js';
import type { Rule } from '../../src/rules/rule.js';
import { passwordInConnectionString } from '../../src/rules/secrets/password-in-connection-string.js';
import { analyseShape, sourceFile } from './dos-helpers.js';

/** A rule that never finishes on its own: it only stops when the budget does. */
const endless: Rule = {
  meta: { ...passwordInConnectionString.meta, id: 'FCG299', name: 'endless' },
  check: () => {
    for (;;) spend();
  },
};

describe('per-file analysis budget', () => {
  test('spend() throws once the time is up, not before', () => {
    expect(withBudget(60_000, () => spend())).toBeUndefined();
    expect(() => withBudget(0, () => spend())).toThrow(BudgetExceeded);
    expect(spend()).toBeUndefined(); // outside any budget
  });

  test('a rule that never ends: stopped, named, and the findings before it kept', async () => {
    const file = sourceFile('settings.py', 'DB = "postgresql://app:hunter2@db.example.com/app"\n');
    const result = await analyzeFile(file, [passwordInConnectionString, endless], {
      ...DEFAULT_ANALYSIS,
      fileBudgetMs: 3000, // ample for the first rule, even on a busy machine
    });
    expect(result.findings.map((f) => f.ruleId)).toEqual(['FCG201']);
    expect(result.skipped).toEqual([
      {
        path: 'settings.py',
        reason:
          'analysis budget exceeded (3 s per file): its analysis was stopped in rule FCG299; findings of the rules before it are kept',
      },
    ]);
  });

  test.each([
    ['password-uris', 'settings.py'],
    ['toml-uri-array', 'settings.toml'],
    ['yaml-many-aliases', 'deploy/values.yml'],
    ['plus-chain', 'app.py'],
  ])('%s with no budget left: skipped with the reason', async (name, file) => {
    const result = await analyseShape(name, 20, { fileBudgetMs: 0 });
    expect(result.skipped).toEqual([
      { path: file, reason: expect.stringMatching(/^analysis budget exceeded \(0 ms per file\)/) },
    ]);
  });

  test('the default budget leaves an ordinary file alone', async () => {
    const result = await analyseShape('password-uris', 20);
    expect(result.skipped).toEqual([]);
    expect(result.findings).toHaveLength(40);
  });
});
