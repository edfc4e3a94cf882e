import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scan } from '../../src/engine/scan.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));
const threshold = { failBelow: 'C' as const, minScore: undefined, failOnSeverity: undefined };

function repo(files: Record<string, string | Uint8Array>): string {
  const root = mkdtempSync(join(tmpdir(), 'fcg-scan-'));
  roots.push(root);
  for (const [p, content] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), content);
  }
  return root;
}

describe('untrusted repositories', () => {
  test('URIs naming /dev/zero, /etc/shadow or a FIFO outside the repository are scanned without reading them', async () => {
    const outside = mkdtempSync(join(tmpdir(), 'fcg-outside-'));
    roots.push(outside);
    const fifo = join(outside, 'blocks-on-open');
    execFileSync('mkfifo', [fifo]); // opening it for reading would block the scan forever
    const root = repo({
      '.env': `DATABASE_URL=postgresql://app:hunter2x@db.prod:26257/bank?sslmode=require&sslrootcert=/dev/zero&sslkey=${fifo}\n`,
      'app.py': `import psycopg2\nconn = psycopg2.connect("postgresql://app@db.prod/bank?sslmode=disable&sslrootcert=/etc/shadow&sslcert=${fifo}")\n`,
      'k.yaml': `env:\n  - name: DATABASE_URL\n    value: "postgresql://a@db.prod/x?sslmode=verify-ca&sslrootcert=${fifo}"\n`,
    });
    const report = await scan({ root, threshold });
    expect(report.skipped).toEqual([]);
    expect(report.findings.map((f) => `${f.path}:${f.ruleId}`).sort()).toEqual(
      expect.arrayContaining(['.env:FCG201', 'app.py:FCG101', 'k.yaml:FCG105']),
    );
  });

  test('an extension-less file is scanned as shell when its shebang names a shell, else silently left out', async () => {
    const root = repo({
      'docker/entrypoint': '#!/usr/bin/env bash\nexport ADMIN_PASSWORD="${ADMIN_PASSWORD:-admin}"\n',
      'bin/start': '#!/bin/sh -e\nexport PGSSLMODE=disable\n',
      'bin/tool': '#!/usr/bin/env python3\nimport os\nSECRET_KEY = os.environ.get("SECRET_KEY", "dev-key-1")\n',
      LICENSE: 'MIT License\n\nPermission is hereby granted; set PGSSLMODE=disable at your own risk.\n',
      'bin/blob': new Uint8Array([0x23, 0x21, 0x2f, 0x62, 0x69, 0x6e, 0x2f, 0x73, 0x68, 0x0a, 0, 1]),
    });
    const report = await scan({ root, threshold });
    expect(report.skipped).toEqual([]);
    expect(report.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort()).toEqual([
      'bin/start:2:FCG101',
      'docker/entrypoint:2:FCG204',
    ]);
    expect(report.filesScanned).toBe(2);
  });

  test('bad files are reported as skipped with their reason and the scan goes on', async () => {
    const root = repo({
      'broken.yml': 'a: [1, 2\nb: }\n',
      'bin.py': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 1]),
      'latin.py': new Uint8Array([0x61, 0x3d, 0x22, 0xe9, 0x22, 0x0a]),
      'big.json': `{"a": "${'x'.repeat(2 * 1024 * 1024 + 10)}"}`,
      'utf16.env': new Uint8Array([0xff, 0xfe, ...Buffer.from('PGSSLMODE=disable\n', 'utf16le')]),
      'ok.py': 'import psycopg2\npsycopg2.connect(host="db.prod", sslmode="disable")\n',
    });
    const report = await scan({ root, threshold });
    const reasons = Object.fromEntries(report.skipped.map((s) => [s.path, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['big.json', 'bin.py', 'broken.yml', 'latin.py']);
    expect(reasons['bin.py']).toBe('binary file (NUL byte)');
    expect(reasons['broken.yml']).toMatch(/^could not be parsed as YAML: /);
    expect(reasons['big.json']).toMatch(/^larger than 2 MiB/);
    expect(reasons['latin.py']).toMatch(/not valid UTF-8/);
    expect(report.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`)).toEqual([
      'ok.py:2:FCG101',
      'utf16.env:1:FCG101',
    ]);
    expect(report.filesScanned).toBe(3); // broken.yml was read but could not be parsed
  });

  test('a file that cannot be parsed is skipped without quoting its text', async () => {
    const secret = 'hunter2secretvalue';
    const root = repo({
      's.sh': `echo "${secret}\n`,
      'c.ini': `[${secret}\nx = 1\n`,
      Dockerfile: `FROM x\n${secret} y\n`,
      'c.yml': `password: "${secret}\nx: [1\n`,
      'c.json': `{"password": "${secret}" x}\n`,
      'settings.toml': `a = "${secret}\nb = 1\n`,
    });
    const report = await scan({ root, threshold });
    expect(report.skipped.map((s) => s.path).sort()).toEqual([
      'Dockerfile',
      'c.ini',
      'c.json',
      'c.yml',
      's.sh',
      'settings.toml',
    ]);
    for (const s of report.skipped) expect(s.reason).not.toContain(secret.slice(0, 6));
  });

  test('no secret value appears anywhere in the report', async () => {
    const root = repo({
      'app.py':
        'import psycopg2\nPW = "Tr0ub4dor&3xyz"\nconn = psycopg2.connect(host="db.prod", password=PW)\nURI = "postgresql://app:c0rrect%2Bhorse@db.prod/bank"\n',
      '.env': 'DATABASE_URL=postgresql://app:battery-staple-9@db.prod:26257/bank\n',
    });
    const report = await scan({ root, threshold });
    expect(report.findings.length).toBeGreaterThanOrEqual(3);
    const text = JSON.stringify(report);
    for (const secret of ['Tr0ub4dor&3xyz', 'c0rrect+horse', 'c0rrect%2Bhorse', 'battery-staple-9'])
      expect(text).not.toContain(secret);
  });
});

