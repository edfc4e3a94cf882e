/**
 * The pre-commit hook (.pre-commit-hooks.yaml) on a staged file in a throwaway git repository.
 *
 * First without pre-commit itself: the test installs the package the way pre-commit installs a
 * `language: node` hook (`npm pack`, then `npm install -g` of the tarball into the hook's own
 * prefix), picks the staged files the hook's `files` pattern selects, and runs the exact `entry`
 * and `args` the hook declares, with the file names only if `pass_filenames` says so, from the
 * repository's root as pre-commit does. Then, where the pre-commit program is installed (Debian's
 * `pre-commit`) and under CI or FCG_PRE_COMMIT=1, with pre-commit itself: `pre-commit try-repo` of this
 * checkout in the throwaway repository.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO, npm, pack, userEnv } from '../helpers/npm-pack.js';

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  args?: string[];
  files?: string;
  exclude?: string;
  pass_filenames?: boolean;
}

const hooks = parse(readFileSync(path.join(REPO, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];
const hook = hooks.find((h) => h.id === 'flask-crdb-gate') as Hook;

// A literal session secret and a connection string with a password and TLS off: grade F.
const VULNERABLE = [
  'import psycopg2',
  'from flask import Flask',
  '',
  'app = Flask(__name__)',
  'app.config["SECRET_KEY"] = "a-literal-secret-in-code"',
  'conn = psycopg2.connect("postgresql://app:hunter2-password@db.example.com:26257/app?sslmode=disable")',
  '',
].join('\n');
const CLEAN =
  'import os\n\nfrom flask import Flask\n\napp = Flask(__name__)\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]\n';

/** pre-commit's file selection: `files` and `exclude` are Python regular expressions, searched. */
function selected(files: readonly string[]): string[] {
  const include = new RegExp(hook.files ?? '');
  const exclude = hook.exclude === undefined ? undefined : new RegExp(hook.exclude);
  return files.filter((f) => include.test(f) && !exclude?.test(f));
}

function git(repo: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd: repo, encoding: 'utf8', env: userEnv() });
}

