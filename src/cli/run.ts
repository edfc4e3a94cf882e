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
import { formatTimings, TIMING_ENV, timingRequest, timingsJson } from '../report/timing.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { renderConcise } from '../report/concise.js';
import { renderGithub } from '../report/github.js';
import { renderGitlab } from '../report/gitlab.js';
import { renderJunit } from '../report/junit.js';
import { renderRdjson } from '../report/rdjson.js';
import {
  DEFAULT_FAIL_BELOW,
  parseCliArgs,
  type BaselineCommand,
  type Format,
  type RuleCommand,
  type RulesCommand,
  type ScanCommand,
} from './args.js';
import { errorMessage, UsageError } from './errors.js';
import { terminalProgress, type Progress } from './progress.js';
import { scanTargets } from './targets.js';
import { usageOf } from './usage.js';

export const EXIT_PASSED = 0;
export const EXIT_BELOW_THRESHOLD = 1;
export const EXIT_ERROR = 2;

export interface CliIo {
  readonly stdout: (s: string) => void;
  readonly stderr: (s: string) => void;
  /** Whether stdout is a terminal (colour for text output); default false. */
  readonly isTTY?: boolean;
  /** Whether stderr is a terminal (progress is shown there); default false. */
  readonly stderrIsTTY?: boolean;
  /** The terminal's width in columns, when stdout is one: long text lines wrap to it. */
  readonly columns?: number;
  /** Standard input's bytes (for PATH `-`); default: read process.stdin to its end. */
  readonly stdin?: () => Promise<Uint8Array>;
  /**
   * Writes to stdout as is, without the guard against workflow-command lines: only the `github`
   * format uses it, whose commands are the tool's own and whose every field is escaped. Default:
   * `stdout` without the guard.
   */
  readonly rawStdout?: (s: string) => void;
  /** Environment (NO_COLOR); default process.env. */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Resolves PATH and --output; default process.cwd(). */
  readonly cwd?: string;
  /** The engine; tests may hand in another. Default: src/engine/scan.ts, loaded on first use. */
  readonly scan?: (options: ScanOptions) => Promise<ScanReport>;
  /** The clock for a baseline's `createdAt`; default the system clock. */
  readonly now?: () => Date;
}

/** How the text and concise formats print: colour, terminal width, paths, quiet. */
interface Look {
  readonly color: boolean;
  readonly width: number | undefined;
  /** A finding's path as the user can open it from the working directory. */
  readonly display: (path: string) => string;
  readonly quiet: boolean;
}

const PLAIN: Look = { color: false, width: undefined, display: (p) => p, quiet: false };

/** The report in the format asked for, and what the user should know about it (on stderr). */
function render(
  report: ScanReport,
  format: Format,
  look: Look,
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
      return { text: renderText(report, { color: look.color, width: look.width, quiet: look.quiet }), notes: [] };
    case 'concise':
      return { text: renderConcise(report, look), notes: [] };
    case 'github':
      return { text: renderGithub(report, verdictLine(report)), notes: [] };
    case 'junit':
      return { text: renderJunit(report), notes: [] };
    case 'gitlab':
      return { text: renderGitlab(report), notes: [] };
    case 'rdjson':
      return { text: renderRdjson(report), notes: [] };
  }
}

/**
 * Colour: never with --no-color; with FORCE_COLOR set (other than 0 or false), also off a
 * terminal (Actions logs show it); never with NO_COLOR; else when stdout is a terminal.
 */
