import { parse as shellParse } from 'shell-quote';
import type { Span } from '../../core/types.js';
import type { CommandFact } from '../../models/connections/types.js';
import { ShellBrackets } from './shell-brackets.js';

/**
 * Shell command lines, split into simple commands with the offsets where each one sits.
 *
 * `shell-quote` does the tokenising (quotes, escapes, operators) but gives no positions, so a
 * small quote-aware scanner first cuts the script into segments at the separators that end a
 * command at the top level (newline, `;`, `&&`, `||`, `|`, `&`), skipping comments and
 * here-document bodies and keeping `$(...)`, `${...}`, backquotes and quoted text (which may span
 * lines) inside one segment. Each segment is then handed to shell-quote on its own, so every
 * command knows the exact offsets of its segment.
 *
 * Expansions (`$VAR`, `${VAR:-x}`, `$(cmd)`, `` `cmd` ``) are kept as written: shell-quote would
 * expand them against an environment, and the scanner must see `--join=$(hostname)`, not `--join=`.
 */

export interface ShellCommand {
  /** Tokens with quotes removed, expansions kept as written, redirections dropped. */
  readonly argv: readonly string[];
  /** Offsets in the script: `[start, end)` of the command's segment. */
  readonly start: number;
  readonly end: number;
}

/** `K=V` (also `export K=V`, `readonly`, `declare -x`, `local`) on a line of its own. */
export interface ShellAssignment {
  readonly key: string;
  /** Quotes removed, expansions kept as written. */
  readonly value: string;
  readonly exported: boolean;
  /** Offsets of the value as written (quotes included), `[start, end)`. */
  readonly start: number;
  readonly end: number;
}

export interface ShellScript {
  readonly commands: ShellCommand[];
  readonly assignments: ShellAssignment[];
  /** Offset of a quote, `$(` or `${` never closed: the script is not valid shell. */
  readonly unterminated: number | undefined;
}

interface Segment {
  readonly start: number;
  readonly end: number;
  /** Subshell parentheses open where the segment starts (`(cd x; cmd)`: 1 for `cmd)`). */
  readonly depth?: number;
}

const RESERVED_PREFIX = new Set([
  'if',
  'then',
  'else',
  'elif',
  'do',
  'while',
  'until',
  '!',
  '{',
  '}',
  'time',
  'fi',
  'done',
  'esac',
]);
const HEADER_WORDS = new Set(['for', 'case', 'select', 'function', 'in']);
const ASSIGNMENT_BUILTINS = new Set(['export', 'readonly', 'declare', 'typeset', 'local']);
const CONTROL_OPS = new Set([';', '&&', '||', '|', '|&', '&', ';;', '(', ')', ';&', ';;&']);
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=/;
const SLOT_OPEN = '\uE001';
const SLOT_CLOSE = '\uE002';
const SLOT_RE = /\uE001(\d+)\uE002/g;

/** Splits a shell script (a file, a `run:` block, a Dockerfile RUN, a recipe line). */
export function splitShellScript(script: string): ShellScript {
  const commands: ShellCommand[] = [];
  const assignments: ShellAssignment[] = [];
  const { segs, unterminated } = segments(script);
  for (const seg of segs) {
    const raw = script.slice(seg.start, seg.end);
    const argvs = tokenize(raw, seg.depth ?? 0);
    if (argvs.length === 1 && collectAssignments(script, seg, argvs[0] as string[], assignments)) continue;
    for (const argv of argvs) commands.push({ argv, start: seg.start, end: seg.end });
  }
  return { commands, assignments, unterminated };
}

/**
 * The script of `sh -c SCRIPT`, `bash -ec SCRIPT`, `/bin/sh -c SCRIPT`...: its index in argv.
 * Containers and CI steps often wrap the real command line this way.
 */
