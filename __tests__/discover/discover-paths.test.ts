import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../src/discover/discover.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function repo(files: Record<string, string>, git: boolean): string {
  const root = mkdtempSync(join(tmpdir(), 'fcg-paths-'));
  roots.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  if (git) execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

const scannable = (p: string) => /\.(py|ya?ml)$/.test(p);
const TREE = {
  'app/main.py': '',
  'app/models.py': '',
  'app/vendor/node_modules/lib.py': '',
  'deploy/web.yaml': '',
  'legacy/old.py': '',
  'legacy/keep.py': '',
  '.venv/lib/site.py': '',
  'node_modules/pkg/evil.py': '',
  'notes.md': '',
  '[literal]/x.py': '',
};

const paths = async (root: string, given: string[], exclude: string[] = [], include: string[] = []) =>
  (await discover({ root, include, exclude, isScannable: scannable, paths: given })).files.map((f) => f.path);

describe.each([
  ['a plain directory (walk)', false],
  ['a git work tree (git ls-files with pathspecs)', true],
])('named paths in %s', (_name, git) => {
  test('files and directories mix; each file once, sorted', async () => {
    const root = repo(TREE, git);
    expect(await paths(root, ['deploy', 'app/main.py', 'app', 'app/main.py'])).toEqual([
      'app/main.py',
      'app/models.py',
      'deploy/web.yaml',
    ]);
  });

  test('a file named explicitly is scanned though a default exclude or an exclude glob would skip it', async () => {
    const root = repo(TREE, git);
    expect(await paths(root, ['node_modules/pkg/evil.py', 'legacy/old.py', 'app'], ['legacy/**'])).toEqual([
      'app/main.py',
      'app/models.py',
      'legacy/old.py',
      'node_modules/pkg/evil.py',
    ]);
    // So is one the include globs leave out; a file of no scannable kind is not.
    expect(await paths(root, ['legacy/keep.py', 'notes.md'], [], ['app/**'])).toEqual(['legacy/keep.py']);
  });

  test('a named directory is walked with the excludes applied below it, even one that is excluded by default', async () => {
    const root = repo(TREE, git);
    expect(await paths(root, ['.venv/lib'])).toEqual(['.venv/lib/site.py']);
    expect(await paths(root, ['legacy'], ['legacy/old.py'])).toEqual(['legacy/keep.py']);
    // Below the named directory the defaults still prune.
    expect(await paths(root, ['app'])).toEqual(['app/main.py', 'app/models.py']);
  });

  test('directory names are literal, not globs', async () => {
    const root = repo(TREE, git);
    expect(await paths(root, ['[literal]'])).toEqual(['[literal]/x.py']);
  });

  test('"." and no paths both mean the whole root', async () => {
    const root = repo(TREE, git);
    const all = [
      '[literal]/x.py',
      'app/main.py',
      'app/models.py',
      'deploy/web.yaml',
      'legacy/keep.py',
      'legacy/old.py',
    ];
    expect(await paths(root, ['.'])).toEqual(all);
    expect(
      (await discover({ root, include: [], exclude: [], isScannable: scannable })).files.map((f) => f.path),
    ).toEqual(all);
  });
});

test('a directory git ignores is walked when named, next to a tracked one', async () => {
  const root = repo({ '.gitignore': 'generated/\n', 'generated/conf.py': '', 'src/a.py': '' }, true);
  expect(await paths(root, ['generated', 'src'])).toEqual(['generated/conf.py', 'src/a.py']);
  // The whole tree still leaves it out.
  expect(await paths(root, ['.'])).toEqual(['src/a.py']);
});

test('standard input is the one candidate, with its bytes', async () => {
  const root = repo({ 'app/main.py': 'x = 1\n' }, false);
  const content = Buffer.from('DEBUG = True\n');
  const found = await discover({
    root,
    include: [],
    exclude: [],
    isScannable: scannable,
    stdin: { path: 'app/new.py', content },
  });
  expect(found.files).toEqual([{ path: 'app/new.py', absPath: join(root, 'app/new.py'), size: 13, content }]);
  const unknown = await discover({
    root,
    include: [],
    exclude: [],
    isScannable: scannable,
    stdin: { path: 'notes.md', content },
  });
  expect(unknown.files).toEqual([]);
});
