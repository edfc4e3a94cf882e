/**
 * Shows the findings on the change under review: a named check run on the head commit with every
 * annotation (50 per request), or, when there is no check run (turned off, no token, a read-only
 * token on a fork), workflow-command annotations within GitHub's per-step limits. Returns the lines
 * the job summary adds about it. Nothing here can change the verdict.
 */
import * as core from '@actions/core';
import { severityRank } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';
import { short } from '../diff/git.js';
import { publishCheckRun } from '../github/check-run.js';
import type { AnnotationLevel, CheckAnnotation, CheckRunResult } from '../github/check-run.js';
import type { ToolInfo } from '../report/docs-location.js';
import { formatNumber, plural, ruleDocsUrl } from '../report/format.js';
import { annotate } from './annotations.js';
import type { ChangeAnalysis } from './pr-context.js';
import { logInfo } from './log.js';

export interface PublishOptions {
  readonly checkRun: boolean;
  readonly checkName: string;
  /** Absolute path of the scanned directory and of the checkout (workflow-command paths). */
  readonly root: string;
  readonly workspace: string;
  /** The summary for the check run's text, given the notes so far (at most 65,535 characters). */
  readonly checkSummary: (notes: readonly string[]) => string;
  /** The workflow run's page, for the check run's details link. */
  readonly detailsUrl?: string | undefined;
}

const LEVEL: Record<Severity, AnnotationLevel> = {
  critical: 'failure',
  high: 'failure',
  medium: 'warning',
  low: 'notice',
};

export function checkAnnotation(f: Finding, repoPath: string, tool: ToolInfo): CheckAnnotation {
  const cwe = f.cwe.map((n) => `CWE-${n}`).join(', ');
  return {
    path: repoPath,
    start_line: f.line,
    end_line: f.endLine,
    // Columns only on a single-line annotation (the API rejects them otherwise).
    ...(f.line === f.endLine ? { start_column: f.column, end_column: Math.max(f.column, f.endColumn) } : {}),
    annotation_level: LEVEL[f.severity],
    message: f.message,
    title: `${f.ruleId} ${f.name}`,
    raw_details: `Severity: ${f.severity}, confidence: ${f.confidence}${cwe ? `. ${cwe}` : ''}. ${ruleDocsUrl(tool, f.name)}`,
  };
}

function checkTitle(analysis: ChangeAnalysis): string {
  const { grade, verdict } = analysis.report;
  const fresh = analysis.newFindings.length;
  return (
    `Grade ${grade.grade} (score ${formatNumber(grade.score)}/100), ${verdict.passed ? 'passed' : 'failed'}` +
    (fresh > 0 ? `: ${plural(fresh, 'new finding')}` : '')
  );
}

/** Emits the annotations and the check run; returns the summary's lines about them. */
export async function publishFindings(analysis: ChangeAnalysis, options: PublishOptions): Promise<string[]> {
  const notes: string[] = [];
  const { event, client, report } = analysis;
  const ordered = [...analysis.toAnnotate].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const annotationWords =
    analysis.mode === 'none' ? 'no annotations (`annotate: none`)' : plural(ordered.length, 'annotation');

  let result: CheckRunResult | undefined;
  let why: string | undefined;
  if (!options.checkRun) why = '`check-run: false`';
  else if (!client) why = 'no token';
  else if (!event.owner || !event.repo) why = 'GITHUB_REPOSITORY is not set';
  else if (!event.headSha) why = 'the event names no commit';

  if (why === undefined && client && event.owner && event.repo && event.headSha) {
    result = await publishCheckRun(client, {
      owner: event.owner,
      repo: event.repo,
      name: options.checkName,
      headSha: event.headSha,
      conclusion: report.verdict.passed ? 'success' : 'failure',
      title: checkTitle(analysis),
      summary: options.checkSummary(analysis.notes),
      annotations: ordered.map((f) => checkAnnotation(f, analysis.repoPath(f), report.tool)),
      detailsUrl: options.detailsUrl,
    }).catch((err: unknown): CheckRunResult => ({
      kind: 'failed',
      message: err instanceof Error ? err.message : String(err),
    }));
  }

  const target = event.headSha ? short(event.headSha) : 'the commit';
  let elsewhere: string | undefined;
  if (result?.kind === 'created') {
    const left =
      result.omitted > 0
        ? ` (the ${plural(result.omitted, 'least severe finding')} left out; the SARIF file lists them)`
        : '';
    notes.push(`Check run “${options.checkName}” on ${target}: ${annotationWords}${left}.`);
    logInfo(
      `Check run "${options.checkName}" created on ${target} with ${plural(result.annotated, 'annotation')}` +
        ` in ${plural(result.requests, 'request')}${result.url ? `: ${result.url}` : ''}.`,
    );
    return notes;
  }
  const fallback = analysis.mode === 'none' ? '' : ' The findings are shown as workflow annotations instead.';
  if (result?.kind === 'forbidden') {
    const msg = event.fromFork
      ? `No check run: this pull request comes from a fork, and its token is read-only (${result.message}).${fallback}`
      : `No check run: the token may not create check runs (${result.message}); grant it \`checks: write\` ` +
        `(pull requests from forks and Dependabot always get a read-only token).${fallback}`;
    notes.push(msg);
    logInfo(msg);
  } else if (result?.kind === 'failed') {
    const partial = result.partial
      ? ` The check run holds the first ${plural(result.partial.annotated, 'annotation')}.`
      : '';
    const msg = `Check run “${options.checkName}”: ${result.message}.${partial}${fallback}`;
    notes.push(msg);
    core.warning(msg);
    if (result.partial) elsewhere = `the check run “${options.checkName}”, the job summary and the SARIF file`;
  } else if (options.checkRun && why) {
    notes.push(`No check run: ${why}.${fallback}`);
    logInfo(`No check run: ${why}.`);
  }

  if (analysis.mode !== 'none') {
    const shown = annotate(ordered, { root: options.root, workspace: options.workspace, elsewhere });
    notes.push(
      `Workflow annotations: ${plural(shown, 'finding')} of ${ordered.length} to annotate` +
        (shown < ordered.length
          ? ' (GitHub shows 10 per level per step; the rest are in this summary and the SARIF file).'
          : '.'),
    );
  }
  return notes;
}
