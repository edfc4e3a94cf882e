import type { Node, PythonDoc } from '../../parse/python.js';
import { Evaluator } from '../../python/evaluate.js';
import { collectImports, type ImportMap } from '../../python/imports.js';
import { BINDING_NODE_TYPES, ScopeIndex } from '../../python/scope.js';
import { SslContexts } from '../../python/sslcontext.js';

/**
 * Everything the passes of one file share: the nodes they look at (gathered by a single native
 * tree walk), the import map, the scope index, the memoising evaluator, and which literals and
 * calls a fact already accounts for (so that no literal becomes two facts).
 */
export interface FileContext {
  readonly doc: PythonDoc;
  readonly path: string;
  readonly imports: ImportMap;
  readonly scopes: ScopeIndex;
  readonly evaluator: Evaluator;
  readonly ssl: SslContexts;
  readonly calls: readonly Node[];
  readonly assignments: readonly Node[];
  /** Whole string literals: `string` nodes not inside a `concatenated_string`, and those. */
  readonly strings: readonly Node[];
  readonly keywordArguments: readonly Node[];
  readonly pairs: readonly Node[];
  /** Ids of string literals and calls that an emitted fact accounts for. */
  readonly consumed: Set<number>;
}

// The passes' own nodes. The scope index fetches the binding nodes itself, in a second walk,
// only when a value has to be followed through a name.
const WALK_TYPES = [
  'call',
  'string',
  'concatenated_string',
  'keyword_argument',
  'pair',
  'assignment',
  'import_statement',
  'import_from_statement',
];

export function createContext(doc: PythonDoc, path: string): FileContext {
  const all = doc.root.descendantsOfType(WALK_TYPES);
  const imports: Node[] = [];
  const calls: Node[] = [];
  const assignments: Node[] = [];
  const strings: Node[] = [];
  const keywordArguments: Node[] = [];
  const pairs: Node[] = [];
  // Nodes come in document order, a concatenated_string before its pieces: only strings inside
  // one's range can be its pieces, so only those pay for a parent lookup.
  let concatEnd = -1;
  for (const node of all) {
    const type = node.type;
    switch (type) {
      case 'import_statement':
      case 'import_from_statement':
        imports.push(node);
        break;
      case 'assignment':
        assignments.push(node);
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
      default:
        break;
    }
  }
  const importMap = collectImports(imports);
  const scopes = new ScopeIndex(doc.root, () => doc.root.descendantsOfType([...BINDING_NODE_TYPES]));
  const evaluator = new Evaluator(scopes, importMap);
  const ssl = new SslContexts(scopes, importMap, assignments);
  return {
    doc,
    path,
    imports: importMap,
    scopes,
    evaluator,
    ssl,
    calls,
    assignments,
    strings,
    keywordArguments,
    pairs,
    consumed: new Set(),
  };
}
