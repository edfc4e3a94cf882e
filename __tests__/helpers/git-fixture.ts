/**
 * Real git repositories for the pull-request tests: a base commit and a head commit, clones of
 * them as actions/checkout leaves them (full history, or `fetch-depth: 1`), and the pull request
 * files API's view of the same diff, computed by git, not by the code under test.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

const GIT_ENV = {
  GIT_AUTHOR_NAME: 'Test',
  GIT_AUTHOR_EMAIL: 'test@example.com',
  GIT_COMMITTER_NAME: 'Test',
  GIT_COMMITTER_EMAIL: 'test@example.com',
  GIT_CONFIG_NOSYSTEM: '1',
  GIT_CONFIG_GLOBAL: '/dev/null',
};

export function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, ...GIT_ENV } }).trim();
}

export type Tree = Record<string, string | null>;

function writeTree(dir: string, tree: Tree): void {
  for (const [file, text] of Object.entries(tree)) {
    const p = path.join(dir, file);
    if (text === null) rmSync(p, { force: true });
    else {
      mkdirSync(path.dirname(p), { recursive: true });
      writeFileSync(p, text);
    }
  }
}

export interface TwoCommits {
  /** The origin repository, with `main` at base and `feature` at head. */
  readonly dir: string;
  readonly base: string;
  readonly head: string;
}

/**
 * A repository whose `main` holds `base` and whose `feature` branch adds one commit on top that
 * applies `head` (a null value deletes a file; `renames` are done with `git mv` first, so git
 * records them as renames).
 */
export function twoCommits(dir: string, base: Tree, head: Tree, renames: Record<string, string> = {}): TwoCommits {
  mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  writeTree(dir, base);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseSha = git(dir, 'rev-parse', 'HEAD');
  git(dir, 'checkout', '-q', '-b', 'feature');
  for (const [from, to] of Object.entries(renames)) git(dir, 'mv', from, to);
  writeTree(dir, head);
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'head');
  return { dir, base: baseSha, head: git(dir, 'rev-parse', 'HEAD') };
}

/**
 * A checkout of `feature` at `into`, as actions/checkout makes it: `fetch-depth: 0` fetches every
 * branch (origin/main included), `depth: 1` only the commit under test.
 */
export function checkout(repo: TwoCommits, into: string, depth: 0 | 1): void {
  const url = `file://${repo.dir}`;
  if (depth === 0) git(path.dirname(into), 'clone', '-q', '--branch', 'feature', url, into);
  else git(path.dirname(into), 'clone', '-q', '--depth', '1', '--branch', 'feature', url, into);
}

/** A diff entry as the pull request files API gives it, before the fake fills in URLs. */
export interface ApiFile {
  filename: string;
  status: 'added' | 'removed' | 'modified' | 'renamed';
  patch?: string;
  previous_filename?: string;
  additions: number;
  deletions: number;
  changes: number;
}

/**
 * The pull request's files as GitHub lists them: one entry per file of `git diff -M base...head`,
 * the `patch` being the file's hunks without the headers.
 */
export function pullRequestFiles(repo: TwoCommits): ApiFile[] {
  const numstat = git(repo.dir, 'diff', '--numstat', '-M', `${repo.base}...${repo.head}`).split('\n').filter(Boolean);
  const nameStatus = git(repo.dir, 'diff', '--name-status', '-M', `${repo.base}...${repo.head}`)
    .split('\n')
    .filter(Boolean);
  return nameStatus.map((line, i) => {
    const [code = '', first = '', second] = line.split('\t');
    const [add = '0', del = '0'] = (numstat[i] ?? '').split('\t');
    const filename = second ?? first;
    const status = code.startsWith('R') ? 'renamed' : code === 'A' ? 'added' : code === 'D' ? 'removed' : 'modified';
    const full = git(
      repo.dir,
      'diff',
      '-M',
      `${repo.base}...${repo.head}`,
      '--',
      ...(second ? [first, second] : [first]),
    );
    const at = full.indexOf('\n@@');
    const entry: ApiFile = {
      filename,
      status,
      additions: Number(add),
      deletions: Number(del),
      changes: Number(add) + Number(del),
    };
    if (at >= 0) entry.patch = full.slice(at + 1);
    if (second) entry.previous_filename = first;
    return entry;
  });
}
