import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { isEnviron } from '../../lang/python/env.js';
import { calleeNames } from '../../lang/python/imports.js';
import { authenticationOf, flaskRoutes, type FlaskRoute } from '../flask/routes.js';

/**
 * An HTTP endpoint that serves the process environment: py-healthcheck's `EnvironmentDump`
 * (its `process` section is `os.environ`, with only names containing `key`, `token` or `pass`
 * masked), or a Flask view that returns `os.environ` whole (`jsonify(dict(os.environ))`,
 * `os.environ.copy()`, `{**os.environ}`, `{k: v for k, v in os.environ.items()}`), when nothing
 * makes the caller sign in first.
 */
export interface EnvDump {
  /** The `EnvironmentDump(...)` call, or the environment read inside the view. */
  readonly node: Node;
  readonly kind: 'environment-dump' | 'view';
  /** The route, for a view; the path given to `EnvironmentDump(app, "/env")` otherwise. */
  readonly where: string | undefined;
}

const ENVIRONMENT_DUMP = new Set([
  'healthcheck.EnvironmentDump',
  'healthcheck.environmentdump.EnvironmentDump',
  'healthcheck.flask.EnvironmentDump',
]);

/** Calls that hand the whole mapping on as data: the dump is what they make of it. */
const WHOLE_COPIES = new Set([
  'dict',
  'list',
  'sorted',
  'str',
  'repr',
  'json.dumps',
  'flask.jsonify',
  'jsonify',
  'flask.json.jsonify',
  'flask.make_response',
  'flask.Response',
  'pprint.pformat',
]);
/** Methods of the mapping that copy its values (not `.keys()`: names alone disclose no secret). */
const VALUE_METHODS = new Set(['copy', 'items', 'values']);

