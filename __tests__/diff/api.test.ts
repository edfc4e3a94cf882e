import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { changesFromEntries, compareChangeSet, pullRequestChangeSet } from '../../src/diff/api.js';
import { createClient } from '../../src/github/client.js';
import type { GitHubClient } from '../../src/github/client.js';
import { FakeGitHub } from '../helpers/fake-github.js';

describe('changesFromEntries', () => {
  it('drops removed files, keeps renames under the new name, and knows when lines are unknown', () => {
    const files = changesFromEntries([
      { filename: 'a.py', status: 'modified', changes: 2, patch: '@@ -1 +1 @@\n-x\n+y' },
      { filename: 'gone.py', status: 'removed', changes: 3 },
      { filename: 'new.py', status: 'renamed', changes: 0, previous_filename: 'old.py' },
      { filename: 'moved.py', status: 'renamed', changes: 1, previous_filename: 'was.py', patch: '@@ -3,0 +4 @@\n+z' },
      { filename: 'huge.sql', status: 'modified', changes: 50000 },
    ]);
    expect([...files.keys()]).toEqual(['a.py', 'new.py', 'moved.py', 'huge.sql']);
    expect(files.get('a.py')).toEqual({ path: 'a.py', previousPath: undefined, added: [[1, 1]], context: [[1, 1]] });
    expect(files.get('new.py')).toEqual({ path: 'new.py', previousPath: 'old.py', added: [], context: [] });
    expect(files.get('moved.py')?.added).toEqual([[4, 4]]);
    expect(files.get('huge.sql')).toMatchObject({ added: undefined, context: undefined });
  });
});

describe('against the fake API', () => {
  let gh: FakeGitHub;
  let client: GitHubClient;
  beforeEach(async () => {
    gh = await FakeGitHub.start();
    client = createClient({ token: 't', baseUrl: gh.url, sleep: async () => undefined });
  });
  afterEach(async () => {
    const violations = gh.violations;
    await gh.close();
    expect(violations).toEqual([]);
  });

  it('pages through the pull request files, 100 at a time', async () => {
    gh.pullFiles = Array.from({ length: 205 }, (_, i) => ({ filename: `f${i}.py`, patch: `@@ -0,0 +1 @@\n+${i}` }));
    const r = await pullRequestChangeSet(client, { owner: 'o', repo: 'r', pullNumber: 7, changedFiles: 205 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.files.size).toBe(205);
    expect(r.value.complete).toBe(true);
    expect(gh.requestsOf('pulls/list-files').map((q) => q.query)).toEqual([
      { per_page: '100' },
      { per_page: '100', page: '2' },
      { per_page: '100', page: '3' },
    ]);
  });

  it('marks the list incomplete when changed_files says the API left files out', async () => {
    gh.pullFiles = [{ filename: 'a.py', patch: '@@ -0,0 +1 @@\n+a' }];
    const r = await pullRequestChangeSet(client, { owner: 'o', repo: 'r', pullNumber: 7, changedFiles: 4000 });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.complete).toBe(false);
    expect(r.value.caveats[0]).toContain('gave 1 of 4000');
  });

  it('reports an API failure as a reason', async () => {
    gh.fail('pulls/list-files', FakeGitHub.FORBIDDEN);
    expect(await pullRequestChangeSet(client, { owner: 'o', repo: 'r', pullNumber: 7, changedFiles: 1 })).toEqual({
      ok: false,
      reason: 'the pull request files API failed (HTTP 403: Resource not accessible by integration)',
    });
  });

  it('compares two commits for a push, at most 300 files', async () => {
    gh.compareFiles = [{ filename: 'a.py', patch: '@@ -1 +1,2 @@\n a\n+b' }];
    gh.compareMergeBase = 'b'.repeat(40);
    const r = await compareChangeSet(client, { owner: 'o', repo: 'r', base: 'a'.repeat(40), head: 'c'.repeat(40) });
    if (!r.ok) throw new Error(r.reason);
    expect(r.value.description).toBe('the compare API (aaaaaaa...ccccccc, merge base bbbbbbb, 1 file)');
    expect(r.value.files.get('a.py')?.added).toEqual([[2, 2]]);
    gh.compareFiles = Array.from({ length: 301 }, (_, i) => ({ filename: `f${i}`, patch: '@@ -0,0 +1 @@\n+x' }));
    const capped = await compareChangeSet(client, { owner: 'o', repo: 'r', base: 'main', head: 'c'.repeat(40) });
    expect(capped.ok && capped.value.complete).toBe(false);
  });
});
