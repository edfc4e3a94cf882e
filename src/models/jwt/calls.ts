import type { Node } from '../../parse/python.js';
import { callArguments, type CallArgs } from '../../lang/python/args.js';
import type { DictEntry, DictValue, PyValue } from '../../lang/python/evaluate.js';
import { asStr, isKnown, joinText } from '../../lang/python/evaluate.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { withOptionWrites } from './option-writes.js';

/**
 * `jwt.decode`/`jwt.encode` calls of PyJWT (1.x and 2.x) and python-jose, with the arguments the
 * JWT rules read: the `options` dict (through constants and variables), `verify=` (PyJWT 1.x)
 * and `algorithms`. A local variable that happens to be called `jwt` (Flask-JWT-Extended's
 * `jwt = JWTManager(app)`) is not the library.
 */

export type JwtLibrary = 'pyjwt' | 'jose';

export interface JwtCall {
  readonly call: Node;
  readonly op: 'decode' | 'encode';
  readonly library: JwtLibrary;
  /** What the source calls it, for messages: `jwt.decode`. */
  readonly written: string;
  readonly args: CallArgs;
}

const DECODE: Readonly<Record<string, JwtLibrary>> = {
  'jwt.decode': 'pyjwt',
  'jwt.decode_complete': 'pyjwt',
  'jwt.api_jwt.decode': 'pyjwt',
  'jwt.api_jwt.decode_complete': 'pyjwt',
  'jose.jwt.decode': 'jose',
};
const ENCODE: Readonly<Record<string, JwtLibrary>> = {
  'jwt.encode': 'pyjwt',
  'jwt.api_jwt.encode': 'pyjwt',
  'jose.jwt.encode': 'jose',
};

const cache = new MemoSlot<JwtCall[]>('calls.cache');

/** The file's JWT library calls, computed once per file for all the JWT rules. */
export function jwtCalls(py: PythonIndex): readonly JwtCall[] {
  const hit = cache.get(py);
  if (hit) return hit;
  const out: JwtCall[] = [];
  // Every JWT library is imported by a name holding "jwt" or "jose": without one, no call is.
  if (!/jwt|jose/i.test(py.doc.text)) {
    cache.set(py, out);
    return out;
  }
  for (const call of py.calls) {
    for (const name of calleeNames(call, py.imports)) {
      const decode = DECODE[name];
      const encode = ENCODE[name];
      if (!decode && !encode) continue;
      const fn = call.childForFieldName('function');
      if (!fn || !headIsLibrary(fn, py)) break;
      out.push({
        call,
        op: decode ? 'decode' : 'encode',
        library: (decode ?? encode) as JwtLibrary,
        written: fn.text,
        args: callArguments(call),
      });
      break;
    }
  }
  cache.set(py, out);
  return out;
}

/** The first name of `jwt.decode` is bound by an import (or by nothing the file shows). */
function headIsLibrary(fn: Node, py: PythonIndex): boolean {
  let head: Node | null = fn;
  while (head?.type === 'attribute') head = head.childForFieldName('object');
  if (head?.type !== 'identifier') return false;
  const bindings = py.scopes.bindingsOf(head.text, head);
  return bindings.every((b) => b.kind === 'import');
}

/**
 * The `options=` dict of a decode call when the evaluator can see it, with the writes made to a
 * local options dict before the call (`opts["verify_exp"] = False`, `opts.update(...)`).
 */
export function optionsOf(j: JwtCall, py: PythonIndex): DictValue | undefined {
  const node = j.args.keywords.get('options');
  if (!node) return undefined;
  const v = py.evaluator.evaluate(node);
  return withOptionWrites(node, j.call, v.kind === 'dict' ? v : undefined, py);
}

/** The entry when an options dict turns `key` off (`False`, `0`). */
export function optionOff(options: DictValue | undefined, key: string): DictEntry | undefined {
  const e = options?.entries.get(key);
  return e && isFalse(e.value) ? e : undefined;
}

export function isFalse(v: PyValue): boolean {
  return v.kind === 'const' && (v.value === false || v.value === 0);
}

/** PyJWT 1.x `verify=False`, by keyword or as the third positional argument. */
export function verifyFalse(j: JwtCall, py: PythonIndex): Node | undefined {
  if (j.library !== 'pyjwt') return undefined;
  const kw = j.args.keywords.get('verify');
  if (kw) return isFalse(py.evaluator.evaluate(kw)) ? (j.args.keywordNodes.get('verify') ?? kw) : undefined;
  const third = j.args.positional[2];
  return third && third.type === 'false' ? third : undefined;
}

/** The signature is not checked at all: `verify_signature: False` or `verify=False`. */
export function signatureOff(j: JwtCall, py: PythonIndex): boolean {
  return verifyFalse(j, py) !== undefined || optionOff(optionsOf(j, py), 'verify_signature') !== undefined;
}

/** The expression given for `algorithms`, by keyword or (PyJWT 2, jose) third position. */
export function algorithmsArgument(j: JwtCall): Node | undefined {
  const kw = j.args.keywords.get('algorithms');
  if (kw) return kw;
  const third = j.args.positional[2];
  // PyJWT 1.x took `verify` third; a bare True/False there is not a list of algorithms.
  return third && third.type !== 'true' && third.type !== 'false' ? third : undefined;
}

/** The known strings of an `algorithms` value, each with the node it was written as. */
export function algorithmNames(v: PyValue): { name: string; node: Node | undefined }[] {
  if (v.kind === 'list') {
    return v.items.flatMap((i) => {
      const s = asStr(i.value);
      return s && isKnown(s) ? [{ name: joinText(s), node: i.node }] : [];
    });
  }
  const s = asStr(v);
  return s && isKnown(s) && v.kind === 'str' ? [{ name: joinText(s), node: undefined }] : [];
}

/** Whether `inner` lies inside `outer` in the source. */
export function within(inner: Node, outer: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}
