import type { Confidence } from '../../core/confidence.js';
import type { Severity } from '../../core/severity.js';
import type { Node } from '../../parse/python.js';
import { spanOf } from '../../lang/python/span.js';
import { SqlFlow } from '../../models/sql/flow.js';
import { findSinks, type Sink } from '../../models/sql/sinks.js';
import { hasConstantText, isUtilityStatement, looksLikeSql } from '../../models/sql/text.js';
import { rankOf, short, type Insertion, type Source } from '../../models/sql/values.js';
import type { Decision, Rule } from '../rule.js';
import type { ProjectIndex } from '../../project/project-index.js';
import type { PendingQuestion } from '../../project/types.js';
import { isSqlWrapper, untrustedFeed, type Feed } from '../../models/sql/callers.js';
import {
  foreignCandidates,
  resolveForeign,
  SQL_TEXTS_DOMAIN,
  type ForeignSql,
  type ForeignText,
  type KnownSql,
} from '../../models/sql/foreign.js';
import { isTopLevel } from '../../models/sql/summary.js';
import { inMigrationMachinery } from '../../models/sql/migrations.js';
import type { HolePosition } from '../../models/sql/text.js';

export const sqlBuiltFromStrings: Rule = {
  meta: {
    id: 'FCG501',
    name: 'sql-built-from-strings',
    family: 'design',
    severity: 'high',
    cwe: [89],
    title: 'SQL text built from strings with a non-constant part',
    what: [
      'SQL text built with an f-string (also multi-line `f"""`), `%` formatting, `.format()`, `.replace()`, `+`/`+=` concatenation or `"sep".join(...)` where one of the parts is not a constant of the file, and which reaches a call that runs it as SQL: `cursor.execute/executemany/mogrify/copy_expert` (psycopg2, psycopg 3, sqlite3; `with conn.cursor() as cur` or `cur = conn.cursor()`; psycopg 3 `conn.execute`), asyncpg `fetch/fetchrow/fetchval/execute/executemany/cursor/prepare/copy_from_query` on a connection or pool, SQLAlchemy `text()` (`from sqlalchemy import text`, `sa.text`, `db.text`), `Connection/Session/Engine.execute`, `exec_driver_sql`, the query builders `filter/order_by/group_by/having/distinct` given a string on a query (`User.query.filter(f"name = \'{x}\'")`, `session.query(User).order_by("name %s" % d)`, `q.having(...)`, `select(...).group_by(...)`: SQLAlchemy before 1.4 reads such a string as SQL text), Flask-SQLAlchemy `db.session.execute`/`db.engine.execute`, Alembic `op.execute`, pandas `read_sql`/`read_sql_query`, `psycopg.sql.SQL(f"...")`, and functions of the same file or of another module of the project that pass their parameter on to one of these (`def query_db(query, args=()): ...`).',
      '',
      'The string may reach the call directly or through local variables (`sql = ...; sql += ...`), local lists (`parts = ["SELECT …"]; parts.append(f"WHERE … {x}"); cur.execute(" ".join(parts))`, `queries[0]`, `for sql in queries:`), local dicts under a constant key (`q = {"sql": f"…"}` or `q["sql"] = f"…"`, then `cur.execute(q["sql"])`), module constants, and string constants imported from another module (`querys.UPDATE_ROUTE.format(route_id, lon)`). The message names the call and where the non-constant part comes from:',
      '',
      '- **high**: request data (`request.args`, `request.form`, `request.json`, `request.get_json()`, `request.values`, `request.cookies`, `request.headers`, …) or a route parameter (`@app.route("/u/<name>")`, `@bp.get`, `MethodView`/`Resource` methods), also when it reaches the SQL as the argument of a helper function that the same file, or another module importing it, calls with it;',
      '- **medium**: a parameter of an ordinary function, or a value whose origin the file does not show (an attribute, a call result, an imported name), written where a bound parameter belonged (inside a quoted literal, after `=`, `LIKE`, `LIMIT`, in `VALUES (…)` or `IN (…)`). The file cannot tell whether callers pass user input: a review item, not a proven injection;',
      '- **low**: the same in an identifier or clause position (a table or column name, `ORDER BY`, a whole `WHERE` fragment) or in a `SET`/DDL statement, where no placeholder can stand and the value is often an allow-listed name; and a route parameter with an `int`, `float`, `uuid` or `any(...)` converter, which Flask has already made a number or a fixed choice: not injectable as written, but still SQL built from strings.',
      '',
      'A helper whose every call in the file passes constants (`count(cur, "users")`, or leaves the parameter at a constant default) is not reported. Nor is an integer the drivers document (`conn.info.backend_pid`, `server_version`, `rowcount`, `lastrowid`), or an attribute the file only ever sets to one, a number, `None` or a cast; nor a value checked not to contain a quote (`if "\'" not in name:`) written between quotes of that kind.',
    ].join('\n'),
    why: "Text pasted into SQL is parsed as SQL. A quote in the value ends the literal and the rest runs as part of the statement: `x' OR '1'='1` returns every row, `1; DROP TABLE users` or `UNION SELECT password_hash FROM users` goes further (CWE-89). CockroachDB and PostgreSQL accept several statements in one simple-protocol call, so a string built this way can also write. Bound parameters are sent apart from the statement and can never change its shape.",
    bad: {
      lang: 'python',
      code: [
        'from flask import request',
        'from sqlalchemy import text',
        '',
        '@bp.route("/search")',
        'def search():',
        '    q = request.args.get("q", "")',
        '    sql = "SELECT id, name FROM accounts WHERE name ILIKE \'%" + q + "%\'"',
        '    return db.session.execute(text(sql)).all()',
        '',
        '@bp.route("/users/<name>")',
        'def user(name):',
        '    with conn.cursor() as cur:',
        '        cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")',
      ].join('\n'),
    },
    good: {
      lang: 'python',
      code: [
        'from flask import abort, request',
        'from psycopg2 import sql',
        'from sqlalchemy import text',
        '',
        'SORTABLE = {"name": "name", "created": "created_at"}',
        '',
        '@bp.route("/search")',
        'def search():',
        '    q = request.args.get("q", "")',
        '    order = SORTABLE.get(request.args.get("sort"), "name")  # allow-list',
        '    stmt = text(f"SELECT id, name FROM accounts WHERE name ILIKE :pattern ORDER BY {order}")',
        '    return db.session.execute(stmt, {"pattern": f"%{q}%"}).all()',
        '',
        '@bp.route("/users/<name>")',
        'def user(name):',
        '    with conn.cursor() as cur:',
        '        cur.execute("SELECT * FROM users WHERE name = %s", (name,))',
        '        cur.execute(sql.SQL("SELECT count(*) FROM {}").format(sql.Identifier(TABLE)))',
      ].join('\n'),
    },
    fix: [
      'Pass values as bound parameters: `cur.execute("... WHERE id = %s", (id,))` (psycopg2/psycopg 3), `$1` with asyncpg, `text("... WHERE id = :id")` with a dict in SQLAlchemy. An f-string is fine as a parameter *value* (`(f"%{q}%",)`).',
      '',
      'Identifiers (table, column, sort order) cannot be parameters: map the request value through a dict or set of allowed names (`col = SORTABLE[key]`, or `if col not in ALLOWED: abort(400)`), or compose with `psycopg.sql`/`psycopg2.sql` (`sql.SQL("... {}").format(sql.Identifier(col))`). For `IN (...)` lists build only the placeholders: `", ".join(["%s"] * len(ids))`, or pass a list to `= ANY(%s)`.',
    ].join('\n'),
    limits: [
      "Most of the analysis stays in one file; the project phase adds what other modules hold: a parameter's callers anywhere in the project (through `import`/`from … import`, packages and re-exports, a few calls deep), so a helper that a route in another module passes request data is reported high, with the call named; SQL whose template is a string constant of another module (`querys.UPDATE_ROUTE.format(...)`) or that is passed to a function of another module which hands it to `execute()` (`models.execute_pgscript(sql)`). Those last two are reported only when request data or a route parameter is shown to reach them: filled with a value of unknown origin they stay silent, where the same code in one file would be a medium or low review item. Callers are matched by name through imports: calls through an attribute of an object (`self.helper(x)`, `db.helper(x)`), `getattr`, callbacks and decorators that register a function (`@Operations.implementation_for(...)`, signal handlers) are not followed, and a keyword argument is followed only at the first call. A value from another module, a helper's return value or an attribute (`self.table`, `g.user.name`, a class attribute set in `__init__` from a constructor argument) is \"not known\" (medium or low, by position). Local variables are followed with a light reaching-definitions walk (branches and `+=` add up; an unconditional assignment replaces); a local list or dict is followed only when its name is bound once, to a literal, in the same function (elements added with `append`/`insert`/`extend`, dict keys that are plain strings, list indexes that are integers); aliases of a container, containers passed to or returned by a function, attributes (`self.queries[...]`), keys that are variables and module-level dicts filled by assignment are not. Routes registered with `add_url_rule` are not recognised, so their parameters count as ordinary parameters. Code Alembic runs while migrating (functions registered with `@Operations.implementation_for(...)`, classes registered with `@Operations.register_operation(...)`, methods of classes built on Alembic's `MigrateOperation` or alembic_utils' `ReplaceableEntity`) is reported only for request data or route parameters: what it interpolates comes from migration scripts and settings. Plain migration scripts (`versions/*.py`) are checked like any other code.",
      '',
      "In test code (`tests/`, `test_*.py`, `conftest.py`, pgAdmin's `regression/`) no request is handled, so only request data and route parameters written there count, and a parameter of a test helper counts only when a caller somewhere in the project passes it request data; values of unknown origin there (test attributes such as `self.table_name`, fixture names built from `uuid4`, test configuration) are not reported.",
      '',
      'Treated as safe, without proof that they are: names written in UPPER_CASE that are imported or undefined (taken as constants), `os.environ`/`app.config` reads (operator-controlled), values passed through a function whose name contains `quote` (`quote_ident`, Django\'s `quote_name`) or `escape_string`/`escape_literal`, `cursor.mogrify()` output, and a variable checked by `x in ALLOWED`, `x.isdigit()`/`isalnum()`/`isidentifier()` or `re.fullmatch(...)` in the same function, whether `ALLOWED` is defined in the file or imported (the check itself is not judged: a permissive regular expression or an allow-list that is not constant passes). A lookup in an imported UPPER_CASE mapping (`SORTABLE[key]`) counts as allow-listed; one in a lower-case imported mapping does not. `int()`, `float()`, `Decimal()`, `uuid.UUID()`, dates and `%d`/`{:d}` make a value a number. Hand-written escaping (`.replace("\'", "\'\'")`) is not trusted.',
      '',
      'Receivers are not typed: any `.execute()`/`.fetch()`… call counts when its first argument reads as SQL (a keyword such as `SELECT … FROM`, `INSERT INTO`, `WHERE x =`, or upper-case SQL words), so SQL text without those words is missed and an unrelated `execute()` given SQL-looking text is reported. Whether a hole is a value or an identifier is judged from the text just before it. Query builders count only when the receiver reads as a query (its text names `query`, `select(` or another builder call, or it is a variable named `q`, `query`, `stmt`…), only for a string built with a constant part (`order_by(f"{col} desc")`, not `order_by(f"{col}")` nor a request value passed as is), and whatever the SQLAlchemy version (1.4 and later reject a plain string in `filter` and read one in `order_by` as a label, so there the finding is code that breaks or a latent review item rather than an injection). `where()`, `literal_column`, `join(...)` on strings, Django `raw()`/`extra()` are not sinks here; asyncpg `copy_from_table`/`copy_to_table`/`copy_records_to_table` take a table name that asyncpg quotes, so they are not either.',
    ].join('\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    const flow = new SqlFlow(py);
    const test = ctx.file.role === 'test';
    const seen = new Set<number>();
    const sinks = findSinks(py, flow);
    for (const sink of sinks) {
      if (seen.has(sink.call.id)) continue;
      const value = flow.analyze(sink.sql);
      if (value.composable || value.insertions.length === 0 || value.text === null) continue;
      const sqlLike =
        sink.kind === 'text' || sink.kind === 'composable' || sink.kind === 'builder'
          ? hasConstantText(value.text)
          : looksLikeSql(value.text);
      if (!sqlLike) continue;
      // In SET or DDL no placeholder can stand anywhere: a value there is as unbindable as a name.
      const utility = isUtilityStatement(value.text);
      // Alembic runs this, not a request: only request data could make it injectable.
      const migration = inMigrationMachinery(sink.sql, py);
      const insertions = value.insertions
        .flatMap((i) => refine(i, flow))
        .map((i) => (utility ? { ...i, position: 'structure' as const } : i))
        // Test code handles no request: a value of unknown origin there is a fixture's.
        .filter((i) => !(test && i.source.kind === 'unknown'))
        .filter((i) => !migration || i.source.kind === 'request' || i.source.kind === 'route');
      const chosen = pick(insertions);
      if (!chosen) continue;
      // A parameter's callers in other modules may pass request data (or, in test code, are the
      // only way request data could get there): phase 2 looks them up.
      const params = heldParams(insertions, chosen, sink, sink.sql.startPosition.row);
      if (test && chosen.source.kind === 'param' && !params) continue;
      seen.add(sink.call.id);
      ctx.report({
        span: spanOf(sink.sql),
        severity: severityOf(chosen),
        confidence: confidenceOf(chosen),
        message: message(sink, chosen, sink.sql.startPosition.row),
        ...(params ? { pending: { ...params, test } } : {}),
      });
    }
    // SQL whose template or sink is in another module: held until phase 2 reads them.
    for (const { node, question } of foreignCandidates(py, flow, sinks)) {
      ctx.report({
        span: spanOf(node),
        severity: 'low',
        message: 'SQL text whose template or sink is in another module',
        pending: { ...question, test } as unknown as PendingQuestion,
      });
    }
  },
  decide(question, { path, index }) {
    const q = question as unknown as HeldParams | ((ForeignSql | ForeignText) & { test: boolean });
    if (q.k === 'param') return decideParam(q, path, index);
    if (q.k === 'foreign') return decideForeign(q, path, index);
    if (q.k === 'foreign-text') return decideForeignText(q, path, index);
    return true;
  },
};

/** A finding whose worst part is a parameter of top-level functions: their callers decide. */
interface HeldParams {
  readonly k: 'param';
  readonly test: boolean;
  /** `SQL built with … reaches …: ` */
  readonly head: string;
  readonly params: readonly { fn: string; i: number; n: string; label: string; pos: HolePosition }[];
}

function heldParams(
  insertions: readonly Insertion[],
  chosen: Insertion,
  sink: Sink,
  sinkRow: number,
): Omit<HeldParams, 'test'> | undefined {
  if (severityOf(chosen) === 'high') return undefined;
  const params: HeldParams['params'][number][] = [];
  for (const ins of insertions) {
    const ref = ins.source.kind === 'param' ? ins.source.param : undefined;
    if (!ref || ins.source.via || !isTopLevel(ref.fn)) continue;
    const fn = ref.fn.childForFieldName('name')?.text ?? '';
    if (params.some((p) => p.fn === fn && p.i === ref.index)) continue;
    params.push({ fn, i: ref.index, n: ref.name, label: short(ins.expr.text), pos: ins.position });
  }
  if (params.length === 0) return undefined;
  const row = chosen.expr.startPosition.row;
  const where = row !== sinkRow ? ` on line ${row + 1}` : '';
  const target = sink.kind === 'wrapper' ? `${sink.label}, which passes it to ${sink.via}` : sink.label;
  return { k: 'param', head: `SQL built with ${chosen.construction}${where} reaches ${target}: `, params };
}

function decideParam(q: HeldParams, path: string, index: ProjectIndex): Decision {
  let best: { feed: Feed; p: HeldParams['params'][number] } | undefined;
  for (const p of q.params) {
    const feed = untrustedFeed(index, path, p.fn, p.i, p.n);
    if (feed && (!best || FEED_RANK[feed.kind] > FEED_RANK[best.feed.kind])) best = { feed, p };
  }
  if (!best || best.feed.kind === 'typed-route') return !q.test;
  const { feed, p } = best;
  const fix = p.pos === 'value' ? 'pass it as a bound parameter' : FIX_STRUCTURE;
  return {
    severity: 'high',
    confidence: 'high',
    message: `${q.head}${fed(p.label, p.n, p.fn, feed, path)}; ${fix}.`,
  };
}

const FEED_RANK = { 'typed-route': 1, route: 2, request: 3 } as const;
const FIX_STRUCTURE =
  'map it through an allow-list, or compose it with psycopg.sql (Identifier for names, Literal for values)';

function fed(label: string, name: string, fn: string, feed: Feed, path: string): string {
  const what = feed.kind === 'request' ? 'request data' : 'a route parameter';
  const where = feed.path === path ? '' : ` in ${feed.path}`;
  const is = label === name ? `\`${label}\` is` : `\`${label}\` comes from`;
  return `${is} parameter \`${name}\` of ${fn}(), and ${feed.callee}()${where} on line ${feed.line} passes it ${what}`;
}

/** Built text passed to an imported function: its SQL is read only once the function is known to run it. */
function decideForeignText(q: ForeignText & { test: boolean }, path: string, index: ProjectIndex): Decision {
  if (!isSqlWrapper(index, path, q.callee, q.arg)) return false;
  const known = index.section<Readonly<Record<string, KnownSql>>>(path, SQL_TEXTS_DOMAIN)?.[String(q.at)];
  if (!known) return false;
  return decideForeign({ k: 'foreign', callee: q.callee, arg: q.arg, ...known, test: q.test }, path, index);
}

function decideForeign(q: ForeignSql & { test: boolean }, path: string, index: ProjectIndex): Decision {
  const resolved = resolveForeign(q, path, index);
  if (!resolved || !looksLikeSql(resolved.text)) return false;
  const utility = isUtilityStatement(resolved.text);
  let best: { severity: Severity; rank: number; text: string; fix: string } | undefined;
  for (const part of resolved.parts) {
    const pos = utility ? 'structure' : part.pos;
    const fix = pos === 'value' ? 'pass it as a bound parameter' : FIX_STRUCTURE;
    let severity: Severity;
    let rank = rankOf(part.kind);
    let text: string;
    switch (part.kind) {
      case 'request':
        severity = 'high';
        text =
          part.src === part.label
            ? `\`${part.label}\` is request data`
            : `\`${part.label}\` comes from request data (\`${part.src}\`)`;
        break;
      case 'route':
        severity = 'high';
        text = `\`${part.label}\` comes from route parameter \`${part.src}\``;
        break;
      case 'param': {
        // Only what the index proves: a value this file cannot place stays unreported here.
        const feed =
          part.fn !== undefined && part.i !== undefined
            ? untrustedFeed(index, path, part.fn, part.i, part.src)
            : undefined;
        if (!feed || feed.kind === 'typed-route') continue;
        severity = 'high';
        rank = rankOf(feed.kind === 'request' ? 'request' : 'route');
        text = fed(part.label, part.src, part.fn ?? '', feed, path);
        break;
      }
      default:
        continue;
    }
    if (
      !best ||
      ORDER[severity] > ORDER[best.severity] ||
      (ORDER[severity] === ORDER[best.severity] && rank > best.rank)
    ) {
      best = { severity, rank, text, fix };
    }
  }
  if (!best) return false;
  const template = q.tpl ? ` (template \`${q.tpl}\`)` : '';
  const via = q.sink ? q.sink : `${resolved.sinkLabel}, which runs it as SQL in another module`;
  return {
    severity: best.severity,
    confidence: 'high',
    message: `SQL built with ${q.construction}${template} reaches ${via}: ${best.text}; ${best.fix}.`,
  };
}

const ORDER: Readonly<Record<Severity, number>> = { critical: 4, high: 3, medium: 2, low: 1 };

/**
 * High for what the client sends; for a parameter or a value of unknown origin, medium where a
 * bound parameter belonged (a quoted literal, after `=`), low where none can stand (a table or
 * column name, a clause): that may be a legitimate, allow-listed identifier.
 */
function severityOf(ins: Insertion): Severity {
  switch (ins.source.kind) {
    case 'request':
    case 'route':
      return 'high';
    case 'typed-route':
      return 'low';
    default:
      return ins.position === 'value' ? 'medium' : 'low';
  }
}

/**
 * Low where the file does not show what the value holds (a parameter nobody is seen to feed, a
 * value of unknown origin): a review item, not a proven injection. What the client sends, and a
 * typed route parameter, are known.
 */
function confidenceOf(ins: Insertion): Confidence {
  return ins.source.kind === 'param' || ins.source.kind === 'unknown' ? 'low' : 'high';
}

/** The insertion that weighs most; among equal ones, the innermost (recorded first). */
function pick(insertions: readonly Insertion[]): Insertion | undefined {
  let best: Insertion | undefined;
  for (const i of insertions) {
    if (!best || ORDER[severityOf(i)] > ORDER[severityOf(best)]) best = i;
    else if (ORDER[severityOf(i)] === ORDER[severityOf(best)]) {
      // Among equals: the worse origin, then a value position (whose fix, binding, is plainest).
      const rank = rankOf(i.source.kind) - rankOf(best.source.kind);
      if (rank > 0 || (rank === 0 && i.position === 'value' && best.position !== 'value')) best = i;
    }
  }
  return best;
}

/**
 * A parameter's origin, from the calls of its function in this file: request data passed in
 * makes it high; constants in every call make it safe; anything else leaves it a parameter.
 */
function refine(ins: Insertion, flow: SqlFlow): Insertion[] {
  const ref = ins.source.kind === 'param' ? ins.source.param : undefined;
  if (!ref) return [ins];
  const calls = flow.argumentsFor(ref);
  if (!calls) return [ins];
  let strongest: { source: Source; call: Node } | undefined;
  for (const { call, value } of calls) {
    for (const source of value.sources) {
      if (!strongest || rankOf(source.kind) > rankOf(strongest.source.kind)) strongest = { source, call };
    }
  }
  if (!strongest) return [];
  if (rankOf(strongest.source.kind) <= rankOf('param')) return [ins];
  return [{ ...ins, source: { ...strongest.source, via: strongest.call } }];
}

function message(sink: Sink, ins: Insertion, sinkRow: number): string {
  const row = ins.expr.startPosition.row;
  const where = row !== sinkRow ? ` on line ${row + 1}` : '';
  const target = sink.kind === 'wrapper' ? `${sink.label}, which passes it to ${sink.via}` : sink.label;
  const fix =
    ins.source.kind === 'typed-route'
      ? 'pass it as a bound parameter anyway'
      : ins.position === 'value'
        ? 'pass it as a bound parameter'
        : 'map it through an allow-list, or compose it with psycopg.sql (Identifier for names, Literal for values)';
  return `SQL built with ${ins.construction}${where} reaches ${target}: ${origin(ins)}; ${fix}.`;
}

function origin(ins: Insertion): string {
  const expr = short(ins.expr.text);
  const s = ins.source;
  const is = (what: string): string =>
    s.label === expr && !s.via ? `\`${expr}\` is ${what}` : `\`${expr}\` comes from ${what}`;
  const passed = s.via
    ? ` passed to ${short(s.via.childForFieldName('function')?.text ?? '')}() on line ${s.via.startPosition.row + 1}`
    : '';
  const unsure =
    ins.position === 'value'
      ? 'medium: the file does not show what it holds'
      : 'low: a name, a clause or a SET/DDL value, where no bound parameter can stand; it may be allow-listed elsewhere';
  switch (s.kind) {
    case 'request':
      return s.label === expr && !s.via
        ? `\`${expr}\` is request data`
        : `\`${expr}\` comes from request data (\`${s.label}\`${passed})`;
    case 'route':
      return `${is(`route parameter \`${s.label}\` of ${s.fn}()`)}${passed}`;
    case 'typed-route':
      return `${is(`route parameter \`${s.label}\` of ${s.fn}()`)}${passed}, which its <${s.converter}:…> converter makes a ${s.converter === 'any' ? 'fixed choice' : 'number'}: not injectable as written`;
    case 'param':
      return `${is(`parameter \`${s.label}\` of ${s.fn}()`)} (${unsure})`;
    case 'unknown':
    default:
      return s.label === expr
        ? `\`${expr}\` is not a constant of this file (${unsure})`
        : `\`${expr}\` comes from \`${s.label}\`, not a constant of this file (${unsure})`;
  }
}
