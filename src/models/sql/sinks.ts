import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { callsOf } from './bindings.js';
import { callsNamed } from './call-table.js';
import { SQL_TEXT_METHODS } from './methods.js';
import type { SqlFlow } from './flow.js';
import { short } from './values.js';

/**
 * The calls that hand a string to the database as SQL text, and which argument is the SQL:
 * DB-API cursors (psycopg2, psycopg 3, sqlite3) and connections (`execute`, `executemany`,
 * `mogrify`, `copy_expert`), asyncpg connections and pools (`fetch`, `fetchrow`, `fetchval`,
 * `execute`, `cursor`, `prepare`, `copy_from_query`), SQLAlchemy (`text()`,
 * `Connection/Session/Engine.execute`, `exec_driver_sql`, and the query builders `filter`,
 * `order_by`, `group_by`, `having`, `distinct` given a string on something that reads as a query),
 * Flask-SQLAlchemy (`db.session.execute`, `db.engine.execute`, `db.text`), Alembic `op.execute`,
 * pandas `read_sql`/`read_sql_query`, and psycopg's own `sql.SQL()`. Receivers are not typed:
 * a method of that name counts, and the rule asks that the string it receives read as SQL, which
 * is what keeps `executor.execute(task)` and `client.fetch(url)` out. Functions of the same file
 * that pass one of their parameters straight to a sink become sinks too (`query_db(sql, args)`).
 */

/** `builder`: a SQLAlchemy query builder given a SQL fragment (read like `text()`). */
export type SinkKind = 'method' | 'text' | 'composable' | 'wrapper' | 'builder';

export interface Sink {
  readonly call: Node;
  /** The argument that is SQL text. */
  readonly sql: Node;
  /** How to name it in a message: `cur.execute()`, `text()`, `query_db()`. */
  readonly label: string;
  readonly kind: SinkKind;
  /** For a wrapper: the sink it passes the string to. */
  readonly via?: string;
}

/**
 * SQLAlchemy query builders that take a SQL fragment as a string (`Query.filter("name = 'x'")`,
 * `order_by("name desc")`): SQLAlchemy before 1.4 reads it as text. Only a string built with a
 * non-constant part counts; columns, comparisons and `text()` are not strings. The names are common
 * elsewhere (pandas `filter`), so the receiver must read as a query (`User.query`,
 * `session.query(...)`, `select(...)`, a chain of builder calls, a variable named `q`/`query`/`stmt`).
 */
