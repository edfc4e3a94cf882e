import { describe, expect, test } from '@jest/globals';
import { renderJson, toJsonReport } from '../../src/report/json.js';
import { buildReport, finding, sampleReport } from '../helpers/report-builder.js';

describe('JSON report', () => {
  test('carries exactly the contract fields of design.md (plus documented additions)', () => {
    const json = toJsonReport(sampleReport());
    expect(Object.keys(json)).toEqual(
      expect.arrayContaining(['tool', 'grade', 'score', 'threshold', 'passed', 'counts', 'findings', 'skipped']),
    );
    expect(json.tool).toEqual({ name: 'flask-crdb-gate', version: '0.1.0' });
    expect(Object.keys(json.counts).sort()).toEqual(['critical', 'high', 'low', 'medium', 'new']);
    // Without a baseline every finding is new.
    expect(json.counts).toEqual({ critical: 1, high: 2, medium: 1, low: 2, new: 6 });
    for (const f of json.findings) {
      expect(Object.keys(f)).toEqual(
        expect.arrayContaining([
          'ruleId',
          'name',
          'severity',
          'cwe',
          'path',
          'line',
          'endLine',
          'column',
          'message',
          'fingerprint',
        ]),
      );
      expect(Array.isArray(f.cwe)).toBe(true);
    }
    expect(json.skipped).toEqual([{ path: 'static/logo.png', reason: 'binary file' }]);
  });

  test('keeps every threshold key, null when unset', () => {
    const parsed = JSON.parse(
      renderJson(buildReport({ threshold: { failBelow: 'B', minScore: undefined } })),
    ) as Record<string, unknown>;
    expect(parsed['threshold']).toEqual({ failBelow: 'B', minScore: null, failOnSeverity: null });
    const all = toJsonReport(buildReport({ threshold: { failBelow: 'A', minScore: 85, failOnSeverity: 'high' } }));
    expect(all.threshold).toEqual({ failBelow: 'A', minScore: 85, failOnSeverity: 'high' });
  });

  test('sorts findings by severity, then path, then line', () => {
    const report = buildReport({
      findings: [
        finding({ severity: 'low', path: 'a.py', line: 1 }),
        finding({ severity: 'high', path: 'b.py', line: 9 }),
        finding({ severity: 'high', path: 'b.py', line: 2 }),
        finding({ severity: 'high', path: 'a.py', line: 50 }),
        finding({ severity: 'critical', path: 'z.py', line: 1 }),
      ],
    });
    const order = toJsonReport(report).findings.map((f) => `${f.severity} ${f.path}:${f.line}`);
    expect(order).toEqual(['critical z.py:1', 'high a.py:50', 'high b.py:2', 'high b.py:9', 'low a.py:1']);
  });

  test('grade, score, verdict and grading details match the report', () => {
    const report = sampleReport();
    const json = toJsonReport(report);
    expect(json.grade).toBe(report.grade.grade);
    expect(json.score).toBe(report.grade.score);
    expect(json.passed).toBe(false);
    expect(json.reasons).toEqual(report.verdict.reasons);
    expect(json.filesScanned).toBe(12);
    expect(json.grading.version).toBe(2);
    expect(json.findings.every((f) => f.confidence === 'high')).toBe(true);
    expect(json.grading.gaps).toEqual(report.grade.gaps);
    expect(json.grading.penalties.map((p) => p.ruleId)).toEqual(report.grade.penalties.map((p) => p.ruleId));
  });

  test('reports the cap and the grade the score alone would give', () => {
    // One confident high finding: score 80 (B), capped at D.
    const json = toJsonReport(buildReport({ findings: [finding({ severity: 'high' })] }));
    expect(json).toMatchObject({ grade: 'D', score: 80, passed: false });
    expect(json.grading.uncappedGrade).toBe('B');
    expect(json.grading.cap).toEqual({
      grade: 'D',
      reason: 'FCG101 sslmode-disabled (high, 1 place) caps the grade at D',
      rules: [{ ruleId: 'FCG101', name: 'sslmode-disabled', severity: 'high', count: 1 }],
    });
  });

  test('renderJson is the typed object, pretty-printed with a final newline', () => {
    const report = sampleReport();
    const text = renderJson(report);
    expect(text.endsWith('}\n')).toBe(true);
    expect(JSON.parse(text)).toEqual(JSON.parse(JSON.stringify(toJsonReport(report))));
  });

  test('an empty report passes with empty lists', () => {
    const json = toJsonReport(buildReport());
    expect(json).toMatchObject({ grade: 'A', score: 100, passed: true, findings: [], skipped: [], reasons: [] });
    expect(json.grading.cap).toBeNull();
  });
});
