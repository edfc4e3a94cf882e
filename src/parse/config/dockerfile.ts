import type { Span } from '../../core/types.js';
import type { CommandFact } from '../../models/connections/types.js';
import { LineIndex, syntaxError } from './positions.js';
import { scriptCommands, shellWords, wrapperCommands } from './shell-split.js';
import type { ConfigDoc, ConfigEntry } from './types.js';

const INSTRUCTIONS = new Set([
  'FROM',
  'RUN',
  'CMD',
  'LABEL',
  'MAINTAINER',
  'EXPOSE',
  'ENV',
  'ADD',
  'COPY',
  'ENTRYPOINT',
  'VOLUME',
  'USER',
  'WORKDIR',
  'ARG',
  'ONBUILD',
  'STOPSIGNAL',
  'HEALTHCHECK',
  'SHELL',
]);
const HEREDOC = /<<(-?)\s*(?:"([^"\s]+)"|'([^'\s]+)'|([A-Za-z_][A-Za-z0-9_]*))/g;

/** One instruction with its continuation lines joined, and where each joined piece came from. */
class Logical {
  readonly pieces: { at: number; file: number }[] = [];
  text = '';

  append(s: string, fileOffset: number): void {
    this.pieces.push({ at: this.text.length, file: fileOffset });
    this.text += s;
  }

  /** File offset of a joined offset; an end offset stays on the piece it ends. */
  file(o: number, isEnd: boolean): number {
    let k = this.pieces.length - 1;
    while (k > 0 && (isEnd ? (this.pieces[k] as { at: number }).at >= o : (this.pieces[k] as { at: number }).at > o))
      k--;
    const p = this.pieces[k] as { at: number; file: number };
    return p.file + (o - p.at);
  }
}

/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.dockerfile`, `Containerfile`), following the
 * BuildKit frontend's rules: the `# escape=` directive, line continuations (comment and empty
 * lines inside one are dropped), here-documents. `ENV K=V` / `ENV K V` / `ARG K=V` are entries;
 * `RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD`, in shell form (split into simple commands) or
 * JSON exec form, are commands. `CMD`/`ENTRYPOINT` carry the stage's `FROM` image, whose
 * entrypoint may supply the program. An unknown instruction is an error.
 */
