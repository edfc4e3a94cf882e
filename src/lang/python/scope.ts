import { COSTLY, spend } from '../../core/budget.js';
import type { Node } from '../../parse/python.js';

/**
 * Which assignment a name refers to, flow-insensitively: a name bound exactly once in its scope
 * by `name = value` stands for that value; a name bound several times (reassigned, `+=`, a loop
 * variable, a parameter, an import, `del`) is unknown, because which binding runs depends on
 * control flow the analysis does not follow. Python's rules decide the scope: function locals,
 * class bodies (not visible from their methods), comprehensions, `global`/`nonlocal`.
 */

export type ScopeKind = 'module' | 'function' | 'class' | 'lambda' | 'comprehension';

export interface Scope {
  readonly id: number;
  readonly kind: ScopeKind;
  readonly node: Node;
  readonly parent: Scope | undefined;
}

export type Binding =
  | { readonly kind: 'value'; readonly target: Node; readonly value: Node }
  | { readonly kind: 'import'; readonly target: Node }
  | { readonly kind: 'other'; readonly target: Node };

export type Lookup =
  /** Bound once, by `name = value`. */
  | { readonly kind: 'value'; readonly value: Node; readonly target: Node; readonly scope: Scope }
  /** Bound once, by an import: the value lives in another module. */
  | { readonly kind: 'import' }
  /** Bound several times, or by something other than a plain assignment. */
  | { readonly kind: 'unknown' }
  /** Not bound in the file: a builtin, a star import, a typo. */
  | { readonly kind: 'unbound' };

/** Node types that tell the scope index about bindings; pass them all to `ScopeIndex`. */
export const BINDING_NODE_TYPES: readonly string[] = [
  'assignment',
  'augmented_assignment',
  'for_statement',
  'for_in_clause',
  'as_pattern_target',
  'named_expression',
  'function_definition',
  'class_definition',
  'parameters',
  'lambda_parameters',
  'global_statement',
  'nonlocal_statement',
  'delete_statement',
  'import_statement',
  'import_from_statement',
];

const SCOPE_TYPES: Readonly<Record<string, ScopeKind>> = {
  function_definition: 'function',
  class_definition: 'class',
  lambda: 'lambda',
  list_comprehension: 'comprehension',
  set_comprehension: 'comprehension',
  dictionary_comprehension: 'comprehension',
  generator_expression: 'comprehension',
};

interface ScopeData {
  readonly scope: Scope;
  readonly names: Map<string, Binding[]>;
  readonly globals: Set<string>;
  readonly nonlocals: Set<string>;
}

export class ScopeIndex {
  private readonly data = new Map<number, ScopeData>();
  /** Node id → the scope it sits in; filled along every climb, so climbs stay short. */
  private readonly scopeMemo = new Map<number, ScopeData>();
  private readonly lookupMemo = new Map<string, Lookup>();
  private readonly module: ScopeData;
  private pending: Iterable<Node> | (() => Iterable<Node>) | undefined;

  /**
   * `root` is the module node; `nodes` are the file's nodes of BINDING_NODE_TYPES in document
   * order, or a function producing them. The index is built on the first question: most files
   * never ask one, and recording every binding is the costly part.
   */
  constructor(root: Node, nodes: Iterable<Node> | (() => Iterable<Node>)) {
    this.module = this.makeScope(root, 'module', undefined);
    this.pending = nodes;
  }

  private ensureBuilt(): void {
    const pending = this.pending;
    if (pending === undefined) return;
    this.pending = undefined;
    for (const node of typeof pending === 'function' ? pending() : pending) this.record(node);
  }

  /** The scope a node is evaluated in. */
  scopeOf(node: Node): Scope {
    this.ensureBuilt();
    return this.dataOf(node).scope;
  }

  /** What an identifier refers to, from where it is used. */
  lookup(identifier: Node): Lookup {
    return this.resolve(identifier.text, identifier);
  }

