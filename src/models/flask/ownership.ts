import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import { functionsNamed, identityRefs } from './auth.js';
import { nodesWithin, type PythonIndex } from '../../lang/python/file-index.js';
import { bodyFacts, contains, lastSegment, type BodyFacts } from './routes-body.js';
import type { DjangoView } from './django-views.js';
import type { FlaskRoute, PathParam } from './routes.js';
import { dottedName } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { SQL_RUNNERS } from '../sql/methods.js';
import { sqlTextOf, sqlVerb } from './route-writes.js';

/** Path parameters that name a row: `id`, `account_id`, `postId`, `pk`, `uuid`, `slug`, `<uuid:…>`, `<int:account>`. */
const ID_NAME = /(?:^|_)(?:id|pk|uuid|guid|slug|number)$|[a-z0-9]Id$|^[a-z]{1,2}id$/;
/** Integers that are not rows: pages, dates, sizes. */
const NOT_AN_ID =
  /^(?:page|page_?num(?:ber)?|per_?page|year|month|day|week|hour|limit|offset|size|count|n|num|version|level|step|index|idx|width|height|zoom|x|y|z|days|amount|qty|quantity)$/i;
/** Capabilities rather than references: whoever holds them may act (reset tokens, invite codes). */
const CAPABILITY = /token|code|hash|secret|signature|nonce|otp/i;

export function idParams(params: readonly PathParam[]): PathParam[] {
  return params.filter((p) => {
    if (CAPABILITY.test(p.name) || NOT_AN_ID.test(p.name)) return false;
    if (p.converter === 'uuid') return true;
    if (ID_NAME.test(p.name)) return true;
    return p.converter === 'int';
  });
}

export interface Selection {
  /** The call that selects or changes the row (in the view: a helper's call when the helper does it). */
  readonly call: Node;
  readonly param: string;
  /** The query, for the message. */
  readonly query: string;
  /** The function the query is in (the view, or a helper in this file). */
  readonly body: BodyFacts;
}

/** Calls that fetch one row by key. */
const GETTERS = new Set([
  'get',
  'get_or_404',
  'get_or_none',
  'get_by_id',
  'one_or_404',
  'first_or_404',
  'find_one',
  'find_one_or_404',
  'find_by_id',
  'find_one_and_update',
  'find_one_and_delete',
  'update_one',
  'delete_one',
  'objects',
  'get_object_or_404',
]);
const FILTERS = new Set(['filter', 'where', 'having']);

/**
 * The first call in `fn` that selects or changes a row by one of `params`: a getter
 * (`Model.query.get(id)`, `db.get_or_404(Model, id)`, `session.get(Model, id)`), `filter_by(id=id)`,
 * `filter(Model.id == id)`/`where(...)`, SQL run with the parameter (bound or interpolated) whose
 * statement has a `WHERE` or is an `UPDATE`/`DELETE`; or a call of a helper in this file that does.
 */
export function selectionBy(
  index: PythonIndex,
  fn: Node,
  params: ReadonlySet<string>,
  depth = 0,
): Selection | undefined {
  const body = bodyFacts(index, fn);
  const uses = body.identifiers.filter((id) => params.has(id.text) && isReference(id));
  if (uses.length === 0) return undefined;
  for (const call of body.calls) {
    const args = call.childForFieldName('arguments');
    const callee = call.childForFieldName('function');
    if (!args || !callee) continue;
    const inArgs = uses.filter((u) => contains(args, u));
    if (inArgs.length === 0) continue;
    const written = dottedName(callee);
    const last =
      written !== undefined
        ? lastSegment(written)
        : callee.type === 'attribute'
          ? (callee.childForFieldName('attribute')?.text ?? '')
          : '';
    const param = (inArgs[0] as Node).text;
    const query = (): string => shorten(call.text);
    if (callee.type === 'attribute') {
      const receiver = callee.childForFieldName('object');
      const receiverText = receiver?.text ?? '';
      if (GETTERS.has(last) && getterOnRows(last, receiverText, call)) return { call, param, query: query(), body };
      if (last === 'filter_by' && inArgs.some((u) => u.parent?.type === 'keyword_argument'))
        return { call, param, query: query(), body };
      if (FILTERS.has(last) && inArgs.some((u) => insideComparison(u, args)))
        return { call, param, query: query(), body };
      if (SQL_RUNNERS.has(last)) {
        const statement = callArguments(call).positional[0];
        const text = statement ? sqlTextOf(index, statement) : undefined;
        const verb = sqlVerb(text);
        // Statement unknown and Flask's `session` handed over with the id: the id is looked up in
        // the caller's own session store (pgAdmin's query tool, by transaction id), not a table.
        if (text === undefined && passesFlaskSession(index, call)) continue;
        if (text === undefined || /\bWHERE\b/i.test(text) || verb === 'UPDATE' || verb === 'DELETE')
          return { call, param, query: query(), body };
      }
    } else if (callee.type === 'identifier') {
      if (callee.text === 'get_or_404' || callee.text === 'get_object_or_404')
        return { call, param, query: query(), body };
      // A helper in this file: `post = get_post(id)`.
      if (depth < 2) {
        const inner = helperSelection(index, call, callee.text, inArgs, params, depth);
        if (inner) return { call, param, query: `${shorten(call.text)} → ${inner.query}`, body: inner.body };
      }
    }
  }
  return undefined;
}

