/**
 * Issue 11, item 6 (thousands of distinct password URIs): SecretScrubber masks every secret of a
 * file in one pass over a text, and masks what masking each secret in turn did.
 */
import { describe, expect, test } from '@jest/globals';
import { MASK } from '../../src/models/connections/parse.js';
import { SecretScrubber } from '../../src/models/connections/scrubber.js';
import { growth, LINEAR_BOUND } from './dos-helpers.js';

/** The masking SecretScrubber replaced: each secret in turn, longest first, kept as the reference. */
function scrubOneByOne(text: string, secrets: readonly string[]): string {
  const WORDISH = /[A-Za-z0-9_]/;
  const forms = new Set<string>();
  for (const s of secrets) {
    if (s.length < 3) continue;
    forms.add(s);
    if (encodeURIComponent(s) !== s) forms.add(encodeURIComponent(s));
  }
  let out = text;
  for (const secret of [...forms].sort((a, b) => b.length - a.length)) {
    let next = '';
    let from = 0;
    for (let at = out.indexOf(secret); at >= 0; at = out.indexOf(secret, at + 1)) {
      if (at < from) continue;
      const before = at > 0 ? (out[at - 1] as string) : '';
      const after = out[at + secret.length] ?? '';
      const startsWord = WORDISH.test(secret[0] as string);
      const endsWord = WORDISH.test(secret[secret.length - 1] as string);
      if ((startsWord && before && WORDISH.test(before)) || (endsWord && after && WORDISH.test(after))) continue;
      next += out.slice(from, at) + MASK;
      from = at + secret.length;
    }
    out = next + out.slice(from);
  }
  return out;
}

describe('SecretScrubber', () => {
  const cases: [string, string[]][] = [
    ['postgresql://app:hunter2@db/x?password=hunter2', ['hunter2']],
    ['user postgres, password postgres: postgresql://postgres:postgres@h/db', ['postgres']],
    ['p%40ss and p@ss', ['p@ss']],
    ['abc abcd xabc abc_ abc-d', ['abc']],
    ['s3cr3t!! and s3cr3t!!x', ['s3cr3t!!']],
    ['one two three', ['one', 'three', 'tw']],
    ['hunter2hunter2 hunter2', ['hunter2']],
    ['aaa-bbb aaa bbb', ['aaa-bbb', 'aaa', 'bbb']],
  ];
  test.each(cases)('masks %j as masking each secret in turn did', (text, secrets) => {
    expect(new SecretScrubber(secrets).scrub(text)).toBe(scrubOneByOne(text, secrets));
  });

  test('overlapping occurrences are masked as one: nothing of either is left', () => {
    expect(new SecretScrubber(['a-b', 'b-cd-e']).scrub('x a-b-cd-e y')).toBe(`x ${MASK} y`);
  });

  test('thirty thousand secrets over a long text: one pass', async () => {
    const secrets = Array.from({ length: 30_000 }, (_, i) => `pw${i}x`);
    const run = (n: number): string => new SecretScrubber(secrets.slice(0, n)).scrub(secrets.slice(0, n).join(' '));
    expect(run(3)).toBe([MASK, MASK, MASK].join(' '));
    expect(await growth(run, 3000)).toBeLessThan(LINEAR_BOUND);
  });
});
