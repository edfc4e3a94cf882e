/**
 * Issue 11, item 2: text from the scanned repository never starts a line of the CLI's or the
 * action's output, where a GitHub runner would execute it as a workflow command (`::error::`,
 * `::add-mask::`, `::stop-commands::`). The baseline, the configuration and file names are the
 * repository's: each carries a line break followed by a command, or starts with `::` itself.
 */
import { afterEach, describe, expect, jest, test } from '@jest/globals';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { annotate } from '../../src/action/annotations.js';
import { logInfo } from '../../src/action/log.js';
import { parseBaseline } from '../../src/baseline/baseline.js';
import { cli, commandLines, workspace, type Workspace } from '../helpers/hostile-repo.js';
import { finding } from '../helpers/report-builder.js';

const INJECTED = '::error title=pwned::injected';
const FINGERPRINT = `${'a'.repeat(32)}:0`;

let ws: Workspace | undefined;
afterEach(() => {
  ws?.remove();
  ws = undefined;
});

function baselineText(entry: Record<string, string>): string {
  return JSON.stringify({ version: 1, tool: { name: 'x', version: '1' }, createdAt: '', findings: [entry] });
}

describe('a hostile baseline', () => {
  test.each([
    ['ruleId', { ruleId: `FCG101\n${INJECTED}`, fingerprint: FINGERPRINT, path: 'a.py' }],
    ['fingerprint', { ruleId: 'FCG101', fingerprint: `${FINGERPRINT}\r\n${INJECTED}`, path: 'a.py' }],
    ['path', { ruleId: 'FCG101', fingerprint: FINGERPRINT, path: `a.py\n${INJECTED}` }],
  ])('with a line break and a command in its %s is refused, the entry named, nothing executed', async (key, entry) => {
    ws = workspace('baseline', { 'app.py': 'x = 1\n', 'bl.json': baselineText(entry) });
    const run = await cli(ws.repo, 'scan', '.', '--baseline', 'bl.json');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain(`findings[0].${key}`);
    expect(commandLines(run.stdout + run.stderr)).toEqual([]);
  });

  test('entries must have the shape the tool writes', () => {
    expect(() => parseBaseline(baselineText({ ruleId: 'X1', fingerprint: FINGERPRINT, path: 'a.py' }), 'b')).toThrow(
      /findings\[0\]\.ruleId must be a rule id/,
    );
    expect(() => parseBaseline(baselineText({ ruleId: 'FCG101', fingerprint: 'abc', path: 'a.py' }), 'b')).toThrow(
      /findings\[0\]\.fingerprint must be 32 hex digits/,
    );
    // A bad value is quoted short: a megabyte of it does not fill the log.
    const long = `FCG${'9'.repeat(100_000)}`;
    let message = '';
    try {
      parseBaseline(baselineText({ ruleId: long, fingerprint: FINGERPRINT, path: 'a.py' }), 'b');
    } catch (e) {
      message = (e as Error).message;
    }
    expect(message.length).toBeLessThan(300);
  });
});

describe('hostile file names', () => {
  const PASSWORD_FILE = 'import psycopg2\nc = psycopg2.connect("postgresql://app:Pw-1234567@db.example/x")\n';

  test.each(['text', 'markdown', 'json', 'sarif'])('never start a command line in the %s report', async (format) => {
    ws = workspace('names');
    for (const name of [`evil\n${INJECTED}.py`, `${INJECTED}.py`, `  ::warning::indented.py`, `cr\r${INJECTED}.py`]) {
      writeFileSync(join(ws.repo, name), PASSWORD_FILE);
    }
    mkdirSync(join(ws.repo, `dir\n::notice::x`));
    writeFileSync(join(ws.repo, `dir\n::notice::x`, 'app.py'), PASSWORD_FILE);
    const run = await cli(ws.repo, 'scan', '.', '--format', format);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('injected');
    expect(commandLines(run.stdout + run.stderr)).toEqual([]);
  });

  test('never start a command line in annotations, whatever the path and message hold', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      annotate(
        [
          finding({ path: `a\n${INJECTED}.py`, message: `bad\n${INJECTED}`, severity: 'high' }),
          finding({ path: `b,c:d.py`, message: `x\r${INJECTED}`, severity: 'low' }),
        ],
        { root: '/w', workspace: '/w' },
      );
    } finally {
      spy.mockRestore();
    }
    // One line per annotation, each one of ours.
    const lines = written
      .join('')
      .split(/\r\n|\r|\n/)
      .filter(Boolean);
    expect(lines).toHaveLength(2);
    expect(lines.every((l) => /^::(error|warning|notice) /.test(l))).toBe(true);
  });

  test('an action log line holds a line break as %0A, not as a new line', () => {
    const written: string[] = [];
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
    try {
      logInfo(`note about x\n${INJECTED}`);
      logInfo(INJECTED);
    } finally {
      spy.mockRestore();
    }
    expect(commandLines(written.join(''))).toEqual([]);
    expect(written.join('')).toContain('note about x%0A::error');
  });
});

describe('a hostile configuration file', () => {
  test('quotes an unknown key with a line break and a command on one line', async () => {
    ws = workspace('config', {
      'app.py': 'x = 1\n',
      '.flask-crdb-gate.yml': `"x\\n${INJECTED}": 1\nexclude:\n  - "ok/**"\n`,
    });
    const run = await cli(ws.repo, 'scan', '.');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('unknown key');
    expect(commandLines(run.stdout + run.stderr)).toEqual([]);
  });
});
