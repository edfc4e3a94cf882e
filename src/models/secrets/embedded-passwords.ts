import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { isPlaceholder } from '../../core/placeholder.js';
import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { constantStringValue, isDocstring } from '../../lang/python/strings.js';
import { isPasswordName } from '../names/passwords.js';

/**
 * User records with plaintext passwords written into the source as a document in a string
 * constant: `USERS_XML = """<users><user><username>admin</username><password>…</password>…"""`
 * or the same as JSON, which the application parses to seed its users table or to check logins.
 * The document is parsed (fast-xml-parser, JSON.parse), not searched: a password is the text of an
 * element or the value of an attribute or key named for a password.
 */
export interface EmbeddedPasswords {
  /** The string literal holding the document. */
  readonly node: Node;
  /** The name the string is assigned to, when it is. */
  readonly name: string | undefined;
  readonly format: 'XML' | 'JSON';
  /** The plaintext passwords found (to scrub from messages; never printed). */
  readonly values: readonly string[];
}

/** Longest literal parsed: seed documents are small; a larger one is data, not a few accounts. */
const MAX_DOCUMENT = 200_000;

/** Shortest text taken for a password (shorter values are flags, digits, initials). */
const MIN_LENGTH = 3;

/** Stored password hashes: bcrypt, argon2, scrypt, PBKDF2 and crypt(3) formats, hex digests. */
const HASHED = [
  /^\$2[abxy]?\$\d\d\$/,
  /^\$argon2(?:id|i|d)\$/,
  /^\$scrypt\$|^scrypt:/,
  /^\$pbkdf2(?:-sha\d+)?\$|^pbkdf2[:_$]/,
  /^\$[1-7]\$/,
  /^\{(?:SSHA|SHA|SSHA256|SSHA512|CRYPT|BCRYPT|PBKDF2)[^}]*\}/i,
  /^[a-f0-9]{32}$|^[a-f0-9]{40}$|^[a-f0-9]{64}$|^[a-f0-9]{128}$/i,
  /^(?:sha1|sha256|sha512|md5|bcrypt|argon2)[$:]/i,
];

/** Templating that fills the value in later. */
const TEMPLATED = /\$\{|\{\{|%\(|^\{[\w.]*\}$|^<[^>]*>$|^\*+$|^x+$/i;

export function isPlaintextPassword(value: string): boolean {
  const v = value.trim();
  if (v.length < MIN_LENGTH || isPlaceholder(v)) return false;
  return !HASHED.some((re) => re.test(v)) && !TEMPLATED.test(v);
}

/**
 * A cheap look at the whole file before any string node is read: a password element
 * (`<password>`), attribute (`password="`) or JSON key (`"user_password":`) is written somewhere.
 */
const DOCUMENT_MARKS = ['<pass', '<pwd', '<user_pass', 'password"', 'passwd"', 'pwd"', 'password=', 'passwd=', 'pwd='];

function mayHoldDocument(text: string): boolean {
  const lower = text.toLowerCase();
  return DOCUMENT_MARKS.some((m) => lower.includes(m)) || lower.includes("password'") || lower.includes("pwd'");
}

/** A cheap look at a literal before it is parsed: a document that mentions a password. */
function mayHold(text: string): 'XML' | 'JSON' | undefined {
  const lower = text.toLowerCase();
  if (!lower.includes('pass') && !lower.includes('pwd')) return undefined;
  const start = text.trimStart()[0];
  if (start === '<') return 'XML';
  if (start === '{' || start === '[') return 'JSON';
  return undefined;
}

/** Every string constant of the file that is an XML or JSON document with plaintext passwords. */
export function embeddedPasswords(py: PythonIndex): EmbeddedPasswords[] {
  const out: EmbeddedPasswords[] = [];
  if (!mayHoldDocument(py.doc.text)) return out;
  for (const str of py.strings) {
    // Documents of a few records are hundreds of characters; a cheap length gate first.
    if (str.endIndex - str.startIndex < 40) continue;
    const raw = str.text;
    const lower = raw.toLowerCase();
    if (!lower.includes('pass') && !lower.includes('pwd')) continue;
    if (isDocstring(str)) continue;
    const text = constantStringValue(str);
    if (text === undefined) continue;
    if (text.length > MAX_DOCUMENT) continue;
    const format = mayHold(text);
    if (!format) continue;
    const values = format === 'XML' ? xmlPasswords(text) : jsonPasswords(text);
    if (values.length === 0) continue;
    const parent = str.parent;
    const left = parent?.type === 'assignment' ? parent.childForFieldName('left') : undefined;
    out.push({ node: str, name: left?.type === 'identifier' ? left.text : undefined, format, values });
  }
  return out;
}

const PARSER = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  processEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function xmlPasswords(text: string): string[] {
  let doc: unknown;
  try {
    // Both recurse on nesting: a hostile document too deep for the stack is skipped, not fatal.
    if (XMLValidator.validate(text) !== true) return [];
    doc = PARSER.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  collect(doc, undefined, out, 0);
  return out;
}

function jsonPasswords(text: string): string[] {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch {
    return [];
  }
  const out: string[] = [];
  collect(doc, undefined, out, 0);
  return out;
}

const MAX_DEPTH = 32;

/** Values under password-named keys (XML: elements and `@_` attributes; `#text` is an element's text). */
function collect(value: unknown, key: string | undefined, out: string[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  if (Array.isArray(value)) {
    for (const item of value) collect(item, key, out, depth + 1);
    return;
  }
  if (value !== null && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) {
      if (k === '#text') collect(v, key, out, depth + 1);
      else collect(v, k.startsWith('@_') ? k.slice(2) : k, out, depth + 1);
    }
    return;
  }
  if (key === undefined || !isPasswordName(key)) return;
  const text = typeof value === 'string' ? value : typeof value === 'number' ? String(value) : undefined;
  if (text !== undefined && isPlaintextPassword(text)) out.push(text.trim());
}