export function wrappedScript(argv: readonly string[]): number | undefined {
  const shell = argv[0];
  if (shell === undefined || !/(^|\/)(ba|da|a|z|k)?sh$/.test(shell)) return undefined;
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    if (!a.startsWith('-') || a === '--') return undefined;
    if (!a.startsWith('--') && a.slice(1).includes('c')) return i + 1 < argv.length ? i + 1 : undefined;
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------
// Segmenting

type Ctx = 'sq' | 'dq' | 'bt' | 'sub' | 'brace';

function segments(text: string): { segs: Segment[]; unterminated: number | undefined } {
  const out: Segment[] = [];
  const n = text.length;
  const stack: Ctx[] = [];
  const opened: number[] = [];
  const subDepth: number[] = [];
  const heredocs: { delim: string; stripTabs: boolean }[] = [];
  let segStart = -1;
  let segDepth = 0;
  let parens = 0;
  let i = 0;
  const endSegment = (end: number): void => {
    if (segStart >= 0) {
      let e = end;
      while (e > segStart && /\s/.test(text[e - 1] as string)) e--;
      if (e > segStart) out.push({ start: segStart, end: e, depth: segDepth });
    }
    segStart = -1;
  };
  const push = (ctx: Ctx, at: number): void => {
    stack.push(ctx);
    opened.push(at);
  };
  const pop = (): void => {
    stack.pop();
    opened.pop();
  };
  const wordStartBefore = (k: number): boolean => k === 0 || /[\s;&|()]/.test(text[k - 1] as string);
  while (i < n) {
    const c = text[i] as string;
    const top = stack[stack.length - 1];
    if (top === 'sq') {
      if (c === "'") pop();
      i++;
      continue;
    }
    if (top === 'dq' || top === 'bt') {
      if (c === '\\') i += 2;
      else if ((top === 'dq' && c === '"') || (top === 'bt' && c === '`')) {
        pop();
        i++;
      } else if (top === 'dq' && c === '$' && text[i + 1] === '(') {
        push('sub', i);
        subDepth.push(0);
        i += 2;
      } else if (top === 'dq' && c === '$' && text[i + 1] === '{') {
        push('brace', i);
        i += 2;
      } else if (top === 'dq' && c === '`') {
        push('bt', i);
        i++;
      } else i++;
      continue;
    }
    if (top === 'brace') {
      if (c === '\\') i += 2;
      else if (c === '}') {
        pop();
        i++;
      } else if (c === '"') {
        push('dq', i);
        i++;
      } else if (c === "'") {
        push('sq', i);
        i++;
      } else i++;
      continue;
    }
    // Top level or inside $( ... ): quotes and nesting behave the same.
    if (segStart < 0 && !/\s/.test(c) && top === undefined) {
      if (c === '#') {
        // a comment line: skip to its end
        while (i < n && text[i] !== '\n') i++;
        continue;
      }
      if (c === ';' || c === '&' || c === '|') {
        i++;
        continue;
      }
      segStart = i;
      segDepth = parens;
    }
    if (c === '\\') {
      i += 2; // an escaped character, or a line continuation (backslash-newline)
      continue;
    }
    if (c === "'") push('sq', i);
    else if (c === '"') push('dq', i);
    else if (c === '`') push('bt', i);
    else if (c === '$' && text[i + 1] === '(') {
      push('sub', i);
      subDepth.push(0);
      i += 2;
      continue;
    } else if (c === '$' && text[i + 1] === '{') {
      push('brace', i);
      i += 2;
      continue;
    } else if (top === 'sub') {
      if (c === '(') subDepth[subDepth.length - 1] = (subDepth[subDepth.length - 1] as number) + 1;
      else if (c === ')') {
        const d = subDepth[subDepth.length - 1] as number;
        if (d === 0) {
          pop();
          subDepth.pop();
        } else subDepth[subDepth.length - 1] = d - 1;
      }
    } else if (top === undefined && c === '(') {
      parens++;
    } else if (top === undefined && c === ')') {
      if (parens > 0) parens--;
    } else if (c === '#' && wordStartBefore(i)) {
      endSegment(i);
      while (i < n && text[i] !== '\n') i++;
      continue;
    } else if (c === '\n') {
      endSegment(i);
      i++;
      i = skipHeredocs(text, i, heredocs);
      continue;
    } else if (
      c === ';' ||
      c === '|' ||
      (c === '&' && text[i + 1] !== '>' && text[i - 1] !== '>' && text[i - 1] !== '<')
    ) {
      endSegment(i);
      i++;
      while (i < n && (text[i] === c || (c === '|' && text[i] === '&') || (c === ';' && text[i] === '&'))) i++;
      continue;
    } else if (c === '<' && text[i + 1] === '<' && text[i + 2] !== '<') {
      const m = /^<<(-?)[ \t]*(?:'([^'\n]*)'|"([^"\n]*)"|\\?([^\s;&|<>()]+))/.exec(text.slice(i, i + 200));
      if (m) {
        heredocs.push({ delim: m[2] ?? m[3] ?? m[4] ?? '', stripTabs: m[1] === '-' });
        i += m[0].length;
        continue;
      }
    }
    i++;
  }
  endSegment(n);
  return { segs: out, unterminated: opened[0] };
}

