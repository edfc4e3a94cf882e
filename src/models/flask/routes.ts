import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import {
  authEvidence,
  classifyWrapper,
  decoratorExpressions,
  identityRefs,
  functionsNamed,
  inspectDecorator,
  rejectsAnonymous,
  type WrapperInfo,
} from './auth.js';
import { bodyFacts, lastSegment } from './routes-body.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { joinText } from '../../lang/python/values.js';
import { DYNAMIC } from '../../core/dynamic.js';
import type { Span } from '../../core/types.js';
import { spanBetween, spanOf } from '../../lang/python/span.js';
import { resolveNames } from '../../lang/python/imports.js';
import { pathParams, type PathParam } from './url-rules.js';

export { pathParams, type PathParam };

/**
 * A model of a Flask application's views, from one file: every route registered with
 * `@app.route`/`@bp.route`, the method shortcuts (`@app.post`), `add_url_rule` (functions and
 * `View`/`MethodView` classes), Flask-RESTful/RESTX resources (`api.add_resource`, `@ns.route`
 * on a class); the path, its parameters and converters, the HTTP methods; the decorators in
 * source order and which of them actually wrap the registered view (decorators apply bottom-up,
 * so one written above the route decorator does not); blueprint and app `before_request` guards;
 * Flask-Limiter limits on the view, the blueprint and the whole app. Built once per file and
 * shared by every route rule.
 */

export interface Guard {
  /** The `before_request` registration (decorator or call). */
  readonly node: Node;
  readonly fn: Node;
  readonly admin: boolean;
}

export interface FlaskScaffold {
  readonly kind: 'app' | 'blueprint' | 'api';
  readonly variable: string;
  /** A blueprint's name (its first argument). */
  readonly name: string | undefined;
  /** From the constructor, or from `register_blueprint(bp, url_prefix=...)` in the same file. */
  urlPrefix: string | undefined;
  /** For an Api or Namespace: the app or blueprint it was created on. */
  readonly parent: string | undefined;
  /** `before_request` functions that authenticate. */
  readonly guards: Guard[];
  /** `limiter.limit("…")(bp)`. */
  readonly limits: Node[];
  /** `limiter.exempt(bp)`. */
  exempt: boolean;
  /** `Api(app, decorators=[...])`, `Namespace(..., decorators=[...])`. */
  readonly decorators: WrapperInfo[];
}

export interface RouteDecorator {
  /** The `decorator` node. */
  readonly node: Node;
  readonly info: WrapperInfo;
  /** 0 is the top one. */
  readonly index: number;
  /** A route registration (`@app.route`, `@bp.post`). */
  readonly route: boolean;
}

export type RouteKind = 'decorator' | 'add_url_rule' | 'view-class' | 'resource';

export interface FlaskRoute {
  readonly kind: RouteKind;
  /** The rule as written, when it is a constant. */
  readonly rule: string | undefined;
  /** The rule with the blueprint's `url_prefix` when the file says it. */
  readonly path: string | undefined;
  readonly params: readonly PathParam[];
  /** Upper-case HTTP methods (GET when none is given). */
  readonly methods: readonly string[];
  /** False when `methods=` is not a literal list the model can read. */
  readonly methodsKnown: boolean;
  /** The view function (for a class view: its `get`/`post`/… method); the name, for an imported view. */
  readonly handler: Node;
  readonly handlerName: string;
  /**
   * False for a view function imported from another module (`bp.add_url_rule("/x", "x", view)`):
   * the route, its path and methods are known here, but not the view's body or own decorators.
   */
  readonly viewDefined: boolean;
  /** The written receiver of the registration: `app`, `bp`, `api`. */
  readonly receiver: string;
  readonly scaffold: FlaskScaffold | undefined;
  /** The route decorator, or the `add_url_rule`/`add_resource` call. */
  readonly registration: Node;
  /** The handler's own decorators, top to bottom. */
  readonly decorators: readonly RouteDecorator[];
  /** Everything that wraps the view Flask registered: decorators below the route decorator, class `decorators`, `view_func=login_required(view)`. */
  readonly wrappers: readonly WrapperInfo[];
  /** Authentication decorators written ABOVE the route decorator: they wrap a function Flask never calls. */
  readonly misplaced: readonly RouteDecorator[];
  /** `before_request` guards of its blueprint or of the app, in this file. */
  readonly guards: readonly Guard[];
}

export interface FlaskModel {
  readonly routes: readonly FlaskRoute[];
  readonly scaffolds: ReadonlyMap<string, FlaskScaffold>;
  /** `Limiter(default_limits=[...])`, `application_limits`, `RATELIMIT_DEFAULT`: a limit on every view. */
  readonly defaultLimit: Node | undefined;
  /** Guards registered on the app (or with `before_app_request`): they cover every view of the file. */
  readonly appGuards: readonly Guard[];
  /**
   * Views of `View`/`MethodView`/`Resource` classes the file defines but does not register: another
   * module routes them (`api.add_resource(UserList, "/users")` in main.py). No path, no scaffold.
   */
  readonly unrouted: readonly FlaskRoute[];
  /**
   * Views handed to a function of another module with `view_func=Cls.as_view(...)` or a view
   * function (`register_view(bp, routes=["/reauth"], view_func=...)`): routes only if that function
   * registers URL rules, which the project decides. `helper` is the callee as written.
   */
  readonly helperRoutes: readonly (FlaskRoute & { readonly helper: string })[];
  /** Registrations here of views defined in another module: `api.add_resource(UserList, "/users")`. */
  readonly foreignViews: readonly ForeignView[];
  /** `limiter.limit("…")(bp)` / `limiter.exempt(bp)` on a blueprint imported from another module. */
  readonly foreignLimits: readonly { readonly target: string; readonly exempt: boolean }[];
}

/** A class or function view registered here but defined in another module. */
export interface ForeignView {
  /** The view's local name (an import): `UserList`. */
  readonly ref: string;
  readonly rule: string | undefined;
  /** The scaffold it is registered on, as written. */
  readonly receiver: string;
  /** A wrapper at the registration authenticates, or a guard of this file covers the receiver. */
  readonly guarded: boolean;
}

