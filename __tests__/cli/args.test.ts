import { describe, expect, test } from '@jest/globals';
import { parseCliArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';

describe('parseCliArgs', () => {
  test('scan with no options: PATH ".", text, fail below C', () => {
    expect(parseCliArgs(['scan'])).toEqual({
      command: 'scan',
      path: '.',
      format: 'text',
      output: undefined,
      threshold: { failBelow: 'C', minScore: undefined, failOnSeverity: undefined },
      include: [],
      exclude: [],
      exitZero: false,
      noColor: false,
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
    [['baseline'], /unknown command "baseline"/],
    [['scan', 'a', 'b'], /one PATH/],
    [['scan', '--format', 'xml'], /--format must be one of text, json, sarif, markdown; got "xml"/],
    [['scan', '--fail-below', 'E'], /--fail-below must be one of A, B, C, D, F; got "E"/],
    [['scan', '--min-score', 'abc'], /--min-score must be a number from 0 to 100/],
    [['scan', '--min-score', '101'], /--min-score must be a number from 0 to 100/],
    [['scan', '--min-score', ''], /--min-score must be a number from 0 to 100/],
    [['scan', '--fail-on-severity', 'info'], /--fail-on-severity must be one of low, medium, high, critical/],
    [['scan', '--config', 'x.yml'], /Unknown option '--config'/],
    [['scan', '--baseline', 'b.json'], /Unknown option '--baseline'/],
    [['scan', '--format'], /argument missing/],
    [['scan', '--output', ''], /--output needs a file name/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});
