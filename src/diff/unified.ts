/**
 * Unified diffs, as `git diff` prints them and as the GitHub API's `patch` field carries them
 * (the same hunks without the file headers). Only the new side matters: which lines were added,
 * and which lines the hunks cover with their context.
 */
import { mergeRanges } from './lines.js';
import type { LineRanges } from './types.js';

export interface HunkLines {
  readonly added: LineRanges;
  readonly context: LineRanges;
}

const HUNK = /^@@ -(\d+)(?:,(\d+))? \+(\d+)(?:,(\d+))? @@/;

class HunkCollector {
  readonly added: [number, number][] = [];
  readonly context: [number, number][] = [];
  private newLine = 0;
  private oldLeft = 0;
  private newLeft = 0;

  /** Starts a hunk when `line` is a hunk header; false otherwise. */
  header(line: string): boolean {
    const m = HUNK.exec(line);
    if (!m) return false;
    this.oldLeft = m[2] === undefined ? 1 : Number(m[2]);
    const start = Number(m[3]);
    this.newLeft = m[4] === undefined ? 1 : Number(m[4]);
    this.newLine = start;
    if (this.newLeft > 0) this.context.push([start, start + this.newLeft - 1]);
    return true;
  }

  /** True while the current hunk still expects lines (so `+++`/`---` inside it are content). */
  get inHunk(): boolean {
    return this.oldLeft > 0 || this.newLeft > 0;
  }

  /** One line of the hunk body. */
  body(line: string): void {
    const c = line.charAt(0);
    if (c === '+') {
      this.added.push([this.newLine, this.newLine]);
      this.newLine++;
      this.newLeft--;
    } else if (c === '-') {
      this.oldLeft--;
    } else if (c === ' ' || line === '') {
      // An empty line is a context line whose leading space was lost (some tools strip it).
      this.newLine++;
      this.newLeft--;
      this.oldLeft--;
    }
    // '\ No newline at end of file' and anything else: no line on either side.
  }

  result(): HunkLines {
    return { added: mergeRanges(this.added), context: mergeRanges(this.context) };
  }
}

/** The hunks of one file's patch (the API's `patch` field). */
export function parsePatch(patch: string): HunkLines {
  const hunks = new HunkCollector();
  for (const line of patch.split('\n')) {
    const text = line.endsWith('\r') ? line.slice(0, -1) : line;
    if (hunks.inHunk) hunks.body(text);
    else hunks.header(text);
  }
  return hunks.result();
}

/**
 * Undoes git's C-style quoting of a path (`"tab\there"`, octal escapes for bytes outside ASCII
 * when core.quotePath is on). An unquoted path comes back as it is.
 */
export function unquoteGitPath(s: string): string {
  if (!(s.startsWith('"') && s.endsWith('"') && s.length >= 2)) return s;
  const inner = s.slice(1, -1);
  const bytes: number[] = [];
  const ESCAPES: Record<string, number> = { a: 7, b: 8, t: 9, n: 10, v: 11, f: 12, r: 13, '"': 34, '\\': 92 };
  for (let i = 0; i < inner.length; i++) {
    const ch = inner.charAt(i);
    if (ch !== '\\') {
      bytes.push(...Buffer.from(ch, 'utf8'));
      continue;
    }
    const next = inner.charAt(i + 1);
    if (/[0-7]/.test(next)) {
      const oct = /^[0-7]{1,3}/.exec(inner.slice(i + 1))?.[0] ?? '0';
      bytes.push(parseInt(oct, 8));
      i += oct.length;
    } else {
      bytes.push(ESCAPES[next] ?? next.charCodeAt(0));
      i++;
    }
  }
  return Buffer.from(bytes).toString('utf8');
}

/** The path of a `+++ b/path` or `--- a/path` header line, without its prefix; undefined for /dev/null. */
function headerPath(rest: string, prefix: string): string | undefined {
  // git appends a tab to a name that contains a space, so `patch` can tell where it ends.
  const raw = rest.endsWith('\t') ? rest.slice(0, -1) : rest;
  if (raw === '/dev/null') return undefined;
  const unquoted = unquoteGitPath(raw);
  return unquoted.startsWith(prefix) ? unquoted.slice(prefix.length) : unquoted;
}

/**
 * The hunks of every file in `git diff` output run with `--src-prefix=a/ --dst-prefix=b/`, by
 * new-side path. Files without hunks (pure renames, binary files, mode changes) and deleted files
 * are absent: their status comes from `git diff --numstat`.
 */
export function parseGitDiff(text: string): Map<string, HunkLines> {
  const files = new Map<string, HunkLines>();
  let path: string | undefined;
  let hunks: HunkCollector | undefined;
  const flush = (): void => {
    if (path !== undefined && hunks) files.set(path, hunks.result());
    path = undefined;
    hunks = undefined;
  };
  for (const raw of text.split('\n')) {
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (hunks?.inHunk) {
      hunks.body(line);
      continue;
    }
    if (line.startsWith('diff --git ') || line.startsWith('diff --cc ') || line.startsWith('diff --combined ')) {
      flush();
    } else if (line.startsWith('+++ ')) {
      path = headerPath(line.slice(4), 'b/');
      hunks = path === undefined ? undefined : new HunkCollector();
    } else if (hunks) {
      hunks.header(line);
    }
  }
  flush();
  return files;
}

export interface NumstatEntry {
  /** New-side path. */
  readonly path: string;
  readonly previousPath: string | undefined;
  /** Binary files show `-` for both counts: their lines are unknown. */
  readonly binary: boolean;
  readonly additions: number;
}

/**
 * `git diff --numstat -z`: `added\tdeleted\tpath\0`, or for a rename or copy
 * `added\tdeleted\t\0old\0new\0`; binary files count `-`.
 */
export function parseNumstatZ(text: string): NumstatEntry[] {
  const parts = text.split('\0');
  const out: NumstatEntry[] = [];
  for (let i = 0; i < parts.length; i++) {
    const head = parts[i] ?? '';
    if (head === '') continue;
    const m = /^(-|\d+)\t(-|\d+)\t(.*)$/s.exec(head);
    if (!m) continue;
    const [, add, del, rest] = m as unknown as [string, string, string, string];
    const binary = add === '-' && del === '-';
    const additions = binary ? 0 : Number(add);
    if (rest === '') {
      const previousPath = parts[i + 1] ?? '';
      const path = parts[i + 2] ?? '';
      i += 2;
      out.push({ path, previousPath, binary, additions });
    } else {
      out.push({ path: rest, previousPath: undefined, binary, additions });
    }
  }
  return out;
}
