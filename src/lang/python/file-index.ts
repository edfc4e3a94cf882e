import type { Node, PythonDoc } from '../../parse/python.js';
import { Evaluator } from './evaluate.js';
import { collectImports, type ImportMap } from './imports.js';
import { BINDING_NODE_TYPES, ScopeIndex } from './scope.js';

/**
 * One Python file's nodes by kind, gathered by a single native tree walk, with the import map,
 * the scope index and the memoising evaluator. The engine builds it once per file and every rule
 * and fact extractor shares it: each node access is a WebAssembly call, so walking the tree once
 * per rule would multiply the scan's cost by the number of rules.
 */
export interface PythonIndex {
  readonly doc: PythonDoc;
  readonly imports: ImportMap;
  readonly scopes: ScopeIndex;
  readonly evaluator: Evaluator;
  /** Every `call`, in document order. */
  readonly calls: readonly Node[];
  readonly assignments: readonly Node[];
  /** `x += ...` and friends. */
  readonly augmentedAssignments: readonly Node[];
  /** Whole string literals: `string` nodes not inside a `concatenated_string`, and those. */
  readonly strings: readonly Node[];
  readonly keywordArguments: readonly Node[];
  /** `key: value` pairs of dict literals. */
  readonly pairs: readonly Node[];
  readonly functions: readonly Node[];
  readonly classes: readonly Node[];
  /** `decorated_definition` nodes: a function or class with its decorators, in source order. */
  readonly decorated: readonly Node[];
  /** Every `attribute` node (`a.b`). */
  readonly attributes: readonly Node[];
  /** Every `comparison_operator` node (`a == b`, `x in y`). */
  readonly comparisons: readonly Node[];
  /** Every `return_statement`. */
  readonly returns: readonly Node[];
  /** Every `subscript` node (`a[b]`). */
  readonly subscripts: readonly Node[];
  /** Every `if_statement`, `elif_clause` and `assert_statement`, in document order. */
  readonly branches: readonly Node[];
  /**
   * The file's lazily built models, by `MemoSlot`: what a model computes for this file lives (and
   * is dropped) with this index, never in a module-level cache.
   */
  readonly memos: Map<MemoSlot<unknown>, unknown>;
}

/** The nodes of a document-ordered list (one of the index's) that start inside [start, end). */
export function nodesWithin(list: readonly Node[], start: number, end: number): Node[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if ((list[mid] as Node).startIndex < start) lo = mid + 1;
    else hi = mid;
  }
  const out: Node[] = [];
  for (let i = lo; i < list.length; i++) {
    const node = list[i] as Node;
    if (node.startIndex >= end) break;
    out.push(node);
  }
  return out;
}

/**
 * The nodes of an index list inside `node`, itself included, in document order: what
 * `node.descendantsOfType(<the list's type>)` returns, without a walk through WebAssembly.
 */
export function nodesUnder(list: readonly Node[], node: Node): Node[] {
  return nodesWithin(list, node.startIndex, node.endIndex);
}

/**
 * A model's place in every file's store: `slot.get(py)`, `slot.set(py, value)`, or
 * `slot.of(py, build)` to build once per file. The slot itself holds nothing.
 */
export class MemoSlot<T> {
  constructor(readonly name: string) {}

  get(py: PythonIndex): T | undefined {
    return py.memos.get(this) as T | undefined;
  }

  set(py: PythonIndex, value: T): void {
    py.memos.set(this, value);
  }

  of(py: PythonIndex, build: () => T): T {
    if (py.memos.has(this)) return py.memos.get(this) as T;
    const value = build();
    py.memos.set(this, value);
    return value;
  }
}

/**
 * What the one walk gathers. tree-sitter's `descendantsOfType` costs about as much as a tenth of
 * parsing the file whatever it matches (it visits every node in WebAssembly), while handing over a
 * matched node is cheap: so one walk takes every kind a model or rule lists, the scope index's
 * binding nodes included, rather than one walk per kind on first use.
 */
const WALK_TYPES: readonly string[] = [
  ...new Set([
    'call',
    'string',
    'concatenated_string',
    'keyword_argument',
    'pair',
    'assignment',
    'augmented_assignment',
    'import_statement',
    'import_from_statement',
    'function_definition',
    'class_definition',
    'decorated_definition',
    'attribute',
    'comparison_operator',
    'return_statement',
    'subscript',
    'if_statement',
    'elif_clause',
    'assert_statement',
    ...BINDING_NODE_TYPES,
  ]),
];
const BINDING_TYPES: ReadonlySet<string> = new Set(BINDING_NODE_TYPES);

export function indexPython(doc: PythonDoc): PythonIndex {
  const all = doc.root.descendantsOfType(WALK_TYPES as string[]);
  const bindings: Node[] = [];
  const attributes: Node[] = [];
  const comparisons: Node[] = [];
  const returns: Node[] = [];
  const subscripts: Node[] = [];
  const branches: Node[] = [];
  const imports: Node[] = [];
  const calls: Node[] = [];
  const assignments: Node[] = [];
  const augmentedAssignments: Node[] = [];
  const strings: Node[] = [];
  const keywordArguments: Node[] = [];
  const pairs: Node[] = [];
  const functions: Node[] = [];
  const classes: Node[] = [];
  const decorated: Node[] = [];
  // Nodes come in document order, a concatenated_string before its pieces: only strings inside
  // one's range can be its pieces, so only those pay for a parent lookup.
  let concatEnd = -1;
  for (const node of all) {
    const type = node.type;
    if (BINDING_TYPES.has(type)) bindings.push(node);
    switch (type) {
      case 'import_statement':
      case 'import_from_statement':
        imports.push(node);
        break;
      case 'assignment':
        assignments.push(node);
        break;
      case 'augmented_assignment':
        augmentedAssignments.push(node);
        break;
      case 'call':
        calls.push(node);
        break;
      case 'concatenated_string':
        strings.push(node);
        concatEnd = Math.max(concatEnd, node.endIndex);
        break;
      case 'string':
        if (node.startIndex >= concatEnd || node.parent?.type !== 'concatenated_string') strings.push(node);
        break;
      case 'keyword_argument':
        keywordArguments.push(node);
        break;
      case 'pair':
        pairs.push(node);
        break;
      case 'function_definition':
        functions.push(node);
        break;
      case 'class_definition':
        classes.push(node);
        break;
      case 'decorated_definition':
        decorated.push(node);
        break;
      case 'attribute':
        attributes.push(node);
        break;
      case 'comparison_operator':
        comparisons.push(node);
        break;
      case 'return_statement':
        returns.push(node);
        break;
      case 'subscript':
        subscripts.push(node);
        break;
      case 'if_statement':
      case 'elif_clause':
      case 'assert_statement':
        branches.push(node);
        break;
      default:
        break;
    }
  }
  const importMap = collectImports(imports);
  const scopes = new ScopeIndex(doc.root, bindings);
  return {
    doc,
    imports: importMap,
    scopes,
    evaluator: new Evaluator(scopes, importMap),
    calls,
    assignments,
    augmentedAssignments,
    strings,
    keywordArguments,
    pairs,
    functions,
    classes,
    decorated,
    attributes,
    comparisons,
    returns,
    subscripts,
    branches,
    memos: new Map(),
  };
}
