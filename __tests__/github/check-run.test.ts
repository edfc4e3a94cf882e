import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { ANNOTATIONS_PER_REQUEST, MAX_CHECK_ANNOTATIONS, publishCheckRun } from '../../src/github/check-run.js';
import type { CheckAnnotation, CheckRunRequest } from '../../src/github/check-run.js';
import { createClient } from '../../src/github/client.js';
import type { GitHubClient } from '../../src/github/client.js';
import { FakeGitHub } from '../helpers/fake-github.js';

const HEAD = 'c0ffee'.padEnd(40, '0');

function annotations(n: number): CheckAnnotation[] {
  return Array.from({ length: n }, (_, i) => ({
    path: `app/f${i}.py`,
    start_line: i + 1,
    end_line: i + 1,
    start_column: 5,
    end_column: 9,
    annotation_level: 'failure',
    message: `finding ${i}`,
    title: 'FCG101 sslmode-disabled',
  }));
}

const request = (over: Partial<CheckRunRequest> = {}): CheckRunRequest => ({
  owner: 'acme',
  repo: 'bank',
  name: 'flask-crdb-gate',
  headSha: HEAD,
  conclusion: 'failure',
  title: 'Grade D (score 61/100), failed',
  summary: '## summary',
  annotations: annotations(3),
  ...over,
});

let gh: FakeGitHub;
let client: GitHubClient;
const slept: number[] = [];
beforeEach(async () => {
  gh = await FakeGitHub.start();
  slept.length = 0;
  client = createClient({
    token: 'ghs_x',
    baseUrl: gh.url,
    sleep: async (ms) => {
      slept.push(ms);
    },
  });
});
afterEach(async () => {
  const violations = gh.violations;
  await gh.close();
  expect(violations).toEqual([]);
});

describe('publishCheckRun', () => {
  it('creates a completed check run on the head SHA with the title, summary and annotations', async () => {
    const r = await publishCheckRun(client, request({ detailsUrl: 'https://github.com/acme/bank/actions/runs/1' }));
    expect(r).toMatchObject({ kind: 'created', annotated: 3, omitted: 0, requests: 1 });
    const [run] = gh.checkRuns;
    expect(run?.created).toMatchObject({
      name: 'flask-crdb-gate',
      head_sha: HEAD,
      status: 'completed',
      conclusion: 'failure',
      details_url: 'https://github.com/acme/bank/actions/runs/1',
      output: { title: 'Grade D (score 61/100), failed', summary: '## summary' },
    });
    expect(gh.requests[0]?.headers['authorization']).toBe('token ghs_x');
  });

  it('sends 50 annotations per request: the create call, then updates that append', async () => {
    const r = await publishCheckRun(client, request({ annotations: annotations(120) }));
    expect(r).toMatchObject({ kind: 'created', annotated: 120, requests: 3 });
    const run = gh.checkRuns[0];
    const sizes = [run?.created, ...(run?.updates ?? [])].map(
      (b) => (b?.['output'] as { annotations: unknown[] }).annotations.length,
    );
    expect(sizes).toEqual([ANNOTATIONS_PER_REQUEST, ANNOTATIONS_PER_REQUEST, 20]);
    expect(run?.annotations.map((a) => a['message'])).toEqual(annotations(120).map((a) => a.message));
    // Every update repeats the title and summary the API requires with an output.
    for (const u of run?.updates ?? [])
      expect(u['output']).toMatchObject({ title: expect.any(String), summary: '## summary' });
  });

  it(`stops at ${MAX_CHECK_ANNOTATIONS} annotations and says how many it left out`, async () => {
    const r = await publishCheckRun(client, request({ annotations: annotations(MAX_CHECK_ANNOTATIONS + 7) }));
    expect(r).toMatchObject({ kind: 'created', annotated: MAX_CHECK_ANNOTATIONS, omitted: 7, requests: 20 });
  });

  it('keeps the summary, titles and messages within the documented limits', async () => {
    const long: CheckAnnotation = { ...annotations(1)[0]!, title: 'T'.repeat(300), message: 'é'.repeat(40_000) };
    const r = await publishCheckRun(client, request({ summary: '🔴'.repeat(40_000), annotations: [long] }));
    expect(r.kind).toBe('created');
    const output = gh.checkRuns[0]?.created['output'] as {
      summary: string;
      annotations: { title: string; message: string }[];
    };
    expect(output.summary.length).toBeLessThanOrEqual(65_535);
    expect(output.annotations[0]?.title).toHaveLength(255);
    expect(Buffer.byteLength(output.annotations[0]?.message ?? '')).toBeLessThanOrEqual(64 * 1024);
  });

  it.each([403, 404])('reports %i on creation as forbidden (a read-only token), without retrying', async (status) => {
    gh.fail('checks/create', { ...FakeGitHub.FORBIDDEN, status });
    const r = await publishCheckRun(client, request());
    expect(r).toMatchObject({ kind: 'forbidden', status });
    expect(gh.requestsOf('checks/create')).toHaveLength(1);
    expect(slept).toEqual([]);
  });

  it('retries 5xx and 429 with backoff and Retry-After, then succeeds', async () => {
    gh.script('checks/create', { status: 502 }, { status: 429, headers: { 'retry-after': '7' } }, { status: 500 });
    const r = await publishCheckRun(client, request());
    expect(r.kind).toBe('created');
    expect(gh.requestsOf('checks/create').map((q) => q.status)).toEqual([502, 429, 500, 201]);
    expect(slept).toEqual([1000, 7000, 4000]);
  });

  it('gives up after three retries', async () => {
    gh.fail('checks/create', { status: 500 });
    const r = await publishCheckRun(client, request());
    expect(r).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^HTTP 500/) });
    expect(gh.requestsOf('checks/create')).toHaveLength(4);
  });

  it('a failed update leaves a partial check run and says how far it got', async () => {
    gh.fail('checks/update', { status: 422, body: { message: 'Unprocessable' } });
    const r = await publishCheckRun(client, request({ annotations: annotations(70) }));
    expect(r).toMatchObject({ kind: 'failed', partial: { annotated: 50 } });
    expect(r.kind === 'failed' && r.message).toMatch(/^adding annotations 51–70 failed \(HTTP 422: Unprocessable\)/);
  });

  it('a server that never answers in time is given up on (timeout per attempt)', async () => {
    const slow = createClient({
      token: 't',
      baseUrl: 'http://127.0.0.1:9',
      timeoutMs: 200,
      sleep: async () => undefined,
    });
    const r = await publishCheckRun(slow, request());
    expect(r).toMatchObject({ kind: 'failed', message: expect.stringMatching(/^no answer from the API/) });
  });
});
