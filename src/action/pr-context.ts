/**
 * The change under review: the event, its changed lines, which findings lie on them under the
 * `annotate` mode, which of those are new, and the verdict with `fail-on-new`. Reporting it
 * (check run, annotations, summary) is pr-publish.ts's job.
 */
import * as core from '@actions/core';
import { realpathSync } from 'node:fs';
import path from 'node:path';
import { atLeast } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import { findChangedLines } from '../diff/changed-lines.js';
import { gitTopLevel } from '../diff/git.js';
import type { GitRunner } from '../diff/git.js';
import { place } from '../diff/filter.js';
import type { FilterMode } from '../diff/filter.js';
import type { ChangedLines } from '../diff/types.js';
import type { ScanReport } from '../engine/result.js';
import { createClient } from '../github/client.js';
import type { GitHubClient } from '../github/client.js';
import { describeEvent, readEventPayload } from '../github/event.js';
import type { EventInfo } from '../github/event.js';
import { plural } from '../report/format.js';
import type { AnnotateMode } from './inputs.js';
import { logInfo } from './log.js';

export interface ChangeInputs {
  readonly annotate: AnnotateMode;
  readonly failOnNew: Severity | undefined;
  readonly token: string | undefined;
}

export interface ChangeAnalysis {
  readonly event: EventInfo;
  readonly changed: ChangedLines | undefined;
  readonly mode: AnnotateMode;
  /** The findings to annotate under `annotate` (none for `none`), in report order. */
  readonly toAnnotate: readonly Finding[];
  /** Findings on changed lines (by the same filter) that the baseline does not know. */
  readonly newFindings: readonly Finding[];
  readonly isNew: (f: Finding) => boolean;
  /** The report with the verdict `fail-on-new` may have turned. */
  readonly report: ScanReport;
  /** Lines for the summary, in order. */
  readonly notes: readonly string[];
  /** Repository-relative path of a finding (check run annotations, the diff). */
  readonly repoPath: (f: { readonly path: string }) => string;
  /** Undefined without a token. */
  readonly client: GitHubClient | undefined;
}

export interface ChangeEnvironment {
  readonly eventName: string | undefined;
  readonly eventPath: string | undefined;
  readonly repository: string | undefined;
  readonly sha: string | undefined;
  readonly workspace: string;
  /** GITHUB_TOKEN from the environment, used when the `token` input is empty. */
  readonly fallbackToken?: string | undefined;
  readonly git?: GitRunner;
  /** For tests: a client instead of one built from the token. */
  readonly client?: GitHubClient;
}

export function environment(workspace: string): ChangeEnvironment {
  return {
    eventName: process.env['GITHUB_EVENT_NAME'],
    eventPath: process.env['GITHUB_EVENT_PATH'],
    repository: process.env['GITHUB_REPOSITORY'],
    sha: process.env['GITHUB_SHA'],
    workspace,
    fallbackToken: process.env['GITHUB_TOKEN'] || undefined,
  };
}

/** A finding the baseline knows (`state` is absent without a baseline: every finding is new). */
function isExisting(f: Finding): boolean {
  return f.state === 'existing';
}

const MODE_WORDS: Record<FilterMode, string> = {
  added: 'on added or modified lines',
  diff_context: 'in the diff hunks (context lines included)',
  file: 'in changed files',
  nofilter: 'anywhere (`annotate: nofilter`)',
};

const realpath = (p: string): string => {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
};

