import type { Node } from '../../parse/python.js';
import { MemoSlot, nodesWithin, type PythonIndex } from '../../lang/python/file-index.js';

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
  // The walk is only done when a caller asks for what it gathers: many callers (the write
  // summaries of every function) need only the calls and assignments cut from the file index.
  let walked: Walked | undefined;
  const walk = (): Walked => (walked ??= walkBody(fn));
  let attributes: readonly Node[] | undefined;
  let keywordArguments: readonly Node[] | undefined;
  const facts: BodyFacts = {
    node: fn,
    start,
    end,
    calls: nodesWithin(index.calls, start, end),
    assignments: nodesWithin(index.assignments, start, end),
    // Lazy: the file's attribute list is gathered on its first use, and most functions whose
    // facts are asked for (every function, for the write summaries) never need it.
    get attributes() {
      return (attributes ??= nodesWithin(index.attributes, start, end));
    },
    get keywordArguments() {
      return (keywordArguments ??= nodesWithin(index.keywordArguments, start, end));
    },
    get identifiers() {
      return walk().identifiers;
    },
    get comparisons() {
      return walk().comparisons;
    },
    get subscripts() {
      return walk().subscripts;
    },
    get integers() {
      return walk().integers;
    },
    get raises() {
      return walk().raises;
    },
    get returns() {
      return walk().returns;
    },
  };
  perFile.set(fn.id, facts);
  return facts;
}

interface Walked {
  readonly identifiers: Node[];
  readonly comparisons: Node[];
  readonly subscripts: Node[];
  readonly integers: Node[];
  readonly raises: Node[];
  readonly returns: Node[];
}

function walkBody(fn: Node): Walked {
  const out: Walked = { identifiers: [], comparisons: [], subscripts: [], integers: [], raises: [], returns: [] };
  for (const node of fn.descendantsOfType(WALK)) {
    switch (node.type) {
      case 'identifier':
        out.identifiers.push(node);
        break;
      case 'comparison_operator':
        out.comparisons.push(node);
        break;
      case 'subscript':
        out.subscripts.push(node);
        break;
      case 'integer':
        out.integers.push(node);
        break;
      case 'raise_statement':
        out.raises.push(node);
        break;
      default:
        out.returns.push(node);
        break;
    }
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
