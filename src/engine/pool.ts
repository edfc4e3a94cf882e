import { existsSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Finding, Skipped } from '../core/types.js';
import type { Candidate } from '../discover/discover.js';
import { configKindOf } from '../parse/config/kind.js';
import { kindByContent, mayHaveKindByContent, ruledOutByHead } from '../parse/config/kind-by-content.js';
import { HEAD_BYTES, MAX_FILE_BYTES, readHead, readSource } from '../read/read.js';
import { ALL_RULES } from '../rules/index.js';
import type { Rule } from '../rules/rule.js';
import type { ModuleSummary } from '../project/types.js';
import type { SuppressedFinding, SuppressionRecord } from '../suppress/apply.js';
import type { RuleNames } from '../suppress/directive.js';
import { analyzeFile, ruleNames } from './analyze-file.js';
import { summaryImportsFlask } from '../models/flask/summary.js';
import { addCount, emptyTimings, mergeTimings, timedAsync, type Timings } from '../core/timing.js';
import { DEFAULT_ANALYSIS, roleOf, type AnalysisOptions } from './options.js';

/** What analysing one discovered file gives: plain data, so it crosses a thread boundary as is. */
export interface FileOutcome {
  readonly findings: Finding[];
  readonly skipped: Skipped[];
  /** The file was read and analysed (counts towards `filesScanned`). */
  readonly scanned: boolean;
  /** Findings a suppression comment removed (absent from workers of an older bundle). */
  readonly suppressed?: SuppressedFinding[];
  /** The file's suppression comments and what each did. */
  readonly suppressions?: SuppressionRecord[];
  /** The module's summary for the project phase. */
  readonly summary?: ModuleSummary;
  /** Where the file's time went, when the options ask for it. */
  readonly timing?: Timings;
}

export interface Analysed {
  /** In file order; scan() sorts them by importance afterwards. */
  readonly findings: Finding[];
  /** In file (path) order. */
  readonly skipped: Skipped[];
  readonly filesScanned: number;
  /** In file order. */
  readonly suppressed: SuppressedFinding[];
  /** In file order, then line order. */
  readonly suppressions: SuppressionRecord[];
  /** In file order: what each analysed module tells the project phase. */
  readonly summaries: ModuleSummary[];
  /** The files' timings summed, when the options asked for them. */
  readonly timing?: Timings;
}

export interface ParallelOptions {
  /** Rules to run. Given ⇒ always in this thread (rules are module singletons a worker cannot receive). */
  readonly rules?: readonly Rule[] | undefined;
  /**
   * Number of threads analysing files (this one and `threads - 1` workers, or `threads` workers
   * when `shareThisThread` is false); 0 or 1 ⇒ in this thread alone. Default: the env override,
   * else the cores available (at most 8).
   */
  readonly threads?: number;
  /** Below this many files the pool is not worth its start-up (~50 ms per worker). */
  readonly minFiles?: number;
  /** The worker entry; default: worker.js of the bundle. Tests point it at dist/worker.js. */
  readonly workerUrl?: URL;
  /** What the configuration changes (rule severities, file roles, local hosts); sent with every batch. */
  readonly analysis?: AnalysisOptions;
  /** Called in this thread as files are done (in any order): how many of `total` are. */
  readonly onProgress?: (done: number, total: number) => void;
  /** Workers started before discovery (`warmWorkers`), taken before any new one is started. */
  readonly warm?: WarmWorkers | undefined;
  /**
   * Whether this thread analyses files too, beside `threads - 1` workers (default), rather than
   * only dealing them to `threads` workers. It has loaded the engine already, so that is one
   * worker fewer to start, and on two cores one thread fewer competing for them.
   */
  readonly shareThisThread?: boolean;
}

/** Messages from the pool to a worker. The analysis options are plain data, sent with each batch. */
export type ToWorker = {
  readonly type: 'batch';
  readonly id: number;
  readonly files: readonly Candidate[];
  readonly options?: AnalysisOptions;
};

/** Messages from a worker to the pool. */
export type FromWorker =
  | { readonly type: 'ready' }
  | { readonly type: 'done'; readonly id: number; readonly outcomes: readonly FileOutcome[] }
  | { readonly type: 'failed'; readonly id: number; readonly message: string };