  /** What `name` refers to when used at `at`. */
  resolve(name: string, at: Node): Lookup {
    this.ensureBuilt();
    const start = this.dataOf(at);
    const key = `${start.scope.id}:${name}`;
    const memo = this.lookupMemo.get(key);
    if (memo) return memo;
    const result = this.resolveFrom(start, name);
    this.lookupMemo.set(key, result);
    return result;
  }

  /** Every binding of a name in the scope where it resolves (for callers that want them all). */
  bindingsOf(name: string, at: Node): readonly Binding[] {
    this.ensureBuilt();
    const found = this.findScope(this.dataOf(at), name);
    return found?.names.get(name) ?? [];
  }

  private resolveFrom(start: ScopeData, name: string): Lookup {
    const found = this.findScope(start, name);
    if (!found) return { kind: 'unbound' };
    const bindings = found.names.get(name) ?? [];
    if (bindings.length !== 1) return { kind: 'unknown' };
    const only = bindings[0] as Binding;
    if (only.kind === 'value') return { kind: 'value', value: only.value, target: only.target, scope: found.scope };
    if (only.kind === 'import') return { kind: 'import' };
    return { kind: 'unknown' };
  }

  private findScope(start: ScopeData, name: string): ScopeData | undefined {
    let current: ScopeData | undefined = start;
    let first = true;
    while (current) {
      // A class body's names are not visible from the functions defined in it.
      if (current.scope.kind === 'class' && !first) {
        current = this.parentData(current);
        continue;
      }
      if (current.globals.has(name)) return this.module.names.has(name) ? this.module : undefined;
      if (current.nonlocals.has(name)) {
        current = this.parentData(current);
        first = false;
        continue;
      }
      if (current.names.has(name)) return current;
      current = this.parentData(current);
      first = false;
    }
    return undefined;
  }

  private parentData(d: ScopeData): ScopeData | undefined {
    const parent = d.scope.parent;
    return parent ? this.data.get(parent.id) : undefined;
  }

  private makeScope(node: Node, kind: ScopeKind, parent: Scope | undefined): ScopeData {
    const d: ScopeData = {
      scope: { id: node.id, kind, node, parent },
      names: new Map(),
      globals: new Set(),
      nonlocals: new Set(),
    };
    this.data.set(node.id, d);
    return d;
  }

  /** The scope data for the nearest enclosing scope node (strict ancestor) of `node`. */
  private dataOf(node: Node): ScopeData {
    const memo = this.scopeMemo.get(node.id);
    if (memo) return memo;
    const path: Node[] = [];
    let current: Node | null = node.parent;
    let found: ScopeData | undefined;
    while (current) {
      spend(COSTLY);
      // Scope nodes first: a scope node's own memo entry names the scope *around* it.
      const kind = SCOPE_TYPES[current.type];
      if (kind) {
        found = this.data.get(current.id) ?? this.makeScope(current, kind, this.dataOf(current).scope);
        break;
      }
      const m = this.scopeMemo.get(current.id);
      if (m) {
        found = m;
        break;
      }
      path.push(current);
      current = current.parent;
    }
    const result = found ?? this.module;
    this.scopeMemo.set(node.id, result);
    for (const p of path) this.scopeMemo.set(p.id, result);
    return result;
  }

  /**
   * Records a binding of `target` made by a statement in scope `at`, honouring `global` and
   * `nonlocal`. The scope is found once per statement, not per name: climbing parents is the
   * costly part (each step is a WebAssembly call).
   */
  private add(at: ScopeData, target: Node, binding: Binding): void {
    const name = target.text;
    const d = at.globals.has(name) ? this.module : at.nonlocals.has(name) ? (this.parentData(at) ?? this.module) : at;
    const list = d.names.get(name);
    if (list) list.push(binding);
    else d.names.set(name, [binding]);
  }

  private addOther(at: ScopeData, pattern: Node | null): void {
    for (const id of patternIdentifiers(pattern)) this.add(at, id, { kind: 'other', target: id });
  }

