import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { Evaluator } from '../../lang/python/evaluate.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isKnown, joinText, type PyValue, type Segment } from '../../lang/python/values.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * Key material written in the source: what a key argument holds when it is a literal, however
 * it is dressed. Keys are bytes, so the literal usually reaches the cipher through a conversion
 * (`"...".encode()`, `base64.b64decode("...")`, `bytes.fromhex("...")`, `b"\0" * 32`); those
 * conversions do not make it any less hardcoded, and the evaluator (which models strings, not
 * bytes) leaves them as calls.
 */
export interface KeyLiteral {
  /** The text as written in the literal(s) (the base64 or hex text for decoded forms). */
  readonly value: string;
  /** The string literal the key was written in: where the fix is. */
  readonly literal: Node;
  /** The name the key passed through (`IBAN_KEY`), when it came through a variable. */
  readonly via: string | undefined;
  /** The literal is an environment variable's fallback: that is FCG204's finding, not a key's. */
  readonly envFallbackOf: string | undefined;
}

/** Calls that turn literal text into key bytes: the key is still the literal. */
const DECODERS = new Set([
  'base64.b64decode',
  'base64.urlsafe_b64decode',
  'base64.standard_b64decode',
  'base64.b32decode',
  'base64.b16decode',
  'base64.decodebytes',
  'base64.b64encode',
  'base64.urlsafe_b64encode',
  'base64.standard_b64encode',
  'base64.encodebytes',
  'binascii.unhexlify',
  'binascii.a2b_hex',
  'binascii.a2b_base64',
  'bytes.fromhex',
  'bytearray.fromhex',
  'bytes',
  'bytearray',
  'str',
  'str.encode',
  'codecs.encode',
  // A key hashed from a passphrase is as fixed as the passphrase: `sha256(b"...").digest()`.
  'hashlib.md5',
  'hashlib.sha1',
  'hashlib.sha224',
  'hashlib.sha256',
  'hashlib.sha384',
  'hashlib.sha512',
  'hashlib.sha3_256',
  'hashlib.sha3_512',
  'hashlib.blake2b',
  'hashlib.blake2s',
]);
/** Methods of a str/bytes that keep it the same key. */
const METHODS = new Set(['encode', 'decode', 'strip', 'ljust', 'rjust', 'zfill', 'digest', 'hexdigest']);

const MAX_HOPS = 8;

/** The literal key an expression stands for, or undefined when any part of it is not written in this file. */
export function keyLiteral(node: Node, evaluator: Evaluator, hops = 0, via?: string): KeyLiteral | undefined {
  if (hops > MAX_HOPS) return undefined;
  const expr = unparenthesize(node);
  switch (expr.type) {
    case 'identifier': {
      const found = evaluator.scopes.lookup(expr);
      if (found.kind !== 'value') return undefined;
      return keyLiteral(found.value, evaluator, hops + 1, via ?? expr.text);
    }
    case 'call':
      return fromCall(expr, evaluator, hops, via);
    case 'binary_operator':
      return fromRepeat(expr, evaluator, hops, via) ?? fromValue(evaluator.evaluate(expr), via);
    case 'string':
      // `""`, `b""`: an empty key is written too (the evaluator keeps no segment for it).
      if (constantStringValue(expr) === '') return { value: '', literal: expr, via, envFallbackOf: undefined };
      return fromValue(evaluator.evaluate(expr), via);
    default:
      return fromValue(evaluator.evaluate(expr), via);
  }
}

function fromValue(value: PyValue, via: string | undefined): KeyLiteral | undefined {
  if (value.kind !== 'str' || !isKnown(value)) return undefined;
  const first = value.segments.find((s: Segment) => s.literal !== undefined);
  if (!first?.literal) return undefined;
  const fallback = value.segments.find((s) => s.envFallbackOf !== undefined)?.envFallbackOf;
  return { value: joinText(value), literal: first.literal, via, envFallbackOf: fallback };
}

function fromCall(call: Node, evaluator: Evaluator, hops: number, via: string | undefined): KeyLiteral | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const args = callArguments(call);
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    // `"k".encode()`, `b"k".decode()`, `KEY.encode("utf-8")`: the receiver is the key.
    if (object && METHODS.has(method) && !isModuleLike(object, evaluator)) {
      return keyLiteral(object, evaluator, hops + 1, via);
    }
  }
  const names = calleeNames(call, evaluator.imports);
  const zeroed = zeroFilled(call, names, evaluator, via);
  if (zeroed) return zeroed;
  if (names.some((n) => DECODERS.has(n)) && args.positional[0]) {
    return keyLiteral(args.positional[0], evaluator, hops + 1, via);
  }
  // Everything else (a key derivation, `Fernet.generate_key()`, `os.urandom(32)`) is not a
  // literal; the evaluator answers the string-building calls (`"".join`, `.format`).
  return fromValue(evaluator.evaluate(call), via);
}

/** `bytes(16)`, `bytearray(32)`: that many zero bytes, written in the call. */
function zeroFilled(
  call: Node,
  names: readonly string[],
  evaluator: Evaluator,
  via: string | undefined,
): KeyLiteral | undefined {
  if (!names.some((n) => n === 'bytes' || n === 'bytearray')) return undefined;
  const args = callArguments(call);
  const size = args.positional[0];
  if (!size || args.positional.length !== 1 || args.keywords.size > 0) return undefined;
  const n = evaluator.evaluate(size);
  if (n.kind !== 'const' || typeof n.value !== 'number' || !Number.isInteger(n.value) || n.value < 0) return undefined;
  return { value: '\0'.repeat(Math.min(n.value, 1024)), literal: call, via, envFallbackOf: undefined };
}

/** `b"\x00" * 32`, `"k" * 4`: a literal repeated is still a literal. */
function fromRepeat(expr: Node, evaluator: Evaluator, hops: number, via: string | undefined): KeyLiteral | undefined {
  if (expr.childForFieldName('operator')?.type !== '*') return undefined;
  const left = expr.childForFieldName('left');
  const right = expr.childForFieldName('right');
  if (!left || !right) return undefined;
  for (const [text, count] of [
    [left, right],
    [right, left],
  ] as const) {
    const n = evaluator.evaluate(count);
    if (n.kind !== 'const' || typeof n.value !== 'number' || !Number.isInteger(n.value)) continue;
    const inner = keyLiteral(text, evaluator, hops + 1, via);
    if (inner) return { ...inner, value: inner.value.repeat(Math.max(0, Math.min(n.value, 1024))) };
  }
  return undefined;
}

/** `base64.b64decode` is an attribute call on a module, not a method of a key. */
function isModuleLike(object: Node, evaluator: Evaluator): boolean {
  if (object.type !== 'identifier') return false;
  return evaluator.imports.names.has(object.text);
}
