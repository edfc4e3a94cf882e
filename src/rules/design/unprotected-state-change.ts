import { djangoAuthentication, djangoSpan, djangoViews } from '../../models/flask/django-views.js';
import { publicByDesign, publicByName } from '../../models/flask/auth-endpoints.js';
import { authenticationOf, routeLabel, routeSpan } from '../../models/flask/routes.js';
import { authenticatesThrough, guardedElsewhere, registrationsOf, writeThrough } from '../../models/flask/project.js';
import { projectCalls, topNames } from '../../models/flask/summary.js';
import { importedWrappers } from '../../models/flask/wrappers.js';
import type { Json } from '../../project/types.js';
import type { Rule, RuleContext } from '../rule.js';
import { firstRunOnly } from '../../models/flask/first-run.js';
import { findWrite, verifiesSignature } from '../../models/flask/route-writes.js';

const WRITE_METHODS = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

export const unprotectedStateChange: Rule = {
  meta: {
    id: 'FCG503',
    name: 'unprotected-state-change',
    family: 'design',
    severity: 'high',
    cwe: [306, 862],
    title: 'A view that changes data with no authentication',
    what: 'A Flask view reachable with `POST`, `PUT`, `PATCH` or `DELETE` that writes — SQL `INSERT`, `UPSERT` (CockroachDB), `UPDATE`, `DELETE`, `MERGE` or DDL through `execute()`/`executemany()`/`exec_driver_sql()`/asyncpg; SQLAlchemy `insert()`/`update()`/`delete()` executed; `db.session.add/add_all/delete/merge`; `Model.query.filter(...).update()/.delete()`; a `commit()`; PyMongo/peewee writes; an attribute assigned on a row loaded from a query (`todo.done = True`) inside a function handed to `run_transaction(...)` or a `with session.begin():` block, which commit by themselves; or a function it calls that does one of these, in the same file or in another module of the project (`create_user(db, body)` from `database/helper.py`, `UserRepository.create(...)`, `controller.create_route()`, followed up to four calls deep) — when nothing checks who is calling: no authentication decorator (`@login_required`, `@jwt_required()`, `@auth_required`, `@roles_required`, Flask-HTTPAuth, a decorator of this or another module that checks the user and aborts), no `before_request` guard on its blueprint (wherever the guard is registered) or on the app (in any module of the same application), and the view itself does not read the signed-in user (`current_user`, `g.user`, `session["user_id"]`, `get_jwt_identity()`) or verify a token. Views are read from `@app.route`, `@bp.route`, `@app.post`/`put`/`patch`/`delete`, `add_url_rule`, `MethodView` classes and Flask-RESTful/RESTX resources, including resource and view classes that another module registers (`api.add_resource(UserList, "/api/users")` in main.py). Django views are read too, in any file that imports Django: module-level functions taking `request` first that the module does not call itself (a helper of the views is judged through them; a view answers every HTTP method, GET included, unless `@require_POST`/`@require_GET`/`@require_safe`/`@require_http_methods` says otherwise) and the `post`/`put`/`patch`/`delete` methods of classes based on `View` or a generic view, writing with `form.save()`, `obj.save()`, `obj.delete()`, `Model.objects.create/get_or_create/update_or_create/bulk_create(...)` or a queryset `.update()`/`.delete()`, with no `@login_required`, `@permission_required`, `@user_passes_test`, `LoginRequiredMixin`/`PermissionRequiredMixin`/`UserPassesTestMixin` base, `method_decorator(login_required, ...)` on the class or `dispatch`, no `dispatch` of the class that reads `request.user`, and no use of `request.user` in the view. Endpoints that must be public are left alone: login, logout, sign-up/register, password reset/forgot, token issue/refresh, OTP verification, email confirmation links, health checks, webhooks that verify a signature (`hmac.compare_digest`, `stripe.Webhook.construct_event`, `verify_signature`…), and first-run installers whose every write happens only while the app is not set up (`if not is_setup():`).',
    why: 'Anyone who can reach the server can call the view: create, change or delete rows, move money, promote accounts (CWE-306, missing authentication for a critical function; CWE-862, missing authorization). Flask has no default protection: a view is public unless a decorator or a guard makes it otherwise.',
    bad: {
      lang: 'python',
      code: '@bp.route("/users/<int:user_id>", methods=["DELETE"])\ndef delete_user(user_id):\n    with conn.cursor() as cur:\n        cur.execute("DELETE FROM users WHERE id = %s", (user_id,))\n    conn.commit()\n    return "", 204',
    },
    good: {
      lang: 'python',
      code: '@bp.route("/users/<int:user_id>", methods=["DELETE"])\n@login_required\n@admin_required\ndef delete_user(user_id):\n    with conn.cursor() as cur:\n        cur.execute("DELETE FROM users WHERE id = %s", (user_id,))\n    conn.commit()\n    return "", 204',
    },
    fix: "Put an authentication decorator below the route decorator (`@login_required`, `@jwt_required()`), or protect the whole blueprint with a `before_request` function that aborts with 401 for anonymous callers. Add an authorization check (role, ownership) on top where the data belongs to someone. A webhook must verify its sender's signature with `hmac.compare_digest` before writing.",
    limits:
      "The view's module decides what the view does; the rest of the project is consulted for writes, guards and routes. Writes: calls into other modules of the tree (a function, `Class.method`, `module.function`, through package re-exports) are followed through each module's summary up to four calls deep; calls on objects the view creates (`repo = Repo(); repo.add(x)`), methods inherited from a base class, calls into libraries and writes hidden behind dynamic dispatch are not followed, and a helper that only calls `commit()` counts as a write. Guards: a decorator imported from another module counts when its name says it authenticates (`*_required`, `requires_*`, `login_required`…, trusted without reading it) or when its definition in the project turns away callers without a user; a `before_request` hook (in this or another module) counts when it turns the anonymous away — answers 401/403 (`abort(401)`, `raise Unauthorized`, `return ..., 403`), checks a JWT itself, or aborts, redirects or raises under a condition that reads the user or the credentials (`if g.user is None:`, `if not verify_token(...)`, or after `if g.user: return`) — not when it only records who is calling (`g.user = None if uid is None else ...`, a log line) and rejects for other reasons only (plain HTTP, maintenance, a large body); a check hidden in a helper the hook calls is not read, and covers the view when it is registered on the view's own blueprint (resolved through imports, in any module) or on the whole app (`app.before_request`, `before_app_request`) in a module under the same top-level directory (a hook of another application of a monorepo does not count; one at the repository root covers every application). An authentication middleware (WSGI), `login_manager` settings, or a gateway in front of the app are not seen. A view that reads `current_user`/`g.user`/`session[\"user_id\"]` is treated as authenticated even without an explicit check (for an anonymous caller those fail or are empty); whether that is enough is not judged. A view that compares what the caller sent with a configured secret (`if body[\"key\"] == SECRET:`) is treated as authenticated; whether that secret is hard-coded is the secrets rules' question. Public endpoints are recognised by the words of their path and function name. A view class its module does not route is reported only when another module registers it with `add_resource` or `add_url_rule(..., Cls.as_view(...))` without an authenticating wrapper or guard there; a view function imported and registered with `add_url_rule` is not judged (its body is elsewhere). A Django view's URL and any `login_required(...)` wrapped around it are in urls.py: the view's own module alone decides, so a view protected only in urls.py (or by a middleware) is still reported, and a Django view's words are its function or class name. Django REST framework `@api_view` functions are skipped (their permissions may come from settings).",
    precision: 'medium',
    confidence: 'medium',
  },
  check(ctx) {
    if (!ctx.python || !ctx.models) return;
    const index = ctx.python;
    const model = ctx.models.flask.routes;
    const seen = new Set<string>();
    const topLevel = topNames(index);
    for (const route of [...model.routes, ...model.unrouted]) {
      if (!route.methodsKnown || !route.viewDefined) continue;
      const methods = route.methods.filter((m) => WRITE_METHODS.has(m));
      if (methods.length === 0) continue;
      const key = `${route.handler.id}:${route.registration.id}`;
      if (seen.has(key)) continue;
      if (publicByDesign(route) || authenticationOf(index, route)) continue;
      if (verifiesSignature(index, route.handler)) continue;
      const write = findWrite(index, route.handler);
      if (write && firstRunOnly(index, route.handler)) continue;
      // No write here: the calls another module may answer (a service layer, a repository class).
      const calls = write ? [] : projectCalls(index, route.handler, topLevel);
      if (!write && calls.length === 0) continue;
      seen.add(key);
      const unrouted = route.receiver === '' && route.kind === 'view-class' && route.rule === undefined;
      const scaffold = route.scaffold;
      const question: Question = {
        label: routeLabel(route, methods),
        handler: route.handlerName,
        methods,
        blueprint: scaffold?.kind === 'blueprint',
        write: write ? `${write.what}, line ${write.node.startPosition.row + 1}` : null,
        calls,
        decorators: importedWrappers(index, route.wrappers),
        scaffolds: scaffold ? [scaffold.variable, ...(scaffold.parent ? [scaffold.parent] : [])] : [],
        cls: unrouted ? (route.handlerName.split('.')[0] ?? null) : null,
      };
      ctx.report({
        span: routeSpan(route),
        message: messageOf(question, question.write ?? ''),
        pending: question as unknown as Json,
      });
    }
    checkDjangoViews(ctx);
  },
  decide(pending, { path, index }) {
    const q = pending as unknown as Question;
    if (q.decorators.some((d) => authenticatesThrough(index, path, d))) return false;
    if (q.scaffolds.some((s) => guardedElsewhere(index, path, s))) return false;
    if (q.scaffolds.length === 0 && guardedElsewhere(index, path, undefined)) return false;
    let label = q.label;
    if (q.cls !== null) {
      // A view class routed by another module: only a registration found in the project makes it a route.
      const open = registrationsOf(index, path, q.cls).filter(
        (r) =>
          !r.guarded && !guardedElsewhere(index, r.path, undefined) && !publicByName(`${r.rule ?? ''} ${q.handler}`),
      );
      const first = open[0];
      if (!first) return false;
      label = `${q.methods.join('/')} ${first.rule ?? `(${q.handler})`}`;
    }
    if (q.write !== null) return q.cls === null ? true : { message: messageOf({ ...q, label }, q.write) };
    for (const ref of q.calls) {
      const what = writeThrough(index, path, ref);
      if (what !== undefined) return { message: messageOf({ ...q, label }, `${ref}(), which runs ${what}`) };
    }
    return false;
  },
};

