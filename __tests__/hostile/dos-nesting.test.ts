/**
 * Issue 11, item 10 (second half): deeply nested JSON, YAML and Python. A file nested beyond
 * MAX_NESTING levels is skipped as "nested too deeply", the configuration file as a configuration
 * error; deep Python (tree-sitter parses any depth) is analysed in time linear in its depth.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/types.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { analyseShape, growth, LINEAR_BOUND } from './dos-helpers.js';

describe('deep nesting', () => {
  test.each([
    ['deep-json', 'settings.json', 'JSON'],
    ['deep-yaml', 'values.yml', 'YAML'],
  ])('%s, 10,000 levels: skipped as nested too deeply', async (name, file, what) => {
    const result = await analyseShape(name, 10_000);
    expect(result.skipped).toEqual([
      { path: file, reason: `could not be parsed as ${what}: nested too deeply (more than 256 levels)` },
    ]);
  });

  test.each(['deep-json', 'deep-yaml'])('%s within the bound: read, and its URI found', async (name) => {
    const result = await analyseShape(name, 250);
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => f.ruleId)).toContain('FCG201');
  });

  test('a YAML configuration file 10,000 levels deep is a configuration error', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fcg-dos-'));
    try {
      writeFileSync(path.join(root, '.flask-crdb-gate.yml'), `rules: ${'['.repeat(10_000)}${']'.repeat(10_000)}\n`);
      const rules = ALL_RULES.map((r) => ({ id: r.meta.id, name: r.meta.name }));
      const error = await loadConfig({ root, cwd: root, rules }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigError);
      expect((error as ConfigError).problems).toEqual([
        expect.objectContaining({ message: expect.stringMatching(/nested too deeply/) }),
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  test('Python nested 10,000 levels: analysed, linear in the depth', async () => {
    const result = await analyseShape('deep-python', 10_000);
    expect(result.skipped).toEqual([]);
    expect(await growth((n) => analyseShape('deep-python', n), 3000)).toBeLessThan(LINEAR_BOUND);
  });
});
