import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { DictEntry, DictValue } from '../../lang/python/values.js';

/**
 * A JWT options dict held in a local name and changed before the decode:
 * `opts["verify_exp"] = False`, `opts.update({"verify_signature": False})`,
 * `opts.update(verify_aud=False)`. The writes are read in the function (or module) that makes the
 * call, in source order up to the call; a write under a condition counts (the decode can run
 * with it). Writes through another name or in another function are not seen.
 */
export function withOptionWrites(
  options: Node,
  call: Node,
  base: DictValue | undefined,
  py: PythonIndex,
): DictValue | undefined {
  const expr = unparenthesize(options);
  if (expr.type !== 'identifier') return base;
  const name = expr.text;
  const scope = enclosingScope(call);
  const writes: DictEntry[] = [];
  for (const node of scope.descendantsOfType(['assignment', 'call'])) {
    if (!node || node.endIndex > call.startIndex || enclosingScope(node).id !== scope.id) continue;
    if (node.type === 'assignment') writes.push(...subscriptWrite(node, name, py));
    else writes.push(...updateWrites(node, name, py));
  }
  if (writes.length === 0) return base;
  const entries = new Map<string, DictEntry>(base?.entries ?? []);
  for (const w of writes.sort((a, b) => a.valueNode.startIndex - b.valueNode.startIndex)) entries.set(w.key, w);
  return { kind: 'dict', entries, open: base?.open ?? true, node: base?.node ?? expr };
}

/** `opts["verify_exp"] = False`. */
function subscriptWrite(assignment: Node, name: string, py: PythonIndex): DictEntry[] {
  const left = assignment.childForFieldName('left');
  const right = assignment.childForFieldName('right');
  if (left?.type !== 'subscript' || !right) return [];
  if (left.childForFieldName('value')?.text !== name) return [];
  const keyNode = left.childForFieldName('subscript');
  const key = keyNode ? constantStringValue(keyNode) : undefined;
  if (key === undefined || !keyNode) return [];
  return [{ key, keyNode, value: py.evaluator.evaluate(right), valueNode: right }];
}

/** `opts.update({...})`, `opts.update(key=value)`. */
function updateWrites(call: Node, name: string, py: PythonIndex): DictEntry[] {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'update') return [];
  if (fn.childForFieldName('object')?.text !== name) return [];
  const args = callArguments(call);
  const out: DictEntry[] = [];
  const first = args.positional[0];
  if (first) {
    const v = py.evaluator.evaluate(first);
    if (v.kind === 'dict') out.push(...v.entries.values());
  }
  for (const [key, valueNode] of args.keywords) {
    out.push({ key, keyNode: args.keywordNodes.get(key), value: py.evaluator.evaluate(valueNode), valueNode });
  }
  return out;
}

function enclosingScope(node: Node): Node {
  let n: Node | null = node.parent;
  while (n && n.type !== 'function_definition' && n.type !== 'module') n = n.parent;
  return n ?? node;
}
