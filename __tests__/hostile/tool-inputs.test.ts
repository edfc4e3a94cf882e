/**
 * Issue 11, items 7, 8 and 9: the tool's own inputs (configuration, pyproject.toml, baseline) as a
 * pull request may plant them. A FIFO blocked the scan forever and /dev/zero filled memory: only
 * a regular file of bounded size is read, and the message names the file and why (exit 2). A
 * configuration asking for 300,000 globs, or a glob picomatch cannot use, is refused at the entry
 * (file:line, key). A byte-order mark is accepted in both files; an unknown YAML tag is reported.
 */
import { afterEach, describe, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { cli, workspace, type Workspace } from '../helpers/hostile-repo.js';

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

// A FIFO that nothing writes to: opening it for reading the ordinary way blocks forever, so a
// regression shows as this test's timeout.
function fifo(path: string): void {
  execFileSync('mkfifo', [path]);
}

describe('a tool input that is not a regular file', () => {
  test.each(['.flask-crdb-gate.yml', 'pyproject.toml'])(
    'a FIFO named %s is refused, named, at once',
    async (name) => {
      ws = workspace('fifo', { 'app.py': 'x = 1\n' });
      fifo(join(ws.repo, name));
      const run = await cli(ws.repo, 'scan', '.');
      expect(run.code).toBe(2);
      expect(run.stderr).toContain(`${name}: is a FIFO (named pipe), not a regular file; not read`);
    },
    10_000,
  );

  test('a FIFO given to --baseline is refused, named, at once', async () => {
    ws = workspace('fifo-baseline', { 'app.py': 'x = 1\n' });
    fifo(join(ws.dir, 'bl'));
    const run = await cli(ws.repo, 'scan', '.', '--baseline', '../bl');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('baseline file ../bl is a FIFO (named pipe), not a regular file; not read');
  }, 10_000);

  test.each([
    ['--config', 'invalid configuration: /dev/zero: is a character device'],
    ['--baseline', 'baseline file /dev/zero is a character device'],
  ])('/dev/zero given to %s is refused without reading it', async (flag, message) => {
    ws = workspace('zero', { 'app.py': 'x = 1\n' });
    const before = process.memoryUsage().rss;
    const run = await cli(ws.repo, 'scan', '.', flag, '/dev/zero');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
    expect(process.memoryUsage().rss - before).toBeLessThan(200 * 1024 * 1024);
  });

  test('a configuration in the tree linked to /dev/zero is refused', async () => {
    ws = workspace('zero-link', { 'app.py': 'x = 1\n' });
    symlinkSync('/dev/zero', join(ws.repo, 'pyproject.toml'));
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('pyproject.toml: leads outside the scanned directory');
  });

  test('a configuration over 1 MiB is refused, named', async () => {
    ws = workspace('big', { 'app.py': 'x = 1\n', '.flask-crdb-gate.yml': `# ${'x'.repeat(1100 * 1024)}\n` });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.flask-crdb-gate.yml: is larger than 1 MiB; not read');
  });

  test('a baseline over 16 MiB is refused, named', async () => {
    ws = workspace('big-baseline', { 'app.py': 'x = 1\n' });
    ws.write('bl.json', `{"version": 1, "findings": []}${' '.repeat(17 * 1024 * 1024)}`);
    const run = await cli(ws.repo, 'scan', '.', '--baseline', '../bl.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('baseline file ../bl.json is larger than 16 MiB; not read');
  });
});

describe('what a configuration may ask for', () => {
  test('300,000 exclude globs in pyproject.toml are refused at the first one too many', async () => {
    const globs = Array.from({ length: 300_000 }, (_, i) => `"d${i % 10}"`);
    ws = workspace('globs', { 'app.py': 'x = 1\n' });
    // One per line, so the line of the 1,001st is known; over 1 MiB, so refused unread as well.
    ws.write('repo/pyproject.toml', `[tool.flask-crdb-gate]\nexclude = [\n${globs.join(',\n')}\n]\n`);
    const big = await cli(ws.repo, 'scan', '.');
    expect(big.code).toBe(2);
    expect(big.stderr).toContain('pyproject.toml: is larger than 1 MiB; not read');

    ws.write('repo/pyproject.toml', `[tool.flask-crdb-gate]\nexclude = [\n${globs.slice(0, 5000).join(',\n')}\n]\n`);
    const many = await cli(ws.repo, 'scan', '.');
    expect(many.code).toBe(2);
    expect(many.stderr).toContain('pyproject.toml:1003: exclude: more than 1000 globs in the file');
  });

  test.each([
    [
      'pyproject.toml',
      '[tool.flask-crdb-gate]\nexclude = ["ok/**", "\\\\"]\n',
      'pyproject.toml:2: exclude: glob "\\\\"',
    ],
    ['.flask-crdb-gate.yml', 'include:\n  - "**/*.py"\n  - "./"\n', '.flask-crdb-gate.yml:3: include: glob "./"'],
    ['.flask-crdb-gate.yml', 'paths:\n  tests:\n    - "\\\\"\n', '.flask-crdb-gate.yml:3: paths.tests: glob "\\\\"'],
  ])('an unusable glob in %s is named with its line and key', async (name, text, message) => {
    ws = workspace('bad-glob', { 'app.py': 'x = 1\n', [name]: text });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(message);
  });

  test('an unusable glob on the command line is named with its key', async () => {
    ws = workspace('bad-flag', { 'app.py': 'x = 1\n' });
    const run = await cli(ws.repo, 'scan', '.', '--exclude', '\\');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('exclude glob "\\\\" names no path');
  });

  test('a glob of 2,000 characters and a mapping of 1,000 keys are refused', async () => {
    ws = workspace('long', {
      'app.py': 'x = 1\n',
      '.flask-crdb-gate.yml': `exclude: "${'a'.repeat(2000)}"\nrules:\n${Array.from({ length: 1000 }, (_, i) => `  r${i}: off`).join('\n')}\n`,
    });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('.flask-crdb-gate.yml:1: exclude: a glob of 2000 characters; at most 1000');
    expect(run.stderr).toContain('rules holds 1000 keys; at most 500 are read');
  });
});

describe('byte-order marks and YAML tags', () => {
  test('a baseline and a configuration that start with a byte-order mark are both read', async () => {
    ws = workspace('bom', {
      'app.py': 'x = 1\n',
      '.flask-crdb-gate.yml': '\ufeffthreshold:\n  fail-below: A\nbaseline: bl.json\n',
      'bl.json': `\ufeff${JSON.stringify({ version: 1, findings: [] })}`,
    });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain('Baseline bl.json: 0 existing, 0 new');
  });

  test('an unknown YAML tag is reported with its line, and its value read as plain data', async () => {
    ws = workspace('tag', {
      'app.py': 'x = 1\n',
      '.flask-crdb-gate.yml': 'threshold:\n  fail-below: B\nexclude: !!python/object/apply:os.system "legacy/**"\n',
    });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(0);
    expect(run.stderr).toContain(
      '.flask-crdb-gate.yml:3: unknown YAML tag "!!python/object/apply:os.system" ignored: the value is read as plain data.',
    );
  });
});
