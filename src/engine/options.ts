import picomatch from 'picomatch';
import { lowerSeverity, SEVERITIES, severityRank, type Severity } from '../core/severity.js';
import type { FileRole } from '../core/types.js';
import { fileRole } from '../discover/roles.js';
import type { ProjectSeen } from '../project/summarizer.js';

/** Extra paths (globs, relative to the scanned directory) whose files have a given role. */
export interface RoleGlobs {
  readonly tests: readonly string[];
  readonly development: readonly string[];
  readonly production: readonly string[];
}

/**
 * What the configuration changes in the analysis of one file. Plain data: the pool sends it to
 * the worker threads with every batch.
 */
export interface AnalysisOptions {
  /** Per rule id: a severity for its findings, or `off` (the rule does not run). */
  readonly rules: Readonly<Record<string, Severity | 'off'>>;
  readonly roles: RoleGlobs;
  /** Localhost, loopback addresses and sockets are judged like any other host. */
  readonly localHostsAreProduction: boolean;
  /** Milliseconds the analysis of one file may take before it is stopped; default FILE_BUDGET_MS. */
  readonly fileBudgetMs?: number;
  /** Measure where each file's time goes (`--timing`); the outcome then carries its Timings. */
  readonly timing?: boolean;
  /** Set by the engine per batch: what earlier modules showed (src/project/summarizer.ts). */
  readonly seen?: ProjectSeen;
}

export const DEFAULT_ANALYSIS: AnalysisOptions = {
  rules: {},
  roles: { tests: [], development: [], production: [] },
  localHostsAreProduction: false,
};

export function isRuleOff(options: AnalysisOptions, ruleId: string): boolean {
  return options.rules[ruleId] === 'off';
}

/**
 * A finding's severity under a configured rule severity. A finding the rule reported below (or
 * above) its default, for its context (a local host, a development config class), keeps that
 * distance from the configured severity, so the message's "lowered" note stays true.
 */
export function configuredSeverity(
  options: AnalysisOptions,
  ruleId: string,
  ruleDefault: Severity,
  reported: Severity,
): Severity {
  const set = options.rules[ruleId];
  if (set === undefined || set === 'off') return reported;
  const shift = severityRank(reported) - severityRank(ruleDefault);
  if (shift <= 0) return lowerSeverity(set, -shift);
  return SEVERITIES[Math.min(SEVERITIES.length - 1, severityRank(set) + shift)] as Severity;
}

type Matcher = (path: string) => boolean;
// Compiled globs by pattern: the same answer for every file and scan, bounded by the patterns of
// the configuration, so global.
const matchers = new Map<string, Matcher>();

function matcher(globs: readonly string[]): Matcher {
  const key = JSON.stringify(globs);
  let m = matchers.get(key);
  if (!m) {
    m = picomatch(globs.map(normaliseGlob), { dot: true });
    matchers.set(key, m);
  }
  return m;
}

/** `./tests/` → `tests`. */
function normaliseGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  while (g.endsWith('/')) g = g.slice(0, -1);
  return g;
}

/** The path or one of its directories matches: `qa`, `qa/**` and `**\/fixtures` all take in `qa/fixtures/x.py`. */
function matches(globs: readonly string[], path: string): boolean {
  if (globs.length === 0) return false;
  const m = matcher(globs);
  if (m(path)) return true;
  for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) if (m(path.slice(0, i))) return true;
  return false;
}

/**
 * The role of a file: the configured globs first (tests, then development, then production), else
 * the path conventions of fileRole(). Templates stay templates: they are documentation.
 */
export function roleOf(path: string, roles: RoleGlobs): FileRole {
  const conventional = fileRole(path);
  if (conventional === 'template') return conventional;
  if (matches(roles.tests, path)) return 'test';
  if (matches(roles.development, path)) return 'development';
  if (matches(roles.production, path)) return 'production';
  return conventional;
}
