import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { envLookupOfCall, envLookupOfSubscript } from '../../lang/python/env.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { conditionalParts } from '../../lang/python/evaluate.js';
import { constantStringValue, decodeString } from '../../lang/python/strings.js';
import { isPasswordName, mentionsPassword } from '../names/passwords.js';

export { isPasswordColumnName, isPasswordName, mentionsPassword } from '../names/passwords.js';

/**
 * Whether an expression carries a user's password, judged by the data: the names it is read
 * through (`password`, `new_pwd`, `form.password.data`, `request.form["password"]`,
 * `data.get("passphrase")`), followed through string building (`salt + password`, f-strings,
 * `.encode()`) and single assignments. Names that merely mention passwords without holding one
 * (`password_hash`, `password_reset_token`, `PASSWORD_MIN_LENGTH`) are not passwords.
 */

// Methods and builtins that give back the same secret in another form.
const PASSTHROUGH_METHODS = new Set([
  'encode',
  'decode',
  'strip',
  'lstrip',
  'rstrip',
  'lower',
  'upper',
  'casefold',
  'format',
  'join',
  'replace',
  'ljust',
  'rjust',
  'zfill',
  'center',
  'normalize',
]);
const PASSTHROUGH_FUNCTIONS = new Set([
  'str',
  'bytes',
  'bytearray',
  'memoryview',
  'repr',
  'codecs.encode',
  'str.encode',
]);
// ElementTree's findtext reads a child element by name, like a getter.
const GETTERS = new Set(['get', 'getlist', 'pop', 'getattr', 'getfirst', 'getvalue', 'get_json', 'findtext']);

const MAX_DEPTH = 8;

interface Walk {
  readonly py: PythonIndex;
  readonly seen: Set<number>;
}

/**
 * Where the password in an expression comes from, for a message (`password`,
 * `request.form["password"]`, `form.password.data`); undefined when no part of it is a password.
 */
export function passwordSource(node: Node, py: PythonIndex): string | undefined {
  return source(node, { py, seen: new Set() }, 0);
}

