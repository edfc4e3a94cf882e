import { afterAll, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { discover } from '../../src/discover/discover.js';
import { makePathFilter } from '../../src/discover/excludes.js';
import { fileRole } from '../../src/discover/roles.js';

const roots: string[] = [];
afterAll(() => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

function repo(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), 'fcg-discover-'));
  roots.push(root);
  for (const [p, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, p)), { recursive: true });
    writeFileSync(join(root, p), text);
  }
  return root;
}

const scannable = (p: string) => /\.(py|ya?ml)$/.test(p) || p.endsWith('.env');
const TREE = {
  'app/main.py': '',
  'app/config.yml': '',
  'node_modules/pkg/evil.py': '',
  '.venv/lib/site.py': '',
  'myenv/pyvenv.cfg': 'home = /usr/bin',
  'myenv/lib/x.py': '',
  'pkg.egg-info/setup.py': '',
  'legacy/old.py': '',
  'README.md': '',
  '.env': 'A=1',
};

describe.each([
  ['a plain directory (pruning walk)', false],
  ['a git work tree (git ls-files)', true],
])('discovery in %s', (_name, useGit) => {
  test('finds scannable files, prunes default and user excludes, sorts by path', async () => {
    const root = repo(TREE);
    if (useGit) execFileSync('git', ['init', '-q'], { cwd: root });
    const found = await discover({ root, include: [], exclude: ['legacy/**'], isScannable: scannable });
    expect(found.files.map((f) => f.path)).toEqual(['.env', 'app/config.yml', 'app/main.py']);
    expect(found.skipped).toEqual([]);
  });

  test('include narrows, exclude removes', async () => {
    const root = repo(TREE);
    if (useGit) execFileSync('git', ['init', '-q'], { cwd: root });
    const found = await discover({ root, include: ['app/**'], exclude: ['**/*.yml'], isScannable: scannable });
    expect(found.files.map((f) => f.path)).toEqual(['app/main.py']);
  });

  test('never follows a symbolic link out of the repository', async () => {
    const outside = repo({ 'secret.py': 'PASSWORD = "x"' });
    const root = repo({ 'app/main.py': '' });
    symlinkSync(join(outside, 'secret.py'), join(root, 'app/link.py'));
    symlinkSync(join(root, 'app/main.py'), join(root, 'app/inside.py'));
    symlinkSync(outside, join(root, 'outdir'));
    if (useGit) execFileSync('git', ['init', '-q'], { cwd: root });
    const found = await discover({ root, include: [], exclude: [], isScannable: scannable });
    expect(found.files.map((f) => f.path)).toEqual(['app/inside.py', 'app/main.py']);
    expect(found.files.find((f) => f.path === 'app/inside.py')?.absPath).toMatch(/app\/main\.py$/);
    expect(found.skipped).toEqual([
      { path: 'app/link.py', reason: 'symbolic link that leads outside the repository (not followed)' },
    ]);
  });
});

test('git mode respects .gitignore', async () => {
  const root = repo({ '.gitignore': 'build/\n', 'build/gen.py': '', 'src/a.py': '' });
  execFileSync('git', ['init', '-q'], { cwd: root });
  const found = await discover({ root, include: [], exclude: [], isScannable: scannable });
  expect(found.files.map((f) => f.path)).toEqual(['src/a.py']);
});

test('directory pruning decisions', () => {
  const root = repo({ 'venv2/pyvenv.cfg': '' });
  const f = makePathFilter([], ['legacy', 'vendor/**', './third_party/']);
  expect(f.prunesDir('node_modules', join(root, 'node_modules'))).toBe(true);
  expect(f.prunesDir('a/b/__pycache__', join(root, 'x'))).toBe(true);
  expect(f.prunesDir('venv2', join(root, 'venv2'))).toBe(true);
  expect(f.prunesDir('legacy', join(root, 'legacy'))).toBe(true);
  expect(f.prunesDir('vendor', join(root, 'vendor'))).toBe(true);
  expect(f.prunesDir('third_party', join(root, 'third_party'))).toBe(true);
  expect(f.prunesDir('app', join(root, 'app'))).toBe(false);
  expect(f.keepsFile('vendor/x.py')).toBe(false);
  expect(f.keepsFile('app/x.py')).toBe(true);
});

test('file roles', () => {
  expect(fileRole('.env.example')).toBe('template');
  expect(fileRole('config/settings.sample.py')).toBe('template');
  expect(fileRole('deploy/values.yaml.tpl')).toBe('template');
  expect(fileRole('cred_example.json')).toBe('template');
  expect(fileRole('config/settings-sample.py')).toBe('template');
  expect(fileRole('examples/app.py')).toBe('production');
  expect(fileRole('tests/test_db.py')).toBe('test');
  expect(fileRole('web/regression/python_test_utils/test_utils.py')).toBe('test');
  expect(fileRole('src/test/regress/sql/create.sql')).toBe('test');
  expect(fileRole('app/test_models.py')).toBe('test');
  expect(fileRole('conftest.py')).toBe('test');
  expect(fileRole('docker-compose.override.yml')).toBe('development');
  expect(fileRole('compose.dev.yaml')).toBe('development');
  expect(fileRole('.env.local')).toBe('development');
  expect(fileRole('.flaskenv')).toBe('development');
  expect(fileRole('app/config.py')).toBe('production');
  expect(fileRole('docker-compose.yml')).toBe('production');
  expect(fileRole('.env')).toBe('production');
  expect(fileRole('latest.py')).toBe('production');
  expect(fileRole('contest/app.py')).toBe('production');
});
