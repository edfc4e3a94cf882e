import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { FrontDoorOptions } from '../config/front-door.js';
import { guardCommandLines } from '../core/escape.js';
import type { FrontDoorRequest } from '../config/resolve.js';
import type { ScanReport } from '../engine/result.js';
import type { ScanOptions } from '../engine/scan.js';
import { plural } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { blobLink, renderMarkdown } from '../report/markdown.js';
import type { Finding } from '../core/types.js';
import { renderSarifReport } from '../report/sarif.js';
import { sarifCapNote } from '../report/sarif-limits.js';
import { renderText } from '../report/text.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { DEFAULT_FAIL_BELOW, parseCliArgs, type BaselineCommand, type Format, type ScanCommand } from './args.js';
import { errorMessage, UsageError } from './errors.js';
import { USAGE } from './usage.js';

export const EXIT_PASSED = 0;
export const EXIT_BELOW_THRESHOLD = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Whether stdout is a terminal (colour for text output); default false. */
  readonly isTTY?: boolean;
  /** Environment (NO_COLOR); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Resolves PATH and --output; default process.cwd(). */
  readonly cwd?: string;
  /** The engine; tests may hand in another. Default: src/engine/scan.ts, loaded on first use. */
  readonly scan?: (options: ScanOptions) => Promise<ScanReport>;
  /** The clock for a baseline's `createdAt`; default the system clock. */
  readonly now?: () => Date;
}

/** The report in the format asked for, and what the user should know about it (on stderr). */
function render(
  report: ScanReport,
  format: Format,
  color: boolean,
  sarifCategory: string | undefined,
): { text: string; notes: string[] } {
  switch (format) {
    case 'json':
      return { text: renderJson(report), notes: [] };
    case 'sarif': {
      const sarif = renderSarifReport(report, sarifCategory === undefined ? {} : { category: sarifCategory });
      return { text: sarif.text, notes: sarif.kept < sarif.total ? [sarifCapNote(sarif.kept, sarif.total)] : [] };
    }
    case 'markdown':
      // With a baseline, the findings it does not hold come first, marked as new.
      return {
        text: renderMarkdown(report, {
          ...(report.baseline ? { isNew: (f: Finding) => f.state !== 'existing' } : {}),
          // In a workflow step, locations link to the file and line at the commit the runner checked out.
          link: blobLink(
            {
              server: process.env['GITHUB_SERVER_URL'],
              repository: process.env['GITHUB_REPOSITORY'],
              sha: process.env['GITHUB_SHA'],
            },
            report.repoPrefix,
          ),
        }),
        notes: [],
      };
    case 'text':
      return { text: renderText(report, { color }), notes: [] };
  }
}

/** One line for the terminal when the report went to a file. */
export function verdictLine(report: ScanReport): string {
  const { grade, verdict } = report;
  const summary = `grade ${grade.grade}, score ${grade.score}/100, ${plural(report.findings.length, 'finding')}`;
  return verdict.passed ? `Passed: ${summary}.` : `Failed: ${summary}; ${verdict.reasons.join('; ')}.`;
}

/** The hint an empty-scan error ends with, in the CLI's words. */
const ALLOW_EMPTY_HINT = 'check PATH and the --include/--exclude globs, or pass --allow-empty to allow it';

/**
 * Runs the engine; an empty scan becomes an error naming PATH as given, or, with --allow-empty, a
 * note on stderr so the pass is never silent.
 */
async function scanOrExplain(
  options: ScanOptions,
  cmd: { readonly path: string; readonly allowEmpty: boolean },
  io: CliIo,
): Promise<ScanReport> {
  const scan = io.scan ?? (await import('../engine/scan.js')).scan;
  const { EmptyScanError, emptyScanMessage } = await import('../engine/empty.js');
  try {
    const report = await scan(cmd.allowEmpty ? { ...options, allowEmpty: true } : options);
    if (report.filesScanned === 0)
      io.stderr(`${TOOL_NAME}: warning: no file was scanned in ${cmd.path} (allowed by --allow-empty).\n`);
    return report;
  } catch (err) {
    if (err instanceof EmptyScanError)
      throw new Error(emptyScanMessage(err.detail, cmd.path, ALLOW_EMPTY_HINT), { cause: err });
    throw err;
  }
}

async function assertDirectory(dir: string, given: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new Error(`no such directory: ${given}`);
  if (!info.isDirectory()) throw new Error(`not a directory: ${given}`);
}

/**
 * Scan options from the flags and the configuration file (--config, else the one in the scanned
 * directory); notes about it go to stderr.
 */
