import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import type { Binding } from '../../lang/python/scope.js';
import { callsNamed } from './call-table.js';

/**
 * Where a name gets its value, for the SQL analysis's reaching-definitions walk: the statement
 * behind a binding, whether it runs whenever a later use does, parameters and loop targets, and
 * the calls of a function in the same file.
 */

/**
 * The calls of a function defined in this file: `name(...)` for a plain function, `self.name(...)`
 * / `cls.name(...)` for a method (offset 1: `self` is not passed). Calls inside the function
 * itself (recursion) are left out.
 */
export function callsOf(fn: Node, index: PythonIndex): { call: Node; offset: number }[] {
  const name = fn.childForFieldName('name')?.text;
  if (!name) return [];
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const first = params[0]?.text;
  const inClass = fn.parent?.type === 'block' || fn.parent?.parent?.type === 'block';
  const isMethod = inClass && (first === 'self' || first === 'cls');
  const out: { call: Node; offset: number }[] = [];
  for (const call of callsNamed(index, name)) {
    if (call.startIndex >= fn.startIndex && call.endIndex <= fn.endIndex) continue;
    const callee = call.childForFieldName('function');
    if (!callee) continue;
    if (!isMethod && callee.type === 'identifier' && callee.text === name) {
      out.push({ call, offset: 0 });
    } else if (
      isMethod &&
      callee.type === 'attribute' &&
      ['self', 'cls'].includes(callee.childForFieldName('object')?.text ?? '')
    ) {
      out.push({ call, offset: 1 });
    }
  }
  return out;
}

const PARAMETER_TYPES = new Set([
  'default_parameter',
  'typed_parameter',
  'typed_default_parameter',
  'list_splat_pattern',
  'dictionary_splat_pattern',
]);

/** The parameter node (inside `parameters`) a binding target is the name of. */
export function parameterNode(target: Node): Node | undefined {
  const parent = target.parent;
  if (!parent) return undefined;
  if (parent.type === 'parameters' || parent.type === 'lambda_parameters') return target;
  if (PARAMETER_TYPES.has(parent.type)) {
    const pp = parent.parent;
    if (pp?.type === 'parameters' || pp?.type === 'lambda_parameters') return parent;
  }
  return undefined;
}

/** `def view(account_id: int)`: FastAPI converts by annotation. */
export function annotationConverter(param: Node): string | undefined {
  const type = param.childForFieldName('type')?.text;
  if (type === 'int' || type === 'float' || type === 'bool') return type === 'bool' ? 'int' : type;
  if (type === 'UUID' || type === 'uuid.UUID') return 'uuid';
  return undefined;
}

/** The for statement or comprehension clause whose target holds `target`. */
export function enclosingLoop(target: Node): Node | undefined {
  let node: Node | null = target.parent;
  for (let i = 0; node && i < 6; i++, node = node.parent) {
    if (node.type === 'for_statement' || node.type === 'for_in_clause') {
      const left = node.childForFieldName('left');
      return left && containsNode(left, target) ? node : undefined;
    }
    if (
      !['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'tuple', 'list'].includes(
        node.type,
      )
    ) {
      return undefined;
    }
  }
  return undefined;
}

export function enclosingAssignment(target: Node): Node | undefined {
  let node: Node | null = target.parent;
  for (let i = 0; node && i < 6; i++, node = node.parent) {
    if (node.type === 'assignment') return node;
    if (
      !['pattern_list', 'tuple_pattern', 'list_pattern', 'parenthesized_expression', 'tuple', 'list'].includes(
        node.type,
      )
    ) {
      return undefined;
    }
  }
  return undefined;
}

export function containsNode(outer: Node | undefined, inner: Node): boolean {
  return outer !== undefined && outer.startIndex <= inner.startIndex && inner.endIndex <= outer.endIndex;
}

/** The statement a binding is made by (for `x = …`, `x += …`, `for x in …`, `with … as x`). */
export function bindingStatement(b: Binding): Node | undefined {
  let node: Node | null = b.target.parent;
  for (let i = 0; node && i < 8; i++, node = node.parent) {
    if (node.type === 'parameters' || node.type === 'lambda_parameters') return undefined;
    if (
      node.type === 'expression_statement' ||
      node.type === 'for_statement' ||
      node.type === 'with_statement' ||
      node.type.endsWith('_definition') ||
      node.type === 'import_statement' ||
      node.type === 'import_from_statement'
    ) {
      return node;
    }
  }
  return undefined;
}

/** The use is part of the binding's own right-hand side (`x = x + 1`, `for x in f(x)`). */
export function readsOwnValue(b: Binding, use: Node): boolean {
  const stmt = bindingStatement(b);
  if (!stmt) return false;
  if (stmt.type === 'for_statement') return containsNode(stmt.childForFieldName('right') ?? undefined, use);
  if (stmt.type === 'with_statement') {
    const body = stmt.childForFieldName('body');
    return containsNode(stmt, use) && !containsNode(body ?? undefined, use);
  }
  if (stmt.type !== 'expression_statement') return false;
  return containsNode(stmt, use);
}

export function bindingStart(b: Binding): number {
  // Parameters bind before the body runs.
  return parameterNode(b.target) ? -1 : b.target.startIndex;
}

/**
 * Whether the binding runs whenever the use does and replaces the value: a plain assignment in
 * a block that also holds the use, or the use inside the loop/with that binds it.
 */
export function dominates(b: Binding, use: Node): boolean {
  const stmt = bindingStatement(b);
  if (!stmt) return false;
  if (stmt.type === 'for_statement' || stmt.type === 'with_statement') return containsNode(stmt, use);
  if (stmt.type !== 'expression_statement') return containsNode(stmt.parent ?? undefined, use);
  const expr = stmt.firstNamedChild;
  if (expr?.type !== 'assignment') return false;
  return containsNode(stmt.parent ?? undefined, use);
}
