import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { functionsNamed } from './auth.js';
import { bodyFacts, lastSegment } from './routes-body.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { joinText } from '../../lang/python/values.js';
import { SQL_RUNNERS } from '../sql/methods.js';

/** What a view writes, and where. */
export interface WriteSite {
  /** The call that writes (or the call of a helper in this file that does). */
  readonly node: Node;
  /** For the message: `INSERT through cur.execute()`, `db.session.add()`. */
  readonly what: string;
}

const SESSION_WRITES = new Set([
  'add',
  'add_all',
  'delete',
  'merge',
  'bulk_save_objects',
  'bulk_insert_mappings',
  'bulk_update_mappings',
]);
const DOCUMENT_WRITES = new Set([
  'insert_one',
  'insert_many',
  'update_one',
  'update_many',
  'delete_one',
  'delete_many',
  'replace_one',
  'find_one_and_update',
  'find_one_and_delete',
  'find_one_and_replace',
  'bulk_write',
  'delete_instance',
]);
const CONSTRUCT_WRITES = new Set(['insert', 'update', 'delete', 'upsert']);
/** Django's model manager and queryset writes: `Task.objects.create(...)`, `.objects.filter(...).update(...)`. */
const MANAGER_WRITES = new Set(['create', 'get_or_create', 'update_or_create', 'bulk_create', 'bulk_update']);
/** Calls that commit the work of a function handed to them (sqlalchemy-cockroachdb's retry loop). */
const TRANSACTION_RUNNERS = new Set(['run_transaction']);
const WRITE_VERBS = /^(?:INSERT|UPSERT|UPDATE|DELETE|MERGE|TRUNCATE|DROP|ALTER|CREATE|REPLACE)$/;

const writeCache = new MemoSlot<Map<number, WriteSite | null>>('route-writes.writeCache');

/**
 * The first write a function makes: SQL `INSERT`/`UPSERT`/`UPDATE`/`DELETE` (and DDL) run through
 * `execute` and friends; SQLAlchemy `insert()/update()/delete()` constructs executed;
 * `session.add/delete/merge`; `query....update()/delete()`; a `commit()`; PyMongo and peewee
 * writes; or a call of a function defined in this file that does one of these.
 */
export function findWrite(index: PythonIndex, fn: Node, depth = 0): WriteSite | undefined {
  let cache = writeCache.get(index);
  if (!cache) {
    cache = new Map();
    writeCache.set(index, cache);
  }
  const hit = cache.get(fn.id);
  if (hit !== undefined) return hit ?? undefined;
  cache.set(fn.id, null);
  const body = bodyFacts(index, fn);
  let found: WriteSite | undefined;
  for (const call of body.calls) {
    found = writeOfCall(index, call, depth);
    if (found) break;
  }
  found ??= attributeWrite(index, body.assignments);
  cache.set(fn.id, found ?? null);
  return found;
}

