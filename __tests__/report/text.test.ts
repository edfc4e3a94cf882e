import { describe, expect, test } from '@jest/globals';
import { printable, renderText } from '../../src/report/text.js';
import { buildReport, finding, sampleReport } from '../helpers/report-builder.js';

const ESC = '\u001b[';

describe('text report', () => {
  test('groups findings by file in path order, each line "line:col  SEVERITY  confidence  ruleId name  message"', () => {
    const text = renderText(sampleReport(), { color: false });
    const unindented = text.split('\n').filter((l) => l !== '' && !l.startsWith(' '));
    expect(unindented.slice(0, 4)).toEqual(['app/config.py', 'app/db.py', 'docker-compose.yml', 'tests/test_db.py']);
    const configBlock = text.slice(text.indexOf('app/config.py\n'), text.indexOf('app/db.py\n'));
    expect(
      configBlock
        .split('\n')
        .filter((l) => l.startsWith('  '))
        .map((l) => l.trim().split(/\s+/).slice(0, 5).join(' ')),
    ).toEqual(['4:5 HIGH high conf. FCG203', '9:5 MEDIUM high conf. FCG404', '10:5 LOW high conf. FCG406']);
    expect(text).toMatch(
      /^ {2}7:9 +CRITICAL +high conf\. +FCG107 insecure-cluster +cockroach start --insecure turns off TLS and authentication\.$/m,
    );
    const unsure = renderText(buildReport({ findings: [finding({ confidence: 'low' })] }), { color: false });
    expect(unsure).toMatch(/ HIGH +low conf\. +FCG101 /);
  });

  test('lists skipped files with their reasons', () => {
    const text = renderText(
      buildReport({
        skipped: [
          { path: 'static/logo.png', reason: 'binary file' },
          { path: 'data/big.json', reason: 'larger than 1 MiB' },
        ],
      }),
      { color: false },
    );
    expect(text).toContain('Skipped 2 files:');
    expect(text).toMatch(/^ {2}static\/logo\.png +binary file$/m);
    expect(text).toMatch(/^ {2}data\/big\.json +larger than 1 MiB$/m);
  });

  test('ends with the score block: grade, score, verdict, reasons, counts, penalties rule by rule', () => {
    const text = renderText(sampleReport({ minScore: 50 }), { color: false });
    const block = text.slice(text.indexOf('Grade '));
    expect(block).toMatch(/^Grade F {2}score 8\/100 {2}FAILED$/m);
    expect(block).toContain('  - grade F is below the threshold C');
    expect(block).toContain('  - score 8 is below the minimum 50');
    expect(block).toContain('Threshold: fail below grade C, min score 50');
    expect(block).toContain('Findings: 1 critical, 2 high, 1 medium, 2 low (6 findings in 4 files; 12 files scanned)');
    expect(block).toContain('How the score was reached (grading v2):');
    const lines = block.split('\n');
    const start = lines.findIndex((l) => l.trim() === '100  start');
    const penaltyLines = lines.slice(start + 1, start + 6).map((l) => l.trim().split(/\s+/).slice(0, 2).join(' '));
    // Heaviest first: what to fix first to gain the most.
    expect(penaltyLines).toEqual(['-40 FCG107', '-22 FCG101', '-20 FCG203', '-8 FCG404', '-2 FCG406']);
    expect(block).toContain('2 findings (1 in test/dev files: reduced weight)');
    expect(block).toMatch(/-22 +FCG101 sslmode-disabled +high +high conf\. +flaw +2 findings/);
    expect(lines[start + 6]?.trim()).toBe('= 8  score, grade F');
  });

  test('says when a cap lowered the grade, naming the rule, and passes', () => {
    const text = renderText(buildReport({ findings: [finding({ severity: 'high', confidence: 'medium' })] }), {
      color: false,
    });
    expect(text).toMatch(/^Grade C {2}score 88\/100 {2}PASSED$/m);
    expect(text).toContain('Capped at C: FCG101 sslmode-disabled (high, 1 place) caps the grade at C');
    expect(text).toContain('(the score alone gives B)');
  });

  test('says so when nothing was found', () => {
    const text = renderText(buildReport({ filesScanned: 3 }), { color: false });
    expect(text).toContain('No findings in 3 files.');
    expect(text).toContain('Findings: none (3 files scanned)');
    expect(text).toMatch(/^Grade A {2}score 100\/100 {2}PASSED$/m);
    expect(text).toContain('= 100  score, grade A');
  });

  test('uses ANSI colour only when asked', () => {
    const report = sampleReport();
    expect(renderText(report, { color: false })).not.toContain(ESC);
    const coloured = renderText(report, { color: true });
    expect(coloured).toContain(`${ESC}1;35mCRITICAL`);
    expect(coloured).toContain(`${ESC}1;31mFAILED${ESC}0m`);
    // Stripped of colour it is the plain report.
    // eslint-disable-next-line no-control-regex
    expect(coloured.replace(/\u001b\[[0-9;]*m/g, '')).toBe(renderText(report, { color: false }));
  });

  test('never lets a control character from a path or message reach the terminal', () => {
    const report = buildReport({
      findings: [finding({ path: 'evil\u001b[2J.py', message: 'bad\u0007 value\nnext line' })],
      skipped: [{ path: 'x\u001b]0;title\u0007.bin', reason: 'binary\r file' }],
    });
    const text = renderText(report, { color: false });
    // eslint-disable-next-line no-control-regex
    expect(text).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f]/);
    expect(text).toContain('evil\\x1b[2J.py');
    expect(printable('a\tb\nc\u009bd')).toBe('a b%0Ac\\x9bd');
  });
});
