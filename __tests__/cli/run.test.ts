import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/cli/run.js';
import type { ScanOptions } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/engine/result.js';
import { buildReport, finding } from '../helpers/report-builder.js';

interface Captured {
  code: number;
  stdout: string;
  stderr: string;
  calls: ScanOptions[];
}

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcg-cli-'));
  await mkdir(join(dir, 'repo'));
  await writeFile(join(dir, 'a-file.txt'), 'not a directory');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI in-process against a fake engine that grades the given findings. */
async function cli(
  argv: string[],
  options: { report?: Partial<Parameters<typeof buildReport>[0]>; io?: Partial<CliIo> } = {},
): Promise<Captured> {
  const out: Captured = { code: -1, stdout: '', stderr: '', calls: [] };
  const scan = async (opts: ScanOptions): Promise<ScanReport> => {
    out.calls.push(opts);
    return buildReport({ ...options.report, threshold: opts.threshold, root: opts.root });
  };
  out.code = await runCli(argv, {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    cwd: dir,
    env: {},
    scan,
    ...options.io,
  });
  return out;
}

// A medium-confidence high finding: 100 - 20 x 0.6 = 88, capped at C (grading v2).
const ONE_HIGH = { findings: [finding({ severity: 'high', confidence: 'medium' })] };
// A confident critical: score 60, capped at F.
const ONE_CRITICAL = { findings: [finding({ severity: 'critical' })] };