function helperSelection(
  index: PythonIndex,
  call: Node,
  name: string,
  inArgs: readonly Node[],
  params: ReadonlySet<string>,
  depth: number,
): Selection | undefined {
  const args = callArguments(call);
  for (const def of functionsNamed(index, name)) {
    const names = parameterNames(def);
    const mapped = new Set<string>();
    args.positional.forEach((arg, i) => {
      if (inArgs.some((u) => contains(arg, u)) && names[i]) mapped.add(names[i] as string);
    });
    for (const [key, value] of args.keywords) if (inArgs.some((u) => contains(value, u))) mapped.add(key);
    if (mapped.size === 0) continue;
    const inner = selectionBy(index, def, mapped, depth + 1);
    if (inner) return inner;
  }
  void params;
  return undefined;
}

function passesFlaskSession(index: PythonIndex, call: Node): boolean {
  const args = callArguments(call);
  return [...args.positional, ...args.keywords.values()].some(
    (a) =>
      a.type === 'identifier' &&
      a.text === 'session' &&
      (index.imports.names.get('session') ?? []).includes('flask.session'),
  );
}

/** A name used as a value: not `x.id`'s attribute, not `filter_by(id=...)`'s keyword. */
function isReference(id: Node): boolean {
  const parent = id.parent;
  if (!parent) return true;
  if (parent.type === 'attribute') return parent.childForFieldName('attribute')?.id !== id.id;
  if (parent.type === 'keyword_argument') return parent.childForFieldName('name')?.id !== id.id;
  return parent.type !== 'parameters' && parent.type !== 'default_parameter' && parent.type !== 'typed_parameter';
}

function parameterNames(fn: Node): string[] {
  const out: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const name = p.type === 'identifier' ? p.text : p.namedChildren.find((c) => c.type === 'identifier')?.text;
    if (name && name !== 'self' && name !== 'cls') out.push(name);
  }
  return out;
}

/** `Model.query.get(id)`, `session.get(Model, id)`, `Model.get(id)` (peewee); not `request.args.get(id)` or `cache.get(id)`. */
function getterOnRows(last: string, receiver: string, call: Node): boolean {
  if (last !== 'get') return true;
  if (/(?:^|\.)query$|(?:^|\.|_)session$|^db$|\.objects$/.test(receiver)) return true;
  const tail = lastSegment(receiver);
  // `Account.get(id)` (peewee), not `REDIRECTS.get(id)` (a constant dict).
  if (/^[A-Z][A-Za-z0-9]*$/.test(tail) && /[a-z]/.test(tail) && tail !== 'Config') return true;
  const first = callArguments(call).positional[0];
  return first !== undefined && /^[A-Z]/.test(first.text) && callArguments(call).positional.length >= 2;
}

function insideComparison(node: Node, stop: Node): boolean {
  let current: Node | null = node.parent;
  for (let i = 0; i < 8 && current && current.id !== stop.id; i++) {
    if (current.type === 'comparison_operator' || current.type === 'keyword_argument') return true;
    current = current.parent;
  }
  return false;
}

function shorten(text: string): string {
  const flat = text.replace(/\s+/g, ' ');
  return flat.length > 90 ? `${flat.slice(0, 87)}...` : flat;
}

const QUERYISH = new Set([
  ...GETTERS,
  ...SQL_RUNNERS,
  'filter',
  'filter_by',
  'where',
  'and_',
  'or_',
  'text',
  'select',
  'scalars',
  'scalar',
  'exists',
  'join',
  'find',
  'query',
  'update_many',
  'delete_many',
  'having',
]);
const PERMISSION_CALL =
  /authori[sz]|permission|permitted|owner|owns|^can_|has_access|check_access|verify_access|ensure_can|^policy|check_acl|is_member|has_role|check_role|require_role|is_allowed_to|^is_(?:admin|superuser|staff|moderator)$/i;
/** `role != "admin"`: the view is for administrators, who may act on any row. */
const ADMIN_VALUE = /^(?:admin|administrator|superuser|super_?admin|staff|moderator|root)$/i;

/**
 * Whether the function relates the row to the signed-in user: a comparison with the user
 * (`if obj.owner_id != current_user.id`), the user in the query (`filter_by(id=id,
 * user_id=current_user.id)`, a SQL parameter), a query through the user's relationship
 * (`current_user.accounts.filter_by(id=id)`), or a permission check call (`authorize(...)`).
 */
export function ownershipChecked(index: PythonIndex, body: BodyFacts, identityNames: readonly string[]): boolean {
  const refs = identityRefs(index, body, identityNames);
  for (const cmp of body.comparisons) {
    if (refs.some((r) => contains(cmp, r))) return true;
    if (cmp.namedChildren.some((operand) => adminValue(operand))) return true;
  }
  for (const call of body.calls) {
    const callee = call.childForFieldName('function');
    if (!callee) continue;
    const written = dottedName(callee);
    const last =
      written !== undefined
        ? lastSegment(written)
        : callee.type === 'attribute'
          ? (callee.childForFieldName('attribute')?.text ?? '')
          : '';
    if (PERMISSION_CALL.test(last)) return true;
    if (refs.length === 0 || !QUERYISH.has(last)) continue;
    if (refs.some((r) => contains(call, r))) return true;
  }
  return false;
}

