/**
 * A scan that analysed no file is an error (exit 2) naming the path and the globs, unless
 * --allow-empty says otherwise: an empty directory, a directory with no supported file, include
 * globs that match nothing, and files that were all skipped. The same for `baseline`.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runCli } from '../../src/cli/run.js';

let base = '';
beforeAll(async () => {
  base = await mkdtemp(join(tmpdir(), 'fcg-empty-'));
  await mkdir(join(base, 'empty'));
  await mkdir(join(base, 'docs-only'));
  await writeFile(join(base, 'docs-only', 'README.md'), '# nothing to scan\n');
  await writeFile(join(base, 'docs-only', '.env.example'), 'DATABASE_URL=postgresql://app@db/app\n');
  await mkdir(join(base, 'app'));
  await writeFile(join(base, 'app', 'db.py'), 'import psycopg2\nconn = psycopg2.connect("postgresql://db/app")\n');
  await mkdir(join(base, 'binary'));
  // NUL bytes: read as binary and skipped, so nothing is analysed.
  await writeFile(join(base, 'binary', 'blob.py'), Buffer.from([0x70, 0x00, 0x01, 0x02, 0x00, 0x0a]));
  await mkdir(join(base, 'binaries'));
  for (const name of ['a.py', 'b.yml'])
    await writeFile(join(base, 'binaries', name), Buffer.from([0x70, 0x00, 0x01, 0x02, 0x00, 0x0a]));
});
afterAll(async () => {
  await rm(base, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await runCli(argv, {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    env: {},
    cwd: base,
  });
  return out;
}

describe('scan: zero files scanned is an error', () => {
  test('an empty directory: exit 2, the path named, nothing on stdout', async () => {
    const run = await cli(['scan', 'empty']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('flask-crdb-gate: no file was scanned in empty: it holds no supported file (Python,');
    expect(run.stderr).toContain('--allow-empty');
    expect(run.stderr).not.toContain('PASSED');
  });

  test('a directory holding no supported file (templates are counted, not scanned)', async () => {
    const run = await cli(['scan', 'docs-only', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain('no file was scanned in docs-only');
    expect(run.stderr).toContain('1 configuration template');
  });

  test('include and exclude globs that leave nothing are named', async () => {
    const run = await cli(['scan', '.', '--include', 'services/**', '--exclude', 'legacy/**']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no file was scanned in . (include "services/**"; exclude "legacy/**")');
  });

  test('files found but all skipped: empty too, with each reason', async () => {
    const run = await cli(['scan', 'binary']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no file was scanned in binary: the only file found was skipped:');
    expect(run.stderr).toMatch(/\n {2}blob\.py: .*binary/);
  });

  test('several files, all skipped: each listed with its reason', async () => {
    const run = await cli(['scan', 'binaries']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no file was scanned in binaries: all 2 files found were skipped:');
    expect(run.stderr).toMatch(/\n {2}a\.py: .*binary/);
    expect(run.stderr).toMatch(/\n {2}b\.yml: .*binary/);
  });

  test('--exit-zero does not turn the error into a pass', async () => {
    expect((await cli(['scan', 'empty', '--exit-zero'])).code).toBe(2);
  });

  test('--allow-empty: the report, a pass, and a warning on stderr', async () => {
    const run = await cli(['scan', 'empty', '--allow-empty', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('flask-crdb-gate: warning: no file was scanned in empty (allowed by --allow-empty).\n');
    const json = JSON.parse(run.stdout) as { filesScanned: number; passed: boolean };
    expect(json).toMatchObject({ filesScanned: 0, passed: true });
  });

  test('a directory with a supported file scans as before', async () => {
    const run = await cli(['scan', 'app', '--exit-zero']);
    expect(run.code).toBe(0);
    expect(run.stderr).toBe('');
  });
});

describe('baseline: zero files scanned is an error', () => {
  test('no baseline is written from nothing', async () => {
    const run = await cli(['baseline', 'empty']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('no file was scanned in empty');
    expect(existsSync(join(base, 'empty', '.flask-crdb-gate-baseline.json'))).toBe(false);
  });

  test('--allow-empty writes an empty baseline', async () => {
    const run = await cli(['baseline', 'empty', '--allow-empty']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Baseline of 0 findings written');
    expect(existsSync(join(base, 'empty', '.flask-crdb-gate-baseline.json'))).toBe(true);
  });
});
