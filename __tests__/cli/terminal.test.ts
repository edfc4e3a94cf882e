/**
 * What a person sees in a terminal (or a CI log): progress on stderr only when it is a terminal,
 * colour (FORCE_COLOR, NO_COLOR, --no-color), --quiet, text wrapped to the width, concise lines
 * whose paths open from the working directory, and the paths and stdin scan takes. The CLI runs
 * in-process with fake stdio and a fake engine that reports progress as the real one does.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli, type CliIo } from '../../src/cli/run.js';
import type { ScanOptions } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/engine/result.js';
import type { Finding } from '../../src/core/types.js';
import { buildReport, finding } from '../helpers/report-builder.js';

let dir = '';
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'fcg-terminal-'));
  await mkdir(join(dir, 'repo/app'), { recursive: true });
  await writeFile(join(dir, 'repo/app/config.py'), 'x = 1\n');
  await writeFile(join(dir, 'repo/.env'), 'A=1\n');
  await mkdir(join(dir, 'other'));
  await writeFile(join(dir, 'other/settings.py'), 'x = 1\n');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
  calls: ScanOptions[];
}

const LONG =
  'sslmode=disable sends queries, data and the password in plaintext to db.prod.example.com, where anyone on the path can read and change them; use verify-full with sslrootcert.';

async function cli(
  argv: string[],
  io: Partial<CliIo> = {},
  findings: readonly Finding[] = [finding({ severity: 'high', message: LONG })],
): Promise<Run> {
  const out: Run = { code: -1, stdout: '', stderr: '', calls: [] };
  const scan = async (opts: ScanOptions): Promise<ScanReport> => {
    out.calls.push(opts);
    // As the engine does: one call per file done.
    for (let i = 1; i <= 3; i++) opts.onProgress?.(i, 3);
    return buildReport({ findings, threshold: opts.threshold, root: opts.root, filesScanned: 3 });
  };
  out.code = await runCli(argv, {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    cwd: dir,
    env: {},
    scan,
    ...io,
  });
  return out;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*[A-Za-z]/g;

describe('progress', () => {
  test('on a terminal: drawn on stderr in place, then erased before the report', async () => {
    let t = 0;
    const run = await cli(['scan', 'repo'], { stderrIsTTY: true, now: () => new Date((t += 500)) });
    expect(run.stderr).toBe(
      '\r\u001b[KScanning 1/3 files\r\u001b[KScanning 2/3 files\r\u001b[KScanning 3/3 files\r\u001b[K',
    );
    expect(run.stdout).not.toContain('Scanning');
  });

  test('redraws closer than 100 ms apart are skipped, the last one is not', async () => {
    const run = await cli(['scan', 'repo'], { stderrIsTTY: true, now: () => new Date(1000) });
    expect(run.stderr).toBe('\r\u001b[KScanning 1/3 files\r\u001b[KScanning 3/3 files\r\u001b[K');
  });

  test('nothing when stderr is not a terminal, or with --quiet', async () => {
    expect((await cli(['scan', 'repo'])).stderr).toBe('');
    expect((await cli(['scan', 'repo'], { isTTY: true })).stderr).toBe('');
    expect((await cli(['scan', 'repo', '-q'], { stderrIsTTY: true })).stderr).toBe('');
  });
});

describe('colour', () => {
  test.each([
    ['a terminal', { isTTY: true }, [], true],
    ['a pipe', {}, [], false],
    ['a pipe with FORCE_COLOR=1 (an Actions log)', { env: { FORCE_COLOR: '1' } }, [], true],
    ['a pipe with FORCE_COLOR=true', { env: { FORCE_COLOR: 'true' } }, [], true],
    ['a terminal with FORCE_COLOR=0', { isTTY: true, env: { FORCE_COLOR: '0' } }, [], false],
    ['a terminal with NO_COLOR=1', { isTTY: true, env: { NO_COLOR: '1' } }, [], false],
    ['FORCE_COLOR over NO_COLOR', { env: { FORCE_COLOR: '1', NO_COLOR: '1' } }, [], true],
    ['--no-color over FORCE_COLOR', { env: { FORCE_COLOR: '1' } }, ['--no-color'], false],
  ] as [string, Partial<CliIo>, string[], boolean][])('%s', async (_name, io, flags, coloured) => {
    for (const format of ['text', 'concise']) {
      const run = await cli(['scan', 'repo', '-f', format, ...flags], io);
      expect(ANSI.test(run.stdout)).toBe(coloured);
      ANSI.lastIndex = 0;
    }
    // Machine formats never carry colour.
    const json = await cli(['scan', 'repo', '-f', 'json', ...flags], io);
    expect(json.stdout).not.toMatch(ANSI);
  });
});

describe('--quiet', () => {
  test('text: the findings only; no score block', async () => {
    const run = await cli(['scan', 'repo', '--quiet']);
    expect(run.stdout).toBe(`app/config.py\n  10:5  HIGH      high conf.    FCG101 sslmode-disabled  ${LONG}\n`);
    // Quiet changes what is printed, not the verdict: one confident high finding caps at D (model
    // v2), below the default threshold C.
    expect(run.code).toBe(1);
  });

  test('concise: no closing line; nothing at all without findings; exit code unchanged', async () => {
    const run = await cli(['scan', 'repo', '-f', 'concise', '-q']);
    expect(run.stdout).toBe(`repo/app/config.py:10:5: FCG101 ${LONG}\n`);
    const none = await cli(['scan', 'repo', '-f', 'concise', '-q'], {}, []);
    expect(none.stdout).toBe('');
    const failing = await cli(['scan', 'repo', '-q', '--fail-below', 'A']);
    expect(failing.code).toBe(1);
  });

  test('no notes on stderr and no verdict line with --output; errors still show', async () => {
    await writeFile(join(dir, 'repo/.flask-crdb-gate.yml'), 'rules:\n  FCG101: !custom low\n');
    try {
      const noisy = await cli(['scan', 'repo', '-o', 'out/r.json', '-f', 'json']);
      expect(noisy.stderr).toMatch(/note: .*unknown YAML tag/);
      expect(noisy.stdout).toMatch(/written to out\/r\.json/);
      const quiet = await cli(['scan', 'repo', '-o', 'out/r.json', '-f', 'json', '-q']);
      expect(quiet).toMatchObject({ stdout: '', stderr: '' });
    } finally {
      await rm(join(dir, 'repo/.flask-crdb-gate.yml'));
    }
    const missing = await cli(['scan', 'nowhere', '-q']);
    expect(missing).toMatchObject({ code: 2, stderr: 'flask-crdb-gate: no such file or directory: nowhere\n' });
  });
});

describe('wrapping to the terminal width', () => {
  test('a long message wraps under itself; every line fits; the words are all there', async () => {
    const run = await cli(['scan', 'repo'], { isTTY: true, columns: 100, env: { NO_COLOR: '1' } });
    const lines = run.stdout.split('\n');
    const start = lines.findIndex((l) => l.includes('FCG101 sslmode-disabled  sslmode=disable'));
    const indent = lines[start]?.indexOf('sslmode=disable') ?? -1;
    const block = [lines[start] as string];
    for (let i = start + 1; lines[i]?.startsWith(' '.repeat(indent)); i++) block.push(lines[i] as string);
    expect(block.length).toBeGreaterThan(1);
    for (const l of block) expect(l.length).toBeLessThanOrEqual(100);
    expect(block.map((l, i) => (i === 0 ? l.slice(indent) : l.trim())).join(' ')).toBe(LONG);
  });

  test('too narrow to stand beside the location: the message goes below it', async () => {
    const run = await cli(['scan', 'repo'], { isTTY: true, columns: 60, env: { NO_COLOR: '1' } });
    const lines = run.stdout.split('\n');
    const at = lines.findIndex((l) => l.trimEnd().endsWith('FCG101 sslmode-disabled'));
    expect(at).toBeGreaterThan(0);
    expect(lines[at + 1]).toMatch(/^ {6}sslmode=disable/);
  });

  test('no wrapping in a pipe or a file', async () => {
    const run = await cli(['scan', 'repo'], { columns: 60 });
    expect(run.stdout).toContain(`FCG101 sslmode-disabled  ${LONG}`);
  });
});

describe('paths', () => {
  test('one directory is the root; files and several paths are scanned from the working directory', async () => {
    const one = await cli(['scan', 'repo']);
    expect(one.calls[0]).toMatchObject({ root: join(dir, 'repo') });
    expect(one.calls[0]?.paths).toBeUndefined();
    const mixed = await cli(['scan', 'repo/app/config.py', 'other', './repo/.env']);
    expect(mixed.calls[0]).toMatchObject({ root: dir, paths: ['repo/app/config.py', 'other', 'repo/.env'] });
  });

  test('paths outside the working directory: the nearest directory holding them all', async () => {
    const run = await cli(['scan', join(dir, 'repo/app/config.py'), join(dir, 'other/settings.py')], {
      cwd: join(dir, 'repo/app'),
    });
    expect(run.calls[0]).toMatchObject({ root: dir, paths: ['repo/app/config.py', 'other/settings.py'] });
  });

  test('concise paths open from the working directory, whatever the root', async () => {
    const run = await cli(['scan', 'repo', '-f', 'concise']);
    expect(run.stdout.split('\n')[0]).toBe(`repo/app/config.py:10:5: FCG101 ${LONG}`);
    const inside = await cli(['scan', '.', '-f', 'concise'], { cwd: join(dir, 'repo') });
    expect(inside.stdout.split('\n')[0]).toMatch(/^app\/config\.py:10:5: /);
  });

  test('stdin: read once, scanned as --stdin-filename relative to the working directory', async () => {
    let reads = 0;
    const run = await cli(['scan', '-', '--stdin-filename', 'repo/app/new.py'], {
      stdin: async () => {
        reads++;
        return Buffer.from('DEBUG = True\n');
      },
    });
    expect(reads).toBe(1);
    expect(run.calls[0]).toMatchObject({
      root: dir,
      stdin: { path: 'repo/app/new.py', content: Buffer.from('DEBUG = True\n') },
    });
    // A name outside the working directory: its own directory is the root.
    const outside = await cli(['scan', '-', '--stdin-filename', join(dir, 'other/x.py')], {
      cwd: join(dir, 'repo'),
      stdin: async () => Buffer.from(''),
    });
    expect(outside.calls[0]).toMatchObject({ root: join(dir, 'other'), stdin: { path: 'x.py' } });
  });

  test('select, ignore and min-severity reach the engine; a selector naming no rule exits 2', async () => {
    const run = await cli([
      'scan',
      'repo',
      '--select',
      'FCG1',
      '--ignore',
      'FCG101,FCG102',
      '--min-severity',
      'medium',
    ]);
    const off = Object.entries(run.calls[0]?.analysis?.rules ?? {})
      .filter(([, v]) => v === 'off')
      .map(([k]) => k);
    expect(off).toContain('FCG101');
    expect(off).toContain('FCG102');
    expect(off).toContain('FCG201');
    expect(off).not.toContain('FCG103');
    expect(run.calls[0]?.minSeverity).toBe('medium');
    const bad = await cli(['scan', 'repo', '--select', 'FCG1O1']);
    expect(bad).toMatchObject({ code: 2, calls: [] });
    expect(bad.stderr).toMatch(/--select "FCG1O1" names no rule \(did you mean "FCG101"\?\)/);
  });
});

describe('help per command', () => {
  test.each([
    ['scan', ['Usage: flask-crdb-gate scan [PATH...] [options]', '--stdin-filename', '--select', '--quiet']],
    ['baseline', ['Usage: flask-crdb-gate baseline [PATH] [options]', '--output']],
    ['rules', ['Usage: flask-crdb-gate rules']],
    ['rule', ['Usage: flask-crdb-gate rule RULE']],
  ])('%s --help', async (command, expected) => {
    const run = await cli([command, '--help']);
    expect(run).toMatchObject({ code: 0, stderr: '', calls: [] });
    for (const e of expected) expect(run.stdout).toContain(e);
    if (command !== 'scan') expect(run.stdout).not.toContain('--fail-below');
  });
});
