import { DYNAMIC } from '../../core/dynamic.js';
import type { Node } from '../../parse/python.js';

/**
 * Python string literals, decoded from the tree rather than from source text: the grammar
 * already knows where a literal starts and ends, which parts are `{interpolations}` and which
 * string pieces belong to one implicitly concatenated literal.
 */

/** A literal piece of text, or an f-string interpolation the caller may be able to evaluate. */
export type StringPart =
  | { readonly kind: 'text'; readonly text: string }
  | {
      readonly kind: 'interpolation';
      readonly expression: Node;
      /**
       * False when the interpolation does more than insert `str(value)`: a `!r`/`!a`
       * conversion, a non-empty format spec or the `=` debug form. Its text is then unknown
       * even when the value is known.
       */
      readonly plain: boolean;
    };

export interface DecodedString {
  readonly parts: readonly StringPart[];
  /** A `b"..."` piece: a bytes literal. */
  readonly bytes: boolean;
  /** An `f"..."` piece with at least one interpolation. */
  readonly formatted: boolean;
  /** A Python 3.14 `t"..."` template: not a str at all, so its value is never known. */
  readonly template: boolean;
}

export function isStringNode(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

/**
 * The node that stands for the whole literal: `"a" "b"` is one value, so a piece of an
 * implicitly concatenated string is represented by the `concatenated_string` around it.
 */
export function topStringNode(node: Node): Node {
  const parent = node.parent;
  return node.type === 'string' && parent?.type === 'concatenated_string' ? parent : node;
}

/**
 * A docstring, or any string that is a statement on its own: its value goes nowhere, so a URI
 * in it is documentation, not configuration.
 */
export function isDocstring(node: Node): boolean {
  const top = topStringNode(node);
  const parent = top.parent;
  return parent?.type === 'expression_statement' && parent.namedChildCount === 1;
}

// Several passes decode the same literals; node access crosses into WebAssembly, so each literal
// is decoded once per tree. Node ids are unique within a tree. Kept by the tree rather than in the
// file index's memo store: decodeString is handed a node, not the index (every string helper is),
// and the entry is dropped with the tree.
const decodeCache = new WeakMap<object, Map<number, DecodedString | undefined>>();

/** Decodes a `string` or `concatenated_string` node; undefined for any other node. */
export function decodeString(node: Node): DecodedString | undefined {
  let cache = decodeCache.get(node.tree);
  if (!cache) {
    cache = new Map();
    decodeCache.set(node.tree, cache);
  }
  const id = node.id;
  if (cache.has(id)) return cache.get(id);
  const type = node.type;
  let decoded: DecodedString | undefined;
  if (type === 'string') decoded = decodePieces([node]);
  else if (type === 'concatenated_string') {
    // Comments may sit between the pieces of a parenthesised multi-line literal.
    decoded = decodePieces(node.namedChildren.filter((c) => c.type === 'string'));
  }
  cache.set(id, decoded);
  return decoded;
}

/** The literal's value with every interpolation as DYNAMIC; undefined when not a string node. */
export function stringValue(node: Node): string | undefined {
  const decoded = decodeString(node);
  if (!decoded) return undefined;
  if (decoded.template) return DYNAMIC;
  return decoded.parts.map((p) => (p.kind === 'text' ? p.text : DYNAMIC)).join('');
}

/** A literal without interpolations (a plain constant), else undefined. */
export function constantStringValue(node: Node): string | undefined {
  const decoded = decodeString(node);
  if (!decoded || decoded.template || decoded.parts.some((p) => p.kind !== 'text')) return undefined;
  return decoded.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

function decodePieces(pieces: readonly Node[]): DecodedString {
  const parts: StringPart[] = [];
  let bytes = false;
  let formatted = false;
  let template = false;
  const pushText = (text: string): void => {
    if (text === '') return;
    const last = parts[parts.length - 1];
    if (last?.kind === 'text') parts[parts.length - 1] = { kind: 'text', text: last.text + text };
    else parts.push({ kind: 'text', text });
  };
  for (const piece of pieces) {
    const start = piece.firstChild;
    const end = piece.lastChild;
    if (!start || start.type !== 'string_start') continue;
    const opener = start.text;
    const prefix = stringPrefix(opener);
    const raw = prefix.includes('r');
    const isF = prefix.includes('f');
    if (prefix.includes('b')) bytes = true;
    if (prefix.includes('t')) template = true;

    // Text between the opening and closing quotes, cut at each interpolation. Offsets come
    // from the nodes, so escape sequences and `{{` live inside the text regions we decode.
    const pieceText = piece.text;
    const base = piece.startIndex;
    const contentStart = start.endIndex - base;
    const contentEnd = end && end.type === 'string_end' ? end.startIndex - base : pieceText.length;
    let cursor = contentStart;
    // Only f-strings (and t-strings) have interpolations: skip listing the children otherwise.
    const children = isF || prefix.includes('t') ? piece.namedChildren : [];
    for (const child of children) {
      if (child.type !== 'interpolation') continue;
      const at = child.startIndex - base;
      pushText(decodeRegion(pieceText.slice(cursor, at), raw, isF));
      cursor = child.endIndex - base;
      const expression = child.childForFieldName('expression');
      if (!expression) continue;
      formatted = true;
      const conversion = child.childForFieldName('type_conversion');
      const spec = child.childForFieldName('format_specifier');
      const debug = child.children.some((c) => !c.isNamed && c.type === '=');
      const plain = (!conversion || conversion.text === '!s') && (!spec || spec.text === ':') && !debug;
      parts.push({ kind: 'interpolation', expression, plain });
    }
    pushText(decodeRegion(pieceText.slice(cursor, Math.max(cursor, contentEnd)), raw, isF));
  }
  return { parts, bytes, formatted, template };
}

const SIMPLE_ESCAPES: Readonly<Record<string, string>> = {
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v',
};

/** Python's escape rules for one stretch of literal text (and `{{`/`}}` in f-strings). */
export function decodeRegion(text: string, raw: boolean, fstring: boolean): string {
  if (!text.includes('\\') && !(fstring && (text.includes('{{') || text.includes('}}')))) return text;
  let out = '';
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i] as string;
    if (fstring && (c === '{' || c === '}') && text[i + 1] === c) {
      out += c;
      i += 2;
      continue;
    }
    if (c !== '\\' || raw || i + 1 >= n) {
      out += c;
      i++;
      continue;
    }
    const e = text[i + 1] as string;
    if (e === '\n') {
      i += 2; // line continuation inside the literal
      continue;
    }
    if (e === '\r') {
      i += text[i + 2] === '\n' ? 3 : 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[e];
    if (simple !== undefined) {
      out += simple;
      i += 2;
      continue;
    }
    if (e >= '0' && e <= '7') {
      let j = i + 1;
      let digits = '';
      while (j < n && digits.length < 3 && (text[j] as string) >= '0' && (text[j] as string) <= '7') {
        digits += text[j];
        j++;
      }
      out += String.fromCodePoint(parseInt(digits, 8));
      i = j;
      continue;
    }
    const width = e === 'x' ? 2 : e === 'u' ? 4 : e === 'U' ? 8 : 0;
    if (width > 0) {
      const hex = text.slice(i + 2, i + 2 + width);
      const code = hex.length === width && isHex(hex) ? parseInt(hex, 16) : NaN;
      if (!Number.isNaN(code) && code <= 0x10ffff) {
        out += String.fromCodePoint(code);
        i += 2 + width;
        continue;
      }
    }
    // Unknown escapes (and \N{...}) keep their backslash, as Python does for unknown ones.
    out += c + e;
    i += 2;
  }
  return out;
}

/** `Rb'''` → `rb`: the letters before the opening quote. */
function stringPrefix(opener: string): string {
  let end = 0;
  while (end < opener.length && opener[end] !== '"' && opener[end] !== "'") end++;
  return opener.slice(0, end).toLowerCase();
}

function isHex(s: string): boolean {
  for (const ch of s) {
    if (!((ch >= '0' && ch <= '9') || (ch >= 'a' && ch <= 'f') || (ch >= 'A' && ch <= 'F'))) return false;
  }
  return true;
}
