/**
 * The per-file analysis budget: the analysis of one file stops when it has run this long, and the
 * file is named in `skipped` with the reason. Every step of the analysis is meant to be close to
 * linear in the file's size (a 2 MiB file takes a few seconds); the budget is the backstop for a
 * shape nobody has thought of, so that a hostile file cannot hold the scan for ever.
 */
export const FILE_BUDGET_MS = 20_000;

/** Thrown by spend() once the current file's budget is exhausted. */
export class BudgetExceeded extends Error {
  constructor(readonly ms: number) {
    super(`analysis budget exceeded (${formatMs(ms)} per file)`);
    this.name = 'BudgetExceeded';
  }
}

// The analysis of a file is synchronous between parsing and reporting, one file at a time per
// thread: module state is the budget of the file being analysed on this thread.
let deadline = Number.POSITIVE_INFINITY;
let allowed = 0;
let ticks = 0;
let nextCheck = 0;

/** How many units of work go by between two looks at the clock. */
const CHECK_EVERY = 1024;

/**
 * The cost of one step that is itself slow, such as a tree-sitter parent lookup (it descends from
 * the root, so it costs the node's depth): the clock is read at every such step.
 */
export const COSTLY = CHECK_EVERY;

/**
 * Runs `fn` with a budget of `ms` milliseconds: spend() inside it throws BudgetExceeded once the
 * time is up. Not re-entrant: a nested call replaces the outer budget until it returns.
 */
export function withBudget<T>(ms: number, fn: () => T): T {
  const outer = { deadline, allowed, ticks, nextCheck };
  deadline = performance.now() + ms;
  allowed = ms;
  ticks = 0;
  nextCheck = 0;
  try {
    return fn();
  } finally {
    ({ deadline, allowed, ticks, nextCheck } = outer);
  }
}

/**
 * `cost` units of work (one by default): the loops and recursions a hostile file can make long
 * call it. Cheap: the clock is read on the first call and then once every CHECK_EVERY units.
 */
export function spend(cost = 1): void {
  ticks += cost;
  if (ticks < nextCheck) return;
  nextCheck = ticks + CHECK_EVERY;
  if (performance.now() >= deadline) throw new BudgetExceeded(allowed);
}

function formatMs(ms: number): string {
  return ms >= 1000 ? `${ms / 1000} s` : `${ms} ms`;
}