/** After the line that opened here-documents, skips their bodies; returns the next offset. */
function skipHeredocs(text: string, from: number, pending: { delim: string; stripTabs: boolean }[]): number {
  let i = from;
  while (pending.length > 0) {
    const { delim, stripTabs } = pending.shift() as { delim: string; stripTabs: boolean };
    while (i < text.length) {
      const nl = text.indexOf('\n', i);
      const lineEnd = nl < 0 ? text.length : nl;
      let line = text.slice(i, lineEnd).replace(/\r$/, '');
      if (stripTabs) line = line.replace(/^\t+/, '');
      i = nl < 0 ? text.length : nl + 1;
      if (line === delim) break;
    }
  }
  return i;
}

// ---------------------------------------------------------------------------------------------
// Tokenising one segment

/**
 * Replaces expansions with numbered slots (restored after shell-quote), removes backslash-newline
 * continuations, and drops the file-descriptor digits of `2>&1`-style redirections.
 */
function protect(raw: string): { text: string; slots: string[] } {
  const slots: string[] = [];
  const parens = new ShellBrackets(raw, '(', ')');
  const braces = new ShellBrackets(raw, '{', '}');
  let out = '';
  let quote: '' | "'" | '"' = '';
  const slot = (s: string): string => {
    slots.push(s);
    return `${SLOT_OPEN}${slots.length - 1}${SLOT_CLOSE}`;
  };
  for (let i = 0; i < raw.length; i++) {
    const c = raw[i] as string;
    if (quote === "'") {
      out += c;
      if (c === "'") quote = '';
      continue;
    }
    if (c === '\\') {
      const next = raw[i + 1];
      if (next === '\n') {
        i++;
        continue;
      }
      if (next === '\r' && raw[i + 2] === '\n') {
        i += 2;
        continue;
      }
      out += c + (next ?? '');
      i++;
      continue;
    }
    if (c === "'" && quote === '') {
      quote = "'";
      out += c;
      continue;
    }
    if (c === '"') {
      quote = quote === '"' ? '' : '"';
      out += c;
      continue;
    }
    if (c === '$') {
      const next = raw[i + 1];
      let end = -1;
      if (next === '(') end = parens.closeOf(i + 1);
      else if (next === '{') end = braces.closeOf(i + 1);
      else if (next !== undefined && /[A-Za-z_]/.test(next)) {
        end = i + 1;
        while (end + 1 < raw.length && /[A-Za-z0-9_]/.test(raw[end + 1] as string)) end++;
      } else if (next !== undefined && /[0-9@*#?$!-]/.test(next)) end = i + 1;
      if (end > i) {
        out += slot(raw.slice(i, end + 1));
        i = end;
        continue;
      }
      out += c;
      continue;
    }
    if (c === '`') {
      let end = i + 1;
      while (end < raw.length && raw[end] !== '`') end += raw[end] === '\\' ? 2 : 1;
      if (end < raw.length) {
        out += slot(raw.slice(i, end + 1));
        i = end;
        continue;
      }
    }
    if (quote === '' && /[0-9]/.test(c) && (i === 0 || /[\s;&|()]/.test(raw[i - 1] as string))) {
      let j = i;
      while (j < raw.length && /[0-9]/.test(raw[j] as string)) j++;
      if (raw[j] === '>' || raw[j] === '<') {
        i = j - 1; // `2>&1`: the digits name a descriptor, not an argument
        continue;
      }
    }
    out += c;
  }
  return { text: out, slots };
}

function restore(s: string, slots: readonly string[]): string {
  return s.includes(SLOT_OPEN) ? s.replace(SLOT_RE, (_, n: string) => slots[Number(n)] ?? '') : s;
}

/** One segment → the simple commands in it (subshell parentheses and redirections removed). */
function tokenize(raw: string, depth: number): string[][] {
  const { text, slots } = protect(raw);
  let entries: ReturnType<typeof shellParse>;
  try {
    entries = shellParse(text, (key: string) => `$${key}`);
  } catch {
    return [];
  }
  const out: string[][] = [];
  let cur: string[] = [];
  let open = depth;
  const flush = (): void => {
    const argv = stripReserved(cur);
    if (argv.length > 0) out.push(argv);
    cur = [];
  };
  for (let k = 0; k < entries.length; k++) {
    const e = entries[k];
    if (typeof e === 'string') cur.push(restore(e, slots));
    else if (e && typeof e === 'object') {
      if ('comment' in e) break;
      if ('op' in e) {
        if (e.op === 'glob') cur.push(restore((e as { pattern: string }).pattern, slots));
        else if (e.op === '(' && isOp(entries[k + 1], ')')) {
          cur = []; // `name() {`: a function definition, not a command
          k++;
        } else if (e.op === ')' && open === 0) {
          cur = []; // `pattern)` of a case statement
        } else if (CONTROL_OPS.has(e.op)) {
          if (e.op === '(') open++;
          else if (e.op === ')') open--;
          flush();
        } else k++; // a redirection and its target
      }
    }
  }
  flush();
  return out;
}

function isOp(e: unknown, op: string): boolean {
  return typeof e === 'object' && e !== null && 'op' in e && (e as { op: string }).op === op;
}

function stripReserved(argv: string[]): string[] {
  let i = 0;
  while (i < argv.length && RESERVED_PREFIX.has(argv[i] as string)) i++;
  const rest = argv.slice(i);
  if (rest.length > 0 && HEADER_WORDS.has(rest[0] as string)) return [];
  return rest;
}

/** When a segment is only assignments (`export A=1 B=2`), records them and returns true. */
function collectAssignments(script: string, seg: Segment, argv: readonly string[], out: ShellAssignment[]): boolean {
  let i = 0;
  let exported = false;
  if (ASSIGNMENT_BUILTINS.has(argv[0] as string)) {
    exported = argv[0] === 'export' || argv.slice(1).some((a) => /^-[a-zA-Z]*x/.test(a));
    i = 1;
    while (i < argv.length && (argv[i] as string).startsWith('-')) i++;
  }
  const rest = argv.slice(i);
  if (i === 0 && rest.length === 0) return false;
  if (i === 0 && !rest.every((a) => ASSIGNMENT.test(a))) return false;
  if (i > 0 && !rest.every((a) => ASSIGNMENT.test(a) || /^[A-Za-z_][A-Za-z0-9_]*$/.test(a))) return false;
  const words = rawWords(script, seg.start, seg.end);
  let w = 0;
  for (const token of rest) {
    const m = ASSIGNMENT.exec(token);
    if (!m) continue;
    const key = m[1] as string;
    while (w < words.length && !script.startsWith(`${key}=`, (words[w] as Segment).start)) w++;
    const word = words[w];
    const start = word ? word.start + key.length + 1 : seg.start;
    const end = word ? word.end : seg.end;
    if (word) w++;
    out.push({ key, value: token.slice(key.length + 1), exported, start, end });
  }
  return true;
}

/** Words of `[start, end)` as written: separated by unquoted blanks. */
function rawWords(text: string, start: number, end: number): Segment[] {
  const words: Segment[] = [];
  let i = start;
  while (i < end) {
    while (i < end && /\s/.test(text[i] as string)) i++;
    if (text[i] === '\\' && text[i + 1] === '\n') {
      i += 2;
      continue;
    }
    if (i >= end) break;
    const s = i;
    let quote = '';
    while (i < end) {
      const c = text[i] as string;
      if (quote) {
        if (c === '\\' && quote === '"') i++;
        else if (c === quote) quote = '';
      } else if (c === '\\') i++;
      else if (c === "'" || c === '"') quote = c;
      else if (/\s/.test(c)) break;
      i++;
    }
    words.push({ start: s, end: Math.min(i, end) });
  }
  return words;
}

/**
 * Splits a command string into words the way Docker Compose and Kubernetes tooling do (shlex:
 * quotes removed, no shell): operators such as `&&` stay ordinary words, expansions stay as written.
 */
export function shellWords(raw: string): string[] {
  const { text, slots } = protect(raw);
  let entries: ReturnType<typeof shellParse>;
  try {
    entries = shellParse(text, (key: string) => `$${key}`);
  } catch {
    return raw.split(/\s+/).filter((w) => w !== '');
  }
  const out: string[] = [];
  for (const e of entries) {
    if (typeof e === 'string') out.push(restore(e, slots));
    else if (e && typeof e === 'object') {
      if ('comment' in e) out.push(`#${restore(e.comment, slots)}`.trimEnd());
      else if ('pattern' in e) out.push(restore(e.pattern, slots));
      else if ('op' in e) out.push(String(e.op));
    }
  }
  return out;
}

/**
 * The commands of a script as CommandFacts, with the scripts of `sh -c "..."` wrappers opened
 * (up to three levels) and reported at the wrapper's span.
 */
export function scriptCommands(
  script: string,
  spanOf: (start: number, end: number) => Span,
  image: string | undefined = undefined,
  depth = 0,
): CommandFact[] {
  const out: CommandFact[] = [];
  for (const c of splitShellScript(script).commands) {
    const span = spanOf(c.start, c.end);
    out.push({ argv: c.argv, span, image });
    for (const x of wrapperCommands(c.argv, span, depth)) out.push(x);
  }
  return out;
}

/** For `sh -c SCRIPT` argv: the commands of SCRIPT, at `span` (no image: no entrypoint runs them). */
export function wrapperCommands(argv: readonly string[], span: Span, depth = 0): CommandFact[] {
  const k = wrappedScript(argv);
  if (k === undefined || depth >= 3) return [];
  return scriptCommands(argv[k] as string, () => span, undefined, depth + 1);
}
