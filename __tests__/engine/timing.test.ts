/**
 * `--timing` through the real engine and CLI on a small repository: every phase and every rule
 * that ran is timed, the bytes read and scanned are counted, a large file whose first lines rule
 * it out is not read past its head, and timing changes no finding.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { scan } from '../../src/engine/scan.js';
import { HEAD_BYTES } from '../../src/read/read.js';

const NO_THRESHOLD = { failBelow: undefined, minScore: undefined, failOnSeverity: undefined };
const SQL_DUMP = `CREATE TABLE t (id int);\n${'INSERT INTO t VALUES (1);\n'.repeat(2000)}`;
const FILES: Record<string, string> = {
  'app/config.py': 'DATABASE_URL = "postgresql://app@db.example.com:26257/app?sslmode=disable"\n',
  'app/views.py': 'from flask import Flask\napp = Flask(__name__)\n\n@app.route("/")\ndef index():\n    return "hi"\n',
  'docker/pgsql-env': 'POSTGRES_USER=app\nPOSTGRES_DB=app\n',
  'db/dump.sql': SQL_DUMP,
};

let repo = '';
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'fcg-timing-'));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text);
  }
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

describe('scan({ timing: true })', () => {
  test('times every phase and rule, counts bytes, and finds the same as without', async () => {
    const plain = await scan({ root: repo, threshold: NO_THRESHOLD });
    const timed = await scan({ root: repo, threshold: NO_THRESHOLD, timing: true });
    expect(plain.timing).toBeUndefined();
    expect(timed.findings.map((f) => [f.ruleId, f.path, f.line])).toEqual(
      plain.findings.map((f) => [f.ruleId, f.path, f.line]),
    );
    const t = timed.timing;
    expect(t).toBeDefined();
    for (const phase of ['discover', 'read', 'parse', 'index', 'rules', 'summaries', 'project', 'grade'])
      expect(t?.phases[phase]).toBeGreaterThanOrEqual(0);
    for (const rule of timed.rules) expect(t?.rules[rule.id]).toBeGreaterThanOrEqual(0);
    expect(t?.rules['summary:flask']).toBeGreaterThanOrEqual(0);
    const scannedBytes = ['app/config.py', 'app/views.py', 'docker/pgsql-env'].reduce(
      (n, p) => n + Buffer.byteLength(FILES[p] as string),
      0,
    );
    expect(t?.counts['bytesScanned']).toBe(scannedBytes);
    // The dump's first lines are SQL, not a script or an environment file: only its head is read.
    expect(t?.counts['bytesRead']).toBe(scannedBytes + HEAD_BYTES);
    expect(timed.filesScanned).toBe(3);
  });
});

describe('the CLI', () => {
  async function cli(argv: string[], env: Record<string, string> = {}) {
    let stdout = '';
    let stderr = '';
    const code = await runCli(argv, {
      stdout: (s) => (stdout += s),
      stderr: (s) => (stderr += s),
      cwd: repo,
      env,
    });
    return { code, stdout, stderr };
  }

  test('--timing prints the table on stderr, the report stays alone on stdout', async () => {
    const r = await cli(['scan', '.', '--format', 'json', '--exit-zero', '--timing']);
    expect(r.code).toBe(0);
    expect(() => JSON.parse(r.stdout)).not.toThrow();
    expect(r.stderr).toMatch(/^Phase\s+Time \(ms\)\s+Relative$/m);
    expect(r.stderr).toMatch(/^report\s+\d/m);
    expect(r.stderr).toMatch(/^Rule\s+Time \(ms\)/m);
  });

  test('FLASK_CRDB_GATE_TIMING=json prints one JSON object', async () => {
    const r = await cli(['scan', '.', '--format', 'json', '--exit-zero'], { FLASK_CRDB_GATE_TIMING: 'json' });
    const line = r.stderr.split('\n').find((l) => l.startsWith('{'));
    expect(JSON.parse(line as string).timing.phases.parse).toBeGreaterThanOrEqual(0);
  });

  test('nothing on stderr without the flag or the variable', async () => {
    const r = await cli(['scan', '.', '--format', 'json', '--exit-zero']);
    expect(r.stderr).toBe('');
  });

  test('--timing is an option of scan only', async () => {
    const r = await cli(['baseline', '.', '--timing']);
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('--timing is an option of scan');
  });
});
