/**
 * The CLI end to end with the real engine (src/engine/scan.ts) on a small repository written to a
 * temporary directory: exit codes, every format, and no raw secret in any of them.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/run.js';
import { sarifValidator } from '../helpers/report-builder.js';

const PASSWORD = 'Sup3r-S3cret-Pw-42';
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

let repo = '';
beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'fcg-cli-engine-'));
  for (const [path, text] of Object.entries(FILES)) {
    await mkdir(dirname(join(repo, path)), { recursive: true });
    await writeFile(join(repo, path), text);
  }
});
afterAll(async () => {
  await rm(repo, { recursive: true, force: true });
});

async function cli(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await runCli(argv, { stdout: (s) => (out.stdout += s), stderr: (s) => (out.stderr += s), env: {} });
  return out;
}

describe('flask-crdb-gate scan with the real engine', () => {
  test('fails below the threshold (a critical finding), exits 0 with --exit-zero', async () => {
    const run = await cli(['scan', repo]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('docker-compose.yml');
    expect(run.stdout).toContain('CRITICAL');
    expect((await cli(['scan', repo, '--exit-zero'])).code).toBe(0);
  });

  test('JSON carries the contract and the findings, redacted', async () => {
    const run = await cli(['scan', repo, '--format', 'json']);
    const json = JSON.parse(run.stdout) as {
      passed: boolean;
      counts: Record<string, number>;
      findings: { ruleId: string; path: string; severity: string; message: string }[];
    };
    expect(json.passed).toBe(false);
    expect(json.counts['critical']).toBeGreaterThanOrEqual(1);
    expect(json.findings.map((f) => f.path)).toEqual(expect.arrayContaining(['docker-compose.yml', 'app/config.py']));
    expect(json.findings[0]?.severity).toBe('critical');
  });

  test('SARIF from real rule metadata is valid SARIF 2.1.0', async () => {
    const run = await cli(['scan', repo, '--format', 'sarif']);
    const validate = sarifValidator();
    const ok = validate(JSON.parse(run.stdout));
    expect(validate.errors ?? []).toEqual([]);
    expect(ok).toBe(true);
  });

  test.each(['text', 'json', 'sarif', 'markdown'])('%s never prints the password', async (format) => {
    const run = await cli(['scan', repo, '--format', format]);
    expect(run.stdout.length).toBeGreaterThan(0);
    expect(run.stdout).not.toContain(PASSWORD);
    expect(run.stderr).not.toContain(PASSWORD);
  });

  test('a PATH that does not exist exits 2 with a message', async () => {
    const run = await cli(['scan', join(repo, 'nope')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`flask-crdb-gate: no such file or directory: ${join(repo, 'nope')}\n`);
  });
});
