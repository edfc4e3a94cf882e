/**
 * Issue 11, items 4 and 10 (first half): files discovery used to drop without a word. A name that
 * is not valid UTF-8 (`caf\xe9.py`) vanished; it is scanned, through its bytes, and shown with
 * the odd byte escaped. FIFOs, sockets and links to them with names the scan reads are listed as
 * skipped with the reason, whether git lists the files or the tree is walked.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, renameSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { join } from 'node:path';
import { scan } from '../../src/engine/scan.js';
import type { ScanReport } from '../../src/engine/result.js';
import { git } from '../helpers/git-fixture.js';
import { workspace, type Workspace } from '../helpers/hostile-repo.js';

const THRESHOLD = { failBelow: 'C', minScore: undefined, failOnSeverity: undefined } as const;
const CONNECT = 'import psycopg2\nc = psycopg2.connect("postgresql://app:Pw-98765@db.example/x")\n';

let ws: Workspace | undefined;
let server: Server | undefined;
afterEach(async () => {
  if (server) await new Promise((done) => server?.close(done));
  server = undefined;
  ws?.remove();
  ws = undefined;
});

function run(root: string): Promise<ScanReport> {
  return scan({ root, threshold: THRESHOLD });
}

describe.each(['walk', 'git'])('discovery (%s)', (mode) => {
  function tree(): Workspace {
    const w = workspace(`special-${mode}`, { 'app.py': 'x = 1\n' });
    if (mode === 'git') git(w.repo, 'init', '-q');
    return w;
  }

  test('scans a file whose name is not UTF-8, and one in a directory so named', async () => {
    ws = tree();
    const repo = Buffer.from(ws.repo);
    writeFileSync(Buffer.concat([repo, Buffer.from('/caf\xe9.py', 'latin1')]), CONNECT);
    mkdirSync(Buffer.concat([repo, Buffer.from('/d\xff', 'latin1')]));
    writeFileSync(Buffer.concat([repo, Buffer.from('/d\xff/settings.py', 'latin1')]), CONNECT);
    const report = await run(ws.repo);
    const paths = new Set(report.findings.filter((f) => f.ruleId === 'FCG201').map((f) => f.path));
    expect([...paths].sort()).toEqual(['caf\\xe9.py', 'd\\xff/settings.py']);
    expect(report.skipped).toEqual([]);
  });

  test('lists FIFOs, sockets and links to them as skipped, with the reason', async () => {
    ws = tree();
    const repo = ws.repo;
    execFileSync('mkfifo', [join(repo, 'pipe.py')]);
    symlinkSync('pipe.py', join(repo, 'to-pipe.py'));
    server = createServer();
    await new Promise<void>((done) => server?.listen(join(repo, 'sock.py'), done));
    symlinkSync('sock.py', join(repo, 'to-sock.yml'));
    if (mode === 'git') {
      // git lists neither FIFOs nor sockets it does not track; it lists a tracked file that a
      // FIFO has replaced since, and a tracked link to one.
      writeFileSync(join(repo, 'replaced.py'), 'x = 1\n');
      git(repo, 'add', 'replaced.py', 'to-pipe.py', 'to-sock.yml');
      rmSync(join(repo, 'replaced.py'));
      execFileSync('mkfifo', [join(repo, 'replaced.py')]);
    }
    const report = await run(repo);
    const expected = [
      { path: 'to-pipe.py', reason: 'symbolic link to a FIFO (named pipe) (not read)' },
      { path: 'to-sock.yml', reason: 'symbolic link to a socket (not read)' },
      ...(mode === 'git'
        ? [{ path: 'replaced.py', reason: 'a FIFO (named pipe), not a regular file (not read)' }]
        : [
            { path: 'pipe.py', reason: 'a FIFO (named pipe), not a regular file (not read)' },
            { path: 'sock.py', reason: 'a socket, not a regular file (not read)' },
          ]),
    ];
    expect([...report.skipped].sort((a, b) => a.path.localeCompare(b.path))).toEqual(
      expected.sort((a, b) => a.path.localeCompare(b.path)),
    );
    expect(report.filesScanned).toBe(1);
  }, 20_000);
});

test('a file swapped for a FIFO between discovery and reading is skipped, not waited on', async () => {
  ws = workspace('swap', { 'app.py': 'x = 1\n' });
  const { discover } = await import('../../src/discover/discover.js');
  const { readSource } = await import('../../src/read/read.js');
  const found = await discover({ root: ws.repo, include: [], exclude: [], isScannable: () => true });
  const app = found.files.find((f) => f.path === 'app.py');
  expect(app).toBeDefined();
  renameSync(join(ws.repo, 'app.py'), join(ws.repo, 'old.py'));
  execFileSync('mkfifo', [join(ws.repo, 'app.py')]);
  const outcome = await readSource(app as NonNullable<typeof app>, 'python');
  expect(outcome).toEqual({ ok: false, reason: 'a FIFO (named pipe), not a regular file (not read)' });
}, 10_000);
