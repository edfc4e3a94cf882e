/**
 * The changed lines of the event being checked: a local `git diff` from the merge base when the
 * checkout has the history, else the GitHub API. When neither answers the result says why, and
 * callers must then place nothing on "changed" lines (never fall back to the whole repository).
 */
import type { GitHubClient } from '../github/client.js';
import type { EventInfo } from '../github/event.js';
import { compareChangeSet, pullRequestChangeSet } from './api.js';
import { gitChangeSet, gitTopLevel, runGit } from './git.js';
import type { GitRunner } from './git.js';
import type { ChangedLines } from './types.js';

export interface ChangedLinesOptions {
  /** A directory in the checkout (the workspace). */
  readonly cwd: string;
  /** Undefined without a token: the API is not tried. */
  readonly client: GitHubClient | undefined;
  readonly git?: GitRunner;
}

export async function findChangedLines(event: EventInfo, options: ChangedLinesOptions): Promise<ChangedLines> {
  const comparison = event.comparison;
  if (!comparison)
    return {
      ok: false,
      failed: event.hasDiff,
      attempts: [capitalize(event.noComparison ?? 'nothing to compare') + '.'],
    };
  const git = options.git ?? runGit;
  const attempts: string[] = [];

  const top = await gitTopLevel(options.cwd, git);
  if (!top.ok) {
    attempts.push(`Local git diff: the workspace is not a git checkout (${top.reason}).`);
  } else {
    const local = await gitChangeSet(
      {
        cwd: options.cwd,
        base: comparison.localBase ?? comparison.base,
        head: comparison.head,
        baseLabel: comparison.baseLabel,
      },
      git,
    );
    if (local.ok) return { ok: true, changes: local.value, attempts };
    attempts.push(`Local git diff: ${local.reason}.`);
  }

  if (!options.client) {
    attempts.push('GitHub API: no token to ask it with.');
    return { ok: false, failed: true, attempts };
  }
  if (!event.owner || !event.repo) {
    attempts.push('GitHub API: the repository is unknown (GITHUB_REPOSITORY is not set).');
    return { ok: false, failed: true, attempts };
  }
  const remote =
    event.pullNumber !== undefined
      ? await pullRequestChangeSet(options.client, {
          owner: event.owner,
          repo: event.repo,
          pullNumber: event.pullNumber,
          changedFiles: event.changedFiles,
        })
      : await compareChangeSet(options.client, {
          owner: event.owner,
          repo: event.repo,
          base: comparison.base,
          head: comparison.head,
        });
  if (remote.ok) return { ok: true, changes: remote.value, attempts };
  attempts.push(`GitHub API: ${remote.reason}.`);
  return { ok: false, failed: true, attempts };
}

function capitalize(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}
