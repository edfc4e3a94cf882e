import * as core from '@actions/core';
import { SEVERITIES, isSeverity } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import { GRADES } from '../grade/types.js';
import type { Grade, Threshold } from '../grade/types.js';

/** reviewdog's filter modes (README, "Pull requests"); `none` turns annotations off. */
export const ANNOTATE_MODES = ['added', 'diff_context', 'file', 'nofilter', 'none'] as const;
export type AnnotateMode = (typeof ANNOTATE_MODES)[number];

/**
 * Defaults, the same as action.yml's: the runner fills those in, but a run without the runner
 * (the end-to-end test, `act`, a local `node dist/index.js`) sees empty inputs.
 */
export const DEFAULTS = {
  path: '.',
  failBelow: 'C' as Grade,
  annotate: 'added' as AnnotateMode,
  checkRun: true,
  checkName: 'flask-crdb-gate',
  sarifFile: 'flask-crdb-gate.sarif',
  allowEmpty: false,
} as const;

export interface ActionInputs {
  /** As given (relative to the workspace unless absolute). */
  readonly path: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  readonly threshold: Threshold;
  readonly annotate: AnnotateMode;
  /** Fail when a new finding at or above this severity sits on a changed line, whatever the grade. */
  readonly failOnNew: Severity | undefined;
  readonly checkRun: boolean;
  readonly checkName: string;
  /** As given (relative to the workspace unless absolute). */
  readonly sarifFile: string;
  readonly config: string | undefined;
  readonly baseline: string | undefined;
  /** Where to write a baseline of the current findings (relative to the workspace), if anywhere. */
  readonly writeBaseline: string | undefined;
  readonly token: string | undefined;
  /** Let a scan that analysed no file pass; otherwise it fails the step. */
  readonly allowEmpty: boolean;
  /** The SARIF run's category (automationDetails.id); undefined derives it from the scanned folder. */
  readonly sarifCategory: string | undefined;
}

/** Every invalid input at once, so a user fixes the workflow in one go. */
export class InputError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(
      problems.length === 1
        ? `Invalid input: ${problems[0]}`
        : `Invalid inputs:\n${problems.map((p) => `- ${p}`).join('\n')}`,
    );
    this.name = 'InputError';
  }
}

/**
 * Splits a list input on newlines and on commas outside braces, so `**\/*.{yml,yaml}` stays
 * one glob. Blank entries are dropped, and so are lines starting with `#` (comments, as in the
 * multi-line globs of @actions/glob), before any comma splits them.
 */
export function splitList(value: string): string[] {
  const items: string[] = [];
  for (const line of value.split(/\r\n|\r|\n/)) {
    if (line.trim().startsWith('#')) continue;
    let current = '';
    let depth = 0;
    for (const ch of line) {
      if (ch === '{') depth++;
      else if (ch === '}') depth = Math.max(0, depth - 1);
      if (ch === ',' && depth === 0) {
        items.push(current);
        current = '';
      } else {
        current += ch;
      }
    }
    items.push(current);
  }
  return items.map((s) => s.trim()).filter((s) => s !== '');
}

/**
 * The `include` and `exclude` inputs as the engine's two lists. A glob in `include` written with
 * a leading `!` leaves its files out (it joins the exclude globs), so one multi-line `include`
 * reads as users write `path:` for other actions: `app/**` then `!app/legacy/**`. Exclusion wins
 * wherever the `!` line stands. `exclude` takes no `!` glob: a file once excluded is never taken
 * back, and a silent no-op would let a gate believe it scans files it skips.
 */
export function globInputs(
  includeRaw: string,
  excludeRaw: string,
): { include: string[]; exclude: string[]; problems: string[] } {
  const include: string[] = [];
  const exclude: string[] = [];
  const problems: string[] = [];
  for (const glob of splitList(includeRaw)) {
    if (!glob.startsWith('!')) include.push(glob);
    else if (glob.slice(1).trim() === '') problems.push('include has a `!` with no glob after it.');
    else exclude.push(glob.slice(1).trim());
  }
  for (const glob of splitList(excludeRaw)) {
    if (glob.startsWith('!'))
      problems.push(
        `exclude cannot take files back (${JSON.stringify(glob)}): an excluded file stays excluded; ` +
          'narrow the exclude glob, or list what to scan in include with `!` lines for what to leave out.',
      );
    else exclude.push(glob);
  }
  return { include, exclude, problems };
}