export const DEFAULT_MIN_FILES = 64;
const MAX_THREADS = 8;
/**
 * Each worker's V8 old generation, in MB. Left unbounded, a worker's heap grows lazily far past
 * what it holds at any moment (one file's trees and models at a time), and two workers plus the
 * main thread went past 330 MB on pgAdmin; bounded, V8 collects sooner: about 260 MB, in the same
 * time. Since this thread analyses files too (one worker fewer), pgAdmin peaks at 270–290 MB. The
 * largest file the scan reads (MAX_FILE_BYTES) needs well under this; a worker that
 * still runs out is replaced and its file skipped with the reason, like any worker crash.
 */
export const WORKER_HEAP_MB = 128;
/** Overrides the thread count (`1` forces the in-thread path); for diagnosis and benchmarks. */
export const THREADS_ENV = 'FLASK_CRDB_GATE_THREADS';

let everyRuleName: RuleNames | undefined;

/** Names for suppression lists: every rule's, also when the configuration turns some off. */
export function namesFor(rules: readonly Rule[]): RuleNames {
  everyRuleName ??= ruleNames(ALL_RULES);
  if (rules === ALL_RULES) return everyRuleName;
  const byName = new Map(everyRuleName.byName);
  for (const r of rules) byName.set(r.meta.name.toLowerCase(), r.meta.id);
  return { byName };
}

/**
 * Reads, decodes, parses and checks one discovered file: the engine's per-file step, identical in
 * this thread and in a worker. Never throws: an unexpected failure makes the file a skipped entry.
 */
export async function analyzeCandidate(
  candidate: Candidate,
  rules: readonly Rule[],
  options: AnalysisOptions = DEFAULT_ANALYSIS,
  names: RuleNames = namesFor(rules),
): Promise<FileOutcome> {
  const timing = options.timing ? emptyTimings() : undefined;
  const withTiming = timing ? { timing } : {};
  try {
    const named = configKindOf(candidate.path);
    if (!named && !mayHaveKindByContent(candidate.path)) return { findings: [], skipped: [], scanned: false };
    // A file named for no format is kept only when its first lines tell what it is: a large one
    // whose first lines already rule that out (an SQL dump, a licence) is not read further.
    if (!named && candidate.size > HEAD_BYTES) {
      const head = await timedAsync(timing, 'read', async () => readHead(candidate));
      addCount(timing, 'bytesRead', head.bytes);
      if (head.text !== undefined && ruledOutByHead(candidate.path, head.text))
        return { findings: [], skipped: [], scanned: false, ...withTiming };
    }
    const read = await timedAsync(timing, 'read', () => readSource(candidate, named ?? 'shell'));
    // A file over the size limit is refused before a byte of it is read.
    addCount(timing, 'bytesRead', candidate.size > MAX_FILE_BYTES ? 0 : candidate.size);
    if (!read.ok) {
      const skipped = named ? [{ path: candidate.path, reason: read.reason }] : [];
      return { findings: [], skipped, scanned: false, ...withTiming };
    }
    const kind = named ?? kindByContent(candidate.path, read.file.text);
    if (!kind) return { findings: [], skipped: [], scanned: false, ...withTiming };
    const file = { ...read.file, kind, role: roleOf(candidate.path, options.roles) };
    addCount(timing, 'bytesScanned', candidate.size);
    const result = await analyzeFile(file, rules, options, names, timing);
    return {
      findings: result.findings,
      skipped: result.skipped,
      scanned: true,
      suppressed: result.suppressed,
      suppressions: result.suppressions,
      ...(result.summary ? { summary: result.summary } : {}),
      ...withTiming,
    };
  } catch (e) {
    return {
      findings: [],
      skipped: [{ path: candidate.path, reason: `could not be analysed: ${messageOf(e)}` }],
      scanned: false,
    };
  }
}

/**
 * Analyses the discovered files, on worker threads when that pays (the bundle, enough files, more
 * than one core), else in this thread with the same per-file code. The result does not depend on
 * the path taken: outcomes are collected per file and concatenated in file order.
 */
