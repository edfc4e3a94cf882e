import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { resolveRequest, type FrontDoorRequest } from '../../src/config/resolve.js';
import { deselectedRules, selectorProblem } from '../../src/config/select.js';
import { ConfigError } from '../../src/config/types.js';
import { ALL_RULES } from '../../src/rules/index.js';

const METAS = ALL_RULES.map((r) => r.meta);
const ids = METAS.map((m) => m.id);
/** The ids that stay on. */
const running = (select: string[] | undefined, ignore: string[] = []): string[] => {
  const off = new Set(deselectedRules(METAS, select, ignore));
  return ids.filter((id) => !off.has(id));
};

describe('selectors', () => {
  test('ids, prefixes, families, names and ALL, case-insensitive', () => {
    expect(running(['FCG101'])).toEqual(['FCG101']);
    expect(running(['fcg10'])).toEqual(ids.filter((id) => id.startsWith('FCG10')));
    expect(running(['FCG4'])).toEqual(METAS.filter((m) => m.family === 'auth').map((m) => m.id));
    expect(running(['Transport'])).toEqual(METAS.filter((m) => m.family === 'transport').map((m) => m.id));
    expect(running(['sslmode-missing'])).toEqual(['FCG103']);
    expect(running(['ALL'])).toEqual(ids);
    expect(running(undefined)).toEqual(ids);
    expect(running(undefined, ['FCG'])).toEqual([]);
  });

  test('the most specific selector wins; a tie goes to ignore', () => {
    expect(running(['FCG1'], ['FCG101'])).toEqual(ids.filter((id) => id.startsWith('FCG1') && id !== 'FCG101'));
    // An exact id selected inside an ignored family stays on.
    expect(running(['FCG101'], ['transport'])).toEqual(['FCG101']);
    expect(running(['ALL', 'FCG101'], ['FCG1'])).toEqual(['FCG101', ...ids.filter((id) => !id.startsWith('FCG1'))]);
    expect(running(['transport'], ['FCG1'])).toEqual([]);
    // Without a select, any ignore beats the implicit ALL.
    expect(running(undefined, ['FCG2'])).toEqual(ids.filter((id) => !id.startsWith('FCG2')));
  });

  test('a selector that names no rule is a problem, with the nearest valid one', () => {
    expect(selectorProblem('FCG101', METAS)).toBeUndefined();
    expect(selectorProblem('FCG9', METAS)).toMatch(/^"FCG9" names no rule: use a rule id \(FCG101\)/);
    expect(selectorProblem('FCG1011', METAS)).toMatch(/did you mean "FCG101"\?/);
    expect(selectorProblem('transprot', METAS)).toMatch(/did you mean "transport"\?/);
    expect(selectorProblem('XYZ', METAS)).toMatch(/names no rule/);
  });
});

describe('the configuration file: select, ignore, min-severity', () => {
  let base = '';
  beforeAll(() => {
    base = mkdtempSync(path.join(tmpdir(), 'fcg-select-'));
  });
  afterAll(() => rmSync(base, { recursive: true, force: true }));
  let n = 0;
  const repo = (yaml: string): string => {
    const root = path.join(base, `r${n++}`);
    mkdirSync(root);
    writeFileSync(path.join(root, '.flask-crdb-gate.yml'), yaml);
    return root;
  };
  const load = (root: string) => loadConfig({ root, cwd: root, rules: METAS });

  test('read as lists or single selectors', async () => {
    const loaded = await load(repo('select: [FCG1, auth]\nignore: FCG103\nmin-severity: Medium\n'));
    expect(loaded?.config).toMatchObject({ select: ['FCG1', 'auth'], ignore: ['FCG103'], minSeverity: 'medium' });
  });

  test('every bad entry is a problem at its line', async () => {
    const root = repo('select:\n  - FCG1\n  - FCG9\n  - 3\nignore: transprot\nmin-severity: info\n');
    const err = await load(root).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).problems.map((p) => `${p.line}: ${p.message}`)).toEqual([
      expect.stringMatching(/^3: select: "FCG9" names no rule/),
      '4: select must be a rule selector or a list of them; got 3',
      expect.stringMatching(/^5: ignore: "transprot" names no rule \(did you mean "transport"\?\)/),
      '6: min-severity must be one of low, medium, high, critical; got "info"',
    ]);
  });

  const request = (over: Partial<FrontDoorRequest> = {}): FrontDoorRequest => ({
    include: [],
    exclude: [],
    failBelow: undefined,
    minScore: undefined,
    failOnSeverity: undefined,
    gateOn: undefined,
    baseline: undefined,
    cwd: '/work',
    ...over,
  });

  test('precedence: --select starts a new selection, --ignore adds, rules: off stays off, flags win on min-severity', async () => {
    const loaded = await load(repo('select: [FCG1]\nignore: [FCG102]\nmin-severity: medium\nrules:\n  FCG101: off\n'));
    const config = loaded?.config;
    const off = (r: ReturnType<typeof resolveRequest>) =>
      Object.entries(r.analysis?.rules ?? {})
        .filter(([, v]) => v === 'off')
        .map(([k]) => k)
        .sort();
    const fromFile = resolveRequest(request(), config, 'C', METAS);
    expect(ids.filter((id) => !off(fromFile).includes(id))).toEqual(
      ids.filter((id) => id.startsWith('FCG1') && id !== 'FCG101' && id !== 'FCG102'),
    );
    expect(fromFile.minSeverity).toBe('medium');
    // --ignore adds to the file's ignore.
    const more = resolveRequest(request({ ignore: ['FCG103'] }), config, 'C', METAS);
    expect(off(more)).toContain('FCG103');
    expect(off(more)).toContain('FCG102');
    // --select replaces the file's select and ignore; the per-rule off stays.
    const fresh = resolveRequest(request({ select: ['FCG10'], minSeverity: 'low' }), config, 'C', METAS);
    expect(ids.filter((id) => !off(fresh).includes(id))).toEqual(
      ids.filter((id) => id.startsWith('FCG10') && id !== 'FCG101'),
    );
    expect(fresh.minSeverity).toBe('low');
    // Without a file, a flag still makes analysis options.
    const bare = resolveRequest(request({ ignore: ['secrets'] }), undefined, 'C', METAS);
    expect(off(bare)).toEqual(METAS.filter((m) => m.family === 'secrets').map((m) => m.id));
    expect(bare.analysis?.roles).toEqual({ tests: [], development: [], production: [] });
  });
});
