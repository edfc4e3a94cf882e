import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  applyBaseline,
  BaselineError,
  createBaseline,
  parseBaseline,
  readBaseline,
  renderBaseline,
  type Baseline,
} from '../../src/baseline/baseline.js';
import { configKindOf } from '../../src/parse/config/kind.js';
import { scan } from '../../src/engine/scan.js';
import { toJsonReport } from '../../src/report/json.js';
import { toSarif } from '../../src/report/sarif.js';
import { finding } from '../helpers/report-builder.js';

const TOOL = { name: 'flask-crdb-gate', version: '0.1.0' };
const NOW = new Date('2026-01-02T03:04:05.000Z');
const THRESHOLD = { failBelow: 'C', minScore: undefined, failOnSeverity: undefined } as const;

describe('baseline file', () => {
  test('holds each finding as fingerprint, rule and path, sorted, and nothing else', () => {
    const b = createBaseline(
      [
        finding({ ruleId: 'FCG201', path: 'b.py', fingerprint: `${'2'.repeat(32)}:0`, message: 'password ****' }),
        finding({ ruleId: 'FCG101', path: 'b.py', fingerprint: `${'1'.repeat(32)}:0` }),
        finding({ ruleId: 'FCG107', path: 'a.yml', fingerprint: `${'3'.repeat(32)}:0` }),
      ],
      TOOL,
      NOW,
    );
    expect(b).toEqual({
      version: 1,
      tool: TOOL,
      createdAt: '2026-01-02T03:04:05.000Z',
      findings: [
        { fingerprint: `${'3'.repeat(32)}:0`, ruleId: 'FCG107', path: 'a.yml' },
        { fingerprint: `${'1'.repeat(32)}:0`, ruleId: 'FCG101', path: 'b.py' },
        { fingerprint: `${'2'.repeat(32)}:0`, ruleId: 'FCG201', path: 'b.py' },
      ],
    });
    expect(parseBaseline(renderBaseline(b), 'b.json')).toEqual(b);
    expect(renderBaseline(b).endsWith('}\n')).toBe(true);
  });

  test.each([
    ['{', /b\.json: not a baseline file \(invalid JSON/],
    ['[]', /b\.json: not a baseline file \(expected a JSON object\)/],
    ['{"version": 2, "findings": []}', /version must be 1, got 2/],
    ['{"version": 1}', /"findings" must be a list/],
    [
      '{"version": 1, "findings": [{"fingerprint": 1}]}',
      /findings\[0\] needs string "fingerprint", "ruleId" and "path"/,
    ],
  ])('rejects %s', (text, message) => {
    expect(() => parseBaseline(text, 'b.json')).toThrow(BaselineError);
    expect(() => parseBaseline(text, 'b.json')).toThrow(message);
  });

  test('a missing file says how to write one', async () => {
    await expect(readBaseline('/nonexistent/b.json', 'b.json')).rejects.toThrow(
      'baseline file not found: b.json (write one with `flask-crdb-gate baseline`)',
    );
  });
});

describe('applying a baseline', () => {
  const baseline = (fingerprints: string[]): Baseline => ({
    version: 1,
    tool: TOOL,
    createdAt: NOW.toISOString(),
    findings: fingerprints.map((fp) => ({ fingerprint: fp, ruleId: 'FCG101', path: 'app.py' })),
  });

  test('marks known fingerprints existing and the rest new; entries nothing matches are stale', () => {
    const findings = [
      finding({ fingerprint: 'a:0' }),
      finding({ fingerprint: 'b:0' }),
      finding({ fingerprint: 'c:0' }),
    ];
    const { findings: marked, summary } = applyBaseline(findings, baseline(['a:0', 'c:0', 'gone:0']), 'b.json');
    expect(marked.map((f) => `${f.fingerprint} ${f.state}`)).toEqual(['a:0 existing', 'b:0 new', 'c:0 existing']);
    expect(summary).toEqual({
      file: 'b.json',
      entries: 3,
      existing: 2,
      new: 1,
      stale: [{ fingerprint: 'gone:0', ruleId: 'FCG101', path: 'app.py' }],
    });
  });

  test('an entry matches one finding at most', () => {
    const findings = [finding({ fingerprint: 'a:0' }), finding({ fingerprint: 'a:0' })];
    const { findings: marked, summary } = applyBaseline(findings, baseline(['a:0']), 'b.json');
    expect(marked.map((f) => f.state)).toEqual(['existing', 'new']);
    expect(summary.stale).toEqual([]);
  });
});

describe('a baseline of a real repository', () => {
  const EXAMPLE = fileURLToPath(new URL('../../examples/vulnerable-app', import.meta.url));
  let dir = '';
  let baselineFile = '';
  beforeAll(async () => {
    dir = path.join(mkdtempSync(path.join(tmpdir(), 'fcg-baseline-')), 'app');
    cpSync(EXAMPLE, dir, { recursive: true });
    const report = await scan({ root: dir, threshold: THRESHOLD });
    expect(report.findings.length).toBeGreaterThan(20);
    baselineFile = path.join(dir, '..', 'baseline.json');
    writeFileSync(baselineFile, renderBaseline(createBaseline(report.findings, report.tool, NOW)));
  });
  afterAll(() => rmSync(path.dirname(dir), { recursive: true, force: true }));

  /** Lines inserted at the top of a file, in its own syntax, unlike any finding's code. */
  function linesAbove(file: string): string {
    switch (configKindOf(file)) {
      case 'python':
        return 'import os  # added above\nUNRELATED = os.getpid()\n\n\n';
      case 'json':
        return '\n\n';
      case 'procfile':
        return '\n';
      default:
        return '# added above\n# and another line\n\n';
    }
  }

  test('re-applied after lines are inserted above every finding, every finding is still existing', async () => {
    const before = await scan({ root: dir, threshold: THRESHOLD });
    const files = new Set(before.findings.map((f) => f.path));
    for (const rel of files) {
      const abs = path.join(dir, rel);
      writeFileSync(abs, linesAbove(rel) + readFileSync(abs, 'utf8'));
    }
    const after = await scan({
      root: dir,
      threshold: THRESHOLD,
      baseline: { path: baselineFile, shown: 'baseline.json' },
    });
    // The findings moved down...
    const moved = after.findings.filter(
      (f) => !before.findings.some((b) => b.fingerprint === f.fingerprint && b.line === f.line),
    );
    expect(moved.length).toBe(before.findings.length);
    // ...and are all recognised.
    expect(after.findings).toHaveLength(before.findings.length);
    expect(after.findings.filter((f) => f.state !== 'existing')).toEqual([]);
    expect(after.baseline).toMatchObject({
      entries: before.findings.length,
      existing: before.findings.length,
      new: 0,
      stale: [],
    });
    const json = toJsonReport(after);
    expect(json.counts.new).toBe(0);
    expect(new Set(json.findings.map((f) => f.state))).toEqual(new Set(['existing']));
    expect(json.grading.new).toMatchObject({ grade: 'A', score: 100 });
    const sarif = toSarif(after);
    expect(new Set(sarif.runs[0]?.results.map((r) => r.baselineState))).toEqual(new Set(['unchanged']));
  });

  test('a new finding is new, a fixed one leaves a stale entry; the grade is shown with and without the old ones', async () => {
    const db = path.join(dir, 'app', 'extensions.py');
    writeFileSync(
      db,
      `${readFileSync(db, 'utf8')}\nimport psycopg2\nNEW = psycopg2.connect("postgresql://app@db.new.example:26257/x?sslmode=disable")\n`,
    );
    const compose = path.join(dir, 'docker-compose.yml');
    writeFileSync(compose, readFileSync(compose, 'utf8').replace(/--insecure/g, '--certs-dir=/certs'));
    const report = await scan({
      root: dir,
      threshold: THRESHOLD,
      baseline: { path: baselineFile, shown: 'baseline.json' },
      gateOn: 'new',
    });
    const fresh = report.findings.filter((f) => f.state === 'new');
    expect(fresh.map((f) => `${f.ruleId} ${f.path}`)).toEqual(['FCG101 app/extensions.py']);
    expect(report.baseline?.stale.map((e) => `${e.ruleId} ${e.path}`)).toContain('FCG107 docker-compose.yml');
    // All findings grade F; the new one alone is one confident high finding: 80, capped at D (grading
    // v2). The gate judges the new ones.
    expect(report.grade.grade).toBe('F');
    expect(report.newGrade).toMatchObject({ score: 80, grade: 'D' });
    expect(report.verdict).toEqual({
      passed: false,
      reasons: ['grade of the new findings D is below the threshold C'],
    });
    const strict = await scan({
      root: dir,
      threshold: { ...THRESHOLD, failBelow: 'B' },
      baseline: { path: baselineFile, shown: 'baseline.json' },
      gateOn: 'new',
    });
    expect(strict.verdict.reasons).toEqual(['grade of the new findings D is below the threshold B']);
    const json = toJsonReport(report);
    expect(json.counts.new).toBe(1);
    expect(json.baseline).toMatchObject({ file: 'baseline.json', new: 1, stale: report.baseline?.stale.length });
    expect(json.grading).toMatchObject({ gateOn: 'new', new: { grade: 'D', score: 80 } });
  });

  test('a missing baseline fails before the scan', async () => {
    await expect(
      scan({ root: dir, threshold: THRESHOLD, baseline: { path: path.join(dir, 'nope.json'), shown: 'nope.json' } }),
    ).rejects.toThrow('baseline file not found: nope.json');
  });
});