function source(node: Node, w: Walk, depth: number): string | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparenthesize(node);
  if (w.seen.has(n.id)) return undefined;
  w.seen.add(n.id);
  switch (n.type) {
    case 'identifier':
      return identifierSource(n, w, depth);
    case 'attribute': {
      const attr = n.childForFieldName('attribute')?.text ?? '';
      const object = n.childForFieldName('object');
      // WTForms: form.password.data
      if (attr === 'data' && object?.type === 'attribute') {
        const field = object.childForFieldName('attribute')?.text ?? '';
        if (isPasswordName(field)) return `${shortText(n)}`;
      }
      return isPasswordName(attr) ? shortText(n) : undefined;
    }
    case 'subscript': {
      const key = n.childForFieldName('subscript');
      const k = key ? constantStringValue(key) : undefined;
      if (k !== undefined) return isPasswordName(k) ? shortText(n) : undefined;
      const value = n.childForFieldName('value');
      // passwords[i]
      return value?.type === 'identifier' && isPasswordName(value.text) ? shortText(n) : undefined;
    }
    case 'call':
      return callSource(n, w, depth);
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.type;
      if (op !== '+' && op !== '%') return undefined;
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      return (l && source(l, w, depth + 1)) || (r && source(r, w, depth + 1)) || undefined;
    }
    case 'tuple':
    case 'list':
      // "%s%s" % (salt, password)
      for (const c of n.namedChildren) {
        const s = source(c, w, depth + 1);
        if (s) return s;
      }
      return undefined;
    case 'string':
    case 'concatenated_string': {
      const decoded = decodeString(n);
      for (const part of decoded?.parts ?? []) {
        if (part.kind !== 'interpolation') continue;
        const s = source(part.expression, w, depth + 1);
        if (s) return s;
      }
      return undefined;
    }
    case 'conditional_expression': {
      const branches = n.namedChildren.filter((c) => c.type !== 'comment');
      for (const b of [branches[0], branches[2]]) {
        const s = b ? source(b, w, depth + 1) : undefined;
        if (s) return s;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

function identifierSource(n: Node, w: Walk, depth: number): string | undefined {
  const name = n.text;
  // `import pwd`: the Unix account database, not a password.
  if (w.py.imports.names.has(name)) return undefined;
  if (isPasswordName(name)) return name;
  if (mentionsPassword(name)) return undefined; // password_hash and friends: derived already
  for (const b of w.py.scopes.bindingsOf(name, n)) {
    if (b.kind !== 'value') continue;
    const s = source(b.value, w, depth + 1);
    if (s) return s;
  }
  return undefined;
}

function callSource(n: Node, w: Walk, depth: number): string | undefined {
  const fn = n.childForFieldName('function');
  if (!fn) return undefined;
  const args = callArguments(n);
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (GETTERS.has(method)) {
      const key = args.positional[0];
      const k = key ? constantStringValue(key) : undefined;
      if (k !== undefined && isPasswordName(k)) return shortText(n);
      return undefined;
    }
    if (PASSTHROUGH_METHODS.has(method)) {
      const fromObject = object ? source(object, w, depth + 1) : undefined;
      if (fromObject) return fromObject;
      if (method === 'format' || method === 'join' || object?.type === 'string') {
        for (const a of [...args.positional, ...args.keywords.values()]) {
          const s = source(a, w, depth + 1);
          if (s) return s;
        }
      }
      return undefined;
    }
    // user.get_password(), getpass.getpass() is not matched (no password word)
    return isPasswordName(method) && method.startsWith('get') ? shortText(n) : undefined;
  }
  const names = calleeNames(n, w.py.imports);
  if (names.some((c) => PASSTHROUGH_FUNCTIONS.has(c))) {
    const first = args.positional[0];
    return first ? source(first, w, depth + 1) : undefined;
  }
  if (names.includes('getattr')) {
    const key = args.positional[1];
    const k = key ? constantStringValue(key) : undefined;
    return k !== undefined && isPasswordName(k) ? shortText(n) : undefined;
  }
  return undefined;
}

/** The expression as written, shortened for a message. */
export function shortText(node: Node): string {
  const dotted = dottedName(node);
  const text = (dotted ?? node.text).replace(/\s+/g, ' ');
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** What a raw (unhashed) password value is, for a message; `secret` when it is a literal. */
export interface RawPassword {
  readonly description: string;
  readonly secret?: string;
}

// What stored hashes look like when seeded as literals: "$2b$12$...", "pbkdf2:sha256:...",
// "scrypt:...", "argon2...", "sha256$...", hex digests.
const HASH_LITERAL =
  /^(\$[0-9a-z]+\$|pbkdf2[:_$]|scrypt[:$]|argon2|bcrypt[$_]|sha\d+\$|md5\$|\{[A-Z0-9-]+\})|^[0-9a-f]{32,}$/i;

/**
 * The password in `node` when it is raw: read from the request or a form, a variable named for a
 * password whose every assignment is raw (or a parameter), or a non-empty literal. Any other
 * call (`generate_password_hash(pw)`, `bcrypt.hashpw(...)`, `hasher.hash(pw)`, or a helper the
 * file does not show) is taken to have hashed it.
 */
export function rawPassword(node: Node, py: PythonIndex): RawPassword | undefined {
  return raw(node, { py, seen: new Set() }, 0);
}

function raw(node: Node, w: Walk, depth: number): RawPassword | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparenthesize(node);
  if (w.seen.has(n.id)) return undefined;
  w.seen.add(n.id);
  switch (n.type) {
    case 'string':
    case 'concatenated_string': {
      const value = constantStringValue(n);
      if (value === undefined || value === '' || HASH_LITERAL.test(value)) return undefined;
      return { description: 'a literal password', secret: value };
    }
    case 'attribute':
    case 'subscript': {
      if (n.type === 'subscript' && (envLookupOfSubscript(n, w.py.imports) || configKey(n))) return undefined;
      if (n.type === 'subscript' && writtenOnlyHashed(n, w, depth)) return undefined;
      const s = source(n, { py: w.py, seen: new Set() }, depth + 1);
      return s ? { description: s } : undefined;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const object = fn.childForFieldName('object');
        if (GETTERS.has(method)) {
          if (envLookupOfCall(n, w.py.imports) || configKey(n)) return undefined;
          const s = callSource(n, w, depth + 1);
          return s ? { description: s } : undefined;
        }
        if (object && PASSTHROUGH_METHODS.has(method) && method !== 'format' && method !== 'join') {
          return raw(object, w, depth + 1);
        }
        return undefined;
      }
      const names = calleeNames(n, w.py.imports);
      const first = callArguments(n).positional[0];
      if (first && names.some((c) => c === 'str' || c === 'bytes')) return raw(first, w, depth + 1);
      return undefined;
    }
    case 'identifier': {
      const name = n.text;
      if (w.py.imports.names.has(name)) return undefined;
      const passwordNamed = isPasswordName(name);
      if (!passwordNamed && mentionsPassword(name)) return undefined; // hashed_password, pw_hash
      const bindings = w.py.scopes.bindingsOf(name, n);
      if (bindings.length === 0) return undefined;
      for (const b of bindings) {
        if (b.kind === 'import') return undefined;
        if (b.kind === 'other') {
          // A parameter or loop variable: only its name tells.
          if (!passwordNamed) return undefined;
          continue;
        }
        if (!raw(b.value, w, depth + 1)) return undefined;
      }
      return { description: name };
    }
    default:
      return undefined;
  }
}

