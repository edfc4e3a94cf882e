import type { Severity } from '../core/severity.js';
import type { RoleGlobs } from '../engine/options.js';
import type { Grade } from '../grade/types.js';

/** What the threshold judges: every finding (default), or only those not in the baseline. */
export const GATE_ON = ['all', 'new'] as const;
export type GateOn = (typeof GATE_ON)[number];

/** A rule's configured severity, or `off` (the rule does not run). */
export type RuleSetting = Severity | 'off';

/** The validated configuration file: every key optional; unset parts are undefined or empty. */
export interface GateConfig {
  /** How messages name the file (relative to the working directory when inside it). */
  readonly file: string;
  /** Globs relative to the scanned directory; undefined when the file sets none. */
  readonly include: readonly string[] | undefined;
  readonly exclude: readonly string[] | undefined;
  /** By rule id (names in the file are resolved to ids). */
  readonly rules: Readonly<Record<string, RuleSetting>>;
  readonly threshold: {
    readonly failBelow: Grade | undefined;
    readonly minScore: number | undefined;
    readonly failOnSeverity: Severity | undefined;
    readonly gateOn: GateOn | undefined;
  };
  readonly paths: RoleGlobs;
  readonly localHostsAreProduction: boolean;
  /** Rule selectors (src/config/select.ts): the rules to run, and those not to; undefined when unset. */
  readonly select?: readonly string[] | undefined;
  readonly ignore?: readonly string[] | undefined;
  /** Findings below this severity are not reported (nor graded). */
  readonly minSeverity?: Severity | undefined;
  /** Absolute path (the file gives it relative to its own directory), and as written. */
  readonly baseline: { readonly path: string; readonly shown: string } | undefined;
}

/** One problem in a configuration file, with its 1-based line when known. */
export interface ConfigProblem {
  readonly file: string;
  readonly line: number | undefined;
  readonly message: string;
}

/** Every problem of a configuration file at once, each as `file:line: message`. */
export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(readonly problems: readonly ConfigProblem[]) {
    const lines = problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
    super(
      lines.length === 1
        ? `invalid configuration: ${lines[0]}`
        : `invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`,
    );
  }
}
