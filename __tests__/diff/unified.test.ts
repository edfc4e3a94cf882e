import { describe, expect, it } from '@jest/globals';
import { parseGitDiff, parseNumstatZ, parsePatch, unquoteGitPath } from '../../src/diff/unified.js';

describe('parsePatch (the API patch field)', () => {
  it('reads added lines and the hunks with their context, on the new side', () => {
    const patch = [
      '@@ -1,5 +1,7 @@ import os',
      ' import os',
      '-OLD = 1',
      '+NEW = 1',
      '+MORE = 2',
      '+EVEN_MORE = 3',
      ' ',
      ' def f():',
      '     pass',
      '@@ -40,3 +42,4 @@ def g():',
      ' a',
      ' b',
      '+c',
      ' d',
    ].join('\n');
    expect(parsePatch(patch)).toEqual({
      added: [
        [2, 4],
        [44, 44],
      ],
      context: [
        [1, 7],
        [42, 45],
      ],
    });
  });

  it('takes omitted counts as 1, a deletion-only hunk adds nothing, and ignores "no newline" markers', () => {
    expect(parsePatch('@@ -3 +3 @@\n-a\n+b\n\\ No newline at end of file')).toEqual({
      added: [[3, 3]],
      context: [[3, 3]],
    });
    expect(parsePatch('@@ -10,2 +9,0 @@\n-gone\n-gone too')).toEqual({ added: [], context: [] });
    expect(parsePatch('@@ -0,0 +1,2 @@\n+first\n+second')).toEqual({ added: [[1, 2]], context: [[1, 2]] });
  });

  it('reads content that looks like a header as content inside a hunk', () => {
    const patch = '@@ -1,2 +1,3 @@\n keep\n+++ not a header\n-- also content\n+@@ -9 +9 @@ not a hunk';
    // 2 old lines: " keep" and "-- also content"; 3 new: " keep", "+++ …", "+@@ …".
    expect(parsePatch(patch)).toEqual({ added: [[2, 3]], context: [[1, 3]] });
  });

  it('accepts CRLF line ends', () => {
    expect(parsePatch('@@ -1 +1,2 @@\r\n a\r\n+b\r\n')).toEqual({ added: [[2, 2]], context: [[1, 2]] });
  });
});

describe('parseGitDiff', () => {
  const diff = [
    'diff --git a/app/app.py b/app/app.py',
    'index 1111111..2222222 100644',
    '--- a/app/app.py',
    '+++ b/app/app.py',
    '@@ -1,2 +1,3 @@',
    ' a',
    '+--- b/looks/like/a/header',
    ' c',
    'diff --git a/old name.py b/new name.py',
    'similarity index 90%',
    'rename from old name.py',
    'rename to new name.py',
    '--- a/old name.py\t',
    '+++ b/new name.py\t',
    '@@ -5,0 +6,2 @@',
    '+x',
    '+y',
    'diff --git a/gone.py b/gone.py',
    'deleted file mode 100644',
    '--- a/gone.py',
    '+++ /dev/null',
    '@@ -1 +0,0 @@',
    '-+++ b/tricky',
    'diff --git "a/t\\303\\251st\\tx.env" "b/t\\303\\251st\\tx.env"',
    'new file mode 100644',
    '--- /dev/null',
    '+++ "b/t\\303\\251st\\tx.env"',
    '@@ -0,0 +1 @@',
    '+K=v',
    'diff --git a/logo.png b/logo.png',
    'Binary files a/logo.png and b/logo.png differ',
    '',
  ].join('\n');

  it('maps new-side paths (renamed, quoted, with spaces) to their hunks; deleted and binary files are absent', () => {
    const files = parseGitDiff(diff);
    expect([...files.keys()]).toEqual(['app/app.py', 'new name.py', 'tést\tx.env']);
    expect(files.get('app/app.py')).toEqual({ added: [[2, 2]], context: [[1, 3]] });
    expect(files.get('new name.py')).toEqual({ added: [[6, 7]], context: [[6, 7]] });
    expect(files.get('tést\tx.env')).toEqual({ added: [[1, 1]], context: [[1, 1]] });
  });
});

describe('parseNumstatZ', () => {
  it('reads plain entries, renames (old and new name) and binary files', () => {
    const text =
      '3\t1\tapp/app.py\0' + '2\t0\t\0app/legacy.py\0app/db.py\0' + '-\t-\tlogo.png\0' + '0\t0\tname with\ttab\0';
    expect(parseNumstatZ(text)).toEqual([
      { path: 'app/app.py', previousPath: undefined, binary: false, additions: 3 },
      { path: 'app/db.py', previousPath: 'app/legacy.py', binary: false, additions: 2 },
      { path: 'logo.png', previousPath: undefined, binary: true, additions: 0 },
      { path: 'name with\ttab', previousPath: undefined, binary: false, additions: 0 },
    ]);
  });
});

describe('unquoteGitPath', () => {
  it("undoes git's C quoting, octal bytes as UTF-8", () => {
    expect(unquoteGitPath('"a\\"b\\\\c\\n"')).toBe('a"b\\c\n');
    expect(unquoteGitPath('"caf\\303\\251.py"')).toBe('café.py');
    expect(unquoteGitPath('plain/path.py')).toBe('plain/path.py');
  });
});
