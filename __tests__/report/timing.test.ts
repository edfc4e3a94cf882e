import { describe, expect, test } from '@jest/globals';
import { emptyTimings, mergeTimings } from '../../src/core/timing.js';
import { formatTimings, timingRequest, timingsJson } from '../../src/report/timing.js';

describe('timingRequest: the flag and FLASK_CRDB_GATE_TIMING, read as ESLint reads TIMING', () => {
  test.each([
    [false, undefined, undefined],
    [false, '', undefined],
    [false, '0', undefined],
    [false, 'false', undefined],
    [true, undefined, { format: 'table', top: 10 }],
    [false, '1', { format: 'table', top: 1 }],
    [false, 'yes', { format: 'table', top: 10 }],
    [false, '25', { format: 'table', top: 25 }],
    [false, 'all', { format: 'table', top: Number.POSITIVE_INFINITY }],
    [false, 'JSON', { format: 'json' }],
    [true, '0', { format: 'table', top: 10 }],
  ] as [boolean, string | undefined, unknown][])('flag %s, env %j', (flag, env, expected) => {
    expect(timingRequest(flag, env)).toEqual(expected);
  });
});

describe('formatTimings', () => {
  const t = emptyTimings();
  t.phases['parse'] = 300;
  t.phases['discover'] = 10;
  t.phases['rules'] = 690;
  t.rules['FCG101'] = 400;
  t.rules['summary:sql'] = 200;
  t.rules['FCG501'] = 90;
  t.counts['bytesRead'] = 2000;
  t.counts['bytesScanned'] = 1500;

  test('phases in run order with their share, the slowest rules first', () => {
    const text = formatTimings(t, 2);
    const lines = text.split('\n');
    expect(lines.findIndex((l) => l.startsWith('discover'))).toBeLessThan(
      lines.findIndex((l) => l.startsWith('parse')),
    );
    expect(text).toMatch(/^parse\s+300\s+30\.0%$/m);
    expect(text).toMatch(/^FCG101\s+400\s+58\.0%$/m);
    expect(text).toMatch(/^summary:sql\s+200/m);
    expect(text).not.toContain('FCG501'); // only the top two
    expect(text).toContain('Bytes read 2000, bytes scanned 1500');
  });

  test('all rules when asked for all', () => {
    expect(formatTimings(t, Number.POSITIVE_INFINITY)).toContain('FCG501');
  });

  test('JSON: one line that parses back', () => {
    const line = timingsJson(t);
    expect(line.endsWith('\n')).toBe(true);
    expect(JSON.parse(line)).toEqual({
      timing: {
        phases: { parse: 300, discover: 10, rules: 690 },
        rules: { FCG101: 400, 'summary:sql': 200, FCG501: 90 },
        counts: { bytesRead: 2000, bytesScanned: 1500 },
      },
    });
  });

  test('mergeTimings adds per key', () => {
    const into = emptyTimings();
    mergeTimings(into, t);
    mergeTimings(into, t);
    expect(into.phases['parse']).toBe(600);
    expect(into.rules['FCG101']).toBe(800);
    expect(into.counts['bytesRead']).toBe(4000);
  });
});
