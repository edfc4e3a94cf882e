import { describe, expect, test } from '@jest/globals';
import { renderSarif, toSarif, artifactUri, sarifPrecision, type SarifLog } from '../../src/report/sarif.js';
import { buildReport, finding, ruleMeta, sampleReport, sarifValidator } from '../helpers/report-builder.js';

const validate = sarifValidator();

function expectValid(log: unknown): void {
  const ok = validate(log);
  expect(validate.errors ?? []).toEqual([]);
  expect(ok).toBe(true);
}

function run(log: SarifLog) {
  return log.runs[0];
}

describe('SARIF report', () => {
  test('is valid SARIF 2.1.0: a full report, an empty one, odd paths and spans', () => {
    expectValid(JSON.parse(renderSarif(sampleReport())));
    expectValid(JSON.parse(renderSarif(buildReport())));
    expectValid(
      toSarif(
        buildReport({
          findings: [
            finding({ path: 'dir with space/naïve #1?.py', line: 3, column: 1, endLine: 3, endColumn: 1 }),
            finding({ path: 'multi.py', line: 5, column: 30, endLine: 7, endColumn: 2 }),
          ],
          skipped: [{ path: 'big file.json', reason: 'larger than 1 MiB' }],
        }),
      ),
    );
  });

  test('the validator rejects what is not SARIF (the check above can fail)', () => {
    const log = JSON.parse(renderSarif(sampleReport())) as {
      runs: { results: { locations: { physicalLocation: { region: { startLine: number } } }[] }[] }[];
    };
    const region = log.runs[0]?.results[0]?.locations[0]?.physicalLocation.region;
    if (!region) throw new Error('sample report has no result');
    region.startLine = 0;
    expect(validate(log)).toBe(false);
    expect(validate({ version: '2.0.0', runs: [] })).toBe(false);
  });

  test('has one run whose driver names the tool', () => {
    const log = toSarif(sampleReport());
    expect(log.version).toBe('2.1.0');
    expect(log.$schema).toMatch(/sarif-schema-2\.1\.0\.json$/);
    expect(log.runs).toHaveLength(1);
    expect(run(log).tool.driver).toMatchObject({
      name: 'flask-crdb-gate',
      version: '0.1.0',
      semanticVersion: '0.1.0',
      informationUri: 'https://github.com/flask-crdb-gate/flask-crdb-gate',
    });
  });

  test('lists every rule that ran, with the metadata GitHub code scanning reads', () => {
    const fired = ruleMeta({
      id: 'FCG203',
      name: 'hardcoded-flask-secret',
      family: 'secrets',
      cwe: [798, 321],
      severity: 'high',
    });
    const silent = ruleMeta({
      id: 'FCG305',
      name: 'weak-randomness',
      family: 'crypto',
      cwe: [338],
      severity: 'medium',
      precision: 'medium',
    });
    const low = ruleMeta({ id: 'FCG403', name: 'weak-work-factor', family: 'auth', cwe: [916], severity: 'low' });
    const crit = ruleMeta({
      id: 'FCG107',
      name: 'insecure-cluster',
      family: 'transport',
      cwe: [319, 306],
      severity: 'critical',
    });
    const report = buildReport({
      rules: [fired, silent, low, crit],
      findings: [finding({ ruleId: 'FCG203', name: 'hardcoded-flask-secret', family: 'secrets' })],
    });
    const rules = run(toSarif(report)).tool.driver.rules;
    expect(rules.map((r) => r.id)).toEqual(['FCG203', 'FCG305', 'FCG403', 'FCG107']);
    const [secret, random, work, cluster] = rules;
    expect(secret).toMatchObject({
      id: 'FCG203',
      name: 'hardcoded-flask-secret',
      shortDescription: { text: 'Title of hardcoded-flask-secret' },
      fullDescription: { text: 'Flags hardcoded-flask-secret.' },
      helpUri: 'https://github.com/flask-crdb-gate/flask-crdb-gate/blob/main/docs/rules/hardcoded-flask-secret.md',
      defaultConfiguration: { level: 'error' },
      properties: {
        tags: ['security', 'secrets', 'external/cwe/cwe-798', 'external/cwe/cwe-321'],
        'security-severity': '8.0',
        precision: 'high',
      },
    });
    expect(random?.properties).toMatchObject({ 'security-severity': '5.5', precision: 'medium' });
    expect(random?.defaultConfiguration.level).toBe('warning');
    expect(work?.properties['security-severity']).toBe('3.0');
    expect(work?.defaultConfiguration.level).toBe('note');
    expect(cluster?.properties['security-severity']).toBe('9.5');
    expect(cluster?.properties.tags).toEqual(['security', 'transport', 'external/cwe/cwe-319', 'external/cwe/cwe-306']);
    for (const r of rules) expect(Number.isFinite(Number(r.properties['security-severity']))).toBe(true);
  });

  test('help carries what, why, fix and the example, in text and markdown, with the docs link', () => {
    const meta = ruleMeta({
      fix: 'Use `sslmode=verify-full` and ship the CA.',
      bad: { lang: 'python', code: 'x = "```"\n' },
    });
    const [rule] = run(toSarif(buildReport({ rules: [meta] }))).tool.driver.rules;
    expect(rule).toBeDefined();
    const docs = 'https://github.com/flask-crdb-gate/flask-crdb-gate/blob/main/docs/rules/sslmode-disabled.md';
    for (const part of [meta.what, meta.why, meta.fix, 'x = "```"', 'sslmode=verify-full")', docs]) {
      expect(rule?.help.text).toContain(part);
      expect(rule?.help.markdown).toContain(part);
    }
    // A fence longer than any backtick run in the code, so the example cannot close it early.
    expect(rule?.help.markdown).toContain('````python\nx = "```"\n````');
    expect(rule?.help.markdown).toContain(`[Full documentation](${docs})`);
  });

  test('maps each finding to a result with level, location, region and fingerprint', () => {
    const report = buildReport({
      rules: [ruleMeta({ id: 'FCG404', name: 'cookie-not-secure' }), ruleMeta({ id: 'FCG101' })],
      findings: [
        finding({
          ruleId: 'FCG101',
          severity: 'low',
          path: 'tests/db.py',
          line: 2,
          column: 3,
          endLine: 2,
          endColumn: 9,
          fingerprint: 'abc123',
          role: 'test',
        }),
        finding({ ruleId: 'FCG101', severity: 'critical', path: 'a.py', line: 8 }),
        finding({ ruleId: 'FCG404', name: 'cookie-not-secure', severity: 'medium', path: 'b.py', line: 1 }),
        finding({ ruleId: 'FCG999', name: 'unknown-rule', severity: 'high', path: 'c.py', line: 1 }),
      ],
    });
    const results = run(toSarif(report)).results;
    expect(results.map((r) => [r.ruleId, r.level])).toEqual([
      ['FCG101', 'error'],
      ['FCG999', 'error'],
      ['FCG404', 'warning'],
      ['FCG101', 'note'],
    ]);
    expect(results[0]?.ruleIndex).toBe(1);
    expect(results[1]?.ruleIndex).toBeUndefined();
    expect(results[2]?.ruleIndex).toBe(0);
    expect(results[3]).toEqual({
      ruleId: 'FCG101',
      ruleIndex: 1,
      level: 'note',
      message: { text: 'sslmode=disable sends queries and passwords in plaintext.' },
      locations: [
        {
          physicalLocation: {
            artifactLocation: { uri: 'tests/db.py', uriBaseId: '%SRCROOT%' },
            region: { startLine: 2, startColumn: 3, endLine: 2, endColumn: 9 },
          },
        },
      ],
      partialFingerprints: { primaryLocationLineHash: 'abc123' },
      rank: 90,
      properties: { severity: 'low', confidence: 'high', family: 'transport', role: 'test' },
    });
  });

  test('rank follows the confidence of the finding, precision the default confidence of the rule', () => {
    const report = buildReport({
      findings: (['high', 'medium', 'low'] as const).map((confidence, i) => finding({ confidence, line: i + 1 })),
    });
    expect(run(toSarif(report)).results.map((r) => [r.rank, r.properties.confidence])).toEqual([
      [90, 'high'],
      [60, 'medium'],
      [30, 'low'],
    ]);
    expect(sarifPrecision(ruleMeta({ precision: 'very-high', confidence: 'high' }))).toBe('very-high');
    expect(sarifPrecision(ruleMeta({ precision: 'very-high', confidence: 'medium' }))).toBe('medium');
    expect(sarifPrecision(ruleMeta({ precision: 'high', confidence: 'low' }))).toBe('low');
    // A rule that states no confidence takes it from its precision.
    expect(sarifPrecision(ruleMeta({ precision: 'medium' }))).toBe('medium');
  });

  test('writes repository-relative URIs with forward slashes and encoded specials', () => {
    expect(artifactUri('app/config.py')).toBe('app/config.py');
    expect(artifactUri('app\\win\\cfg.py')).toBe('app/win/cfg.py');
    expect(artifactUri('my dir/a#b?.py')).toBe('my%20dir/a%23b%3F.py');
    expect(artifactUri('ünï/x.py')).toBe('%C3%BCn%C3%AF/x.py');
  });

  test('reports skipped files as warning notifications of a successful invocation', () => {
    const report = buildReport({ skipped: [{ path: 'static/logo.png', reason: 'binary file' }] });
    const [invocation] = run(toSarif(report)).invocations;
    expect(invocation.executionSuccessful).toBe(true);
    expect(invocation.toolExecutionNotifications).toEqual([
      {
        level: 'warning',
        message: { text: 'Skipped static/logo.png: binary file' },
        locations: [{ physicalLocation: { artifactLocation: { uri: 'static/logo.png', uriBaseId: '%SRCROOT%' } } }],
      },
    ]);
  });
});

test('locations are repository-relative when the scanned folder is a subfolder', () => {
  const report = buildReport({
    repoPrefix: 'examples/app/',
    findings: [finding({ path: 'db.py' })],
    skipped: [{ path: 'x.bin', reason: 'binary file (NUL byte)' }],
  });
  const run = toSarif(report).runs[0];
  expect(run?.results[0]?.locations[0]?.physicalLocation.artifactLocation.uri).toBe('examples/app/db.py');
  expect(
    run?.invocations[0]?.toolExecutionNotifications[0]?.locations?.[0]?.physicalLocation.artifactLocation.uri,
  ).toBe('examples/app/x.bin');
});