/** Every environment-serving endpoint of the file that nothing in the file protects. */
export function environmentDumps(py: PythonIndex): EnvDump[] {
  const text = py.doc.text;
  const out: EnvDump[] = [];
  if (text.includes('EnvironmentDump')) {
    for (const call of py.calls) {
      if (!calleeNames(call, py.imports).some((n) => ENVIRONMENT_DUMP.has(n))) continue;
      const dump = environmentDump(py, call);
      if (dump) out.push(dump);
    }
  }
  if (text.includes('environ')) out.push(...environViews(py));
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

function environmentDump(py: PythonIndex, call: Node): EnvDump | undefined {
  const args = callArguments(call);
  // `include_process=False` leaves the environment out.
  const process = args.keywords.get('include_process');
  if (process && process.type === 'false') return undefined;
  if (process && process.type !== 'true') {
    const value = py.evaluator.evaluate(process);
    if (value.kind === 'const' && value.value === false) return undefined;
  }
  // Registered on an app right here (`EnvironmentDump(app, "/env")`): a guard on that app covers it.
  const model = flaskRoutes(py);
  if (model.appGuards.length > 0) return undefined;
  const pathNode = argument(args, 1, 'path');
  const where = pathNode?.type === 'string' ? pathNode.text.slice(1, -1) : undefined;
  // Served by a view of this file (`envdump.run()` in a route): that view's protection counts.
  const holder = assignedName(call);
  if (holder) {
    const serving = model.routes.filter((r) => r.viewDefined && callsRun(r.handler, holder));
    if (serving.length > 0 && serving.every((r) => authenticationOf(py, r) !== undefined)) return undefined;
  }
  return { node: call, kind: 'environment-dump', where };
}

/** `envdump = EnvironmentDump(...)` → `envdump`. */
function assignedName(call: Node): string | undefined {
  const parent = call.parent;
  if (parent?.type !== 'assignment' || parent.childForFieldName('right')?.id !== call.id) return undefined;
  const left = parent.childForFieldName('left');
  return left?.type === 'identifier' ? left.text : undefined;
}

function callsRun(handler: Node, holder: string): boolean {
  return handler
    .descendantsOfType('attribute')
    .some((a) => a.childForFieldName('attribute')?.text === 'run' && a.childForFieldName('object')?.text === holder);
}

/** Views that return the environment whole. */
function environViews(py: PythonIndex): EnvDump[] {
  const model = flaskRoutes(py);
  const routes = model.routes.filter((r) => r.viewDefined);
  if (routes.length === 0) return [];
  const out: EnvDump[] = [];
  for (const node of environNodes(py)) {
    const route = routes.find((r) => r.handler.startIndex <= node.startIndex && node.endIndex <= r.handler.endIndex);
    if (!route) continue;
    const dump = wholeDump(py, node);
    if (!dump || !returned(route, dump)) continue;
    if (authenticationOf(py, route) !== undefined || model.appGuards.length > 0) continue;
    out.push({ node, kind: 'view', where: route.path ?? route.handlerName });
  }
  return out;
}

/** `os.environ` attributes, and `environ` when imported from os. */
function environNodes(py: PythonIndex): Node[] {
  const out: Node[] = [];
  for (const attr of py.attributes) {
    if (attr.childForFieldName('attribute')?.text === 'environ' && isEnviron(attr, py.imports)) out.push(attr);
  }
  const locals = [...py.imports.names].filter(([, full]) => full.includes('os.environ')).map(([local]) => local);
  if (locals.length > 0) {
    for (const id of py.doc.root.descendantsOfType('identifier')) {
      if (locals.includes(id.text) && id.parent?.type !== 'dotted_name' && id.parent?.type !== 'aliased_import')
        out.push(id);
    }
  }
  return out;
}

/**
 * The expression that copies the whole environment, values included, when `node` is used so:
 * `dict(os.environ)`, `jsonify(os.environ)`, `os.environ.copy()`, `{**os.environ}`, an unfiltered
 * comprehension over `os.environ.items()`. Reads of one variable (`os.environ["X"]`,
 * `.get("X")`), `.keys()` and filtered comprehensions are not dumps.
 */
function wholeDump(py: PythonIndex, node: Node): Node | undefined {
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === 'argument_list') {
    const call = parent.parent;
    if (call?.type !== 'call') return undefined;
    return calleeNames(call, py.imports).some((n) => WHOLE_COPIES.has(n)) ? call : undefined;
  }
  if (parent.type === 'dictionary_splat') return parent.parent ?? undefined;
  if (parent.type === 'return_statement') return node;
  if (parent.type === 'attribute' && parent.childForFieldName('object')?.id === node.id) {
    const method = parent.childForFieldName('attribute')?.text ?? '';
    const call = parent.parent;
    if (!VALUE_METHODS.has(method) || call?.type !== 'call') return undefined;
    // `for k, v in os.environ.items()` inside a comprehension: unfiltered means all of it.
    const clause = call.parent;
    if (clause?.type === 'for_in_clause') {
      const comprehension = clause.parent;
      if (!comprehension || comprehension.namedChildren.some((c) => c.type === 'if_clause')) return undefined;
      return comprehension;
    }
    if (method === 'copy') return call;
    const outer = call.parent;
    if (outer?.type === 'argument_list') return wholeDump(py, call);
    return undefined;
  }
  return undefined;
}

/** The dump is (part of) a returned expression, or bound to a name the view returns. */
function returned(route: FlaskRoute, dump: Node): boolean {
  const returns = route.handler.descendantsOfType('return_statement');
  if (returns.some((r) => r.startIndex <= dump.startIndex && dump.endIndex <= r.endIndex)) return true;
  const assignment = dump.parent;
  if (assignment?.type !== 'assignment' || assignment.childForFieldName('right')?.id !== dump.id) return false;
  const left = assignment.childForFieldName('left');
  if (left?.type !== 'identifier') return false;
  return returns.some((r) => r.descendantsOfType('identifier').some((id) => id.text === left.text));
}