function adminValue(node: Node): boolean {
  if (node.type === 'list' || node.type === 'tuple' || node.type === 'set')
    return node.namedChildren.some((c) => adminValue(c));
  const text = constantStringValue(node);
  return text !== undefined && ADMIN_VALUE.test(text);
}

const ADMIN_NAME = /admin|staff|superuser|backoffice|back_office|internal/i;

/** Views for administrators: an admin/role decorator or guard, or an `admin` blueprint, prefix, path, view or module. */
export function adminScoped(route: FlaskRoute, filePath: string): boolean {
  if (route.wrappers.some((w) => w.admin || w.authorizes)) return true;
  if (route.guards.some((g) => g.admin)) return true;
  const s = route.scaffold;
  const names = [s?.name, s?.variable, s?.urlPrefix, route.path, route.handlerName];
  return names.some((n) => n !== undefined && ADMIN_NAME.test(n)) || adminModule(filePath);
}

/** The same for a Django view: a permission/staff decorator or mixin, an admin view name or module. */
export function djangoAdminScoped(view: DjangoView, filePath: string): boolean {
  return view.wrappers.some((w) => w.admin || w.authorizes) || ADMIN_NAME.test(view.label) || adminModule(filePath);
}

function adminModule(filePath: string): boolean {
  const parts = filePath.toLowerCase().split(/[\\/]/);
  const file = parts[parts.length - 1] ?? '';
  return parts.slice(0, -1).includes('admin') || file.startsWith('admin');
}

/**
 * The view adds a row of the signed-in user's own that points at the selected one (a comment on
 * a post, a like, a booking of a slot) and leaves the selected row itself unchanged: the row is
 * read to be referred to, which is what public content is for. `Comment(post_id=post.id,
 * author=current_user.id)` is such a row.
 */
export function onlyLinksToRow(
  index: PythonIndex,
  view: BodyFacts,
  selection: Selection,
  identityNames: readonly string[],
): boolean {
  const refs = identityRefs(index, view, identityNames);
  if (refs.length === 0 || selectionWrites(index, selection)) return false;
  const links = view.calls.some((call) => {
    const callee = call.childForFieldName('function');
    const args = call.childForFieldName('arguments');
    if (!callee || !args) return false;
    const name = lastSegment(dottedName(callee));
    return /^[A-Z][a-z]/.test(name) && refs.some((r) => contains(args, r));
  });
  return links && !mutated(index, view, selection);
}

/** The selecting call itself changes rows: `UPDATE`/`DELETE`, `query.update()/.delete()`. */
function selectionWrites(index: PythonIndex, selection: Selection): boolean {
  const call = selection.call;
  const callee = call.childForFieldName('function');
  const last = callee?.type === 'attribute' ? (callee.childForFieldName('attribute')?.text ?? '') : '';
  if (SQL_RUNNERS.has(last)) {
    const statement = callArguments(call).positional[0];
    const verb = sqlVerb(statement ? sqlTextOf(index, statement) : undefined);
    return verb === undefined || verb === 'UPDATE' || verb === 'DELETE' || verb === 'UPSERT';
  }
  return /^(?:update_one|delete_one|find_one_and_update|find_one_and_delete)$/.test(last);
}

/** The variable that holds the selected row is changed: `post.title = ...`, `db.session.delete(post)`, `post.delete()`. */
function mutated(index: PythonIndex, view: BodyFacts, selection: Selection): boolean {
  if (selection.body.node.id !== view.node.id) return true;
  const names = new Set<string>();
  for (const assignment of view.assignments) {
    const right = assignment.childForFieldName('right');
    const left = assignment.childForFieldName('left');
    if (right && left?.type === 'identifier' && contains(right, selection.call)) names.add(left.text);
  }
  if (names.size === 0) return true;
  const augmented = nodesWithin(index.augmentedAssignments, view.start, view.end);
  for (const assignment of [...view.assignments, ...augmented]) {
    const left = assignment.childForFieldName('left');
    const object = left?.type === 'attribute' ? left.childForFieldName('object') : null;
    if (object?.type === 'identifier' && names.has(object.text)) return true;
  }
  for (const call of view.calls) {
    const callee = call.childForFieldName('function');
    if (callee?.type !== 'attribute') continue;
    const attr = callee.childForFieldName('attribute')?.text ?? '';
    const object = callee.childForFieldName('object');
    if (object?.type === 'identifier' && names.has(object.text) && /^(?:delete|save|update|remove)$/.test(attr))
      return true;
    if (/^(?:delete|merge|remove)$/.test(attr)) {
      const first = callArguments(call).positional[0];
      if (first?.type === 'identifier' && names.has(first.text)) return true;
    }
  }
  return false;
}
