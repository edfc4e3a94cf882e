/**
 * The release workflow (.github/workflows/release.yml): its structure, read with the yaml parser,
 * and its shell steps run as the runner runs them (`bash --noprofile --norc -eo pipefail`), with
 * their `env`, in throwaway repositories: the version check, the dist/ check, the release (a
 * recording `gh` on PATH) and the move of the major tag (against a bare `origin`).
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO, userEnv } from '../helpers/npm-pack.js';

interface Step {
  id?: string;
  name?: string;
  uses?: string;
  run?: string;
  if?: string;
  env?: Record<string, string>;
  with?: Record<string, unknown>;
}
interface Job {
  'runs-on': string;
  needs?: string;
  if?: string;
  permissions: Record<string, string>;
  outputs?: Record<string, string>;
  steps: Step[];
}
interface Workflow {
  on: { push: { tags: string[]; branches?: unknown } };
  permissions: Record<string, string>;
  jobs: Record<string, Job>;
}

const workflow = parse(readFileSync(path.join(REPO, '.github/workflows/release.yml'), 'utf8')) as Workflow;
const release = workflow.jobs['release'] as Job;
const step = (pred: (s: Step) => boolean): Step => {
  const found = release.steps.filter(pred);
  expect(found).toHaveLength(1);
  return found[0]!;
};
const versionStep = () => step((s) => s.id === 'version');
const distStep = () => step((s) => s.id === 'dist');
const releaseStep = () => step((s) => s.run?.includes('gh release create') ?? false);
const majorStep = () => step((s) => s.name === 'Move the major tag');

let tmp = '';
beforeAll(() => {
  tmp = mkdtempSync(path.join(tmpdir(), 'fcg-release-'));
});
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** A step's `run` as the runner runs it, with its `env` (expressions replaced by `values`). */
function runStep(
  s: Step,
  cwd: string,
  values: Record<string, string>,
  extraEnv: Record<string, string> = {},
): { status: number | null; stdout: string; stderr: string; outputs: Record<string, string> } {
  const script = path.join(tmp, `step-${Math.random().toString(36).slice(2)}.sh`);
  writeFileSync(script, s.run ?? '');
  const outputFile = `${script}.out`;
  writeFileSync(outputFile, '');
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(s.env ?? {})) {
    env[k] = v.replace(/\$\{\{\s*([^}]+?)\s*\}\}/g, (_, expr: string) => {
      if (!(expr in values)) throw new Error(`the test gives no value for \${{ ${expr} }}`);
      return values[expr]!;
    });
  }
  const r = spawnSync('bash', ['--noprofile', '--norc', '-eo', 'pipefail', script], {
    cwd,
    encoding: 'utf8',
    env: userEnv({ ...env, ...extraEnv, GITHUB_OUTPUT: outputFile }),
  });
  if (r.error) throw r.error;
  const outputs = Object.fromEntries(
    readFileSync(outputFile, 'utf8')
      .split('\n')
      .filter(Boolean)
      .map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]),
  );
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, outputs };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: userEnv() }).trim();
}

function newRepo(name: string): string {
  const repo = path.join(tmp, name);
  mkdirSync(repo, { recursive: true });
  git(repo, 'init', '-q', '-b', 'main');
  git(repo, 'config', 'user.email', 'test@example.invalid');
  git(repo, 'config', 'user.name', 'test');
  git(repo, 'config', 'commit.gpgsign', 'false');
  git(repo, 'config', 'tag.gpgsign', 'false');
  return repo;
}

describe('release.yml', () => {
  test('runs on version tags only, with no permission but contents: write for the release job', () => {
    expect(Object.keys(workflow.on)).toEqual(['push']);
    expect(workflow.on.push.branches).toBeUndefined();
    expect(workflow.on.push.tags).toEqual(['v[0-9]+.[0-9]+.[0-9]+', 'v[0-9]+.[0-9]+.[0-9]+-*']);
    expect(workflow.permissions).toEqual({});
    expect(release.permissions).toEqual({ contents: 'write' });
  });

  test('checks out, checks the version, installs, tests, checks dist/, releases, moves the major tag', () => {
    const order = release.steps.map((s) => s.uses?.split('@')[0] ?? s.id ?? s.name ?? s.run);
    expect(order).toEqual([
      'actions/checkout',
      'actions/setup-node',
      'version',
      'npm ci',
      'npm test',
      'dist',
      'Create the GitHub release',
      'Move the major tag',
    ]);
    expect(releaseStep().env).toMatchObject({ GH_TOKEN: '${{ github.token }}', TAG: '${{ github.ref_name }}' });
    expect(majorStep().if).toBe("steps.version.outputs.prerelease == 'false'");
    expect(release.outputs).toEqual({ prerelease: '${{ steps.version.outputs.prerelease }}' });
  });

  test('publishes to npm only when the repository opts in, after the release, with provenance', () => {
    const npmJob = workflow.jobs['npm'] as Job;
    expect(npmJob.needs).toBe('release');
    expect(npmJob.if).toBe("vars.NPM_PUBLISH == 'true'");
    expect(npmJob.permissions).toEqual({ contents: 'read', 'id-token': 'write' });
    expect(npmJob.steps.at(-1)?.run).toContain('npm publish --provenance --access public');
  });
});

