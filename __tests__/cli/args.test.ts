import { describe, expect, test } from '@jest/globals';
import { parseCliArgs } from '../../src/cli/args.js';
import { UsageError } from '../../src/cli/errors.js';

describe('parseCliArgs', () => {
  test('scan with no options: PATH ".", text, no threshold part given (the config or the default C decides)', () => {
    expect(parseCliArgs(['scan'])).toStrictEqual({
      command: 'scan',
      paths: ['.'],
      stdinFilename: undefined,
      format: 'text',
      output: undefined,
      threshold: { failBelow: undefined, minScore: undefined, failOnSeverity: undefined },
      include: [],
      exclude: [],
      select: undefined,
      ignore: [],
      minSeverity: undefined,
      quiet: false,
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
    ).toMatchObject({ command: 'scan', paths: ['repo'], config: 'ci/gate.yml', baseline: 'b.json', gateOn: 'new' });
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
        '--select',
        'FCG1,auth',
        '--select',
        'FCG501',
        '--ignore',
        'FCG103',
        '--min-severity',
        'Medium',
        '-q',
      ]),
    ).toEqual({
      command: 'scan',
      paths: ['repo'],
      stdinFilename: undefined,
      select: ['FCG1', 'auth', 'FCG501'],
      ignore: ['FCG103'],
      minSeverity: 'medium',
      quiet: true,
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
    expect(parseCliArgs(['scan', '-h'])).toEqual({ command: 'help', topic: 'scan' });
    expect(parseCliArgs(['rules', '--help'])).toEqual({ command: 'help', topic: 'rules' });
    expect(parseCliArgs(['baseline', '--format', 'x', '--help'])).toEqual({ command: 'help', topic: 'baseline' });
    expect(parseCliArgs(['--version'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['-V'])).toEqual({ command: 'version' });
    expect(parseCliArgs(['scan', 'x', '--version'])).toEqual({ command: 'version' });
  });

  test.each([
    [[], /missing command/],
    [['lint'], /unknown command "lint"; commands: scan, baseline, rules, rule/],
    [['scna'], /unknown command "scna" \(did you mean "scan"\?\)/],
    [['baseline', 'a', 'b'], /baseline takes one PATH/],
    [['baseline', '--format', 'json'], /--format is an option of scan and rules, not of baseline/],
    [['rules', '--fail-below', 'B'], /--fail-below is an option of scan, not of rules/],
    [['rules', 'x'], /rules takes no argument/],
    [['rule'], /rule takes one rule id or name/],
    [['rule', 'a', 'b'], /rule takes one rule id or name/],
    [['baseline', '--baseline', 'b.json'], /--baseline is an option of scan, not of baseline/],
    [['baseline', '--fail-below', 'B'], /--fail-below is an option of scan, not of baseline/],
    [['scan', '--gate-on', 'changed'], /--gate-on must be one of all, new; got "changed"/],
    [['scan', '--config', ''], /--config needs a file name/],
    [['scan', '--baseline', ''], /--baseline needs a file name/],
    [['scan', '-', 'b'], /cannot be mixed with other paths/],
    [['scan', '-'], /needs --stdin-filename NAME/],
    [['scan', 'app.py', '--stdin-filename', 'x.py'], /--stdin-filename names standard input: pass - as PATH/],
    [
      ['scan', '--format', 'xml'],
      /--format must be one of text, concise, json, sarif, markdown, github, junit, gitlab, rdjson; got "xml"$/,
    ],
    [['scan', '--format', 'jsno'], /got "jsno" \(did you mean json\?\)/],
    [
      ['scan', '--min-severity', 'hgih'],
      /--min-severity must be one of low, medium, high, critical; got "hgih" \(did you mean high\?\)/,
    ],
    [['scan', '--fail-below', 'E'], /--fail-below must be one of A, B, C, D, F; got "E"/],
    [['scan', '--min-score', 'abc'], /--min-score must be a number from 0 to 100/],
    [['scan', '--min-score', '101'], /--min-score must be a number from 0 to 100/],
    [['scan', '--min-score', ''], /--min-score must be a number from 0 to 100/],
    [['scan', '--fail-on-severity', 'info'], /--fail-on-severity must be one of low, medium, high, critical/],
    [['scan', '--configs', 'x.yml'], /^unknown option '--configs' \(did you mean --config\?\)$/],
    [['scan', '--exlude', 'x/**'], /^unknown option '--exlude' \(did you mean --exclude\?\)$/],
    [['scan', '--colour'], /^unknown option '--colour'$/],
    [['scan', '-x'], /^unknown option '-x'$/],
    [['--verison'], /^unknown option '--verison' \(did you mean --version\?\)$/],
    [['scan', '--format'], /argument missing/],
    [['scan', '--output', ''], /--output needs a file name/],
  ])('%j is a usage error', (argv, message) => {
    expect(() => parseCliArgs(argv)).toThrow(UsageError);
    expect(() => parseCliArgs(argv)).toThrow(message);
  });
});

describe('paths, standard input and the rule commands', () => {
  test('any number of files and directories; - with --stdin-filename', () => {
    expect(parseCliArgs(['scan', 'app.py', 'deploy/', 'a b.yml'])).toMatchObject({
      paths: ['app.py', 'deploy/', 'a b.yml'],
    });
    expect(parseCliArgs(['scan', '-', '--stdin-filename', 'app/config.py'])).toMatchObject({
      paths: ['-'],
      stdinFilename: 'app/config.py',
    });
    // A value of an option is not the command: --config scan.yml scan.
    expect(parseCliArgs(['--config', 'scan.yml', 'scan', 'x'])).toMatchObject({ command: 'scan', paths: ['x'] });
  });

  test('rules and rule', () => {
    expect(parseCliArgs(['rules'])).toEqual({ command: 'rules', format: 'text' });
    expect(parseCliArgs(['rules', '-f', 'JSON'])).toEqual({ command: 'rules', format: 'json' });
    expect(parseCliArgs(['rule', 'fcg101'])).toEqual({ command: 'rule', rule: 'fcg101' });
    expect(() => parseCliArgs(['rules', '--format', 'sarif'])).toThrow(/--format must be one of text, json/);
  });
});
