import { describe, expect, test } from '@jest/globals';
import { parseCliArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';

describe('parseCliArgs', () => {
  test('scan with no options: PATH ".", text, no threshold part given (the config or the default C decides)', () => {
    expect(parseCliArgs(['scan'])).toStrictEqual({
      command: 'scan',
      path: '.',
      format: 'text',
      output: undefined,
      threshold: { failBelow: undefined, minScore: undefined, failOnSeverity: undefined },
      include: [],
      exclude: [],
      exitZero: false,
      noColor: false,
      config: undefined,
      baseline: undefined,
      gateOn: undefined,
      allowEmpty: false,
      sarifCategory: undefined,
      timing: false,
    });
  });

  test('scan --config, --baseline and --gate-on', () => {
    expect(
      parseCliArgs(['scan', 'repo', '--config', 'ci/gate.yml', '--baseline', 'b.json', '--gate-on', 'NEW']),
    ).toMatchObject({ command: 'scan', path: 'repo', config: 'ci/gate.yml', baseline: 'b.json', gateOn: 'new' });
  });

  test('baseline [PATH] with --output, --config, --include and --exclude', () => {
    expect(parseCliArgs(['baseline'])).toStrictEqual({
      command: 'baseline',
      path: '.',
      output: undefined,
      include: [],
      exclude: [],
      config: undefined,
      allowEmpty: false,
    });
    expect(
      parseCliArgs([
        'baseline',
        'repo',
        '-o',
        'b.json',
        '--config',
        'c.yml',
        '--include',
        'app/**',
        '--exclude',
        'x/**',
        '--allow-empty',
      ]),
    ).toStrictEqual({
      command: 'baseline',
      path: 'repo',
      output: 'b.json',
      include: ['app/**'],
      exclude: ['x/**'],
      config: 'c.yml',
      allowEmpty: true,
    });
  });

  test('every option of the contract', () => {
    expect(
      parseCliArgs([
        'scan',
        'repo',
        '--format',
        'sarif',
        '--output',
        'out/r.sarif',
        '--fail-below',
        'b',
        '--min-score',
        '72.5',
        '--fail-on-severity',
        'HIGH',
        '--include',
        'app/**',
        '--include',
        '*.yml',
        '--exclude',
        'tests/**',
        '--exit-zero',
        '--no-color',
        '--allow-empty',
        '--sarif-category',
        'api',
        '--timing',
      ]),
    ).toEqual({
      command: 'scan',
      path: 'repo',
      format: 'sarif',
      output: 'out/r.sarif',
      threshold: { failBelow: 'B', minScore: 72.5, failOnSeverity: 'high' },
      include: ['app/**', '*.yml'],
      exclude: ['tests/**'],
      exitZero: true,
      noColor: true,
      allowEmpty: true,
      sarifCategory: 'api',
      timing: true,
    });
    expect(parseCliArgs(['scan', '-f', 'json', '-o', 'r.json', '--format=markdown'])).toMatchObject({
      format: 'markdown',
      output: 'r.json',
    });
  });

  test('help and version win over everything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['scan', '-h'])).toEqual({ command: 'help' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['-V'])).toEqual({ command: 'version' });
  });

  test.each([
    [[], /missing command/],
    [['lint'], /unknown command "lint" \(try "scan" or "baseline"\)/],
    [['baseline', 'a', 'b'], /baseline takes one PATH/],
    [['baseline', '--format', 'json'], /--format is an option of scan, not of baseline/],
    [['baseline', '--baseline', 'b.json'], /--baseline is an option of scan, not of baseline/],
    [['baseline', '--fail-below', 'B'], /--fail-below is an option of scan, not of baseline/],
    [['scan', '--gate-on', 'changed'], /--gate-on must be one of all, new; got "changed"/],
    [['scan', '--config', ''], /--config needs a file name/],
    [['scan', '--baseline', ''], /--baseline needs a file name/],
    [['scan', 'a', 'b'], /one PATH/],
    [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, markdown; got "xml"/],
    [['scan', '--fail-below', 'E'], /--fail-below must be one of A, B, C, D, F; got "E"/],
    [['scan', '--min-score', 'abc'], /--min-score must be a number from 0 to 100/],
    [['scan', '--min-score', '101'], /--min-score must be a number from 0 to 100/],
    [['scan', '--min-score', ''], /--min-score must be a number from 0 to 100/],
    [['scan', '--fail-on-severity', 'info'], /--fail-on-severity must be one of low, medium, high, critical/],
    [['scan', '--configs', 'x.yml'], /Unknown option '--configs'/],
    [['scan', '--format'], /argument missing/],
    [['scan', '--output', ''], /--output needs a file name/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
