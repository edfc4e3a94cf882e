// Runs scripts/ecosystem.mjs end to end on a synthetic ecosystem: two repositories, their ledgers
// and snapshots, and a fake CLI bundle that prints the findings canned in each snapshot.
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const SCRIPT = fileURLToPath(new URL('../../scripts/ecosystem.mjs', import.meta.url));
const HEADER = 'path\tline\trule\tverdict\ttags\treason';
const COMMIT_A = 'a'.repeat(40);
const COMMIT_B = 'b'.repeat(40);

// The fake bundle: `cli.js scan DIR --format json --exit-zero` prints DIR/canned.json as a report.
const FAKE_CLI = `
import { readFileSync } from 'node:fs';
const [command, dir, ...rest] = process.argv.slice(2);
if (command !== 'scan' || rest.join(' ') !== '--format json --exit-zero') process.exit(2);
const findings = JSON.parse(readFileSync(dir + '/canned.json', 'utf8'));
process.stdout.write(JSON.stringify({ grade: 'C', score: 75, findings }));
`;

let root = '';
beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fcg-ecosystem-'));
  writeFileSync(path.join(root, 'cli.js'), FAKE_CLI);
  mkdirSync(path.join(root, 'eco', 'ledger'), { recursive: true });
  writeFileSync(
    path.join(root, 'eco', 'repos.tsv'),
    `repo\tcommit\tkind\no/a\t${COMMIT_A}\tapp\no/b\t${COMMIT_B}\tapp\n`,
  );
  ledger('o+a', [
    'app.py\t2\tFCG101\ttp\t-\tsslmode=disable to db.example.com',
    'app.py\t3\tauth\tmiss\tclass:no-limiter\tlogin without a limit',
  ]);
  ledger('o+b', ['tests/test_b.py\t1\tFCG206\tfp\ttest,class:test-secret\ta test key']);
  snapshot('o+a', { 'app.py': 'one\ntwo\nthree\n' }, [finding('app.py', 2, 'FCG101')]);
  snapshot('o+b', { 'tests/test_b.py': 'key\n' }, [finding('tests/test_b.py', 1, 'FCG206')]);
});
afterEach(() => rmSync(root, { recursive: true, force: true }));

function ledger(name: string, rows: string[]) {
  writeFileSync(path.join(root, 'eco', 'ledger', `${name}.tsv`), [HEADER, ...rows].join('\n') + '\n');
}

function snapshot(name: string, files: Record<string, string>, findings: object[]) {
  const dir = path.join(root, 'snap', name);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, file)), { recursive: true });
    writeFileSync(path.join(dir, file), text);
  }
  writeFileSync(path.join(dir, 'canned.json'), JSON.stringify(findings));
}

function finding(file: string, line: number, ruleId: string) {
  const family = { 1: 'transport', 2: 'secrets', 4: 'auth' }[Number(ruleId[3]) as 1 | 2 | 4];
  return { ruleId, path: file, line, family, message: `${ruleId} says so` };
}

