/**
 * Issue 11, item 5: YAML aliases. Nested aliases ("billion laughs") in the tool's configuration
 * file are refused as a configuration error (exit 2) instead of expanding for ever; in a scanned
 * YAML file they make the file skipped with the reason; and many aliases in one file cost time in
 * proportion to their number (each used to walk the whole document to find its anchor).
 */
import { describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { ConfigError } from '../../src/config/types.js';
import { yamlTree } from '../../src/config/yaml-tree.js';
import { parseConfig } from '../../src/parse/config/index.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { shape, writeShape } from '../../scripts/hostile-shapes.mjs';
import { analyseShape, growth, LINEAR_BOUND } from './dos-helpers.js';

const RULES = ALL_RULES.map((r) => ({ id: r.meta.id, name: r.meta.name }));

async function loadShape(name: string, n: number): Promise<unknown> {
  const root = mkdtempSync(path.join(tmpdir(), 'fcg-dos-'));
  try {
    writeShape(root, shape(name).build(n));
    return await loadConfig({ root, cwd: root, rules: RULES });
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

describe('nested aliases in the configuration file', () => {
  test('six levels (half a million nodes once expanded) are a configuration error naming the line', async () => {
    const error = await loadShape('config-aliases', 6).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems).toEqual([
      expect.objectContaining({
        file: '.flask-crdb-gate.yml',
        line: expect.any(Number),
        message: expect.stringMatching(/aliases expand the document by more than 100000 nodes/),
      }),
    ]);
  });

  test('a few aliases within reason are still followed', () => {
    const tree = yamlTree('base: &b [x, y]\nuse: [*b, *b]\n', { uniqueKeys: true });
    expect(tree.errors).toEqual([]);
    const use = tree.documents[0]?.kind === 'map' ? tree.documents[0].pairs[1]?.value : undefined;
    expect(use?.kind === 'seq' ? use.items.map((i) => i?.kind) : undefined).toEqual(['seq', 'seq']);
  });

  test('an alias resolves to the last anchor of its name before it, as the yaml library does', () => {
    const tree = yamlTree('a: &x 1\nb: *x\nc: &x 2\nd: *x\n', { uniqueKeys: false });
    const root = tree.documents[0];
    const values = root?.kind === 'map' ? root.pairs.map((p) => (p.value?.kind === 'scalar' ? p.value.value : '')) : [];
    expect(values).toEqual([1, 1, 2, 2]);
  });
});

describe('aliases in a scanned YAML file', () => {
  test('nested aliases: the file is skipped, saying why', async () => {
    const result = await analyseShape('yaml-aliases', 9);
    expect(result.findings).toEqual([]);
    expect(result.skipped).toEqual([
      { path: 'deploy/values.yml', reason: expect.stringMatching(/expands to more than \d+ nodes \(aliases\)/) },
    ]);
  });

  test('the entries an alias stands for are still found', async () => {
    const result = await analyseShape('yaml-many-aliases', 3);
    expect(result.skipped).toEqual([]);
    expect(result.findings.length).toBeGreaterThan(0);
  });

  test('many aliases to one anchor: linear in their number', async () => {
    const parse = (n: number): unknown =>
      parseConfig('yaml', 'values.yml', shape('yaml-many-aliases').build(n)['deploy/values.yml'] as string);
    expect(await growth(parse, 1500)).toBeLessThan(LINEAR_BOUND);
  });
});
