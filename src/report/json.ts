import type { Severity } from '../core/severity.js';
import type { Family, FileRole } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import type { Grade, RulePenalty } from '../grade/types.js';
import { sortedFindings } from './format.js';

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
  readonly counts: Readonly<Record<Severity, number>>;
  readonly findings: readonly JsonFinding[];
  readonly skipped: readonly { readonly path: string; readonly reason: string }[];
  // Additions beyond the contract.
  /** Why the gate failed, one sentence each; empty when passed. */
  readonly reasons: readonly string[];
  readonly filesScanned: number;
  /** How the score was reached. */
  readonly grading: {
    readonly version: number;
    readonly uncappedGrade: Grade;
    readonly cap: { readonly grade: Grade; readonly reason: string } | null;
    readonly penalties: readonly RulePenalty[];
  };
}

export function toJsonReport(report: ScanReport): JsonReport {
  const { grade, threshold } = report;
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
    })),
    skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
    reasons: [...report.verdict.reasons],
    filesScanned: report.filesScanned,
    grading: {
      version: grade.version,
      uncappedGrade: grade.uncappedGrade,
      cap: grade.cap ? { grade: grade.cap.grade, reason: grade.cap.reason } : null,
      penalties: grade.penalties.map((p) => ({ ...p })),
    },
  };
}

/** Pretty-printed, newline-terminated. */
export function renderJson(report: ScanReport): string {
  return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}
