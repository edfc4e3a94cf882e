import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { dottedName, resolveNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { targetNames } from '../../lang/python/value-flow.js';
import { isPasswordName } from '../names/passwords.js';

/**
 * A password read from the URL's query string: Flask `request.args["password"]`,
 * `request.args.get("password")`, Django `request.GET.get("password")`, DRF/Starlette
 * `request.query_params`, and in a hand-written `http.server` handler a lookup in the parameters
 * parsed from `self.path` (`params = parse_qs(urlparse(self.path).query)`). The URL, query
 * included, is written to access logs, proxy logs, browser history and the `Referer` header.
 */
export interface QueryPasswordRead {
  /** The read: the `.get(...)` call or the subscript. */
  readonly node: Node;
  /** The parameter's name. */
  readonly name: string;
  /** How the query was read, for the message: `request.args`, `self.path`. */
  readonly source: string;
}

/** The query-string mappings of request objects, by the attribute that holds them. */
const QUERY_ATTRIBUTES = new Set(['args', 'GET', 'query_params']);
const REQUEST_OBJECT = /^(?:(?:flask|quart|werkzeug)\.)?request$|(?:^|\.)request$/;

const HANDLER_BASES = new Set([
  'http.server.BaseHTTPRequestHandler',
  'http.server.SimpleHTTPRequestHandler',
  'http.server.CGIHTTPRequestHandler',
  'BaseHTTPServer.BaseHTTPRequestHandler',
  'SimpleHTTPServer.SimpleHTTPRequestHandler',
  'CGIHTTPServer.CGIHTTPRequestHandler',
]);

/** A parameter name that is a password (`password`, `pwd`, `new_password`, `pass`), not a reset token. */
export function isPasswordParameter(name: string): boolean {
  return isPasswordName(name) || name.toLowerCase() === 'pass';
}

/** Every read of a password from a query string in the file. */
export function queryPasswordReads(py: PythonIndex): QueryPasswordRead[] {
  const text = py.doc.text;
  const out: QueryPasswordRead[] = [];
  const flaskLike = text.includes('.args') || text.includes('.GET') || text.includes('.query_params');
  if (flaskLike) {
    for (const read of lookups(py, (object) => requestQuery(object))) out.push(read);
  }
  if (text.includes('self.path')) {
    for (const method of handlerMethods(py)) {
      const tainted = queryNames(py, method);
      const inMethod = (n: Node): boolean => n.startIndex >= method.startIndex && n.endIndex <= method.endIndex;
      for (const read of lookups(py, (object) => (isTainted(object, tainted) ? 'self.path' : undefined), inMethod)) {
        out.push(read);
      }
    }
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** `request.args` → `request.args`; anything else → undefined. */
function requestQuery(object: Node): string | undefined {
  const written = dottedName(object);
  if (!written) return undefined;
  const dot = written.lastIndexOf('.');
  if (dot < 0 || !QUERY_ATTRIBUTES.has(written.slice(dot + 1))) return undefined;
  return REQUEST_OBJECT.test(written.slice(0, dot)) ? written : undefined;
}

/**
 * `<mapping>.get("password", ...)`, `<mapping>.getlist("password")`, `<mapping>["password"]`
 * where `sourceOf(mapping)` names a query string.
 */
function* lookups(
  py: PythonIndex,
  sourceOf: (object: Node) => string | undefined,
  within: (n: Node) => boolean = () => true,
): Generator<QueryPasswordRead> {
  for (const call of py.calls) {
    if (!within(call)) continue;
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text;
    if (method !== 'get' && method !== 'getlist' && method !== 'getfirst' && method !== 'getvalue') continue;
    const object = fn.childForFieldName('object');
    const key = callArguments(call).positional[0];
    const name = key ? constantStringValue(key) : undefined;
    if (!object || name === undefined || !isPasswordParameter(name)) continue;
    const source = sourceOf(object);
    if (source) yield { node: call, name, source };
  }
  for (const str of py.strings) {
    if (!within(str)) continue;
    const parent = str.parent;
    if (parent?.type !== 'subscript' || parent.childForFieldName('subscript')?.id !== str.id) continue;
    const name = constantStringValue(str);
    const object = parent.childForFieldName('value');
    if (!object || name === undefined || !isPasswordParameter(name)) continue;
    const source = sourceOf(object);
    if (source) yield { node: parent, name, source };
  }
}

/** Methods of classes derived from the standard library's HTTP request handlers. */
function handlerMethods(py: PythonIndex): Node[] {
  const out: Node[] = [];
  for (const cls of py.classes) {
    const bases = cls.childForFieldName('superclasses')?.namedChildren ?? [];
    if (!bases.some((b) => resolveNames(b, py.imports).some((n) => HANDLER_BASES.has(n)))) continue;
    for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
      const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
      if (fn?.type === 'function_definition') out.push(fn);
    }
  }
  return out;
}

/** `self.path` (the request target, query included). */
function isSelfPath(node: Node): boolean {
  return node.type === 'attribute' && node.text === 'self.path';
}

function mentions(node: Node, tainted: ReadonlySet<string>): boolean {
  if (isSelfPath(node) || (node.type === 'identifier' && tainted.has(node.text))) return true;
  for (const attr of node.descendantsOfType(['attribute', 'identifier'])) {
    if (isSelfPath(attr) || (attr.type === 'identifier' && tainted.has(attr.text))) return true;
  }
  return false;
}

/** An expression holding the query: a name derived from it, or an expression over `self.path`. */
function isTainted(object: Node, tainted: ReadonlySet<string>): boolean {
  return mentions(unparenthesize(object), tainted);
}

/**
 * Local names of a handler method that hold the request target or something parsed from it:
 * `path, query = self.path.split("?", 1)`, `params = parse_qs(query)`. Tuple assignments pair
 * targets with values (`code, params = 200, dict(...)` taints only `params`).
 */
function queryNames(py: PythonIndex, method: Node): Set<string> {
  const assignments = py.assignments.filter((a) => a.startIndex >= method.startIndex && a.endIndex <= method.endIndex);
  const tainted = new Set<string>();
  for (let changed = true, rounds = 0; changed && rounds < 8; rounds++) {
    changed = false;
    for (const a of assignments) {
      const left = a.childForFieldName('left');
      const right = a.childForFieldName('right');
      if (!left || !right) continue;
      for (const [target, value] of pairs(left, right)) {
        if (!mentions(value, tainted)) continue;
        for (const name of target.type === 'identifier' ? [target.text] : targetNames(target)) {
          if (name !== '' && !tainted.has(name)) {
            tainted.add(name);
            changed = true;
          }
        }
      }
    }
  }
  return tainted;
}

/** Targets with the values they receive: element-wise for `a, b = x, y`, else the whole. */
function pairs(left: Node, right: Node): [Node, Node][] {
  const targets = left.type === 'pattern_list' || left.type === 'tuple_pattern' ? left.namedChildren : undefined;
  const values = right.type === 'expression_list' || right.type === 'tuple' ? right.namedChildren : undefined;
  if (targets && values && targets.length === values.length) {
    return targets.map((t, i) => [t, values[i] as Node]);
  }
  return [[left, right]];
}