const APP_CONSTRUCTORS = new Set([
  'flask.Flask',
  'flask.app.Flask',
  'quart.Quart',
  'apiflask.APIFlask',
  'flask_openapi3.OpenAPI',
]);
const BLUEPRINT_CONSTRUCTORS = new Set([
  'flask.Blueprint',
  'flask.blueprints.Blueprint',
  'quart.Blueprint',
  'apiflask.APIBlueprint',
  'flask_smorest.Blueprint',
  'flask_openapi3.APIBlueprint',
]);
const API_CONSTRUCTORS = new Set([
  'flask_restful.Api',
  'flask_restx.Api',
  'flask_restplus.Api',
  'flask_restx.Namespace',
  'flask_restplus.Namespace',
  'flask_smorest.Api',
]);
/** Other frameworks with `@app.get("/x")`-shaped routes: not Flask, not modelled. */
const FOREIGN_FRAMEWORKS =
  /^(?:fastapi|starlette|sanic|bottle|falcon|aiohttp|tornado|django|litestar|robyn|pyramid|cherrypy|responder|blacksheep|emmett)(?:\.|$)/;
const FLASK_MODULES = /^(?:flask|quart|apiflask|flask_\w+|werkzeug)(?:\.|$)/;

/** Base classes of class-based views. */
const VIEW_BASES =
  /^(?:flask\.views\.(?:Method)?View|flask_restful\.Resource|flask_restx\.Resource|flask_restplus\.Resource|flask_smorest\.MethodView|flask\.views\.MethodView)$/;
const ROUTE_DECORATORS = new Set(['route', 'get', 'post', 'put', 'patch', 'delete']);
export const HTTP_METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
const METHOD_NAMES = new Set(HTTP_METHODS.map((m) => m.toLowerCase()));

const cache = new MemoSlot<FlaskModel>('routes.cache');

export function flaskRoutes(index: PythonIndex): FlaskModel {
  const hit = cache.get(index);
  if (hit) return hit;
  const model = build(index);
  cache.set(index, model);
  return model;
}

const EMPTY: FlaskModel = {
  routes: [],
  scaffolds: new Map(),
  defaultLimit: undefined,
  appGuards: [],
  unrouted: [],
  helperRoutes: [],
  foreignViews: [],
  foreignLimits: [],
};

