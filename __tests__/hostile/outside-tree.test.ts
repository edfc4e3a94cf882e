/**
 * Issue 11, item 3: nothing found in the scanned tree, or named from inside it, is read through a
 * symbolic link (or `..`) that leads out of it: not the configuration, not pyproject.toml, not a
 * baseline the configuration names, not a scanned file. What the user names on the command line
 * is their choice. And what the tool echoes of a file it does not understand is a short,
 * redacted excerpt, a bounded number of times.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { frontDoorOptions } from '../../src/config/front-door.js';
import { scan } from '../../src/engine/scan.js';
import { cli, workspace, type Workspace } from '../helpers/hostile-repo.js';

// Stands for /etc/shadow: a file outside the repository, in a shape YAML reads as keys.
const SECRET_LINES = ['root: $6$Sh4dowHashA$abc', 'daemon: $6$Sh4dowHashB$def', 'admin: hunter2-Sh4dow', ''].join('\n');
const SECRET_MARKS = ['Sh4dow', 'hunter2'];

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

function outsideTree(): Workspace {
  const w = workspace('outside', { 'app.py': 'x = 1\n' });
  w.write('shadow', SECRET_LINES);
  w.write('shadow.toml', `[tool.flask-crdb-gate]\n${SECRET_LINES.replace(/: /g, ' = "').replace(/\n/g, '"\n')}`);
  w.write(
    'baseline.json',
    JSON.stringify({ version: 1, findings: [{ ruleId: 'Sh4dow', fingerprint: 'hunter2', path: 'x' }] }),
  );
  return w;
}

describe('a file of the tool found in the tree', () => {
  test.each([
    ['.flask-crdb-gate.yml', 'shadow'],
    ['.flask-crdb-gate.yaml', 'shadow'],
    ['pyproject.toml', 'shadow.toml'],
  ])('%s linked outside the tree is not read, and nothing of the target is shown', async (name, target) => {
    ws = outsideTree();
    symlinkSync(join(ws.dir, target), join(ws.repo, name));
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`${name}: leads outside the scanned directory`);
    for (const mark of SECRET_MARKS) expect(run.stdout + run.stderr).not.toContain(mark);
  });

  test('a configuration linked to a file inside the tree is read', async () => {
    ws = outsideTree();
    ws.write('repo/ci/gate.yml', 'threshold:\n  fail-below: A\n');
    symlinkSync(join('ci', 'gate.yml'), join(ws.repo, '.flask-crdb-gate.yml'));
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('fail below grade A');
  });

  test.each([
    ['a path with ..', '../baseline.json'],
    ['a link leading out', 'linked.json'],
  ])('a baseline the configuration names by %s is not read', async (_what, named) => {
    ws = outsideTree();
    symlinkSync(join(ws.dir, 'baseline.json'), join(ws.repo, 'linked.json'));
    ws.write('repo/.flask-crdb-gate.yml', `baseline: ${named}\n`);
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('leads outside the scanned directory');
    for (const mark of SECRET_MARKS) expect(run.stdout + run.stderr).not.toContain(mark);
  });

  test('a scanned file linked outside the tree is skipped, not read', async () => {
    ws = outsideTree();
    ws.write('settings.py', 'DATABASE_URL = "postgresql://app:Sh4dow-pw@db.example/x"\n');
    symlinkSync(join(ws.dir, 'settings.py'), join(ws.repo, 'settings.py'));
    const run = await cli(ws.repo, 'scan', '.', '--format', 'json');
    const report = JSON.parse(run.stdout) as { skipped: { path: string; reason: string }[]; findings: unknown[] };
    expect(report.skipped).toContainEqual({
      path: 'settings.py',
      reason: 'symbolic link that leads outside the repository (not followed)',
    });
    expect(report.findings).toEqual([]);
  });
});

describe('files the user names', () => {
  test('--config and --baseline outside the tree are read: the user chose them', async () => {
    ws = outsideTree();
    ws.write('gate.yml', 'threshold:\n  fail-below: A\n');
    ws.write('ok-baseline.json', JSON.stringify({ version: 1, findings: [] }));
    const run = await cli(ws.repo, 'scan', '.', '--config', '../gate.yml', '--baseline', '../ok-baseline.json');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('fail below grade A');
  });
});

describe("the action's config and baseline inputs", () => {
  // The action resolves them in the workspace, the pull request's checkout: confined to it.
  const request = (ws: Workspace, baseline: string | undefined) => ({
    include: [],
    exclude: [],
    failBelow: undefined,
    minScore: undefined,
    failOnSeverity: undefined,
    gateOn: undefined,
    baseline,
    cwd: ws.repo,
    confine: ws.repo,
  });

  test('a config input naming a link out of the workspace is not read', async () => {
    ws = outsideTree();
    symlinkSync(join(ws.dir, 'shadow'), join(ws.repo, 'gate.yml'));
    const door = frontDoorOptions({
      root: ws.repo,
      config: 'gate.yml',
      request: request(ws, undefined),
      defaultFailBelow: 'C',
      applyBaseline: true,
    });
    await expect(door).rejects.toThrow('gate.yml: leads outside the scanned directory');
  });

  test('a baseline input naming a link out of the workspace is not read', async () => {
    ws = outsideTree();
    symlinkSync(join(ws.dir, 'baseline.json'), join(ws.repo, 'bl.json'));
    const { options } = await frontDoorOptions({
      root: ws.repo,
      config: undefined,
      request: request(ws, 'bl.json'),
      defaultFailBelow: 'C',
      applyBaseline: true,
    });
    await expect(scan(options)).rejects.toThrow('bl.json leads outside the scanned directory');
  });
});

describe('what the tool echoes of a file it does not understand', () => {
  test('is at most ten unknown keys, each short and redacted, and a count of the rest', async () => {
    const keys = Array.from({ length: 60 }, (_, i) => `key${i}-${'x'.repeat(200)}`);
    keys[3] = 'postgresql://admin:Sh4dowPw@db.internal/x';
    ws = workspace('echo', {
      'app.py': 'x = 1\n',
      '.flask-crdb-gate.yml': keys.map((k) => `"${k}": 1`).join('\n'),
    });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr.match(/unknown key/g)).toHaveLength(11); // ten quoted, one count
    expect(run.stderr).toContain('50 more unknown keys');
    expect(run.stderr).not.toContain('Sh4dowPw');
    expect(run.stderr).not.toContain('x'.repeat(60));
    expect(run.stderr.length).toBeLessThan(4000);
  });
});