describe('the version step', () => {
  const inPackage = (version: string): string => {
    const dir = mkdtempSync(path.join(tmp, 'pkg-'));
    writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name: 'x', version }));
    return dir;
  };

  test('passes a tag equal to v + package.json version and names the major tag', () => {
    const r = runStep(versionStep(), inPackage('1.4.2'), { 'github.ref_name': 'v1.4.2' });
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ prerelease: 'false', major: 'v1' });
  });

  test('marks a pre-release', () => {
    const r = runStep(versionStep(), inPackage('2.0.0-rc.1'), { 'github.ref_name': 'v2.0.0-rc.1' });
    expect(r.status).toBe(0);
    expect(r.outputs).toEqual({ prerelease: 'true', major: 'v2' });
  });

  test('fails a tag that package.json does not carry', () => {
    const r = runStep(versionStep(), inPackage('1.4.2'), { 'github.ref_name': 'v1.4.3' });
    expect(r.status).toBe(1);
    expect(r.stdout).toContain("::error::tag v1.4.3 does not match package.json's version 1.4.2");
  });
});

describe('the dist/ step', () => {
  /** A repository whose `npm run bundle` writes dist/out.js from src.txt. */
  function bundled(name: string, committed: Record<string, string>): string {
    const repo = newRepo(name);
    writeFileSync(
      path.join(repo, 'package.json'),
      JSON.stringify({
        name,
        version: '1.0.0',
        scripts: {
          bundle:
            "node -e \"require('fs').mkdirSync('dist',{recursive:true});require('fs').writeFileSync('dist/out.js',require('fs').readFileSync('src.txt'))\"",
        },
      }),
    );
    writeFileSync(path.join(repo, 'src.txt'), 'built from src\n');
    for (const [rel, text] of Object.entries(committed)) {
      mkdirSync(path.dirname(path.join(repo, rel)), { recursive: true });
      writeFileSync(path.join(repo, rel), text);
    }
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'release');
    return repo;
  }

  test('passes when the committed dist/ is the bundle', () => {
    const r = runStep(distStep(), bundled('fresh', { 'dist/out.js': 'built from src\n' }), {});
    expect(r.status).toBe(0);
  });

  test('fails a stale dist/, and a dist/ missing a file the bundle makes', () => {
    const stale = runStep(distStep(), bundled('stale', { 'dist/out.js': 'older\n' }), {});
    expect(stale.status).toBe(1);
    expect(stale.stdout).toContain('::error::dist/ at this tag is not the bundle built from src/');
    const missing = runStep(distStep(), bundled('missing', { 'dist/README': 'no bundle here\n' }), {});
    expect(missing.status).toBe(1);
  });
});

describe('the release step', () => {
  test('creates the release for the tag with generated notes, a pre-release for a pre-release tag', () => {
    const bin = path.join(tmp, 'fake-gh');
    mkdirSync(bin, { recursive: true });
    const log = path.join(tmp, 'gh.log');
    writeFileSync(
      path.join(bin, 'gh'),
      `#!/bin/sh\nprintf '%s\\n' "$GH_TOKEN" "$@" >> '${log}'\necho --- >> '${log}'\n`,
    );
    chmodSync(path.join(bin, 'gh'), 0o755);
    const PATH = `${bin}${path.delimiter}${userEnv()['PATH'] ?? ''}`;
    const values = (prerelease: string) => ({
      'github.token': 'ghs_test',
      'github.ref_name': prerelease === 'true' ? 'v1.5.0-rc.1' : 'v1.4.2',
      'steps.version.outputs.prerelease': prerelease,
    });
    expect(runStep(releaseStep(), tmp, values('false'), { PATH }).status).toBe(0);
    expect(runStep(releaseStep(), tmp, values('true'), { PATH }).status).toBe(0);
    const calls = readFileSync(log, 'utf8')
      .split('---\n')
      .filter(Boolean)
      .map((c) => c.trim().split('\n'));
    expect(calls).toEqual([
      ['ghs_test', 'release', 'create', 'v1.4.2', '--verify-tag', '--generate-notes', '--title', 'v1.4.2'],
      [
        'ghs_test',
        'release',
        'create',
        'v1.5.0-rc.1',
        '--verify-tag',
        '--generate-notes',
        '--title',
        'v1.5.0-rc.1',
        '--prerelease',
      ],
    ]);
  });
});

describe('the major tag step', () => {
  test('points the major tag at each release in turn, on the remote', () => {
    const origin = path.join(tmp, 'origin.git');
    execFileSync('git', ['init', '-q', '--bare', origin]);
    const repo = newRepo('action');
    git(repo, 'remote', 'add', 'origin', origin);
    const release = (version: string): string => {
      writeFileSync(path.join(repo, 'VERSION'), `${version}\n`);
      git(repo, 'add', 'VERSION');
      git(repo, 'commit', '-q', '-m', version);
      // An annotated tag, as `git tag -a` or a GitHub release makes: the major tag must name the commit.
      git(repo, 'tag', '-a', `v${version}`, '-m', `v${version}`);
      git(repo, 'push', '-q', 'origin', 'main', `v${version}`);
      const values = { 'github.ref_name': `v${version}`, 'steps.version.outputs.major': 'v1' };
      const r = runStep(majorStep(), repo, values);
      expect(r.stderr).not.toContain('fatal');
      expect(r.status).toBe(0);
      return git(repo, 'rev-parse', 'HEAD');
    };
    const first = release('1.0.0');
    expect(git(origin, 'rev-parse', 'refs/tags/v1')).toBe(first);
    const second = release('1.1.0');
    expect(second).not.toBe(first);
    expect(git(origin, 'rev-parse', 'refs/tags/v1')).toBe(second);
    expect(git(origin, 'cat-file', '-t', 'refs/tags/v1')).toBe('commit');
  });
});
