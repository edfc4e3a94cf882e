/**
 * `baseline`, `--config`, `--baseline` and `--gate-on` through the CLI with the real engine: what
 * is written, what is applied, and the exit codes (0 passed or written, 1 below the threshold,
 * 2 for a bad configuration, a missing or malformed file).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { sarifValidator } from '../helpers/report-builder.js';

const PASSWORD = 'Base-L1ne-Secret-77';
const FILES: Record<string, string> = {
  'docker-compose.yml': [
    'services:',
    '  roach:',
    '    image: cockroachdb/cockroach:v24.1.0',
    '    command: start-single-node --insecure',
    '',
  ].join('\n'),
  'app/config.py': [
    'class Config:',
    `    SQLALCHEMY_DATABASE_URI = "postgresql://app:${PASSWORD}@db.example.com:26257/app?sslmode=disable"`,
    '',
  ].join('\n'),
};

let work = '';
let repo = '';
beforeAll(async () => {
  work = await mkdtemp(join(tmpdir(), 'fcg-cli-baseline-'));
  repo = join(work, 'repo');
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text);
  }
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await runCli(argv, {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    env: {},
    cwd: work,
    now: () => new Date('2026-03-04T05:06:07.000Z'),
  });
  return out;
}

interface Json {
  passed: boolean;
  counts: Record<string, number>;
  findings: { ruleId: string; state: string; severity: string }[];
  baseline: { existing: number; new: number; stale: number } | null;
  grading: { gateOn: string; new: { grade: string } | null };
  config: string | null;
}

describe('flask-crdb-gate baseline', () => {
  test('writes every finding (fingerprint, rule, path) to PATH/.flask-crdb-gate-baseline.json by default, exit 0', async () => {
    const run = await cli(['baseline', 'repo']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(
      /^Baseline of \d+ findings written to repo\/\.flask-crdb-gate-baseline\.json\. Apply it with `scan --baseline repo\/\.flask-crdb-gate-baseline\.json`, or `baseline: \.flask-crdb-gate-baseline\.json` in \.flask-crdb-gate\.yml\.\n$/,
    );
    const text = await readFile(join(repo, '.flask-crdb-gate-baseline.json'), 'utf8');
    expect(text).not.toContain(PASSWORD);
    const b = JSON.parse(text) as { version: number; createdAt: string; findings: { ruleId: string; path: string }[] };
    expect(b).toMatchObject({ version: 1, createdAt: '2026-03-04T05:06:07.000Z' });
    expect(b.findings.map((f) => `${f.ruleId} ${f.path}`)).toEqual(
      expect.arrayContaining(['FCG107 docker-compose.yml', 'FCG101 app/config.py', 'FCG201 app/config.py']),
    );
    // The tool's own files (the baseline, the configuration) are never scanned.
    const json = JSON.parse((await cli(['scan', 'repo', '--format', 'json'])).stdout) as { filesScanned: number };
    expect(json.filesScanned).toBe(Object.keys(FILES).length);
  });

  test('--output FILE; the config file’s baseline path when it names one', async () => {
    const run = await cli(['baseline', 'repo', '--output', 'out/known.json']);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('written to out/known.json.');
    await writeFile(join(repo, '.flask-crdb-gate.yml'), 'baseline: ci/known.json\n');
    try {
      const configured = await cli(['baseline', 'repo']);
      expect(configured.code).toBe(0);
      expect(configured.stdout).toContain(
        'written to repo/ci/known.json. repo/.flask-crdb-gate.yml applies it to every scan.',
      );
      expect(JSON.parse(await readFile(join(repo, 'ci', 'known.json'), 'utf8'))).toMatchObject({ version: 1 });
    } finally {
      await rm(join(repo, '.flask-crdb-gate.yml'));
    }
  });

  test('scan-only flags are usage errors', async () => {
    const run = await cli(['baseline', 'repo', '--format', 'json']);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--format is an option of scan and rules, not of baseline');
  });
});

describe('scan --baseline and --gate-on', () => {
  test('known findings are existing; the gate judges all of them by default (exit 1), only new ones with --gate-on new (exit 0)', async () => {
    expect((await cli(['baseline', 'repo', '-o', 'b.json'])).code).toBe(0);
    const all = await cli(['scan', 'repo', '--baseline', 'b.json', '--format', 'json']);
    expect(all.code).toBe(1);
    const json = JSON.parse(all.stdout) as Json;
    expect(json.counts['new']).toBe(0);
    expect(new Set(json.findings.map((f) => f.state))).toEqual(new Set(['existing']));
    expect(json.baseline).toMatchObject({ new: 0, stale: 0 });
    expect(json.grading).toMatchObject({ gateOn: 'all', new: { grade: 'A' } });

    const fresh = await cli(['scan', 'repo', '--baseline', 'b.json', '--gate-on', 'new']);
    expect(fresh.code).toBe(0);
    expect(fresh.stdout).toContain('(existing)');
    expect(fresh.stdout).toMatch(/Baseline b\.json: \d+ existing, 0 new/);
    expect(fresh.stdout).toContain('New findings only: grade A, score 100/100 (the gate judges these)');

    const sarif = await cli(['scan', 'repo', '--baseline', 'b.json', '--format', 'sarif', '--exit-zero']);
    const log = JSON.parse(sarif.stdout) as { runs: { results: { baselineState?: string }[] }[] };
    expect(new Set(log.runs[0]?.results.map((r) => r.baselineState))).toEqual(new Set(['unchanged']));
    const validate = sarifValidator();
    expect(validate(log)).toBe(true);
  });

  test('a new finding fails --gate-on new; the fixed ones are stale', async () => {
    const compose = join(repo, 'docker-compose.yml');
    const original = await readFile(compose, 'utf8');
    await writeFile(compose, original.replace('--insecure', '--certs-dir=/certs'));
    const extra = join(repo, 'app', 'extra.py');
    await writeFile(
      extra,
      'import psycopg2\nc = psycopg2.connect("postgresql://a@db.example.com/x?sslmode=disable")\n',
    );
    try {
      const run = await cli([
        'scan',
        'repo',
        '--baseline',
        'b.json',
        '--gate-on',
        'new',
        '--fail-below',
        'B',
        '--format',
        'json',
      ]);
      expect(run.code).toBe(1);
      const json = JSON.parse(run.stdout) as Json & { reasons: string[] };
      expect(json.counts['new']).toBe(1);
      expect(json.baseline).toMatchObject({ new: 1, stale: 1 });
      expect(json.reasons).toEqual(['grade of the new findings D is below the threshold B']);
      const text = await cli(['scan', 'repo', '--baseline', 'b.json', '--exit-zero']);
      expect(text.stdout).toContain('1 stale entry (no longer found: fixed, suppressed or changed)');
      expect(text.stdout).toContain('stale: docker-compose.yml  FCG107');
    } finally {
      await writeFile(compose, original);
      await rm(extra);
    }
  });

  test('a missing or malformed baseline is an error: exit 2', async () => {
    const missing = await cli(['scan', 'repo', '--baseline', 'nope.json']);
    expect(missing).toMatchObject({ code: 2, stdout: '' });
    expect(missing.stderr).toBe(
      'flask-crdb-gate: baseline file not found: nope.json (write one with `flask-crdb-gate baseline`)\n',
    );
    await writeFile(join(work, 'bad.json'), '{"version": 1, "findings": {}}');
    const bad = await cli(['scan', 'repo', '--baseline', 'bad.json']);
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: not a baseline file ("findings" must be a list)');
  });
});

describe('scan --config', () => {
  test('the file in PATH applies: rules off, severity, threshold; flags override it', async () => {
    await writeFile(
      join(repo, '.flask-crdb-gate.yml'),
      'rules:\n  insecure-cluster: off\n  FCG201: low\nthreshold:\n  fail-below: F\n',
    );
    try {
      const run = await cli(['scan', 'repo', '--format', 'json']);
      expect(run.code).toBe(0);
      const json = JSON.parse(run.stdout) as Json;
      expect(json.config).toBe('repo/.flask-crdb-gate.yml');
      expect(json.findings.map((f) => f.ruleId)).not.toContain('FCG107');
      expect(json.findings.find((f) => f.ruleId === 'FCG201')?.severity).toBe('low');
      // --fail-below overrides the file's F.
      expect((await cli(['scan', 'repo', '--fail-below', 'A'])).code).toBe(1);
    } finally {
      await rm(join(repo, '.flask-crdb-gate.yml'));
    }
  });

  test('--config FILE elsewhere; a missing one, or one with problems, exits 2 naming file and line', async () => {
    await writeFile(join(work, 'gate.yml'), 'threshold:\n  fail-below: F\n');
    expect((await cli(['scan', 'repo', '--config', 'gate.yml'])).code).toBe(0);

    const missing = await cli(['scan', 'repo', '--config', 'none.yml']);
    expect(missing).toMatchObject({
      code: 2,
      stdout: '',
      stderr: 'flask-crdb-gate: config file not found: none.yml\n',
    });

    await writeFile(join(work, 'bad.yml'), 'threshold:\n  fail-below: E\nrules:\n  FCG101: severe\n');
    const bad = await cli(['scan', 'repo', '--config', 'bad.yml']);
    expect(bad).toMatchObject({ code: 2, stdout: '' });
    expect(bad.stderr).toBe(
      [
        'flask-crdb-gate: invalid configuration:',
        '  bad.yml:2: threshold.fail-below must be one of A, B, C, D, F; got "E"',
        '  bad.yml:4: rules.FCG101 must be one of off, low, medium, high, critical; got "severe"',
        '',
      ].join('\n'),
    );
    // The same for `baseline`, which reads the configuration too.
    expect((await cli(['baseline', 'repo', '--config', 'bad.yml'])).code).toBe(2);
  });
});
