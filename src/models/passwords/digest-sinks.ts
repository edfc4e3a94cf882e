import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { digestCall, type DigestCall } from './hashing.js';
import { isPasswordColumnName, mentionsPassword } from './password-data.js';

/**
 * Where a digest's result is stored as a password, whatever the hashed data is called:
 * `user.setPassword(hashlib.md5(p).hexdigest())`, `user.password = sha256(s).hexdigest()`,
 * `User(password_hash=h)` with `h = hashlib.sha1(x).hexdigest()`. The place tells that the value
 * is a password even when the variable hashed is named `s` or `data`.
 */
export interface StoredDigest {
  /** The digest constructor call (where the finding points). */
  readonly call: Node;
  readonly digest: DigestCall;
  /** The sink, for the message: `user.setPassword(...)`, `user.password = ...`. */
  readonly sink: string;
  /** Locals the value passed through on its way (`h` in `h = md5(); h.update(s); x.password = h.hexdigest()`). */
  readonly via: readonly string[];
}

/** Words a password setter starts with: `set_password`, `setPassword`, `update_password`, `change_pw`. */
const SETTER_VERBS = new Set(['set', 'update', 'change', 'save', 'store']);
// Methods that give the digest's value in another form.
const DIGEST_OUTPUT = new Set(['hexdigest', 'digest', 'decode', 'encode', 'upper', 'lower']);
// Functions that encode the digest they are given: base64.b64encode(h.digest()), binascii.hexlify.
const ENCODERS = new Set(['b64encode', 'urlsafe_b64encode', 'standard_b64encode', 'hexlify', 'str', 'bytes']);
const MAX_DEPTH = 5;

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

/** A method that stores a password: its first word a setter verb, and it names a password. */
export function isPasswordSetter(name: string): boolean {
  const w = words(name);
  return w.length > 1 && SETTER_VERBS.has(w[0] as string) && mentionsPassword(name) && !/token|reset/i.test(name);
}

export function storedDigests(py: PythonIndex): StoredDigest[] {
  const out: StoredDigest[] = [];
  const add = (value: Node | null | undefined, sink: string): void => {
    if (!value) return;
    const via: string[] = [];
    const found = digestIn(value, py, 0, new Set(), via);
    if (found) out.push({ ...found, sink, via });
  };
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    const args = callArguments(call);
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (isPasswordSetter(method)) {
        const value = args.positional[args.positional.length - 1];
        add(value, `${shortName(fn)}(...)`);
        continue;
      }
    }
    // User(password=...), User.objects.create(password_hash=...)
    const written = fn.text.slice(fn.text.lastIndexOf('.') + 1);
    if (!/^[A-Z]/.test(written) && written !== 'create') continue;
    for (const [name, value] of args.keywords) {
      if (isPasswordColumnName(name)) add(value, `${shortName(fn)}(${name}=...)`);
    }
  }
  for (const a of py.assignments) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'attribute') continue;
    const attr = left.childForFieldName('attribute')?.text ?? '';
    if (isPasswordColumnName(attr)) add(a.childForFieldName('right'), `${shortName(left)} = ...`);
  }
  return out;
}

function shortName(node: Node): string {
  const t = node.text.replace(/\s+/g, '');
  return t.length > 40 ? `${t.slice(0, 37)}...` : t;
}

/** The digest call whose output `node` is: through `.hexdigest()`, `str()`, locals and `h.update()` objects. */
function digestIn(
  node: Node,
  py: PythonIndex,
  depth: number,
  seen: Set<number>,
  via: string[],
): { call: Node; digest: DigestCall } | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparenthesize(node);
  if (seen.has(n.id)) return undefined;
  seen.add(n.id);
  if (n.type === 'identifier') {
    via.push(n.text);
    for (const b of py.scopes.bindingsOf(n.text, n)) {
      if (b.kind !== 'value') continue;
      const found = digestIn(b.value, py, depth + 1, seen, via);
      if (found) return found;
    }
    return undefined;
  }
  if (n.type !== 'call') return undefined;
  const digest = digestCall(n, py);
  if (digest) return { call: n, digest };
  const fn = n.childForFieldName('function');
  if (fn?.type === 'attribute' && DIGEST_OUTPUT.has(fn.childForFieldName('attribute')?.text ?? '')) {
    const object = fn.childForFieldName('object');
    if (object) return digestIn(object, py, depth + 1, seen, via);
  }
  const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
  if (name && ENCODERS.has(name)) {
    const first = callArguments(n).positional[0];
    if (first) return digestIn(first, py, depth + 1, seen, via);
  }
  return undefined;
}
