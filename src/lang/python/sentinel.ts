import type { Span } from '../../core/types.js';
import type { PythonIndex } from './file-index.js';
import { spanOf } from './span.js';
import { constantStringValue } from './strings.js';

/**
 * `NOT_FOUND = "NOT_FOUND"`, `MISSING = "missing"`: a constant whose value spells its own name
 * is a marker for "no value", a sentinel, not data. True when the string literal at `span` is
 * the value of such a constant.
 */
export function isSentinelLiteralAt(py: PythonIndex, span: Span): boolean {
  for (const a of py.assignments) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || right?.type !== 'string') continue;
    const at = spanOf(right);
    if (at.line !== span.line || at.column !== span.column) continue;
    const value = constantStringValue(right);
    return value !== undefined && spelling(value) !== '' && spelling(value) === spelling(left.text);
  }
  return false;
}

/** The letters and digits of a name, in lower case: `NOT_FOUND`, `not-found`, `NotFound` alike. */
function spelling(text: string): string {
  return text.toLowerCase().replace(/[^a-z0-9]/g, '');
}
