import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/load.js';
import { resolveRequest, type FrontDoorRequest } from '../../src/config/resolve.js';
import { ConfigError, type GateConfig } from '../../src/config/types.js';

const RULES = [
  { id: 'FCG101', name: 'sslmode-disabled' },
  { id: 'FCG103', name: 'sslmode-missing' },
  { id: 'FCG107', name: 'insecure-cluster' },
];

let base = '';
let n = 0;
beforeAll(() => {
  base = mkdtempSync(path.join(tmpdir(), 'fcg-config-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

/** A fresh scanned directory holding the given files; the working directory is its parent. */
function repo(files: Record<string, string>): string {
  const root = path.join(base, `repo${n++}`);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(root, name)), { recursive: true });
    writeFileSync(path.join(root, name), text);
  }
  mkdirSync(root, { recursive: true });
  return root;
}

async function load(root: string, explicit?: string) {
  return loadConfig({ root, explicit, cwd: root, rules: RULES });
}

/** The messages of the ConfigError thrown, as `file:line: message`. */
async function problems(root: string, explicit?: string): Promise<string[]> {
  try {
    await load(root, explicit);
  } catch (e) {
    if (e instanceof ConfigError) return e.problems.map((p) => `${p.file}:${p.line ?? '-'}: ${p.message}`);
    throw e;
  }
  throw new Error('no ConfigError');
}

const FULL_YAML = `# every key
include: ["app/**", "deploy/**"]
exclude: legacy/**
rules:
  FCG101: off
  sslmode-missing: LOW
  insecure-cluster: false
threshold:
  fail-below: b
  min-score: 75.5
  fail-on-severity: critical
  gate-on: new
paths:
  tests: [qa/**]
  development: sandbox
  production: dev/prod-like/**
local-hosts-are-production: true
baseline: ci/baseline.json
`;

describe('loading', () => {
  test('.flask-crdb-gate.yml with every key', async () => {
    const root = repo({ '.flask-crdb-gate.yml': FULL_YAML });
    const loaded = await load(root);
    expect(loaded?.notes).toEqual([]);
    expect(loaded?.config).toEqual({
      file: '.flask-crdb-gate.yml',
      include: ['app/**', 'deploy/**'],
      exclude: ['legacy/**'],
      rules: { FCG101: 'off', FCG103: 'low', FCG107: 'off' },
      threshold: { failBelow: 'B', minScore: 75.5, failOnSeverity: 'critical', gateOn: 'new' },
      paths: { tests: ['qa/**'], development: ['sandbox'], production: ['dev/prod-like/**'] },
      localHostsAreProduction: true,
      baseline: { path: path.join(root, 'ci', 'baseline.json'), shown: 'ci/baseline.json' },
    } satisfies GateConfig);
  });

  test('.yaml works too; an empty file is an empty configuration; no file is none', async () => {
    expect((await load(repo({ '.flask-crdb-gate.yaml': 'rules: { FCG101: high }\n' })))?.config.rules).toEqual({
      FCG101: 'high',
    });
    expect((await load(repo({ '.flask-crdb-gate.yml': '# nothing yet\n' })))?.config).toMatchObject({
      rules: {},
      include: undefined,
      localHostsAreProduction: false,
    });
    expect(await load(repo({ 'app.py': 'x = 1\n' }))).toBeUndefined();
  });

  test('[tool.flask-crdb-gate] in pyproject.toml', async () => {
    const root = repo({
      'pyproject.toml': [
        '[project]',
        'name = "bank"',
        '',
        '[tool.flask-crdb-gate]',
        'exclude = ["migrations/**"]',
        'local-hosts-are-production = true',
        '',
        '[tool.flask-crdb-gate.rules]',
        'FCG101 = "critical"',
        'sslmode-missing = false',
        '',
        '[tool.flask-crdb-gate.threshold]',
        'fail-below = "A"',
        'min-score = 90',
        '',
      ].join('\n'),
    });
    expect((await load(root))?.config).toMatchObject({
      file: 'pyproject.toml',
      exclude: ['migrations/**'],
      localHostsAreProduction: true,
      rules: { FCG101: 'critical', FCG103: 'off' },
      threshold: { failBelow: 'A', minScore: 90 },
    });
  });

  test('a pyproject.toml without our table is no configuration, and is not even parsed', async () => {
    expect(await load(repo({ 'pyproject.toml': '[project]\nname = "x"\n' }))).toBeUndefined();
    expect(await load(repo({ 'pyproject.toml': 'this is = = not toml\n' }))).toBeUndefined();
  });

  test('.flask-crdb-gate.yml wins over pyproject.toml, with a note', async () => {
    const root = repo({
      '.flask-crdb-gate.yml': 'rules: { FCG101: low }\n',
      'pyproject.toml': '[tool.flask-crdb-gate]\nexclude = ["x/**"]\n',
    });
    const loaded = await load(root);
    expect(loaded?.config.rules).toEqual({ FCG101: 'low' });
    expect(loaded?.notes).toEqual([
      'pyproject.toml has a [tool.flask-crdb-gate] table; .flask-crdb-gate.yml is used instead.',
    ]);
  });

  test('--config FILE: YAML, or TOML (pyproject table, or the whole document); paths relative to the file', async () => {
    const root = repo({
      'ci/gate.yml': 'baseline: ../baseline.json\n',
      'ci/gate.toml': 'exclude = "vendor/**"\n[threshold]\ngate-on = "new"\n',
      'ci/pyproject.toml': '[tool.flask-crdb-gate.threshold]\nfail-below = "D"\n',
      '.flask-crdb-gate.yml': 'rules: { FCG101: low }\n',
    });
    expect((await load(root, 'ci/gate.yml'))?.config.baseline).toEqual({
      path: path.join(root, 'baseline.json'),
      shown: '../baseline.json',
    });
    expect((await load(root, 'ci/gate.toml'))?.config).toMatchObject({
      file: 'ci/gate.toml',
      exclude: ['vendor/**'],
      threshold: { gateOn: 'new' },
    });
    expect((await load(root, 'ci/pyproject.toml'))?.config.threshold.failBelow).toBe('D');
    await expect(load(root, 'ci/missing.yml')).rejects.toThrow('config file not found: ci/missing.yml');
    const noTable = repo({ 'pyproject.toml': '[project]\nname = "x"\n' });
    expect(await problems(noTable, 'pyproject.toml')).toEqual(['pyproject.toml:-: no [tool.flask-crdb-gate] table']);
  });
});

describe('malformed configuration: every problem, with its file and line', () => {
  test('unknown keys, with a suggestion when one is close', async () => {
    const root = repo({
      '.flask-crdb-gate.yml': [
        'exlude: [x]',
        'threshold:',
        '  fail_below: C',
        '  failOnSeverity: high',
        '  colour: red',
        'paths:',
        '  test: [qa/**]',
        'verbose: true',
        '',
      ].join('\n'),
    });
    expect(await problems(root)).toEqual([
      '.flask-crdb-gate.yml:1: unknown key "exlude" (did you mean "exclude"?); expected one of: include, exclude, rules, select, ignore, min-severity, threshold, paths, local-hosts-are-production, baseline',
      '.flask-crdb-gate.yml:3: unknown key "fail_below" in threshold (did you mean "fail-below"?); expected one of: fail-below, min-score, fail-on-severity, gate-on',
      '.flask-crdb-gate.yml:4: unknown key "failOnSeverity" in threshold (did you mean "fail-on-severity"?); expected one of: fail-below, min-score, fail-on-severity, gate-on',
      '.flask-crdb-gate.yml:5: unknown key "colour" in threshold; expected one of: fail-below, min-score, fail-on-severity, gate-on',
      '.flask-crdb-gate.yml:7: unknown key "test" in paths (did you mean "tests"?); expected one of: tests, development, production',
      '.flask-crdb-gate.yml:8: unknown key "verbose"; expected one of: include, exclude, rules, select, ignore, min-severity, threshold, paths, local-hosts-are-production, baseline',
    ]);
  });

  test('bad severities, grades, numbers and rule names', async () => {
    const root = repo({
      '.flask-crdb-gate.yml': [
        'rules:',
        '  FCG101: severe',
        '  FCG999: off',
        '  sslmode-disabeld: low',
        '  FCG107: 3',
        'threshold:',
        '  fail-below: E',
        '  min-score: 120',
        '  fail-on-severity: info',
        '  gate-on: changed',
        '',
      ].join('\n'),
    });
    expect(await problems(root)).toEqual([
      '.flask-crdb-gate.yml:2: rules.FCG101 must be one of off, low, medium, high, critical; got "severe"',
      '.flask-crdb-gate.yml:3: unknown rule "FCG999" in rules',
      '.flask-crdb-gate.yml:4: unknown rule "sslmode-disabeld" in rules (did you mean "sslmode-disabled"?)',
      '.flask-crdb-gate.yml:5: rules.FCG107 must be one of off, low, medium, high, critical; got 3',
      '.flask-crdb-gate.yml:7: threshold.fail-below must be one of A, B, C, D, F; got "E"',
      '.flask-crdb-gate.yml:8: threshold.min-score must be a number from 0 to 100; got 120',
      '.flask-crdb-gate.yml:9: threshold.fail-on-severity must be one of low, medium, high, critical; got "info"',
      '.flask-crdb-gate.yml:10: threshold.gate-on must be one of all, new; got "changed"',
    ]);
  });

  test('wrong types', async () => {
    const root = repo({
      '.flask-crdb-gate.yml': [
        'include: { app: yes }',
        'exclude: [legacy/**, 42]',
        'rules: [FCG101]',
        'threshold: C',
        'paths:',
        '  tests: 7',
        'local-hosts-are-production: "yes"',
        'baseline: [a, b]',
        '',
      ].join('\n'),
    });
    expect(await problems(root)).toEqual([
      '.flask-crdb-gate.yml:1: include must be a glob or a list of globs; got a mapping',
      '.flask-crdb-gate.yml:2: exclude must list glob strings; got 42',
      '.flask-crdb-gate.yml:3: rules must be a mapping of keys to values; got a list',
      '.flask-crdb-gate.yml:4: threshold must be a mapping of keys to values; got "C"',
      '.flask-crdb-gate.yml:6: paths.tests must be a glob or a list of globs; got 7',
      '.flask-crdb-gate.yml:7: local-hosts-are-production must be true or false; got "yes"',
      '.flask-crdb-gate.yml:8: baseline must be the path of a baseline file; got a list',
    ]);
    expect(await problems(repo({ '.flask-crdb-gate.yml': '- a\n- b\n' }))).toEqual([
      '.flask-crdb-gate.yml:1: the configuration must be a mapping of keys to values; got a list',
    ]);
  });

  test('the same rule set twice (by id and by name) to different values', async () => {
    const root = repo({ '.flask-crdb-gate.yml': 'rules:\n  FCG101: low\n  sslmode-disabled: high\n' });
    expect(await problems(root)).toEqual([
      '.flask-crdb-gate.yml:3: rules: FCG101 (sslmode-disabled) is already set to low on line 2',
    ]);
  });

  test('YAML syntax errors and duplicate keys; several documents', async () => {
    expect(await problems(repo({ '.flask-crdb-gate.yml': 'rules:\n  FCG101: [low\n' }))).toEqual([
      expect.stringMatching(/^\.flask-crdb-gate\.yml:\d+: YAML: /),
    ]);
    expect(await problems(repo({ '.flask-crdb-gate.yml': 'include: a\ninclude: b\n' }))).toEqual([
      expect.stringMatching(/^\.flask-crdb-gate\.yml:2: YAML: Map keys must be unique/),
    ]);
    expect(await problems(repo({ '.flask-crdb-gate.yml': 'include: a\n---\nexclude: b\n' }))).toEqual([
      '.flask-crdb-gate.yml:-: holds several YAML documents; write one',
    ]);
  });

  test('TOML: syntax errors with their line, bad values with theirs', async () => {
    expect(await problems(repo({ 'pyproject.toml': '[tool.flask-crdb-gate]\nexclude = [\n"a"\nfoo\n' }))).toEqual([
      expect.stringMatching(/^pyproject\.toml:\d+: TOML: /),
    ]);
    const root = repo({
      'pyproject.toml':
        '[project]\nname = "x"\n\n[tool.flask-crdb-gate.threshold]\nfail-below = "Z"\nmin-score = "80"\n',
    });
    expect(await problems(root)).toEqual([
      'pyproject.toml:5: threshold.fail-below must be one of A, B, C, D, F; got "Z"',
      'pyproject.toml:6: threshold.min-score must be a number from 0 to 100; got "80"',
    ]);
  });

  test('both .flask-crdb-gate.yml and .yaml', async () => {
    const root = repo({ '.flask-crdb-gate.yml': 'include: a\n', '.flask-crdb-gate.yaml': 'include: b\n' });
    expect(await problems(root)).toEqual([
      '.flask-crdb-gate.yaml:-: both .flask-crdb-gate.yml and .flask-crdb-gate.yaml exist; keep one',
    ]);
  });

  test('the error message lists every problem, one per line', async () => {
    const root = repo({ '.flask-crdb-gate.yml': 'exlude: x\nverbose: 1\n' });
    await expect(load(root)).rejects.toThrow('invalid configuration:\n  .flask-crdb-gate.yml:1: unknown key "exlude"');
    const one = repo({ '.flask-crdb-gate.yml': 'verbose: 1\n' });
    await expect(load(one)).rejects.toThrow('invalid configuration: .flask-crdb-gate.yml:1: unknown key "verbose"');
  });
});

describe('flags and inputs over the file', () => {
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
  const config: GateConfig = {
    file: '.flask-crdb-gate.yml',
    include: ['app/**'],
    exclude: ['legacy/**'],
    rules: { FCG101: 'low' },
    threshold: { failBelow: 'B', minScore: 70, failOnSeverity: undefined, gateOn: 'new' },
    paths: { tests: ['qa/**'], development: [], production: [] },
    localHostsAreProduction: true,
    baseline: { path: '/repo/b.json', shown: 'b.json' },
  };

  test('without a file: the defaults', () => {
    expect(resolveRequest(request(), undefined, 'C')).toEqual({
      include: [],
      exclude: [],
      threshold: { failBelow: 'C', minScore: undefined, failOnSeverity: undefined },
      gateOn: 'all',
      analysis: undefined,
      baseline: undefined,
    });
  });

  test('the file fills what the flags leave unset', () => {
    expect(resolveRequest(request(), config, 'C')).toEqual({
      include: ['app/**'],
      exclude: ['legacy/**'],
      threshold: { failBelow: 'B', minScore: 70, failOnSeverity: undefined },
      gateOn: 'new',
      analysis: { rules: { FCG101: 'low' }, roles: config.paths, localHostsAreProduction: true },
      baseline: { path: '/repo/b.json', shown: 'b.json' },
    });
  });

  test('flags win part by part; include replaces, exclude adds; --baseline is relative to the working directory', () => {
    const r = resolveRequest(
      request({
        include: ['src/**'],
        exclude: ['x/**'],
        minScore: 90,
        failOnSeverity: 'high',
        gateOn: 'all',
        baseline: 'other.json',
      }),
      config,
      'C',
    );
    expect(r).toMatchObject({
      include: ['src/**'],
      exclude: ['legacy/**', 'x/**'],
      threshold: { failBelow: 'B', minScore: 90, failOnSeverity: 'high' },
      gateOn: 'all',
      baseline: { path: '/work/other.json', shown: 'other.json' },
    });
  });
});