/** What a Flask view left for phase 2 (plain JSON). */
interface Question {
  readonly label: string;
  readonly handler: string;
  readonly methods: readonly string[];
  readonly blueprint: boolean;
  /** The write this file shows, or null when only calls into other modules may write. */
  readonly write: string | null;
  readonly calls: readonly string[];
  /** Wrappers imported from another module that their name does not show to authenticate. */
  readonly decorators: readonly string[];
  /** The blueprint (and the Api's parent) as this file writes it. */
  readonly scaffolds: readonly string[];
  /** For a view class this file does not route: the class, registered elsewhere. */
  readonly cls: string | null;
}

function messageOf(q: Question, what: string): string {
  const where = q.blueprint ? 'its blueprint or the app' : 'the app';
  return `${q.label} changes data (${what}) but nothing checks who is calling: no authentication decorator on ${q.handler}() and no before_request guard on ${where} in any module.`;
}

function checkDjangoViews(ctx: RuleContext): void {
  const index = ctx.python;
  if (!index) return;
  for (const view of djangoViews(index)) {
    // A function view answers every method unless restricted; a class view's `get` only GET.
    const methods = view.methods?.filter((m) => WRITE_METHODS.has(m));
    if (methods?.length === 0 || view.settingsPermissions) continue;
    if (publicByName(view.label) || djangoAuthentication(index, view)) continue;
    if (verifiesSignature(index, view.handler)) continue;
    const write = findWrite(index, view.handler);
    if (!write || firstRunOnly(index, view.handler)) continue;
    const line = write.node.startPosition.row + 1;
    const how = methods ? methods.join('/') : 'any HTTP method (GET too)';
    const guard = view.cls
      ? 'no LoginRequiredMixin/PermissionRequiredMixin base and no method_decorator(login_required)'
      : 'no @login_required, @permission_required or @user_passes_test';
    ctx.report({
      span: djangoSpan(view),
      message: `Django view ${view.label}() changes data on ${how} (${write.what}, line ${line}) but nothing checks who is calling: ${guard}, and the view never reads request.user.`,
    });
  }
}
