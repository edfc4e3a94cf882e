import type { Node } from '../../parse/python.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';

/**
 * The nodes inside one function (a view, a decorator, a before_request guard), for the route
 * rules. Calls, attributes, assignments and keyword arguments are cut out of the file index's
 * lists by position; the few kinds the index does not gather (comparisons, subscripts, names,
 * integers, raise/return) come from ONE walk of the function, done only for functions a route
 * rule asks about and shared by all of them.
 */
export interface BodyFacts {
  readonly node: Node;
  readonly start: number;
  readonly end: number;
  readonly calls: readonly Node[];
  readonly attributes: readonly Node[];
  readonly assignments: readonly Node[];
  readonly keywordArguments: readonly Node[];
  readonly identifiers: readonly Node[];
  readonly comparisons: readonly Node[];
  readonly subscripts: readonly Node[];
  readonly integers: readonly Node[];
  readonly raises: readonly Node[];
  readonly returns: readonly Node[];
}

const WALK = ['identifier', 'comparison_operator', 'subscript', 'integer', 'raise_statement', 'return_statement'];

const cache = new MemoSlot<Map<number, BodyFacts>>('routes-body.cache');

export function bodyFacts(index: PythonIndex, fn: Node): BodyFacts {
  let perFile = cache.get(index);
  if (!perFile) {
    perFile = new Map();
    cache.set(index, perFile);
  }
  const hit = perFile.get(fn.id);
  if (hit) return hit;
  const start = fn.startIndex;
  const end = fn.endIndex;
  const identifiers: Node[] = [];
  const comparisons: Node[] = [];
  const subscripts: Node[] = [];
  const integers: Node[] = [];
  const raises: Node[] = [];
  const returns: Node[] = [];
  for (const node of fn.descendantsOfType(WALK)) {
    switch (node.type) {
      case 'identifier':
        identifiers.push(node);
        break;
      case 'comparison_operator':
        comparisons.push(node);
        break;
      case 'subscript':
        subscripts.push(node);
        break;
      case 'integer':
        integers.push(node);
        break;
      case 'raise_statement':
        raises.push(node);
        break;
      default:
        returns.push(node);
        break;
    }
  }
  const facts: BodyFacts = {
    node: fn,
    start,
    end,
    calls: within(index.calls, start, end),
    attributes: within(index.attributes, start, end),
    assignments: within(index.assignments, start, end),
    keywordArguments: within(index.keywordArguments, start, end),
    identifiers,
    comparisons,
    subscripts,
    integers,
    raises,
    returns,
  };
  perFile.set(fn.id, facts);
  return facts;
}

/** The nodes of a document-ordered list that start inside [start, end). */
export function within(list: readonly Node[], start: number, end: number): Node[] {
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

/** Whether `inner` lies inside `outer` (by position; both from the same tree). */
export function contains(outer: Node, inner: Node): boolean {
  return inner.startIndex >= outer.startIndex && inner.endIndex <= outer.endIndex;
}

/** The last part of a dotted name: `flask_login.login_required` → `login_required`. */
export function lastSegment(name: string | undefined): string {
  if (!name) return '';
  const dot = name.lastIndexOf('.');
  return dot >= 0 ? name.slice(dot + 1) : name;
}
