/**
 * Issue 11, item 6: thousands of unknown keys in the configuration file. The yaml library's own
 * duplicate-key check compared every key with every earlier one; duplicates are now found in one
 * pass, with the same message at the same line.
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/types.js';
import { yamlTree } from '../../src/config/yaml-tree.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { shape, writeShape } from '../../scripts/hostile-shapes.mjs';
import { growth, LINEAR_BOUND } from './dos-helpers.js';

const RULES = ALL_RULES.map((r) => ({ id: r.meta.id, name: r.meta.name }));

async function problems(write: (root: string) => void): Promise<ConfigError['problems']> {
  const root = mkdtempSync(path.join(tmpdir(), 'fcg-dos-'));
  try {
    write(root);
    const error = await loadConfig({ root, cwd: root, rules: RULES }).catch((e: unknown) => e);
    if (!(error instanceof ConfigError)) throw new Error('expected a ConfigError');
    return error.problems;
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('unknown keys in the configuration file', () => {
  test('the first unknown keys are named with their lines, the rest counted', async () => {
    const found = await problems((root) => writeShape(root, shape('config-unknown-keys').build(50)));
    expect(found).toHaveLength(11);
    expect(found[9]).toEqual(
      expect.objectContaining({ line: 10, message: expect.stringMatching(/unknown key "unknown_key_9"/) }),
    );
    expect(found[10]).toEqual(expect.objectContaining({ message: '40 more unknown keys (not listed)' }));
  });

  test('reading them grows linearly with their number (duplicate keys are looked for in one pass)', async () => {
    const text = (n: number): string => shape('config-unknown-keys').build(n)['.flask-crdb-gate.yml'] as string;
    expect(await growth((n) => yamlTree(text(n), { uniqueKeys: true }), 2000)).toBeLessThan(LINEAR_BOUND);
  });

  test('a duplicate key is still an error at the line of the second one', async () => {
    const found = await problems((root) =>
      writeFileSync(
        path.join(root, '.flask-crdb-gate.yml'),
        'threshold:\n  fail-below: B\nrules: {}\nthreshold:\n  min-score: 50\n',
      ),
    );
    expect(found).toEqual([expect.objectContaining({ line: 4, message: 'YAML: Map keys must be unique' })]);
  });

  test('keys equal as values are duplicates, in flow maps too', async () => {
    const found = await problems((root) =>
      writeFileSync(path.join(root, '.flask-crdb-gate.yml'), 'rules: {1: off, 1: low}\n'),
    );
    expect(found).toEqual([expect.objectContaining({ line: 1, message: 'YAML: Map keys must be unique' })]);
  });
});