describe('report', () => {
  test('grades, counts and fingerprints', async () => {
    const root = repo({
      'docker-compose.yml':
        'services:\n  roach:\n    image: cockroachdb/cockroach:v24.2.0\n    command: start-single-node --insecure\n',
      'tests/test_db.py': 'import psycopg2\npsycopg2.connect(host="db.prod", sslmode="disable")\n',
    });
    const report = await scan({ root, threshold });
    expect(report.counts).toEqual({ critical: 1, high: 1, medium: 0, low: 0 });
    expect(report.findings[0]).toMatchObject({
      ruleId: 'FCG107',
      severity: 'critical',
      path: 'docker-compose.yml',
      line: 4,
      role: 'production',
    });
    expect(report.findings[1]).toMatchObject({ ruleId: 'FCG101', role: 'test' });
    expect(report.grade).toMatchObject({ score: 55, grade: 'F' });
    expect(report.verdict.passed).toBe(false);
    expect(report.findings.every((f) => /^[0-9a-f]{32}:\d+$/.test(f.fingerprint))).toBe(true);
  });

  test('a missing directory is an error', async () => {
    await expect(scan({ root: '/nonexistent/dir', threshold })).rejects.toThrow('/nonexistent/dir is not a directory');
  });
});

describe('files whose name does not tell their kind', () => {
  test('scripts, env files and .conf files are read by their content; SQL, binaries and prose are left alone', async () => {
    const root = repo({
      'docker/entrypoint': '#!/bin/bash\nexport ADMIN_PASSWORD="${ADMIN_PASSWORD:-ledger-admin-2024}"\n',
      'docker/pgsql-env': 'POSTGRES_USER=app\nPOSTGRES_PASSWORD=ledger-pg-2024\n',
      'scripts/connect.sql': 'export PASSWORD=ledger-sql-2024\ncockroach sql --url "$URL"\n',
      'schema.sql': "-- schema\nCREATE TABLE users (password TEXT DEFAULT 'ledger-not-a-secret');\n",
      'rabbit/rabbitmq.conf': 'default_user = mq\ndefault_pass = ledger-mq-2024\n',
      'nginx/site.conf': 'server {\n  listen 80;\n}\n',
      'bin/tool': new Uint8Array([0x7f, 0x45, 0x4c, 0x46, 0, 0, 0, 1, 2, 0, 0]),
      LICENSE: 'MIT License\n',
    });
    const report = await scan({ root, threshold });
    expect(report.skipped).toEqual([]);
    expect(report.filesScanned).toBe(4);
    expect(report.findings.map((f) => `${f.path}:${f.line}:${f.ruleId}`).sort()).toEqual([
      'docker/entrypoint:2:FCG204',
      'docker/pgsql-env:2:FCG206',
      'rabbit/rabbitmq.conf:2:FCG206',
      'scripts/connect.sql:1:FCG206',
    ]);
  });
});
