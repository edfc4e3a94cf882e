/**
 * The bundled CLI as people run it: a pre-commit hook naming staged files (one of them in a
 * directory the default excludes skip), an editor piping a buffer, a terminal (a pseudo-terminal
 * from `script`, so stdout and stderr are TTYs: progress, colour, wrapping) and a pipe (none of
 * them). The bundle is FCG_BUNDLE_DIR (`FCG_BUNDLE_DIR=/tmp/x npx rollup -c`), else dist/.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { BUNDLE_DIR, HOST_NODE } from '../helpers/run-action.js';

const CLI = join(BUNDLE_DIR, 'cli.js');
const CONFIG_PY =
  'import psycopg2\n' +
  'conn = psycopg2.connect("postgresql://app@db.prod.example.com/app?sslmode=disable")\n' +
  'other = psycopg2.connect(host="reports.prod.example.com", dbname="bank")\n';

let repo = '';
beforeAll(() => {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run bundle\` (or set FCG_BUNDLE_DIR).`);
  repo = mkdtempSync(join(tmpdir(), 'fcg-bundle-cli-'));
  for (const [p, text] of Object.entries({
    'app/config.py': CONFIG_PY,
    'app/other.py': CONFIG_PY,
    'vendor/node_modules/pkg/settings.py': CONFIG_PY,
  })) {
    mkdirSync(dirname(join(repo, p)), { recursive: true });
    writeFileSync(join(repo, p), text);
  }
  execFileSync('git', ['init', '-q'], { cwd: repo });
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

const env = { ...process.env, NO_COLOR: undefined, FORCE_COLOR: undefined, FLASK_CRDB_GATE_THREADS: '1' };
const run = (args: string[], input?: string) =>
  spawnSync(HOST_NODE, [CLI, ...args], { cwd: repo, encoding: 'utf8', input, env });

test('a pre-commit hook: the staged files it names, even one under node_modules; concise lines', () => {
  const r = run(['scan', 'app/config.py', 'vendor/node_modules/pkg/settings.py', '-f', 'concise']);
  expect(r.stderr).toBe('');
  expect(r.status).toBe(r.stdout.includes(': failed') ? 1 : 0);
  expect(r.stdout.split('\n')).toEqual([
    expect.stringMatching(/^app\/config\.py:2:\d+: FCG101 TLS is turned off/),
    expect.stringMatching(/^app\/config\.py:3:\d+: FCG103 No sslmode/),
    expect.stringMatching(/^vendor\/node_modules\/pkg\/settings\.py:2:\d+: FCG101 /),
    expect.stringMatching(/^vendor\/node_modules\/pkg\/settings\.py:3:\d+: FCG103 /),
    expect.stringMatching(/^Found 4 findings; grade [A-F], score \d+\/100: (passed|failed)/),
    '',
  ]);
  // The whole tree leaves node_modules out.
  expect(run(['scan', '.', '-f', 'concise', '-q']).stdout).not.toContain('node_modules');
});

test('an editor: the buffer on stdin, scanned as the file it will be saved as', () => {
  const r = run(['scan', '-', '--stdin-filename', 'app/new.py', '-f', 'json'], CONFIG_PY);
  const report = JSON.parse(r.stdout) as { findings: { path: string; ruleId: string }[] };
  expect(report.findings.map((f) => `${f.path} ${f.ruleId}`)).toEqual(['app/new.py FCG101', 'app/new.py FCG103']);
});

test('github: workflow commands on stdout, unguarded; the verdict after them', () => {
  const r = run(['scan', 'app', '-f', 'github', '--exit-zero']);
  const lines = r.stdout.trimEnd().split('\n');
  expect(lines.slice(0, -1)).toEqual([
    expect.stringMatching(
      /^::error title=FCG101 sslmode-disabled,file=app\/config\.py,line=2,endLine=2,col=\d+,endColumn=\d+::\[high, high confidence\] /,
    ),
    expect.stringMatching(/^::error title=FCG101 sslmode-disabled,file=app\/other\.py,line=2,/),
    expect.stringMatching(/^::warning title=FCG103 sslmode-missing,file=app\/config\.py,line=3,/),
    expect.stringMatching(/^::warning title=FCG103 sslmode-missing,file=app\/other\.py,line=3,/),
  ]);
  expect(lines.at(-1)).toMatch(/^(Passed|Failed): grade/);
});

test('a pipe: no progress, no colour, no wrapping', () => {
  const r = run(['scan', '.']);
  expect(r.stderr).toBe('');
  // eslint-disable-next-line no-control-regex
  expect(r.stdout).not.toMatch(/\u001b\[/);
  expect(r.stdout).toMatch(
    /FCG101 sslmode-disabled {2}TLS is turned off \(sslmode=disable\) in \S+: queries, data and credentials travel in plaintext\./,
  );
});

test('a terminal (pseudo-terminal): progress erased before the report, colour, lines wrapped to its width', () => {
  const command = `stty cols 90 rows 40; exec "${HOST_NODE}" "${CLI}" scan .`;
  const r = spawnSync('script', ['-q', '-e', '-c', command, '/dev/null'], { cwd: repo, encoding: 'utf8', env });
  expect(r.error).toBeUndefined();
  const out = r.stdout;
  // eslint-disable-next-line no-control-regex
  expect(out).toMatch(/\r\u001b\[KScanning \d+\/2 files/);
  expect(out).toContain('Scanning 2/2 files\r\u001b[K');
  expect(out).toContain('\u001b[1;31mHIGH');
  // eslint-disable-next-line no-control-regex
  const visible = out.replace(/\u001b\[[0-9;]*[A-Za-z]/g, '');
  // The terminal shows what follows the last carriage return of a line (progress redraws).
  const lines = visible.split('\r\n').map((l) => l.slice(l.lastIndexOf('\r') + 1));
  // The findings (what wraps) come before the score block.
  const findings = lines.slice(
    0,
    lines.findIndex((l) => l.startsWith('Grade ')),
  );
  expect(findings.length).toBeGreaterThan(4);
  // A line may be longer only when it holds one word (a URL is not broken).
  for (const l of findings) if (l.length > 90) expect(l.trim()).not.toContain(' ');
  const at = lines.findIndex((l) => l.includes('FCG101 sslmode-disabled'));
  expect(lines[at + 1]).toMatch(/^ {20,}\S/);
});
