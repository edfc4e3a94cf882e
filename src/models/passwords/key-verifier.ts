import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { localUses, unparen, whereValueGoes } from '../../lang/python/value-flow.js';
import { calleeText } from '../crypto/password-key-summary.js';
import { passwordArgument } from '../crypto/password-key.js';
import { isModelConstructor, usesOrm } from './orm-models.js';

/**
 * A password verifier made by encrypting a known constant with the password as the key and
 * storing the result (pgAdmin's `masterpass_check = encrypt(MASTERPASS_CHECK_TEXT, password)`
 * written to the user row): whether the call's password argument is a cipher key is a fact of the
 * callee's module, so this only finds the candidates.
 */
export interface VerifierCandidate {
  readonly call: Node;
  /** The callee as written: `encrypt`, `crypto.encrypt`. */
  readonly callee: string;
  /** The password's argument slot: position, or -1 with a keyword. */
  readonly index: number;
  readonly kw: string;
  readonly source: string;
}

const WRITE_METHODS = new Set(['update', 'insert', 'values', 'execute', 'add', 'create', 'filter_by_update']);

export function verifierCandidates(py: PythonIndex): VerifierCandidate[] {
  if (!usesOrm(py) && !/\.update\(|execute\(/.test(py.doc.root.text)) return [];
  const out: VerifierCandidate[] = [];
  for (const call of py.calls) {
    const callee = calleeText(call, py, () => true);
    if (!callee) continue;
    const args = callArguments(call);
    if (args.positional.length + args.keywords.size !== 2) continue;
    let password: { index: number; kw: string; source: string } | undefined;
    let constant = false;
    args.positional.forEach((a, i) => {
      const s = passwordArgument(a, py);
      if (s) password ??= { index: i, kw: '', source: s };
      else if (isConstant(a, py)) constant = true;
    });
    for (const [kw, a] of args.keywords) {
      const s = passwordArgument(a, py);
      if (s) password ??= { index: -1, kw, source: s };
      else if (isConstant(a, py)) constant = true;
    }
    if (!password || !constant || !storedInDatabase(call, py)) continue;
    out.push({ call, callee, ...password });
  }
  return out;
}

/** A string literal, or a module constant holding one (`MASTERPASS_CHECK_TEXT`). */
function isConstant(node: Node, py: PythonIndex): boolean {
  const n = unparen(node);
  if (n.type === 'string' || n.type === 'concatenated_string') return constantStringValue(n) !== undefined;
  if (n.type !== 'identifier' && n.type !== 'attribute') return false;
  const last = n.type === 'identifier' ? n.text : (n.childForFieldName('attribute')?.text ?? '');
  if (/^[A-Z][A-Z0-9_]*$/.test(last) && last.length > 1) return true;
  const v = py.evaluator.evaluate(n);
  return v.kind === 'const' && typeof v.value === 'string';
}

function storedInDatabase(call: Node, py: PythonIndex): boolean {
  const flow = whereValueGoes(call);
  if (flow.sink.kind === 'assignment' && flow.sink.target) {
    return localUses(flow.sink.target, py).some((use) => isWrite(use, py));
  }
  return isWrite(call, py);
}

/** The value lands in a model attribute, a model constructor, or a dict given to `.update(...)`. */
function isWrite(node: Node, py: PythonIndex): boolean {
  let n = node;
  while (n.parent && (n.parent.type === 'parenthesized_expression' || n.parent.type === 'conditional_expression'))
    n = n.parent;
  const p = n.parent;
  if (!p) return false;
  if (p.type === 'assignment' && p.childForFieldName('right')?.id === n.id) {
    const left = p.childForFieldName('left');
    return left?.type === 'attribute' && left.childForFieldName('object')?.text !== 'self' && usesOrm(py);
  }
  if (p.type === 'keyword_argument') {
    const call = p.parent?.parent;
    return call?.type === 'call' && isModelConstructor(call, py);
  }
  if (p.type === 'pair' && p.childForFieldName('value')?.id === n.id) {
    const dict = p.parent;
    const list = dict?.parent;
    const call = list?.type === 'argument_list' ? list.parent : undefined;
    const fn = call?.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    return method !== undefined && WRITE_METHODS.has(method);
  }
  return false;
}
