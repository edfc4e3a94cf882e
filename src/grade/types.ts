import type { Confidence } from '../core/confidence.js';
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
  /** Highest confidence among the rule's findings. */
  readonly confidence: Confidence;
  readonly count: number;
  /** Findings that sit in test/development files and count at a reduced weight. */
  readonly reducedCount: number;
  /** Findings of low confidence (weighed at a fraction, never capping). */
  readonly lowConfidenceCount: number;
  /**
   * `flaw` when any finding is a confident high or critical one in a production file (it adds up
   * in full and may cap); `gap` otherwise (gaps together take at most the gap limit).
   */
  readonly kind: 'flaw' | 'gap';
  /** Points taken from 100 (before the gap limit), rounded to one decimal. */
  readonly penalty: number;
}

/** A cap, naming the rules whose findings hold it. */
export interface GradeCap {
  readonly grade: Grade;
  /** One sentence naming each rule, its severity and how many places cap. */
  readonly reason: string;
  readonly rules: readonly {
    readonly ruleId: string;
    readonly name: string;
    readonly severity: Severity;
    readonly count: number;
  }[];
}

export interface GradeResult {
  /** The grading model's version (README documents each). */
  readonly version: 2;
  readonly score: number;
  readonly grade: Grade;
  /** The grade the score alone would give, before a severity cap. */
  readonly uncappedGrade: Grade;
  /** Set when a flaw (a confident critical or high finding in production) capped the grade. */
  readonly cap: GradeCap | undefined;
  readonly penalties: readonly RulePenalty[];
  /** The gaps' penalties together, the limit they are held to, and what was taken from the score. */
  readonly gaps: { readonly total: number; readonly limit: number; readonly counted: number };
}

export interface Verdict {
  readonly passed: boolean;
  /** Why it failed, one sentence each; empty when passed. */
  readonly reasons: readonly string[];
}
