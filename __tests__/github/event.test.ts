import { describe, expect, it } from '@jest/globals';
import { describeEvent } from '../../src/github/event.js';
import { example, mergeGroupEvent, pullRequestEvent, pushEvent } from '../helpers/webhook-events.js';

const BASE = '1'.repeat(40);
const HEAD = '2'.repeat(40);
const MERGE = '3'.repeat(40);
const ZERO = '0'.repeat(40);
const env = { repository: 'acme/bank', sha: MERGE };

describe('describeEvent on real webhook payloads', () => {
  it('pull_request: the head SHA (not the merge commit), the base, the number, changed_files', () => {
    const e = pullRequestEvent({
      action: 'opened',
      owner: 'acme',
      repo: 'bank',
      number: 9,
      baseSha: BASE,
      headSha: HEAD,
      changedFiles: 4,
    });
    expect(describeEvent('pull_request', e, env)).toEqual({
      name: 'pull_request',
      owner: 'acme',
      repo: 'bank',
      headSha: HEAD,
      comparison: { base: BASE, head: HEAD, baseLabel: 'pull request base' },
      noComparison: undefined,
      pullNumber: 9,
      changedFiles: 4,
      fromFork: false,
      hasDiff: true,
    });
  });

  it('pull_request from a fork, and pull_request_target', () => {
    const e = pullRequestEvent({
      action: 'synchronize',
      owner: 'acme',
      repo: 'bank',
      number: 9,
      baseSha: BASE,
      headSha: HEAD,
      forkOwner: 'someone',
    });
    expect(describeEvent('pull_request', e, env).fromFork).toBe(true);
    expect(describeEvent('pull_request_target', e, env)).toMatchObject({
      headSha: HEAD,
      pullNumber: 9,
      fromFork: true,
    });
  });

  it('the unmodified example payload: repository from the payload when GITHUB_REPOSITORY is unset', () => {
    const e = example('pull_request', 'opened');
    expect(describeEvent('pull_request', e)).toMatchObject({
      owner: 'Codertocat',
      repo: 'Hello-World',
      headSha: 'ec26c3e57ca3a959ca5aad62de7213c562f8c821',
      pullNumber: 2,
    });
  });

  it('push: before..after; a new branch compares with the default branch; the default branch itself has nothing', () => {
    expect(
      describeEvent('push', pushEvent({ owner: 'acme', repo: 'bank', before: BASE, after: HEAD }), env),
    ).toMatchObject({
      headSha: HEAD,
      comparison: { base: BASE, head: HEAD, baseLabel: "push's before commit" },
    });
    expect(
      describeEvent('push', pushEvent({ owner: 'acme', repo: 'bank', before: ZERO, after: HEAD }), env),
    ).toMatchObject({
      headSha: HEAD,
      comparison: { base: 'main', head: HEAD, localBase: 'refs/remotes/origin/main', baseLabel: 'default branch main' },
    });
    const first = describeEvent(
      'push',
      pushEvent({ owner: 'acme', repo: 'bank', before: ZERO, after: HEAD, ref: 'refs/heads/main' }),
      env,
    );
    expect(first).toMatchObject({ headSha: HEAD, comparison: undefined, hasDiff: true });
    expect(first.noComparison).toContain('no other branch to compare it with');
  });

  it('merge_group: base_sha..head_sha, the check run on head_sha', () => {
    const e = mergeGroupEvent({ owner: 'acme', repo: 'bank', baseSha: BASE, headSha: HEAD });
    expect(describeEvent('merge_group', e, env)).toMatchObject({
      headSha: HEAD,
      comparison: { base: BASE, head: HEAD, baseLabel: 'merge queue base' },
    });
  });

  it('other events have no diff; the check run goes on GITHUB_SHA', () => {
    expect(describeEvent('workflow_dispatch', {}, env)).toMatchObject({
      headSha: MERGE,
      comparison: undefined,
      hasDiff: false,
      noComparison: 'a workflow_dispatch run has no pull request, push or merge queue diff',
    });
    expect(describeEvent('pull_request', {}, env)).toMatchObject({
      headSha: MERGE,
      comparison: undefined,
      hasDiff: true,
    });
  });
});