export function wantsColor(
  noColor: boolean,
  env: Readonly<Record<string, string | undefined>>,
  isTTY: boolean,
): boolean {
  if (noColor) return false;
  const force = env['FORCE_COLOR'];
  if (force !== undefined) return !['0', 'false'].includes(force.trim().toLowerCase());
  if (env['NO_COLOR']) return false;
  return isTTY;
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

/** Standard input to its end. */
async function readStdin(): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
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
  flags: Pick<
    FrontDoorRequest,
    'failBelow' | 'minScore' | 'failOnSeverity' | 'gateOn' | 'baseline' | 'select' | 'ignore' | 'minSeverity'
  >,
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

async function runScan(cmd: ScanCommand, given: CliIo): Promise<number> {
  // --quiet: notes and warnings go unsaid; errors still reach stderr (they are thrown).
  const io: CliIo = cmd.quiet ? { ...given, stderr: () => undefined } : given;
  const cwd = io.cwd ?? process.cwd();
  const env = io.env ?? process.env;
  const targets = await scanTargets(cwd, cmd.paths, cmd.stdinFilename);
  const { options } = await optionsFor(
    targets.root,
    cmd,
    {
      ...cmd.threshold,
      gateOn: cmd.gateOn,
      baseline: cmd.baseline,
      ...(cmd.select !== undefined ? { select: cmd.select } : {}),
      ignore: cmd.ignore,
      minSeverity: cmd.minSeverity,
    },
    cwd,
    io,
    true,
  );
  const timing = timingRequest(cmd.timing, (io.env ?? process.env)[TIMING_ENV]);
  const stdin = cmd.stdinFilename !== undefined ? await (io.stdin ?? readStdin)() : undefined;
  const progress: Progress | undefined =
    io.stderrIsTTY === true && !cmd.quiet
      ? terminalProgress(io.stderr, () => (io.now ?? (() => new Date()))().getTime())
      : undefined;
  let report: ScanReport;
  try {
    report = await scanOrExplain(
      {
        ...options,
        ...(timing ? { timing: true } : {}),
        ...(targets.paths ? { paths: targets.paths } : {}),
        ...(stdin && targets.stdinPath !== undefined ? { stdin: { path: targets.stdinPath, content: stdin } } : {}),
        ...(progress ? { onProgress: (done: number, total: number) => progress.update(done, total) } : {}),
      },
      { path: targets.shown, allowEmpty: cmd.allowEmpty },
      io,
    );
  } finally {
    progress?.end();
  }
  const reportStart = performance.now();

  if (cmd.output !== undefined) {
    const file = path.resolve(cwd, cmd.output);
    await mkdir(path.dirname(file), { recursive: true });
    const rendered = render(report, cmd.format, PLAIN, cmd.sarifCategory);
    await writeFile(file, rendered.text, 'utf8');
    for (const note of rendered.notes) io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
    if (!cmd.quiet) io.stdout(`${verdictLine(report)} Report (${cmd.format}) written to ${cmd.output}.\n`);
  } else {
    const look: Look = {
      color: (cmd.format === 'text' || cmd.format === 'concise') && wantsColor(cmd.noColor, env, io.isTTY === true),
      width: io.isTTY === true && io.columns !== undefined && io.columns > 0 ? io.columns : undefined,
      display: (p) => {
        const shown = path.relative(cwd, path.join(report.root, p)).split(path.sep).join('/');
        return shown === '' || shown.startsWith('../') ? p : shown;
      },
      quiet: cmd.quiet,
    };
    const rendered = render(report, cmd.format, look, cmd.sarifCategory);
    for (const note of rendered.notes) io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
    // Workflow commands are meant as commands: the one format that bypasses the guard (each field is escaped).
    if (cmd.format === 'github') (io.rawStdout ?? io.stdout)(rendered.text);
    else io.stdout(rendered.text);
  }
  if (timing && report.timing) {
    report.timing.phases['report'] = performance.now() - reportStart;
    io.stderr(timing.format === 'json' ? timingsJson(report.timing) : formatTimings(report.timing, timing.top));
  }
  if (cmd.exitZero || report.verdict.passed) return EXIT_PASSED;
  return EXIT_BELOW_THRESHOLD;
}

/** `rules`: the table of every rule. */
async function runRules(cmd: RulesCommand, io: CliIo): Promise<number> {
  const [{ ALL_RULES }, { renderRulesJson, renderRulesTable }] = await Promise.all([
    import('../rules/index.js'),
    import('./rules-command.js'),
  ]);
  const metas = ALL_RULES.map((r) => r.meta);
  io.stdout(
    cmd.format === 'json'
      ? renderRulesJson(metas)
      : renderRulesTable(metas, io.isTTY === true && io.columns ? io.columns : undefined),
  );
  return EXIT_PASSED;
}

/** `rule FCGnnn`: one rule's docs page. */
async function runRule(cmd: RuleCommand, io: CliIo): Promise<number> {
  const [{ ALL_RULES }, { findRule, renderRuleDoc }] = await Promise.all([
    import('../rules/index.js'),
    import('./rules-command.js'),
  ]);
  io.stdout(
    renderRuleDoc(
      findRule(
        ALL_RULES.map((r) => r.meta),
        cmd.rule,
      ),
    ),
  );
  return EXIT_PASSED;
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
    rawStdout: given.rawStdout ?? given.stdout,
  };
  try {
    const cmd = parseCliArgs(argv);
    if (cmd.command === 'help') {
      io.stdout(usageOf(cmd.topic));
      return EXIT_PASSED;
    }
    if (cmd.command === 'rules') return await runRules(cmd, io);
    if (cmd.command === 'rule') return await runRule(cmd, io);
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
