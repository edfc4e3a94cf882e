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
 * Python: the outermost statement that starts on the line. For a compound statement (`with
 * connect(...) as c:`, a decorated function) only its header is covered, never its body.
 */
function pythonStatements(root: Node, lines: readonly string[]): StatementAt {
  return (line) => {
    const text = lines[line - 1] ?? '';
    const column = text.length - text.trimStart().length;
    const row = line - 1;
    let best: Node | undefined;
    for (let n = root.descendantForPosition({ row, column }); n; n = n.parent) {
      if (n.startPosition.row !== row) break;
      if (SIMPLE.has(n.type) || COMPOUND.has(n.type)) best = n;
    }
    if (!best) return undefined;
    const to = COMPOUND.has(best.type) ? headerEnd(best) : best.endPosition.row;
    return { from: line, to: to + 1 };
  };
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
