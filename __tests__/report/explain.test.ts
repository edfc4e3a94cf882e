/**
 * "A grade that explains itself" and what changed the findings counted (suppressions, baseline),
 * in the text report, the job summary (markdown) and the JSON report.
 */
import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/core/types.js';
import type { ScanReport } from '../../src/engine/result.js';
import { gradeFindings } from '../../src/grade/grade.js';
import { toJsonReport } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderText } from '../../src/report/text.js';
import type { SuppressedFinding } from '../../src/suppress/apply.js';
import { buildReport, finding } from '../helpers/report-builder.js';

const high = finding({ ruleId: 'FCG101', name: 'sslmode-disabled', severity: 'high', path: 'app/db.py', line: 12 });
const medium = finding({
  ruleId: 'FCG404',
  name: 'cookie-not-secure',
  severity: 'medium',
  path: 'app/config.py',
  line: 9,
});
const suppressed: SuppressedFinding = {
  ...finding({ ruleId: 'FCG107', name: 'insecure-cluster', severity: 'critical', path: 'docker-compose.yml', line: 4 }),
  suppressedBy: { line: 4, kind: 'nosec', directive: 'nosec FCG107', reason: undefined },
};

function report(extra: Partial<ScanReport> = {}, findings: Finding[] = [high, medium]): ScanReport {
  return { ...buildReport({ findings }), ...extra };
}

const WITH_CONTEXT: Partial<ScanReport> = {
  suppressed: [suppressed],
  suppressions: {
    findings: 1,
    used: 1,
    withoutReason: 1,
    unused: [{ path: 'deploy/<b>x|y</b>.yaml', line: 7, directive: 'ignore[FCG108]', unknown: [] }],
  },
  configFile: '.flask-crdb-gate.yml',
};

describe('text report', () => {
  test('the shortest list of fixes to the next grade, with where and what each brings', () => {
    const text = renderText(report(), { color: false });
    expect(text).toContain('To reach grade C, fix 1 rule (fewest fixes, largest gain first):');
    expect(text).toMatch(
      / 1\. FCG101 sslmode-disabled {2}1 finding \(it caps the grade at D\), \+20 points -> score 92, grade D -> A\n/,
    );
    expect(text).toContain('     app/db.py:12\n');
    // At A there is nothing to plan.
    expect(renderText(report({}, []), { color: false })).not.toContain('To reach grade');
  });

  test('when passing the gate takes more than one grade, one line names the rules', () => {
    const crit = finding({ ruleId: 'FCG107', name: 'insecure-cluster', severity: 'critical', line: 3 });
    const many = [
      crit,
      ...['FCG201', 'FCG202', 'FCG203'].map((id, i) => finding({ ruleId: id, severity: 'high', line: 20 + i })),
    ];
    expect(gradeFindings(many).grade).toBe('F');
    const text = renderText(buildReport({ findings: many, threshold: { failBelow: 'B' } }), { color: false });
    expect(text).toContain('To reach grade D, fix');
    expect(text).toMatch(
      /To pass the gate \(the repository at grade B or better\): fix 4 rules, FCG107, FCG201, FCG202, FCG203/,
    );
  });

  test('configuration, suppressions (and those without a reason) and unused suppressions', () => {
    const text = renderText(report(WITH_CONTEXT), { color: false });
    expect(text).toContain('Configuration: .flask-crdb-gate.yml\n');
    expect(text).toContain('Suppressed: 1 finding by 1 comment, 1 without a reason (not graded)\n');
    expect(text).toContain(
      'Unused suppressions (1; they suppress nothing):\n  deploy/<b>x|y</b>.yaml:7  ignore[FCG108]\n',
    );
  });

  test('baseline: existing, new, stale entries, the grade of the new findings, existing findings marked', () => {
    const existing: Finding = { ...high, state: 'existing' };
    const fresh: Finding = { ...medium, state: 'new' };
    const text = renderText(
      report(
        {
          baseline: {
            file: 'b.json',
            entries: 2,
            existing: 1,
            new: 1,
            stale: [{ fingerprint: 'abc:0', ruleId: 'FCG201', path: 'app/old.py' }],
          },
          newGrade: gradeFindings([fresh]),
          gateOn: 'new',
        },
        [existing, fresh],
      ),
      { color: false },
    );
    expect(text).toContain(
      'Baseline b.json: 1 existing, 1 new, 1 stale entry (no longer found: fixed, suppressed or changed)',
    );
    expect(text).toContain('  stale: app/old.py  FCG201  abc:0');
    expect(text).toContain('New findings only: grade A, score 92/100 (the gate judges these)');
    expect(text).toMatch(/FCG101 sslmode-disabled .*\(existing\)/);
    expect(text).not.toMatch(/FCG404 cookie-not-secure .*\(existing\)/);
  });
});

