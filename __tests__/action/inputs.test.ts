import { afterEach, describe, expect, it } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { DEFAULTS, InputError, inertInputNotes, readInputs, splitList } from '../../src/action/inputs.js';

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

  it('rejects a min-score that only looks numeric to Number()', () => {
    inputs({ 'min-score': '0x50' });
    expect(() => readInputs()).toThrow('min-score must be a number from 0 to 100; got "0x50".');
  });
});
