/**
 * Changed lines from the local repository: `git diff` from the merge base of the base and head
 * commits to the head commit. Needs both commits in the checkout's history (`fetch-depth: 0`);
 * every failure comes back as a sentence, never as an exception.
 */
import { execFile } from 'node:child_process';
import type { ChangeSet, FileChange } from './types.js';
import { parseGitDiff, parseNumstatZ } from './unified.js';

const MAX_OUTPUT = 512 * 1024 * 1024;

export type GitResult<T> = { ok: true; value: T } | { ok: false; reason: string };

export interface GitRunner {
  (args: readonly string[], cwd: string): Promise<GitResult<string>>;
}

/** `git` with settings that keep user and system configuration out of the output. */
export const runGit: GitRunner = (args, cwd) =>
  new Promise((resolve) => {
    execFile(
      'git',
      [
        '-c',
        'core.quotePath=false',
        '-c',
        'diff.noprefix=false',
        '-c',
        'diff.mnemonicPrefix=false',
        '-c',
        'diff.relative=false',
        ...args,
      ],
      {
        cwd,
        maxBuffer: MAX_OUTPUT,
        encoding: 'utf8',
        // Never ask for credentials or fetch missing objects interactively.
        env: { ...process.env, GIT_TERMINAL_PROMPT: '0', GIT_OPTIONAL_LOCKS: '0', LC_ALL: 'C' },
      },
      (error, stdout, stderr) => {
        if (error) {
          const detail = String(stderr || error.message)
            .trim()
            .split('\n')[0];
          resolve({ ok: false, reason: detail || `git ${args[0]} failed` });
        } else {
          resolve({ ok: true, value: stdout });
        }
      },
    );
  });

export interface GitDiffRequest {
  /** A directory inside the checkout. */
  readonly cwd: string;
  /** Base commit (or ref): the diff starts at the merge base of base and head. */
  readonly base: string;
  readonly head: string;
  /** How the base was chosen, for the description ("pull request base", "push before"). */
  readonly baseLabel: string;
}

export const short = (sha: string): string => (/^[0-9a-f]{40}$/i.test(sha) ? sha.slice(0, 7) : sha);

/** The repository's top directory, or why there is none. */
export async function gitTopLevel(cwd: string, git: GitRunner = runGit): Promise<GitResult<string>> {
  const top = await git(['rev-parse', '--show-toplevel'], cwd);
  return top.ok ? { ok: true, value: top.value.trim() } : top;
}

/** Whether `ref` names a commit present in the local repository. */
export async function hasCommit(cwd: string, ref: string, git: GitRunner = runGit): Promise<boolean> {
  const r = await git(['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`], cwd);
  return r.ok;
}

/** The changed lines between the merge base of base and head, and head. */
export async function gitChangeSet(req: GitDiffRequest, git: GitRunner = runGit): Promise<GitResult<ChangeSet>> {
  const { cwd, base, head } = req;
  for (const [label, ref] of [
    ['base', base],
    ['head', head],
  ] as const) {
    if (!(await hasCommit(cwd, ref, git)))
      return {
        ok: false,
        reason: `the ${label} commit ${short(ref)} is not in the local history (a shallow checkout; \`fetch-depth: 0\` fetches it)`,
      };
  }
  const mb = await git(['merge-base', base, head], cwd);
  if (!mb.ok) return { ok: false, reason: `git merge-base ${short(base)} ${short(head)} failed: ${mb.reason}` };
  const mergeBase = mb.value.trim();

  // Deleted files (`--diff-filter=d`) have no new side to annotate.
  const range = ['--no-color', '--no-ext-diff', '--no-textconv', '-M', '--diff-filter=d', mergeBase, head, '--'];
  const numstat = await git(['diff', '--numstat', '-z', ...range], cwd);
  if (!numstat.ok) return { ok: false, reason: `git diff --numstat failed: ${numstat.reason}` };
  const patch = await git(['diff', '--unified=3', '--src-prefix=a/', '--dst-prefix=b/', ...range], cwd);
  if (!patch.ok) return { ok: false, reason: `git diff failed: ${patch.reason}` };

  const hunks = parseGitDiff(patch.value);
  const files = new Map<string, FileChange>();
  for (const entry of parseNumstatZ(numstat.value)) {
    const h = hunks.get(entry.path);
    const known = !entry.binary;
    files.set(entry.path, {
      path: entry.path,
      previousPath: entry.previousPath,
      // A text file without hunks (a pure rename, a mode change, an empty new file) added nothing.
      added: known ? (h?.added ?? []) : undefined,
      context: known ? (h?.context ?? []) : undefined,
    });
  }
  const sameBase = mergeBase.toLowerCase().startsWith(base.toLowerCase());
  return {
    ok: true,
    value: {
      source: 'git',
      description:
        `git diff ${short(mergeBase)}..${short(head)}` +
        (sameBase ? ` (${req.baseLabel})` : ` (merge base of the ${req.baseLabel} ${short(base)} and ${short(head)})`),
      files,
      complete: true,
      caveats: [],
    },
  };
}
