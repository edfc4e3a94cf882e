import { excerpt } from '../models/connections/excerpt.js';
import type { Finding } from '../core/types.js';
import { MAX_BASELINE_BYTES, OwnFileError, readOwnFile } from '../read/own-file.js';

/** Where `flask-crdb-gate baseline` writes when neither --output nor the config names a file. */
export const DEFAULT_BASELINE_FILE = '.flask-crdb-gate-baseline.json';
export const BASELINE_VERSION = 1;

/** One known finding. The fingerprint identifies it; rule and path are there for people reading the file. */
export interface BaselineEntry {
  readonly fingerprint: string;
  readonly ruleId: string;
  readonly path: string;
}

export interface Baseline {
  readonly version: 1;
  readonly tool: { readonly name: string; readonly version: string };
  /** ISO 8601. */
  readonly createdAt: string;
  /** Sorted by path, rule, fingerprint, so a regenerated baseline diffs cleanly. */
  readonly findings: readonly BaselineEntry[];
}

/** What applying a baseline found. */
export interface BaselineSummary {
  /** As given (for messages). */
  readonly file: string;
  readonly entries: number;
  /** Findings the baseline holds. */
  readonly existing: number;
  /** Findings it does not hold. */
  readonly new: number;
  /** Entries no current finding matches: fixed, suppressed since, or their code changed. */
  readonly stale: readonly BaselineEntry[];
}

export class BaselineError extends Error {
  override readonly name = 'BaselineError';
}

const byString = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function compareEntries(a: BaselineEntry, b: BaselineEntry): number {
  return byString(a.path, b.path) || byString(a.ruleId, b.ruleId) || byString(a.fingerprint, b.fingerprint);
}

/** A baseline of every given finding. */
export function createBaseline(
  findings: readonly Finding[],
  tool: { readonly name: string; readonly version: string },
  now: Date,
): Baseline {
  return {
    version: BASELINE_VERSION,
    tool: { name: tool.name, version: tool.version },
    createdAt: now.toISOString(),
    findings: findings
      .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path }))
      .sort(compareEntries),
  };
}

/** Pretty-printed, newline-terminated, one entry per line group: reviewable in a pull request. */
export function renderBaseline(baseline: Baseline): string {
  return `${JSON.stringify(baseline, null, 2)}\n`;
}

/** What `flask-crdb-gate baseline` writes: rule ids, and fingerprints as src/engine/fingerprint.ts makes them. */
const RULE_ID = /^FCG\d{3}$/;
const FINGERPRINT = /^[0-9a-f]{32}:\d{1,9}$/;
/** Longer than any path a repository holds (PATH_MAX is 4096 bytes). */
const MAX_PATH_CHARS = 4096;

/**
 * Validates a baseline file's text; `file` names it in errors. The file sits in the repository, so
 * a pull request may have written it: every entry must have the shape the tool writes (an `FCGnnn`
 * rule id, a 32-hex-digit fingerprint with its occurrence, a path without control characters), and
 * a message quotes a bad value only as a short escaped excerpt.
 */
