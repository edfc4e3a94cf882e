import type { BaselineSummary } from '../baseline/baseline.js';
import type { GateOn } from '../config/types.js';
import type { Finding, Skipped } from '../core/types.js';
import type { GradeResult, Threshold, Verdict } from '../grade/types.js';
import type { ToolInfo } from '../report/docs-location.js';
import type { RuleMeta } from '../rules/rule.js';
import type { Severity } from '../core/severity.js';
import type { SuppressedFinding } from '../suppress/apply.js';
import type { SuppressionSummary } from '../suppress/summary.js';
import type { Timings } from '../core/timing.js';

/** Everything a reporter needs, and nothing it would have to compute again. */
export interface ScanReport {
  /** Name, version and where the rule docs live (the action points them at the ref it runs). */
  readonly tool: ToolInfo;
  /** Absolute path of the scanned directory; finding paths are relative to it. */
  readonly root: string;
  /**
   * Where the scanned directory sits in its git repository (`examples/app/`; '' at the top or
   * outside git). SARIF locations are repository-relative, so code scanning can place them.
   */
  readonly repoPrefix: string;
  readonly filesScanned: number;
  /** Findings after suppressions; with a baseline, each carries its `state`. */
  readonly findings: readonly Finding[];
  readonly skipped: readonly Skipped[];
  readonly counts: Readonly<Record<Severity, number>>;
  /** The grade of every finding (new and existing). */
  readonly grade: GradeResult;
  readonly threshold: Threshold;
  readonly verdict: Verdict;
  /** Metadata of every rule that ran (SARIF lists them all, not only those that fired). */
  readonly rules: readonly RuleMeta[];
  readonly durationMs: number;
  // Optional below: reports built by hand (tests, other front doors) may leave them out.
  /** Findings that suppression comments removed; they are not graded. */
  readonly suppressed?: readonly SuppressedFinding[];
  readonly suppressions?: SuppressionSummary;
  /** Set when a baseline was applied. */
  readonly baseline?: BaselineSummary;
  /** The grade of the new findings alone; set when a baseline was applied. */
  readonly newGrade?: GradeResult;
  /** What the threshold judged: every finding (default) or the new ones. */
  readonly gateOn?: GateOn;
  /** The configuration file used, as messages name it. */
  readonly configFile?: string;
  /** Where the time went (`--timing`); no reporter prints it, the front door does, on stderr. */
  readonly timing?: Timings;
}

/** Findings not in the baseline (all of them when no baseline was applied). */
export function newFindings(report: Pick<ScanReport, 'findings'>): readonly Finding[] {
  return report.findings.filter((f) => f.state !== 'existing');
}
