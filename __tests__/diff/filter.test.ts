import { describe, expect, it } from '@jest/globals';
import { place } from '../../src/diff/filter.js';
import { intersects, lineCount, mergeRanges } from '../../src/diff/lines.js';
import type { ChangeSet, FileChange } from '../../src/diff/types.js';

describe('line ranges', () => {
  it('merges overlapping and touching ranges, drops empty ones', () => {
    expect(
      mergeRanges([
        [10, 12],
        [1, 3],
        [4, 5],
        [11, 20],
        [30, 29],
      ]),
    ).toEqual([
      [1, 5],
      [10, 20],
    ]);
    expect(
      lineCount([
        [1, 5],
        [10, 20],
      ]),
    ).toBe(16);
  });

  it('intersects a span with any range it shares a line with', () => {
    const r = mergeRanges([
      [3, 4],
      [10, 10],
      [20, 25],
    ]);
    expect([1, 2, 3, 4, 5, 9, 10, 11, 19, 20, 25, 26].filter((n) => intersects(r, n, n))).toEqual([3, 4, 10, 20, 25]);
    expect(intersects(r, 5, 9)).toBe(false);
    expect(intersects(r, 5, 10)).toBe(true);
    expect(intersects(r, 11, 30)).toBe(true);
    expect(intersects([], 1, 100)).toBe(false);
  });
});

function change(path: string, added: FileChange['added'], context: FileChange['context'] = added): FileChange {
  return { path, previousPath: undefined, added, context };
}

const changes: ChangeSet = {
  source: 'git',
  description: 'test',
  complete: true,
  caveats: [],
  files: new Map([
    ['app/app.py', change('app/app.py', [[4, 5]], [[1, 8]])],
    ['app/big.py', change('app/big.py', undefined)],
  ]),
};

describe('place (reviewdog filter modes)', () => {
  const at = (repoPath: string, line: number, endLine = line) => ({ repoPath, line, endLine });

  it('added: the finding must touch an added line; a multi-line finding counts if any line does', () => {
    expect(place(at('app/app.py', 5), 'added', changes)).toBe('in');
    expect(place(at('app/app.py', 7), 'added', changes)).toBe('out');
    expect(place(at('app/app.py', 1, 4), 'added', changes)).toBe('in');
    expect(place(at('app/other.py', 5), 'added', changes)).toBe('out');
  });

  it('diff_context: context lines count too', () => {
    expect(place(at('app/app.py', 7), 'diff_context', changes)).toBe('in');
    expect(place(at('app/app.py', 9), 'diff_context', changes)).toBe('out');
  });

  it('file: any line of a changed file; nofilter: anything', () => {
    expect(place(at('app/app.py', 900), 'file', changes)).toBe('in');
    expect(place(at('app/other.py', 1), 'file', changes)).toBe('out');
    expect(place(at('app/other.py', 1), 'nofilter', changes)).toBe('in');
    expect(place(at('app/other.py', 1), 'nofilter', undefined)).toBe('in');
  });

  it('unknown when the lines cannot be known: no diff, no patch, a list cut short', () => {
    for (const mode of ['added', 'diff_context', 'file'] as const)
      expect(place(at('app/app.py', 5), mode, undefined)).toBe('unknown');
    expect(place(at('app/big.py', 5), 'added', changes)).toBe('unknown');
    expect(place(at('app/big.py', 5), 'diff_context', changes)).toBe('unknown');
    expect(place(at('app/big.py', 5), 'file', changes)).toBe('in');
    const partial: ChangeSet = { ...changes, complete: false };
    expect(place(at('app/other.py', 5), 'added', partial)).toBe('unknown');
    expect(place(at('app/other.py', 5), 'file', partial)).toBe('unknown');
    expect(place(at('app/app.py', 5), 'added', partial)).toBe('in');
  });
});