async function optionsFor(
  root: string,
  cmd: {
    readonly config: string | undefined;
    readonly include: readonly string[];
    readonly exclude: readonly string[];
  },
  flags: Pick<FrontDoorRequest, 'failBelow' | 'minScore' | 'failOnSeverity' | 'gateOn' | 'baseline'>,
  cwd: string,
  io: CliIo,
  applyBaseline: boolean,
): Promise<FrontDoorOptions> {
  // Loaded here, not at the top: --help, --version and usage errors need no parser or rules.
  const { frontDoorOptions } = await import('../config/front-door.js');
  const resolved = await frontDoorOptions({
    root,
    config: cmd.config,
    request: { include: cmd.include, exclude: cmd.exclude, ...flags, cwd },
    defaultFailBelow: DEFAULT_FAIL_BELOW,
    applyBaseline,
  });
  for (const note of resolved.notes) io.stderr(`${TOOL_NAME}: note: ${note}\n`);
  return resolved;
}

async function runScan(cmd: ScanCommand, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const root = path.resolve(cwd, cmd.path);
  await assertDirectory(root, cmd.path);
  const { options } = await optionsFor(
    root,
    cmd,
    { ...cmd.threshold, gateOn: cmd.gateOn, baseline: cmd.baseline },
    cwd,
    io,
    true,
  );
  const report = await scanOrExplain(options, cmd, io);

  if (cmd.output !== undefined) {
    const file = path.resolve(cwd, cmd.output);
    await mkdir(path.dirname(file), { recursive: true });
    const rendered = render(report, cmd.format, false, cmd.sarifCategory);
    await writeFile(file, rendered.text, 'utf8');
    for (const note of rendered.notes) io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
    io.stdout(`${verdictLine(report)} Report (${cmd.format}) written to ${cmd.output}.\n`);
  } else {
    const env = io.env ?? process.env;
    const color = cmd.format === 'text' && !cmd.noColor && io.isTTY === true && !env['NO_COLOR'];
    const rendered = render(report, cmd.format, color, cmd.sarifCategory);
    for (const note of rendered.notes) io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
    io.stdout(rendered.text);
  }
  if (cmd.exitZero || report.verdict.passed) return EXIT_PASSED;
  return EXIT_BELOW_THRESHOLD;
}

/** Writes the fingerprints of every current finding (after suppressions) to the baseline file. */
async function runBaseline(cmd: BaselineCommand, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const root = path.resolve(cwd, cmd.path);
  await assertDirectory(root, cmd.path);
  const none = {
    failBelow: undefined,
    minScore: undefined,
    failOnSeverity: undefined,
    gateOn: undefined,
    baseline: undefined,
  };
  // The existing baseline is not applied: the new one holds every current finding.
  const { options, loaded } = await optionsFor(root, cmd, none, cwd, io, false);
  const [{ DEFAULT_BASELINE_FILE }, { writeBaselineFile }] = await Promise.all([
    import('../baseline/baseline.js'),
    import('../config/front-door.js'),
  ]);
  const report = await scanOrExplain(options, cmd, io);
  const file =
    cmd.output !== undefined
      ? path.resolve(cwd, cmd.output)
      : (loaded?.config.baseline?.path ?? path.join(root, DEFAULT_BASELINE_FILE));
  const shown = cmd.output ?? (path.relative(cwd, file) || file);
  const count = await writeBaselineFile(report, file, (io.now ?? (() => new Date()))());
  const configured = loaded?.config.baseline?.path === file;
  const inRoot = path.relative(root, file).split(path.sep).join('/');
  io.stdout(
    `Baseline of ${plural(count, 'finding')} written to ${shown}. ` +
      (configured
        ? `${loaded?.config.file ?? 'The configuration'} applies it to every scan.\n`
        : `Apply it with \`scan --baseline ${shown}\`, or \`baseline: ${inRoot}\` in .flask-crdb-gate.yml.\n`),
  );
  return EXIT_PASSED;
}

/** The whole CLI, in-process: returns the exit code and never throws. */
export async function runCli(argv: readonly string[], given: CliIo): Promise<number> {
  // Both streams reach the runner's log when the CLI runs in a workflow: every write passes the
  // guard that keeps text from the scanned repository from starting a workflow-command line.
  const io: CliIo = {
    ...given,
    stdout: (s) => given.stdout(guardCommandLines(s)),
    stderr: (s) => given.stderr(guardCommandLines(s)),
  };
  try {
    const cmd = parseCliArgs(argv);
    if (cmd.command === 'help') {
      io.stdout(USAGE);
      return EXIT_PASSED;
    }
    if (cmd.command === 'version') {
      io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n`);
      return EXIT_PASSED;
    }
    if (cmd.command === 'baseline') return await runBaseline(cmd, io);
    return await runScan(cmd, io);
  } catch (err) {
    io.stderr(`${TOOL_NAME}: ${errorMessage(err)}\n`);
    if (err instanceof UsageError) io.stderr(`Run '${TOOL_NAME} --help' for usage.\n`);
    return EXIT_ERROR;
  }
}
