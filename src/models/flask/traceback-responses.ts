import type { Node } from '../../parse/python.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { enclosingFunction, localUses, whereValueGoes, type ValueFlow } from '../../lang/python/value-flow.js';
import { flaskRoutes } from './routes.js';

/**
 * A traceback an application hands to the client: `traceback.format_exc()` (or
 * `format_exception`, `format_tb`, `format_exception_only`) computed in an exception handler and
 * written to the response, directly or through local variables and dict entries:
 * - `self.wfile.write(...)` / `self.send_error(code, ...)` in an `http.server` request handler;
 * - a response constructor (`jsonify`, `make_response`, `Response`, `abort`, Django's
 *   `HttpResponse`/`JsonResponse`, Starlette's `JSONResponse`/`PlainTextResponse`/`HTMLResponse`);
 * - the `return` of a Flask view (a routed function or class-view method) or of an
 *   `errorhandler`.
 *
 * Not a traceback sent: one logged, printed, written to stderr or a file, or kept in a variable
 * that is overwritten before it is sent; nor one sent only under a condition that names debug
 * (`if app.debug:`, `tb if current_app.config["DEBUG"] else "error"`): that is development output.
 */
export interface TracebackResponse {
  /** The `traceback.format_*()` call. */
  readonly call: Node;
  /** What carries it to the client, for the message: `self.wfile.write`, `jsonify`, `return`. */
  readonly sink: string;
}

const FORMATTERS = new Set([
  'traceback.format_exc',
  'traceback.format_exception',
  'traceback.format_exception_only',
  'traceback.format_tb',
]);

/** Callees (last name) that build the response body from their arguments. */
const RESPONSE_BUILDERS = new Set([
  'jsonify',
  'make_response',
  'Response',
  'abort',
  'HttpResponse',
  'HttpResponseServerError',
  'JsonResponse',
  'JSONResponse',
  'PlainTextResponse',
  'HTMLResponse',
]);

/** How many assignments and containers a traceback is followed through. */
const MAX_HOPS = 4;

const slot = new MemoSlot<readonly TracebackResponse[]>('flask.tracebackResponses');

/** The file's tracebacks sent to clients (once per file). */
export function tracebackResponses(py: PythonIndex): readonly TracebackResponse[] {
  return slot.of(py, () => collect(py));
}

function importsTraceback(py: PythonIndex): boolean {
  for (const fulls of py.imports.names.values()) {
    if (fulls.some((f) => f === 'traceback' || f.startsWith('traceback.'))) return true;
  }
  return false;
}

function collect(py: PythonIndex): TracebackResponse[] {
  // Most files never import traceback: they pay for one map scan.
  if (!importsTraceback(py)) return [];
  const out: TracebackResponse[] = [];
  let views: Set<number> | undefined;
  for (const call of py.calls) {
    if (!calleeNames(call, py.imports).some((n) => FORMATTERS.has(n))) continue;
    const fn = enclosingFunction(call);
    if (!fn) continue;
    if (!inExceptClause(call, fn) && !isErrorHandler(fn)) continue;
    if (underDebugCondition(call, fn)) continue;
    views ??= viewFunctions(py);
    const sink = follow(py, call, fn, views, 0);
    if (sink) out.push({ call, sink });
  }
  return out;
}

/** Follows the traceback's value to a place that sends it, if any. */
function follow(py: PythonIndex, start: Node, fn: Node, views: Set<number>, hops: number): string | undefined {
  const flow = whereValueGoes(start);
  const { sink } = flow;
  if (underDebugCondition(sink.node, fn)) return undefined;
  switch (sink.kind) {
    case 'return':
      return views.has(fn.id) || isErrorHandler(fn) ? 'return' : undefined;
    case 'argument':
    case 'keyword':
      return sentBy(sink.node.type === 'call' ? sink.node : callOfKeyword(sink.node));
    case 'pair': {
      // `{"trace": tb}`: the dict carries it on.
      const dict = sink.node.parent;
      return dict && hops < MAX_HOPS ? follow(py, dict, fn, views, hops + 1) : undefined;
    }
    case 'assignment':
      return hops < MAX_HOPS ? followAssignment(py, flow, fn, views, hops) : undefined;
    default:
      return undefined;
  }
}

