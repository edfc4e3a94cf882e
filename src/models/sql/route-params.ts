import type { Node } from '../../parse/python.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { callArguments } from '../../lang/python/args.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { pathParams } from '../flask/url-rules.js';

/**
 * Whether a function parameter is filled from the URL of a web route: a parameter of a function
 * decorated with `@app.route`, `@bp.get`, `@router.post`… or of an HTTP method of a Flask
 * `MethodView`/Flask-RESTful `Resource`. A small local check, so that the SQL rule does not depend
 * on the full Flask route model: it needs only "is this value chosen by whoever sends the
 * request", and the converter (`<int:id>`) that may already have made it a number. It is not the
 * Flask route model on purpose: it also takes FastAPI/Starlette routes (`@router.api_route`,
 * `@app.websocket`, `HTTPEndpoint`) and any receiver, where the Flask model wants a Flask app or
 * blueprint. The rule syntax is read by the same `pathParams`.
 */

const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete', 'api_route', 'websocket']);
const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const VIEW_BASES = /(?:^|\.)(?:\w*Resource|MethodView|View|HTTPEndpoint)$/;

/** Converters whose values cannot carry a quote: Flask/Werkzeug turns them into numbers or UUIDs. */
export const TYPED_CONVERTERS: ReadonlySet<string> = new Set(['int', 'float', 'uuid', 'any']);

export interface RouteInfo {
  /** Converter names by parameter, from `<int:account_id>` in the decorators' rule strings. */
  readonly converters: ReadonlyMap<string, string>;
}

/** Route information by function node id, per file. */
const ROUTES = new MemoSlot<Map<number, RouteInfo | null>>('sql.route-params');

/** Route information for a function_definition of `py`, or undefined when it is not a view. */
export function routeOf(fn: Node, py: PythonIndex): RouteInfo | undefined {
  const perTree = ROUTES.of(py, () => new Map());
  const hit = perTree.get(fn.id);
  if (hit !== undefined) return hit ?? undefined;
  const info = compute(fn);
  perTree.set(fn.id, info ?? null);
  return info;
}

function compute(fn: Node): RouteInfo | undefined {
  const converters = new Map<string, string>();
  let isRoute = false;
  const parent = fn.parent;
  if (parent?.type === 'decorated_definition') {
    for (const decorator of parent.namedChildren) {
      if (decorator.type !== 'decorator') continue;
      const expr = decorator.firstNamedChild;
      if (expr?.type !== 'call') continue;
      const callee = expr.childForFieldName('function');
      if (callee?.type !== 'attribute') continue;
      const method = callee.childForFieldName('attribute')?.text ?? '';
      if (!ROUTE_DECORATORS.has(method)) continue;
      isRoute = true;
      const rule = callArguments(expr).positional[0];
      const text = rule ? constantStringValue(rule) : undefined;
      if (text) for (const [name, conv] of ruleConverters(text)) converters.set(name, conv);
    }
  }
  if (!isRoute && isViewMethod(fn)) isRoute = true;
  return isRoute ? { converters } : undefined;
}

/** `get(self, id)` inside `class Item(MethodView)` / `class Item(Resource)`. */
function isViewMethod(fn: Node): boolean {
  const name = fn.childForFieldName('name')?.text ?? '';
  if (!VIEW_METHODS.has(name)) return false;
  let node: Node | null = fn.parent;
  if (node?.type === 'decorated_definition') node = node.parent;
  const cls = node?.type === 'block' ? node.parent : null;
  if (cls?.type !== 'class_definition') return false;
  const bases = cls.childForFieldName('superclasses')?.namedChildren ?? [];
  return bases.some((b) => VIEW_BASES.test(b.text));
}

/** `/accounts/<int:account_id>/<path:rest>` → account_id→int, rest→path; `<name>` → string. */
export function ruleConverters(rule: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const p of pathParams(rule)) out.set(p.name, p.converter ?? 'string');
  // Starlette `{item_id:int}`; a bare FastAPI `{item_id}` is typed by the parameter's annotation.
  const braces = /\{([A-Za-z_]\w*):(\w+)\}/g;
  for (let m = braces.exec(rule); m; m = braces.exec(rule)) out.set(m[1] as string, m[2] as string);
  return out;
}
