import type { Node } from '../../parse/python.js';
import { djangoAuthentication, djangoKnowsUsers, djangoViews } from '../../models/flask/django-views.js';
import { publicByDesign, publicByName } from '../../models/flask/auth-endpoints.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import {
  authenticationOf,
  declaredAuthentication,
  identityParams,
  routeLabel,
  type FlaskModel,
} from '../../models/flask/routes.js';
import { bodyFacts } from '../../models/flask/routes-body.js';
import { spanOf } from '../../lang/python/span.js';
import type { Rule } from '../rule.js';
import { basicAuthOnly } from '../../models/flask/basic-auth.js';
import { authenticatesThrough, basicAuthAccount } from '../../models/flask/project.js';
import { importedWrappers } from '../../models/flask/wrappers.js';
import { RuleContext } from '../rule.js';
import {
  adminScoped,
  djangoAdminScoped,
  idParams,
  onlyLinksToRow,
  ownershipChecked,
  selectionBy,
  type Selection,
} from '../../models/flask/ownership.js';
import { findWrite } from '../../models/flask/route-writes.js';

/** Queries on the user table itself: `User.query.get(id)`, `db.session.get(User, id)`, `FROM users`. */
const USER_MODEL = /\b(?:User|Users|UserProfile|Profile|Author|Member)\b/;
const USER_TABLE = /\bFROM\s+["`]?(?:users?|user_profiles|profiles|members)\b/i;

const AUTH_MODULES =
  /^(?:flask_login|flask_jwt_extended|flask_jwt|flask_security|flask_httpauth|flask_praetorian|flask_user|authlib|flask_oidc|flask_dance|jwt)(?:\.|$)/;

/** A view the rule may report, whichever framework it comes from. */
interface Candidate {
  readonly handler: Node;
  /** Its parameters that name a row. */
  readonly ids: readonly string[];
  readonly authenticated: boolean;
  /** Login, sign-up, confirmation links…: public by design. */
  readonly publicView: boolean;
  /** Parameters a decorator fills with the signed-in user. */
  readonly who: readonly string[];
  readonly knowsUsers: () => boolean;
}

/** The row the view selects by an id and never relates to the signed-in user, if any. */
function unownedSelection(index: PythonIndex, c: Candidate): { selection: Selection; writes: boolean } | undefined {
  const selection = selectionBy(index, c.handler, new Set(c.ids));
  if (!selection) return undefined;
  const writes = findWrite(index, c.handler) !== undefined;
  // Unauthenticated views count only where the file knows about users at all: in an app
  // without accounts every row belongs to everyone.
  if (!c.authenticated && (!writes || c.publicView || !c.knowsUsers())) return undefined;
  // Profiles: reading another user's public record is what a user page is for.
  if (!writes && (USER_MODEL.test(selection.query) || USER_TABLE.test(selection.query))) return undefined;
  if (ownershipChecked(index, selection.body, c.who)) return undefined;
  const view = bodyFacts(index, c.handler);
  if (selection.body.node.id !== c.handler.id && ownershipChecked(index, view, c.who)) return undefined;
  // A comment on a post, a like: a new row of the user's own that only points at this one.
  if (writes && onlyLinksToRow(index, view, selection, c.who)) return undefined;
  return { selection, writes };
}

/** The file deals with signed-in users: an auth extension imported, or any view authenticated. */
function knowsUsers(index: PythonIndex, model: FlaskModel): boolean {
  for (const fulls of index.imports.names.values()) if (fulls.some((f) => AUTH_MODULES.test(f))) return true;
  return model.appGuards.length > 0 || model.routes.some((r) => declaredAuthentication(r));
}

export const objectNotOwned: Rule = {
  meta: {
    id: 'FCG502',
    name: 'object-not-owned',
    family: 'design',
    severity: 'medium',
    cwe: [639, 862],
    title: 'A row selected by an id from the URL with no check that it belongs to the caller (IDOR)',
    what: 'A Flask view with an id path parameter (`<int:account_id>`, `<uuid:id>`, `<id>`, `<pk>`, any `*_id`/`*Id`/`uuid`/`slug`, or any `int`/`uuid` parameter except page numbers and the like) that selects or changes a row with it — `Model.query.get(id)`, `get_or_404(id)`, `db.get_or_404(Model, id)`, `db.session.get(Model, id)`, `filter_by(id=id)`, `filter(Model.id == id)`, `select(Model).where(Model.id == id)`, raw SQL with a `WHERE` (or an `UPDATE`/`DELETE`) run with the parameter bound or interpolated, PyMongo `find_one`, or a helper function in the same file that does one of these — and likewise a Django view (a function taking `request`, or a `View` class method) with an id parameter that selects with `get_object_or_404(Model, pk=pk)`, `Model.objects.get(id=id)` or `.objects.filter(id=id)` — when nothing in the view (or that helper) relates the row to the signed-in user: no comparison with `current_user`, `g.user`, `session["user_id"]`, `get_jwt_identity()` (or a variable holding them); the user in no query (`filter_by(id=id, user_id=current_user.id)`, `.where(Model.owner_id == current_user.id)`, a SQL parameter); no query through the user\'s relationship (`current_user.accounts.filter_by(id=id)`); no permission call (`authorize(...)`, `check_permission(...)`, `require_owner(...)`, `can_edit(...)`). The message names the parameter and the query.',
    why: "The id in the URL is chosen by the caller. Unless the query or the view ties the row to the signed-in user, any user reads or changes anyone's records by changing the number: another customer's account, statement, transfer (CWE-639, authorization bypass through a user-controlled key; CWE-862). Sequential integer ids make it a loop; UUIDs only slow it down, since ids leak through links, logs and other APIs.",
    bad: {
      lang: 'python',
      code: '@bp.route("/accounts/<int:account_id>")\n@login_required\ndef show_account(account_id):\n    account = Account.query.get_or_404(account_id)\n    return jsonify(id=account.id, balance=str(account.balance))',
    },
    good: {
      lang: 'python',
      code: '@bp.route("/accounts/<int:account_id>")\n@login_required\ndef show_account(account_id):\n    account = db.first_or_404(\n        select(Account).where(Account.id == account_id, Account.owner_id == current_user.id)\n    )\n    return jsonify(id=account.id, balance=str(account.balance))',
    },
    fix: 'Select through the owner: add the owner to the query (`Account.owner_id == current_user.id`, `AND owner_id = %s` with the user\'s id), or query through the relationship (`current_user.accounts.filter_by(id=account_id).first_or_404()`), and answer 404 when nothing matches. Where access is shared, call one authorization function (`authorize(user, "read", account)`) in every view.',
    limits:
      "Public read-only views are not reported: a `GET` view with no authentication at all is taken to show public content (a blog post, a product); a view that writes is reported whether or not it authenticates, as long as the file deals with signed-in users at all (it imports Flask-Login, Flask-JWT-Extended, Flask-Security, Flask-HTTPAuth… or has an authenticated view or an app-wide `before_request` hook that turns the anonymous away — one that only records `g.user` does not count): in an app without accounts, every row belongs to everyone. Views for administrators are left out: an admin/role/permission/owner decorator or guard, or an `admin`/`staff`/`internal` blueprint, URL prefix, path, view name or module (an unprotected admin view that writes is reported by `unprotected-state-change` instead). Checks made elsewhere are not seen: a policy layer in another module, row-level security in the database, a decorator imported from elsewhere whose name does not say it checks ownership or permissions. A view whose only authentication is Flask-BasicAuth's `@basic_auth.required` on Flask-BasicAuth's own `BasicAuth` object (created in the view's module, or in another module and imported), and which never reads a signed-in user, is not reported: every caller is the one configured account, so no row belongs to one caller more than to another; a `BasicAuth` subclass (which may check many accounts in `check_credentials`) still counts as per-user authentication. Whether the file deals with signed-in users is judged from the view's module alone. Any comparison with the signed-in user in the view counts as an ownership check, even one that checks something else. Capability parameters (`<token>`, `<code>`) and page numbers are not treated as ids. Reading a user record by id (`User.query.get_or_404(id)`, `FROM users`) without writing is left alone: user pages are usually meant to be seen by other users; changing one is still reported. A view that only adds a row of the signed-in user's own pointing at the selected one (a comment on a post, a like), without changing the selected row, is not reported either. An id handed, together with Flask's `session`, to a call whose statement is unknown is taken to index the caller's own session store, not a table. Views imported from another module and registered with `add_url_rule` are not read. Django views are read from their module alone: a parameter is an id by its name (`pk`, `id`, `*_id`, `slug`; the converters are in urls.py), `request.user`/`self.request.user` is the signed-in user, `@permission_required`, `@user_passes_test`, `@staff_member_required` and `PermissionRequiredMixin` count as authorization, and Django REST framework `@api_view` functions and generic views that select through `get_object()` are not read.",
    precision: 'medium',
    confidence: 'low',
  },
  check(ctx) {
    if (!ctx.python || !ctx.models) return;
    const index = ctx.python;
    const model = ctx.models.flask.routes;
    const seen = new Set<number>();
    for (const route of model.routes) {
      if (seen.has(route.handler.id) || !route.viewDefined) continue;
      const ids = idParams(route.params);
      if (ids.length === 0 || adminScoped(route, ctx.file.path)) continue;
      const candidate = {
        handler: route.handler,
        ids: ids.map((p) => p.name),
        authenticated: authenticationOf(index, route) !== undefined,
        publicView: publicByDesign(route) !== undefined,
        who: identityParams(route),
        knowsUsers: () => knowsUsers(index, model),
      };
      let found = unownedSelection(index, candidate);
      // Not authenticated here, but a decorator of another module may be an authentication one:
      // then the view is a signed-in user's, and the project says whether it is.
      const decorators = !found && !candidate.authenticated ? importedWrappers(index, route.wrappers) : [];
      if (decorators.length > 0) found = unownedSelection(index, { ...candidate, authenticated: true });
      if (!found) continue;
      // One shared Flask-BasicAuth account: no caller owns anything more than another.
      const basic = basicAuthOnly(index, route);
      if (basic?.local) continue;
      const { selection, writes } = found;
      seen.add(route.handler.id);
      const param = ids.find((p) => p.name === selection.param) ?? ids[0];
      const written = param?.converter ? `<${param.converter}:${selection.param}>` : `<${selection.param}>`;
      ctx.report({
        span: spanOf(selection.call),
        message: `${routeLabel(route)}: the path parameter ${written} selects a row with \`${selection.query}\` and nothing in ${route.handlerName}() checks that it belongs to the signed-in user, so any caller can ${writes ? 'read or change' : 'read'} another user's record by changing the id.`,
        ...(basic || decorators.length > 0
          ? { pending: { ...(basic ? { basicAuth: basic.object } : {}), decorators } }
          : {}),
      });
    }
    checkDjango(ctx);
  },
  decide(pending, { path, index }) {
    const q = pending as { basicAuth?: string; decorators: readonly string[] };
    if (q.basicAuth !== undefined && basicAuthAccount(index, path, q.basicAuth)) return false;
    // A candidate held for an imported decorator stands only if the decorator authenticates.
    return q.decorators.length === 0 || q.decorators.some((d) => authenticatesThrough(index, path, d));
  },
};

function checkDjango(ctx: RuleContext): void {
  const index = ctx.python;
  if (!index) return;
  for (const view of djangoViews(index)) {
    if (view.settingsPermissions || djangoAdminScoped(view, ctx.file.path)) continue;
    // Django's URL converters are in urls.py: the parameter's name says whether it is an id.
    const ids = idParams(view.params.map((name) => ({ name, converter: undefined })));
    if (ids.length === 0) continue;
    const found = unownedSelection(index, {
      handler: view.handler,
      ids: ids.map((p) => p.name),
      authenticated: djangoAuthentication(index, view) !== undefined,
      publicView: publicByName(view.label) !== undefined,
      who: [],
      knowsUsers: () => djangoKnowsUsers(index),
    });
    if (!found) continue;
    const { selection, writes } = found;
    ctx.report({
      span: spanOf(selection.call),
      message: `Django view ${view.label}(): the URL parameter ${selection.param} selects a row with \`${selection.query}\` and nothing in the view checks that it belongs to request.user, so any caller can ${writes ? 'read or change' : 'read'} another user's record by changing the id.`,
    });
  }
}