/**
 * `new_data["password"]` where this file only ever writes that item (same dict name, same key) with
 * a call that is not a raw read, e.g. `new_data["password"] = hash_password(pw)`, apart from copies
 * of itself and None (pgAdmin's validate_password, then `User(password=new_data["password"])`).
 */
function writtenOnlyHashed(item: Node, w: Walk, depth: number): boolean {
  // Near the depth limit a raw write could go unseen: then do not vouch for the item.
  if (depth + 1 >= MAX_DEPTH) return false;
  const container = item.childForFieldName('value');
  const keyNode = item.childForFieldName('subscript');
  const key = keyNode ? constantStringValue(keyNode) : undefined;
  if (container?.type !== 'identifier' || key === undefined) return false;
  let hashed = 0;
  for (const a of w.py.assignments) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'subscript' || left.childForFieldName('value')?.text !== container.text) continue;
    const k = left.childForFieldName('subscript');
    if (!k || constantStringValue(k) !== key) continue;
    const right = a.childForFieldName('right');
    if (!right) return false;
    for (const branch of branchesOf(right)) {
      if (branch.type === 'none' || (branch.type === 'subscript' && branch.text === left.text)) continue;
      if (branch.type !== 'call' || raw(branch, { py: w.py, seen: new Set() }, depth + 1)) return false;
      hashed++;
    }
  }
  return hashed > 0;
}

/** `a if c else b` → a, b; anything else → itself. */
function branchesOf(node: Node): Node[] {
  const n = unparenthesize(node);
  if (n.type !== 'conditional_expression') return [n];
  const parts = conditionalParts(n);
  return [parts[0], parts[2]].filter((p): p is Node => p !== undefined).map(unparenthesize);
}

/**
 * `config["SMTP_PASSWORD"]`, `settings.get("DB_PASSWD")`: an upper-case key names a setting (a
 * service's password from configuration), not what a user typed.
 */
function configKey(n: Node): boolean {
  const key = n.type === 'subscript' ? n.childForFieldName('subscript') : callArguments(n).positional[0];
  const k = key ? constantStringValue(key) : undefined;
  return k !== undefined && k === k.toUpperCase() && k !== k.toLowerCase();
}
