import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { unparen } from '../../lang/python/value-flow.js';
import { isPasswordName, mentionsPassword, passwordSource } from '../passwords/password-data.js';
import { canonicalCallee, pycryptoCipherOf } from './calls.js';

/**
 * A password used as a symmetric cipher key with no key-derivation function between them:
 * `AES(pad(password))`, `AESGCM(password.encode().ljust(32))`, `AES.new(password[:32], ...)`,
 * `Fernet(base64.urlsafe_b64encode(password.ljust(32)[:32]))`. The key expression is followed
 * back through local assignments, slices, `.encode()`/`.ljust()`-style methods, base64 and
 * functions of the same file that only reshape their argument (pgAdmin's `pad(key)`); a call to
 * anything else (a KDF, a hash, an unknown helper) ends the walk: the key is then not the raw
 * password.
 */

/** Cipher constructors whose first argument (or `key=`) is the key, by canonical name. */
const KEYED = new Set([
  'algorithms.AES',
  'algorithms.AES128',
  'algorithms.AES256',
  'algorithms.ChaCha20',
  'algorithms.Camellia',
  'algorithms.TripleDES',
  'algorithms.Blowfish',
  'aead.AESGCM',
  'aead.ChaCha20Poly1305',
  'aead.AESCCM',
  'aead.AESOCB3',
  'aead.AESGCMSIV',
  'aead.AESSIV',
  'Fernet',
]);

/** Methods that give the same secret back reshaped. */
const RESHAPE_METHODS = new Set(['encode', 'decode', 'strip', 'lstrip', 'rstrip', 'ljust', 'rjust', 'zfill', 'center']);
/** Functions that give their first argument back reshaped. */
const RESHAPE_FUNCTIONS = new Set([
  'bytes',
  'bytearray',
  'str',
  'memoryview',
  'base64.urlsafe_b64encode',
  'base64.b64encode',
  'base64.standard_b64encode',
  'codecs.encode',
  'str.encode',
]);

const MAX_DEPTH = 10;

/** Where a cipher key comes from. */
export type KeyOrigin =
  | { readonly kind: 'password'; readonly source: string; readonly via: readonly string[] }
  | { readonly kind: 'param'; readonly index: number; readonly name: string; readonly via: readonly string[] };

/** A cipher construction and the key expression given to it. */
export interface KeySink {
  readonly call: Node;
  readonly key: Node;
  /** The API for messages: `AES(...)`, `AES.new(...)`, `Fernet(...)`. */
  readonly api: string;
}

/** Every cipher construction of the file that takes a key. */
export function cipherKeySinks(py: PythonIndex): KeySink[] {
  const out: KeySink[] = [];
  for (const call of py.calls) {
    for (const name of canonicalCallee(call, py.imports)) {
      const pycrypto = pycryptoCipherOf(name);
      if (!KEYED.has(name) && !pycrypto) continue;
      const key = argument(callArguments(call), 0, 'key');
      if (key) out.push({ call, key, api: pycrypto ? `${pycrypto}.new(...)` : `${name.split('.').pop()}(...)` });
      break;
    }
  }
  return out;
}

interface Walk {
  readonly py: PythonIndex;
  readonly seen: Set<number>;
  readonly via: string[];
  /** False while the file's reshaping functions are being found (they are not followed then). */
  readonly locals: boolean;
}

/** Where the key expression comes from, when it is a password or a parameter of its function. */
export function keyOrigin(key: Node, py: PythonIndex): KeyOrigin | undefined {
  return walk(key, { py, seen: new Set(), via: [], locals: true }, 0);
}

function walk(node: Node, w: Walk, depth: number): KeyOrigin | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparen(node);
  if (w.seen.has(n.id)) return undefined;
  w.seen.add(n.id);
  switch (n.type) {
    case 'identifier':
      return identifier(n, w, depth);
    case 'attribute': {
      const source = passwordSource(n, w.py);
      return source ? { kind: 'password', source, via: [...w.via] } : undefined;
    }
    case 'subscript': {
      const sub = n.childForFieldName('subscript');
      const value = n.childForFieldName('value');
      if (sub?.type === 'slice' && value) return step(w, `[${sub.text}]`, () => walk(value, w, depth + 1));
      const source = passwordSource(n, w.py);
      return source ? { kind: 'password', source, via: [...w.via] } : undefined;
    }
    case 'binary_operator': {
      if (n.childForFieldName('operator')?.type !== '+') return undefined;
      const left = n.childForFieldName('left');
      return left ? step(w, '+ padding', () => walk(left, w, depth + 1)) : undefined;
    }
    case 'conditional_expression': {
      const branches = n.namedChildren.filter((c) => c.type !== 'comment');
      for (const b of [branches[0], branches[2]]) {
        const found = b ? walk(b, w, depth + 1) : undefined;
        if (found) return found;
      }
      return undefined;
    }
    case 'call':
      return call(n, w, depth);
    default:
      return undefined;
  }
}

function step(w: Walk, label: string, next: () => KeyOrigin | undefined): KeyOrigin | undefined {
  w.via.push(label);
  const found = next();
  w.via.pop();
  return found;
}

function identifier(n: Node, w: Walk, depth: number): KeyOrigin | undefined {
  const name = n.text;
  if (w.py.imports.names.has(name)) return undefined;
  if (isPasswordName(name)) return { kind: 'password', source: name, via: [...w.via] };
  if (mentionsPassword(name)) return undefined; // password_hash, password_salt: derived already
  let param: KeyOrigin | undefined;
  for (const b of w.py.scopes.bindingsOf(name, n)) {
    if (b.kind === 'value') {
      const found = walk(b.value, w, depth + 1);
      if (found?.kind === 'password') return found;
      param ??= found;
    } else if (b.kind === 'other') {
      const p = parameterOf(b.target);
      if (p) param ??= { kind: 'param', index: p.index, name, via: [...w.via] };
    }
  }
  return param;
}

