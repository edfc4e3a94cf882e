import { stat } from 'node:fs/promises';
import { relative, resolve, sep } from 'node:path';
import {
  applyBaseline,
  DEFAULT_BASELINE_FILE,
  readBaseline,
  type Baseline,
  type BaselineSummary,
} from '../baseline/baseline.js';
import { CONFIG_FILES } from '../config/load.js';
import { redactCredentials } from '../models/connections/redact.js';
import type { GateOn } from '../config/types.js';
import { atLeast, type Severity } from '../core/severity.js';
import type { Finding, Skipped } from '../core/types.js';
import { compareFindings } from '../core/order.js';
import { discover, type Candidate } from '../discover/discover.js';
import { fileRole } from '../discover/roles.js';
import { countBySeverity, gradeFindings } from '../grade/grade.js';
import type { Threshold } from '../grade/types.js';
import { judge } from '../grade/verdict.js';
import { configKindOf } from '../parse/config/kind.js';
import { mayHaveKindByContent } from '../parse/config/kind-by-content.js';
import { ProjectIndex } from '../project/project-index.js';
import { settle } from '../project/settle.js';
import { ALL_RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import type { SuppressedFinding } from '../suppress/apply.js';
import { summariseSuppressions } from '../suppress/summary.js';
import { TOOL_NAME, TOOL_URI, TOOL_VERSION } from '../version.js';
import { DEFAULT_ANALYSIS, isRuleOff, type AnalysisOptions } from './options.js';
import { EmptyScanError } from './empty.js';
import { buildFromFiles } from './late-sections.js';
import { analyzeInParallel, warmWorkers, type Analysed, type WarmWorkers } from './pool.js';
import { ScanError } from './scan-error.js';
import type { ScanReport } from './result.js';
import { emptyTimings, mergeTimings, timed, timedAsync, type Timings } from '../core/timing.js';

export interface ScanOptions {
  readonly root: string;
  readonly include?: readonly string[];
  readonly exclude?: readonly string[];
  readonly threshold: Threshold;
  /** Defaults to every rule. */
  readonly rules?: readonly Rule[];
  /** From the configuration file: rule severities and `off`, file roles, local hosts. */
  readonly analysis?: AnalysisOptions;
  /** A baseline file to mark findings `existing` or `new` with (`shown` names it in messages). */
  readonly baseline?: {
    readonly path: string;
    readonly shown: string;
    /** A directory the file must stay inside once links are resolved (src/read/own-file.ts). */
    readonly within?: string | undefined;
  };
  /** What the threshold judges: every finding (default) or only the new ones. */
  readonly gateOn?: GateOn;
  /** The configuration file the options came from, for the report. */
  readonly configFile?: string;
  /**
   * Let a scan that analysed no file report (and pass). Without it such a scan throws an
   * EmptyScanError: zero files scanned is an error, not a grade A.
   */
  readonly allowEmpty?: boolean;
  /** Measure where the time goes, per phase and per rule (`--timing`); the report then carries it. */
  readonly timing?: boolean;
  /**
   * Files and directories to scan, relative to root (default: root). A file named here is
   * scanned even when an exclude would skip it (src/discover/discover.ts).
   */
  readonly paths?: readonly string[];
  /** Standard input, scanned as the file at `path` (relative to root) instead of discovering any. */
  readonly stdin?: { readonly path: string; readonly content: Uint8Array };
  /** Findings below this severity are not reported (nor graded). */
  readonly minSeverity?: Severity;
  /** Called as files are analysed: how many of how many are done. */
  readonly onProgress?: (done: number, total: number) => void;
}

export { ScanError };

/** The tool's own files: the configuration and the baseline are read as such, never scanned. */
const OWN_FILES: ReadonlySet<string> = new Set([...CONFIG_FILES, DEFAULT_BASELINE_FILE]);

/** discover → read → parse → rules → suppressions → baseline → grade → verdict. Reporters take it from here. */
export async function scan(options: ScanOptions): Promise<ScanReport> {
  const started = Date.now();
  const root = resolve(options.root);
  const info = await stat(root).catch(() => undefined);
  if (!info?.isDirectory()) throw new ScanError(`${options.root} is not a directory`);
  // The workers start loading while the tree is walked; those the scan does not use are closed.
  const warm = options.stdin ? undefined : warmWorkers({ rules: options.rules });
  try {
    return await scanRoot(options, root, started, warm);
  } finally {
    await warm?.close();
  }
}

async function scanRoot(
  options: ScanOptions,
  root: string,
  started: number,
  warm: WarmWorkers | undefined,
): Promise<ScanReport> {
  const rules = options.rules ?? ALL_RULES;
  // Read first: a missing or malformed baseline fails before a long scan, not after.
  const baseline: Baseline | undefined = options.baseline
    ? await readBaseline(options.baseline.path, options.baseline.shown, options.baseline.within)
    : undefined;

  const baselineRel = options.baseline ? relative(root, options.baseline.path).split(sep).join('/') : undefined;
  const isOwn = (p: string): boolean => OWN_FILES.has(p.slice(p.lastIndexOf('/') + 1)) || p === baselineRel;
  const timing = options.timing ? emptyTimings() : undefined;
  const found = await timedAsync(timing, 'discover', () =>
    discover({
      root,
      include: options.include ?? [],
      exclude: options.exclude ?? [],
      // Files without a known name are candidates too when their text may tell their kind.
      isScannable: (p) => (configKindOf(p) !== undefined || mayHaveKindByContent(p)) && !isOwn(p),
      ...(options.paths ? { paths: options.paths } : {}),
      ...(options.stdin ? { stdin: options.stdin } : {}),
    }),
  );
  // Templates (`.env.example`, `settings.sample.py`) document configuration; they are not scanned.
  const files = found.files.filter((f) => fileRole(f.path) !== 'template');
  // Read, parse and check every file: on worker threads when that pays, same result either way.
  const analysis = timing ? { ...(options.analysis ?? DEFAULT_ANALYSIS), timing: true } : options.analysis;
  const analysed = await analyzeInParallel(files, {
    rules: options.rules,
    warm,
    ...(analysis ? { analysis } : {}),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  if (timing) mergeTimings(timing, analysed.timing);
  // Phase 2: the modules' summaries make the project index, and the findings a file alone could
  // not decide are settled against it.
  const project = await timedAsync(timing, 'project', () =>
    settleProject(analysed, files, rules, options.analysis ?? DEFAULT_ANALYSIS, timing),
  );
  // The one place every message and skip reason passes on its way to a reporter: whatever a rule
  // or a parser's error quoted, a credential-shaped part of it is masked here (src/conn/redact.ts).
  const skipped: Skipped[] = [...found.skipped, ...analysed.skipped, ...project.skipped].map((s) => ({
    ...s,
    reason: redactCredentials(s.reason),
  }));
  if (analysed.filesScanned === 0 && !options.allowEmpty) {
    throw new EmptyScanError({
      include: options.include ?? [],
      exclude: options.exclude ?? [],
      skipped,
      templates: found.files.length - files.length,
    });
  }
  const minSeverity = options.minSeverity;
  let findings: Finding[] = project.findings
    .filter((f) => minSeverity === undefined || atLeast(f.severity, minSeverity))
    .map((f) => ({ ...f, message: redactCredentials(f.message) }));
  let baselineSummary: BaselineSummary | undefined;
  if (baseline && options.baseline) {
    const applied = applyBaseline(findings, baseline, options.baseline.shown);
    findings = applied.findings;
    baselineSummary = applied.summary;
  }
  const filesScanned = analysed.filesScanned;
  findings.sort(compareFindings);
  const { grade, newGrade, fresh } = timed(timing, 'grade', () => {
    const fresh = findings.filter((f) => f.state !== 'existing');
    return {
      grade: gradeFindings(findings),
      newGrade: baseline ? gradeFindings(fresh) : undefined,
      fresh,
    };
  });
  const gateOn = options.gateOn ?? 'all';
  const verdict =
    gateOn === 'new'
      ? judge(newGrade ?? grade, fresh, options.threshold, 'new')
      : judge(grade, findings, options.threshold);
  const configured = options.analysis;
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
    verdict,
    rules: rules.filter((r) => !configured || !isRuleOff(configured, r.meta.id)).map((r) => r.meta),
    durationMs: Date.now() - started,
    suppressed: project.suppressed,
    suppressions: summariseSuppressions(analysed.suppressions, project.suppressed),
    ...(baselineSummary ? { baseline: baselineSummary } : {}),
    ...(newGrade ? { newGrade } : {}),
    gateOn,
    ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    ...(timing ? { timing } : {}),
  };
}

/**
 * Builds the project index from the summaries and settles held findings, suppressed ones too.
 * Sections phase 1 deferred are built from the files when a question reaches them.
 */
async function settleProject(
  analysed: Analysed,
  files: readonly Candidate[],
  rules: readonly Rule[],
  analysis: AnalysisOptions,
  timing: Timings | undefined,
): Promise<{ findings: Finding[]; suppressed: SuppressedFinding[]; skipped: Skipped[] }> {
  const index = new ProjectIndex(analysed.summaries);
  const late: Skipped[] = [];
  const build = buildFromFiles(files, analysis, late, timing);
  const open = await settle(analysed.findings, index, rules, analysis, timing, build);
  const quiet = await settle(analysed.suppressed, index, rules, analysis, timing, build);
  return {
    findings: open.findings,
    suppressed: quiet.findings,
    skipped: [...late, ...open.skipped, ...quiet.skipped],
  };
}