/** A throwaway repository with one commit, then `files` written and staged. */
function throwawayRepo(parent: string, name: string, files: Record<string, string>): string {
  const repo = path.join(parent, name);
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q');
  git(repo, 'config', 'user.email', 'test@example.invalid');
  git(repo, 'config', 'user.name', 'test');
  git(repo, 'config', 'commit.gpgsign', 'false');
  writeFileSync(path.join(repo, 'README.md'), '# throwaway\n');
  git(repo, 'add', 'README.md');
  git(repo, 'commit', '-q', '-m', 'first');
  for (const [rel, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
    writeFileSync(path.join(repo, rel), text);
    git(repo, 'add', rel);
  }
  return repo;
}

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fcg-pre-commit-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('.pre-commit-hooks.yaml', () => {
  test('declares a node hook whose entry is the package bin', () => {
    expect(hook).toMatchObject({ id: 'flask-crdb-gate', language: 'node' });
    const bin = Object.keys((JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { bin: object }).bin);
    expect(bin).toContain(hook.entry.split(' ')[0]);
  });

  test('its files pattern takes what the scanner reads and leaves the rest', () => {
    const read = [
      'app/config.py',
      'settings.toml',
      'deploy/web.yaml',
      'docker-compose.yml',
      'Dockerfile',
      'docker/api.Dockerfile',
      'Containerfile',
      '.env',
      '.env.production',
      'prod.env',
      '.flaskenv',
      'alembic.ini',
      'setup.cfg',
      'config.json',
      'application.properties',
      'Procfile',
      'Makefile',
      'rules.mk',
      'scripts/init-db.sh',
      'infra/main.bicep',
      '.flask-crdb-gate.yml',
    ];
    const notRead = ['README.md', 'docs/index.rst', 'static/app.js', 'logo.png', 'requirements.txt', 'schema.sql'];
    expect(selected(read)).toEqual(read);
    expect(selected(notRead)).toEqual([]);
  });
});

describe('the hook on staged files, run as pre-commit runs a node hook', () => {
  let bin = '';
  beforeAll(() => {
    const { filename } = pack(tmp);
    const prefix = path.join(tmp, 'hook-env');
    const r = npm(
      ['install', '-g', '--prefix', prefix, '--offline', '--no-audit', '--no-fund', path.join(tmp, filename)],
      tmp,
    );
    if (r.status !== 0) throw new Error(`npm install -g failed (${r.status}):\n${r.stderr}`);
    bin = path.join(prefix, 'bin');
  }, 120_000);

  /** What pre-commit does once it has picked the hook: entry + args (+ file names), from the root. */
  function runHook(repo: string): { ran: boolean; status: number | null; output: string } {
    const staged = git(repo, 'diff', '--cached', '--name-only', '-z').split('\0').filter(Boolean);
    const files = selected(staged);
    if (files.length === 0) return { ran: false, status: 0, output: '' };
    const [command, ...entryArgs] = hook.entry.split(' ') as [string, ...string[]];
    const args = [...entryArgs, ...(hook.args ?? []), ...(hook.pass_filenames === false ? [] : files)];
    const env = userEnv({ PATH: `${bin}${path.delimiter}${userEnv()['PATH'] ?? ''}` });
    const r = spawnSync(command, args, { cwd: repo, env, encoding: 'utf8' });
    if (r.error) throw r.error;
    return { ran: true, status: r.status, output: r.stdout + r.stderr };
  }

  test('a staged file with a hardcoded Flask secret fails the hook, naming the file and rule', () => {
    const repo = throwawayRepo(tmp, 'vulnerable', { 'app/__init__.py': VULNERABLE });
    const r = runHook(repo);
    expect(r.ran).toBe(true);
    expect(r.status).toBe(1);
    expect(r.output).toContain('app/__init__.py');
    expect(r.output).toContain('FCG203');
    expect(r.output).toContain('FCG101');
    expect(r.output).not.toContain('a-literal-secret-in-code');
    expect(r.output).not.toContain('hunter2-password');
  });

  test('the same file reading its secret from the environment passes', () => {
    const repo = throwawayRepo(tmp, 'clean', { 'app/__init__.py': CLEAN });
    const r = runHook(repo);
    expect(r.ran).toBe(true);
    expect(r.output).not.toContain('FCG203');
    expect(r.status).toBe(0);
  });

  test('a commit that stages no file the scanner reads does not run it', () => {
    const repo = throwawayRepo(tmp, 'docs-only', { 'docs/guide.md': '# guide\n' });
    expect(runHook(repo).ran).toBe(false);
  });
});

// pre-commit itself installs the hook repository's development dependencies (`npm install` in its
// clone, as for every node hook) before it packs it: a minute or two. It runs under CI (.ci/run
// sets CI) or with FCG_PRE_COMMIT=1, wherever the pre-commit program is installed.
const preCommit = spawnSync('pre-commit', ['--version'], { encoding: 'utf8' });
const wanted = Boolean(process.env['CI']) || process.env['FCG_PRE_COMMIT'] === '1';
const havePreCommit = wanted && preCommit.status === 0;
if (wanted && !havePreCommit) console.warn('pre-commit is not installed: the run with pre-commit itself is skipped.');

(havePreCommit ? describe : describe.skip)('the hook run by pre-commit itself (pre-commit try-repo)', () => {
  test('fails on the staged vulnerable file', () => {
    const repo = throwawayRepo(tmp, 'try-repo', { 'app/__init__.py': VULNERABLE });
    const r = spawnSync('pre-commit', ['try-repo', REPO, 'flask-crdb-gate', '--color', 'never'], {
      cwd: repo,
      encoding: 'utf8',
      env: userEnv({ PRE_COMMIT_HOME: path.join(tmp, 'pre-commit-home') }),
      timeout: 480_000,
    });
    const output = r.stdout + r.stderr;
    expect(output).toMatch(/flask-crdb-gate\.+Failed/);
    expect(output).toContain('FCG203');
    expect(r.status).toBe(1);
  }, 500_000);
});
