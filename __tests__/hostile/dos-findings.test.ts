/**
 * Issue 11, item 6: files of many findings. Thousands of distinct password URIs (each one a
 * secret every message and fingerprint of the file is scrubbed of), a one-line TOML array of
 * URIs (thousands of findings on one long line), URIs nested in str(str(...)) in a connect call,
 * hundreds of thousands of `# nosec` lines, a long `+` chain after a URI: each in time linear in its
 * size.
 */
import { describe, expect, test } from '@jest/globals';
import { analyseShape, growth, LINEAR_BOUND } from './dos-helpers.js';

describe('many findings in one file', () => {
  test('distinct password URIs: every one found, no password in any message, linear', async () => {
    const result = await analyseShape('password-uris', 50);
    expect(result.skipped).toEqual([]);
    expect(result.findings.filter((f) => f.ruleId === 'FCG201')).toHaveLength(50);
    for (const f of result.findings) expect(f.message).not.toMatch(/secret\d+/);
    expect(await growth((n) => analyseShape('password-uris', n), 300)).toBeLessThan(LINEAR_BOUND);
  });

  test('a one-line TOML array of URIs: distinct fingerprints, linear', async () => {
    const result = await analyseShape('toml-uri-array', 40);
    expect(result.skipped).toEqual([]);
    expect(new Set(result.findings.map((f) => f.fingerprint)).size).toBe(result.findings.length);
    expect(await growth((n) => analyseShape('toml-uri-array', n), 200)).toBeLessThan(LINEAR_BOUND);
  });

  test('str(str(...)) around a URI in a connect call: found, linear in the nesting', async () => {
    const result = await analyseShape('nested-calls', 100);
    expect(result.skipped).toEqual([]);
    expect(result.findings.map((f) => f.ruleId).sort()).toEqual(['FCG101', 'FCG201']);
    expect(await growth((n) => analyseShape('nested-calls', n), 1500)).toBeLessThan(LINEAR_BOUND);
  });

  test('hundreds of thousands of # nosec lines: linear in their number', async () => {
    const result = await analyseShape('nosec-lines', 100);
    expect(result.skipped).toEqual([]);
    expect(await growth((n) => analyseShape('nosec-lines', n), 4000)).toBeLessThan(LINEAR_BOUND);
  });

  test('a URI + "x" + "x" ... chain in a connect call: the climb to its root is linear in its length', async () => {
    const result = await analyseShape('plus-chain', 100);
    expect(result.skipped).toEqual([]);
    expect(await growth((n) => analyseShape('plus-chain', n), 2000)).toBeLessThan(LINEAR_BOUND);
  });
});
