/**
 * Real webhook payloads (@octokit/webhooks-examples, the examples GitHub's own docs carry),
 * rewritten to name a test's repository and commits, as the runner writes them to
 * GITHUB_EVENT_PATH.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

interface ExampleGroup {
  name: string;
  examples: Json[];
}

const require = createRequire(import.meta.url);
let groups: ExampleGroup[] | undefined;
function examples(event: string): Json[] {
  groups ??= JSON.parse(
    readFileSync(require.resolve('@octokit/webhooks-examples/api.github.com/index.json'), 'utf8'),
  ) as ExampleGroup[];
  const group = groups.find((g) => g.name === event);
  if (!group) throw new Error(`no ${event} examples in @octokit/webhooks-examples`);
  return group.examples;
}

/** The first example of an event (and action), deep-copied. */
export function example(event: string, action?: string): Json {
  const found = examples(event).find((e) => action === undefined || e['action'] === action);
  if (!found) throw new Error(`no ${event}.${action} example`);
  return structuredClone(found);
}

export interface RepoName {
  readonly owner: string;
  readonly repo: string;
}

/** Points a payload's `repository` (and its owner) at owner/repo. */
function renameRepository(repository: Json, { owner, repo }: RepoName): void {
  repository['name'] = repo;
  repository['full_name'] = `${owner}/${repo}`;
  repository['owner']['login'] = owner;
  repository['html_url'] = `https://github.com/${owner}/${repo}`;
  repository['url'] = `https://api.github.com/repos/${owner}/${repo}`;
  repository['default_branch'] = 'main';
}

export interface PullRequestOptions extends RepoName {
  readonly action: 'opened' | 'synchronize';
  readonly number: number;
  readonly baseSha: string;
  readonly headSha: string;
  /** The head repository's owner when the pull request comes from a fork. */
  readonly forkOwner?: string;
  /** `changed_files` as GitHub counts them. */
  readonly changedFiles?: number;
}

export function pullRequestEvent(o: PullRequestOptions): Json {
  const e = example('pull_request', o.action);
  renameRepository(e['repository'], o);
  const pr = e['pull_request'];
  e['number'] = o.number;
  pr['number'] = o.number;
  pr['url'] = `https://api.github.com/repos/${o.owner}/${o.repo}/pulls/${o.number}`;
  pr['base']['sha'] = o.baseSha;
  pr['base']['ref'] = 'main';
  renameRepository(pr['base']['repo'], o);
  pr['head']['sha'] = o.headSha;
  renameRepository(pr['head']['repo'], o.forkOwner ? { owner: o.forkOwner, repo: o.repo } : o);
  pr['head']['label'] = `${o.forkOwner ?? o.owner}:feature`;
  pr['head']['user']['login'] = o.forkOwner ?? o.owner;
  pr['head']['repo']['fork'] = o.forkOwner !== undefined;
  if (o.changedFiles !== undefined) pr['changed_files'] = o.changedFiles;
  if (o.action === 'synchronize') {
    e['before'] = o.baseSha;
    e['after'] = o.headSha;
  }
  return e;
}

export interface PushOptions extends RepoName {
  /** All zeros for a new branch. */
  readonly before: string;
  readonly after: string;
  readonly ref?: string;
}

export function pushEvent(o: PushOptions): Json {
  // The example that creates a branch has before = 0000…; one that updates one is built from it.
  const e = example('push');
  renameRepository(e['repository'], o);
  e['before'] = o.before;
  e['after'] = o.after;
  e['ref'] = o.ref ?? 'refs/heads/feature';
  e['created'] = /^0+$/.test(o.before);
  e['deleted'] = false;
  e['compare'] = `https://github.com/${o.owner}/${o.repo}/compare/${o.before.slice(0, 12)}...${o.after.slice(0, 12)}`;
  if (e['head_commit']) e['head_commit']['id'] = o.after;
  return e;
}

export interface MergeGroupOptions extends RepoName {
  readonly baseSha: string;
  readonly headSha: string;
}

export function mergeGroupEvent(o: MergeGroupOptions): Json {
  const e = example('merge_group', 'checks_requested');
  renameRepository(e['repository'], o);
  e['merge_group']['base_sha'] = o.baseSha;
  e['merge_group']['head_sha'] = o.headSha;
  e['merge_group']['head_ref'] = 'refs/heads/gh-readonly-queue/main/pr-7-' + o.baseSha;
  e['merge_group']['base_ref'] = 'refs/heads/main';
  if (e['merge_group']['head_commit']) e['merge_group']['head_commit']['id'] = o.headSha;
  return e;
}