function run(...args: string[]) {
  const result = spawnSync(
    process.execPath,
    [
      SCRIPT,
      '--snapshots',
      path.join(root, 'snap'),
      '--ecosystem',
      path.join(root, 'eco'),
      '--cli',
      path.join(root, 'cli.js'),
      ...args,
    ],
    { encoding: 'utf8' },
  );
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe('npm run ecosystem', () => {
  it('passes when every finding is judged and every tp is reported, and writes markdown', () => {
    const out = run('--markdown', path.join(root, 'report.md'));
    expect(out.stderr).not.toContain('Error');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^o\/a +1 +1 +0 +0 +0 +0 +1 +0 +1\.000 +0\.500 +C 75 /m);
    // o/b's only finding is test code: reported apart, not in the main table's total.
    expect(out.stdout).toMatch(/^total +1 +1 +0 /m);
    expect(out.stdout).toMatch(/^o\/b +1 +0 +1 +0 +0 +0 +0 +0 +0\.000 +- *$/m);
    const markdown = readFileSync(path.join(root, 'report.md'), 'utf8');
    expect(markdown).toContain('| o/a | 1 | 1 | 0 | 0 | 0 | 0 | 1 | 0 | 1.000 | 0.500 | C 75 |');
    expect(markdown).toContain('<details><summary>Classes</summary>');
    expect(markdown).toContain('| test-secret | 1 | 0 | 0 | 0 | 0 | 0 | 1 | 1 |');
    expect(out.stdout).toMatch(/^no-limiter +0 +0 +1 +0 +0 +0 +0 +1$/m);
    expect(out.stdout).toMatch(/^auth +0 +0 +0 +0 +0 +0 +1 +0 +- +0\.000$/m);
  });

  it('fails on an unjudged finding and writes it as a row to judge', () => {
    snapshot('o+a', { 'app.py': 'one\ntwo\nthree\n' }, [
      finding('app.py', 2, 'FCG101'),
      finding('app.py', 1, 'FCG103'),
    ]);
    const out = run('--write-unjudged', path.join(root, 'new.tsv'));
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('o/a app.py:1 FCG103 FCG103 says so');
    expect(readFileSync(path.join(root, 'new.tsv'), 'utf8')).toContain(
      '# ==> ecosystem/ledger/o+a.tsv\napp.py\t1\tFCG103\t?\t-\tscanner: FCG103 says so\n',
    );
  });

  it('fails when a tp is no longer reported, naming the ledger row', () => {
    snapshot('o+a', { 'app.py': 'one\ntwo\nthree\n' }, []);
    const out = run();
    expect(out.code).toBe(1);
    expect(out.stdout).toContain('tp rows no longer reported: 1');
    expect(out.stdout).toMatch(/o\/a app\.py:2 FCG101 \(.*o\+a\.tsv:2\) sslmode=disable to db\.example\.com/);
  });

  it('passes when a miss is found by a rule of its family, and says so', () => {
    snapshot('o+a', { 'app.py': 'one\ntwo\nthree\n' }, [
      finding('app.py', 2, 'FCG101'),
      finding('app.py', 3, 'FCG404'),
    ]);
    const out = run();
    expect(out.code).toBe(0);
    expect(out.stdout).toContain('o/a app.py:3 auth');
    expect(out.stdout).toMatch(/^o\/a +2 +1 +0 +0 +0 +0 +1 +1 +1\.000 +1\.000 /m);
  });

  it('refuses a snapshot exported from another commit', () => {
    writeFileSync(path.join(root, 'snap', 'o+a', '.fcg-ecosystem-commit'), `${'c'.repeat(40)}\n`);
    writeFileSync(path.join(root, 'snap', 'o+b', '.fcg-ecosystem-commit'), `${COMMIT_B}\n`);
    const out = run();
    expect(out.code).toBe(2);
    expect(out.stdout).toContain(`was exported from ${'c'.repeat(40)}, but the ledger is judged at ${COMMIT_A}`);
    expect(out.stdout).toMatch(/^o\/b /m);
    expect(out.stdout).not.toMatch(/^o\/a /m);
  });

  it('refuses a ledger row pointing past the end of its file', () => {
    ledger('o+a', ['app.py\t2\tFCG101\ttp\t-\tr', 'app.py\t4\tauth\tmiss\tclass:c\tr']);
    const out = run('--only', 'o/a');
    expect(out.code).toBe(2);
    expect(out.stdout).toMatch(/o\+a\.tsv:3: app\.py has only 3 lines/);
  });

  it.each([
    ['a malformed ledger row, naming file:line', ['app.py\t2\tFCG101\tyes\t-\tr'], [], /o\+a\.tsv:2: verdict "yes"/],
    ['an unknown --only', [], ['--only', 'o/c'], /--only: not in repos\.tsv: o\/c/],
    ['a bad --jobs', [], ['--jobs', '0'], /--jobs wants a positive integer/],
  ])('exits 2 on %s', (_name, rows, args, message) => {
    if (rows.length > 0) ledger('o+a', rows);
    const out = run(...args);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(message);
    expect(out.stdout).toBe('');
  });

  it('exits 2 on a ledger named for no repository', () => {
    ledger('o+z', []);
    const out = run();
    expect(out.code).toBe(2);
    expect(out.stderr).toContain('o+z.tsv: no repository of repos.tsv has this ledger name');
  });
});
