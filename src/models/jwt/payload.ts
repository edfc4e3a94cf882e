import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { DictValue } from '../../lang/python/evaluate.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { within } from './calls.js';
import { constantStringValue } from '../../lang/python/strings.js';

/** A JWT payload the file builds from a dict literal, as far as the file shows it. */
export interface Payload {
  readonly dict: DictValue;
  /** The dict expression, where a missing `exp` is reported. */
  readonly literal: Node;
  /** The `exp` expression, from the literal or a later `payload["exp"] = ...`. */
  readonly exp: Node | undefined;
  /** Claims may exist that are not listed (`**other`, non-literal keys). */
  readonly open: boolean;
  /** The encoding function or the payload variable is named for a refresh token. */
  readonly refresh: boolean;
  /** `del payload["exp"]` / `payload.pop("exp")` in the encoding scope: a path that encodes without it. */
  readonly expRemoved: Node | undefined;
}

/**
 * The payload of `jwt.encode(node, ...)` when it is a dict literal (or `dict(...)`) in the call or
 * a variable assigned one exactly once. A variable that is also passed to another call, or
 * updated in a way the file does not spell out, may gain an `exp` elsewhere: unknown.
 */
export function payloadOf(node: Node, encodeCall: Node, py: PythonIndex): Payload | undefined {
  const n = unparenthesize(node);
  let literal = n;
  let exp: Node | undefined;
  let expRemoved: Node | undefined;
  let refresh = enclosingFunctionName(encodeCall).toLowerCase().includes('refresh');
  if (n.type === 'identifier') {
    const found = py.scopes.lookup(n);
    if (found.kind !== 'value') return undefined;
    literal = unparenthesize(found.value);
    refresh ||= n.text.toLowerCase().includes('refresh');
    const mutation = mutationsOf(n.text, found.target, found.scope.node, encodeCall, py);
    if (mutation === 'unknown') return undefined;
    exp = mutation.exp;
    expRemoved = mutation.removed;
  }
  if (!isDictExpression(literal, py)) return undefined;
  const dict = py.evaluator.evaluate(literal);
  if (dict.kind !== 'dict') return undefined;
  exp ??= dict.entries.get('exp')?.valueNode;
  return { dict, literal, exp, open: dict.open, refresh, expRemoved };
}

function isDictExpression(n: Node, py: PythonIndex): boolean {
  if (n.type === 'dictionary') return true;
  if (n.type !== 'call') return false;
  const fn = n.childForFieldName('function');
  return fn?.type === 'identifier' && fn.text === 'dict' && py.scopes.lookup(fn).kind === 'unbound';
}

function sameBinding(id: Node, name: string, target: Node, py: PythonIndex): boolean {
  if (id.type !== 'identifier' || id.text !== name) return false;
  const found = py.scopes.lookup(id);
  return found.kind === 'value' && found.target.id === target.id;
}

/**
 * `payload["exp"] = ...`, `payload.update(exp=...)`: the exp they set, or unknown; and a
 * `del payload["exp"]` or `payload.pop("exp")`, which leaves a path (lemur's "ttl == -1: tokens
 * that are forever") where the token is encoded with no expiry whatever else sets it.
 */
function mutationsOf(
  name: string,
  target: Node,
  scope: Node,
  encodeCall: Node,
  py: PythonIndex,
): { exp: Node | undefined; removed: Node | undefined } | 'unknown' {
  let exp: Node | undefined;
  let removed: Node | undefined;
  for (const del of scope.descendantsOfType('delete_statement')) {
    if (!del) continue;
    for (const t of del.namedChildren.flatMap((c) => (c.type === 'expression_list' ? c.namedChildren : [c]))) {
      if (t.type !== 'subscript') continue;
      const object = t.childForFieldName('value');
      const key = t.childForFieldName('subscript');
      if (object && sameBinding(object, name, target, py) && key && constantStringValue(key) === 'exp') removed ??= del;
    }
  }
  for (const a of py.assignments) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'subscript') continue;
    const object = left.childForFieldName('value');
    if (!object || !sameBinding(object, name, target, py)) continue;
    const key = left.childForFieldName('subscript');
    const k = key ? constantStringValue(key) : undefined;
    if (k === undefined) return 'unknown';
    if (k === 'exp') exp = a.childForFieldName('right') ?? undefined;
  }
  for (const call of py.calls) {
    if (call.id === encodeCall.id || !within(call, scope)) continue;
    const fn = call.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    const args = callArguments(call);
    if (object && sameBinding(object, name, target, py)) {
      const method = fn?.childForFieldName('attribute')?.text;
      if (method === 'update') {
        if (args.keywords.has('exp')) exp = args.keywords.get('exp');
        const first = args.positional[0];
        if (args.doubleSplats.length > 0) return 'unknown';
        if (first) {
          const v = py.evaluator.evaluate(first);
          if (v.kind !== 'dict' || v.open) return 'unknown';
          exp = v.entries.get('exp')?.valueNode ?? exp;
        }
      } else if (method === 'pop') {
        const key = args.positional[0];
        if (key && constantStringValue(key) === 'exp') removed ??= call;
      } else if (method === 'setdefault') {
        const key = args.positional[0];
        const k = key ? constantStringValue(key) : undefined;
        if (k === undefined) return 'unknown';
        if (k === 'exp') exp = args.positional[1];
      }
      continue;
    }
    // Handed to a helper that may add the claim.
    const passed = [...args.positional, ...args.keywords.values(), ...args.doubleSplats];
    if (passed.some((a) => sameBinding(unparenthesize(a), name, target, py))) return 'unknown';
  }
  return { exp, removed };
}

function enclosingFunctionName(node: Node): string {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition') return p.childForFieldName('name')?.text ?? '';
  }
  return '';
}