export function parseBaseline(text: string, file: string): Baseline {
  let data: unknown;
  try {
    // A byte-order mark is no JSON, but editors on Windows write one; the configuration accepts it too.
    data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
  } catch (e) {
    // Not V8's message: it quotes the text around the error, which need not be a baseline at all.
    const at = /position (\d+)/.exec((e as Error).message)?.[1];
    throw new BaselineError(`${file}: not a baseline file (invalid JSON${at ? ` at character ${at}` : ''})`);
  }
  const bad = (what: string): never => {
    throw new BaselineError(`${file}: not a baseline file (${what}); write one with \`flask-crdb-gate baseline\``);
  };
  if (typeof data !== 'object' || data === null || Array.isArray(data)) return bad('expected a JSON object');
  const o = data as Record<string, unknown>;
  if (o['version'] !== BASELINE_VERSION)
    return bad(`version must be ${BASELINE_VERSION}, got ${describeVersion(o['version'])}`);
  if (!Array.isArray(o['findings'])) return bad('"findings" must be a list');
  const tool = o['tool'] as Record<string, unknown> | undefined;
  const findings: BaselineEntry[] = [];
  (o['findings'] as unknown[]).forEach((entry, i) => {
    const e = entry as Record<string, unknown> | null;
    if (
      typeof e !== 'object' ||
      e === null ||
      typeof e['fingerprint'] !== 'string' ||
      typeof e['ruleId'] !== 'string' ||
      typeof e['path'] !== 'string'
    )
      return bad(`findings[${i}] needs string "fingerprint", "ruleId" and "path"`);
    const { fingerprint, ruleId, path } = e as { fingerprint: string; ruleId: string; path: string };
    if (!RULE_ID.test(ruleId))
      return bad(`findings[${i}].ruleId must be a rule id such as FCG101, got ${excerpt(ruleId)}`);
    if (!FINGERPRINT.test(fingerprint))
      return bad(`findings[${i}].fingerprint must be 32 hex digits, ':' and a number, got ${excerpt(fingerprint)}`);
    // eslint-disable-next-line no-control-regex
    if (path === '' || path.length > MAX_PATH_CHARS || /[\u0000-\u001f\u007f-\u009f]/.test(path))
      return bad(`findings[${i}].path must be a file path without control characters, got ${excerpt(path)}`);
    findings.push({ fingerprint, ruleId, path });
  });
  return {
    version: BASELINE_VERSION,
    tool: {
      name: typeof tool?.['name'] === 'string' ? tool['name'] : 'unknown',
      version: typeof tool?.['version'] === 'string' ? tool['version'] : 'unknown',
    },
    createdAt: typeof o['createdAt'] === 'string' ? o['createdAt'] : '',
    findings,
  };
}

function describeVersion(v: unknown): string {
  return typeof v === 'number' ? String(v) : v === undefined ? 'nothing' : excerpt(JSON.stringify(v), 20);
}

/**
 * Reads and validates a baseline file. `shown` is how messages name it; `within`, when set, is
 * the directory it must stay inside once links are resolved (one named from the scanned tree).
 */
export async function readBaseline(absPath: string, shown: string, within?: string): Promise<Baseline> {
  let text: string;
  try {
    text = readOwnFile(absPath, { shown, maxBytes: MAX_BASELINE_BYTES, within });
  } catch (e) {
    if (!(e instanceof OwnFileError)) throw e;
    throw new BaselineError(
      e.missing
        ? `baseline file not found: ${shown} (write one with \`flask-crdb-gate baseline\`)`
        : `baseline file ${shown} ${e.reason}`,
    );
  }
  return parseBaseline(text, shown);
}

/**
 * Marks each finding `existing` when the baseline holds its fingerprint, else `new`. An entry
 * matches one finding at most; entries nothing matches are stale. Fingerprints hash the rule, the
 * path and the code of the finding's lines, not the line number: moved code stays recognised.
 */
export function applyBaseline(
  findings: readonly Finding[],
  baseline: Baseline,
  file: string,
): { readonly findings: Finding[]; readonly summary: BaselineSummary } {
  const unmatched = new Map<string, BaselineEntry[]>();
  for (const e of baseline.findings) {
    const list = unmatched.get(e.fingerprint);
    if (list) list.push(e);
    else unmatched.set(e.fingerprint, [e]);
  }
  let existing = 0;
  const marked = findings.map((f): Finding => {
    const list = unmatched.get(f.fingerprint);
    if (list && list.length > 0) {
      list.pop();
      existing++;
      return { ...f, state: 'existing' };
    }
    return { ...f, state: 'new' };
  });
  const stale = [...unmatched.values()].flat().sort(compareEntries);
  return {
    findings: marked,
    summary: { file, entries: baseline.findings.length, existing, new: marked.length - existing, stale },
  };
}
