import { afterEach, describe, expect, it } from '@jest/globals';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { DEFAULTS, InputError, globInputs, inertInputNotes, readInputs, splitList } from '../../src/action/inputs.js';
import { frontDoorOptions } from '../../src/config/front-door.js';
import { scan } from '../../src/engine/scan.js';

interface ActionYml {
  inputs: Record<string, { default?: string }>;
}
const actionYml = parse(readFileSync(new URL('../../action.yml', import.meta.url), 'utf8')) as ActionYml;

const set: string[] = [];
function inputs(values: Record<string, string>): void {
  for (const [name, value] of Object.entries(values)) {
    const key = `INPUT_${name.replace(/ /g, '_').toUpperCase()}`;
    process.env[key] = value;
    set.push(key);
  }
}
afterEach(() => {
  for (const key of set.splice(0)) delete process.env[key];
});

describe('splitList', () => {
  it('splits on newlines and on commas outside braces', () => {
    expect(splitList('src/**/*.py, config/*.{yml,yaml}\n\n  tests/**  \r\nDockerfile,')).toEqual([
      'src/**/*.py',
      'config/*.{yml,yaml}',
      'tests/**',
      'Dockerfile',
    ]);
    expect(splitList('')).toEqual([]);
  });

  it('drops comment lines before commas split them', () => {
    expect(splitList('# scan app, not the tests\napp/**\n  # legacy, too\n!app/legacy/**')).toEqual([
      'app/**',
      '!app/legacy/**',
    ]);
    // A `#` inside a glob is no comment.
    expect(splitList('app/#drafts/**')).toEqual(['app/#drafts/**']);
  });
});

describe('globInputs', () => {
  it('turns `!` globs of include into exclude globs, wherever they stand', () => {
    expect(globInputs('!app/legacy/**\napp/**\n! app/vendor/**, config/*.{yml,yaml}', 'tests/**')).toEqual({
      include: ['app/**', 'config/*.{yml,yaml}'],
      exclude: ['app/legacy/**', 'app/vendor/**', 'tests/**'],
      problems: [],
    });
    // Only negations: everything is scanned but what they name.
    expect(globInputs('!tests/**', '')).toEqual({ include: [], exclude: ['tests/**'], problems: [] });
  });

  it('refuses a `!` glob in exclude and a bare `!`, rather than ignoring them', () => {
    expect(globInputs('app/**\n!', 'tests/**\n!tests/integration/**').problems).toEqual([
      'include has a `!` with no glob after it.',
      'exclude cannot take files back ("!tests/integration/**"): an excluded file stays excluded; narrow the exclude glob, or list what to scan in include with `!` lines for what to leave out.',
    ]);
  });
});

describe('action.yml', () => {
  it('declares the inputs the README documents, with the defaults readInputs falls back to', () => {
    expect(Object.keys(actionYml.inputs)).toEqual([
      'path',
      'include',
      'exclude',
      'fail-below',
      'min-score',
      'fail-on-severity',
      'fail-on-new',
      'annotate',
      'check-run',
      'check-name',
      'sarif-file',
      'sarif-category',
      'config',
      'baseline',
      'write-baseline',
      'allow-empty',
      'token',
    ]);
    const defaults = Object.fromEntries(Object.entries(actionYml.inputs).map(([k, v]) => [k, v.default]));
    expect(defaults).toEqual({
      path: DEFAULTS.path,
      include: '',
      exclude: '',
      // Empty: the config file's fail-below applies, else DEFAULTS.failBelow (src/config/resolve.ts).
      'fail-below': '',
      'min-score': '',
      'fail-on-severity': '',
      'fail-on-new': '',
      annotate: DEFAULTS.annotate,
      'check-run': String(DEFAULTS.checkRun),
      'check-name': DEFAULTS.checkName,
      'sarif-file': DEFAULTS.sarifFile,
      'sarif-category': '',
      config: '',
      baseline: '',
      'write-baseline': '',
      'allow-empty': String(DEFAULTS.allowEmpty),
      token: '${{ github.token }}',
    });
  });
});

