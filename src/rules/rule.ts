import type { Confidence, Precision } from '../core/confidence.js';
import type { Severity } from '../core/severity.js';
import type { Family, SourceFile, Span } from '../core/types.js';
import type { FileFacts } from '../models/connections/types.js';
import type { PythonIndex } from '../lang/python/file-index.js';
import type { ConfigDoc } from '../parse/config/types.js';
import type { DecideContext } from '../project/decide-context.js';
import type { PendingQuestion } from '../project/types.js';
import type { FileModels } from '../models/file-models.js';

/** Everything a rule's docs page and SARIF entry need; docs/rules/<name>.md is generated from it. */
export interface RuleMeta {
  /** Stable id, `FCG` + family digit + two digits: FCG101. */
  readonly id: string;
  /** Short kebab-case name: `sslmode-disabled`. Also the docs page's file name. */
  readonly name: string;
  readonly family: Family;
  readonly severity: Severity;
  readonly cwe: readonly number[];
  /** One line, sentence case, no trailing period: SARIF shortDescription. */
  readonly title: string;
  /** What it flags (markdown). */
  readonly what: string;
  /** Why it is bad (markdown). */
  readonly why: string;
  /** Code that is flagged. */
  readonly bad: { readonly lang: string; readonly code: string };
  /** The same code, fixed. */
  readonly good: { readonly lang: string; readonly code: string };
  /** How to fix it (markdown). */
  readonly fix: string;
  /** What the rule cannot see (markdown), so users know where its silence means nothing. */
  readonly limits: string;
  /** SARIF precision: how often a finding is a true positive. */
  readonly precision: Precision;
  /**
   * How sure a finding of this rule is, unless the report says otherwise (src/core/confidence.ts):
   * `low` when the file cannot show what decides it, `medium` for a name-based match. Optional so
   * a new rule compiles without it; then `defaultConfidence()` derives it from `precision`. The
   * grade weighs low-confidence findings less and never caps on them (README, "Grading").
   */
  readonly confidence?: Confidence;
}

export interface ReportInput {
  readonly span: Span;
  readonly message: string;
  /** Defaults to the rule's severity; rules lower it for local hosts. */
  readonly severity?: Severity;
  /** Defaults to the rule's confidence; a rule lowers it when this finding rests on what the file cannot show. */
  readonly confidence?: Confidence;
  /** Secret values the message must never contain; the engine scrubs them from every message. */
  readonly secrets?: readonly string[];
  /**
   * Set when this file alone cannot decide: the finding is held, and in phase 2 the rule's
   * `decide` answers with the project index whether it stands. Plain JSON (it crosses threads).
   */
  readonly pending?: PendingQuestion;
}

export type { DecideContext };

/**
 * A rule's answer for a held finding: drop it (`false`), keep it as reported (`true`), or keep it
 * with another message or severity (never a secret value: phase 2 has no file to scrub with).
 */
export type Decision =
  boolean | { readonly message?: string; readonly severity?: Severity; readonly confidence?: Confidence };

export interface RuleContext {
  readonly file: SourceFile;
  /**
   * Present for Python files: the tree (`python.doc.root`), its nodes by kind, imports, scopes and
   * the value evaluator, built once per file and shared by every rule. Walk these lists rather
   * than the tree.
   */
  readonly python: PythonIndex | undefined;
  /** Present for every non-Python file. */
  readonly config: ConfigDoc | undefined;
  /**
   * Present for Python files (with `python`): the per-file domain models rules share
   * (`ctx.models.flask.routes`, `ctx.models.flask.settings`, `ctx.models.jwt.calls`), each built
   * on first use, once per file.
   */
  readonly models: FileModels | undefined;
  /** Connection, command and TLS facts of the file, computed once and shared by every rule. */
  readonly facts: FileFacts;
  /** Settings from the configuration file that change what a rule reports; absent means the defaults. */
  readonly options?: RuleOptions;
  report(input: ReportInput): void;
}

export interface RuleOptions {
  /** `local-hosts-are-production: true`: no lowering for localhost, loopback addresses or sockets. */
  readonly localHostsAreProduction: boolean;
}

export interface Rule {
  readonly meta: RuleMeta;
  check(ctx: RuleContext): void;
  /** Phase 2: settles the findings `check` reported with a `pending` question. */
  decide?(question: PendingQuestion, ctx: DecideContext): Decision;
}