/** Every write a function makes (see findWrite), in source order. */
export function findWrites(index: PythonIndex, fn: Node): WriteSite[] {
  const body = bodyFacts(index, fn);
  const out: WriteSite[] = [];
  for (const call of body.calls) {
    const site = writeOfCall(index, call, 0);
    if (site) out.push(site);
  }
  const assigned = attributeWrite(index, body.assignments);
  if (assigned) out.push(assigned);
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/**
 * `todo.done = True` on a row the function loaded (`for todo in session.query(Todo).all()`,
 * `todo = Todo.query.get(id)`), where nothing calls commit() because the transaction commits by
 * itself: the function is handed to `run_transaction(...)`, or the assignment sits in a
 * `with session.begin():` block. (With an explicit `commit()` the commit is already the write.)
 */
function attributeWrite(index: PythonIndex, assignments: readonly Node[]): WriteSite | undefined {
  for (const assignment of assignments) {
    const left = assignment.childForFieldName('left');
    if (left?.type !== 'attribute') continue;
    const object = left.childForFieldName('object');
    if (object?.type !== 'identifier' || object.text === 'self' || object.text === 'cls') continue;
    const scope = enclosingFunction(assignment);
    if (!scope || !loadedFromQuery(scope, object.text)) continue;
    const how = selfCommitting(index, scope, assignment);
    if (how) return { node: assignment, what: `${left.text} = … on a queried row, committed by ${how}` };
  }
  return undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  for (let current = node.parent; current; current = current.parent)
    if (current.type === 'function_definition') return current;
  return undefined;
}

/** `for name in <query>:` or `name = <query>` inside `scope`. */
function loadedFromQuery(scope: Node, name: string): boolean {
  for (const node of scope.descendantsOfType(['for_statement', 'assignment'])) {
    const target = node.childForFieldName('left');
    const source = node.childForFieldName('right');
    if (target?.type !== 'identifier' || target.text !== name || !source) continue;
    const value = unparenthesize(source);
    if (value.type === 'call' && queryChain(value)) return true;
  }
  return false;
}

/** How the transaction around `node` commits without a commit() call, if it does. */
function selfCommitting(index: PythonIndex, scope: Node, node: Node): string | undefined {
  for (let current = node.parent; current && current.id !== scope.id; current = current.parent) {
    if (current.type !== 'with_statement') continue;
    for (const call of current.descendantsOfType('call')) {
      if (call.startIndex >= (current.childForFieldName('body')?.startIndex ?? current.endIndex)) break;
      const fn = call.childForFieldName('function');
      const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
      if (last === 'begin' || last === 'begin_nested') return `the \`with ${fn?.text ?? 'begin'}()\` block`;
    }
  }
  const name = scope.childForFieldName('name')?.text;
  if (!name) return undefined;
  for (const call of index.calls) {
    const fn = call.childForFieldName('function');
    if (!fn || !TRANSACTION_RUNNERS.has(lastSegment(dottedName(fn)))) continue;
    if (callArguments(call).positional.some((a) => a.type === 'identifier' && a.text === name))
      return `${dottedName(fn) ?? 'run_transaction'}(…, ${name})`;
  }
  return undefined;
}

/** The last names a write call can end in (every branch of writeOfCall but local helpers). */
const WRITE_CALL_NAMES: ReadonlySet<string> = new Set([
  ...SQL_RUNNERS,
  ...SESSION_WRITES,
  ...DOCUMENT_WRITES,
  ...MANAGER_WRITES,
  'update',
  'delete',
  'commit',
  'save',
]);

function writeOfCall(index: PythonIndex, call: Node, depth: number): WriteSite | undefined {
  const callee = call.childForFieldName('function');
  if (!callee) return undefined;
  // Most calls are neither a write nor a helper of this file: say so from the last name alone,
  // before reading the callee's dotted name and the arguments.
  const lastName =
    callee.type === 'attribute'
      ? callee.childForFieldName('attribute')?.text
      : callee.type === 'identifier'
        ? callee.text
        : undefined;
  if (lastName === undefined) return undefined;
  if (!WRITE_CALL_NAMES.has(lastName) && !(callee.type === 'identifier' && depth < 2)) return undefined;
  const written = dottedName(callee);
  // `Model.query.filter_by(id=id).delete()`: the callee is an attribute of a call chain.
  const last =
    written !== undefined
      ? lastSegment(written)
      : callee.type === 'attribute'
        ? (callee.childForFieldName('attribute')?.text ?? '')
        : '';
  const receiver = callee.type === 'attribute' ? callee.childForFieldName('object') : null;
  const receiverText = receiver ? (dottedName(receiver) ?? '') : '';
  const args = callArguments(call);

  if (SQL_RUNNERS.has(last) && callee.type === 'attribute') {
    const statement = args.positional[0] ?? args.keywords.get('statement') ?? args.keywords.get('query');
    if (statement) {
      const verb = sqlVerb(sqlTextOf(index, statement));
      if (verb && WRITE_VERBS.test(verb))
        return { node: call, what: `${verb} through ${shortCallee(written, last)}()` };
      const construct = writeConstruct(index, statement);
      if (construct) return { node: call, what: `SQLAlchemy ${construct}() through ${shortCallee(written, last)}()` };
    } else if (receiver?.type === 'call') {
      // peewee: `Tweet.update(done=True).where(Tweet.id == id).execute()`.
      const construct = writeConstruct(index, receiver);
      if (construct) return { node: call, what: `${construct}().execute()` };
    }
    return undefined;
  }
  if (SESSION_WRITES.has(last) && /(?:^|\.|_)session$|^session$/i.test(receiverText) && args.positional.length > 0)
    return { node: call, what: `${written ?? last}()` };
  if ((last === 'update' || last === 'delete') && receiver?.type === 'call' && queryChain(receiver))
    return { node: call, what: `a query's .${last}()` };
  if (MANAGER_WRITES.has(last) && receiver && (/(?:^|\.)objects$/.test(receiverText) || queryChain(receiver)))
    return { node: call, what: `${written ?? `.${last}`}()` };
  if (last === 'commit' && args.positional.length === 0 && callee.type === 'attribute' && committer(receiverText))
    return { node: call, what: `${written ?? 'commit'}()` };
  if (DOCUMENT_WRITES.has(last) && callee.type === 'attribute') return { node: call, what: `${written ?? last}()` };
  // `post.save()`, `post.delete()`: model methods of peewee, MongoEngine and the common
  // Flask-SQLAlchemy mixin (add/delete plus commit).
  if (
    (last === 'save' || (last === 'delete' && receiver?.type === 'identifier')) &&
    callee.type === 'attribute' &&
    args.positional.length === 0 &&
    args.keywords.size === 0
  )
    return { node: call, what: `${written ?? last}()` };
  // A helper defined in this file: `create_transfer_row(account_id, amount)`.
  if (callee.type === 'identifier' && depth < 2) {
    for (const def of functionsNamed(index, callee.text)) {
      const inner = findWrite(index, def, depth + 1);
      if (inner) return { node: call, what: `${callee.text}(), which runs ${inner.what}` };
    }
  }
  return undefined;
}

function shortCallee(written: string | undefined, last: string): string {
  return written ?? last;
}

function committer(receiver: string): boolean {
  const tail = lastSegment(receiver).toLowerCase();
  return /session|^db$|database|conn|^con$|cnx|connection|transaction|^tx$|^trans$|^engine$/.test(tail);
}

/** `X.query.filter(...)`, `session.query(X).filter_by(...)`, `db.session.query(X)`, `X.objects.filter(...)`. */
function queryChain(node: Node): boolean {
  let current: Node | null = node;
  for (let i = 0; i < 8 && current; i++) {
    if (current.type === 'call') {
      const fn = current.childForFieldName('function');
      if (fn?.type !== 'attribute') return false;
      const name = fn.childForFieldName('attribute')?.text ?? '';
      if (name === 'query' || name === 'filter' || name === 'filter_by' || name === 'where') return true;
      current = fn.childForFieldName('object');
    } else if (current.type === 'attribute') {
      // `Model.query` (Flask-SQLAlchemy), `Model.objects` (Django's manager).
      const name = current.childForFieldName('attribute')?.text;
      if (name === 'query' || name === 'objects') return true;
      current = current.childForFieldName('object');
    } else return false;
  }
  return false;
}

/** `insert(User).values(...)`, `users.update().where(...)`, `delete(User)`: a SQLAlchemy write construct. */
function writeConstruct(index: PythonIndex, node: Node, depth = 0): string | undefined {
  let current: Node | null = unparenthesize(node);
  if (current.type === 'identifier' && depth < 3) {
    const found = index.scopes.lookup(current);
    return found.kind === 'value' ? writeConstruct(index, found.value, depth + 1) : undefined;
  }
  for (let i = 0; i < 10 && current?.type === 'call'; i++) {
    const fn: Node | null = current.childForFieldName('function');
    if (!fn) return undefined;
    const names = calleeNames(current, index.imports);
    const last = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.text;
    if (CONSTRUCT_WRITES.has(last)) {
      if (fn.type === 'identifier' || names.some((n) => n.startsWith('sqlalchemy'))) return last;
      // `users.insert()`, `User.__table__.delete()`: a Table method (no arguments or a where clause).
      if (fn.type === 'attribute') return last;
    }
    current = fn.type === 'attribute' ? fn.childForFieldName('object') : null;
  }
  return undefined;
}

/**
 * The SQL text a statement argument holds, with unknown parts as DYNAMIC; `text("...")`,
 * `sql.SQL("...")`, `sql.SQL("...").format(...)` and single-assignment variables are looked through.
 */
export function sqlTextOf(index: PythonIndex, node: Node, depth = 0): string | undefined {
  const n = unparenthesize(node);
  if (n.type === 'call' && depth < 4) {
    const fn = n.childForFieldName('function');
    const name = fn ? lastSegment(dottedName(fn)) : '';
    if (name === 'text' || name === 'SQL' || name === 'literal_column') {
      const inner = callArguments(n).positional[0];
      return inner ? sqlTextOf(index, inner, depth + 1) : undefined;
    }
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format') {
      const object = fn.childForFieldName('object');
      if (object?.type === 'call') return sqlTextOf(index, object, depth + 1);
    }
  }
  if (n.type === 'identifier' && depth < 4) {
    const found = index.scopes.lookup(n);
    if (found.kind === 'value' && found.value.type === 'call') return sqlTextOf(index, found.value, depth + 1);
  }
  const value = index.evaluator.evaluateString(n);
  return value ? joinText(value) : undefined;
}

