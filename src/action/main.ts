import * as core from '@actions/core';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { scan } from '../engine/scan.js';
import type { ScanReport } from '../engine/result.js';
import { SEVERITIES_DESC, formatNumber, plural } from '../report/format.js';
import { renderJson } from '../report/json.js';
import { renderMarkdown } from '../report/markdown.js';
import { renderSarif } from '../report/sarif.js';
import { annotate } from './annotations.js';
import { inertInputNotes, readInputs } from './inputs.js';

/** GitHub rejects a step summary over 1 MiB; leave room for other writers of the same step. */
const SUMMARY_MAX_BYTES = 1_000_000;

/**
 * The action: inputs in, engine, GitHub reporters out, verdict. Never rejects: every failure
 * ends in core.setFailed, so the runner sees a message and exit code 1, not a stack trace.
 */
export async function run(): Promise<void> {
  try {
    const inputs = readInputs();
    for (const note of inertInputNotes(inputs, process.env['GITHUB_EVENT_NAME'])) core.info(note);

    const workspace = path.resolve(process.env['GITHUB_WORKSPACE'] || process.cwd());
    const root = path.resolve(workspace, inputs.path);

    const report = await scan({ root, include: inputs.include, exclude: inputs.exclude, threshold: inputs.threshold });

    const sarifPath = path.resolve(workspace, inputs.sarifFile);
    const jsonPath = path.join(process.env['RUNNER_TEMP'] || path.dirname(sarifPath), 'flask-crdb-gate.json');
    await writeText(sarifPath, renderSarif(report));
    await writeText(jsonPath, renderJson(report));

    const count = String(report.findings.length);
    core.setOutput('grade', report.grade.grade);
    core.setOutput('score', String(report.grade.score));
    core.setOutput('passed', String(report.verdict.passed));
    core.setOutput('findings-count', count);
    // Every finding is new until baselines exist.
    core.setOutput('new-findings-count', count);
    core.setOutput('sarif-file', sarifPath);
    core.setOutput('report-json', jsonPath);

    core.info(headline(report));
    if (inputs.annotate !== 'none') annotate(report.findings, { root, workspace });
    if (process.env['GITHUB_STEP_SUMMARY']) {
      await core.summary.addRaw(renderMarkdown(report, { maxBytes: SUMMARY_MAX_BYTES })).write();
    } else {
      core.info('GITHUB_STEP_SUMMARY is not set (not running on GitHub Actions?): no job summary written.');
    }

    if (!report.verdict.passed)
      core.setFailed(`flask-crdb-gate failed: ${report.verdict.reasons.join('; ') || 'the threshold was not met'}.`);
  } catch (err) {
    core.setFailed(err instanceof Error ? err.message : String(err));
  }
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
