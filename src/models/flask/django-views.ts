import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { authEvidence, classifyWrapper, decoratorExpressions, identityRefs, type WrapperInfo } from './auth.js';
import { bodyFacts, lastSegment } from './routes-body.js';
import { dottedName, resolveNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { Span } from '../../core/types.js';
import { spanBetween } from '../../lang/python/span.js';

/**
 * A model of a Django view module, from one file: module-level functions that take `request`
 * first, and the HTTP-method handlers (`get`, `post`, `put`, `patch`, `delete`) of classes based
 * on Django's `View` and its generic views; the decorators that wrap each one (including
 * `method_decorator(...)` on the class or on `dispatch`), the authentication mixins of the class,
 * and the methods a function view is restricted to (`@require_POST`, `@require_http_methods`).
 * URLs live in urls.py, another file: which view answers which path, and any
 * `login_required(View.as_view())` written there, is not part of this model.
 */
export interface DjangoView {
  /** The `def` of the function view or of the class's method. */
  readonly handler: Node;
  /** `new_task`, `ItemView.post`. */
  readonly label: string;
  /** The class of a class-based view. */
  readonly cls: Node | undefined;
  /** Upper-case HTTP methods it answers; undefined when any method reaches it (a plain function view). */
  readonly methods: readonly string[] | undefined;
  /** Decorators and class-level wrappers around the handler, and the class's mixins. */
  readonly wrappers: readonly WrapperInfo[];
  /** Parameters after `request`: filled from the URL pattern. */
  readonly params: readonly string[];
  /** DRF `@api_view`: permissions may come from settings (`DEFAULT_PERMISSION_CLASSES`), which this file does not show. */
  readonly settingsPermissions: boolean;
}

const VIEW_METHODS = new Set(['get', 'post', 'put', 'patch', 'delete']);
/** Django's class-based views; a class based on one of them (or on a class of this file that is) is a view. */
const VIEW_BASES = new Set([
  'View',
  'TemplateView',
  'RedirectView',
  'FormView',
  'CreateView',
  'UpdateView',
  'DeleteView',
  'ListView',
  'DetailView',
  'ProcessFormView',
  'BaseFormView',
  'BaseCreateView',
  'BaseUpdateView',
  'BaseDeleteView',
]);
/** `LoginRequiredMixin`, `PermissionRequiredMixin`, `UserPassesTestMixin`, `AccessMixin` and look-alikes. */
const AUTH_MIXIN =
  /LoginRequired|PermissionRequired|UserPassesTest|AccessMixin|Staff(?:Member)?Required|SuperuserRequired/;
const ADMIN_MIXIN = /Staff|Superuser|Admin/;
/** Django's decorators that restrict a function view to some methods. */
const METHOD_DECORATORS: Readonly<Record<string, readonly string[]>> = {
  require_POST: ['POST'],
  require_GET: ['GET'],
  require_safe: ['GET', 'HEAD'],
};

const cache = new MemoSlot<readonly DjangoView[]>('django-views.cache');

export function djangoViews(index: PythonIndex): readonly DjangoView[] {
  const hit = cache.get(index);
  if (hit) return hit;
  const views = isDjangoModule(index) ? collect(index) : [];
  cache.set(index, views);
  return views;
}

/** The file imports Django: a module of a Django project (views.py, or views spread elsewhere). */
function isDjangoModule(index: PythonIndex): boolean {
  if (!index.doc.text.includes('django')) return false;
  for (const fulls of index.imports.names.values())
    if (fulls.some((f) => f === 'django' || f.startsWith('django.'))) return true;
  return index.imports.starModules.some((m) => m === 'django' || m.startsWith('django.'));
}

function collect(index: PythonIndex): DjangoView[] {
  const views: DjangoView[] = [];
  // Views are called by Django through urls.py; a function this module calls itself
  // (`log_action(request, obj)`) is a helper of the views, which are judged on their own.
  const calledHere = new Set<string>();
  for (const call of index.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'identifier') calledHere.add(fn.text);
  }
  for (const fn of index.functions) {
    if (!atModuleLevel(fn)) continue;
    const params = parameterNames(fn);
    const name = fn.childForFieldName('name')?.text ?? '';
    if (params[0] !== 'request' || name.startsWith('_') || calledHere.has(name)) continue;
    const decorators = ownDecorators(fn);
    let methods: readonly string[] | undefined;
    let settingsPermissions = false;
    for (const expr of decorators) {
      const restricted = methodRestriction(expr);
      if (restricted) methods = restricted;
      if (lastSegment(dottedName(callee(expr)) ?? '') === 'api_view') settingsPermissions = true;
    }
    views.push({
      handler: fn,
      label: name,
      cls: undefined,
      methods,
      wrappers: decorators.map((d) => djangoWrapper(index, d)),
      params: params.slice(1),
      settingsPermissions,
    });
  }
  for (const cls of index.classes) {
    if (!atModuleLevel(cls) || !isViewClass(index, cls, 0)) continue;
    collectClass(index, cls, views);
  }
  return views;
}

