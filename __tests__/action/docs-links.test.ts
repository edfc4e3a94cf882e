/**
 * The bundled action, run as the runner runs `uses: someone/fork@v2`: rule links in the SARIF
 * file, the job summary and the workflow annotations open that repository's docs at that ref.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HOST_NODE, runAction } from '../helpers/run-action.js';

let workspace = '';
beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'fcg-action-links-'));
  writeFileSync(
    path.join(workspace, 'db.py'),
    'import psycopg2\nconn = psycopg2.connect("postgresql://app@db.prod.example/bank?sslmode=disable")\n',
  );
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

test('links follow GITHUB_ACTION_REPOSITORY and GITHUB_ACTION_REF', async () => {
  const run = await runAction({
    node: HOST_NODE,
    workspace,
    inputs: { 'check-run': 'false', annotate: 'nofilter', 'fail-below': 'F' },
    env: {
      GITHUB_ACTION_REPOSITORY: 'someone/fork',
      GITHUB_ACTION_REF: 'v2.1.0',
      GITHUB_SERVER_URL: 'https://github.com',
    },
  });
  expect(run.status).toBe(0);
  const page = 'https://github.com/someone/fork/blob/v2.1.0/docs/rules/sslmode-disabled.md';
  const sarif = JSON.parse(readFileSync(run.outputs['sarif-file'] ?? '', 'utf8')) as {
    runs: [{ tool: { driver: { informationUri: string; rules: { name: string; helpUri: string }[] } } }];
  };
  const driver = sarif.runs[0].tool.driver;
  expect(driver.informationUri).toBe('https://github.com/someone/fork');
  expect(driver.rules.find((r) => r.name === 'sslmode-disabled')?.helpUri).toBe(page);
  expect(run.summary).toContain(page);
  expect(run.summary).not.toContain('flask-crdb-gate/flask-crdb-gate/blob');
});
