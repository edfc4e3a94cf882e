import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gitChangeSet, gitTopLevel } from '../../src/diff/git.js';
import { checkout, git, twoCommits } from '../helpers/git-fixture.js';
import type { TwoCommits } from '../helpers/git-fixture.js';

const lines = (n: number, word: string): string =>
  Array.from({ length: n }, (_, i) => `${word} ${i + 1}`).join('\n') + '\n';

let tmp: string;
let repo: TwoCommits;
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fcg-git-'));
  repo = twoCommits(
    path.join(tmp, 'origin'),
    {
      'keep.py': lines(20, 'keep'),
      'old name.py': lines(20, 'moved'),
      'pure.py': lines(20, 'pure'),
      'gone.py': 'bye\n',
      'logo.png': '\x89PNG\0\0\0binary',
    },
    {
      // Line 10 changed, lines 21-22 appended.
      'keep.py': lines(20, 'keep').replace('keep 10\n', 'kept 10\n') + 'new 21\nnew 22\n',
      'new name.py': lines(20, 'moved') + 'appended\n',
      'gone.py': null,
      'logo.png': '\x89PNG\0\0\0other binary',
      'café.env': 'A=1\n',
    },
    { 'old name.py': 'new name.py', 'pure.py': 'renamed.py' },
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('gitChangeSet', () => {
  it('reads added and context lines per new path; renames, binary and deleted files', async () => {
    const ws = path.join(tmp, 'full');
    checkout(repo, ws, 0);
    const result = await gitChangeSet({ cwd: ws, base: repo.base, head: repo.head, baseLabel: 'pull request base' });
    if (!result.ok) throw new Error(result.reason);
    const c = result.value;
    expect(c.source).toBe('git');
    expect(c.complete).toBe(true);
    expect(c.description).toBe(`git diff ${repo.base.slice(0, 7)}..${repo.head.slice(0, 7)} (pull request base)`);
    expect([...c.files.keys()].sort()).toEqual(['café.env', 'keep.py', 'logo.png', 'new name.py', 'renamed.py']);
    expect(c.files.get('keep.py')).toMatchObject({
      added: [
        [10, 10],
        [21, 22],
      ],
      context: [
        [7, 13],
        [18, 22],
      ],
    });
    expect(c.files.get('new name.py')).toMatchObject({ previousPath: 'old name.py', added: [[21, 21]] });
    // A pure rename is in the diff with no changed line.
    expect(c.files.get('renamed.py')).toMatchObject({ previousPath: 'pure.py', added: [], context: [] });
    // Binary: changed, lines unknown.
    expect(c.files.get('logo.png')).toMatchObject({ added: undefined, context: undefined });
    expect(c.files.get('café.env')).toMatchObject({ added: [[1, 1]] });
  });

  it('diffs from the merge base when the base branch moved on', async () => {
    const moved = path.join(tmp, 'moved');
    git(tmp, 'clone', '-q', repo.dir, moved);
    git(moved, 'checkout', '-q', 'main');
    writeFileSync(path.join(moved, 'keep.py'), lines(20, 'keep').replace('keep 1\n', 'main 1\n'));
    git(moved, '-c', 'user.name=t', '-c', 'user.email=t@e', 'commit', '-q', '-am', 'main moves');
    const mainHead = git(moved, 'rev-parse', 'HEAD');
    const result = await gitChangeSet({ cwd: moved, base: mainHead, head: repo.head, baseLabel: 'pull request base' });
    if (!result.ok) throw new Error(result.reason);
    // Line 1 changed on main only: not part of the pull request's change.
    expect(result.value.files.get('keep.py')?.added).toEqual([
      [10, 10],
      [21, 22],
    ]);
    expect(result.value.description).toContain(`(merge base of the pull request base ${mainHead.slice(0, 7)} and`);
  });

  it('says why when the base commit is missing (a shallow checkout)', async () => {
    const ws = path.join(tmp, 'shallow');
    checkout(repo, ws, 1);
    const result = await gitChangeSet({ cwd: ws, base: repo.base, head: repo.head, baseLabel: 'pull request base' });
    expect(result).toEqual({
      ok: false,
      reason: `the base commit ${repo.base.slice(0, 7)} is not in the local history (a shallow checkout; \`fetch-depth: 0\` fetches it)`,
    });
  });

  it('gitTopLevel fails outside a repository', async () => {
    const plain = mkdtempSync(path.join(tmpdir(), 'fcg-nogit-'));
    try {
      expect((await gitTopLevel(plain)).ok).toBe(false);
    } finally {
      rmSync(plain, { recursive: true, force: true });
    }
  });
});
