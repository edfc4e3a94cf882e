import { mkdir, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { ScanReport } from '../engine/result.js';
import type { ScanOptions } from '../engine/scan.js';
import { plural } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { renderText } from '../report/text.js';
import { TOOL_NAME, TOOL_VERSION } from '../version.js';
import { parseCliArgs, type Format, type ScanCommand } from './args.js';
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
}

function render(report: ScanReport, format: Format, color: boolean): string {
  switch (format) {
    case 'json':
      return renderJson(report);
    case 'sarif':
      return renderSarif(report);
    case 'markdown':
      return renderMarkdown(report);
    case 'text':
      return renderText(report, { color });
  }
}

/** One line for the terminal when the report went to a file. */
export function verdictLine(report: ScanReport): string {
  const { grade, verdict } = report;
  const summary = `grade ${grade.grade}, score ${grade.score}/100, ${plural(report.findings.length, 'finding')}`;
  return verdict.passed ? `Passed: ${summary}.` : `Failed: ${summary}; ${verdict.reasons.join('; ')}.`;
}

async function assertDirectory(dir: string, given: string): Promise<void> {
  const info = await stat(dir).catch(() => undefined);
  if (info === undefined) throw new Error(`no such directory: ${given}`);
  if (!info.isDirectory()) throw new Error(`not a directory: ${given}`);
}

async function runScan(cmd: ScanCommand, io: CliIo): Promise<number> {
  const cwd = io.cwd ?? process.cwd();
  const root = path.resolve(cwd, cmd.path);
  await assertDirectory(root, cmd.path);
  // Loaded here, not at the top: --help, --version and usage errors need no parser or rules.
  const scan = io.scan ?? (await import('../engine/scan.js')).scan;
  const report = await scan({
    root,
    threshold: cmd.threshold,
    ...(cmd.include.length > 0 ? { include: cmd.include } : {}),
    ...(cmd.exclude.length > 0 ? { exclude: cmd.exclude } : {}),
  });

  if (cmd.output !== undefined) {
    const file = path.resolve(cwd, cmd.output);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, render(report, cmd.format, false), 'utf8');
    io.stdout(`${verdictLine(report)} Report (${cmd.format}) written to ${cmd.output}.\n`);
  } else {
    const env = io.env ?? process.env;
    const color = cmd.format === 'text' && !cmd.noColor && io.isTTY === true && !env['NO_COLOR'];
    io.stdout(render(report, cmd.format, color));
  }
  if (cmd.exitZero || report.verdict.passed) return EXIT_PASSED;
  return EXIT_BELOW_THRESHOLD;
}

/** The whole CLI, in-process: returns the exit code and never throws. */
export async function runCli(argv: readonly string[], io: CliIo): Promise<number> {
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
    return await runScan(cmd, io);
  } catch (err) {
    io.stderr(`${TOOL_NAME}: ${errorMessage(err)}\n`);
    if (err instanceof UsageError) io.stderr(`Run '${TOOL_NAME} --help' for usage.\n`);
    return EXIT_ERROR;
  }
}
