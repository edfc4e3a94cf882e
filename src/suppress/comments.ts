import { Properties } from 'properties-file/parser';
import { CST, Lexer } from 'yaml';
import type { FileKind } from '../core/types.js';
import type { Node } from '../parse/python.js';

/** A comment's 1-based line and its text from the comment character on. */
export interface Comment {
  readonly line: number;
  readonly text: string;
}

/** Quick test before any comment is read: most files hold no suppression at all. */
export function mayHoldSuppression(text: string): boolean {
  return text.includes('nosec') || /flask-crdb-gate/i.test(text);
}

/**
 * The real comments of a file, never text that only looks like one inside a string: tree-sitter's
 * `comment` nodes for Python, the `yaml` library's lexer for YAML, and for the line-based formats a
 * scan that follows their quoting rules. JSON has no comments.
 */
export function commentsOf(kind: FileKind, text: string, pythonRoot: Node | undefined): Comment[] {
  switch (kind) {
    case 'python':
      return pythonRoot ? pythonComments(pythonRoot) : [];
    case 'yaml':
      return yamlComments(text);
    case 'toml':
      return tomlComments(text);
    case 'ini':
      return lineComments(text, { chars: '#;', quotes: '"\'', carry: false, escapes: false, valueQuotes: '=:' });
    case 'dotenv':
      return lineComments(text, { chars: '#', quotes: '"\'`', carry: true, escapes: true, valueQuotes: '=' });
    case 'shell':
      return lineComments(text, { chars: '#', quotes: '"\'', carry: true, escapes: true });
    case 'dockerfile':
    case 'makefile':
    case 'procfile':
      return lineComments(text, { chars: '#', quotes: '"\'', carry: false, escapes: true });
    case 'properties':
      // java.util.Properties: `#` or `!` first on a line (never after a value, never inside a
      // continued one), as the parser finds them.
      return new Properties(text).getComments().map((c) => ({ line: c.lineNumber, text: `${c.delimiter}${c.body}` }));
    case 'json':
      return [];
    case 'bicep':
      return bicepComments(text);
  }
}

/** Bicep: line comments (two slashes) and block comments, outside single-quoted strings (backslash escapes). */
function bicepComments(text: string): Comment[] {
  const out: Comment[] = [];
  let line = 1;
  let i = 0;
  let inString = false;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
      continue;
    }
    if (inString) {
      if (c === '\\') i++;
      else if (c === "'") inString = false;
      i++;
      continue;
    }
    if (c === "'") {
      inString = true;
      i++;
      continue;
    }
    if (c === '/' && text[i + 1] === '/') {
      const end = text.indexOf('\n', i);
      const stop = end < 0 ? n : end;
      out.push({ line, text: text.slice(i, stop) });
      i = stop;
      continue;
    }
    if (c === '/' && text[i + 1] === '*') {
      const end = text.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      const body = text.slice(i, stop);
      out.push({ line, text: body });
      line += body.split('\n').length - 1;
      i = stop;
      continue;
    }
    i++;
  }
  return out;
}

function pythonComments(root: Node): Comment[] {
  return root.descendantsOfType('comment').map((n) => ({ line: n.startPosition.row + 1, text: n.text }));
}

/** Comment tokens of the `yaml` library's lexer, placed by summing the lengths of the tokens before them. */
function yamlComments(text: string): Comment[] {
  const out: Comment[] = [];
  let offset = 0;
  let line = 1;
  let counted = 0; // offset up to which newlines have been counted
  const markers = new Set<string>([CST.DOCUMENT, CST.FLOW_END, CST.SCALAR]);
  for (const token of new Lexer().lex(text)) {
    if (markers.has(token)) continue;
    if (CST.tokenType(token) === 'comment') {
      for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) line++;
      counted = offset;
      out.push({ line, text: token });
    }
    offset += token.length;
  }
  return out;
}

/** TOML: `#` outside the four kinds of strings starts a comment. */
function tomlComments(text: string): Comment[] {
  const out: Comment[] = [];
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      i++;
    } else if (c === '#') {
      const end = endOfLine(text, i);
      out.push({ line, text: text.slice(i, end) });
      i = end;
    } else if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
      const delim = text.slice(i, i + 3);
      let j = i + 3;
      while (j < n) {
        if (delim === '"""' && text[j] === '\\') j += 2;
        else if (text.startsWith(delim, j)) break;
        else j++;
      }
      // Up to two quotes may close the content before the delimiter (`""""` ends in a quote).
      while (text[j + 3] === delim[0]) j++;
      line += countNewlines(text, i, Math.min(n, j + 3));
      i = j + 3;
    } else if (c === '"' || c === "'") {
      let j = i + 1;
      while (j < n && text[j] !== c && text[j] !== '\n') j += c === '"' && text[j] === '\\' ? 2 : 1;
      i = j + 1;
      if (text[j] === '\n') line++;
    } else {
      i++;
    }
  }
  return out;
}

interface LineRules {
  /** Characters that start a comment (at the start of a line or after white space). */
  readonly chars: string;
  readonly quotes: string;
  /** Whether a quote left open continues on the next line (shell, dotenv) or ends with the line. */
  readonly carry: boolean;
  /** Whether a backslash escapes the next character outside single quotes. */
  readonly escapes: boolean;
  /**
   * INI and dotenv quote whole values only: a quote opens only right after one of these (and
   * spaces), so the apostrophe of `NOTE=don't` is a letter.
   */
  readonly valueQuotes?: string;
}

/**
 * Shell-like formats: a comment character starts a comment at the start of a line or after white
 * space, outside quotes (so `pass#word` and `"a # b"` are not comments).
 */
function lineComments(text: string, rules: LineRules): Comment[] {
  const out: Comment[] = [];
  let quote = '';
  let line = 1;
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (c === '\n') {
      line++;
      if (!rules.carry) quote = '';
      i++;
      continue;
    }
    if (quote) {
      if (rules.escapes && c === '\\' && quote !== "'") i += 2;
      else {
        if (c === quote) quote = '';
        i++;
      }
      continue;
    }
    if (rules.escapes && c === '\\') {
      if (text[i + 1] === '\n') line++;
      i += 2;
    } else if (rules.quotes.includes(c) && opensQuote(text, i, rules.valueQuotes)) {
      quote = c;
      i++;
    } else if (rules.chars.includes(c) && (i === 0 || /\s/.test(text[i - 1] as string))) {
      const end = endOfLine(text, i);
      out.push({ line, text: text.slice(i, end) });
      i = end;
    } else {
      i++;
    }
  }
  return out;
}

function opensQuote(text: string, at: number, after: string | undefined): boolean {
  if (after === undefined) return true;
  let j = at - 1;
  while (j >= 0 && (text[j] === ' ' || text[j] === '\t')) j--;
  return j >= 0 && after.includes(text[j] as string);
}

function endOfLine(text: string, from: number): number {
  const nl = text.indexOf('\n', from);
  const end = nl < 0 ? text.length : nl;
  return text[end - 1] === '\r' ? end - 1 : end;
}

function countNewlines(text: string, from: number, to: number): number {
  let count = 0;
  for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1)) count++;
  return count;
}