describe('runCli', () => {
  test('--help and --version print to stdout and exit 0 without scanning', async () => {
    const help = await cli(['--help']);
    expect(help).toMatchObject({ code: 0, stderr: '', calls: [] });
    expect(help.stdout).toContain('Usage: flask-crdb-gate scan [PATH...] [options]');
    for (const flag of [
      '--format',
      '--output',
      '--fail-below',
      '--min-score',
      '--fail-on-severity',
      '--include',
      '--exclude',
      '--exit-zero',
      '--no-color',
      '--config',
      '--baseline',
      '--gate-on',
    ])
      expect(help.stdout).toContain(flag);
    expect(help.stdout).toContain('flask-crdb-gate baseline [PATH] [--output FILE]');
    const version = await cli(['--version']);
    expect(version).toMatchObject({ code: 0, stdout: 'flask-crdb-gate 0.1.0\n', calls: [] });
  });

  test('exit 0 when the threshold holds, 1 below it, 0 with --exit-zero', async () => {
    expect((await cli(['scan', 'repo'], { report: ONE_HIGH })).code).toBe(0);
    const failed = await cli(['scan', 'repo'], { report: ONE_CRITICAL });
    expect(failed.code).toBe(1);
    expect(failed.stdout).toContain('FAILED');
    expect(failed.stderr).toBe('');
    expect((await cli(['scan', 'repo', '--exit-zero'], { report: ONE_CRITICAL })).code).toBe(0);
    expect((await cli(['scan', 'repo', '--fail-below', 'B'], { report: ONE_HIGH })).code).toBe(1);
    expect((await cli(['scan', 'repo', '--fail-below', 'F'], { report: ONE_CRITICAL })).code).toBe(0);
    expect((await cli(['scan', 'repo', '--min-score', '89'], { report: ONE_HIGH })).code).toBe(1);
    expect((await cli(['scan', 'repo', '--fail-on-severity', 'high'], { report: ONE_HIGH })).code).toBe(1);
    expect((await cli(['scan', 'repo', '--fail-on-severity', 'critical'], { report: ONE_HIGH })).code).toBe(0);
  });

  test('hands the engine the resolved root, the threshold and the globs', async () => {
    const run = await cli([
      'scan',
      'repo',
      '--min-score',
      '75',
      '--include',
      'app/**',
      '--exclude',
      'x/**',
      '--exclude',
      'y/**',
    ]);
    expect(run.calls).toEqual([
      {
        root: join(dir, 'repo'),
        threshold: { failBelow: 'C', minScore: 75, failOnSeverity: undefined },
        include: ['app/**'],
        exclude: ['x/**', 'y/**'],
      },
    ]);
    const plain = await cli(['scan'], { io: { cwd: join(dir, 'repo') } });
    expect(plain.calls[0]).toEqual({
      root: join(dir, 'repo'),
      threshold: { failBelow: 'C', minScore: undefined, failOnSeverity: undefined },
    });
  });

  test.each([
    ['json', (s: string) => expect(JSON.parse(s)).toMatchObject({ grade: 'C', score: 88, passed: true })],
    ['sarif', (s: string) => expect(JSON.parse(s)).toMatchObject({ version: '2.1.0' })],
    ['markdown', (s: string) => expect(s).toMatch(/^## ✅ flask-crdb-gate: grade C/)],
    ['text', (s: string) => expect(s).toContain('Grade C  score 88/100  PASSED')],
  ])('--format %s prints that report to stdout', async (format, check) => {
    const run = await cli(['scan', 'repo', '--format', format], { report: ONE_HIGH });
    expect(run.code).toBe(0);
    check(run.stdout);
  });

  test('text is coloured only on a terminal, without NO_COLOR or --no-color', async () => {
    const ESC = '\u001b[';
    expect((await cli(['scan', 'repo'], { report: ONE_HIGH })).stdout).not.toContain(ESC);
    expect((await cli(['scan', 'repo'], { report: ONE_HIGH, io: { isTTY: true } })).stdout).toContain(ESC);
    expect((await cli(['scan', 'repo', '--no-color'], { report: ONE_HIGH, io: { isTTY: true } })).stdout).not.toContain(
      ESC,
    );
    expect(
      (await cli(['scan', 'repo'], { report: ONE_HIGH, io: { isTTY: true, env: { NO_COLOR: '1' } } })).stdout,
    ).not.toContain(ESC);
    // NO_COLOR counts only when non-empty (no-color.org).
    expect(
      (await cli(['scan', 'repo'], { report: ONE_HIGH, io: { isTTY: true, env: { NO_COLOR: '' } } })).stdout,
    ).toContain(ESC);
  });

  test('--output writes the report (creating folders) and prints a one-line verdict', async () => {
    const run = await cli(['scan', 'repo', '--format', 'sarif', '--output', 'out/deep/report.sarif'], {
      report: ONE_CRITICAL,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe(
      'Failed: grade F, score 60/100, 1 finding; grade F is below the threshold C. Report (sarif) written to out/deep/report.sarif.\n',
    );
    const sarif = JSON.parse(await readFile(join(dir, 'out/deep/report.sarif'), 'utf8')) as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0]?.results).toHaveLength(1);
    // Text written to a file never carries colour, even from a terminal.
    const text = await cli(['scan', 'repo', '-o', 'out/report.txt'], { report: ONE_HIGH, io: { isTTY: true } });
    expect(text.stdout).toBe('Passed: grade C, score 88/100, 1 finding. Report (text) written to out/report.txt.\n');
    expect(await readFile(join(dir, 'out/report.txt'), 'utf8')).not.toContain('\u001b[');
  });

  test.each([
    [['scan', '--configs', 'c.yml'], "flask-crdb-gate: unknown option '--configs' (did you mean --config?)"],
    [['scan', '--format', 'xml'], 'flask-crdb-gate: --format must be one of'],
    [['lint'], 'flask-crdb-gate: unknown command "lint"'],
    [[], 'flask-crdb-gate: missing command'],
  ])('usage error %j: exit 2, message and hint on stderr, nothing on stdout', async (argv, message) => {
    const run = await cli(argv);
    expect(run).toMatchObject({ code: 2, stdout: '', calls: [] });
    expect(run.stderr.slice(0, message.length)).toBe(message);
    expect(run.stderr).toContain("Run 'flask-crdb-gate --help' for usage.");
  });

  test('a missing PATH, an engine failure and an unwritable output exit 2', async () => {
    const missing = await cli(['scan', 'no/such/dir']);
    expect(missing).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'flask-crdb-gate: no such file or directory: no/such/dir\n',
      calls: [],
    });
    const broken = await cli(['scan', 'repo'], {
      io: { scan: () => Promise.reject(new Error('grammar failed to load')) },
    });
    expect(broken).toMatchObject({ code: 2, stdout: '', stderr: 'flask-crdb-gate: grammar failed to load\n' });
    const unwritable = await cli(['scan', 'repo', '--output', 'a-file.txt/report.json'], { report: ONE_HIGH });
    expect(unwritable.code).toBe(2);
    expect(unwritable.stderr).toMatch(/^flask-crdb-gate: .*a-file\.txt/);
  });

  test('--exit-zero does not hide errors', async () => {
    expect((await cli(['scan', 'no/such/dir', '--exit-zero'])).code).toBe(2);
  });
});
