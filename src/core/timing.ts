/**
 * Where a scan's time goes, in milliseconds of thread time summed over the worker threads (so
 * the per-file phases of a pooled scan add up to more than its wall time, as ESLint's TIMING does
 * per rule). Plain data: each file's share crosses from its worker with the file's outcome.
 */
export interface Timings {
  /** Per phase (`discover`, `read`, `parse`, `index`, `rules`, `summaries`, `project`, `grade`, `report`). */
  readonly phases: Record<string, number>;
  /** Per rule id for its per-file check, per `summary:<domain>` for a module summariser, `<id> (project)` for a rule's phase-2 decisions. */
  readonly rules: Record<string, number>;
  /** What was read: `bytesRead` from disk (heads of files read to learn their kind included), `bytesScanned` analysed. */
  readonly counts: Record<string, number>;
}

/** The phases in the order a scan runs them (the report lists them so). */
export const PHASES = [
  'discover',
  'read',
  'parse',
  'index',
  'rules',
  'summaries',
  'project',
  'grade',
  'report',
] as const;
export type Phase = (typeof PHASES)[number];

export function emptyTimings(): Timings {
  return { phases: {}, rules: {}, counts: {} };
}

function add(into: Record<string, number>, key: string, ms: number): void {
  into[key] = (into[key] ?? 0) + ms;
}

export function addPhase(into: Timings, phase: Phase, ms: number): void {
  add(into.phases, phase, ms);
}

export function addRule(into: Timings, key: string, ms: number): void {
  add(into.rules, key, ms);
}

export function addCount(into: Timings | undefined, key: 'bytesRead' | 'bytesScanned', n: number): void {
  if (into) add(into.counts, key, n);
}

/** Adds `from` into `into` (a file's share into the scan's). */
export function mergeTimings(into: Timings, from: Timings | undefined): void {
  if (!from) return;
  for (const [k, v] of Object.entries(from.phases)) add(into.phases, k, v);
  for (const [k, v] of Object.entries(from.rules)) add(into.rules, k, v);
  for (const [k, v] of Object.entries(from.counts)) add(into.counts, k, v);
}

/** Runs `fn` and adds its duration to `phase` of `into`; with no `into`, just runs it. */
export function timed<T>(into: Timings | undefined, phase: Phase, fn: () => T): T {
  if (!into) return fn();
  const start = performance.now();
  try {
    return fn();
  } finally {
    addPhase(into, phase, performance.now() - start);
  }
}

/** The async form of timed(): the time until the promise settles. */
export async function timedAsync<T>(into: Timings | undefined, phase: Phase, fn: () => Promise<T>): Promise<T> {
  if (!into) return fn();
  const start = performance.now();
  try {
    return await fn();
  } finally {
    addPhase(into, phase, performance.now() - start);
  }
}
