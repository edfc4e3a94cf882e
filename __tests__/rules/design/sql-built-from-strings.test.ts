import { sqlBuiltFromStrings } from '../../../src/rules/design/sql-built-from-strings.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(sqlBuiltFromStrings, {
  valid: [
    {
      name: 'a method whose calls in the file pass constants and leave another parameter at its constant default',
      code: 'import sqlalchemy as sa\n\nclass Audit:\n    def pause(self, session):\n        session.execute(self.set_local("\'false\'"))\n        session.execute(self.set_local("\'true\'"))\n\n    def set_local(self, value, var: str = "enable_audit"):\n        return sa.text(f"SET LOCAL audit.{var} = {value}")\n',
    },
    {
      name: 'a name checked to hold no quote before it is written between quotes of that kind',
      code: 'def reset_sequence(db, table_name):\n    if \'"\' not in table_name and "\'" not in table_name:\n        db.execute("SELECT setval(pg_get_serial_sequence(\'{t}\', \'id\'), 1) FROM \\"{t}\\"".format(t=table_name))\n    else:\n        raise ValueError(table_name)\n',
    },
    {
      name: 'a backend pid the file only ever takes from the driver, and driver integers directly',
      code: 'class Conn:\n    def connect(self):\n        self.conn = psycopg.connect(DSN)\n        self._pid = None\n        self._pid = self.conn.info.backend_pid\n\n    def cancel(self, other):\n        cur = self.conn.cursor()\n        cur.execute("SELECT pg_cancel_backend({0})".format(other._pid))\n        cur.execute(f"SELECT pg_terminate_backend({self.conn.info.backend_pid})")\n',
    },
    {
      name: 'bound parameters: %s with a tuple, :name with a dict, $1 with asyncpg',
      code: `
        from flask import request
        from sqlalchemy import text

        @app.route("/users/<name>")
        def user(name):
            with conn.cursor() as cur:
                cur.execute("SELECT * FROM users WHERE name = %s", (name,))
                cur.execute("SELECT * FROM users WHERE email = %(email)s", {"email": request.args["e"]})
            db.session.execute(text("SELECT * FROM users WHERE name = :name"), {"name": name})

        async def find(pool, email):
            return await pool.fetchrow("SELECT * FROM users WHERE email = $1", email)
      `,
    },
    {
      name: 'f-strings used as bound parameter values',
      code: `
        from flask import request

        @app.get("/search")
        def search():
            q = request.args.get("q", "")
            cur.execute("SELECT id FROM accounts WHERE owner ILIKE %s", (f"%{q}%",))
            cur.execute("SELECT id FROM accounts WHERE owner ILIKE %s", [q + "%"])
      `,
    },
    {
      name: 'psycopg2.sql and psycopg.sql composition with Identifier, Literal, Placeholder and join',
      code: `
        from flask import request
        from psycopg2 import sql
        import psycopg

        @app.route("/t/<table>")
        def dump(table):
            col = request.args["col"]
            query = sql.SQL("SELECT {} FROM {} WHERE id = {}").format(
                sql.Identifier(col), sql.Identifier(table), sql.Placeholder()
            )
            cur.execute(query, (1,))
            cur.execute(sql.SQL("INSERT INTO t ({}) VALUES ({})").format(
                sql.SQL(", ").join(map(sql.Identifier, [col])), sql.Literal(table)))
            conn.execute(psycopg.sql.SQL("DROP TABLE {}").format(psycopg.sql.Identifier(table)))
      `,
    },
    {
      name: 'constant-only building: module constants, implicit concatenation, constant f-strings',
      code: `
        TABLE = "accounts"
        COLUMNS = ", ".join(["id", "owner", "balance"])
        BASE = "SELECT " + COLUMNS + " FROM " + TABLE

        def report(cur):
            cur.execute(f"{BASE} WHERE balance > %s ORDER BY id", (0,))
            cur.execute("SELECT count(*) FROM " + TABLE)
            sql = "SELECT * FROM accounts WHERE 1 = 1"
            sql += " AND closed = false"
            cur.execute(sql)
      `,
    },
    {
      name: 'allow-list checks: abort/raise before use, `in` around the use, assert, dict lookups',
      code: `
        from flask import abort, request

        ALLOWED = {"name", "created_at"}
        SORT = {"new": "created_at DESC", "old": "created_at ASC"}

        @app.get("/a")
        def a():
            col = request.args["col"]
            if col not in ALLOWED:
                abort(400)
            cur.execute(f"SELECT * FROM t ORDER BY {col}")

        @app.get("/b")
        def b():
            col = request.args["col"]
            if col in ALLOWED:
                cur.execute(f"SELECT * FROM t ORDER BY {col}")

        @app.get("/c")
        def c():
            order = SORT[request.args.get("sort", "new")]
            cur.execute(f"SELECT * FROM t ORDER BY {order}")
            direction = SORT.get(request.args.get("dir"), "created_at")
            cur.execute("SELECT * FROM t ORDER BY " + direction)

        @app.get("/d")
        def d():
            col = request.args["col"]
            if col not in ALLOWED:
                raise ValueError(col)
            assert col in ALLOWED
            col2 = request.args["c2"]
            col2 = col2 if col2 in ALLOWED else "id"
            cur.execute("SELECT %s, %s FROM t" % (col, col2))
      `,
    },
    {
      name: 'casts and numeric formats: int(), float(), uuid.UUID(), Decimal, %d, {:d}, type=int',
      code: `
        import uuid
        from decimal import Decimal
        from flask import request

        @app.post("/x")
        def x():
            limit = int(request.args["limit"])
            cur.execute(f"SELECT * FROM t LIMIT {limit}")
            cur.execute("SELECT * FROM t WHERE ratio > %f" % float(request.form["r"]))
            cur.execute(f"SELECT * FROM t WHERE id = '{uuid.UUID(request.form['id'])}'")
            cur.execute("UPDATE t SET amount = {}".format(Decimal(request.form["amount"])))
            cur.execute("SELECT * FROM t WHERE id = %d" % request.form["id"])
            cur.execute(f"SELECT * FROM t OFFSET {request.args['o']:d}")
            page = request.args.get("page", 1, type=int)
            cur.execute(f"SELECT * FROM t OFFSET {page * 20}")
      `,
    },
    {
      name: 'placeholder lists built with join',
      code: `
        def by_ids(cur, ids):
            placeholders = ", ".join(["%s"] * len(ids))
            cur.execute(f"SELECT * FROM t WHERE id IN ({placeholders})", ids)
            cur.execute("SELECT * FROM t WHERE id IN (%s)" % ",".join("?" * len(ids)), ids)
            cur.execute(f"SELECT * FROM t WHERE id IN ({', '.join('%s' for _ in ids)})", ids)
      `,
    },
    {
      name: 'a string passed to logging is not a sink, even with SELECT in it',
      code: `
        import logging
        from flask import request
        log = logging.getLogger(__name__)

        @app.get("/s")
        def s():
            q = request.args["q"]
            log.info(f"SELECT * FROM accounts WHERE owner = '{q}'")
            print("running DELETE FROM sessions WHERE user = " + q)
            raise ValueError(f"bad query: SELECT {q}")
      `,
    },
    {
      name: 'execute/fetch on non-database objects with non-SQL text',
      code: `
        from flask import request

        @app.get("/job")
        def job():
            name = request.args["name"]
            executor.execute(f"job-{name}")
            client.fetch(f"https://api.example.com/users/{name}?from=web")
            runner.execute("send welcome email to " + name)
      `,
    },
    {
      name: 'alembic migrations with module constants and loops over constant table names',
      path: 'migrations/versions/20240101_add_tables.py',
      code: `
        from alembic import op

        SCHEMA = "ledger"
        TABLES = ("accounts", "transfers", "users")

        def upgrade():
            op.execute(f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}")
            for table in TABLES:
                op.execute(f"ALTER TABLE {SCHEMA}.{table} ADD COLUMN created_at TIMESTAMPTZ")
            for name in ["a", "b"]:
                op.execute("DROP INDEX IF EXISTS " + name + "_idx")
      `,
    },
    {
      name: 'text() with bound parameters, and text() around constants only',
      code: `
        from sqlalchemy import text
        import sqlalchemy as sa

        ORDER = "created_at DESC"

        def recent(session, owner):
            stmt = text(f"SELECT * FROM transfers WHERE owner = :owner ORDER BY {ORDER}")
            return session.execute(stmt, {"owner": owner}).all()

        id = sa.Column(sa.BigInteger, server_default=sa.text("unique_rowid()"))
      `,
    },
    {
      name: 'SQL with f-strings in comments and docstrings',
      code: `
        def f(cur, name):
            """Never write cur.execute(f"SELECT * FROM users WHERE name = '{name}'")."""
            # cur.execute("SELECT * FROM users WHERE name = '%s'" % name)
            cur.execute("SELECT * FROM users WHERE name = %s", (name,))
      `,
    },
    {
      name: 'a helper whose every call in the file passes a constant',
      code: `
        def count(cur, table):
            cur.execute(f"SELECT count(*) FROM {table}")
            return cur.fetchone()[0]

        def stats(cur):
            return {"users": count(cur, "users"), "accounts": count(cur, table="accounts")}
      `,
    },
    {
      name: 'values from the environment and app.config are the operator, not the client',
      code: `
        import os
        from flask import current_app

        def schema(cur):
            cur.execute(f"SET search_path TO {os.environ['DB_SCHEMA']}")
            cur.execute("SELECT * FROM " + current_app.config["AUDIT_TABLE"])
      `,
    },
    {
      name: 'mogrify output, quote_ident and .format() without fields are not injection',
      code: `
        from psycopg2.extensions import quote_ident
        from flask import request

        @app.post("/bulk")
        def bulk():
            rows = request.get_json()["rows"]
            values = ",".join(cur.mogrify("(%s,%s)", (r["a"], r["b"])).decode() for r in rows)
            cur.execute("INSERT INTO t (a, b) VALUES " + values)
            cur.execute("SELECT * FROM %s" % quote_ident(request.args["t"], cur))
            cur.execute("SELECT * FROM t WHERE name = '%s'".format(request.args["n"]), ())
      `,
    },
    {
      name: 'a query passed through unchanged, and SQLAlchemy Core constructs',
      code: `
        from sqlalchemy import select

        def run(cur, sql, params=()):
            cur.execute(sql, params)

        def find(session, name):
            return session.execute(select(User).where(User.name == name)).scalars().all()
      `,
    },
    {
      name: 'a test fixture truncating a constant list of tables',
      path: 'tests/conftest.py',
      code: `
        import pytest

        TABLES = ["transfers", "accounts", "users"]

        @pytest.fixture(autouse=True)
        def clean(db_conn):
            yield
            with db_conn.cursor() as cur:
                cur.execute(f"TRUNCATE {', '.join(TABLES)} CASCADE")
      `,
    },
  ],
  invalid: [
    {
      name: 'a default that is itself not a constant, or a call passing a parameter in its place',
      code: 'import sqlalchemy as sa\n\nclass Audit:\n    def pause(self, session, name):\n        session.execute(self.set_local("\'false\'"))\n        session.execute(self.set_local("\'true\'", var=name))\n\n    def set_local(self, value, var: str = "enable_audit"):\n        return sa.text(f"SET LOCAL audit.{var} = {value}")\n',
      findings: [{ line: 9, severity: 'low' }],
    },
    {
      name: 'a quote check that does not cover the slot: unquoted, or the other quote',
      code: 'def count(db, table_name, ident):\n    if "\'" in table_name or "\'" in ident:\n        return None\n    db.execute(f"SELECT count(*) FROM {table_name}")\n    db.execute(f\'SELECT count(*) FROM "{ident}"\')\n',
      findings: [
        { line: 4, severity: 'low' },
        { line: 5, severity: 'low' },
      ],
    },
    {
      name: 'a pid-named attribute the file also sets from a parameter',
      code: 'class Conn:\n    def bind(self, pid):\n        self._pid = pid\n\n    def cancel(self, other):\n        cur = self.conn.cursor()\n        cur.execute("SELECT pg_cancel_backend({0})".format(other._pid))\n',
      findings: [{ line: 7, severity: 'low' }],
    },
    {
      name: 'f-string with a route parameter into cursor.execute (with conn.cursor() as cur)',
      code: `
        import psycopg2
        from flask import Flask

        app = Flask(__name__)

        @app.route("/users/<name>")
        def user(name):
            conn = psycopg2.connect(DSN)
            with conn, conn.cursor() as cur:
                cur.execute(f"SELECT * FROM users WHERE name = '{name}'")
                return cur.fetchall()
      `,
      findings: [
        {
          line: 10,
          severity: 'high',
          message: /f-string reaches cur\.execute\(\): `name` is route parameter `name` of user\(\)/,
        },
      ],
    },
    {
      name: '% formatting with request.args (cur = conn.cursor())',
      code: `
        from flask import request

        @bp.get("/search")
        def search():
            cur = conn.cursor()
            cur.execute("SELECT * FROM accounts WHERE owner = '%s'" % request.args["owner"])
      `,
      findings: [{ line: 6, severity: 'high', message: /%-formatting .*`request\.args\["owner"\]` is request data/ }],
    },
    {
      name: '.format() with request.form through a variable',
      code: `
        from flask import request

        @app.post("/transfer")
        def transfer():
            iban = request.form["iban"]
            query = "INSERT INTO transfers (iban) VALUES ('{}')".format(iban)
            cur.execute(query)
      `,
      findings: [
        {
          line: 7,
          severity: 'high',
          message:
            /\.format\(\) on line 6 reaches cur\.execute\(\): `iban` comes from request data \(`request\.form\["iban"\]`\)/,
        },
      ],
    },
    {
      name: '+ concatenation through a variable into SQLAlchemy text()',
      code: `
        from flask import request
        from sqlalchemy import text

        @bp.route("/search")
        def search():
            q = request.args.get("q", "")
            sql = "SELECT id FROM accounts WHERE owner ILIKE '%" + q + "%'"
            return db.session.execute(text(sql)).all()
      `,
      findings: [{ line: 8, severity: 'high', message: /concatenation on line 7 reaches text\(\)/ }],
    },
    {
      name: '+= building, and a join of clauses filled with append',
      code: `
        from flask import request

        @app.get("/filter")
        def filter_rows():
            sql = "SELECT * FROM t WHERE 1 = 1"
            if "owner" in request.args:
                sql += " AND owner = '" + request.args["owner"] + "'"
            cur.execute(sql)
            clauses = []
            for key in request.args:
                clauses.append(f"{key} = %s")
            cur.execute("SELECT * FROM t WHERE " + " AND ".join(clauses), list(request.args.values()))
      `,
      findings: [
        { line: 8, severity: 'high', message: /concatenation on line 7/ },
        { line: 12, severity: 'high', message: /`key` comes from request data/ },
      ],
    },
    {
      name: 'multi-line f""" string with request JSON',
      code: `
        from flask import request

        @app.post("/report")
        def report():
            data = request.get_json()
            cur.execute(f"""
                SELECT account_id, sum(amount)
                FROM transfers
                WHERE created_at > '{data["since"]}'
                GROUP BY account_id
            """)
      `,
      findings: [{ line: 6, severity: 'high', message: /f-string on line 9/ }],
    },
    {
      name: 'asyncpg fetch/fetchrow/fetchval and a pool execute',
      code: `
        import asyncpg
        from quart import request

        @app.route("/a/<owner>")
        async def a(owner):
            conn = await asyncpg.connect(DSN)
            await conn.fetch(f"SELECT * FROM accounts WHERE owner = '{owner}'")
            await conn.fetchrow("SELECT * FROM accounts WHERE owner = '" + owner + "'")
            await conn.fetchval("SELECT count(*) FROM accounts WHERE owner = '%s'" % owner)
            await pool.execute("DELETE FROM sessions WHERE owner = '{}'".format(owner))
      `,
      findings: [
        { line: 7, severity: 'high' },
        { line: 8, severity: 'high' },
        { line: 9, severity: 'high' },
        { line: 10, severity: 'high', message: /pool\.execute\(\)/ },
      ],
    },
    {
      name: 'psycopg 3 connection.execute, executemany and mogrify',
      code: `
        import psycopg
        from flask import request

        @app.post("/p")
        def p():
            name = request.values["name"]
            with psycopg.connect(DSN) as conn:
                conn.execute(f"UPDATE users SET name = '{name}' WHERE id = 1")
                conn.cursor().executemany(f"INSERT INTO log (who) VALUES ('{name}')", [])
                cur.mogrify("SELECT * FROM users WHERE name = '" + name + "'")
      `,
      findings: [
        { line: 8, severity: 'high', message: /conn\.execute\(\)/ },
        { line: 9, severity: 'high', message: /executemany\(\)/ },
        { line: 10, severity: 'high', message: /cur\.mogrify\(\)/ },
      ],
    },
    {
      name: 'SQLAlchemy Session.execute, exec_driver_sql, engine.execute; Flask-SQLAlchemy db.text/db.engine',
      code: `
        import sqlalchemy as sa
        from flask import request

        @app.get("/s")
        def s():
            who = request.cookies.get("who")
            session.execute(sa.text(f"SELECT * FROM users WHERE name = '{who}'"))
            connection.exec_driver_sql("SELECT * FROM users WHERE name = '%s'" % who)
            engine.execute("SELECT * FROM users WHERE name = '" + who + "'")
            db.session.execute(db.text(f"DELETE FROM sessions WHERE who = '{who}'"))
            db.engine.execute(f"SELECT * FROM users WHERE name = '{who}'")
      `,
      findings: [
        { line: 7, severity: 'high', message: /sa\.text\(\)/ },
        { line: 8, severity: 'high', message: /exec_driver_sql\(\)/ },
        { line: 9, severity: 'high', message: /engine\.execute\(\)/ },
        { line: 10, severity: 'high', message: /db\.text\(\)/ },
        { line: 11, severity: 'high', message: /db\.engine\.execute\(\)/ },
      ],
    },
    {
      name: 'pandas read_sql and read_sql_query',
      code: `
        import pandas as pd
        from pandas import read_sql_query
        from flask import request

        @app.get("/export")
        def export():
            region = request.headers["X-Region"]
            df = pd.read_sql(f"SELECT * FROM sales WHERE region = '{region}'", engine)
            df2 = read_sql_query("SELECT * FROM sales WHERE region = '%s'" % region, con=engine)
      `,
      findings: [
        { line: 8, severity: 'high', message: /pd\.read_sql\(\)/ },
        { line: 9, severity: 'high', message: /read_sql_query\(\)/ },
      ],
    },
    {
      name: 'a function parameter only: medium in a value position, low for a table name',
      code: `
        def find_user(cur, username):
            cur.execute(f"SELECT * FROM users WHERE username = '{username}'")

        def count_rows(cur, table):
            cur.execute(f"SELECT count(*) FROM {table}")
      `,
      findings: [
        { line: 2, severity: 'medium', message: /parameter `username` of find_user\(\) \(medium/ },
        { line: 5, severity: 'low', message: /parameter `table` of count_rows\(\) \(low: a name, a clause/ },
      ],
    },
    {
      name: 'a value of unknown origin (an attribute) in a value position is medium',
      code: `
        from flask import g

        def audit(cur):
            cur.execute("INSERT INTO audit (who) VALUES ('%s')" % g.user.name)
      `,
      findings: [{ line: 4, severity: 'medium', message: /`g\.user\.name` is not a constant of this file/ }],
    },
    {
      name: 'an int route converter makes it low, not silent',
      code: `
        @bp.route("/users/<int:user_id>", methods=["DELETE"])
        def delete_user(user_id):
            with conn.cursor() as cur:
                cur.execute(f"DELETE FROM users WHERE id = {user_id}")
      `,
      findings: [{ line: 4, severity: 'low', message: /<int:…> converter makes a number/ }],
    },
    {
      name: 'the Flask tutorial query_db wrapper called with a built string',
      code: `
        import sqlite3
        from flask import g, request

        def query_db(query, args=(), one=False):
            cur = get_db().execute(query, args)
            rv = cur.fetchall()
            return (rv[0] if rv else None) if one else rv

        @app.route("/login", methods=["POST"])
        def login():
            user = query_db("SELECT * FROM users WHERE name = '" + request.form["name"] + "'", one=True)
      `,
      findings: [
        { line: 11, severity: 'high', message: /reaches query_db\(\), which passes it to get_db\(\)\.execute\(\)/ },
      ],
    },
    {
      name: 'a helper called with request data in the same file is high',
      code: `
        from flask import request

        def get_account(cur, owner):
            cur.execute(f"SELECT * FROM accounts WHERE owner = '{owner}'")
            return cur.fetchone()

        @app.get("/me")
        def me():
            return get_account(cur, request.args["owner"])
      `,
      findings: [{ line: 4, severity: 'high', message: /passed to get_account\(\) on line 9/ }],
    },
    {
      name: 'a MethodView method parameter is a route parameter',
      code: `
        from flask.views import MethodView

        class UserAPI(MethodView):
            def get(self, username):
                cur.execute("SELECT * FROM users WHERE name = '" + username + "'")
      `,
      findings: [{ line: 5, severity: 'high', message: /route parameter `username` of get\(\)/ }],
    },
    {
      name: '.replace() templating and psycopg sql.SQL built from an f-string',
      code: `
        from flask import request
        from psycopg2 import sql

        @app.get("/r")
        def r():
            name = request.args["name"]
            cur.execute("SELECT * FROM users WHERE name = '[NAME]'".replace("[NAME]", name))
            cur.execute(sql.SQL(f"SELECT * FROM users WHERE name = '{name}'"))
      `,
      findings: [
        { line: 7, severity: 'high', message: /\.replace\(\)/ },
        { line: 8, severity: 'high', message: /sql\.SQL\(\)/ },
      ],
    },
    {
      name: 'a check that does not stop the request does not make it safe',
      code: `
        from flask import request

        ALLOWED = {"name"}

        @app.get("/o")
        def o():
            col = request.args["col"]
            if col not in ALLOWED:
                log.warning("unexpected column %s", col)
            cur.execute(f"SELECT * FROM t ORDER BY {col}")
      `,
      findings: [{ line: 10, severity: 'high', message: /map it through an allow-list/ }],
    },
    {
      name: 'SET with a parameter is low: no placeholder can stand in a SET statement',
      code: `
        def use_schema(cur, schema):
            cur.execute("SET search_path = '%s'" % schema)
      `,
      findings: [{ line: 2, severity: 'low' }],
    },
    {
      name: 'FastAPI path parameters: typed by annotation (low) or a str (high)',
      code: `
        from fastapi import APIRouter

        router = APIRouter()

        @router.get("/items/{item_id}")
        async def read_item(item_id: int):
            return await db.fetch_one(await pool.fetchrow(f"SELECT * FROM items WHERE id = {item_id}"))

        @router.get("/tags/{tag}")
        async def read_tag(tag: str):
            return await pool.fetch(f"SELECT * FROM items WHERE tag = '{tag}'")
      `,
      findings: [
        { line: 7, severity: 'low' },
        { line: 11, severity: 'high', message: /route parameter `tag` of read_tag\(\)/ },
      ],
    },
    {
      name: 'Django request.GET in a view',
      code: `
        from django.db import connection

        def search(request):
            q = request.GET.get("q", "")
            with connection.cursor() as cursor:
                cursor.execute("SELECT * FROM app_item WHERE name LIKE '%%%s%%'" % q)
      `,
      findings: [{ line: 6, severity: 'high', message: /request data \(`request\.GET\.get\("q", ""\)`\)/ }],
    },
  ],
});
