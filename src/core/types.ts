import type { Confidence } from './confidence.js';
import type { Severity } from './severity.js';

/** 1-based lines and columns, as editors, SARIF and GitHub annotations count them. */
export interface Span {
  readonly line: number;
  readonly column: number;
  readonly endLine: number;
  readonly endColumn: number;
}

export type Family = 'transport' | 'secrets' | 'crypto' | 'auth' | 'design';

/**
 * What a file is for. Test and development files count at a reduced weight in the grade
 * (design.md); template files (`*.example`, `*.sample`, `*.template`, `*.dist`) document
 * configuration rather than being configuration, so rules are not run on them.
 */
export type FileRole = 'production' | 'test' | 'development' | 'template';

export type FileKind =
  | 'python'
  | 'yaml'
  | 'toml'
  | 'ini'
  | 'dotenv'
  | 'json'
  | 'dockerfile'
  | 'shell'
  | 'procfile'
  | 'makefile'
  | 'properties'
  | 'bicep';

export interface SourceFile {
  /** Repository-relative, forward slashes. */
  readonly path: string;
  readonly kind: FileKind;
  readonly role: FileRole;
  readonly text: string;
  /** Lines of `text`, split once (fingerprints and suppressions read them). */
  readonly lines: readonly string[];
}

export interface Finding {
  readonly ruleId: string;
  readonly name: string;
  readonly family: Family;
  readonly severity: Severity;
  /** How sure the finding is (src/core/confidence.ts): the rule's default unless the rule said otherwise. */
  readonly confidence: Confidence;
  readonly cwe: readonly number[];
  readonly path: string;
  readonly line: number;
  readonly endLine: number;
  readonly column: number;
  readonly endColumn: number;
  /** Already redacted: no secret value ever reaches a Finding. */
  readonly message: string;
  readonly role: FileRole;
  /** Stable across unrelated edits: rule, path, normalised code, occurrence (not the line number). */
  readonly fingerprint: string;
  /**
   * Set when a baseline was applied: `existing` when the baseline holds the fingerprint, else
   * `new`. Absent without a baseline, where every finding counts as new.
   */
  readonly state?: 'new' | 'existing';
  /**
   * Only between the two phases of a scan: the question the rule left for the project phase
   * (src/project/settle.ts). Settled findings never carry it, so no reporter sees it.
   */
  readonly pending?: unknown;
}

export interface Skipped {
  readonly path: string;
  readonly reason: string;
}
