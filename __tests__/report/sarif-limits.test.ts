/**
 * SARIF within what GitHub code scanning accepts: at most 25,000 results per run (the most severe
 * kept, a notification saying so), `originalUriBaseIds` for the repository-relative URIs, and an
 * `automationDetails.id` per scanned folder so two folders' uploads do not replace each other.
 */
import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/core/types.js';
import { runCli } from '../../src/cli/run.js';
import { defaultSarifCategory, renderSarifReport, toSarif } from '../../src/report/sarif.js';
import { SARIF_LIMITS } from '../../src/report/sarif-limits.js';
import { buildReport, finding, sarifValidator } from '../helpers/report-builder.js';

const validate = sarifValidator();

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
function many(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    finding({ severity: SEVERITIES[i % 4], path: `app/m${i}.py`, line: 1 + (i % 50) }),
  );
}

describe('results per run', () => {
  test('GitHub rejects more than 25,000 results in a run', () => {
    expect(SARIF_LIMITS.resultsPerRun).toBe(25_000);
  });

  test('25,001 findings: 25,000 results, the least severe one out, and a notification', () => {
    const findings = many(25_001);
    const rendered = renderSarifReport(buildReport({ findings }));
    expect(rendered).toMatchObject({ kept: 25_000, total: 25_001 });
    const run = (JSON.parse(rendered.text) as ReturnType<typeof toSarif>).runs[0];
    expect(run.results).toHaveLength(25_000);
    // Only a low finding is left out; every critical, high and medium one is in.
    const levels = run.results.map((r) => r.properties.severity);
    expect(levels.filter((s) => s === 'low')).toHaveLength(findings.filter((f) => f.severity === 'low').length - 1);
    const note = run.invocations[0].toolExecutionNotifications[0];
    expect(note).toMatchObject({ level: 'warning', descriptor: { id: 'results-capped' } });
    expect(note?.message.text).toContain('holds the 25,000 most severe of 25,001 findings');
  });

  test('a cap keeps the most severe first and stays valid SARIF', () => {
    const findings = [
      finding({ severity: 'low', path: 'a.py' }),
      finding({ severity: 'critical', path: 'b.py' }),
      finding({ severity: 'medium', path: 'c.py' }),
      finding({ severity: 'high', path: 'd.py' }),
    ];
    const log = toSarif(buildReport({ findings, skipped: [{ path: 'big.json', reason: 'too large' }] }), {
      maxResults: 2,
    });
    expectValid(log);
    expect(log.runs[0].results.map((r) => r.properties.severity)).toEqual(['critical', 'high']);
    expect(log.runs[0].invocations[0].toolExecutionNotifications.map((n) => n.message.text)).toEqual([
      expect.stringContaining('holds the 2 most severe of 4 findings'),
      'Skipped big.json: too large',
    ]);
  });

  test('under the cap: every finding, no notification', () => {
    const rendered = renderSarifReport(buildReport({ findings: many(10) }));
    expect(rendered).toMatchObject({ kept: 10, total: 10 });
    expect(
      (JSON.parse(rendered.text) as ReturnType<typeof toSarif>).runs[0].invocations[0].toolExecutionNotifications,
    ).toEqual([]);
  });

  test('the CLI says so on stderr when it writes a capped SARIF file', async () => {
    const report = buildReport({ findings: many(25_003) });
    const out = { code: -1, stdout: '', stderr: '' };
    out.code = await runCli(['scan', '.', '--format', 'sarif', '--exit-zero'], {
      stdout: (s) => (out.stdout += s),
      stderr: (s) => (out.stderr += s),
      env: {},
      scan: () => Promise.resolve(report),
    });
    expect(out.code).toBe(0);
    expect(out.stderr).toContain('flask-crdb-gate: warning: The SARIF report holds the 25,000 most severe of 25,003');
    expect((JSON.parse(out.stdout) as ReturnType<typeof toSarif>).runs[0].results).toHaveLength(25_000);
  });
});

describe('originalUriBaseIds', () => {
  test('%SRCROOT% is the repository root; SCANROOT the scanned folder; every URI is based on %SRCROOT%', () => {
    const log = toSarif(
      buildReport({
        root: '/work/mono/services/api',
        repoPrefix: 'services/api/',
        findings: [finding({ path: 'app.py' })],
        skipped: [{ path: 'x.json', reason: 'binary' }],
      }),
    );
    expectValid(log);
    const run = log.runs[0];
    expect(run.originalUriBaseIds).toEqual({
      '%SRCROOT%': { uri: 'file:///work/mono/', description: { text: expect.any(String) } },
      SCANROOT: { uri: 'services/api/', uriBaseId: '%SRCROOT%', description: { text: expect.any(String) } },
    });
    expect(run.results[0]?.locations[0]?.physicalLocation.artifactLocation).toEqual({
      uri: 'services/api/app.py',
      uriBaseId: '%SRCROOT%',
    });
    expect(run.invocations[0].toolExecutionNotifications[0]?.locations?.[0]?.physicalLocation.artifactLocation).toEqual(
      { uri: 'services/api/x.json', uriBaseId: '%SRCROOT%' },
    );
  });

  test('scanning the repository root: %SRCROOT% alone', () => {
    const log = toSarif(buildReport({ root: '/work/repo', repoPrefix: '' }));
    expectValid(log);
    expect(Object.keys(log.runs[0].originalUriBaseIds)).toEqual(['%SRCROOT%']);
    expect(log.runs[0].originalUriBaseIds['%SRCROOT%'].uri).toBe('file:///work/repo/');
  });
});

describe('automationDetails.id', () => {
  test('derived from the scanned folder, so two folders have two categories', () => {
    expect(defaultSarifCategory('')).toBe('flask-crdb-gate');
    expect(defaultSarifCategory('services/api/')).toBe('flask-crdb-gate/services/api');
    const api = toSarif(buildReport({ repoPrefix: 'services/api/' })).runs[0].automationDetails.id;
    const web = toSarif(buildReport({ repoPrefix: 'services/web/' })).runs[0].automationDetails.id;
    expect(api).toBe('flask-crdb-gate/services/api/');
    expect(web).toBe('flask-crdb-gate/services/web/');
    expect(toSarif(buildReport()).runs[0].automationDetails.id).toBe('flask-crdb-gate/');
  });

  test('a given category, ending in the / that makes all of it the category', () => {
    expect(toSarif(buildReport(), { category: 'gate-api' }).runs[0].automationDetails.id).toBe('gate-api/');
    expect(toSarif(buildReport(), { category: 'gate/api/' }).runs[0].automationDetails.id).toBe('gate/api/');
  });

  test('--sarif-category on the CLI', async () => {
    const out = { stdout: '', stderr: '' };
    const code = await runCli(['scan', '.', '--format', 'sarif', '--sarif-category', 'backend', '--exit-zero'], {
      stdout: (s) => (out.stdout += s),
      stderr: (s) => (out.stderr += s),
      env: {},
      scan: () => Promise.resolve(buildReport()),
    });
    expect(code).toBe(0);
    expect((JSON.parse(out.stdout) as ReturnType<typeof toSarif>).runs[0].automationDetails.id).toBe('backend/');
    expect(await runCli(['scan', '--sarif-category', ' '], { stdout: () => {}, stderr: () => {}, env: {} })).toBe(2);
  });
});
