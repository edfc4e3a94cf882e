/**
 * Issue 11, item 6: a Makefile or Dockerfile with 100,000 line continuations. The Makefile parser
 * tested the whole growing logical line for a trailing backslash at every continuation.
 */
import { describe, expect, test } from '@jest/globals';
import { parseDockerfile } from '../../src/parse/config/dockerfile.js';
import { parseMakefile } from '../../src/parse/config/makefile.js';
import { shape } from '../../scripts/hostile-shapes.mjs';
import { growth, LINEAR_BOUND } from './dos-helpers.js';

describe('line continuations', () => {
  test('a Makefile recipe: one command, found at its line, linear in the continuations', async () => {
    const text = (n: number): string => shape('makefile-continuations').build(n)['Makefile'] as string;
    const doc = parseMakefile(text(3));
    expect(doc.commands.map((c) => [c.argv[0], c.argv.length, c.span.line])).toEqual([['psql', 7, 2]]);
    expect(await growth((n) => parseMakefile(text(n)), 3000)).toBeLessThan(LINEAR_BOUND);
  });

  test('an even run of backslashes does not continue a Makefile line', () => {
    const doc = parseMakefile('A = x\\\\\nB = y \\\n  z\n');
    expect(doc.entries.map((e) => [e.key, e.value])).toEqual([
      ['A', 'x\\\\'],
      ['B', 'y  z'],
    ]);
  });

  test('a Dockerfile RUN: one command, linear in the continuations', async () => {
    const text = (n: number): string => shape('dockerfile-continuations').build(n)['Dockerfile'] as string;
    expect(parseDockerfile(text(3)).commands.map((c) => c.argv[0])).toEqual(['psql']);
    expect(await growth((n) => parseDockerfile(text(n)), 3000)).toBeLessThan(LINEAR_BOUND);
  });
});
