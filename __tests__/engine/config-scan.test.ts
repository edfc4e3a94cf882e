/**
 * What the configuration changes in a scan: rules off or at another severity, extra file roles,
 * local hosts judged like any other; and that all of it reaches the worker threads as plain data.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { discover } from '../../src/discover/discover.js';
import { configuredSeverity, DEFAULT_ANALYSIS, roleOf, type AnalysisOptions } from '../../src/engine/options.js';
import { analyzeInParallel } from '../../src/engine/pool.js';
import { scan } from '../../src/engine/scan.js';
import { configKindOf } from '../../src/parse/config/kind.js';

const THRESHOLD = { failBelow: 'C', minScore: undefined, failOnSeverity: undefined } as const;
const REPO = fileURLToPath(new URL('../../', import.meta.url));
const WORKER = path.join(path.resolve(REPO, process.env['FCG_BUNDLE_DIR'] || 'dist'), 'worker.js');

let dir = '';
function write(rel: string, text: string): void {
  const file = path.join(dir, rel);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
}

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'fcg-config-scan-'));
  write(
    'app/db.py',
    [
      'import psycopg2',
      'prod = psycopg2.connect("postgresql://app@db.prod.example:26257/bank?sslmode=disable")',
      'local = psycopg2.connect("postgresql://app@localhost:26257/bank?sslmode=disable")',
      'missing = psycopg2.connect("postgresql://app@127.0.0.1:26257/bank")',
      'b = psycopg2.connect("postgresql://app@db.prod.example:26257/bank?sslmode=disable")  # nosec FCG101',
      '',
    ].join('\n'),
  );
  write(
    'ops/compose.yml',
    'services:\n  db:\n    image: cockroachdb/cockroach\n    command: start-single-node --insecure --listen-addr=localhost\n',
  );
  write(
    'tests/conftest.py',
    'import psycopg2\nc = psycopg2.connect("postgresql://app@db.prod.example/x?sslmode=disable")\n',
  );
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const options = (over: Partial<AnalysisOptions>): AnalysisOptions => ({ ...DEFAULT_ANALYSIS, ...over });
const brief = (fs: readonly { ruleId: string; path: string; line: number; severity: string; role: string }[]) =>
  fs.map((f) => `${f.ruleId} ${f.path}:${f.line} ${f.severity} ${f.role}`).sort();

describe('scan with analysis options', () => {
  test('without options: the conventions', async () => {
    const r = await scan({ root: dir, threshold: THRESHOLD });
    expect(brief(r.findings)).toEqual([
      'FCG101 app/db.py:2 high production',
      'FCG101 app/db.py:3 low production',
      'FCG101 tests/conftest.py:2 high test',
      'FCG107 ops/compose.yml:4 high production',
    ]);
    expect(r.suppressions).toEqual({ findings: 1, used: 1, withoutReason: 1, unused: [] });
  });

  test('a rule turned off does not run (nor is it listed); a configured severity keeps the rule’s lowering', async () => {
    const r = await scan({
      root: dir,
      threshold: THRESHOLD,
      analysis: options({ rules: { FCG107: 'off', FCG101: 'critical' } }),
    });
    expect(brief(r.findings)).toEqual([
      'FCG101 app/db.py:2 critical production',
      // Reported two steps below the rule's high for a local host: two below critical.
      'FCG101 app/db.py:3 medium production',
      'FCG101 tests/conftest.py:2 critical test',
    ]);
    expect(r.rules.map((m) => m.id)).not.toContain('FCG107');
    // A suppression for a rule that ran still works; the counts follow the new severities.
    expect(r.suppressed?.map((f) => f.severity)).toEqual(['critical']);
    expect(r.counts).toEqual({ critical: 2, high: 0, medium: 1, low: 0 });
  });

  test('paths.tests / development / production give files a role, reduced weight included', async () => {
    const r = await scan({
      root: dir,
      threshold: THRESHOLD,
      analysis: options({ roles: { tests: ['ops'], development: [], production: ['tests/**'] } }),
    });
    expect(brief(r.findings)).toContain('FCG107 ops/compose.yml:4 high test');
    expect(brief(r.findings)).toContain('FCG101 tests/conftest.py:2 high production');
    expect(r.grade.penalties.find((p) => p.ruleId === 'FCG107')).toMatchObject({ reducedCount: 1, penalty: 5 });
  });

  test('local-hosts-are-production: no lowering for localhost, and a missing sslmode counts there too', async () => {
    const r = await scan({ root: dir, threshold: THRESHOLD, analysis: options({ localHostsAreProduction: true }) });
    expect(brief(r.findings)).toEqual([
      'FCG101 app/db.py:2 high production',
      'FCG101 app/db.py:3 high production',
      'FCG101 tests/conftest.py:2 high test',
      'FCG103 app/db.py:4 medium production',
      'FCG107 ops/compose.yml:4 critical production',
    ]);
    expect(r.findings.find((f) => f.line === 3)?.message).not.toContain('lowered');
  });
});

describe('the pieces', () => {
  test('configuredSeverity shifts from the configured severity as far as the rule shifted from its own', () => {
    const o = options({ rules: { FCG101: 'medium', FCG107: 'off' } });
    expect(configuredSeverity(o, 'FCG101', 'high', 'high')).toBe('medium');
    expect(configuredSeverity(o, 'FCG101', 'high', 'low')).toBe('low');
    expect(configuredSeverity(o, 'FCG101', 'high', 'critical')).toBe('high');
    expect(configuredSeverity(o, 'FCG102', 'high', 'low')).toBe('low');
    expect(configuredSeverity(o, 'FCG107', 'critical', 'high')).toBe('high');
  });

  test('roleOf: globs, bare directories and ancestors; templates stay templates', () => {
    const roles = { tests: ['qa', '**/fixtures/**'], development: ['sandbox/*.yml'], production: ['tests/smoke/**'] };
    expect(roleOf('qa/a.py', roles)).toBe('test');
    expect(roleOf('app/fixtures/db.py', roles)).toBe('test');
    expect(roleOf('sandbox/compose.yml', roles)).toBe('development');
    expect(roleOf('tests/smoke/x.py', roles)).toBe('production');
    expect(roleOf('tests/unit/x.py', roles)).toBe('test');
    expect(roleOf('qa/.env.example', roles)).toBe('template');
    expect(roleOf('app/x.py', roles)).toBe('production');
  });
});

// Runs the bundle (dist/, or a private one with FCG_BUNDLE_DIR): after a change to src/, `npm run bundle` first.
describe('on worker threads', () => {
  test('the options reach the workers: the bundle’s dist/worker.js gives what this thread gives', async () => {
    if (!existsSync(WORKER)) throw new Error(`${WORKER} is missing: run \`npm run bundle\` first.`);
    // Enough files for several batches.
    for (let i = 0; i < 40; i++)
      write(
        `pkg/m${i}.py`,
        `import psycopg2\nc = psycopg2.connect("postgresql://a@localhost/x?sslmode=disable")  # nosec FCG103\n`,
      );
    const found = await discover({
      root: dir,
      include: [],
      exclude: [],
      isScannable: (p) => configKindOf(p) !== undefined,
    });
    const analysis = options({
      rules: { FCG107: 'off', FCG101: 'critical' },
      roles: { tests: ['pkg/m1*'], development: [], production: [] },
      localHostsAreProduction: true,
    });
    const here = await analyzeInParallel(found.files, { threads: 1, analysis });
    const pooled = await analyzeInParallel(found.files, {
      threads: 3,
      minFiles: 0,
      workerUrl: pathToFileURL(WORKER),
      analysis,
    });
    expect(JSON.parse(JSON.stringify(pooled))).toEqual(JSON.parse(JSON.stringify(here)));
    expect(here.findings.filter((f) => f.role === 'test' && f.path.startsWith('pkg/')).length).toBeGreaterThan(5);
    expect(here.findings.some((f) => f.ruleId === 'FCG107')).toBe(false);
    expect(here.suppressions.filter((s) => s.suppressed === 0).length).toBe(40);
  });
});
