import { afterAll, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { scan } from '../../src/engine/scan.js';
import type { Threshold } from '../../src/grade/types.js';

const CONFIG_PY =
  'import psycopg2\n' +
  'conn = psycopg2.connect("postgresql://app@db.prod.example.com/app?sslmode=disable")\n' +
  'other = psycopg2.connect(host="reports.prod.example.com", dbname="bank")\n';

const root = mkdtempSync(join(tmpdir(), 'fcg-scan-targets-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
for (const [p, text] of Object.entries({
  'app/config.py': CONFIG_PY,
  'node_modules/pkg/conf.py': CONFIG_PY,
  'legacy/old.py': CONFIG_PY,
})) {
  mkdirSync(dirname(join(root, p)), { recursive: true });
  writeFileSync(join(root, p), text);
}

const THRESHOLD: Threshold = { failBelow: 'C', minScore: undefined, failOnSeverity: undefined };
const where = (r: Awaited<ReturnType<typeof scan>>) => r.findings.map((f) => `${f.path}:${f.line} ${f.ruleId}`).sort();

test('paths: named files whatever the excludes say, directories with them', async () => {
  const report = await scan({
    root,
    threshold: THRESHOLD,
    exclude: ['legacy/**'],
    paths: ['node_modules/pkg/conf.py', 'legacy/old.py', 'app'],
  });
  expect(report.filesScanned).toBe(3);
  expect(where(report)).toEqual([
    'app/config.py:2 FCG101',
    'app/config.py:3 FCG103',
    'legacy/old.py:2 FCG101',
    'legacy/old.py:3 FCG103',
    'node_modules/pkg/conf.py:2 FCG101',
    'node_modules/pkg/conf.py:3 FCG103',
  ]);
  // The whole root leaves the excluded ones out.
  expect(where(await scan({ root, threshold: THRESHOLD, exclude: ['legacy/**'] }))).toEqual([
    'app/config.py:2 FCG101',
    'app/config.py:3 FCG103',
  ]);
});

test('standard input is scanned as the file it is named for, and nothing else is read', async () => {
  const report = await scan({
    root,
    threshold: THRESHOLD,
    stdin: { path: 'app/new.py', content: Buffer.from(CONFIG_PY.split('\n').slice(0, 2).join('\n')) },
  });
  expect(report.filesScanned).toBe(1);
  expect(where(report)).toEqual(['app/new.py:2 FCG101']);
});

test('min-severity drops what is below it from the report and the grade', async () => {
  const all = await scan({ root, threshold: THRESHOLD, paths: ['app'] });
  const high = await scan({ root, threshold: THRESHOLD, paths: ['app'], minSeverity: 'high' });
  expect(where(high)).toEqual(['app/config.py:2 FCG101']);
  expect(high.grade.score).toBeGreaterThan(all.grade.score);
  expect(high.counts.medium).toBe(0);
});

test('rules turned off by a selection do not run and are not listed', async () => {
  const rules = Object.fromEntries([['FCG101', 'off' as const]]);
  const report = await scan({
    root,
    threshold: THRESHOLD,
    paths: ['app'],
    analysis: { rules, roles: { tests: [], development: [], production: [] }, localHostsAreProduction: false },
  });
  expect(where(report)).toEqual(['app/config.py:3 FCG103']);
  expect(report.rules.map((r) => r.id)).not.toContain('FCG101');
});

test('progress: every file counted once, the last call says all are done', async () => {
  const calls: [number, number][] = [];
  await scan({ root, threshold: THRESHOLD, paths: ['app', 'legacy'], onProgress: (d, t) => calls.push([d, t]) });
  expect(calls).toEqual([
    [1, 2],
    [2, 2],
  ]);
});
