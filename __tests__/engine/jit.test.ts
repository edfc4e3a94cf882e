import { describe, expect, it } from '@jest/globals';
import { spawnSync } from 'node:child_process';
import { batchJitFlags } from '../../src/engine/jit.js';

// The front doors set V8 flags for a short batch (src/engine/jit.ts). A V8 that renamed a flag
// would print "unrecognized flag" on every run and tune nothing, so the flags chosen for the Node
// running the tests are checked against that Node's own list.
const v8Options = spawnSync(process.execPath, ['--v8-options'], { encoding: 'utf8' }).stdout;

/** The default V8 declares for an integer flag, from `node --v8-options`. */
function declaredDefault(name: string): number {
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

  it("chooses flags this Node's V8 knows, inlining less and optimising later than its defaults", () => {
    const flags = batchJitFlags(process.versions.v8);
    expect(flags.length).toBeGreaterThan(0);
    for (const flag of flags) {
      const [name, value] = flag.split('=') as [string, string];
      const fallback = declaredDefault(name);
      if (name === '--max-inlined-bytecode-size-cumulative') expect(Number(value)).toBeLessThan(fallback);
      else expect(Number(value)).toBe(fallback * 8);
    }
  });

  it('sets them without a word on stderr', () => {
    const flags = JSON.stringify(batchJitFlags(process.versions.v8));
    const run = spawnSync(
      process.execPath,
      ['-e', `for (const f of ${flags}) require('node:v8').setFlagsFromString(f); console.log('ok')`],
      { encoding: 'utf8' },
    );
    expect(run.stderr).toBe('');
    expect(run.stdout.trim()).toBe('ok');
  });
});
