import { spend } from '../core/budget.js';
import type { FileKind } from '../core/types.js';
import { yamlTree } from '../config/yaml-tree.js';
import { parseTomlTree } from '../parse/config/toml.js';
import type { TNode } from '../parse/config/tree.js';
import type { Node } from '../parse/python.js';

/** Lines, 1-based and inclusive. */
export interface LineRange {
  readonly from: number;
  readonly to: number;
}

/**
 * The statement that starts on a line, for a suppression written on that line: the lines it spans,
 * so `create_engine(  # nosec` also covers the arguments on the lines below. Undefined when no
 * multi-line statement starts there (the suppression then covers findings on its own line).
 */
export type StatementAt = (line: number) => LineRange | undefined;

const NONE: StatementAt = () => undefined;

/** Simple statements of tree-sitter-python, and compound ones (whose header alone is covered). */
const SIMPLE = new Set([
  'expression_statement',
  'return_statement',
  'assert_statement',
  'import_statement',
  'import_from_statement',
  'future_import_statement',
  'delete_statement',
  'raise_statement',
  'global_statement',
  'nonlocal_statement',
  'print_statement',
  'exec_statement',
  'type_alias_statement',
]);
const COMPOUND = new Set([
  'if_statement',
  'for_statement',
  'while_statement',
  'try_statement',
  'with_statement',
  'match_statement',
  'function_definition',
  'class_definition',
  'decorated_definition',
]);

export function statementsOf(
  kind: FileKind,
  text: string,
  lines: readonly string[],
  pythonRoot: Node | undefined,
): StatementAt {
  try {
    switch (kind) {
      case 'python':
        return pythonRoot ? pythonStatements(pythonRoot, lines) : NONE;
      case 'yaml':
        return pairStatements(yamlTree(text, { uniqueKeys: false }).documents);
      case 'toml':
        return pairStatements([parseTomlTree(text)]);
      default:
        return NONE;
    }
  } catch {
    return NONE; // the file parsed for the rules; if this view of it fails, suppressions still work per line
  }
}

/**
 * Python: the outermost statement that starts on the line, at its first non-blank column. For a
 * compound statement (`with connect(...) as c:`, a decorated function) only its header is
 * covered, never its body. Found for every line in one walk of the tree with a cursor, not by
 * climbing from each comment's node: tree-sitter finds a node's parent by descending from the
 * root, so climbing cost the depth times the siblings on the way, per comment.
 */
function pythonStatements(root: Node, lines: readonly string[]): StatementAt {
  const indent = (row: number): number => {
    const text = lines[row] ?? '';
    return text.length - text.trimStart().length;
  };
  const ends = new Map<number, number>();
  const cursor = root.walk();
  try {
    for (;;) {
      spend();
      const start = cursor.startPosition;
      const end = cursor.endPosition;
      const lineStart = start.column === indent(start.row);
      if (lineStart && !ends.has(start.row) && (SIMPLE.has(cursor.nodeType) || COMPOUND.has(cursor.nodeType))) {
        // Pre-order: the first statement found at a line's start is the outermost one there.
        ends.set(start.row, COMPOUND.has(cursor.nodeType) ? headerEnd(cursor.currentNode) : end.row);
      }
      // A node on one line that does not start at the line's start holds no statement that does.
      const worthEntering = lineStart || end.row > start.row;
      if (worthEntering && cursor.gotoFirstChild()) continue;
      while (!cursor.gotoNextSibling()) {
        if (!cursor.gotoParent()) return (line) => toRange(line, ends);
      }
    }
  } finally {
    cursor.delete();
  }
}

function toRange(line: number, ends: ReadonlyMap<number, number>): LineRange | undefined {
  const to = ends.get(line - 1);
  return to === undefined ? undefined : { from: line, to: to + 1 };
}

/** Row of the `:` that ends a compound statement's header (before its first block). */
function headerEnd(node: Node): number {
  const target = node.type === 'decorated_definition' ? (node.childForFieldName('definition') ?? node) : node;
  let last = target.startPosition.row;
  for (const child of target.children) {
    if (child.type === 'block') break;
    last = child.endPosition.row;
  }
  return last;
}

/**
 * YAML and TOML: a key on the line whose value is a scalar or a list (a `command:` or `args:` list,
 * a block scalar, a multi-line array). A mapping value is not covered: its keys have lines of their own.
 */
function pairStatements(roots: readonly (TNode | undefined)[]): StatementAt {
  const byLine = new Map<number, number>();
  const visit = (node: TNode | undefined, depth: number): void => {
    if (!node || depth > 200) return;
    if (node.kind === 'map') {
      for (const p of node.pairs) {
        const v = p.value;
        if (v && v.kind !== 'map' && v.span.endLine > p.keySpan.line) {
          byLine.set(p.keySpan.line, Math.max(byLine.get(p.keySpan.line) ?? 0, v.span.endLine));
        }
        visit(v, depth + 1);
      }
    } else if (node.kind === 'seq') {
      for (const item of node.items) visit(item, depth + 1);
    }
  };
  for (const r of roots) visit(r, 0);
  return (line) => {
    const to = byLine.get(line);
    return to === undefined ? undefined : { from: line, to };
  };
}