function collectClass(index: PythonIndex, cls: Node, views: DjangoView[]): void {
  const className = cls.childForFieldName('name')?.text ?? '';
  // `@method_decorator(login_required, name="dispatch")` on the class, or on its `dispatch`.
  const forAll: WrapperInfo[] = [];
  const forMethod = new Map<string, WrapperInfo[]>();
  const classDecorated = cls.parent?.type === 'decorated_definition' ? cls.parent : undefined;
  for (const expr of classDecorated ? decoratorExpressions(classDecorated) : []) {
    const name = methodDecoratorTarget(expr);
    const wrapper = djangoWrapper(index, expr);
    if (name === undefined || name === 'dispatch') forAll.push(wrapper);
    else forMethod.set(name, [...(forMethod.get(name) ?? []), wrapper]);
  }
  for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    const written = dottedName(base) ?? '';
    const last = lastSegment(written);
    if (!AUTH_MIXIN.test(last)) continue;
    const admin = ADMIN_MIXIN.test(last);
    forAll.push({
      node: base,
      written,
      names: resolveNames(base, index.imports),
      auth: true,
      authorizes: admin || /Permission|UserPassesTest/.test(last),
      admin,
      limit: false,
      limitExempt: false,
    });
  }
  const methods: { name: string; fn: Node }[] = [];
  for (const stmt of cls.childForFieldName('body')?.namedChildren ?? []) {
    const fn = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (fn?.type !== 'function_definition') continue;
    const name = fn.childForFieldName('name')?.text ?? '';
    if (name === 'dispatch') {
      for (const d of ownDecorators(fn)) forAll.push(djangoWrapper(index, d));
      // Every method runs through `dispatch`: one that reads `request.user` (and turns anonymous
      // callers away) checks for all of them.
      if (identityRefs(index, bodyFacts(index, fn)).length > 0)
        forAll.push({
          node: fn,
          written: 'dispatch',
          names: [],
          auth: true,
          authorizes: false,
          admin: false,
          limit: false,
          limitExempt: false,
        });
    } else if (VIEW_METHODS.has(name)) methods.push({ name, fn });
  }
  for (const { name, fn } of methods) {
    const params = parameterNames(fn);
    views.push({
      handler: fn,
      label: `${className}.${name}`,
      cls,
      methods: [name.toUpperCase()],
      wrappers: [...forAll, ...(forMethod.get(name) ?? []), ...ownDecorators(fn).map((d) => djangoWrapper(index, d))],
      params: params.slice(params[0] === 'self' ? 2 : 1),
      settingsPermissions: false,
    });
  }
}

/** A class based on Django's `View` or a generic view, directly or through a class of this file. */
function isViewClass(index: PythonIndex, cls: Node, depth: number): boolean {
  for (const base of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    if (base.type === 'keyword_argument') continue;
    const written = dottedName(base);
    if (!written) continue;
    if (VIEW_BASES.has(lastSegment(written))) {
      const names = resolveNames(base, index.imports);
      if (names.some((n) => n.startsWith('django.views')) || written.startsWith('generic.')) return true;
    }
    if (depth < 4 && !written.includes('.')) {
      const local = index.classes.find((c) => c.id !== cls.id && c.childForFieldName('name')?.text === written);
      if (local && isViewClass(index, local, depth + 1)) return true;
    }
  }
  return false;
}

/**
 * What a decorator of a Django view does: `method_decorator(login_required, name=...)` is judged
 * by the decorator it adapts, `user_passes_test(...)` checks the user; the rest by name and, for
 * decorators of this file, by their wrapper (as for Flask views).
 */