function build(index: PythonIndex): FlaskModel {
  const text = index.doc.text;
  // Every form the model reads has one of these words; most files have none.
  if (
    !/route|add_url_rule|add_resource|view_func|before_(?:app_)?request|Limiter|\.limit\(|\.exempt\(|RATELIMIT_|[(,\s](?:MethodView|View|Resource)\s*[,)]|@[\w.]+\.(?:get|post|put|patch|delete)\(/.test(
      text,
    )
  )
    return EMPTY;
  let flaskish = false;
  let foreignImport = false;
  for (const fulls of index.imports.names.values()) {
    for (const full of fulls) {
      if (FLASK_MODULES.test(full)) flaskish = true;
      if (FOREIGN_FRAMEWORKS.test(full)) foreignImport = true;
    }
  }
  // Views live in files that import Flask (or Quart, APIFlask, an extension): the others are
  // skipped before any node is touched.
  if (!flaskish) return EMPTY;
  const b = new Builder(index, flaskish, foreignImport);
  b.collectScaffoldsAndSettings();
  b.collectDecoratedRoutes();
  b.collectCallRoutes();
  b.collectUnrouted();
  return {
    routes: b.routes,
    scaffolds: b.scaffolds,
    defaultLimit: b.defaultLimit,
    appGuards: b.appGuards,
    unrouted: b.unrouted,
    helperRoutes: b.helperRoutes,
    foreignViews: b.foreignViews,
    foreignLimits: b.foreignLimits,
  };
}

class Builder {
  readonly scaffolds = new Map<string, FlaskScaffold>();
  readonly foreign = new Set<string>();
  readonly routes: FlaskRoute[] = [];
  readonly appGuards: Guard[] = [];
  readonly unrouted: FlaskRoute[] = [];
  readonly helperRoutes: (FlaskRoute & { helper: string })[] = [];
  readonly foreignViews: ForeignView[] = [];
  readonly foreignLimits: { target: string; exempt: boolean }[] = [];
  defaultLimit: Node | undefined;

  constructor(
    readonly index: PythonIndex,
    readonly flaskish: boolean,
    readonly foreignImport: boolean,
  ) {}

  // -- apps, blueprints, APIs, guards, limits ---------------------------------------------------

  collectScaffoldsAndSettings(): void {
    const { index } = this;
    const guardCalls: Node[] = [];
    for (const call of index.calls) {
      const names = calleeNames(call, index.imports);
      const first = names[0];
      if (first === undefined) {
        this.blueprintLimit(call);
        continue;
      }
      const last = lastSegment(first);
      if (names.some((n) => APP_CONSTRUCTORS.has(n)) || first === 'Flask') this.scaffold(call, 'app');
      else if (names.some((n) => BLUEPRINT_CONSTRUCTORS.has(n)) || first === 'Blueprint')
        this.scaffold(call, 'blueprint');
      else if (names.some((n) => API_CONSTRUCTORS.has(n))) this.scaffold(call, 'api');
      else if (FOREIGN_FRAMEWORKS.test(first)) this.foreignScaffold(call);
      else if (last === 'namespace' && this.scaffolds.get(first.slice(0, -'.namespace'.length))?.kind === 'api')
        this.scaffold(call, 'api');
      else if (last === 'Limiter' || names.some((n) => n.startsWith('flask_limiter') && n.endsWith('.Limiter')))
        this.limiter(call);
      else if (last === 'before_request' || last === 'before_app_request') guardCalls.push(call);
      else if (last === 'register_blueprint') this.registerBlueprint(call);
      else if (last === 'exempt') this.blueprintExempt(call, first);
      else if (last === 'update' && first.endsWith('config.update')) this.configUpdate(call);
    }
    for (const call of guardCalls) this.guardCall(call);
    for (const dec of index.decorated) {
      const definition = dec.childForFieldName('definition');
      if (definition?.type !== 'function_definition') continue;
      for (const expr of decoratorExpressions(dec)) {
        if (expr.type !== 'attribute') continue;
        const written = dottedName(expr) ?? '';
        const last = lastSegment(written);
        if (last === 'before_request' || last === 'before_app_request')
          this.addGuard(written.slice(0, -last.length - 1), last === 'before_app_request', expr, definition);
      }
    }
    this.rateLimitSettings();
  }

  private scaffold(call: Node, kind: FlaskScaffold['kind']): void {
    const variable = assignedName(call);
    if (!variable) return;
    const args = callArguments(call);
    let name: string | undefined;
    let urlPrefix: string | undefined;
    let parent: string | undefined;
    if (kind === 'blueprint') {
      const n = argument(args, 0, 'name');
      name = n ? constantStringValue(n) : undefined;
      const p = args.keywords.get('url_prefix');
      urlPrefix = p ? this.stringOf(p) : undefined;
    } else if (kind === 'api') {
      const p = args.positional[0] ?? args.keywords.get('app');
      parent = p ? (dottedName(p) ?? undefined) : undefined;
      const n = args.positional[0];
      if (n && isStringLike(n)) {
        // `Namespace("todos", path="/todos")` / `api.namespace("todos")`.
        name = constantStringValue(n);
        parent = undefined;
        const p2 = args.keywords.get('path');
        urlPrefix = p2 ? this.stringOf(p2) : name !== undefined ? `/${name}` : undefined;
      }
    }
    const decorators: WrapperInfo[] = [];
    const decs = args.keywords.get('decorators');
    if (decs) for (const d of listElements(decs)) decorators.push(classifyWrapper(this.index, d));
    this.scaffolds.set(variable, {
      kind,
      variable,
      name,
      urlPrefix,
      parent,
      guards: [],
      limits: [],
      exempt: false,
      decorators,
    });
  }

  private foreignScaffold(call: Node): void {
    const variable = assignedName(call);
    if (variable) this.foreign.add(variable);
  }

  private limiter(call: Node): void {
    const args = callArguments(call);
    for (const key of ['default_limits', 'application_limits']) {
      const value = args.keywords.get(key);
      if (value && !isEmptyContainer(value)) this.defaultLimit ??= value;
    }
  }

  /** `limiter.limit("5/minute")(bp)`. */
  private blueprintLimit(call: Node): void {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'call') return;
    const info = classifyWrapper(this.index, fn);
    if (!info.limit && !info.limitExempt) return;
    const target = callArguments(call).positional[0];
    const name = target ? dottedName(target) : undefined;
    const scaffold = name ? this.scaffolds.get(name) : undefined;
    if (scaffold && info.limit) scaffold.limits.push(call);
    else if (!scaffold && name && this.index.imports.names.has(name.split('.')[0] ?? ''))
      this.foreignLimits.push({ target: name, exempt: !info.limit });
  }

  /** `limiter.exempt(bp)`. */
  private blueprintExempt(call: Node, written: string): void {
    if (!/limit/i.test(written)) return;
    const target = callArguments(call).positional[0];
    const name = target ? (dottedName(target) ?? '') : '';
    const scaffold = this.scaffolds.get(name);
    if (scaffold) scaffold.exempt = true;
    else if (name && this.index.imports.names.has(name.split('.')[0] ?? ''))
      this.foreignLimits.push({ target: name, exempt: true });
  }

  private registerBlueprint(call: Node): void {
    const args = callArguments(call);
    const target = args.positional[0];
    const scaffold = target ? this.scaffolds.get(dottedName(target) ?? '') : undefined;
    const prefix = args.keywords.get('url_prefix');
    if (scaffold && prefix) {
      const value = this.stringOf(prefix);
      if (value !== undefined) scaffold.urlPrefix = value;
    }
  }

  private configUpdate(call: Node): void {
    const args = callArguments(call);
    for (const key of ['RATELIMIT_DEFAULT', 'RATELIMIT_APPLICATION']) {
      const value = args.keywords.get(key);
      if (value && !isEmptyContainer(value)) this.defaultLimit ??= value;
    }
  }

  /** `RATELIMIT_DEFAULT = "100/hour"` as a constant, a class attribute, `app.config[...]` or a dict key. */
  private rateLimitSettings(): void {
    if (this.defaultLimit || !/RATELIMIT_(?:DEFAULT|APPLICATION)/.test(this.index.doc.text)) return;
    for (const assignment of this.index.assignments) {
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (!left || !right || isEmptyContainer(right)) continue;
      let key: string | undefined;
      if (left.type === 'identifier') key = left.text;
      else if (left.type === 'subscript') {
        const s = left.childForFieldName('subscript');
        key = s ? constantStringValue(s) : undefined;
      }
      if (key === 'RATELIMIT_DEFAULT' || key === 'RATELIMIT_APPLICATION') this.defaultLimit ??= right;
    }
    for (const pair of this.index.pairs) {
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      const key = k ? constantStringValue(k) : undefined;
      if (v && !isEmptyContainer(v) && (key === 'RATELIMIT_DEFAULT' || key === 'RATELIMIT_APPLICATION'))
        this.defaultLimit ??= v;
    }
  }

  private guardCall(call: Node): void {
    const fn = call.childForFieldName('function');
    const written = fn ? (dottedName(fn) ?? '') : '';
    const last = lastSegment(written);
    const target = callArguments(call).positional[0];
    if (!target) return;
    if (target.type === 'identifier') {
      for (const def of functionsNamed(this.index, target.text))
        this.addGuard(written.slice(0, -last.length - 1), last === 'before_app_request', call, def);
    } else if (target.type === 'call') {
      // `bp.before_request(login_required(lambda: None))`.
      const info = classifyWrapper(this.index, target);
      if (info.auth)
        this.pushGuard(written.slice(0, -last.length - 1), last === 'before_app_request', {
          node: call,
          fn: target,
          admin: info.admin,
        });
    }
  }

  private addGuard(receiver: string, appWide: boolean, node: Node, fn: Node): void {
    const check = inspectDecorator(this.index, fn);
    // A hook that records who is calling and lets everyone through guards nothing.
    let auth = check.auth && rejectsAnonymous(this.index, fn);
    let admin = check.admin;
    // `@bp.before_request` over `@login_required` over a function that does nothing.
    const decorated = fn.parent;
    if (decorated?.type === 'decorated_definition') {
      for (const expr of decoratorExpressions(decorated)) {
        const info = classifyWrapper(this.index, expr);
        if (info.auth) auth = true;
        if (info.admin) admin = true;
      }
    }
    if (auth) this.pushGuard(receiver, appWide, { node, fn, admin });
  }

  private pushGuard(receiver: string, appWide: boolean, guard: Guard): void {
    const scaffold = this.scaffolds.get(receiver);
    if (appWide || scaffold?.kind === 'app' || (!scaffold && /(?:^|\.)app(?:lication)?$/.test(receiver)))
      this.appGuards.push(guard);
    else if (scaffold) scaffold.guards.push(guard);
    else {
      // A blueprint imported from elsewhere: its guard still covers the views registered on it here.
      const created: FlaskScaffold = {
        kind: 'blueprint',
        variable: receiver,
        name: undefined,
        urlPrefix: undefined,
        parent: undefined,
        guards: [guard],
        limits: [],
        exempt: false,
        decorators: [],
      };
      this.scaffolds.set(receiver, created);
    }
  }

  // -- routes -------------------------------------------------------------------------------------

  collectDecoratedRoutes(): void {
    for (const dec of this.index.decorated) {
      const exprs = decoratorExpressions(dec);
      const routeAt: number[] = [];
      if (!exprs.some((e) => e.type === 'call')) continue;
      const definition = dec.childForFieldName('definition');
      if (!definition) continue;
      const isClass = definition.type === 'class_definition';
      exprs.forEach((e, i) => {
        if (this.routeDecorator(e, isClass)) routeAt.push(i);
      });
      if (routeAt.length === 0) continue;
      const decoratorNodes = dec.namedChildren.filter((c) => c.type === 'decorator');
      const decorators: RouteDecorator[] = exprs.map((expr, i) => ({
        node: decoratorNodes[i] ?? expr,
        info: classifyWrapper(this.index, expr),
        index: i,
        route: routeAt.includes(i),
      }));
      for (const at of routeAt) {
        const decorator = decorators[at] as RouteDecorator;
        const call = exprs[at] as Node;
        const callee = call.childForFieldName('function');
        const written = callee ? (dottedName(callee) ?? '') : '';
        const verb = lastSegment(written);
        const receiver = written.slice(0, -verb.length - 1);
        const args = callArguments(call);
        const ruleNode = argument(args, 0, 'rule');
        const rule = ruleNode ? this.stringOf(ruleNode) : undefined;
        const below = decorators.filter((d) => d.index > at && !d.route).map((d) => d.info);
        // Above this route decorator and above every other one: it wraps no registered view.
        const firstRoute = routeAt[0] ?? at;
        const misplaced = decorators.filter((d) => d.index < firstRoute && !d.route && d.info.auth);
        if (definition.type === 'function_definition') {
          const methods =
            verb === 'route'
              ? this.methodsOf(args.keywords.get('methods'))
              : { list: [verb.toUpperCase()], known: true };
          this.addRoute({
            kind: 'decorator',
            rule,
            methods: methods.list,
            methodsKnown: methods.known,
            handler: definition,
            receiver,
            registration: decorator.node,
            decorators,
            wrappers: below,
            misplaced,
          });
        } else if (isClass && (verb === 'route' || verb === 'resource')) {
          // Flask-RESTX `@ns.route`, flask-smorest `@blp.route`, Flask-RESTful `@api.resource` on a class.
          this.addClassRoutes(definition, {
            kind: 'resource',
            rule,
            receiver,
            registration: decorator.node,
            wrappers: below,
            restrictTo: undefined,
          });
        }
      }
    }
  }

  /** `@app.route("/x")`, `@bp.post("/x")`: a call on an app/blueprint (or a name used like one). */
  private routeDecorator(expr: Node, onClass: boolean): boolean {
    if (expr.type !== 'call') return false;
    const callee = expr.childForFieldName('function');
    if (callee?.type !== 'attribute') return false;
    const written = dottedName(callee);
    if (!written) return false;
    const verb = lastSegment(written);
    if (!ROUTE_DECORATORS.has(verb) && !(onClass && verb === 'resource')) return false;
    if (onClass && verb !== 'route' && verb !== 'resource') return false;
    const receiver = written.slice(0, -verb.length - 1);
    if (this.foreign.has(receiver)) return false;
    const known = this.scaffolds.get(receiver);
    if (known) return true;
    if (!this.flaskish) return false;
    const first = callArguments(expr).positional[0] ?? callArguments(expr).keywords.get('rule');
    if (!first) return false;
    const value = this.stringOf(first);
    if (verb === 'route') return value !== undefined || isStringLike(first);
    // `@x.get("/path")` on an unknown receiver: only in a file of Flask, with a path, never in a
    // file that also imports another web framework (FastAPI's routers look the same).
    return !this.foreignImport && value !== undefined && value.startsWith('/');
  }

  collectCallRoutes(): void {
    if (!/add_url_rule|add_resource|view_func/.test(this.index.doc.text)) return;
    for (const call of this.index.calls) {
      const fn = call.childForFieldName('function');
      if (fn?.type !== 'attribute') {
        if (fn?.type === 'identifier') this.helperRegistration(call, fn.text);
        continue;
      }
      const written = dottedName(fn);
      if (!written) continue;
      const verb = lastSegment(written);
      const receiver = written.slice(0, -verb.length - 1);
      if (verb === 'add_url_rule') this.addUrlRule(call, receiver);
      else if (verb === 'add_resource') this.addResource(call, receiver);
      else this.helperRegistration(call, written);
    }
  }

  /** The routes `add` registers, moved out of `routes` (for views routed only if the project says so). */
  private capture(add: () => void): FlaskRoute[] {
    const before = this.routes.length;
    add();
    return this.routes.splice(before);
  }

  /**
   * `register_view(bp, routes=["/reauth"], view_func=Reauth.as_view("reauth"))`: a view handed to
   * a function that may register it (flaskbb's helper loops over `add_url_rule`).
   */
  private helperRegistration(call: Node, helper: string): void {
    const args = callArguments(call);
    const viewNode = args.keywords.get('view_func');
    if (!viewNode) return;
    const target = args.positional[0];
    const receiver = target ? (dottedName(target) ?? '') : '';
    const rulesNode = args.keywords.get('routes') ?? args.keywords.get('rule') ?? args.positional[1];
    const rules = rulesNode ? listElements(rulesNode).map((r) => this.stringOf(r)) : [undefined];
    const { view, wrappers } = this.unwrapView(viewNode);
    let cls: Node | undefined;
    let def: Node | undefined;
    if (view.type === 'call') {
      const callee = view.childForFieldName('function');
      const written = callee ? dottedName(callee) : undefined;
      if (written && lastSegment(written) === 'as_view') cls = this.classNamed(written.slice(0, -'.as_view'.length));
    } else if (view.type === 'identifier') def = this.viewFunction(view.text);
    if (!cls && !def) return;
    for (const rule of rules) {
      const added = this.capture(() => {
        if (cls)
          this.addClassRoutes(cls, {
            kind: 'view-class',
            rule,
            receiver,
            registration: call,
            wrappers,
            restrictTo: undefined,
          });
        else if (def) {
          const methods = this.methodsOf(args.keywords.get('methods'));
          this.addRoute({
            kind: 'add_url_rule',
            rule,
            methods: methods.list,
            methodsKnown: methods.known,
            handler: def,
            receiver,
            registration: call,
            decorators: [],
            wrappers,
            misplaced: [],
          });
        }
      });
      for (const r of added) this.helperRoutes.push({ ...r, helper });
    }
  }

  /** A view class registered here and defined elsewhere: `api.add_resource(UserList, "/users")`. */
  private foreignView(
    ref: string | undefined,
    rule: string | undefined,
    receiver: string,
    wrappers: readonly WrapperInfo[],
  ): void {
    if (!ref || !this.index.imports.names.has(ref.split('.')[0] ?? '')) return;
    const scaffold = this.scaffolds.get(receiver);
    const parent = scaffold?.parent ? this.scaffolds.get(scaffold.parent) : undefined;
    const guarded =
      wrappers.some((w) => w.auth) ||
      this.appGuards.length > 0 ||
      (scaffold?.guards.length ?? 0) > 0 ||
      (parent?.guards.length ?? 0) > 0 ||
      (scaffold?.kind === 'api' && this.apiWrappers(scaffold).some((w) => w.auth));
    this.foreignViews.push({ ref, rule, receiver, guarded });
  }

  /**
   * `View`/`MethodView`/`Resource` classes this file defines and does not register (another module
   * does, or nothing does): their views are kept apart, without a path.
   */
  collectUnrouted(): void {
    if (!/[(,\s](?:MethodView|View|Resource)\s*[,)]/.test(this.index.doc.text)) return;
    const routed = new Set(this.routes.map((r) => r.handler.id));
    for (const r of this.helperRoutes) routed.add(r.handler.id);
    for (const cls of this.index.classes) {
      if (cls.parent?.parent?.type !== 'module' && cls.parent?.type !== 'module') continue;
      if (!this.viewClass(cls, 0)) continue;
      const name = cls.childForFieldName('name')?.text ?? '';
      const added = this.capture(() =>
        this.addClassRoutes(cls, {
          kind: 'view-class',
          rule: undefined,
          receiver: '',
          registration: cls,
          wrappers: [],
          restrictTo: undefined,
        }),
      );
      for (const r of added) {
        if (routed.has(r.handler.id)) continue;
        this.unrouted.push({ ...r, handlerName: `${name}.${r.handlerName}` });
      }
    }
  }

  /** Based on Flask's `View`/`MethodView` or a Flask-RESTful/RESTX `Resource`, directly or through a class of this file. */
  private viewClass(cls: Node, depth: number): boolean {
    for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
      const written = dottedName(base);
      if (!written) continue;
      const full = resolveNames(base, this.index.imports);
      if (full.some((n) => VIEW_BASES.test(n))) return true;
      const local = depth < 4 && !written.includes('.') ? this.classNamed(written) : undefined;
      if (local && local.id !== cls.id && this.viewClass(local, depth + 1)) return true;
    }
    return false;
  }

  /** `app.add_url_rule(rule, endpoint=None, view_func=None, methods=..., **options)`. */
  private addUrlRule(call: Node, receiver: string): void {
    if (this.foreign.has(receiver)) return;
    const args = callArguments(call);
    const ruleNode = argument(args, 0, 'rule');
    const viewNode = argument(args, 2, 'view_func');
    if (!viewNode) return;
    const rule = ruleNode ? this.stringOf(ruleNode) : undefined;
    const { view, wrappers } = this.unwrapView(viewNode);
    const methodsNode = args.keywords.get('methods');
    if (view.type === 'call') {
      // `MyView.as_view("name")`.
      const callee = view.childForFieldName('function');
      const written = callee ? dottedName(callee) : undefined;
      if (!written || lastSegment(written) !== 'as_view') return;
      const cls = this.classNamed(written.slice(0, -'.as_view'.length));
      if (!cls) {
        this.foreignView(written.slice(0, -'.as_view'.length), rule, receiver, wrappers);
        return;
      }
      const restrict = methodsNode ? this.methodsOf(methodsNode) : undefined;
      this.addClassRoutes(cls, {
        kind: 'view-class',
        rule,
        receiver,
        registration: call,
        wrappers,
        restrictTo: restrict?.known ? restrict.list : undefined,
      });
      return;
    }
    if (view.type !== 'identifier') return;
    const def = this.viewFunction(view.text);
    if (!def && this.index.imports.names.has(view.text)) {
      // `from .views import validate_view` registered here: the route exists even though its
      // body lives elsewhere; rules that judge by path and method still see it.
      const methods = this.methodsOf(methodsNode);
      this.addRoute({
        kind: 'add_url_rule',
        rule,
        methods: methods.list,
        methodsKnown: methods.known,
        handler: view,
        handlerName: view.text,
        receiver,
        registration: call,
        decorators: [],
        wrappers,
        misplaced: [],
      });
      return;
    }
    if (def) {
      const decorated = def.parent?.type === 'decorated_definition' ? def.parent : undefined;
      const decorators: RouteDecorator[] = decorated
        ? decoratorExpressions(decorated).map((expr, i) => ({
            node: expr.parent ?? expr,
            info: classifyWrapper(this.index, expr),
            index: i,
            route: false,
          }))
        : [];
      const methods = this.methodsOf(methodsNode);
      this.addRoute({
        kind: 'add_url_rule',
        rule,
        methods: methods.list,
        methodsKnown: methods.known,
        handler: def,
        receiver,
        registration: call,
        decorators,
        wrappers: [...wrappers, ...decorators.map((d) => d.info)],
        misplaced: [],
      });
      return;
    }
    // `view = MyView.as_view("name")` assigned earlier.
    const lookup = this.index.scopes.lookup(view);
    if (lookup.kind === 'value' && lookup.value.type === 'call') {
      const inner = this.unwrapView(lookup.value);
      const callee = inner.view.type === 'call' ? inner.view.childForFieldName('function') : null;
      const written = callee ? dottedName(callee) : undefined;
      if (!written || lastSegment(written) !== 'as_view') return;
      const cls = this.classNamed(written.slice(0, -'.as_view'.length));
      if (!cls) return;
      const restrict = methodsNode ? this.methodsOf(methodsNode) : undefined;
      this.addClassRoutes(cls, {
        kind: 'view-class',
        rule,
        receiver,
        registration: call,
        wrappers: [...wrappers, ...inner.wrappers],
        restrictTo: restrict?.known ? restrict.list : undefined,
      });
    }
  }

  /** `api.add_resource(Resource, "/a", "/b/<int:id>", endpoint=...)`. */
  private addResource(call: Node, receiver: string): void {
    const args = callArguments(call);
    const resource = args.positional[0];
    if (!resource) return;
    const { view, wrappers } = this.unwrapView(resource);
    const name = dottedName(view);
    const cls = name ? this.classNamed(name) : undefined;
    const urls = args.positional.slice(1);
    if (!cls) {
      for (const url of urls.length > 0 ? urls : [undefined])
        this.foreignView(name, url ? this.stringOf(url) : undefined, receiver, wrappers);
      return;
    }
    for (const url of urls.length > 0 ? urls : [undefined]) {
      this.addClassRoutes(cls, {
        kind: 'resource',
        rule: url ? this.stringOf(url) : undefined,
        receiver,
        registration: call,
        wrappers,
        restrictTo: undefined,
      });
    }
  }

  /** `login_required(view)` → view, with login_required as a wrapper. */
  private unwrapView(node: Node): { view: Node; wrappers: WrapperInfo[] } {
    const wrappers: WrapperInfo[] = [];
    let current = unparenthesize(node);
    for (let depth = 0; depth < 5 && current.type === 'call'; depth++) {
      const callee = current.childForFieldName('function');
      const written = callee ? dottedName(callee) : undefined;
      if (written && lastSegment(written) === 'as_view') break;
      const args = callArguments(current);
      const inner = args.positional[0];
      if (!inner || args.positional.length !== 1) break;
      // `limiter.limit("5/minute")(view)`: the callee is itself the decorator.
      wrappers.push(classifyWrapper(this.index, callee?.type === 'call' ? callee : current));
      current = unparenthesize(inner);
    }
    return { view: current, wrappers };
  }

  private addClassRoutes(
    cls: Node,
    how: {
      kind: RouteKind;
      rule: string | undefined;
      receiver: string;
      registration: Node;
      wrappers: readonly WrapperInfo[];
      restrictTo: readonly string[] | undefined;
    },
  ): void {
    const view = this.classView(cls, 0);
    const scaffold = this.scaffolds.get(how.receiver);
    const apiWrappers = scaffold?.kind === 'api' ? this.apiWrappers(scaffold) : [];
    for (const method of view.methods) {
      const verb = method.name.toUpperCase();
      let methods = verb === 'DISPATCH_REQUEST' ? (view.declared ?? ['GET']) : [verb];
      if (how.restrictTo) methods = methods.filter((m) => how.restrictTo?.includes(m));
      if (methods.length === 0) continue;
      const perMethod = view.methodDecorators.get(method.name.toLowerCase()) ?? [];
      this.addRoute({
        kind: how.kind,
        rule: how.rule,
        methods,
        methodsKnown: true,
        handler: method.fn,
        receiver: how.receiver,
        registration: how.registration,
        decorators: method.decorators,
        wrappers: [
          ...how.wrappers,
          ...apiWrappers,
          ...view.decorators,
          ...view.allMethodDecorators,
          ...perMethod,
          ...method.decorators.map((d) => d.info),
        ],
        misplaced: [],
      });
    }
  }

  private apiWrappers(api: FlaskScaffold): WrapperInfo[] {
    const out = [...api.decorators];
    const parent = api.parent ? this.scaffolds.get(api.parent) : undefined;
    if (parent?.kind === 'api') out.push(...parent.decorators);
    return out;
  }

  private readonly classViews = new Map<number, ClassView>();

  /** The HTTP methods of a View/MethodView/Resource class and the decorators its attributes declare. */
  private classView(cls: Node, depth: number): ClassView {
    const hit = this.classViews.get(cls.id);
    if (hit) return hit;
    const view: ClassView = {
      methods: [],
      declared: undefined,
      decorators: [],
      allMethodDecorators: [],
      methodDecorators: new Map(),
    };
    this.classViews.set(cls.id, view);
    const body = cls.childForFieldName('body');
    const seen = new Set<string>();
    for (const stmt of body?.namedChildren ?? []) {
      let fn: Node | null = stmt;
      let decorators: RouteDecorator[] = [];
      if (stmt.type === 'decorated_definition') {
        fn = stmt.childForFieldName('definition');
        const exprs = decoratorExpressions(stmt);
        decorators = exprs.map((expr, i) => ({
          node: expr.parent ?? expr,
          info: classifyWrapper(this.index, expr),
          index: i,
          route: false,
        }));
      }
      if (fn?.type === 'function_definition') {
        const name = fn.childForFieldName('name')?.text ?? '';
        if (METHOD_NAMES.has(name) || name === 'dispatch_request') {
          view.methods.push({ name, fn, decorators });
          seen.add(name);
        }
        continue;
      }
      if (stmt.type !== 'expression_statement') continue;
      const assignment = stmt.firstNamedChild;
      if (assignment?.type !== 'assignment') continue;
      const left = assignment.childForFieldName('left')?.text;
      const right = assignment.childForFieldName('right');
      if (!right) continue;
      if (left === 'decorators') {
        for (const d of listElements(right)) view.decorators.push(classifyWrapper(this.index, d));
      } else if (left === 'method_decorators') {
        if (right.type === 'dictionary') {
          for (const pair of right.namedChildren) {
            if (pair.type !== 'pair') continue;
            const k = pair.childForFieldName('key');
            const v = pair.childForFieldName('value');
            const key = k ? constantStringValue(k) : undefined;
            if (key === undefined || !v) continue;
            view.methodDecorators.set(
              key.toLowerCase(),
              listElements(v).map((d) => classifyWrapper(this.index, d)),
            );
          }
        } else {
          for (const d of listElements(right)) view.allMethodDecorators.push(classifyWrapper(this.index, d));
        }
      } else if (left === 'methods') {
        const m = this.methodsOf(right);
        if (m.known) view.declared = m.list;
      }
    }
    // Base classes written in this file pass on their methods and decorators; a base imported
    // from elsewhere is judged by its name (`AuthenticatedResource`, `ProtectedView`).
    for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
      const name = dottedName(base);
      if (!name) continue;
      const local = depth < 4 && !name.includes('.') ? this.classNamed(name) : undefined;
      if (local && local.id !== cls.id) {
        const inherited = this.classView(local, depth + 1);
        for (const m of inherited.methods) if (!seen.has(m.name)) view.methods.push(m);
        view.declared ??= inherited.declared;
        view.decorators.push(...inherited.decorators);
        view.allMethodDecorators.push(...inherited.allMethodDecorators);
        for (const [k, v] of inherited.methodDecorators)
          if (!view.methodDecorators.has(k)) view.methodDecorators.set(k, v);
      } else if (/auth|protected|secure|login|private|jwt|token|admin/i.test(lastSegment(name))) {
        const admin = /admin/i.test(lastSegment(name));
        view.decorators.push({
          node: base,
          written: name,
          names: [name],
          auth: true,
          authorizes: admin,
          admin,
          limit: false,
          limitExempt: false,
        });
      }
    }
    return view;
  }

  private classNamed(name: string): Node | undefined {
    for (const cls of this.index.classes) if (cls.childForFieldName('name')?.text === name) return cls;
    return undefined;
  }

  /** The function a `view_func=name` refers to: the one defined in the file under that name. */
  private viewFunction(name: string): Node | undefined {
    const defs = functionsNamed(this.index, name);
    return defs[defs.length - 1];
  }

  private addRoute(r: {
    kind: RouteKind;
    rule: string | undefined;
    methods: readonly string[];
    methodsKnown: boolean;
    handler: Node;
    /** Only for an imported view, whose `handler` is its name. */
    handlerName?: string;
    receiver: string;
    registration: Node;
    decorators: readonly RouteDecorator[];
    wrappers: readonly WrapperInfo[];
    misplaced: readonly RouteDecorator[];
  }): void {
    const scaffold = this.scaffolds.get(r.receiver);
    const prefixSource = scaffold?.kind === 'api' && scaffold.parent ? this.scaffolds.get(scaffold.parent) : undefined;
    const prefix = (prefixSource?.urlPrefix ?? '') + (scaffold?.urlPrefix ?? '');
    const path = r.rule === undefined ? undefined : joinPath(prefix, r.rule);
    const guards: Guard[] = [...this.appGuards];
    if (scaffold) guards.push(...scaffold.guards);
    if (prefixSource) guards.push(...prefixSource.guards);
    const wrappers = [...r.wrappers];
    if (scaffold?.kind === 'api' && r.kind === 'decorator') wrappers.push(...this.apiWrappers(scaffold));
    this.routes.push({
      kind: r.kind,
      rule: r.rule,
      path,
      params: r.rule === undefined ? [] : pathParams(r.rule),
      methods: r.methods,
      methodsKnown: r.methodsKnown,
      handler: r.handler,
      handlerName: r.handlerName ?? r.handler.childForFieldName('name')?.text ?? '',
      viewDefined: r.handlerName === undefined,
      receiver: r.receiver,
      scaffold,
      registration: r.registration,
      decorators: r.decorators,
      wrappers,
      misplaced: r.misplaced,
      guards,
    });
  }

  // -- values -------------------------------------------------------------------------------------

  /** A string's value, interpolations as DYNAMIC; undefined when not a string at all. */
  private stringOf(node: Node): string | undefined {
    const literal = constantStringValue(node);
    if (literal !== undefined) return literal;
    const value = this.index.evaluator.evaluateString(node);
    return value ? joinText(value) : undefined;
  }

  /** `methods=["GET", "POST"]` (also a tuple, a set, or a constant holding one). */
  methodsOf(node: Node | undefined): { list: string[]; known: boolean } {
    if (!node) return { list: ['GET'], known: true };
    let value = unparenthesize(node);
    if (value.type === 'identifier') {
      const found = this.index.scopes.lookup(value);
      if (found.kind !== 'value') return { list: [], known: false };
      value = found.value;
    }
    if (value.type !== 'list' && value.type !== 'tuple' && value.type !== 'set') return { list: [], known: false };
    const list: string[] = [];
    for (const el of value.namedChildren) {
      if (el.type === 'comment') continue;
      const s = this.stringOf(el);
      if (s === undefined || s.includes(DYNAMIC)) return { list, known: false };
      list.push(s.toUpperCase());
    }
    return { list, known: true };
  }
}