export async function analyzeInParallel(files: readonly Candidate[], options: ParallelOptions = {}): Promise<Analysed> {
  const outcomes: (FileOutcome | undefined)[] = new Array<FileOutcome | undefined>(files.length);
  const workerUrl = options.rules ? undefined : (options.workerUrl ?? bundledWorker());
  const threads = Math.min(threadCount(options.threads), Math.ceil(files.length / 8));
  const minFiles = options.minFiles ?? DEFAULT_MIN_FILES;
  const analysis = options.analysis ?? DEFAULT_ANALYSIS;
  let done = 0;
  const progress = options.onProgress;
  const tick = progress ? (n: number): void => progress((done += n), files.length) : undefined;
  const seen = new Seen();
  if (workerUrl && threads > 1 && files.length >= minFiles) {
    await runOnWorkers(files, outcomes, workerUrl, threads, analysis, tick, seen, {
      warm: options.warm,
      share: options.shareThisThread ?? true,
    });
  }
  // Everything the workers did not do (all of it on the in-thread path; the rest if the workers could not start).
  const rules = options.rules ?? ALL_RULES;
  const names = namesFor(rules);
  for (let i = 0; i < files.length; i++) {
    if (outcomes[i]) continue;
    const outcome = await analyzeCandidate(files[i] as Candidate, rules, seen.options(analysis), names);
    seen.add(outcome);
    outcomes[i] = outcome;
    tick?.(1);
  }
  return collect(outcomes as FileOutcome[], analysis.timing === true);
}

function collect(outcomes: readonly FileOutcome[], timed: boolean): Analysed {
  const timing = timed ? emptyTimings() : undefined;
  const findings: Finding[] = [];
  const skipped: Skipped[] = [];
  const suppressed: SuppressedFinding[] = [];
  const suppressions: SuppressionRecord[] = [];
  const summaries: ModuleSummary[] = [];
  let filesScanned = 0;
  for (const o of outcomes) {
    for (const f of o.findings) findings.push(f);
    for (const s of o.skipped) skipped.push(s);
    for (const f of o.suppressed ?? []) suppressed.push(f);
    for (const r of o.suppressions ?? []) suppressions.push(r);
    if (o.summary) summaries.push(o.summary);
    if (o.scanned) filesScanned++;
    if (timing) mergeTimings(timing, o.timing);
  }
  return { findings, skipped, filesScanned, suppressed, suppressions, summaries, ...(timing ? { timing } : {}) };
}

/**
 * What the modules analysed so far show of the project, passed with the next files
 * (AnalysisOptions.seen): it only decides which deferrable sections phase 1 builds now.
 */
class Seen {
  #flask = false;