/** The statement's verb: `INSERT`, `UPSERT`, `UPDATE`, `DELETE`, `SELECT`…; the one after a `WITH` clause. */
export function sqlVerb(text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const cleaned = text
    .replace(/--[^\n]*/g, ' ')
    .replace(/\/\*[\s\S]*?\*\//g, ' ')
    .replace(/^[\s(]+/, '');
  const first = /^([A-Za-z]+)/.exec(cleaned)?.[1]?.toUpperCase();
  if (first === undefined) return undefined;
  if (first === 'WITH') {
    const m = /\b(INSERT|UPSERT|UPDATE|DELETE|MERGE)\b/i.exec(cleaned);
    return m?.[1]?.toUpperCase() ?? 'SELECT';
  }
  return first;
}

const SIGNATURE_CALL =
  /signature|compare_digest|construct_event|verify_webhook|validate_webhook|verify_hmac|check_hmac|verify_slack|verify_github|webhook_verify/i;

/** A configured shared secret: `SECRET`, `ADMIN_TOKEN`, `config.API_KEY`. */
const SHARED_SECRET = /^[A-Z0-9_]*(?:SECRET|TOKEN|API_?KEY|PASSWORD|PASSPHRASE)[A-Z0-9_]*$/;

/**
 * The view checks a shared secret or signature: a webhook that authenticates its sender, or an
 * `if` comparing what the caller sent with a configured secret (`if body["key"] == SECRET:`).
 * Whether that secret is itself hard-coded is the secrets rules' question.
 */
export function verifiesSignature(index: PythonIndex, fn: Node): boolean {
  const facts = bodyFacts(index, fn);
  for (const cmp of facts.comparisons) {
    if (cmp.parent?.type !== 'if_statement' && cmp.parent?.type !== 'elif_clause') continue;
    if (!/==|!=/.test(cmp.text)) continue;
    const sides = cmp.namedChildren;
    if (sides.length !== 2) continue;
    const named = sides.some((side) => {
      const last = side.type === 'attribute' ? side.childForFieldName('attribute') : side;
      return (last?.type === 'identifier' && SHARED_SECRET.test(last.text)) ?? false;
    });
    if (named) return true;
  }
  for (const call of facts.calls) {
    const callee = call.childForFieldName('function');
    const written = callee ? dottedName(callee) : undefined;
    if (written && SIGNATURE_CALL.test(lastSegment(written))) return true;
  }
  return false;
}
