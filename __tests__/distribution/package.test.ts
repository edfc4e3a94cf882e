/**
 * The package as npm publishes it: `npm pack` ships dist/, the rule docs, the licence, the README
 * and package.json and nothing else, and the tarball installs offline into a throwaway project
 * whose `flask-crdb-gate` bin (and `npx flask-crdb-gate`) scans a repository.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ALL_RULES } from '../../src/rules/index.js';
import { REPO, npm, pack, userEnv } from '../helpers/npm-pack.js';

const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as {
  version: string;
  private?: boolean;
  bin: Record<string, string>;
  dependencies?: Record<string, string>;
  repository?: { url?: string };
};

/** Every file below a folder of the checkout, repository-relative with `/`. */
function filesUnder(dir: string): string[] {
  return readdirSync(path.join(REPO, dir), { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)).split(path.sep).join('/'));
}

describe('package.json', () => {
  test('is publishable: not private, names its repository, one bin, no runtime dependency', () => {
    expect(pkg.private).toBeUndefined();
    expect(pkg.repository?.url).toMatch(/^git\+https:\/\/github\.com\/[^/]+\/[^/]+\.git$/);
    expect(pkg.bin).toEqual({ 'flask-crdb-gate': 'dist/cli.js' });
    // dist/ is self-contained (the action runs it with no install): a dependency would only make
    // `npx flask-crdb-gate` download and build what it never loads.
    expect(pkg.dependencies).toBeUndefined();
  });

  test('the bin is a node script', () => {
    expect(readFileSync(path.join(REPO, 'dist/cli.js'), 'utf8').split('\n')[0]).toBe('#!/usr/bin/env node');
  });
});

describe('npm pack', () => {
  test('--dry-run lists only dist/, the rule docs, the licence, README.md and package.json', () => {
    const listed = pack().files.map((f) => f.path);
    const expected = [...filesUnder('dist'), ...filesUnder('docs/rules'), 'LICENSE', 'README.md', 'package.json'];
    expect([...listed].sort()).toEqual([...expected].sort());
    // What the CLI loads at run time, and every rule's docs page (the `rule` command's text).
    for (const file of ['dist/cli.js', 'dist/index.js', 'dist/worker.js', 'dist/tree-sitter-python.wasm'])
      expect(listed).toContain(file);
    for (const rule of ALL_RULES) expect(listed).toContain(`docs/rules/${rule.meta.name}.md`);
    expect(listed.filter((f) => /^(src|__tests__|examples|scripts|ecosystem|node_modules)\//.test(f))).toEqual([]);
  });

  describe('the tarball, installed offline into a throwaway project', () => {
    let tmp = '';
    let project = '';
    beforeAll(() => {
      tmp = mkdtempSync(path.join(tmpdir(), 'fcg-pack-'));
      const { filename } = pack(tmp);
      project = path.join(tmp, 'project');
      cpSync(path.join(REPO, 'examples/vulnerable-app'), path.join(project, 'vulnerable-app'), { recursive: true });
      writeFileSync(path.join(project, 'package.json'), '{ "name": "throwaway", "private": true }\n');
      const r = npm(['install', '--offline', '--no-audit', '--no-fund', path.join(tmp, filename)], project);
      if (r.status !== 0) throw new Error(`npm install failed (${r.status}):\n${r.stderr}`);
    }, 120_000);
    afterAll(() => rmSync(tmp, { recursive: true, force: true }));

    test('installs nothing but the package, with an executable bin', () => {
      expect(readdirSync(path.join(project, 'node_modules')).filter((n) => !n.startsWith('.'))).toEqual([
        'flask-crdb-gate',
      ]);
      const bin = path.join(project, 'node_modules/.bin/flask-crdb-gate');
      expect(statSync(bin).mode & 0o111).not.toBe(0);
    });

    test('its bin runs as a program (shebang, no node on the command line) and scans', () => {
      const bin = path.join(project, 'node_modules/.bin/flask-crdb-gate');
      expect(execFileSync(bin, ['--version'], { encoding: 'utf8', env: userEnv() }).trim()).toContain(pkg.version);
      const r = spawnSync(bin, ['scan', 'vulnerable-app', '--format', 'json'], {
        cwd: project,
        encoding: 'utf8',
        env: userEnv(),
      });
      expect(r.status).toBe(1); // the vulnerable example is below the default threshold
      const report = JSON.parse(r.stdout) as { findings: unknown[]; passed: boolean };
      expect(report.findings.length).toBeGreaterThan(10);
      expect(report.passed).toBe(false);
    });

    test('`npx flask-crdb-gate scan` runs it', () => {
      const r = spawnSync('npx', ['--offline', 'flask-crdb-gate', 'scan', 'vulnerable-app', '--exit-zero'], {
        cwd: project,
        encoding: 'utf8',
        env: userEnv(),
      });
      expect(r.stderr).not.toMatch(/npm (error|ERR)/);
      expect(r.status).toBe(0);
      expect(r.stdout).toContain('FCG203');
    });
  });
});
