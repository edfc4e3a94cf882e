import * as core from '@actions/core';
import { printable } from '../core/escape.js';
import type { ScanReport } from '../engine/result.js';
import { plural } from '../report/format.js';
import { renderText } from '../report/text.js';

/**
 * core.info writes its text as it is, unlike core.warning and core.error, which escape theirs as
 * command data. Notes quote file names, configuration keys, git and API answers: kept to one line
 * here with line breaks encoded as @actions/core encodes them (src/core/escape.ts), so none of
 * them can start a workflow command of its own.
 */
export function logInfo(message: string): void {
  core.info(printable(message));
}

/**
 * The text report in a collapsed group of the log, so a run without annotations (a
 * workflow_dispatch, a schedule) still shows what was found. renderText() already keeps every line
 * from starting a workflow command (src/core/escape.ts guardCommandLines); `::endgroup::` written
 * by the repository could not close the group early for the same reason.
 */
export function logTextReport(report: ScanReport): void {
  core.startGroup(`flask-crdb-gate report: grade ${report.grade.grade}, ${plural(report.findings.length, 'finding')}`);
  try {
    core.info(renderText(report, { color: false }).replace(/\n$/, ''));
  } finally {
    core.endGroup();
  }
}
