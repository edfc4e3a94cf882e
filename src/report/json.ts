import type { BaselineEntry } from '../baseline/baseline.js';
import type { GateOn } from '../config/types.js';
import type { Severity } from '../core/severity.js';
import type { Family, FileRole } from '../core/types.js';
import { newFindings, type ScanReport } from '../engine/result.js';
import type { GradePlan } from '../grade/explain.js';
import type { Confidence } from '../core/confidence.js';
import type { Grade, GradeCap, GradeResult, RulePenalty } from '../grade/types.js';
import type { SuppressionKind } from '../suppress/directive.js';
import { NO_SUPPRESSIONS, type UnusedSuppression } from '../suppress/summary.js';
import { compareFindings, gradePlans, sortedFindings } from './format.js';

/** One finding as the JSON report carries it (design.md contract fields first). */
export interface JsonFinding {
  readonly ruleId: string;
  readonly name: string;
  readonly severity: Severity;
  readonly cwe: readonly number[];
  /** Repository-relative, forward slashes. */
  readonly path: string;
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  /** Redacted by the engine. */
  readonly message: string;
  readonly fingerprint: string;
  // Additions beyond the contract.
  readonly endColumn: number;
  readonly family: Family;
  readonly role: FileRole;
  /** How sure the finding is: `high`, `medium` or `low` (README, "Grading"). */
  readonly confidence: Confidence;
  /** `existing` when the baseline holds it; `new` otherwise, and always without a baseline. */
  readonly state: 'new' | 'existing';
}

/** How the score was reached: the model, the cap and each rule's penalty. */
export interface JsonGrading {
  readonly version: number;
  readonly uncappedGrade: Grade;
  readonly cap: GradeCap | null;
  readonly penalties: readonly RulePenalty[];
  readonly gaps: GradeResult['gaps'];
}

/** A plan of fixes, each a rule and the locations of its findings to fix. */
export interface JsonPlan {
  readonly from: { readonly grade: Grade; readonly score: number };
  readonly target: Grade;
  readonly fixes: readonly {
    readonly ruleId: string;
    readonly name: string;
    readonly severity: Severity;
    readonly count: number;
    readonly allOfRule: boolean;
    readonly because: 'cap' | 'score';
    readonly capsAt: Grade | null;
    readonly points: number;
    readonly gradeBefore: Grade;
    readonly scoreAfter: number;
    readonly gradeAfter: Grade;
    readonly locations: readonly { readonly path: string; readonly line: number }[];
  }[];
}

/**
 * The `--format json` document and the action's `report-json` file. The fields of design.md are a
 * contract: add, never rename or remove. Unset threshold parts are `null`, so every key is present.
 */
