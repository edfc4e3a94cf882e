import { pipeSafeWriter } from './cli/closed-pipe.js';
import { runCli } from './cli/run.js';
import { tuneJitForBatch } from './engine/jit.js';

tuneJitForBatch();

process.exitCode = await runCli(process.argv.slice(2), {
  stdout: pipeSafeWriter(process.stdout),
  stderr: pipeSafeWriter(process.stderr),
  isTTY: process.stdout.isTTY === true,
  stderrIsTTY: process.stderr.isTTY === true,
  ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
  env: process.env,
});
