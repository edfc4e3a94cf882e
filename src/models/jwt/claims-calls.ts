import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';

/**
 * JWT reads outside PyJWT's `decode`: python-jose's `jwt.get_unverified_claims(token)` (the
 * claims, signature unchecked) and Authlib's `jwt.decode(token, key)`, which checks the signature
 * but leaves `exp`/`nbf` to an explicit `claims.validate()`.
 */

const UNVERIFIED_CLAIMS = new Set(['jose.jwt.get_unverified_claims', 'jose.jws.get_unverified_claims']);
const AUTHLIB_DECODE = new Set(['authlib.jose.jwt.decode']);

/** python-jose calls that return the claims without checking the signature. */
export function unverifiedClaimsCalls(py: PythonIndex): Node[] {
  if (!py.doc.text.includes('get_unverified_claims')) return [];
  return py.calls.filter(
    (c) => calleeNames(c, py.imports).some((n) => UNVERIFIED_CLAIMS.has(n)) && headIsImport(c, py),
  );
}

/**
 * Authlib decodes whose claims are read but never validated: the result is subscripted or
 * `.get()` directly, or held in a local name that is only read (subscript, `.get`, attributes)
 * and never `.validate()`d. A result that is returned, passed on or stored elsewhere may be
 * validated there and is not reported.
 */
export function unvalidatedAuthlibDecodes(py: PythonIndex): Node[] {
  if (!py.doc.text.includes('authlib')) return [];
  const out: Node[] = [];
  for (const call of py.calls) {
    if (!calleeNames(call, py.imports).some((n) => AUTHLIB_DECODE.has(n)) || !headIsImport(call, py)) continue;
    const parent = call.parent;
    if (!parent) continue;
    if (parent.type === 'subscript' && parent.childForFieldName('value')?.id === call.id) out.push(call);
    else if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === call.id) {
      if (parent.childForFieldName('attribute')?.text !== 'validate') out.push(call);
    } else if (parent.type === 'assignment' && parent.childForFieldName('right')?.id === call.id) {
      const left = parent.childForFieldName('left');
      if (left?.type === 'identifier' && onlyRead(left.text, call)) out.push(call);
    }
  }
  return out;
}

/** Every later use of `name` in the call's function reads a claim; none validates or passes it on. */
function onlyRead(name: string, call: Node): boolean {
  let scope: Node | null = call.parent;
  while (scope && scope.type !== 'function_definition' && scope.type !== 'module') scope = scope.parent;
  if (!scope) return false;
  let read = false;
  for (const id of scope.descendantsOfType('identifier')) {
    if (!id || id.text !== name || id.startIndex < call.endIndex) continue;
    const p = id.parent;
    if (p?.type === 'subscript' && p.childForFieldName('value')?.id === id.id) {
      read = true;
      continue;
    }
    if (p?.type === 'attribute' && p.childForFieldName('object')?.id === id.id) {
      if (p.childForFieldName('attribute')?.text === 'validate') return false;
      read = true;
      continue;
    }
    return false;
  }
  return read;
}

/** The first name of the callee is bound by an import (not a local `jwt = JsonWebToken(...)`). */
function headIsImport(call: Node, py: PythonIndex): boolean {
  let head: Node | null = call.childForFieldName('function');
  while (head?.type === 'attribute') head = head.childForFieldName('object');
  if (head?.type !== 'identifier') return false;
  return py.scopes.bindingsOf(head.text, head).every((b) => b.kind === 'import');
}
