import * as core from '@actions/core';
import { printable } from '../core/escape.js';

/**
 * core.info writes its text as it is, unlike core.warning and core.error, which escape theirs as
 * command data. Notes quote file names, configuration keys, git and API answers: kept to one line
 * here with line breaks encoded as @actions/core encodes them (src/core/escape.ts), so none of
 * them can start a workflow command of its own.
 */
export function logInfo(message: string): void {
  core.info(printable(message));
}