  add(outcome: FileOutcome): void {
    if (!this.#flask && outcome.summary && summaryImportsFlask(outcome.summary)) this.#flask = true;
  }

  options(analysis: AnalysisOptions): AnalysisOptions {
    return this.#flask ? { ...analysis, seen: { flask: true } } : analysis;
  }
}

function threadCount(requested: number | undefined): number {
  if (requested !== undefined) return Math.max(0, Math.floor(requested));
  const env = process.env[THREADS_ENV];
  if (env !== undefined && /^\d+$/.test(env.trim())) return Number(env.trim());
  return Math.min(availableParallelism(), MAX_THREADS);
}

/**
 * dist/worker.js. Shared engine code may land in dist/chunks/, so both this module's directory
 * and its parent are tried. Running from the TypeScript sources (Jest) there is none.
 */
function bundledWorker(): URL | undefined {
  for (const rel of ['./worker.js', '../worker.js']) {
    const url = new URL(rel, import.meta.url);
    if (url.protocol === 'file:' && existsSync(fileURLToPath(url))) return url;
  }
  return undefined;
}

interface Slot {
  readonly worker: Worker;
  ready: boolean;
  /** Batches sent and not answered, by id, oldest first (the one the worker is on). */
  readonly inFlight: Map<number, number[]>;
  gone: boolean;
}

/** Per-batch size bounds: small enough to balance the load, large enough that messages cost nothing. */
const MAX_BATCH_FILES = 32;
const MIN_BATCH_BYTES = 16 * 1024;
const MAX_BATCH_BYTES = 512 * 1024;
/** Batches a worker holds at once: the one it works on and the next. */
const BATCHES_IN_FLIGHT = 2;

/**
 * Hands files out in small batches to the workers and this thread as each becomes free (largest files first,
 * so a huge file does not start last and leave the other threads idle), and fills `outcomes`.
 * A worker that dies mid-batch is replaced and the batch retried one file at a time; a single file
 * that kills its worker becomes a skipped entry. Workers that fail to start are not replaced: what
 * they would have done is left to the caller's in-thread pass. All workers are terminated before
 * this resolves, whatever happens.
 */
async function runOnWorkers(
  files: readonly Candidate[],
  outcomes: (FileOutcome | undefined)[],
  url: URL,
  threads: number,
  analysis: AnalysisOptions,
  tick: ((n: number) => void) | undefined,
  seen: Seen,
  { warm, share }: { warm: WarmWorkers | undefined; share: boolean },
): Promise<void> {
  const queue = files
    .map((_, i) => i)
    .sort((a, b) => (files[b] as Candidate).size - (files[a] as Candidate).size || a - b);
  let next = 0;
  /** Files of a batch whose worker died, to be retried alone. */
  const retry: number[] = [];
  let remainingBytes = files.reduce((sum, f) => sum + f.size, 0);
  let nextId = 1;
  const slots = new Set<Slot>();
  // Each replacement follows a crash that split a batch or skipped a file, so this bound is never
  // reached in practice; it only guarantees termination.
  let replacements = 2 * files.length + threads;

  /** The next batch; a file that crashed a worker is retried on a worker only, never in this thread. */
  const takeBatch = (onWorker = true): number[] | undefined => {
    const single = onWorker ? retry.shift() : undefined;
    if (single !== undefined) return [single];
    if (next >= queue.length) return undefined;
    const target = Math.min(MAX_BATCH_BYTES, Math.max(MIN_BATCH_BYTES, remainingBytes / (threads * 4)));
    const batch: number[] = [];
    let bytes = 0;
    while (next < queue.length && batch.length < MAX_BATCH_FILES && (batch.length === 0 || bytes < target)) {
      const i = queue[next++] as number;
      batch.push(i);
      bytes += (files[i] as Candidate).size;
    }
    remainingBytes -= bytes;
    return batch;
  };

  const skip = (i: number, reason: string): void => {
    outcomes[i] = { findings: [], skipped: [{ path: (files[i] as Candidate).path, reason }], scanned: false };
  };

  try {
    await new Promise<void>((resolveAll) => {
      let settled = false;

      let local = false;

      /** Done when nothing is in flight and either nothing is left or no worker is left to do it. */
      const finishIfIdle = (): void => {
        if (settled || local) return;
        for (const s of slots) if (s.inFlight.size > 0) return;
        if (retry.length > 0 || next < queue.length) {
          if (slots.size > 0) return; // workers still starting: they take it when ready
        }
        settled = true;
        resolveAll();
      };

      // A second batch waits in the worker's queue while it works on the first: the answer to one
      // reaches this thread only between two of its own files, and the worker need not idle meanwhile.
      const dispatch = (slot: Slot): void => {
        while (!settled && !slot.gone && slot.ready && slot.inFlight.size < BATCHES_IN_FLIGHT) {
          const batch = takeBatch();
          if (!batch) return;
          const id = nextId++;
          slot.inFlight.set(id, batch);
          const message: ToWorker = {
            type: 'batch',
            id,
            files: batch.map((i) => files[i] as Candidate),
            options: seen.options(analysis),
          };
          slot.worker.postMessage(message);
        }
      };

      const lose = (slot: Slot, why: string): void => {
        if (slot.gone) return;
        slot.gone = true;
        slots.delete(slot);
        void slot.worker.terminate();
        const [current, ...queued] = [...slot.inFlight.values()];
        slot.inFlight.clear();
        // A worker that never started (cannot load, no memory) is not the files' fault, and a
        // replacement would fail alike: its share is left to the in-thread pass.
        if (slot.ready && current) {
          if (current.length === 1) {
            skip(current[0] as number, `the analysis crashed on this file and it was skipped: ${why}`);
            tick?.(1);
          } else retry.push(...current);
          // Batches it had not started are not suspect: tried again one file at a time all the same.
          for (const batch of queued) retry.push(...batch);
          if (replacements-- > 0) spawn();
        }
        for (const s of slots) dispatch(s);
        finishIfIdle();
      };

      const spawn = (): void => {
        const started = warm?.take();
        let worker: Worker;
        try {
          worker = started?.worker ?? startWorker(url);
        } catch {
          return;
        }
        const slot: Slot = { worker, ready: started?.ready ?? false, inFlight: new Map(), gone: false };
        slots.add(slot);
        // A warm worker may have said it was ready before it was adopted.
        dispatch(slot);
        worker.on('message', (msg: FromWorker) => {
          if (slot.gone || settled) return;
          if (msg.type === 'ready') {
            slot.ready = true;
          } else if (slot.inFlight.has(msg.id)) {
            const batch = slot.inFlight.get(msg.id) as number[];
            slot.inFlight.delete(msg.id);
            if (msg.type === 'done' && msg.outcomes.length === batch.length) {
              batch.forEach((i, k) => {
                const outcome = msg.outcomes[k] as FileOutcome;
                seen.add(outcome);
                outcomes[i] = outcome;
              });
            } else {
              const reason = msg.type === 'failed' ? msg.message : 'the analysis worker returned a malformed result';
              for (const i of batch) skip(i, `could not be analysed: ${reason}`);
            }
            tick?.(batch.length);
          }
          dispatch(slot);
          finishIfIdle();
        });
        worker.on('error', (e) => lose(slot, messageOf(e)));
        worker.on('messageerror', (e) => lose(slot, messageOf(e)));
        worker.on('exit', (code) => lose(slot, `the analysis worker exited with code ${code}`));
      };

      /** This thread's share: batches from the queue, one file at a time, while the workers run. */
      const runHere = async (): Promise<void> => {
        local = true;
        try {
          const names = namesFor(ALL_RULES);
          for (let batch = takeBatch(false); batch && !settled; batch = takeBatch(false)) {
            for (const i of batch) {
              const outcome = await analyzeCandidate(files[i] as Candidate, ALL_RULES, seen.options(analysis), names);
              seen.add(outcome);
              outcomes[i] = outcome;
              tick?.(1);
              // The workers' answers, and their next batches, wait for this thread to turn to its
              // event loop: after every file, not after a batch of the largest ones.
              await new Promise<void>((resolve) => setImmediate(resolve));
            }
          }
        } finally {
          local = false;
          finishIfIdle();
        }
      };

      for (let t = share ? 1 : 0; t < threads; t++) spawn();
      if (share) void runHere();
      finishIfIdle();
    });
  } finally {
    const all = [...slots];
    slots.clear();
    for (const s of all) s.gone = true;
    await Promise.all(all.map((s) => s.worker.terminate()));
  }
}

function startWorker(url: URL): Worker {
  return new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}

/** A worker started ahead of its first batch, watched until the pool adopts it. */
interface WarmWorker {
  readonly worker: Worker;
  ready: boolean;
  failed: boolean;
  detach: () => void;
}

/**
 * Workers started before discovery: loading the bundle and compiling the grammars takes each
 * 150–250 ms, which then overlaps the main thread's walk of the tree instead of following it.
 * `analyzeInParallel` adopts them one by one (`take`); `close` terminates those it did not, when
 * the scan found too few files for the pool or failed before analysing.
 */
export class WarmWorkers {
  readonly #idle: WarmWorker[] = [];

