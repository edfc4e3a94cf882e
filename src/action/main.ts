import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { EmptyScanError, emptyScanMessage } from '../engine/empty.js';
import { scan, type ScanOptions } from '../engine/scan.js';
import type { ScanReport } from '../engine/result.js';
import { actionTool } from '../report/docs-location.js';
import { SEVERITIES_DESC, formatNumber, plural } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { encodeUrlPath, renderMarkdown, type LocationLink } from '../report/markdown.js';
import { renderSarifReport } from '../report/sarif.js';
import { sarifCapNote } from '../report/sarif-limits.js';
import { frontDoorOptions, writeBaselineFile } from '../config/front-door.js';
import { DEFAULTS, inertInputNotes, readInputs } from './inputs.js';
import { analyzeChanges, environment, type ChangeAnalysis } from './pr-context.js';
import { publishFindings } from './pr-publish.js';
import { logInfo, logTextReport } from './log.js';

/** GitHub rejects a step summary over 1 MiB; leave room for other writers of the same step. */
const SUMMARY_MAX_BYTES = 1_000_000;
/** A check run's summary holds at most 65,535 characters (bytes bound characters). */
const CHECK_SUMMARY_MAX_BYTES = 65_535;

/**
 * The action: inputs in, engine, GitHub reporters out, verdict. Never rejects: every failure
 * ends in core.setFailed, so the runner sees a message and exit code 1, not a stack trace.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    for (const note of inertInputNotes(inputs, process.env['GITHUB_EVENT_NAME'])) logInfo(note);

    const workspace = path.resolve(process.env['GITHUB_WORKSPACE'] || process.cwd());
    const root = path.resolve(workspace, inputs.path);

    // The configuration file, merged with the inputs (inputs win part by part), and the baseline.
    const { options, notes: configNotes } = await frontDoorOptions({
      root,
      config: inputs.config,
      request: {
        ...inputs.threshold,
        include: inputs.include,
        exclude: inputs.exclude,
        gateOn: undefined,
        baseline: inputs.baseline,
        cwd: workspace,
        // The checkout is the pull request's: a file the inputs name inside it must not link out.
        confine: workspace,
      },
      defaultFailBelow: DEFAULTS.failBelow,
      applyBaseline: true,
    });
    for (const note of configNotes) logInfo(note);
    // Rule links open the docs of the action's own repository and ref, as the runner names them.
    const engineReport = await scanOrExplain(options, inputs.path, inputs.allowEmpty);
    const scanned: ScanReport = { ...engineReport, tool: actionTool(engineReport.tool, process.env) };
    if (inputs.writeBaseline) {
      const file = path.resolve(workspace, inputs.writeBaseline);
      const n = await writeBaselineFile(scanned, file, new Date());
      core.info(`Baseline of ${plural(n, 'finding')} written to ${inputs.writeBaseline}.`);
    }
    // Changed lines, new findings and fail-on-new (src/action/pr-context.ts).
    const changes = await analyzeChanges(scanned, inputs, environment(workspace));
    const report = changes.report;

    const sarifPath = path.resolve(workspace, inputs.sarifFile);
    const jsonPath = path.join(process.env['RUNNER_TEMP'] || path.dirname(sarifPath), 'flask-crdb-gate.json');
    const sarif = renderSarifReport(
      report,
      inputs.sarifCategory === undefined ? {} : { category: inputs.sarifCategory },
    );
    if (sarif.kept < sarif.total) core.warning(sarifCapNote(sarif.kept, sarif.total));
    await writeText(sarifPath, sarif.text);
    await writeText(jsonPath, renderJson(report));

    const count = String(report.findings.length);
    core.setOutput('grade', report.grade.grade);
    core.setOutput('score', String(report.grade.score));
    core.setOutput('passed', String(report.verdict.passed));
    core.setOutput('findings-count', count);
    core.setOutput('new-findings-count', String(changes.newFindings.length));
    core.setOutput('sarif-file', sarifPath);
    core.setOutput('report-json', jsonPath);

    core.info(headline(report));
    logTextReport(report);
    const isNew = changes.isNew;
    const link = blobLink(changes);
    const published = await publishFindings(changes, {
      checkRun: inputs.checkRun,
      checkName: inputs.checkName,
      root,
      workspace,
      checkSummary: (notes) => renderMarkdown(report, { maxBytes: CHECK_SUMMARY_MAX_BYTES, isNew, notes, link }),
      detailsUrl: runUrl(),
    });
    if (process.env['GITHUB_STEP_SUMMARY']) {
      const notes = [...changes.notes, ...published];
      await core.summary.addRaw(renderMarkdown(report, { maxBytes: SUMMARY_MAX_BYTES, isNew, notes, link })).write();
    } else {
      core.info('GITHUB_STEP_SUMMARY is not set (not running on GitHub Actions?): no job summary written.');
    }

    if (!report.verdict.passed)
      core.setFailed(`flask-crdb-gate failed: ${report.verdict.reasons.join('; ') || 'the threshold was not met'}.`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
}

/**
 * The engine; a scan that analysed no file fails the step with a message naming `path` and the
 * globs, unless `allow-empty` is set, and then a warning says so: a pass is never silent.
 */
async function scanOrExplain(options: ScanOptions, shownPath: string, allowEmpty: boolean): Promise<ScanReport> {
  try {
    const report = await scan(allowEmpty ? { ...options, allowEmpty: true } : options);
    if (report.filesScanned === 0) core.warning(`No file was scanned in ${shownPath} (allowed by allow-empty).`);
    return report;
  } catch (err) {
    if (!(err instanceof EmptyScanError)) throw err;
    throw new Error(
      emptyScanMessage(
        err.detail,
        shownPath,
        'check the `path`, `include` and `exclude` inputs, or set `allow-empty: true`',
      ),
      { cause: err },
    );
  }
}

/**
 * Links a finding to its file and line at the scanned commit (`blob/<sha>/<path>#L<n>`), with the
 * repository-relative path annotations use; undefined when the event names no repository or commit.
 */
function blobLink(changes: ChangeAnalysis): LocationLink | undefined {
  const { owner, repo, headSha } = changes.event;
  if (!owner || !repo || !headSha) return undefined;
  const server = (process.env['GITHUB_SERVER_URL'] || 'https://github.com').replace(/\/+$/, '');
  const base = `${server}/${encodeURIComponent(owner)}/${encodeURIComponent(repo)}/blob/${encodeURIComponent(headSha)}/`;
  return (loc) => {
    const file = changes.repoPath(loc);
    return `${base}${encodeUrlPath(file)}#L${loc.line}`;
  };
}

/** The workflow run's page, when the runner says which. */
function runUrl(): string | undefined {
  const { GITHUB_SERVER_URL: server, GITHUB_REPOSITORY: repo, GITHUB_RUN_ID: id } = process.env;
  return server && repo && id ? `${server.replace(/\/+$/, '')}/${repo}/actions/runs/${id}` : undefined;
}

async function writeText(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  await writeFile(file, text, 'utf8');
}

/**
 * One log line in our own words: nothing from the scanned repository starts a log line, where a
 * leading `::` would be read as a workflow command.
 */
function headline(r: ScanReport): string {
  const counts = SEVERITIES_DESC.map((s) => `${r.counts[s]} ${s}`).join(', ');
  return (
    `Grade ${r.grade.grade} (score ${formatNumber(r.grade.score)}), ${r.verdict.passed ? 'passed' : 'failed'}: ` +
    `${plural(r.findings.length, 'finding')} (${counts}) in ${plural(r.filesScanned, 'file')}, ${Math.round(r.durationMs)} ms.`
  );
}
