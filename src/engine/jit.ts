import { setFlagsFromString } from 'node:v8';

/**
 * V8 flags that suit a scan: a batch of a few seconds in a fresh process, and again in every
 * worker thread. V8's defaults suit a long-running server, which compiles its hot functions once,
 * with large inlined graphs, and runs them for hours. A scan pays that compiling in each thread
 * and keeps the result for seconds.
 *
 * Measured on Django (859 files) on Node 20, counted with valgrind in one thread: TurboFan's
 * compiling was 22% of all instructions by default (5.3 of 23.8 billion, 1.9 s of CPU for about
 * 200 functions). Two changes:
 * - a smaller inlining budget (200 bytecodes in all instead of 920): 22.3 billion, the compiled
 *   code running 1.4% more instructions;
 * - optimising a function only after more of its bytecode has run: with both, 21.4 billion at twice
 *   V8's budget and 21.0 at four times. Eight times is set: timed side by side it was a little
 *   faster than four, and sixteen slower. Functions that are hot for a moment are left to the
 *   interpreter and Sparkplug.
 *
 * Side by side (medians of alternated runs, two threads): Django's scan went from 2.98 to 2.40 s
 * wall and from 5.5 to 4.4 s of CPU (8 runs each); pgAdmin's (7.9 MB) from 7.75 to 5.57 s and
 * from 14.8 to 10.4 s of CPU (5 runs). On Node 24, which compiles with Maglev first, Django's went
 * from 2.66 to 2.51 s.
 *
 * The flag that sets when to optimise changed in V8 12 (Node 22): a byte budget before, an
 * invocation count since. A V8 prints "unrecognized flag" for a flag it does not know, so flags
 * are set only for the V8 versions they were checked on (Node 20, 22 and 24); on any other V8 the
 * defaults stay.
 */
export function batchJitFlags(v8Version: string): readonly string[] {
  const major = Number(v8Version.split('.')[0]);
  const inlining = '--max-inlined-bytecode-size-cumulative=200';
  // V8 11's default interrupt budget is 66 KiB (67584); V8 12 and 13 optimise after 3000 invocations.
  if (major === 11) return [inlining, '--interrupt-budget=540672'];
  if (major === 12 || major === 13) return [inlining, '--invocation-count-for-turbofan=24000'];
  return [];
}

let tuned = false;

/**
 * Sets the batch flags (batchJitFlags) for this process: called by the front doors (CLI, action)
 * before any analysis. V8 flags are process-wide, so worker threads started later compile under
 * them too. Both flags are read each time V8 decides or compiles, so setting them after start-up
 * takes effect from then on.
 */
export function tuneJitForBatch(): void {
  if (tuned) return;
  tuned = true;
  for (const flag of batchJitFlags(process.versions.v8)) setFlagsFromString(flag);
}