const BUILDER_METHODS = new Set(['filter', 'order_by', 'group_by', 'having', 'distinct']);
const QUERY_RECEIVER =
  /(?:^|\.)query\b|\bquery\s*\(|\bselect\s*\(|\.(?:filter|filter_by|where|join|outerjoin|order_by|group_by|having|distinct|options|select_from|limit|offset)\s*\(|^(?:q|qs|qry|query|stmt|statement)$/;

/** Parameter names the SQL goes by, across drivers (`operation` is the DB-API's name). */
const SQL_KEYWORDS = ['query', 'sql', 'statement', 'operation', 'sqltext', 'stmt', 'text'];

const TEXT_FUNCTIONS = /^(?:sqlalchemy(?:\.sql)?(?:\.expression)?|sqlmodel)\.text$/;
const PANDAS = /^pandas(?:\.io\.sql)?\.read_sql(?:_query)?$/;
const PSYCOPG_SQL = /^psycopg2?\.sql\.SQL$/;

const MAX_WRAPPER_ROUNDS = 3;

// A cheap look at the source before any tree work: a file that never writes one of these names
// has no sink (most files). Deciding what is a sink is left to the tree below.
const SINK_NAMES = new RegExp(`\\b(?:${[...SQL_TEXT_METHODS, 'SQL'].join('|')})\\b|text\\s*\\(`);
/** Builder names are common (Django's `filter`): they count only in a file that builds queries. */
const BUILDER_FILE = new RegExp(`\\b(?:${[...BUILDER_METHODS].join('|')})\\b`);
const QUERY_WORDS = /\bquery\b|\.query\b|\bselect\s*\(|sqlalchemy/;

export function findSinks(index: PythonIndex, flow: SqlFlow): Sink[] {
  const text = index.doc.text;
  if (!SINK_NAMES.test(text) && !(BUILDER_FILE.test(text) && QUERY_WORDS.test(text))) return [];
  const sinks: Sink[] = [];
  for (const name of [...SQL_TEXT_METHODS, 'text', 'SQL']) {
    for (const call of callsNamed(index, name)) {
      const sink = directSink(call, index);
      if (sink) sinks.push(sink);
    }
  }
  if (QUERY_WORDS.test(text)) {
    for (const name of BUILDER_METHODS) {
      for (const call of callsNamed(index, name)) sinks.push(...builderSinks(call));
    }
  }
  sinks.sort((a, b) => a.call.startIndex - b.call.startIndex);
  // Wrappers of wrappers, a few levels deep.
  let frontier = [...sinks];
  for (let round = 0; round < MAX_WRAPPER_ROUNDS && frontier.length > 0; round++) {
    const next: Sink[] = [];
    // A builder's fragment is rarely SQL on its own: a function passing one on is not a sink.
    for (const sink of frontier) if (sink.kind !== 'builder') next.push(...wrapperSinks(sink, index, flow));
    sinks.push(...next);
    frontier = next;
  }
  return sinks;
}

function directSink(call: Node, index: PythonIndex): Sink | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    if (SQL_TEXT_METHODS.has(method)) {
      const sql = sqlArgument(call);
      if (!sql) return undefined;
      const object = fn.childForFieldName('object');
      const receiver = object ? (dottedName(object) ?? short(object.text)) : '';
      return { call, sql, label: `${receiver}.${method}()`, kind: 'method' };
    }
    if (method !== 'text' && method !== 'SQL') return undefined;
  } else if (fn.type !== 'identifier') {
    return undefined;
  }
  const names = calleeNames(call, index.imports);
  const written = dottedName(fn) ?? '';
  if (names.some((n) => TEXT_FUNCTIONS.test(n)) || written === 'db.text' || written.endsWith('.db.text')) {
    const sql = sqlArgument(call);
    return sql ? { call, sql, label: `${written}()`, kind: 'text' } : undefined;
  }
  if (names.some((n) => PSYCOPG_SQL.test(n))) {
    const sql = sqlArgument(call);
    return sql ? { call, sql, label: `${written}()`, kind: 'composable' } : undefined;
  }
  if (names.some((n) => PANDAS.test(n))) {
    const sql = sqlArgument(call);
    return sql ? { call, sql, label: `${written}()`, kind: 'method' } : undefined;
  }
  return undefined;
}

/** Every positional argument of a query builder, as a fragment (`filter(a, b)`). */
function builderSinks(call: Node): Sink[] {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return [];
  const object = fn.childForFieldName('object');
  if (!object || !QUERY_RECEIVER.test(object.text)) return [];
  const method = fn.childForFieldName('attribute')?.text ?? '';
  // `User.query.filter()`; a chain (`session.query(User).having()`) is named for what it is.
  const receiver = dottedName(object) ?? 'Query';
  return callArguments(call)
    .positional.filter((a) => a.type !== 'list_splat')
    .map((sql) => ({ call, sql, label: `${receiver}.${method}()`, kind: 'builder' as const }));
}

function sqlArgument(call: Node): Node | undefined {
  const args = callArguments(call);
  for (const k of SQL_KEYWORDS) {
    const v = args.keywords.get(k);
    if (v) return v;
  }
  return args.positional[0];
}

/**
 * `def query_db(query, args=()): cur.execute(query, args)`: calls of query_db in this file hand
 * their first argument to execute. Only a parameter passed on unchanged makes a wrapper.
 */
function wrapperSinks(sink: Sink, index: PythonIndex, flow: SqlFlow): Sink[] {
  if (sink.sql.type !== 'identifier') return [];
  const param = flow.parameterOf(sink.sql);
  if (!param) return [];
  const fnName = param.fn.childForFieldName('name')?.text ?? '';
  const out: Sink[] = [];
  for (const { call, offset } of callsOf(param.fn, index)) {
    const args = callArguments(call);
    const sql = args.keywords.get(param.name) ?? args.positional[param.index - offset];
    if (!sql) continue;
    out.push({ call, sql, label: `${fnName}()`, kind: 'wrapper', via: sink.via ?? sink.label });
  }
  return out;
}
