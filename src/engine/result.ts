import type { Finding, Skipped } from '../core/types.js';
import type { GradeResult, Threshold, Verdict } from '../grade/types.js';
import type { RuleMeta } from '../rules/rule.js';
import type { Severity } from '../core/severity.js';

/** Everything a reporter needs, and nothing it would have to compute again. */
export interface ScanReport {
  readonly tool: { readonly name: string; readonly version: string; readonly informationUri: string };
  /** Absolute path of the scanned directory; finding paths are relative to it. */
  readonly root: string;
  /**
   * Where the scanned directory sits in its git repository (`examples/app/`; '' at the top or
   * outside git). SARIF locations are repository-relative, so code scanning can place them.
   */
  readonly repoPrefix: string;
  readonly filesScanned: number;
  readonly findings: readonly Finding[];
  readonly skipped: readonly Skipped[];
  readonly counts: Readonly<Record<Severity, number>>;
  readonly grade: GradeResult;
  readonly threshold: Threshold;
  readonly verdict: Verdict;
  /** Metadata of every rule that ran (SARIF lists them all, not only those that fired). */
  readonly rules: readonly RuleMeta[];
  readonly durationMs: number;
}
