import type { Span } from '../core/types.js';
import type { Node } from '../parse/python.js';

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

/**
 * Whether a position lies in a development or testing config class (checks.md: such classes
 * lower severity). The class's own name and its base classes' names are looked at, so
 * `class Local(DevelopmentConfig)` counts too.
 */
export function inNonProductionClass(root: Node, span: Span): boolean {
  let node: Node | null = root.descendantForPosition({ row: span.line - 1, column: Math.max(0, span.column - 1) });
  for (; node; node = node.parent) {
    if (node.type !== 'class_definition') continue;
    const name = node.childForFieldName('name')?.text ?? '';
    if (isNonProductionClassName(name)) return true;
    const bases = node.childForFieldName('superclasses')?.namedChildren ?? [];
    if (bases.some((b) => b !== null && isNonProductionClassName(b.text.slice(b.text.lastIndexOf('.') + 1))))
      return true;
  }
  return false;
}