  private record(node: Node): void {
    // For a def/class this is the scope around it (where its name binds); for `parameters` it
    // is the function itself; for a for_in_clause, its comprehension.
    const at = this.dataOf(node);
    switch (node.type) {
      case 'assignment':
        this.recordAssignment(at, node);
        break;
      case 'augmented_assignment':
        this.addOther(at, node.childForFieldName('left'));
        break;
      case 'for_statement':
      case 'for_in_clause':
        this.addOther(at, node.childForFieldName('left'));
        break;
      case 'as_pattern_target':
        this.addOther(at, node.firstNamedChild);
        break;
      case 'named_expression':
        this.addOther(at, node.childForFieldName('name'));
        break;
      case 'function_definition':
      case 'class_definition': {
        const name = node.childForFieldName('name');
        if (name) this.add(at, name, { kind: 'other', target: name });
        break;
      }
      case 'parameters':
      case 'lambda_parameters':
        for (const p of node.namedChildren) {
          const type = p.type;
          const name =
            type === 'identifier'
              ? p
              : type === 'default_parameter' || type === 'typed_default_parameter'
                ? p.childForFieldName('name')
                : type === 'typed_parameter' || type === 'list_splat_pattern' || type === 'dictionary_splat_pattern'
                  ? firstIdentifier(p)
                  : null;
          if (name) this.add(at, name, { kind: 'other', target: name });
        }
        break;
      case 'global_statement':
      case 'nonlocal_statement': {
        const set = node.type === 'global_statement' ? at.globals : at.nonlocals;
        for (const id of node.namedChildren) if (id.type === 'identifier') set.add(id.text);
        break;
      }
      case 'delete_statement':
        for (const target of node.namedChildren) this.addOther(at, target);
        break;
      case 'import_statement':
      case 'import_from_statement':
        for (const item of node.childrenForFieldName('name')) {
          const bound =
            item.type === 'aliased_import'
              ? item.childForFieldName('alias')
              : node.type === 'import_statement'
                ? item.firstNamedChild
                : item.lastNamedChild;
          if (bound) this.add(at, bound, { kind: 'import', target: bound });
        }
        break;
      default:
        break;
    }
  }

  private recordAssignment(at: ScopeData, node: Node): void {
    const left = node.childForFieldName('left');
    let right = node.childForFieldName('right');
    if (!left || !right) return; // `x: int` declares without binding
    // `a = b = value`: the inner assignment records b; a gets the innermost value too.
    while (right.type === 'assignment') {
      const inner: Node | null = right.childForFieldName('right');
      if (!inner) return;
      right = inner;
    }
    if (left.type === 'identifier') {
      this.add(at, left, { kind: 'value', target: left, value: right });
      return;
    }
    if (isSequencePattern(left) && isSequenceValue(right)) {
      const targets = left.namedChildren;
      const values = right.namedChildren;
      const simple =
        targets.length === values.length &&
        values.every((v) => v.type !== 'list_splat') &&
        targets.every((t) => t.type !== 'list_splat_pattern');
      if (simple) {
        targets.forEach((t, i) => {
          const v = values[i] as Node;
          if (t.type === 'identifier') this.add(at, t, { kind: 'value', target: t, value: v });
          else this.addOther(at, t);
        });
        return;
      }
    }
    this.addOther(at, left);
  }
}

function isSequencePattern(node: Node): boolean {
  return ['pattern_list', 'tuple_pattern', 'list_pattern', 'tuple', 'list'].includes(node.type);
}

function isSequenceValue(node: Node): boolean {
  return node.type === 'expression_list' || node.type === 'tuple' || node.type === 'list';
}

function firstIdentifier(node: Node): Node | null {
  for (const c of node.namedChildren) if (c.type === 'identifier') return c;
  return null;
}

/** The names a target pattern binds (`a`, `a, (b, *c)`); attributes and subscripts bind none. */
export function patternIdentifiers(pattern: Node | null): Node[] {
  if (!pattern) return [];
  if (pattern.type === 'identifier') return [pattern];
  if (
    [
      'pattern_list',
      'tuple_pattern',
      'list_pattern',
      'tuple',
      'list',
      'parenthesized_expression',
      'list_splat_pattern',
      'expression_list',
    ].includes(pattern.type)
  ) {
    return pattern.namedChildren.flatMap((c) => patternIdentifiers(c));
  }
  return [];
}