interface ClassView {
  readonly methods: { name: string; fn: Node; decorators: RouteDecorator[] }[];
  declared: string[] | undefined;
  readonly decorators: WrapperInfo[];
  readonly allMethodDecorators: WrapperInfo[];
  readonly methodDecorators: Map<string, WrapperInfo[]>;
}

/** The name a call's value is assigned to: `bp = Blueprint(...)` → `bp`; `self.api = Api(...)` → `self.api`. */
function assignedName(call: Node): string | undefined {
  const parent = call.parent;
  if (parent?.type !== 'assignment') return undefined;
  if (parent.childForFieldName('right')?.id !== call.id) return undefined;
  const left = parent.childForFieldName('left');
  return left ? dottedName(left) : undefined;
}

function isStringLike(node: Node): boolean {
  return node.type === 'string' || node.type === 'concatenated_string';
}

function isEmptyContainer(node: Node): boolean {
  const n = unparenthesize(node);
  if (n.type === 'list' || n.type === 'tuple' || n.type === 'dictionary' || n.type === 'set')
    return n.namedChildren.every((c) => c.type === 'comment');
  if (n.type === 'none' || n.type === 'false') return true;
  const s = constantStringValue(n);
  return s !== undefined && s.trim() === '';
}

function listElements(node: Node): Node[] {
  const n = unparenthesize(node);
  if (n.type !== 'list' && n.type !== 'tuple') return [n];
  return n.namedChildren.filter((c) => c.type !== 'comment');
}