export async function analyzeChanges(
  report: ScanReport,
  inputs: ChangeInputs,
  env: ChangeEnvironment,
): Promise<ChangeAnalysis> {
  const notes: string[] = [];
  const event = describeEvent(env.eventName ?? '', await readEventPayload(env.eventPath), {
    repository: env.repository,
    sha: env.sha,
  });
  // The `token` input defaults to github.token; a run outside the runner may only have GITHUB_TOKEN.
  const token = inputs.token || env.fallbackToken;
  const client = env.client ?? (token ? createClient({ token, log: (m) => logInfo(m) }) : undefined);

  // Where findings sit in the repository: git's top level when there is one, else the workspace.
  const top = await gitTopLevel(env.workspace, env.git);
  const base = top.ok ? realpath(top.value) : realpath(env.workspace);
  const realRoot = realpath(report.root);
  const repoPath = (f: { readonly path: string }): string =>
    path.relative(base, path.resolve(realRoot, f.path)).split(path.sep).join('/');

  // `none` shows nothing but still counts new findings the default way.
  const filter: FilterMode = inputs.annotate === 'none' ? 'added' : inputs.annotate;
  let changed: ChangedLines | undefined;
  if (filter !== 'nofilter') {
    changed = await findChangedLines(event, { cwd: env.workspace, client, git: env.git }).catch(
      (err: unknown): ChangedLines => ({
        ok: false,
        failed: true,
        attempts: [`Finding the changed lines failed: ${err instanceof Error ? err.message : String(err)}.`],
      }),
    );
    if (changed.ok) {
      const c = changed.changes;
      notes.push(`Changed lines: from ${c.description}, ${plural(c.files.size, 'changed file')}.`);
      // Why the local diff was not used (a shallow checkout, usually).
      if (changed.attempts.length > 0) notes.push(changed.attempts.join(' '));
      notes.push(...c.caveats);
      logInfo(`Changed lines: from ${c.description}.`);
    } else {
      const why = changed.attempts.join(' ');
      const consequence =
        inputs.annotate === 'none'
          ? 'No finding counts as new.'
          : `Nothing is annotated in \`${inputs.annotate}\` mode and no finding counts as new` +
            (changed.failed ? '' : '; `annotate: nofilter` annotates every finding') +
            '.';
      notes.push(`${changed.failed ? '⚠️ The changed lines are unknown' : 'No changed lines'}: ${why} ${consequence}`);
      // A warning where it changes what is shown; with `annotate: none` only the count depends on it.
      if (changed.failed && inputs.annotate !== 'none')
        core.warning(`The changed lines are unknown: ${why} ${consequence}`);
      else logInfo(`${changed.failed ? 'The changed lines are unknown' : 'No changed lines'}: ${why} ${consequence}`);
    }
  }

  const changes = changed?.ok ? changed.changes : undefined;
  const placements = new Map<Finding, ReturnType<typeof place>>();
  for (const f of report.findings) {
    placements.set(f, place({ repoPath: repoPath(f), line: f.line, endLine: f.endLine }, filter, changes));
  }
  const onChanged = report.findings.filter((f) => placements.get(f) === 'in');
  const unknown = report.findings.filter((f) => placements.get(f) === 'unknown');
  if (changes && unknown.length > 0) {
    const files = new Set(unknown.map(repoPath)).size;
    notes.push(
      `${plural(unknown.length, 'finding')} in ${plural(files, 'file')} whose changed lines are unknown ` +
        'could not be placed: not annotated and not counted as new.',
    );
  }

  const newFindings = onChanged.filter((f) => !isExisting(f));
  const newSet = new Set(newFindings);
  const isNew = (f: Finding): boolean => newSet.has(f);
  const toAnnotate = inputs.annotate === 'none' ? [] : onChanged;
  if (changes || filter === 'nofilter')
    notes.push(
      `New findings: ${newFindings.length} (${MODE_WORDS[filter]}, not in the baseline)` +
        (inputs.annotate === 'none' ? '; `annotate: none` shows no annotations.' : '.'),
    );

  let verdict = report.verdict;
  if (inputs.failOnNew) {
    const floor = inputs.failOnNew;
    const failing = newFindings.filter((f) => atLeast(f.severity, floor));
    if (failing.length > 0) {
      verdict = {
        passed: false,
        reasons: [
          ...verdict.reasons,
          `${plural(failing.length, 'new finding')} at or above ${floor} severity ${MODE_WORDS[filter]}`,
        ],
      };
    } else if (!changes && filter !== 'nofilter') {
      const msg = `fail-on-new: ${floor} could not be checked: the changed lines are unknown.`;
      notes.push(`⚠️ ${msg}`);
      core.warning(msg);
    }
  }

  return {
    event,
    changed,
    mode: inputs.annotate,
    toAnnotate,
    newFindings,
    isNew,
    report: verdict === report.verdict ? report : { ...report, verdict },
    notes,
    repoPath,
    client,
  };
}
