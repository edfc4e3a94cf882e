/**
 * Changed lines from the GitHub API, for checkouts without the history `git diff` needs: the
 * pull request files API (paginated, at most 3000 files) or, for pushes and merge queues, the
 * compare API (at most 300 files). A file the API sends without a `patch` (too large, binary) has
 * unknown lines.
 */
import type { GitHubClient } from '../github/client.js';
import { describeError } from '../github/client.js';
import type { GitResult } from './git.js';
import { short } from './git.js';
import { parsePatch } from './unified.js';
import type { ChangeSet, ChangeSource, FileChange } from './types.js';

/** GitHub lists at most this many files of a pull request. */
export const MAX_PULL_FILES = 3000;
/** And at most this many of a comparison. */
export const MAX_COMPARE_FILES = 300;
const PER_PAGE = 100;

/** The fields of the API's diff-entry schema this reads. */
export interface DiffEntryLike {
  readonly filename: string;
  readonly status: string;
  readonly changes: number;
  readonly patch?: string | undefined;
  readonly previous_filename?: string | undefined;
}

/** Diff entries to file changes: removed files dropped, renames under their new name. */
export function changesFromEntries(entries: readonly DiffEntryLike[]): Map<string, FileChange> {
  const files = new Map<string, FileChange>();
  for (const e of entries) {
    if (e.status === 'removed') continue;
    const previousPath = e.previous_filename;
    if (typeof e.patch === 'string' && e.patch !== '') {
      const hunks = parsePatch(e.patch);
      files.set(e.filename, { path: e.filename, previousPath, added: hunks.added, context: hunks.context });
    } else if (e.changes === 0) {
      // A pure rename (or a mode change): the file is in the diff, no line in it changed.
      files.set(e.filename, { path: e.filename, previousPath, added: [], context: [] });
    } else {
      files.set(e.filename, { path: e.filename, previousPath, added: undefined, context: undefined });
    }
  }
  return files;
}

function unknownLinesCaveat(files: ReadonlyMap<string, FileChange>): string[] {
  const n = [...files.values()].filter((f) => f.added === undefined).length;
  return n === 0
    ? []
    : [
        `${n} changed file${n === 1 ? '' : 's'} came without a patch (too large or binary for the API): ` +
          'their changed lines are unknown.',
      ];
}

export interface PullRequestFilesRequest {
  readonly owner: string;
  readonly repo: string;
  readonly pullNumber: number;
  /** The payload's `changed_files`, when known. */
  readonly changedFiles: number | undefined;
}

export async function pullRequestChangeSet(
  client: GitHubClient,
  req: PullRequestFilesRequest,
): Promise<GitResult<ChangeSet>> {
  const entries: DiffEntryLike[] = [];
  try {
    const pages = client.paginate.iterator(client.rest.pulls.listFiles, {
      owner: req.owner,
      repo: req.repo,
      pull_number: req.pullNumber,
      per_page: PER_PAGE,
    });
    for await (const page of pages) {
      entries.push(...page.data);
      if (entries.length >= MAX_PULL_FILES) break;
    }
  } catch (err) {
    return { ok: false, reason: `the pull request files API failed (${describeError(err)})` };
  }
  const listed = entries.slice(0, MAX_PULL_FILES);
  const files = changesFromEntries(listed);
  const capped =
    listed.length >= MAX_PULL_FILES || (req.changedFiles !== undefined && listed.length < req.changedFiles);
  const caveats = unknownLinesCaveat(files);
  if (capped)
    caveats.unshift(
      `The pull request files API lists at most ${MAX_PULL_FILES} files and gave ${listed.length}` +
        (req.changedFiles !== undefined ? ` of ${req.changedFiles}` : '') +
        ': lines in files it left out are unknown.',
    );
  return {
    ok: true,
    value: {
      source: 'pulls-api',
      description: `the pull request files API (#${req.pullNumber}, ${listed.length} file${listed.length === 1 ? '' : 's'})`,
      files,
      complete: !capped,
      caveats,
    },
  };
}

export interface CompareRequest {
  readonly owner: string;
  readonly repo: string;
  readonly base: string;
  readonly head: string;
}

export async function compareChangeSet(client: GitHubClient, req: CompareRequest): Promise<GitResult<ChangeSet>> {
  let data: { files?: DiffEntryLike[]; merge_base_commit?: { sha?: string } };
  try {
    ({ data } = await client.rest.repos.compareCommitsWithBasehead({
      owner: req.owner,
      repo: req.repo,
      basehead: `${req.base}...${req.head}`,
    }));
  } catch (err) {
    return { ok: false, reason: `the compare API failed (${describeError(err)})` };
  }
  const entries = data.files ?? [];
  const files = changesFromEntries(entries);
  const capped = entries.length >= MAX_COMPARE_FILES;
  const caveats = unknownLinesCaveat(files);
  if (capped)
    caveats.unshift(
      `The compare API lists at most ${MAX_COMPARE_FILES} files: lines in files it left out are unknown.`,
    );
  const source: ChangeSource = 'compare-api';
  const mergeBase = data.merge_base_commit?.sha;
  return {
    ok: true,
    value: {
      source,
      description:
        `the compare API (${short(req.base)}...${short(req.head)}` +
        (mergeBase ? `, merge base ${short(mergeBase)}` : '') +
        `, ${entries.length} file${entries.length === 1 ? '' : 's'})`,
      files,
      complete: !capped,
      caveats,
    },
  };
}