describe('readInputs', () => {
  it('falls back to the action.yml defaults when the runner passes nothing', () => {
    expect(readInputs()).toEqual({
      path: '.',
      include: [],
      exclude: [],
      threshold: { failBelow: undefined, minScore: undefined, failOnSeverity: undefined },
      annotate: 'added',
      failOnNew: undefined,
      checkRun: true,
      checkName: 'flask-crdb-gate',
      sarifFile: 'flask-crdb-gate.sarif',
      config: undefined,
      baseline: undefined,
      writeBaseline: undefined,
      token: undefined,
      allowEmpty: false,
      sarifCategory: undefined,
    });
  });

  it('reads every input, case-insensitively where it is a keyword', () => {
    inputs({
      path: 'examples/app',
      include: '**/*.py\n**/*.yml',
      exclude: 'tests/**, migrations/**',
      'fail-below': 'b',
      'min-score': '85.5',
      'fail-on-severity': 'HIGH',
      'fail-on-new': 'Medium',
      annotate: 'None',
      'check-run': 'False',
      'check-name': 'security',
      'sarif-file': 'out/x.sarif',
      config: '.flask-crdb-gate.yml',
      baseline: 'baseline.json',
      'write-baseline': 'out/baseline.json',
      token: 'ghs_x',
    });
    const got = readInputs();
    expect(got).toMatchObject({
      path: 'examples/app',
      include: ['**/*.py', '**/*.yml'],
      exclude: ['tests/**', 'migrations/**'],
      threshold: { failBelow: 'B', minScore: 85.5, failOnSeverity: 'high' },
      annotate: 'none',
      failOnNew: 'medium',
      checkRun: false,
      checkName: 'security',
      sarifFile: 'out/x.sarif',
      config: '.flask-crdb-gate.yml',
      baseline: 'baseline.json',
      writeBaseline: 'out/baseline.json',
    });
    // Configuration and baselines take effect.
    expect(inertInputNotes(got, 'push')).toEqual([]);
  });

  it('has nothing to say about the pull-request inputs, which take effect', () => {
    inputs({ annotate: 'file', 'check-run': 'false', 'check-name': 'gate', 'fail-on-new': 'high' });
    expect(inertInputNotes(readInputs(), 'pull_request')).toEqual([]);
  });

  it('names every bad input in one error', () => {
    inputs({
      'fail-below': 'E',
      'min-score': '101',
      'fail-on-severity': 'severe',
      'fail-on-new': 'new',
      annotate: 'all',
      'check-run': 'yes',
    });
    let error: unknown;
    try {
      readInputs();
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([
      'fail-below must be one of A, B, C, D, F (F never fails on the grade); got "E".',
      'min-score must be a number from 0 to 100; got "101".',
      'fail-on-severity must be one of low, medium, high, critical; got "severe".',
      'fail-on-new must be one of low, medium, high, critical; got "new".',
      'annotate must be one of added, diff_context, file, nofilter, none; got "all".',
      'check-run must be true or false; got "yes".',
    ]);
  });

  it('reads `!` lines of a multi-line include as excludes, and the scan leaves their files out', async () => {
    const root = mkdtempSync(path.join(tmpdir(), 'fcg-inputs-negation-'));
    try {
      const secret = 'SECRET_KEY = "a-literal-flask-secret-for-the-test"\n';
      for (const rel of ['app/settings.py', 'app/legacy/settings.py', 'tools/settings.py']) {
        mkdirSync(path.dirname(path.join(root, rel)), { recursive: true });
        writeFileSync(path.join(root, rel), secret);
      }
      inputs({ include: '# the application only\napp/**\n!app/legacy/**', exclude: '' });
      const got = readInputs();
      expect(got.include).toEqual(['app/**']);
      expect(got.exclude).toEqual(['app/legacy/**']);
      const { options } = await frontDoorOptions({
        root,
        config: undefined,
        request: {
          ...got.threshold,
          include: got.include,
          exclude: got.exclude,
          gateOn: undefined,
          baseline: undefined,
          cwd: root,
          confine: root,
        },
        defaultFailBelow: DEFAULTS.failBelow,
        applyBaseline: true,
      });
      const report = await scan(options);
      expect(report.filesScanned).toBe(1);
      expect([...new Set(report.findings.map((f) => f.path))]).toEqual(['app/settings.py']);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });

  it('names a `!` glob in exclude as a bad input', () => {
    inputs({ exclude: 'tests/**\n!tests/integration/**' });
    expect(() => readInputs()).toThrow('exclude cannot take files back ("!tests/integration/**")');
  });

  it('rejects a min-score that only looks numeric to Number()', () => {
    inputs({ 'min-score': '0x50' });
    expect(() => readInputs()).toThrow('min-score must be a number from 0 to 100; got "0x50".');
  });
});