describe('job summary (markdown)', () => {
  test('a "fastest way" table after how the score was reached', () => {
    const md = renderMarkdown(report());
    const how = md.indexOf('<summary>How the score was reached');
    const plan = md.indexOf('<summary>Fix plan: D → C (grade C passes the gate) in 1 rule fix</summary>');
    expect(how).toBeGreaterThan(0);
    expect(plan).toBeGreaterThan(how);
    expect(md).toContain('| Step | Fix | Where | Grade |');
    expect(md).toMatch(
      /\| 1 \| fix \[FCG101\]\([^)]+sslmode-disabled\.md\) <code>sslmode-disabled<\/code>: 1 finding \(it caps the grade at D\) \| app\/db\.py:12 \| D → A \(score 92\) \|/,
    );
  });

  test('the fix plan folds steps that do not change the grade into the one that does', () => {
    // Four medium-confidence highs (C cap) and a score below 60: no single fix changes the grade.
    const highs = ['FCG201', 'FCG202', 'FCG203', 'FCG204'].map((id, i) =>
      finding({ ruleId: id, name: `rule-${id}`, severity: 'high', confidence: 'medium', line: i + 1 }),
    );
    const md = renderMarkdown(buildReport({ findings: highs }));
    expect(gradeFindings(highs)).toMatchObject({ score: 52, grade: 'F' });
    const rows = md.split('\n').filter((l) => /^\| \d+ \| fix /.test(l));
    // Every row moves the grade: F → D, then D → C; never a row ending where it started.
    for (const row of rows) {
      const [from, to] = /\| ([A-F]) → ([A-F]) \(score/.exec(row)?.slice(1) ?? [];
      expect(from).not.toBe(to);
    }
    expect(rows.length).toBeLessThan(4);
  });

  test('suppressions and unused ones; repository text stays inert', () => {
    const md = renderMarkdown(report(WITH_CONTEXT));
    expect(md).toContain('**Configuration:** .flask-crdb-gate.yml.');
    expect(md).toContain('**Suppressed:** 1 finding by 1 comment, 1 of them without a reason (not graded).');
    expect(md).toContain('<summary>Unused suppressions (1): they suppress nothing</summary>');
    expect(md).toContain('| deploy/&lt;b&gt;x\\|y&lt;/b&gt;.yaml:7 | ignore\\[FCG108\\] |');
    expect(md).not.toContain('<b>x');
  });

  test('baseline and the grade of the new findings', () => {
    const md = renderMarkdown(
      report({
        baseline: {
          file: 'b.json',
          entries: 3,
          existing: 2,
          new: 0,
          stale: [{ fingerprint: 'f:0', ruleId: 'FCG1', path: 'x.py' }],
        },
        newGrade: gradeFindings([]),
      }),
    );
    expect(md).toContain('**Baseline** b.json: 2 existing, 0 new, 1 stale entry (no longer found).');
    expect(md).toContain('**New findings only:** grade A, score 100/100.');
    expect(md).toContain(
      '<summary>Stale baseline entries (1): regenerate with <code>flask-crdb-gate baseline</code></summary>',
    );
  });
});

describe('JSON report', () => {
  test('state on every finding, counts.new, grading.new/nextGrade/toPass, suppressed, suppressions, baseline, config', () => {
    const json = toJsonReport(report(WITH_CONTEXT));
    expect(json.findings.map((f) => f.state)).toEqual(['new', 'new']);
    expect(json.counts.new).toBe(2);
    expect(json.grading).toMatchObject({ gateOn: 'all', new: null, toPass: null });
    expect(json.grading.nextGrade).toEqual({
      from: { grade: 'D', score: 72 },
      target: 'C',
      fixes: [
        {
          ruleId: 'FCG101',
          name: 'sslmode-disabled',
          severity: 'high',
          count: 1,
          allOfRule: true,
          because: 'cap',
          capsAt: 'D',
          points: 20,
          gradeBefore: 'D',
          scoreAfter: 92,
          gradeAfter: 'A',
          locations: [{ path: 'app/db.py', line: 12 }],
        },
      ],
    });
    expect(json.suppressed).toEqual([
      {
        ruleId: 'FCG107',
        name: 'insecure-cluster',
        severity: 'critical',
        path: 'docker-compose.yml',
        line: 4,
        fingerprint: suppressed.fingerprint,
        suppression: { line: 4, kind: 'nosec', directive: 'nosec FCG107', reason: null },
      },
    ]);
    expect(json.suppressions).toEqual({
      used: 1,
      withoutReason: 1,
      unused: [{ path: 'deploy/<b>x|y</b>.yaml', line: 7, directive: 'ignore[FCG108]', unknown: [] }],
    });
    expect(json.baseline).toBeNull();
    expect(json.config).toBe('.flask-crdb-gate.yml');
    // A report built without the optional parts still renders every key.
    const bare = toJsonReport(buildReport({ findings: [high] }));
    expect(bare).toMatchObject({
      suppressed: [],
      suppressions: { used: 0, withoutReason: 0, unused: [] },
      baseline: null,
      config: null,
    });
  });
});
