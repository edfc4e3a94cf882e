import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { constantStringValue, decodeString } from '../../lang/python/strings.js';

/**
 * A cookie an application sets by writing the `Set-Cookie` header itself, as code without
 * Werkzeug's `set_cookie()` does: `self.send_header("Set-Cookie", "sid=%s; Path=/" % sid)` in an
 * `http.server` handler, `("Set-Cookie", value)` in a WSGI header list, `resp.headers["Set-Cookie"]
 * = ...`, or `<meta http-equiv="Set-Cookie" content="sid=...">` in a page. Written by hand, a flag
 * is there only when the text spells it, so a missing `Secure` or `HttpOnly` is the cookie's state.
 */
export interface HeaderCookie {
  /** The string literal that holds the cookie text. */
  readonly node: Node;
  readonly name: string;
  /** Lower-case attribute names: `secure`, `httponly`, `path`, `samesite`. */
  readonly attributes: ReadonlySet<string>;
}

const HEADER_METHODS = new Set(['send_header', 'add_header', 'add', 'append', 'set', 'setdefault', '__setitem__']);
/** After the header's name in one literal: `Set-Cookie: v`, or `http-equiv="Set-Cookie" content="v"`. */
const IN_TEXT = /set-cookie["']?\s*(?::|content\s*=\s*["']?)\s*([^"'<>\r\n]+)/gi;
/** A value not known statically, inside the cookie text. */
const HOLE = '\u0000';

export function headerCookies(py: PythonIndex): HeaderCookie[] {
  if (!/set-cookie/i.test(py.doc.text)) return [];
  const out: HeaderCookie[] = [];
  const seen = new Set<number>();
  const add = (node: Node, text: string): void => {
    const cookie = parseCookie(text);
    if (!cookie || seen.has(node.id)) return;
    seen.add(node.id);
    out.push({ node, ...cookie });
  };
  for (const s of py.strings) {
    const text = textOf(s);
    if (text === undefined) continue;
    for (const m of text.matchAll(IN_TEXT)) add(s, m[1] as string);
  }
  // The header named in one place and its value in the next: a call's two arguments, a tuple's
  // two items, or a subscript assignment.
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || !HEADER_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) continue;
    const [name, value] = callArguments(call).positional;
    if (name && value) pairValue(name, value, add);
  }
  for (const t of py.doc.root.descendantsOfType('tuple')) {
    const items = t.namedChildren.filter((c): c is Node => c !== null);
    if (items.length === 2) pairValue(items[0] as Node, items[1] as Node, add);
  }
  for (const a of py.assignments) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'subscript' || !right) continue;
    const key = left.childForFieldName('subscript');
    if (key) pairValue(key, right, add);
  }
  return out;
}

/** `("Set-Cookie", "sid=...; Path=/")`, also when the value is formatted (`"sid=%s" % v`, an f-string). */
function pairValue(name: Node, value: Node, add: (node: Node, text: string) => void): void {
  if (constantStringValue(name)?.toLowerCase() !== 'set-cookie') return;
  const literal = formatTemplate(value);
  const text = literal ? textOf(literal) : undefined;
  if (literal && text !== undefined) add(literal, text);
}

/** The literal a value is written from: itself, or the template of `%` or `.format()`. */
function formatTemplate(value: Node): Node | undefined {
  if (value.type === 'string' || value.type === 'concatenated_string') return value;
  if (value.type === 'binary_operator' && value.childForFieldName('operator')?.type === '%') {
    const left = value.childForFieldName('left');
    return left && (left.type === 'string' || left.type === 'concatenated_string') ? left : undefined;
  }
  if (value.type === 'call') {
    const fn = value.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    if (fn?.childForFieldName('attribute')?.text === 'format' && object?.type === 'string') return object;
  }
  return undefined;
}

function textOf(literal: Node): string | undefined {
  const decoded = decodeString(literal);
  if (!decoded || decoded.bytes) return undefined;
  return decoded.parts.map((p) => (p.kind === 'text' ? p.text : HOLE)).join('');
}

/** `NAME=VALUE; Attr; Attr=v` as a browser reads it. */
function parseCookie(text: string): { name: string; attributes: ReadonlySet<string> } | undefined {
  const [pair, ...attrs] = text.split(';');
  const eq = (pair ?? '').indexOf('=');
  if (eq <= 0) return undefined;
  const name = (pair as string).slice(0, eq).trim();
  if (!/^[\w.-]+$/.test(name)) return undefined;
  const attributes = new Set(attrs.map((a) => (a.split('=')[0] ?? '').trim().toLowerCase()).filter((a) => a !== ''));
  return { name, attributes };
}

/**
 * A cookie that signs someone in: a session id, an auth or remember-me token. A theme, language
 * or consent cookie is readable and sent in the clear without harm.
 */
export function isSessionCookieName(name: string): boolean {
  const lower = name.toLowerCase().replace(/^__(?:host|secure)-/, '');
  return /sess|^sid$|[._-]sid$|^sid[._-]|auth|token|remember|jwt|login|^access|^refresh/.test(lower);
}