function joinPath(prefix: string, rule: string): string {
  if (prefix === '') return rule;
  const p = prefix.endsWith('/') ? prefix.slice(0, -1) : prefix;
  if (rule === '' || rule === '/') return rule === '/' ? `${p}/` : p;
  return rule.startsWith('/') ? p + rule : `${p}/${rule}`;
}

/** True when the view only runs for a signed-in caller: an auth decorator around it or a guard. */
export function declaredAuthentication(route: FlaskRoute): boolean {
  return route.guards.length > 0 || route.wrappers.some((w) => w.auth);
}

/** True when Flask-Limiter (or a look-alike) limits this view, its blueprint or the whole app. */
export function rateLimited(route: FlaskRoute, model: FlaskModel): boolean {
  if (route.wrappers.some((w) => w.limitExempt) || route.decorators.some((d) => d.info.limitExempt)) return false;
  if (route.wrappers.some((w) => w.limit) || route.decorators.some((d) => d.info.limit)) return true;
  const scaffold = route.scaffold;
  if (scaffold?.exempt) return false;
  if (scaffold && scaffold.limits.length > 0) return true;
  const parent = scaffold?.parent ? model.scaffolds.get(scaffold.parent) : undefined;
  if (parent && parent.limits.length > 0) return true;
  return model.defaultLimit !== undefined;
}