function followAssignment(
  py: PythonIndex,
  flow: ValueFlow,
  fn: Node,
  views: Set<number>,
  hops: number,
): string | undefined {
  const assignment = flow.sink.node;
  let target = flow.sink.target;
  if (!target) {
    // `body["trace"] = tb`, `self.body = tb` is not followed; a subscript of a local name is.
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'subscript') return undefined;
    const holder = left.childForFieldName('value');
    if (holder?.type !== 'identifier') return undefined;
    target = holder;
  }
  const after = assignment.endIndex;
  const name = target.text;
  for (const use of localUses(target, py)) {
    if (use.startIndex < after) continue;
    if (overwrittenBefore(py, name, fn, assignment, use)) continue;
    // `body["trace"]` read as a whole dict later: follow the name itself.
    const sent = follow(py, use, fn, views, hops + 1);
    if (sent) return sent;
  }
  return undefined;
}

/** `name = other` between the assignment and the use, in a block that always runs before the use. */
function overwrittenBefore(py: PythonIndex, name: string, fn: Node, first: Node, use: Node): boolean {
  for (const a of py.assignments) {
    if (a.startIndex <= first.endIndex || a.startIndex >= use.startIndex) continue;
    if (a.startIndex < fn.startIndex || a.endIndex > fn.endIndex) continue;
    const left = a.childForFieldName('left');
    if (left?.type !== 'identifier' || left.text !== name) continue;
    const block = a.parent?.parent;
    if (block && block.startIndex <= use.startIndex && use.endIndex <= block.endIndex) return true;
  }
  return false;
}

function callOfKeyword(node: Node): Node | undefined {
  const call = node.parent?.parent;
  return call?.type === 'call' ? call : undefined;
}

/** The name of a call that puts its arguments into the response, if it is one. */
function sentBy(call: Node | undefined): string | undefined {
  const fn = call?.childForFieldName('function');
  if (!fn) return undefined;
  const written = dottedName(fn);
  if (!written) return undefined;
  const last = written.slice(written.lastIndexOf('.') + 1);
  if (RESPONSE_BUILDERS.has(last)) return written;
  // http.server: the handler writes the body to `self.wfile` and error pages with send_error.
  if (written.endsWith('.wfile.write') || written === 'self.send_error') return written;
  return undefined;
}

function inExceptClause(node: Node, fn: Node): boolean {
  for (let n = node.parent; n && n.id !== fn.id; n = n.parent) {
    if (n.type === 'except_clause' || n.type === 'except_group_clause') return true;
  }
  return false;
}

/** `@app.errorhandler(500)`, `@bp.app_errorhandler(Exception)`: Flask calls it inside its own except. */
function isErrorHandler(fn: Node): boolean {
  const wrapper = fn.parent;
  if (wrapper?.type !== 'decorated_definition') return false;
  for (const d of wrapper.namedChildren) {
    if (d.type !== 'decorator') continue;
    const expr = d.namedChildren[0];
    const callee = expr?.type === 'call' ? expr.childForFieldName('function') : expr;
    const written = callee ? dottedName(callee) : undefined;
    const verb = written?.slice(written.lastIndexOf('.') + 1);
    if (verb === 'errorhandler' || verb === 'app_errorhandler') return true;
  }
  return false;
}

/** The function ids of the file's Flask views (routed functions and class-view methods). */
function viewFunctions(py: PythonIndex): Set<number> {
  const ids = new Set<number>();
  for (const r of flaskRoutes(py).routes) if (r.viewDefined) ids.add(r.handler.id);
  return ids;
}

/**
 * The node sits in the true branch of an `if`, or of a conditional expression, whose condition
 * names debug (`app.debug`, `settings.DEBUG`, `config["DEBUG"]`, `is_debug()`).
 */
function underDebugCondition(node: Node, fn: Node): boolean {
  let child = node;
  for (let n = node.parent; n && n.id !== fn.id; child = n, n = n.parent) {
    if (n.type === 'if_statement' || n.type === 'elif_clause') {
      const condition = n.childForFieldName('condition');
      if (condition && child.id !== condition.id && isInBranch(n, child) && namesDebug(condition)) return true;
    } else if (n.type === 'conditional_expression') {
      // `a if cond else b`: children are a, cond, b.
      const [whenTrue, condition] = n.namedChildren;
      if (whenTrue?.id === child.id && condition && namesDebug(condition)) return true;
    }
  }
  return false;
}

/** The child is the `if`'s consequence (not an else/elif branch). */
function isInBranch(ifNode: Node, child: Node): boolean {
  return ifNode.childForFieldName('consequence')?.id === child.id;
}

function namesDebug(condition: Node): boolean {
  for (const n of [condition, ...condition.descendantsOfType(['identifier', 'string'])]) {
    if (n.type === 'identifier' && n.text.toLowerCase().includes('debug')) return true;
    if (n.type === 'string' && (constantStringValue(n) ?? '').toLowerCase().includes('debug')) return true;
  }
  return false;
}
