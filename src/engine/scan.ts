import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { Finding, Skipped } from '../core/types.js';
import { compareFindings } from '../core/order.js';
import { discover } from '../discover/discover.js';
import { fileRole } from '../discover/roles.js';
import { countBySeverity, gradeFindings } from '../grade/grade.js';
import type { Threshold } from '../grade/types.js';
import { judge } from '../grade/verdict.js';
import { configKindOf } from '../parse/config/kind.js';
import { ALL_RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version.js';
import { analyzeInParallel } from './pool.js';
import type { ScanReport } from './result.js';

export interface ScanOptions {
  readonly root: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly threshold: Threshold;
  /** Defaults to every rule. */
  readonly rules?: readonly Rule[];
}

export class ScanError extends Error {}

/** discover → read → parse → rules → grade → verdict. Reporters take it from here. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const root = resolve(options.root);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new ScanError(`${options.root} is not a directory`);
  const rules = options.rules ?? ALL_RULES;

  const found = await discover({
    root,
    include: options.include ?? [],
    exclude: options.exclude ?? [],
    isScannable: (p) => configKindOf(p) !== undefined,
  });
  // Templates (`.env.example`, `settings.sample.py`) document configuration; they are not scanned.
  const files = found.files.filter((f) => fileRole(f.path) !== 'template');
  // Read, parse and check every file: on worker threads when that pays, same result either way.
  const analysed = await analyzeInParallel(files, { rules: options.rules });
  const skipped: Skipped[] = [...found.skipped, ...analysed.skipped];
  const findings: Finding[] = analysed.findings;
  const filesScanned = analysed.filesScanned;
  findings.sort(compareFindings);
  const grade = gradeFindings(findings);
  return {
    tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: TOOL_URI },
    root,
    repoPrefix: found.repoPrefix,
    filesScanned,
    findings,
    skipped,
    counts: countBySeverity(findings),
    grade,
    threshold: options.threshold,
    verdict: judge(grade, findings, options.threshold),
    rules: rules.map((r) => r.meta),
    durationMs: Date.now() - started,
  };
}
