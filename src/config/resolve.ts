import path from 'node:path';
import type { Severity } from '../core/severity.js';
import { DEFAULT_ANALYSIS, type AnalysisOptions } from '../engine/options.js';
import type { Grade, Threshold } from '../grade/types.js';
import { deselectedRules, type SelectableRule } from './select.js';
import type { GateConfig, GateOn, RuleSetting } from './types.js';

/** What the command line or the action's inputs asked for; undefined parts were not given. */
export interface FrontDoorRequest {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly failBelow: Grade | undefined;
  readonly minScore: number | undefined;
  readonly failOnSeverity: Severity | undefined;
  readonly gateOn: GateOn | undefined;
  /** A baseline file, as given; resolved against `cwd`. */
  readonly baseline: string | undefined;
  /** Resolves `baseline`. */
  readonly cwd: string;
  /**
   * A directory that a configuration or baseline file named here must stay inside, once links
   * are resolved, when its path leads into it: the action's workspace, which a pull request
   * controls. Unset on the command line, where a named file is the user's choice.
   */
  readonly confine?: string | undefined;
  /** `--select`: replaces the file's `select` and `ignore` (a new selection, as in Ruff). */
  readonly select?: readonly string[] | undefined;
  /** `--ignore`: adds to the `ignore` in force. */
  readonly ignore?: readonly string[] | undefined;
  /** `--min-severity`: replaces the file's `min-severity`. */
  readonly minSeverity?: Severity | undefined;
}

/** The scan options a request and a configuration file come to. */
export interface Resolved {
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly threshold: Threshold;
  readonly gateOn: GateOn;
  readonly analysis: AnalysisOptions | undefined;
  readonly baseline: { readonly path: string; readonly shown: string } | undefined;
  readonly minSeverity?: Severity | undefined;
}

/**
 * Flags and inputs override the file part by part (a `--min-score` leaves the file's `fail-below`
 * in force); `failBelow` falls back to `defaultFailBelow` when neither sets it. Include globs given
 * on the command line replace the file's; exclude globs add to them.
 */
export function resolveRequest(
  request: FrontDoorRequest,
  config: GateConfig | undefined,
  defaultFailBelow: Grade,
  rules: readonly SelectableRule[] = [],
): Resolved {
  const t = config?.threshold;
  const fresh = request.select !== undefined && request.select.length > 0;
  const select = fresh ? request.select : config?.select;
  const ignore = [...(fresh ? [] : (config?.ignore ?? [])), ...(request.ignore ?? [])];
  const off = select !== undefined || ignore.length > 0 ? deselectedRules(rules, select, ignore) : [];
  const settings: Record<string, RuleSetting> = { ...config?.rules };
  for (const id of off) settings[id] = 'off';
  const minSeverity = request.minSeverity ?? config?.minSeverity;
  const baseline =
    request.baseline !== undefined
      ? { path: path.resolve(request.cwd, request.baseline), shown: request.baseline }
      : config?.baseline;
  return {
    include: request.include.length > 0 ? request.include : (config?.include ?? []),
    exclude: [...(config?.exclude ?? []), ...request.exclude],
    threshold: {
      failBelow: request.failBelow ?? t?.failBelow ?? defaultFailBelow,
      minScore: request.minScore ?? t?.minScore,
      failOnSeverity: request.failOnSeverity ?? t?.failOnSeverity,
    },
    gateOn: request.gateOn ?? t?.gateOn ?? 'all',
    analysis: config
      ? { rules: settings, roles: config.paths, localHostsAreProduction: config.localHostsAreProduction }
      : off.length > 0
        ? { ...DEFAULT_ANALYSIS, rules: settings }
        : undefined,
    baseline,
    ...(minSeverity !== undefined ? { minSeverity } : {}),
  };
}
