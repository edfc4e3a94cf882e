import type { Span } from '../../core/types.js';
import type { Node } from '../../parse/python.js';

/**
 * tree-sitter positions are 0-based rows and columns (UTF-16 code units under web-tree-sitter);
 * Spans are 1-based, as editors and SARIF count. Both ends get +1 so that a Span read back with
 * the same convention selects the same text.
 */
export function spanOf(node: Node): Span {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** From the start of `first` to the end of `last` (a call's name through its arguments, say). */
export function spanBetween(first: Node, last: Node): Span {
  return {
    line: first.startPosition.row + 1,
    column: first.startPosition.column + 1,
    endLine: last.endPosition.row + 1,
    endColumn: last.endPosition.column + 1,
  };
}
