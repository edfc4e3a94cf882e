/** New findings: on changed lines under the annotate filter, and not in the baseline. */
import { afterAll, beforeAll, expect, it, jest } from '@jest/globals';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { analyzeChanges } from '../../src/action/pr-context.js';
import { checkout, twoCommits } from '../helpers/git-fixture.js';
import type { TwoCommits } from '../helpers/git-fixture.js';
import { buildReport, finding } from '../helpers/report-builder.js';
import { pullRequestEvent } from '../helpers/webhook-events.js';

let tmp: string;
let repo: TwoCommits;
let ws: string;
let eventPath: string;
beforeAll(() => {
  jest.spyOn(process.stdout, 'write').mockImplementation(() => true);
  tmp = mkdtempSync(path.join(tmpdir(), 'fcg-ctx-'));
  repo = twoCommits(
    path.join(tmp, 'origin'),
    { 'app/a.py': 'one\ntwo\nthree\n' },
    { 'app/a.py': 'one\nTWO\nthree\nfour\n' },
  );
  ws = path.join(tmp, 'ws');
  checkout(repo, ws, 0);
  eventPath = path.join(tmp, 'event.json');
  writeFileSync(
    eventPath,
    JSON.stringify(
      pullRequestEvent({ action: 'opened', owner: 'o', repo: 'r', number: 1, baseSha: repo.base, headSha: repo.head }),
    ),
  );
});
afterAll(() => {
  jest.restoreAllMocks();
  rmSync(tmp, { recursive: true, force: true });
});

const env = () => ({
  eventName: 'pull_request',
  eventPath,
  repository: 'o/r',
  sha: 'f'.repeat(40),
  workspace: ws,
});

it('a baselined finding on a changed line is annotated but not new, and does not trip fail-on-new', async () => {
  const fresh = finding({ path: 'a.py', line: 4, severity: 'high' });
  const known = finding({ path: 'a.py', line: 2, severity: 'critical', state: 'existing' });
  const untouched = finding({ path: 'a.py', line: 1, severity: 'critical' });
  const report = buildReport({
    root: path.join(ws, 'app'),
    findings: [fresh, known, untouched],
    threshold: { failBelow: 'F' },
  });

  const high = await analyzeChanges(report, { annotate: 'added', failOnNew: 'high', token: undefined }, env());
  expect(high.toAnnotate).toEqual([fresh, known]);
  expect(high.newFindings).toEqual([fresh]);
  expect(high.repoPath(fresh)).toBe('app/a.py');
  expect(high.report.verdict).toEqual({
    passed: false,
    reasons: ['1 new finding at or above high severity on added or modified lines'],
  });

  const critical = await analyzeChanges(report, { annotate: 'added', failOnNew: 'critical', token: undefined }, env());
  expect(critical.report.verdict.passed).toBe(true);
  expect(critical.report).toBe(report);

  const all = await analyzeChanges(report, { annotate: 'nofilter', failOnNew: 'critical', token: undefined }, env());
  expect(all.newFindings).toEqual([fresh, untouched]);
  expect(all.report.verdict.passed).toBe(false);
  expect(all.changed).toBeUndefined();
});