/** Reads and validates every input; throws an InputError naming each bad one. */
export function readInputs(): ActionInputs {
  const problems: string[] = [];
  const optional = (name: string): string | undefined => core.getInput(name) || undefined;

  // Empty: the configuration file's fail-below, else DEFAULTS.failBelow (resolved with the config).
  const failBelowRaw = core.getInput('fail-below').toUpperCase();
  let failBelow: Grade | undefined;
  if (failBelowRaw === '') failBelow = undefined;
  else if ((GRADES as readonly string[]).includes(failBelowRaw)) failBelow = failBelowRaw as Grade;
  else
    problems.push(
      `fail-below must be one of ${GRADES.join(', ')} (F never fails on the grade); got "${failBelowRaw}".`,
    );

  const minScoreRaw = optional('min-score');
  let minScore: number | undefined;
  if (minScoreRaw !== undefined) {
    const n = /^\d+(\.\d+)?$/.test(minScoreRaw) ? Number(minScoreRaw) : NaN;
    if (n <= 100) minScore = n;
    else problems.push(`min-score must be a number from 0 to 100; got "${minScoreRaw}".`);
  }

  const severityRaw = optional('fail-on-severity')?.toLowerCase();
  let failOnSeverity: Severity | undefined;
  if (severityRaw !== undefined) {
    if (isSeverity(severityRaw)) failOnSeverity = severityRaw;
    else problems.push(`fail-on-severity must be one of ${SEVERITIES.join(', ')}; got "${severityRaw}".`);
  }

  const failOnNewRaw = optional('fail-on-new')?.toLowerCase();
  let failOnNew: Severity | undefined;
  if (failOnNewRaw !== undefined) {
    if (isSeverity(failOnNewRaw)) failOnNew = failOnNewRaw;
    else problems.push(`fail-on-new must be one of ${SEVERITIES.join(', ')}; got "${failOnNewRaw}".`);
  }

  const annotateRaw = core.getInput('annotate').toLowerCase() || DEFAULTS.annotate;
  let annotate: AnnotateMode = DEFAULTS.annotate;
  if ((ANNOTATE_MODES as readonly string[]).includes(annotateRaw)) annotate = annotateRaw as AnnotateMode;
  else problems.push(`annotate must be one of ${ANNOTATE_MODES.join(', ')}; got "${annotateRaw}".`);

  let checkRun: boolean = DEFAULTS.checkRun;
  if (core.getInput('check-run') !== '') {
    try {
      checkRun = core.getBooleanInput('check-run');
    } catch {
      problems.push(`check-run must be true or false; got "${core.getInput('check-run')}".`);
    }
  }

  let allowEmpty: boolean = DEFAULTS.allowEmpty;
  if (core.getInput('allow-empty') !== '') {
    try {
      allowEmpty = core.getBooleanInput('allow-empty');
    } catch {
      problems.push(`allow-empty must be true or false; got "${core.getInput('allow-empty')}".`);
    }
  }

  const sarifCategoryRaw = core.getInput('sarif-category', { trimWhitespace: false });
  let sarifCategory: string | undefined;
  if (sarifCategoryRaw.trim() !== '') {
    if (/[\r\n]/.test(sarifCategoryRaw.trim()))
      problems.push(`sarif-category must be one line; got ${JSON.stringify(sarifCategoryRaw)}.`);
    else sarifCategory = sarifCategoryRaw.trim();
  }

  const globs = globInputs(core.getInput('include'), core.getInput('exclude'));
  problems.push(...globs.problems);

  if (problems.length > 0) throw new InputError(problems);
  return {
    path: core.getInput('path') || DEFAULTS.path,
    include: globs.include,
    exclude: globs.exclude,
    threshold: { failBelow, minScore, failOnSeverity },
    annotate,
    failOnNew,
    checkRun,
    checkName: core.getInput('check-name') || DEFAULTS.checkName,
    sarifFile: core.getInput('sarif-file') || DEFAULTS.sarifFile,
    config: optional('config'),
    baseline: optional('baseline'),
    writeBaseline: optional('write-baseline'),
    token: optional('token'),
    allowEmpty,
    sarifCategory,
  };
}

/**
 * One line for each input set away from its default that this version does not act on yet,
 * so nobody believes a setting took effect when it did not. `token` is left out: the runner
 * always passes `github.token` by default, so a custom token cannot be told from it.
 */
export function inertInputNotes(_inputs: ActionInputs, _eventName?: string | undefined): string[] {
  // None today: configuration and baselines (issue 6) and pull-request integration all take effect.
  const notes: string[] = [];
  return notes;
}