export function parseDockerfile(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  const raw = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const starts: number[] = [];
  let off = 0;
  for (const l of text.split('\n')) {
    starts.push(off);
    off += l.length + 1;
  }
  const entries: ConfigEntry[] = [];
  const commands: CommandFact[] = [];
  const stages = new Map<string, string>();
  let image: string | undefined;
  let escape = '\\';
  let directives = true;

  for (let k = 0; k < raw.length; k++) {
    const line = raw[k] as string;
    const trimmed = line.trim();
    if (directives) {
      const d = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(trimmed);
      if (d && (d[1] as string).toLowerCase() === 'escape') escape = (d[2] as string)[0] ?? '\\';
      if (d) continue;
      directives = false;
    }
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    const startLine = k;
    const logical = new Logical();
    const lead = line.length - line.trimStart().length;
    let piece = line.slice(lead);
    let pieceFile = (starts[k] as number) + lead;
    for (;;) {
      const cont = continuation(piece, escape);
      if (cont === undefined || k + 1 >= raw.length) {
        logical.append(piece.replace(/\s+$/, ''), pieceFile);
        break;
      }
      logical.append(piece.slice(0, cont), pieceFile);
      k++;
      while (k + 1 < raw.length && /^\s*(#.*)?$/.test(raw[k] as string)) k++; // comments and blanks inside
      piece = raw[k] as string;
      pieceFile = starts[k] as number;
    }
    const m = /^([A-Za-z]+)(\s+|$)/.exec(logical.text);
    const word = m?.[1]?.toUpperCase();
    if (!m || !word || !INSTRUCTIONS.has(word)) {
      throw syntaxError(
        'Dockerfile',
        startLine + 1,
        // The line says where; the text itself is not quoted (it may be a secret on a broken line).
        'unknown instruction',
      );
    }
    const argsAt = m[0].length;
    const args = logical.text.slice(argsAt);
    const spanOf = (s: number, e: number): Span =>
      lines.span(logical.file(argsAt + s, false), logical.file(argsAt + e, true));

    // Here-documents: their bodies follow the instruction; a `RUN <<EOF` body is the script.
    const heredocs = [...args.matchAll(HEREDOC)];
    let heredocScript: { text: string; start: number } | undefined;
    for (const h of heredocs) {
      const delim = h[2] ?? h[3] ?? h[4] ?? '';
      const bodyStart = k + 1;
      let j = bodyStart;
      while (j < raw.length && (h[1] === '-' ? (raw[j] as string).replace(/^\t+/, '') : raw[j]) !== delim) j++;
      if (word === 'RUN' && heredocs.length === 1 && stripFlags(args).trim() === h[0] && j > bodyStart) {
        const from = starts[bodyStart] as number;
        const to = (starts[j - 1] as number) + (raw[j - 1] as string).length;
        const body = text.slice(from, to);
        if (!/^#!\s*\S*(python|node|perl|ruby)/.test(body)) heredocScript = { text: body, start: from };
      }
      k = Math.min(j, raw.length - 1);
    }

    switch (word) {
      case 'FROM': {
        const words = shellWords(args).filter((w) => !w.startsWith('--'));
        const ref = words[0];
        image = ref !== undefined ? (stages.get(ref.toLowerCase()) ?? ref) : undefined;
        if (words[1]?.toLowerCase() === 'as' && words[2] && image) stages.set(words[2].toLowerCase(), image);
        break;
      }
      case 'ENV':
      case 'ARG':
        for (const x of assignments(word, args, spanOf)) entries.push(x);
        break;
      case 'RUN':
        // Loops, not push(...list): a RUN of 200,000 commands would overflow the stack.
        if (heredocScript) {
          const base = heredocScript.start;
          const found = scriptCommands(heredocScript.text, (s, e) => lines.span(base + s, base + e));
          for (const x of found) commands.push(x);
        } else {
          const found = runForm(stripFlags(args), args.length - stripFlags(args).length, spanOf, undefined);
          for (const x of found) commands.push(x);
        }
        break;
      case 'CMD':
      case 'ENTRYPOINT':
        for (const x of runForm(args, 0, spanOf, image)) commands.push(x);
        break;
      case 'HEALTHCHECK': {
        const cmd = /^(?:--\S+\s+)*CMD\s+/i.exec(args);
        if (cmd) for (const x of runForm(args.slice(cmd[0].length), cmd[0].length, spanOf, undefined)) commands.push(x);
        break;
      }
      default:
        break;
    }
  }
  return { format: 'dockerfile', entries, commands };
}

/** Index where the continuation escape starts, when the line ends with one. */
function continuation(line: string, escape: string): number | undefined {
  const t = line.replace(/[ \t]+$/, '');
  if (!t.endsWith(escape)) return undefined;
  // an escaped escape (`\\`) does not continue
  let n = 0;
  for (let i = t.length - 1; i >= 0 && t[i] === escape; i--) n++;
  return n % 2 === 1 ? t.length - 1 : undefined;
}

/** `RUN --mount=... --network=none cmd` → `cmd`. */
function stripFlags(args: string): string {
  return args.replace(/^(?:--[A-Za-z-]+(?:=(?:"[^"]*"|'[^']*'|\S)*)?\s+)*/, '');
}

/** Exec form (a JSON array of strings) or shell form. `skip` is where `text` starts in the args. */
function runForm(
  text: string,
  skip: number,
  spanOf: (s: number, e: number) => Span,
  image: string | undefined,
): CommandFact[] {
  const t = text.trimEnd();
  if (t.startsWith('[')) {
    try {
      const arr: unknown = JSON.parse(t);
      if (Array.isArray(arr) && arr.every((a) => typeof a === 'string')) {
        const span = spanOf(skip, skip + t.length);
        return arr.length > 0
          ? [{ argv: arr as string[], span, image }, ...wrapperCommands(arr as string[], span)]
          : [];
      }
    } catch {
      // not JSON: Docker runs it in shell form
    }
  }
  return scriptCommands(t, (s, e) => spanOf(skip + s, skip + e), image);
}

/** `ENV A=1 B="two words"`, legacy `ENV A one two`, `ARG A=1`: one entry per assignment. */
function assignments(word: string, args: string, spanOf: (s: number, e: number) => Span): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  const body = args.trimEnd();
  const firstWord = /^\S+/.exec(body)?.[0] ?? '';
  if (!firstWord.includes('=')) {
    if (word !== 'ENV') return out; // `ARG NAME`: no default
    const sp = /^(\S+)\s+/.exec(body);
    if (!sp) return out;
    const key = sp[1] as string;
    const raw = body.slice(sp[0].length);
    const value =
      raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] ? raw.slice(1, -1) : raw;
    out.push({ path: [key], key, value, span: spanOf(sp[0].length, body.length), document: 0 });
    return out;
  }
  const words = shellWords(body);
  let cursor = 0;
  for (const w of words) {
    const eq = w.indexOf('=');
    if (eq <= 0) continue;
    const key = w.slice(0, eq);
    const at = findWord(body, `${key}=`, cursor);
    const valueStart = at < 0 ? 0 : at + key.length + 1;
    const valueEnd = at < 0 ? body.length : wordEnd(body, valueStart);
    cursor = valueEnd;
    out.push({ path: [key], key, value: w.slice(eq + 1), span: spanOf(valueStart, valueEnd), document: 0 });
  }
  return out;
}

/** Offset of `needle` at a word start at or after `from`; -1 when absent. */
function findWord(s: string, needle: string, from: number): number {
  for (let i = s.indexOf(needle, from); i >= 0; i = s.indexOf(needle, i + 1)) {
    if (i === 0 || /\s/.test(s[i - 1] as string)) return i;
  }
  return -1;
}

/** End of the word starting at `i`: the first blank outside quotes. */
function wordEnd(s: string, i: number): number {
  let quote = '';
  for (; i < s.length; i++) {
    const c = s[i] as string;
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = '';
    } else if (c === '\\') i++;
    else if (c === '"' || c === "'") quote = c;
    else if (/\s/.test(c)) break;
  }
  return Math.min(i, s.length);
}
