import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { decodeString } from '../../lang/python/strings.js';
import { originOf } from '../../lang/python/value-flow.js';
import { canonicalCallee } from './calls.js';
import { isKeyName } from '../names/keys.js';

/**
 * Whether a bytes value (an IV, a nonce, a key) is the same every time the code runs: written
 * as a literal, built from literals, derived from the key, or generated once at import.
 */
export interface StaticBytes {
  readonly kind: 'literal' | 'import-time' | 'key-derived';
  /** The expression that makes it so: the literal, the `os.urandom(16)` at module level, `key[:16]`. */
  readonly node: Node;
  /** Variables and constants followed to reach it, outermost first. */
  readonly names: readonly string[];
}

/** Secure random bytes: fresh on every call, so static only when called once at import. */
export const RANDOM_BYTES = new Set([
  'os.urandom',
  'secrets.token_bytes',
  'secrets.token_hex',
  'secrets.token_urlsafe',
  'Crypto.Random.get_random_bytes',
  'Crypto.Random.new',
]);

const BYTES_CONSTRUCTORS = new Set(['bytes', 'bytearray']);
const DECODERS = new Set([
  'bytes.fromhex',
  'bytearray.fromhex',
  'binascii.unhexlify',
  'binascii.a2b_hex',
  'binascii.a2b_base64',
  'base64.b64decode',
  'base64.urlsafe_b64decode',
  'base64.standard_b64decode',
  'base64.b16decode',
  'base64.b32decode',
  'codecs.decode',
]);
/** Methods whose result is as constant as their receiver. */
const CONSTANT_METHODS = new Set([
  'encode',
  'decode',
  'ljust',
  'rjust',
  'zfill',
  'to_bytes',
  'digest',
  'hexdigest',
  'copy',
]);
const HASHES = /^hashlib\.(md5|sha1|sha224|sha256|sha384|sha512|blake2b|blake2s|sha3_\w+|new)$/;

const MAX_DEPTH = 12;

export function staticBytes(node: Node, py: PythonIndex, depth = 0): StaticBytes | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const origin = originOf(node, py);
  const found = classify(origin.node, origin.boundAt, py, depth);
  if (found) return { ...found, names: [...origin.names, ...found.names] };
  // The key itself, or the key's bytes, as the IV: `modes.CBC(key)`, `self.iv = self.secret_key`.
  if (origin.node.type === 'identifier' || origin.node.type === 'attribute') {
    if ([origin.node.text, ...origin.names].some(isKeyName)) {
      return { kind: 'key-derived', node: origin.node, names: origin.names };
    }
  }
  return undefined;
}

function classify(
  n: Node,
  boundAt: 'module' | 'class' | 'function' | 'other' | undefined,
  py: PythonIndex,
  depth: number,
): StaticBytes | undefined {
  switch (n.type) {
    case 'string':
    case 'concatenated_string': {
      const decoded = decodeString(n);
      if (!decoded || decoded.template || decoded.parts.some((p) => p.kind !== 'text')) return undefined;
      return { kind: 'literal', node: n, names: [] };
    }
    case 'integer':
      return { kind: 'literal', node: n, names: [] };
    case 'binary_operator': {
      const op = n.childForFieldName('operator')?.type;
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      if ((op !== '+' && op !== '*') || !left || !right) return undefined;
      const a = staticBytes(left, py, depth + 1);
      const b = a ? staticBytes(right, py, depth + 1) : undefined;
      if (!a || !b) return undefined;
      return { kind: strongest(a.kind, b.kind), node: n, names: [...a.names, ...b.names] };
    }
    case 'list':
    case 'tuple': {
      const items = n.namedChildren.filter((c) => c.type !== 'comment');
      if (items.length === 0) return undefined;
      let kind: StaticBytes['kind'] = 'literal';
      for (const item of items) {
        const s = staticBytes(item, py, depth + 1);
        if (!s) return undefined;
        kind = strongest(kind, s.kind);
      }
      return { kind, node: n, names: [] };
    }
    case 'subscript': {
      const value = n.childForFieldName('value');
      const inner = value ? staticBytes(value, py, depth + 1) : undefined;
      return inner ? { ...inner, node: n } : undefined;
    }
    case 'call':
      return classifyCall(n, boundAt, py, depth);
    default:
      return undefined;
  }
}

function classifyCall(
  call: Node,
  boundAt: 'module' | 'class' | 'function' | 'other' | undefined,
  py: PythonIndex,
  depth: number,
): StaticBytes | undefined {
  const names = canonicalCallee(call, py.imports);
  const args = callArguments(call);
  if (names.some((n) => RANDOM_BYTES.has(n))) {
    return boundAt === 'module' || boundAt === 'class' ? { kind: 'import-time', node: call, names: [] } : undefined;
  }
  const allStatic = (): StaticBytes['kind'] | undefined => {
    if (args.listSplat || args.doubleSplats.length > 0) return undefined;
    let kind: StaticBytes['kind'] = 'literal';
    for (const a of [...args.positional, ...args.keywords.values()]) {
      const s = staticBytes(a, py, depth + 1);
      if (!s) return undefined;
      kind = strongest(kind, s.kind);
    }
    return kind;
  };
  if (names.some((n) => BYTES_CONSTRUCTORS.has(n) || DECODERS.has(n))) {
    const kind = allStatic();
    return kind ? { kind, node: call, names: [] } : undefined;
  }
  if (names.some((n) => HASHES.test(n))) {
    const data = names.some((n) => n === 'hashlib.new') ? args.positional[1] : args.positional[0];
    const inner = data ? staticBytes(data, py, depth + 1) : undefined;
    return inner ? { ...inner, node: call } : undefined;
  }
  const fn = call.childForFieldName('function');
  if (fn?.type === 'attribute' && CONSTANT_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
    const receiver = fn.childForFieldName('object');
    const inner = receiver ? staticBytes(receiver, py, depth + 1) : undefined;
    return inner ? { ...inner, node: call } : undefined;
  }
  return undefined;
}

/** Key-derived beats import-time beats literal: the message names the most telling cause. */
function strongest(a: StaticBytes['kind'], b: StaticBytes['kind']): StaticBytes['kind'] {
  const rank = { literal: 0, 'import-time': 1, 'key-derived': 2 } as const;
  return rank[a] >= rank[b] ? a : b;
}
