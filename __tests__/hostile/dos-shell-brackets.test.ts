/**
 * ShellBrackets (issue 11, item 6: unclosed `"$(`) finds the closer of every `$(` and `${` of a
 * segment in linear time overall; it must find the closer a scan from that opener alone finds.
 */
import { describe, expect, test } from '@jest/globals';
import { ShellBrackets } from '../../src/parse/config/shell-brackets.js';

/** The scan from one opener that ShellBrackets replaces, kept here as the reference it must agree with. */
function matchClose(text: string, open: number, opener: string, closer: string): number {
  let depth = 0;
  for (let i = open; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === "'" && opener === '(') {
      const e = text.indexOf("'", i + 1);
      if (e < 0) return -1;
      i = e;
    } else if (c === '"') {
      for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
    } else if (c === opener) depth++;
    else if (c === closer) {
      depth--;
      if (depth === 0) return i;
    }
  }
  return -1;
}

/** A small deterministic generator (no flaky random inputs). */
function* texts(count: number): Generator<string> {
  let seed = 11;
  const next = (): number => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed;
  };
  const alphabet = ['$(', '${', '(', ')', '{', '}', '"', "'", '\\', 'a', ' '];
  for (let k = 0; k < count; k++) {
    let s = '';
    const len = 1 + (next() % 24);
    for (let i = 0; i < len; i++) s += alphabet[next() % alphabet.length];
    yield s;
  }
}

describe('ShellBrackets', () => {
  test('agrees with a scan from each opener, whatever the order openers are asked in', () => {
    for (const text of texts(4000)) {
      for (const [opener, closer] of [
        ['(', ')'],
        ['{', '}'],
      ] as const) {
        const openers = [...text].flatMap((c, i) => (c === opener ? [i] : []));
        const forwards = new ShellBrackets(text, opener, closer);
        const backwards = new ShellBrackets(text, opener, closer);
        for (const at of openers)
          expect([text, at, forwards.closeOf(at)]).toEqual([text, at, matchClose(text, at, opener, closer)]);
        for (const at of [...openers].reverse())
          expect([text, at, backwards.closeOf(at)]).toEqual([text, at, matchClose(text, at, opener, closer)]);
      }
    }
  });
});
