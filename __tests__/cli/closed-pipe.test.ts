/**
 * `scan … | head -c 10`: the reader closes the pipe while the CLI still writes. The bundled CLI
 * must end quietly (no 'error' event crash, no stack trace) with the verdict's exit code.
 */
import { describe, expect, test } from '@jest/globals';
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { BUNDLE_DIR, HOST_NODE, REPO } from '../helpers/run-action.js';

const CLI = path.join(BUNDLE_DIR, 'cli.js');
const EXAMPLE = path.join(REPO, 'examples', 'vulnerable-app');

/** Runs the CLI and destroys its stdout pipe as soon as the first bytes arrive (like `head -c 10`). */
function runAndCloseEarly(args: string[]): Promise<{ code: number | null; stderr: string; first: string }> {
  if (!existsSync(CLI)) throw new Error(`${CLI} is missing: run \`npm run bundle\` first`);
  return new Promise((resolve, reject) => {
    const child = spawn(HOST_NODE, [CLI, ...args], { cwd: REPO, stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    let first = '';
    child.stderr.setEncoding('utf8').on('data', (s: string) => (stderr += s));
    child.stdout.once('data', (chunk: Buffer) => {
      first = chunk.subarray(0, 10).toString('utf8');
      child.stdout.destroy();
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stderr, first }));
  });
}

describe('a closed stdout ends the run quietly', () => {
  // SARIF of the example is far larger than a pipe's buffer, so writing it must hit the closed pipe.
  test('--exit-zero: exit 0, nothing on stderr', async () => {
    const run = await runAndCloseEarly(['scan', EXAMPLE, '--format', 'sarif', '--exit-zero']);
    expect(run.first).toBe('{\n  "$sche');
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
  });

  test("without --exit-zero: the verdict's exit code (1, the example fails), nothing on stderr", async () => {
    const run = await runAndCloseEarly(['scan', EXAMPLE, '--format', 'sarif']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
  });
});