/** `POST /accounts/<int:account_id>` (or the view's name when the path is not a constant). */
export function routeLabel(route: FlaskRoute, methods: readonly string[] = route.methods): string {
  const verbs = methods.filter((m) => m !== 'HEAD' && m !== 'OPTIONS').join('/') || 'GET';
  return `${verbs} ${route.path ?? `(${route.handlerName})`}`;
}

/**
 * Where a route finding points: from the route decorator down to the `def` line for decorated
 * views (so both lines are in the finding), the `add_url_rule`/`add_resource` call for views
 * registered by call, the method's `def` for class views.
 */
export function routeSpan(route: FlaskRoute): Span {
  const name = route.handler.childForFieldName('name') ?? route.handler;
  if (route.kind === 'decorator') return spanBetween(route.registration, name);
  if (route.kind === 'add_url_rule') return spanOf(route.registration);
  return spanBetween(route.handler, name);
}

const IDENTITY_PARAM =
  /^(?:current_?user|user|me|identity|requester|caller|principal|auth_?user|token_?user|jwt_?user|logged_in_user|current_identity|user_?identity|authenticated_user)$/i;

/**
 * Parameters of the view that the URL does not fill: a decorator passes them, and one named like
 * the user (`def get(current_user, id)`, the `@token_required` pattern) is the signed-in user.
 */
