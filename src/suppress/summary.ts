import type { SuppressedFinding, SuppressionRecord } from './apply.js';

/** A suppression comment that suppressed nothing. Reported, never graded. */
export interface UnusedSuppression {
  readonly path: string;
  readonly line: number;
  /** Canonical form: `nosec FCG101`, `ignore[FCG101]`. */
  readonly directive: string;
  /** Names in its list that are none of our rules nor a Bandit check. */
  readonly unknown: readonly string[];
}

export interface SuppressionSummary {
  /** Findings suppressed. */
  readonly findings: number;
  /** Comments that suppressed at least one finding. */
  readonly used: number;
  /** Of those, comments that give no reason. */
  readonly withoutReason: number;
  /** Comments that suppressed nothing, in path and line order. */
  readonly unused: readonly UnusedSuppression[];
}

export const NO_SUPPRESSIONS: SuppressionSummary = { findings: 0, used: 0, withoutReason: 0, unused: [] };

export function summariseSuppressions(
  records: readonly SuppressionRecord[],
  suppressed: readonly SuppressedFinding[],
): SuppressionSummary {
  const used = records.filter((r) => r.suppressed > 0);
  const unused = records
    .filter((r) => r.suppressed === 0 && r.reportable)
    .map((r) => ({ path: r.path, line: r.line, directive: r.directive, unknown: r.unknown }))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
  return {
    findings: suppressed.length,
    used: used.length,
    withoutReason: used.filter((r) => r.reason === undefined).length,
    unused,
  };
}
