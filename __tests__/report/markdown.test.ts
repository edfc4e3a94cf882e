import { describe, expect, test } from '@jest/globals';
import type { Finding } from '../../src/core/types.js';
import {
  DEFAULT_MAX_BYTES,
  blobLink,
  escapeMarkdown,
  messageMarkdown,
  renderMarkdown,
} from '../../src/report/markdown.js';
import { buildReport, finding, sampleReport } from '../helpers/report-builder.js';

const bytes = (s: string): number => Buffer.byteLength(s, 'utf8');
const DOCS = 'https://github.com/flask-crdb-gate/flask-crdb-gate/blob/main/docs/rules';

function manyFindings(n: number): Finding[] {
  return Array.from({ length: n }, (_, i) =>
    finding({
      ruleId: `FCG${100 + (i % 5) * 100 + (i % 7)}`,
      name: 'some-rule',
      severity: (['critical', 'high', 'medium', 'low'] as const)[i % 4],
      path: `pkg/module_${i % 97}/file_${i}.py`,
      line: i + 1,
      message: `A finding message number ${i} that is long enough to take some room in the table: ${'x'.repeat(60)}`,
    }),
  );
}

describe('markdown job summary', () => {
  test('heads with grade, score, verdict and threshold', () => {
    const failed = renderMarkdown(sampleReport({ minScore: 80, failOnSeverity: 'high' }));
    expect(failed.startsWith('## ❌ flask-crdb-gate: grade F, score 8/100, failed\n')).toBe(true);
    expect(failed).toContain('**Threshold:** fail below grade C, min score 80, fail on high severity or above.');
    expect(failed).toContain('- Grade F is below the threshold C.');
    expect(failed).toContain('- 3 findings at or above high severity.');
    const passed = renderMarkdown(buildReport({ findings: [finding({ severity: 'low' })] }));
    expect(passed.startsWith('## ✅ flask-crdb-gate: grade A, score 98/100, passed\n')).toBe(true);
    expect(passed).not.toContain('Why it failed');
  });

  test('counts findings per family and severity', () => {
    const md = renderMarkdown(sampleReport());
    expect(md).toContain('| transport | 1 | 1 | 0 | 1 | 3 |');
    expect(md).toContain('| secrets | 0 | 1 | 0 | 0 | 1 |');
    expect(md).toContain('| crypto | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| auth | 0 | 0 | 1 | 1 | 2 |');
    expect(md).toContain('| design | 0 | 0 | 0 | 0 | 0 |');
    expect(md).toContain('| **All** | **1** | **2** | **1** | **2** | **6** |');
  });

  test('shows how the score was reached, heaviest rule first, and the cap', () => {
    const md = renderMarkdown(sampleReport());
    const table = md.slice(md.indexOf('<summary>How the score was reached'), md.indexOf('<summary>Fix plan'));
    const rows = table.split('\n').filter((l) => l.startsWith('| ['));
    expect(rows.map((r) => /\[(FCG\d+)\]/.exec(r)?.[1])).toEqual(['FCG107', 'FCG101', 'FCG203', 'FCG404', 'FCG406']);
    expect(rows[1]).toBe(
      `| [FCG101](${DOCS}/sslmode-disabled.md) <code>sslmode-disabled</code> | 🔴 high | high | flaw | 2 findings (1 in test/dev files: reduced weight) | −22 |`,
    );
    expect(table).toContain('| Start | | | | | 100 |');
    expect(table).toContain('| **Score** | | | | | **8** (grade F) |');
    // Closed by default: the score table is inside <details>.
    expect(md.indexOf('<details>')).toBeLessThan(md.indexOf('| Start |'));
    const capped = renderMarkdown(buildReport({ findings: [finding({ severity: 'high' })] }));
    expect(capped).toContain('Grade capped at **D**: FCG101 sslmode-disabled (high, 1 place) caps the grade at D');
    expect(capped).toContain(
      '- FCG101 sslmode-disabled (high, 1 place) caps the grade at D (the score alone gives B).',
    );
    expect(renderMarkdown(buildReport())).toContain('No findings: nothing was taken from 100.');
  });

  test('lists findings by severity with the rule linked to its docs page and path:line', () => {
    const md = renderMarkdown(sampleReport());
    const rows = md
      .slice(md.indexOf('<summary>All findings (6)</summary>'))
      .split('\n')
      .filter((l) => /^\| \S+ (critical|high|medium|low) \|/.test(l));
    expect(rows.map((r) => r.split(' | ')[2])).toEqual([
      'docker-compose.yml:7',
      'app/config.py:4',
      'app/db.py:12',
      'app/config.py:9',
      'app/config.py:10',
      'tests/test\\_db.py:3',
    ]);
    expect(rows[0]).toBe(
      `| 🟣 critical | [FCG107](${DOCS}/insecure-cluster.md) <code>insecure-cluster</code> | docker-compose.yml:7 | cockroach start --insecure turns off TLS and authentication. |`,
    );
    expect(renderMarkdown(buildReport())).toContain('<summary>All findings (0)</summary>\n\nNo findings.');
    // The top findings stay open, above every <details>: the most severe first.
    const top = md.slice(md.indexOf('### Top findings'), md.indexOf('<details>'));
    expect(top.split('\n').filter((l) => /^\| \S+ (critical|high|medium|low)/.test(l))).toHaveLength(5);
    expect(top).toContain('docker-compose.yml:7');
  });

  test('lists skipped files in a collapsed section', () => {
    const md = renderMarkdown(buildReport({ skipped: [{ path: 'static/logo.png', reason: 'binary file' }] }));
    expect(md).toContain('<summary>Skipped files (1)</summary>');
    expect(md).toContain('| static/logo.png | binary file |');
    expect(renderMarkdown(buildReport())).not.toContain('Skipped files');
  });

  test('escapes pipes, backticks, HTML and emphasis in repository text', () => {
    expect(escapeMarkdown('a|b `c` <img src=x onerror=alert(1)> **d** [e](f) \\ & _g_ ~h~')).toBe(
      'a\\|b \\`c\\` &lt;img src=x onerror=alert(1)&gt; \\*\\*d\\*\\* \\[e\\](f) \\\\ &amp; \\_g\\_ \\~h\\~',
    );
    expect(escapeMarkdown('line\nbreak\r\n\ttab')).toBe('line break tab');
    const md = renderMarkdown(
      buildReport({
        findings: [finding({ path: 'a|b.py', message: 'value `x` in <script>alert(1)</script> | cell' })],
      }),
    );
    // The findings table's row (the plan of fixes lists the location too).
    const row = md.split('\n').find((l) => l.startsWith('| 🔴') && l.includes('a\\|b.py'));
    expect(row).toBe(
      `| 🔴 high | [FCG101](${DOCS}/sslmode-disabled.md) <code>sslmode-disabled</code> | a\\|b.py:10 | value <code>x</code> in &lt;script&gt;alert(1)&lt;/script&gt; \\| cell |`,
    );
    expect(md).not.toContain('<script>');
    // Code a message quotes renders as code, escaped inside; an unpaired backtick stays literal.
    expect(messageMarkdown('set `A|<b>` and `B`')).toBe('set <code>A\\|&lt;b&gt;</code> and <code>B</code>');
    expect(messageMarkdown('odd ` tick')).toBe('odd \\` tick');
  });

  test('links every location to the file and line at the scanned commit, repository-relative', () => {
    const link = blobLink({ repository: 'octo/app', sha: 'abc123' }, 'services/api');
    const md = renderMarkdown(sampleReport(), { ...(link ? { link } : {}) });
    expect(md).toContain(
      '[docker-compose.yml:7](https://github.com/octo/app/blob/abc123/services/api/docker-compose.yml#L7)',
    );
    const locations = md
      .split('\n')
      .filter((l) => /^\| \S+ (critical|high|medium|low)/.test(l))
      .map((l) => l.split(' | ')[2]);
    expect(locations.length).toBeGreaterThan(5);
    for (const loc of locations)
      expect(loc).toMatch(
        /^\[[^\]]+:\d+\]\(https:\/\/github\.com\/octo\/app\/blob\/abc123\/services\/api\/\S+#L\d+\)$/,
      );
    // A hostile name cannot end the link: every segment is percent-encoded.
    const odd = blobLink(
      { server: 'https://ghe.example/', repository: 'o/r', sha: 's' },
      '',
    )?.({ path: 'a b/(x).py', line: 3 });
    expect(odd).toBe('https://ghe.example/o/r/blob/s/a%20b/%28x%29.py#L3');
    expect(blobLink({ repository: 'nope', sha: 's' }, '')).toBeUndefined();
    expect(blobLink({ repository: 'o/r', sha: undefined }, '')).toBeUndefined();
  });

  test('stays within the default limit, under GitHub’s 1 MiB, by leaving findings out and saying how many', () => {
    expect(DEFAULT_MAX_BYTES).toBeLessThan(1024 * 1024);
    const report = buildReport({ findings: manyFindings(8000) });
    const md = renderMarkdown(report);
    expect(bytes(md)).toBeLessThanOrEqual(DEFAULT_MAX_BYTES);
    const shown = md
      .slice(md.indexOf('<summary>All findings'))
      .split('\n')
      .filter((l) => /^\| \S+ (critical|high|medium|low) \| \[FCG/.test(l) && l.includes('pkg/')).length;
    expect(shown).toBeGreaterThan(1000);
    expect(shown).toBeLessThan(8000);
    expect(md).toContain(`_${8000 - shown} findings of 8000 left out to keep this summary within GitHub's size limit;`);
    // The kept rows are the most severe.
    expect(md).toContain('<summary>All findings (8000)</summary>');
    expect(md.endsWith('scanned</sub>\n')).toBe(true);
  });

  test('honours any maxBytes, leaving out skipped rows first, then the least severe findings', () => {
    const report = buildReport({
      findings: manyFindings(300),
      skipped: Array.from({ length: 200 }, (_, i) => ({ path: `blob_${i}.bin`, reason: 'binary file' })),
    });
    const full = renderMarkdown(report);
    expect(full).not.toContain('left out');
    for (const maxBytes of [bytes(full), bytes(full) - 1, 60_000, 20_000, 12_000, 7_000]) {
      const md = renderMarkdown(report, { maxBytes });
      expect(bytes(md)).toBeLessThanOrEqual(maxBytes);
      expect(md).toContain('<summary>How the score was reached');
    }
    // Just under the full size: only skipped rows go (findings come first).
    const nearly = renderMarkdown(report, { maxBytes: bytes(full) - 1 });
    expect(nearly).not.toContain('findings of 300 left out');
    expect(nearly).toMatch(/_\d+ skipped files? of 200 left out/);
    const tight = renderMarkdown(report, { maxBytes: 20_000 });
    expect(tight).toMatch(/_\d+ findings of 300 left out/);
    expect(tight).toContain('_200 skipped files of 200 left out');
    // Severity order survives trimming: the first row kept is a critical one.
    expect(
      tight.split('\n').find((l) => /^\| \S+ (critical|high|medium|low) \| \[FCG/.test(l) && l.includes('pkg/')),
    ).toMatch(/critical/);
  });

  test('even an absurdly small limit is respected', () => {
    const md = renderMarkdown(sampleReport(), { maxBytes: 100 });
    expect(bytes(md)).toBeLessThanOrEqual(100);
    expect(md.startsWith('## ❌')).toBe(true);
  });
});
