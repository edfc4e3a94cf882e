/**
 * What the workflow run is about, from the event payload the runner writes to GITHUB_EVENT_PATH:
 * which commit a check run belongs on, and what to diff to find the changed lines.
 */
import { readFile } from 'node:fs/promises';

const ZERO_SHA = /^0{40}$/;

/** What to compare: the merge base of `base` and `head`, to `head`. */
export interface Comparison {
  /** A commit SHA, or a branch name when only that is known (a new branch's default branch). */
  readonly base: string;
  readonly head: string;
  /** For messages: "pull request base", "push's before commit", "merge queue base". */
  readonly baseLabel: string;
  /** The ref of `base` in a local clone when it is a branch name (`refs/remotes/origin/main`). */
  readonly localBase?: string;
}

export interface EventInfo {
  readonly name: string;
  readonly owner: string | undefined;
  readonly repo: string | undefined;
  /** The commit a check run goes on: the pull request's head, not the merge commit GITHUB_SHA names. */
  readonly headSha: string | undefined;
  readonly comparison: Comparison | undefined;
  /** Why there is nothing to compare, when comparison is undefined. */
  readonly noComparison: string | undefined;
  readonly pullNumber: number | undefined;
  /** The pull request's `changed_files` (to tell when the files API's 3000-file cap cut the list). */
  readonly changedFiles: number | undefined;
  /** A pull request from another repository (a fork): its token is read-only. */
  readonly fromFork: boolean;
  /** Whether the event is one that has a diff (pull request, push, merge queue). */
  readonly hasDiff: boolean;
}

const DIFF_EVENTS = ['pull_request', 'pull_request_target', 'push', 'merge_group'];

type Json = Record<string, unknown>;
const obj = (v: unknown): Json | undefined =>
  typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : undefined;
const str = (v: unknown): string | undefined => (typeof v === 'string' && v !== '' ? v : undefined);
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);

/** Reads GITHUB_EVENT_PATH (a missing or unreadable file is an empty payload). */
export async function readEventPayload(file: string | undefined): Promise<Json> {
  if (!file) return {};
  try {
    return obj(JSON.parse(await readFile(file, 'utf8'))) ?? {};
  } catch {
    return {};
  }
}

export function describeEvent(
  name: string,
  payload: Json,
  env: { readonly repository?: string | undefined; readonly sha?: string | undefined } = {},
): EventInfo {
  const repository = obj(payload['repository']);
  const [envOwner, envRepo] = (env.repository ?? '').split('/');
  const owner = envOwner || str(obj(repository?.['owner'])?.['login']);
  const repo = envRepo || str(repository?.['name']);
  const defaultBranch = str(repository?.['default_branch']);
  const base: Omit<EventInfo, 'headSha' | 'comparison' | 'noComparison'> = {
    name,
    owner,
    repo,
    pullNumber: undefined,
    changedFiles: undefined,
    fromFork: false,
    hasDiff: DIFF_EVENTS.includes(name),
  };

  if (name === 'pull_request' || name === 'pull_request_target') {
    const pr = obj(payload['pull_request']);
    const headSha = str(obj(pr?.['head'])?.['sha']);
    const baseSha = str(obj(pr?.['base'])?.['sha']);
    const headRepo = str(obj(obj(pr?.['head'])?.['repo'])?.['full_name']);
    const baseRepo = str(obj(obj(pr?.['base'])?.['repo'])?.['full_name']);
    return {
      ...base,
      headSha: headSha ?? env.sha,
      comparison: headSha && baseSha ? { base: baseSha, head: headSha, baseLabel: 'pull request base' } : undefined,
      noComparison: headSha && baseSha ? undefined : 'the event payload names no base and head commits',
      pullNumber: num(pr?.['number']) ?? num(payload['number']),
      changedFiles: num(pr?.['changed_files']),
      fromFork: headRepo !== undefined && baseRepo !== undefined && headRepo !== baseRepo,
    };
  }

  if (name === 'push') {
    const before = str(payload['before']);
    const after = str(payload['after']);
    const head = after && !ZERO_SHA.test(after) ? after : env.sha;
    if (!head)
      return {
        ...base,
        headSha: undefined,
        comparison: undefined,
        noComparison: 'the push event payload names no commits',
      };
    if (before && !ZERO_SHA.test(before))
      return {
        ...base,
        headSha: head,
        comparison: { base: before, head, baseLabel: "push's before commit" },
        noComparison: undefined,
      };
    // A new branch: compare with the default branch, unless this is the default branch.
    const ref = str(payload['ref']);
    if (defaultBranch && ref !== `refs/heads/${defaultBranch}`)
      return {
        ...base,
        headSha: head,
        comparison: {
          base: defaultBranch,
          head,
          baseLabel: `default branch ${defaultBranch}`,
          localBase: `refs/remotes/origin/${defaultBranch}`,
        },
        noComparison: undefined,
      };
    return {
      ...base,
      headSha: head,
      comparison: undefined,
      noComparison: before
        ? 'the push created a branch and there is no other branch to compare it with'
        : 'the push event names no before commit',
    };
  }

  if (name === 'merge_group') {
    const group = obj(payload['merge_group']);
    const head = str(group?.['head_sha']);
    const baseSha = str(group?.['base_sha']);
    return {
      ...base,
      headSha: head ?? env.sha,
      comparison: head && baseSha ? { base: baseSha, head, baseLabel: 'merge queue base' } : undefined,
      noComparison: head && baseSha ? undefined : 'the merge_group payload names no base and head commits',
    };
  }

  return {
    ...base,
    headSha: env.sha,
    comparison: undefined,
    noComparison: `a ${name || 'local'} run has no pull request, push or merge queue diff`,
  };
}
