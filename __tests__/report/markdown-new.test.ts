/** The job summary on a pull request: new findings first and marked, notes about the change. */
import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/core/types.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { buildReport, finding } from '../helpers/report-builder.js';

const rows = (md: string): string[] =>
  md
    .slice(md.indexOf('<summary>All findings'))
    .split('\n')
    .filter((l) => /^\| (🆕 )?[🟣🔴🟠🟡] /u.test(l));

describe('markdown with new findings', () => {
  const old = finding({ severity: 'critical', path: 'app/old.py', line: 1 });
  const fresh = finding({ severity: 'low', path: 'app/new.py', line: 2 });
  const fresh2 = finding({ severity: 'high', path: 'app/new.py', line: 9 });
  const report = buildReport({ findings: [old, fresh, fresh2] });
  const isNew = (f: Finding): boolean => f === fresh || f === fresh2;

  test('lists new findings first (by severity), marked, and counts them in the heading', () => {
    const md = renderMarkdown(report, { isNew });
    expect(md).toContain('<summary>All findings (3, 2 new)</summary>');
    // The new ones are the top findings, open above the details.
    expect(md.slice(md.indexOf('### Top new findings'), md.indexOf('<details>'))).toContain('| 🆕 🔴 high');
    expect(md).toContain('🆕 marks the new findings');
    expect(rows(md).map((r) => r.slice(0, r.indexOf(' | ', 3)))).toEqual([
      '| 🆕 🔴 high',
      '| 🆕 🟡 low',
      '| 🟣 critical',
    ]);
  });

  test('without isNew the summary is as before', () => {
    const md = renderMarkdown(report);
    expect(md).toContain('<summary>All findings (3)</summary>');
    expect(md).not.toContain('🆕');
  });

  test('notes come under the verdict, one line each, with no HTML', () => {
    const md = renderMarkdown(report, {
      notes: ['Changed lines: from git diff `a..b`.', 'Branch <img src=x>\nsecond line'],
    });
    const section = md.slice(md.indexOf('### Changes under review'), md.indexOf('### Top findings'));
    expect(section).toBe(
      '### Changes under review\n\n- Changed lines: from git diff `a..b`.\n- Branch &lt;img src=x&gt; second line\n\n',
    );
    expect(md.indexOf('### Changes under review')).toBeLessThan(md.indexOf('<summary>How the score was reached'));
  });

  test('trimming leaves out the old findings before the new ones', () => {
    const many = Array.from({ length: 400 }, (_, i) =>
      finding({ severity: 'critical', path: `app/m${i}.py`, line: i + 1, message: 'x'.repeat(200) }),
    );
    const newOnes = Array.from({ length: 5 }, (_, i) => finding({ severity: 'low', path: 'app/n.py', line: i + 1 }));
    const big = buildReport({ findings: [...many, ...newOnes] });
    const md = renderMarkdown(big, { isNew: (f) => newOnes.includes(f), maxBytes: 20_000 });
    expect(Buffer.byteLength(md)).toBeLessThanOrEqual(20_000);
    const kept = rows(md);
    expect(kept.slice(0, 5).every((r) => r.startsWith('| 🆕'))).toBe(true);
    expect(kept.length).toBeLessThan(405);
  });
});