export function identityParams(route: FlaskRoute): string[] {
  const fromPath = new Set(route.params.map((p) => p.name));
  const out: string[] = [];
  for (const param of route.handler.childForFieldName('parameters')?.namedChildren ?? []) {
    const name =
      param.type === 'identifier' ? param.text : param.namedChildren.find((c) => c.type === 'identifier')?.text;
    if (name && !fromPath.has(name) && IDENTITY_PARAM.test(name)) out.push(name);
  }
  return out;
}

/**
 * How the view makes sure the caller signed in, if it does: an authentication decorator around
 * it, a `before_request` guard, or its own code — it reads the signed-in user (`current_user`,
 * `g.user`, `session["user_id"]`, `get_jwt_identity()`: each fails or is empty for an anonymous
 * caller), calls `verify_jwt_in_request()`, or verifies a token and turns the caller away.
 */
export function authenticationOf(index: PythonIndex, route: FlaskRoute): 'decorator' | 'guard' | 'view' | undefined {
  if (route.wrappers.some((w) => w.auth)) return 'decorator';
  if (route.guards.length > 0) return 'guard';
  const body = bodyFacts(index, route.handler);
  if (identityRefs(index, body, identityParams(route)).length > 0) return 'view';
  const evidence = authEvidence(index, body);
  if (evidence.jwtVerify || (evidence.verifier && evidence.deny)) return 'view';
  return undefined;
}
