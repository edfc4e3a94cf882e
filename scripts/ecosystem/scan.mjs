// Runs the bundled CLI on one snapshot, timed, and runs several such scans at a time.
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';

/**
 * Scans `dir` with `cli` (a bundle's cli.js) and returns its JSON report and the wall time.
 * The scan root is the snapshot itself, so paths are repository-relative as the ledger keys them.
 * @returns {Promise<{ report: any, seconds: number }>}
 */
export function runScan(cli, dir) {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [cli, 'scan', dir, '--format', 'json', '--exit-zero'], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const out = [];
    const err = [];
    child.stdout.on('data', (chunk) => out.push(chunk));
    child.stderr.on('data', (chunk) => err.push(chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      const stderr = Buffer.concat(err).toString('utf8').trim();
      if (code !== 0) {
        reject(new Error(`${cli} exited ${code}${stderr ? `: ${stderr}` : ''}`));
        return;
      }
      try {
        resolve({ report: JSON.parse(Buffer.concat(out).toString('utf8')), seconds });
      } catch (error) {
        reject(new Error(`${cli} printed no JSON report (${error.message})`));
      }
    });
  });
}

/** Maps `items` through `task` with at most `jobs` running at once, keeping the input order. */
export async function mapLimited(items, jobs, task) {
  const results = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const index = next++;
      results[index] = await task(items[index], index);
    }
  };
  await Promise.all(Array.from({ length: Math.min(jobs, items.length) }, worker));
  return results;
}