export interface JsonReport {
  readonly tool: { readonly name: string; readonly version: string };
  readonly grade: Grade;
  readonly score: number;
  readonly threshold: {
    readonly failBelow: Grade | null;
    readonly minScore: number | null;
    readonly failOnSeverity: Severity | null;
  };
  readonly passed: boolean;
  /** Per severity, and `new`: the findings not in the baseline (all of them without one). */
  readonly counts: Readonly<Record<Severity | 'new', number>>;
  readonly findings: readonly JsonFinding[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  // Additions beyond the contract.
  /** Why the gate failed, one sentence each; empty when passed. */
  readonly reasons: readonly string[];
  readonly filesScanned: number;
  /** How the score was reached. */
  readonly grading: JsonGrading & {
    /** What the threshold judged: `all` findings, or only the `new` ones. */
    readonly gateOn: GateOn;
    /** The grade of the new findings alone, when a baseline was applied. */
    readonly new: (JsonGrading & { readonly grade: Grade; readonly score: number }) | null;
    /** The fewest rule fixes that lift the grade one step; null at A. */
    readonly nextGrade: JsonPlan | null;
    /** When the gate fails on the grade and passing needs more than one step: the fixes to pass. */
    readonly toPass: JsonPlan | null;
  };
  /** Findings removed by suppression comments (not graded). */
  readonly suppressed: readonly {
    readonly ruleId: string;
    readonly name: string;
    readonly severity: Severity;
    readonly path: string;
    readonly line: number;
    readonly fingerprint: string;
    readonly suppression: {
      readonly line: number;
      readonly kind: SuppressionKind;
      readonly directive: string;
      readonly reason: string | null;
    };
  }[];
  readonly suppressions: {
    /** Comments that suppressed at least one finding, and of those, how many give no reason. */
    readonly used: number;
    readonly withoutReason: number;
    /** Comments that suppressed nothing. */
    readonly unused: readonly UnusedSuppression[];
  };
  /** The baseline applied, or null. */
  readonly baseline: {
    readonly file: string;
    readonly entries: number;
    readonly existing: number;
    readonly new: number;
    /** Entries no finding matches any more (fixed, suppressed, or their code changed). */
    readonly stale: number;
    readonly staleEntries: readonly BaselineEntry[];
  } | null;
  /** The configuration file used, or null. */
  readonly config: string | null;
}

function grading(g: GradeResult): JsonGrading {
  return {
    version: g.version,
    uncappedGrade: g.uncappedGrade,
    cap: g.cap ? { grade: g.cap.grade, reason: g.cap.reason, rules: g.cap.rules.map((r) => ({ ...r })) } : null,
    penalties: g.penalties.map((p) => ({ ...p })),
    gaps: { ...g.gaps },
  };
}

function plan(p: GradePlan | undefined): JsonPlan | null {
  if (!p) return null;
  return {
    from: { ...p.from },
    target: p.target,
    fixes: p.fixes.map((f) => ({
      ruleId: f.ruleId,
      name: f.name,
      severity: f.severity,
      count: f.findings.length,
      allOfRule: f.allOfRule,
      because: f.because,
      capsAt: f.capsAt ?? null,
      points: f.points,
      gradeBefore: f.gradeBefore,
      scoreAfter: f.scoreAfter,
      gradeAfter: f.gradeAfter,
      locations: f.findings.map((x) => ({ path: x.path, line: x.line })),
    })),
  };
}

export function toJsonReport(report: ScanReport): JsonReport {
  const { grade, threshold } = report;
  const plans = gradePlans(report);
  const suppressions = report.suppressions ?? NO_SUPPRESSIONS;
  const b = report.baseline;
  return {
    tool: { name: report.tool.name, version: report.tool.version },
    grade: grade.grade,
    score: grade.score,
    threshold: {
      failBelow: threshold.failBelow ?? null,
      minScore: threshold.minScore ?? null,
      failOnSeverity: threshold.failOnSeverity ?? null,
    },
    passed: report.verdict.passed,
    counts: {
      critical: report.counts.critical,
      high: report.counts.high,
      medium: report.counts.medium,
      low: report.counts.low,
      new: newFindings(report).length,
    },
    findings: sortedFindings(report.findings).map((f) => ({
      ruleId: f.ruleId,
      name: f.name,
      severity: f.severity,
      cwe: [...f.cwe],
      path: f.path,
      line: f.line,
      endLine: f.endLine,
      column: f.column,
      message: f.message,
      fingerprint: f.fingerprint,
      endColumn: f.endColumn,
      family: f.family,
      role: f.role,
      confidence: f.confidence,
      state: f.state ?? 'new',
    })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    reasons: [...report.verdict.reasons],
    filesScanned: report.filesScanned,
    grading: {
      ...grading(grade),
      gateOn: report.gateOn ?? 'all',
      new: report.newGrade
        ? { grade: report.newGrade.grade, score: report.newGrade.score, ...grading(report.newGrade) }
        : null,
      nextGrade: plan(plans.next),
      toPass: plan(plans.toPass),
    },
    suppressed: [...(report.suppressed ?? [])].sort(compareFindings).map((f) => ({
      ruleId: f.ruleId,
      name: f.name,
      severity: f.severity,
      path: f.path,
      line: f.line,
      fingerprint: f.fingerprint,
      suppression: {
        line: f.suppressedBy.line,
        kind: f.suppressedBy.kind,
        directive: f.suppressedBy.directive,
        reason: f.suppressedBy.reason ?? null,
      },
    })),
    suppressions: {
      used: suppressions.used,
      withoutReason: suppressions.withoutReason,
      unused: suppressions.unused.map((u) => ({ ...u, unknown: [...u.unknown] })),
    },
    baseline: b
      ? {
          file: b.file,
          entries: b.entries,
          existing: b.existing,
          new: b.new,
          stale: b.stale.length,
          staleEntries: b.stale.map((e) => ({ ...e })),
        }
      : null,
    config: report.configFile ?? null,
  };
}

/** Pretty-printed, newline-terminated. */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
