import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBaseline, renderBaseline } from '../baseline/baseline.js';
import type { ScanReport } from '../engine/result.js';
import type { ScanOptions } from '../engine/scan.js';
import type { Grade } from '../grade/types.js';
import { excerpt } from '../models/connections/excerpt.js';
import { globProblem } from '../discover/excludes.js';
import { confinedTo } from '../read/own-file.js';
import { ALL_RULES } from '../rules/index.js';
import { loadConfig, type LoadedConfig } from './load.js';
import { resolveRequest, type FrontDoorRequest } from './resolve.js';
import { selectorProblem } from './select.js';

export interface FrontDoorInput {
  /** The scanned directory (absolute). */
  readonly root: string;
  /** `--config` / the `config` input, as given (resolved against `request.cwd`). */
  readonly config: string | undefined;
  readonly request: FrontDoorRequest;
  readonly defaultFailBelow: Grade;
  /** False for `baseline`, which writes every current finding and so applies no baseline. */
  readonly applyBaseline: boolean;
}

export interface FrontDoorOptions {
  readonly options: ScanOptions;
  readonly loaded: LoadedConfig | undefined;
  /** For the user: another configuration file was ignored. */
  readonly notes: readonly string[];
}

/**
 * What the CLI and the action share: find and validate the configuration file, then merge it with
 * the flags or inputs into scan options (flags win part by part). Keys left at their defaults are
 * left out, so a plain scan's options stay `{ root, threshold }`. Throws ConfigError (exit 2,
 * setFailed) naming the file and line of every problem.
 */
export async function frontDoorOptions(input: FrontDoorInput): Promise<FrontDoorOptions> {
  // Globs from flags or inputs are checked here, as the configuration's are where they are written.
  for (const [key, globs] of [
    ['include', input.request.include],
    ['exclude', input.request.exclude],
  ] as const) {
    for (const glob of globs) {
      const problem = globProblem(glob);
      if (problem) throw new Error(`${key} glob ${excerpt(glob)} ${problem}`);
    }
  }
  const loaded = await loadConfig({
    root: input.root,
    explicit: input.config,
    cwd: input.request.cwd,
    rules: ALL_RULES.map((r) => r.meta),
    confine: input.request.confine,
  });
  const metas = ALL_RULES.map((r) => r.meta);
  for (const [key, list] of [
    ['select', input.request.select ?? []],
    ['ignore', input.request.ignore ?? []],
  ] as const) {
    for (const selector of list) {
      const problem = selectorProblem(selector, metas);
      if (problem) throw new Error(`--${key} ${problem}`);
    }
  }
  const r = resolveRequest(input.request, loaded?.config, input.defaultFailBelow, metas);
  // A baseline the configuration names is named by a file in the scanned tree: it stays inside
  // that tree. One given as a flag is the user's choice (confined only where the request says).
  const confine = input.request.confine;
  const baseline = r.baseline && {
    ...r.baseline,
    within: input.request.baseline === undefined ? input.root : confine && confinedTo(r.baseline.path, confine),
  };
  const options: ScanOptions = {
    root: input.root,
    threshold: r.threshold,
    ...(r.include.length > 0 ? { include: r.include } : {}),
    ...(r.exclude.length > 0 ? { exclude: r.exclude } : {}),
    ...(r.analysis ? { analysis: r.analysis } : {}),
    ...(input.applyBaseline && baseline ? { baseline } : {}),
    ...(r.gateOn !== 'all' ? { gateOn: r.gateOn } : {}),
    ...(loaded ? { configFile: loaded.config.file } : {}),
    ...(r.minSeverity !== undefined ? { minSeverity: r.minSeverity } : {}),
  };
  return { options, loaded, notes: loaded?.notes ?? [] };
}

/** Writes a baseline of the report's findings (after suppressions) to `file`; returns how many. */
export async function writeBaselineFile(report: ScanReport, file: string, now: Date): Promise<number> {
  const baseline = createBaseline(report.findings, report.tool, now);
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, renderBaseline(baseline), 'utf8');
  return baseline.findings.length;
}
