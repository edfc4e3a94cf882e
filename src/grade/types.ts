import type { Severity } from '../core/severity.js';

export const GRADES = ['A', 'B', 'C', 'D', 'F'] as const;
export type Grade = (typeof GRADES)[number];

/** What the user asked the gate to enforce; every part optional, all that are set must hold. */
export interface Threshold {
  /** Fail when the grade is below this one (default C). */
  readonly failBelow: Grade | undefined;
  /** Fail when the score is below this number. */
  readonly minScore: number | undefined;
  /** Fail when any finding is at or above this severity. */
  readonly failOnSeverity: Severity | undefined;
}

/** How one rule moved the score: the lines of "how the score was reached". */
export interface RulePenalty {
  readonly ruleId: string;
  readonly name: string;
  /** Highest severity among the rule's findings. */
  readonly severity: Severity;
  readonly count: number;
  /** Findings that sit in test/development files and count at a reduced weight. */
  readonly reducedCount: number;
  /** Points taken from 100, rounded to one decimal. */
  readonly penalty: number;
}

export interface GradeResult {
  /** The grading model's version (README documents each). */
  readonly version: 1;
  readonly score: number;
  readonly grade: Grade;
  /** The grade the score alone would give, before a severity cap. */
  readonly uncappedGrade: Grade;
  /** Set when a critical or high finding capped the grade. */
  readonly cap: { readonly grade: Grade; readonly reason: string } | undefined;
  readonly penalties: readonly RulePenalty[];
}

export interface Verdict {
  readonly passed: boolean;
  /** Why it failed, one sentence each; empty when passed. */
  readonly reasons: readonly string[];
}