  constructor(url: URL, count: number) {
    for (let i = 0; i < count; i++) {
      let worker: Worker;
      try {
        worker = startWorker(url);
      } catch {
        return;
      }
      const warm: WarmWorker = { worker, ready: false, failed: false, detach: () => undefined };
      const onMessage = (msg: FromWorker): void => {
        if (msg.type === 'ready') warm.ready = true;
      };
      // A worker's 'error' with no listener would throw in this thread: watched until adopted.
      const onGone = (): void => {
        warm.failed = true;
      };
      worker.on('message', onMessage);
      worker.on('error', onGone);
      worker.on('messageerror', onGone);
      worker.on('exit', onGone);
      warm.detach = () => {
        worker.off('message', onMessage);
        worker.off('error', onGone);
        worker.off('messageerror', onGone);
        worker.off('exit', onGone);
      };
      this.#idle.push(warm);
    }
  }

  /** A started worker still alive, no longer watched here (the caller listens from now on). */
  take(): { readonly worker: Worker; readonly ready: boolean } | undefined {
    for (let warm = this.#idle.shift(); warm; warm = this.#idle.shift()) {
      if (warm.failed) continue;
      warm.detach();
      return { worker: warm.worker, ready: warm.ready };
    }
    return undefined;
  }

  /** Terminates the workers nobody took. */
  async close(): Promise<void> {
    const left = this.#idle.splice(0);
    await Promise.all(left.map((w) => w.worker.terminate()));
  }
}

/**
 * Starts the pool's workers now, when the scan will use the bundle's workers (no custom rules,
 * more than one thread); undefined otherwise. Whether enough files turn up is known only after
 * discovery: for a handful, the workers are closed unused.
 */
export function warmWorkers(
  options: Pick<ParallelOptions, 'rules' | 'threads' | 'workerUrl'> = {},
): WarmWorkers | undefined {
  if (options.rules) return undefined;
  const url = options.workerUrl ?? bundledWorker();
  const threads = threadCount(options.threads);
  // The scan's own thread is one of them (ParallelOptions.shareThisThread).
  return url && threads > 1 ? new WarmWorkers(url, threads - 1) : undefined;
}

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] as string;
}