function djangoWrapper(index: PythonIndex, expr: Node): WrapperInfo {
  const written = dottedName(callee(expr)) ?? '';
  const last = lastSegment(written);
  if (expr.type === 'call' && last === 'method_decorator') {
    const first = callArguments(expr).positional[0];
    const inner = first ? unparenthesize(first) : undefined;
    const adapted =
      inner?.type === 'list' || inner?.type === 'tuple'
        ? inner.namedChildren.filter((c) => c.type !== 'comment').map((c) => djangoWrapper(index, c))
        : inner
          ? [djangoWrapper(index, inner)]
          : [];
    return adapted.find((w) => w.auth) ?? adapted[0] ?? classifyWrapper(index, expr);
  }
  const info = classifyWrapper(index, expr);
  if (!info.auth && last === 'user_passes_test')
    return { ...info, auth: true, authorizes: true, admin: /staff|superuser|admin/i.test(expr.text) };
  return info;
}

/** `method_decorator(csrf_exempt, name="post")` → post; undefined when it is not one or names no method. */
function methodDecoratorTarget(expr: Node): string | undefined {
  if (expr.type !== 'call' || lastSegment(dottedName(callee(expr)) ?? '') !== 'method_decorator') return undefined;
  const name = callArguments(expr).keywords.get('name');
  return name ? constantStringValue(name) : undefined;
}

/** `@require_POST` → POST; `@require_http_methods(["GET", "POST"])` → GET, POST. */
function methodRestriction(expr: Node): readonly string[] | undefined {
  const last = lastSegment(dottedName(callee(expr)) ?? '');
  const fixed = METHOD_DECORATORS[last];
  if (fixed) return fixed;
  if (last !== 'require_http_methods' || expr.type !== 'call') return undefined;
  const list = callArguments(expr).positional[0];
  const value = list ? unparenthesize(list) : undefined;
  if (value?.type !== 'list' && value?.type !== 'tuple') return undefined;
  const out: string[] = [];
  for (const el of value.namedChildren) {
    const s = constantStringValue(el);
    if (s === undefined) return undefined;
    out.push(s.toUpperCase());
  }
  return out;
}

function callee(expr: Node): Node {
  return expr.type === 'call' ? (expr.childForFieldName('function') ?? expr) : expr;
}

function ownDecorators(fn: Node): Node[] {
  return fn.parent?.type === 'decorated_definition' ? decoratorExpressions(fn.parent) : [];
}

function atModuleLevel(def: Node): boolean {
  const holder = def.parent?.type === 'decorated_definition' ? def.parent : def;
  return holder.parent?.type === 'module';
}

function parameterNames(fn: Node): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'identifier') out.push(p.text);
    else if (p.type === 'typed_parameter' || p.type === 'default_parameter' || p.type === 'typed_default_parameter') {
      const name = p.childForFieldName('name') ?? p.namedChildren.find((c) => c.type === 'identifier');
      if (name) out.push(name.text);
    }
  }
  return out;
}

/**
 * How the view makes sure the caller signed in, if it does: an authentication decorator or mixin
 * (`@login_required`, `@permission_required`, `@user_passes_test`, `LoginRequiredMixin`,
 * `method_decorator(login_required, ...)`), or its own code reads `request.user` (for an anonymous
 * caller that is `AnonymousUser`: any use of it either checks or fails) or verifies a token and
 * turns the caller away.
 */
export function djangoAuthentication(index: PythonIndex, view: DjangoView): 'decorator' | 'view' | undefined {
  if (view.wrappers.some((w) => w.auth)) return 'decorator';
  const body = bodyFacts(index, view.handler);
  // `request.user`, `self.request.user`: the signed-in user as Django hands it to a view.
  if (identityRefs(index, body).length > 0) return 'view';
  const evidence = authEvidence(index, body);
  if (evidence.jwtVerify || (evidence.verifier && evidence.deny)) return 'view';
  return undefined;
}

/** Where a finding on a view points: its `def` line (for a class view, the method's). */
export function djangoSpan(view: DjangoView): Span {
  return spanBetween(view.handler, view.handler.childForFieldName('name') ?? view.handler);
}

/** The file deals with signed-in users: it imports `django.contrib.auth`, or one of its views authenticates. */
export function djangoKnowsUsers(index: PythonIndex): boolean {
  for (const fulls of index.imports.names.values())
    if (fulls.some((f) => f.startsWith('django.contrib.auth'))) return true;
  return djangoViews(index).some((v) => djangoAuthentication(index, v) !== undefined);
}
