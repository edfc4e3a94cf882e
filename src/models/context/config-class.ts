import type { Span } from '../../core/types.js';
import type { Node } from '../../parse/python.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';

// `DevelopmentConfig`, `DevConfig`, `Testing`, `LocalSettings`, `TestConfig`; not `Contest`, `Latest`.
const NON_PRODUCTION = /(^|[^a-z])(dev|develop|development|local|test|testing)([^a-z]|$)/i;

/** `DevelopmentConfig` → `Development_Config`, so words can be told apart without /i confusion. */
function splitWords(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1_$2');
}

/** True for class names like DevelopmentConfig or TestingConfig. */
export function isNonProductionClassName(name: string): boolean {
  return NON_PRODUCTION.test(splitWords(name));
}

interface Range {
  readonly startRow: number;
  readonly startColumn: number;
  readonly endRow: number;
  readonly endColumn: number;
}

/** Per file: the development and testing config classes, found once. */
const nonProductionRanges = new MemoSlot<readonly Range[]>('config-class.nonProductionRanges');

function nonProductionClasses(python: PythonIndex): readonly Range[] {
  let ranges = nonProductionRanges.get(python);
  if (!ranges) {
    ranges = python.classes.filter(isNonProductionClass).map((c) => ({
      startRow: c.startPosition.row,
      startColumn: c.startPosition.column,
      endRow: c.endPosition.row,
      endColumn: c.endPosition.column,
    }));
    nonProductionRanges.set(python, ranges);
  }
  return ranges;
}

function isNonProductionClass(node: Node): boolean {
  const name = node.childForFieldName('name')?.text ?? '';
  if (isNonProductionClassName(name)) return true;
  const bases = node.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.some((b) => b !== null && isNonProductionClassName(b.text.slice(b.text.lastIndexOf('.') + 1)));
}

/**
 * Whether a position lies in a development or testing config class (checks.md: such classes
 * lower severity). The class's own name and its base classes' names are looked at, so
 * `class Local(DevelopmentConfig)` counts too. The classes are looked up once per file and the
 * position compared with their ranges: climbing from the position's node through its parents
 * cost the depth times the siblings on the way in tree-sitter, for every finding.
 */
export function inNonProductionClass(python: PythonIndex, span: Span): boolean {
  const row = span.line - 1;
  const column = Math.max(0, span.column - 1);
  return nonProductionClasses(python).some(
    (r) =>
      (r.startRow < row || (r.startRow === row && r.startColumn <= column)) &&
      (r.endRow > row || (r.endRow === row && r.endColumn > column)),
  );
}
