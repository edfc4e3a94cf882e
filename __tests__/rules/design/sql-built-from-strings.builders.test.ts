import { sqlBuiltFromStrings } from '../../../src/rules/design/sql-built-from-strings.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Query builders, asyncpg COPY and values kept in a local dict or list before the call (issue 14).
ruleTester(sqlBuiltFromStrings, {
  valid: [
    {
      name: 'query builders given columns, comparisons, text() with bound parameters, allow-listed text()',
      code: `
        from flask import request
        from sqlalchemy import text
        from models import User

        ALLOWED = {"name": "name", "id": "id"}

        @app.route("/a")
        def a():
            x = request.args["x"]
            q = User.query.filter_by(name=x).filter(User.id == x).order_by(User.name.desc())
            q = q.group_by(User.name).having(db.func.count(User.id) > 1).distinct(User.name)
            return q.order_by(text(ALLOWED[request.args["sort"]])).order_by("name").all()

        @app.route("/b")
        def b():
            x = request.args["x"]
            stmt = text("SELECT * FROM users WHERE name = :x").bindparams(x=x)
            return db.session.execute(stmt).all()

        @app.route("/c")
        def c():
            parts = ["name = :x"]
            parts.append("active = true")
            return User.query.filter(text(" AND ".join(parts))).params(x=request.args["x"]).all()
      `,
    },
    {
      name: 'look-alike methods on receivers that are not queries: pandas filter, a list filter, Django-free names',
      code: `
        from flask import request

        @app.route("/a")
        def a():
            x = request.args["x"]
            frame = load()
            frame.filter(f"col_{x}")
            rows.order_by(f"name {x}")
            logger.filter(f"level = {x}")
            return items.distinct(f"{x} id")
      `,
    },
    {
      name: 'builders given constant strings and built strings of constants',
      code: `
        SORT = "created_at"

        def recent(session):
            return session.query(Event).order_by(f"{SORT} desc").filter("deleted = false").all()
      `,
    },
    {
      name: 'asyncpg copy of a table by name (asyncpg quotes it) and local containers of constants',
      code: `
        from flask import request

        QUERIES = {"users": "SELECT * FROM users WHERE id = $1"}

        @app.route("/a")
        async def a():
            table = request.args["t"]
            await conn.copy_from_table(table, output="/tmp/out")
            await conn.copy_records_to_table(table, records=[])
            q = {"sql": "SELECT * FROM users WHERE id = %s", "args": (request.args["id"],)}
            cur.execute(q["sql"], q["args"])
            await conn.fetch(QUERIES["users"], request.args["id"])
            parts = ["SELECT * FROM users"]
            parts.append("WHERE id = %s")
            cur.execute(" ".join(parts), (request.args["id"],))
            for sql in ["SELECT 1", "SELECT 2 FROM t"]:
                cur.execute(sql)
      `,
    },
  ],
  invalid: [
    {
      name: 'Query.filter/order_by/group_by/having/distinct given f-strings, %, .format() and + with request data',
      code: `
        from flask import request
        from models import User

        @app.route("/a")
        def a():
            x = request.args["x"]
            User.query.filter(f"name = '{x}'").all()
            User.query.order_by("name %s" % x).all()
            db.session.query(User).group_by("name {}".format(x)).having("count(*) > " + x).all()
            return db.session.query(User).distinct(f"lower({x})").all()
      `,
      findings: [
        { line: 7, severity: 'high', message: /reaches User\.query\.filter\(\): `x` comes from request data/ },
        { line: 8, severity: 'high', message: /User\.query\.order_by\(\)/ },
        { line: 9, severity: 'high', message: /group_by\(\)/ },
        { line: 9, severity: 'high', message: /having\(\)/ },
        { line: 10, severity: 'high', message: /distinct\(\)/ },
      ],
    },
    {
      name: 'a builder on a query variable and a chained builder, with a parameter (medium) and a column (low)',
      code: `
        def search(session, name, column):
            q = session.query(User)
            q = q.filter(f"name = '{name}'")
            return q.join(Group).order_by(f"{column} desc").all()
      `,
      findings: [
        { line: 3, severity: 'medium', message: /reaches q\.filter\(\): `name` is parameter `name` of search\(\)/ },
        { line: 4, severity: 'low' },
      ],
    },
    {
      name: 'asyncpg copy_from_query and psycopg copy_expert with request data',
      code: `
        from flask import request

        @app.route("/export")
        async def export():
            name = request.args["name"]
            await conn.copy_from_query(f"SELECT * FROM users WHERE name = '{name}'", output="/tmp/out")
            cur.copy_expert(f"COPY (SELECT * FROM users WHERE name = '{name}') TO STDOUT", out)
      `,
      findings: [
        { line: 6, severity: 'high', message: /conn\.copy_from_query\(\)/ },
        { line: 7, severity: 'high', message: /cur\.copy_expert\(\)/ },
      ],
    },
    {
      name: 'SQL kept in a local dict: in the literal, or stored under its key before the call',
      code: `
        from flask import request

        @app.route("/a")
        def a():
            x = request.args["x"]
            q = {"sql": f"SELECT * FROM users WHERE name = '{x}'", "args": ()}
            cur.execute(q["sql"], q["args"])

        @app.route("/b")
        def b():
            x = request.args["x"]
            q = {}
            q["sql"] = "SELECT * FROM users WHERE name = '%s'" % x
            cur.execute(q["sql"])
      `,
      findings: [
        {
          line: 7,
          severity: 'high',
          message: /an f-string on line 6 reaches cur\.execute\(\): `x` comes from request/,
        },
        { line: 14, severity: 'high', message: /%-formatting on line 13/ },
      ],
    },
    {
      name: 'SQL kept in a local list: appended and joined, indexed, iterated',
      code: `
        from flask import request

        @app.route("/a")
        def a():
            x = request.args["x"]
            parts = ["SELECT * FROM users"]
            parts.append(f"WHERE name = '{x}'")
            cur.execute(" ".join(parts))

        @app.route("/b")
        def b():
            x = request.args["x"]
            queries = [f"DELETE FROM sessions WHERE owner = '{x}'"]
            cur.execute(queries[0])
            for sql in queries:
                cur.execute(sql)
      `,
      findings: [
        { line: 8, severity: 'high', message: /an f-string on line 7 reaches cur\.execute\(\)/ },
        { line: 14, severity: 'high' },
        { line: 16, severity: 'high' },
      ],
    },
  ],
});
