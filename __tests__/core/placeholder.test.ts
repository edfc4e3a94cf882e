import { describe, expect, test } from '@jest/globals';
import { isPlaceholder } from '../../src/core/placeholder.js';

describe('isPlaceholder', () => {
  test.each([
    ['', 'empty'],
    ['<password>', 'angle brackets'],
    ['${DB_PASSWORD}', 'a variable'],
    ['changeme', 'a placeholder word'],
    ['xxxx', 'a filler'],
    ['aaa', 'a short filler'],
    ['wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY', "AWS's documented sample secret key"],
    ['AKIAIOSFODNN7EXAMPLE', "AWS's documented sample key id"],
  ])('%s is a placeholder (%s)', (value) => {
    expect(isPlaceholder(value)).toBe(true);
  });

  test.each([
    ['hunter2', 'a short password'],
    ['AAAAAAAAAAAAAAAAAAAA', 'a long run of one character: a weak key, for the rules to judge'],
    ['ledger-example-2024', 'the word example inside a real value, lower case'],
    ['EXAMPLEKEYwJalrXUtnFEMI', 'the marker not at the end'],
    ['8f14e45fceea167a5a36dedd4bea2543', 'generated material'],
  ])('%s is not (%s)', (value) => {
    expect(isPlaceholder(value)).toBe(false);
  });
});
