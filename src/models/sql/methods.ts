/**
 * The one table of method names that take SQL text as an argument, across drivers, and what each
 * does with it. Receivers are not typed: a method of that name counts, and each user asks more of
 * the call (that the string read as SQL, that it write, that it bind a password).
 *
 * - `runs`: the call runs the statement it is given (a view that writes through it writes;
 *   `mogrify` only renders, `prepare` and asyncpg's `cursor(query)` defer).
 * - `binds`: its first argument is one statement and the next its bound parameters
 *   (`cur.execute(sql, params)`, `conn.fetch(sql, *args)`), so a placeholder can be matched to
 *   the value it receives.
 */
const SQL_METHODS: Readonly<Record<string, { readonly runs: boolean; readonly binds: boolean }>> = {
  // DB-API cursors (psycopg2, psycopg 3, sqlite3) and psycopg 3 connections; SQLAlchemy
  // `Connection/Session/Engine.execute`; asyncpg connections and pools.
  execute: { runs: true, binds: true },
  executemany: { runs: true, binds: true },
  executescript: { runs: true, binds: false },
  mogrify: { runs: false, binds: false },
  // asyncpg
  fetch: { runs: true, binds: true },
  fetchrow: { runs: true, binds: true },
  fetchval: { runs: true, binds: true },
  // SQLAlchemy
  exec_driver_sql: { runs: true, binds: true },
  // pandas
  read_sql: { runs: true, binds: false },
  read_sql_query: { runs: true, binds: false },
  // psycopg2: runs a COPY, which moves rows in bulk; not read as a statement a view runs.
  copy_expert: { runs: false, binds: false },
  // asyncpg: COPY out of a query.
  copy_from_query: { runs: false, binds: false },
  // asyncpg: prepare a statement, or open a cursor over a query, to run later.
  prepare: { runs: false, binds: false },
  cursor: { runs: false, binds: false },
};

/** Every method that takes SQL text (the sinks of SQL built from strings). */
export const SQL_TEXT_METHODS: ReadonlySet<string> = new Set(Object.keys(SQL_METHODS));

/** The methods that run the SQL text they are given. */
export const SQL_RUNNERS: ReadonlySet<string> = new Set(
  Object.entries(SQL_METHODS)
    .filter(([, m]) => m.runs)
    .map(([name]) => name),
);

/** The methods that run one statement with its bound parameters next to it. */
export const SQL_BINDING_RUNNERS: ReadonlySet<string> = new Set(
  Object.entries(SQL_METHODS)
    .filter(([, m]) => m.binds)
    .map(([name]) => name),
);