/** A parameter's position in its function's list (counting `self`), when `target` names one. */
export function parameterOf(target: Node): { index: number; fn: Node } | undefined {
  let p = target.parent;
  if (p && p.type !== 'parameters') p = p.parent;
  if (p?.type !== 'parameters') return undefined;
  const fn = p.parent;
  if (fn?.type !== 'function_definition') return undefined;
  let index = 0;
  for (const c of p.namedChildren) {
    if (c.type === 'comment') continue;
    if (c.type === 'list_splat_pattern' || c.type === 'dictionary_splat_pattern' || c.type === 'keyword_separator')
      return undefined;
    const id = c.type === 'identifier' ? c : (c.childForFieldName('name') ?? c.namedChildren[0]);
    if (id?.id === target.id) return { index, fn };
    index++;
  }
  return undefined;
}

function call(n: Node, w: Walk, depth: number): KeyOrigin | undefined {
  const fn = n.childForFieldName('function');
  if (!fn) return undefined;
  const args = callArguments(n);
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (RESHAPE_METHODS.has(method) && object) return step(w, `.${method}()`, () => walk(object, w, depth + 1));
  }
  const names = calleeNames(n, w.py.imports);
  const reshape = names.find((c) => RESHAPE_FUNCTIONS.has(c));
  if (reshape) {
    const first = args.positional[0];
    return first ? step(w, `${reshape.split('.').pop() ?? reshape}()`, () => walk(first, w, depth + 1)) : undefined;
  }
  if (fn.type === 'identifier' && w.locals) {
    const reshaped = reshapingFunctions(w.py).get(fn.text);
    if (reshaped !== undefined) {
      const arg = args.positional[reshaped];
      return arg ? step(w, `${fn.text}()`, () => walk(arg, w, depth + 1)) : undefined;
    }
  }
  // `request.form.get("password")`, `user.get_password()`
  const source = passwordSource(n, w.py);
  return source ? { kind: 'password', source, via: [...w.via] } : undefined;
}

const reshapers = new MemoSlot<ReadonlyMap<string, number>>('password-key.reshapers');

/**
 * Module-level functions of the file whose every return gives back one parameter reshaped
 * (sliced, encoded, padded): pgAdmin's `pad(key)`. Name → that parameter's index.
 */
function reshapingFunctions(py: PythonIndex): ReadonlyMap<string, number> {
  return reshapers.of(py, () => {
    const out = new Map<string, number>();
    const counts = new Map<string, number>();
    for (const fn of py.functions) {
      const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
      const name = fn.childForFieldName('name')?.text;
      if (parent?.type !== 'module' || !name) continue;
      counts.set(name, (counts.get(name) ?? 0) + 1);
      const body = fn.childForFieldName('body');
      if (!body) continue;
      let index: number | undefined;
      let ok = true;
      for (const ret of body.descendantsOfType('return_statement')) {
        if (!ret || enclosingDef(ret)?.id !== fn.id) continue;
        const value = ret.namedChildren.find((c) => c.type !== 'comment');
        // Walk without following other reshapers (no recursion into this memo while it is built).
        const found = value ? walkPlain(value, py) : undefined;
        if (found?.kind !== 'param' || (index !== undefined && index !== found.index)) {
          ok = false;
          break;
        }
        index = found.index;
      }
      if (ok && index !== undefined) out.set(name, index);
    }
    for (const [name, c] of counts) if (c > 1) out.delete(name);
    return out;
  });
}

/** keyOrigin without local reshaping functions, for building their list. */
function walkPlain(node: Node, py: PythonIndex): KeyOrigin | undefined {
  const found = walk(node, { py, seen: new Set(), via: [], locals: false }, 0);
  return found?.kind === 'param' && isPasswordName(found.name) ? undefined : found;
}

function enclosingDef(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return undefined;
}

/** The function a node sits in, and its name when it is defined at module level. */
export function moduleFunctionOf(node: Node): { fn: Node; name: string } | undefined {
  const fn = enclosingDef(node);
  if (!fn) return undefined;
  const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  const name = fn.childForFieldName('name')?.text;
  return parent?.type === 'module' && name ? { fn, name } : undefined;
}

/** Every KDF-free password reaching a cipher key in the file, plus keys that are parameters. */
export interface PasswordKeyUse {
  readonly sink: KeySink;
  readonly origin: KeyOrigin;
}

const uses = new MemoSlot<readonly PasswordKeyUse[]>('password-key.uses');

export function passwordKeyUses(py: PythonIndex): readonly PasswordKeyUse[] {
  return uses.of(py, () => {
    const out: PasswordKeyUse[] = [];
    for (const sink of cipherKeySinks(py)) {
      const origin = keyOrigin(sink.key, py);
      if (origin) out.push({ sink, origin });
    }
    return out;
  });
}

/** A call argument that holds a password (as the walk sees it: named for one, reshaped at most). */
export function passwordArgument(arg: Node, py: PythonIndex): string | undefined {
  const found = keyOrigin(arg, py);
  return found?.kind === 'password' ? found.source : undefined;
}

/** Whether `call` (same file) passes a password in the slot of parameter `index`/`name`. */
export function passesPasswordAt(call: Node, index: number, name: string, py: PythonIndex): string | undefined {
  const arg = argument(callArguments(call), index, name);
  return arg ? passwordArgument(arg, py) : undefined;
}
