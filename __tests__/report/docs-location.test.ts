/**
 * Rule links follow the code that runs: package.json's repository for the built tool, the
 * runner's GITHUB_ACTION_REPOSITORY and GITHUB_ACTION_REF inside the action.
 */
import { describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { actionTool, repositoryWebUrl, ruleDocsUrl, type ToolInfo } from '../../src/report/docs-location.js';
import { TOOL_URI } from '../../src/version.js';
import { BUNDLE_DIR, HOST_NODE, REPO } from '../helpers/run-action.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { repository?: unknown };
const TOOL: ToolInfo = { name: 'flask-crdb-gate', version: '0.1.0', informationUri: 'https://github.com/a/b' };

describe('repositoryWebUrl', () => {
  test.each([
    ['git+https://github.com/o/r.git', 'https://github.com/o/r'],
    ['https://github.com/o/r', 'https://github.com/o/r'],
    ['https://github.com/o/r/', 'https://github.com/o/r'],
    ['git@github.com:o/r.git', 'https://github.com/o/r'],
    ['git://github.com/o/r.git', 'https://github.com/o/r'],
    ['github:o/r', 'https://github.com/o/r'],
    ['o/r', 'https://github.com/o/r'],
    ['https://ghe.example.com/team/r.git', 'https://ghe.example.com/team/r'],
  ])('%s', (raw, web) => {
    expect(repositoryWebUrl(raw)).toBe(web);
    expect(repositoryWebUrl({ type: 'git', url: raw })).toBe(web);
  });

  test('names no repository', () => {
    for (const raw of [undefined, null, '', {}, { url: 3 }, 'not a url', 'https://github.com/only-owner'])
      expect(repositoryWebUrl(raw)).toBeUndefined();
  });
});

describe('the built tool links to the repository package.json names', () => {
  test('package.json has a repository, and TOOL_URI is its web page', () => {
    expect(pkg.repository).toBeDefined();
    expect(TOOL_URI).toBe(repositoryWebUrl(pkg.repository));
  });

  test("the bundled CLI's SARIF: informationUri and every rule's helpUri", () => {
    const out = execFileSync(
      HOST_NODE,
      [path.join(BUNDLE_DIR, 'cli.js'), 'scan', 'examples/vulnerable-app', '--format', 'sarif', '--exit-zero'],
      { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
    );
    const driver = (
      JSON.parse(out) as { runs: [{ tool: { driver: { informationUri: string; rules: { helpUri: string }[] } } }] }
    ).runs[0].tool.driver;
    const web = repositoryWebUrl(pkg.repository) ?? '';
    expect(driver.informationUri).toBe(web);
    expect(driver.rules.length).toBeGreaterThan(0);
    for (const rule of driver.rules) expect(rule.helpUri.startsWith(`${web}/blob/main/docs/rules/`)).toBe(true);
  });
});

describe('ruleDocsUrl', () => {
  test('main by default, the ref when set (slashes kept, segments encoded)', () => {
    expect(ruleDocsUrl(TOOL, 'sslmode-disabled')).toBe(
      'https://github.com/a/b/blob/main/docs/rules/sslmode-disabled.md',
    );
    expect(ruleDocsUrl({ ...TOOL, docsRef: 'v1.2.0' }, 'x')).toBe('https://github.com/a/b/blob/v1.2.0/docs/rules/x.md');
    expect(ruleDocsUrl({ ...TOOL, docsRef: 'release/2 x' }, 'x')).toBe(
      'https://github.com/a/b/blob/release/2%20x/docs/rules/x.md',
    );
  });
});

describe('actionTool', () => {
  test('the repository and ref the runner checked the action out from', () => {
    const tool = actionTool(TOOL, { GITHUB_ACTION_REPOSITORY: 'someone/fork', GITHUB_ACTION_REF: 'v2' });
    expect(tool).toEqual({ ...TOOL, informationUri: 'https://github.com/someone/fork', docsRef: 'v2' });
  });

  test('a GitHub Enterprise Server host; no ref means main', () => {
    const tool = actionTool(TOOL, {
      GITHUB_ACTION_REPOSITORY: 'sec/gate',
      GITHUB_SERVER_URL: 'https://ghe.example.com/',
    });
    expect(ruleDocsUrl(tool, 'x')).toBe('https://ghe.example.com/sec/gate/blob/main/docs/rules/x.md');
  });

  test('unset or malformed (a local `uses: ./`): the tool as built', () => {
    expect(actionTool(TOOL, {})).toBe(TOOL);
    expect(actionTool(TOOL, { GITHUB_ACTION_REPOSITORY: '' })).toBe(TOOL);
    expect(actionTool(TOOL, { GITHUB_ACTION_REPOSITORY: 'not a repo' })).toBe(TOOL);
  });
});
