import { projectTester } from '../../helpers/rule-tester.js';
import { sqlBuiltFromStrings } from '../../../src/rules/design/sql-built-from-strings.js';

// A test helper module formatting object names into DDL, and the test cases calling it.
const FIXTURE_HELPERS = `
  def create_table(conn, schema_name, table_name):
      cur = conn.cursor()
      cur.execute('CREATE TABLE "%s"."%s" (id int)' % (schema_name, table_name))

  def drop_role(conn, role_name):
      conn.cursor().execute(f'DROP ROLE "{role_name}"')
`;

const FIXTURE_CASE = `
  import uuid
  from tests import utils

  class TableTest:
      def setUp(self):
          self.table_name = "table_%s" % str(uuid.uuid4())[1:8]
          utils.create_table(self.conn, self.schema_name, self.table_name)
          utils.drop_role(self.conn, "role_x")

      def test_count(self):
          cur = self.conn.cursor()
          cur.execute('SELECT count(*) FROM "%s"' % self.table_name)
`;

// The helper sink, the templates and the route of a small service, one module each.
const QUERIES = `
  UPDATE_ROUTE = """
      INSERT INTO routes (route_id, timestamp, geom)
      VALUES ({}, now(), 'SRID=4326; POINT({} {})');
  """
  SELECT_ALL = "SELECT * FROM routes"
  LOG_LINE = "route {} moved to {} {}"
`;

const MODELS = `
  import psycopg2
  import querys

  def execute_pgscript(pgscript):
      conn = psycopg2.connect(DSN)
      cur = conn.cursor()
      cur.execute(pgscript)
      return conn, cur
`;

const CONTROLLER = `
  import models

  def update_route(route_id, longitude, latitude):
      conn, cur = models.execute_pgscript(
          models.querys.UPDATE_ROUTE.format(route_id, longitude, latitude)
      )
      return conn
`;

const VIEWS = `
  from flask import Flask, request
  import controller

  APP = Flask(__name__)

  @APP.route("/route/<int:route_id>/way_point/", methods=["POST"])
  def add_way_point(route_id):
      coordinates = request.get_json()
      return controller.update_route(route_id, coordinates["lon"], coordinates["lat"])
`;

projectTester(sqlBuiltFromStrings, {
  valid: [
    {
      name: 'test helpers whose callers pass uuid-based names and test attributes',
      files: { 'tests/utils.py': FIXTURE_HELPERS, 'tests/test_table.py': FIXTURE_CASE },
    },
    {
      name: 'a test helper nobody in the project calls',
      files: { 'tests/utils.py': FIXTURE_HELPERS },
    },
    {
      name: 'a template in another module passed to a helper that is no SQL sink',
      files: {
        'querys.py': QUERIES,
        'notify.py': 'def send(text):\n    print(text)\n',
        'app.py':
          'import notify\nimport querys\n\ndef moved(route_id, lon, lat):\n    notify.send(querys.UPDATE_ROUTE.format(route_id, lon, lat))\n',
      },
    },
    {
      name: 'an imported template that is not SQL, formatted and run',
      files: {
        'querys.py': QUERIES,
        'models.py': MODELS,
        'app.py':
          'import models\nimport querys\n\ndef moved(route_id, lon, lat):\n    models.execute_pgscript(querys.LOG_LINE.format(route_id, lon, lat))\n',
      },
    },
    {
      name: 'imported templates filled with values the index does not show to be untrusted',
      files: {
        'querys.py': QUERIES,
        'models.py': MODELS,
        'app.py': `
          from flask import Flask
          import models
          from querys import UPDATE_ROUTE

          def add(cur, route_id, lon, lat):
              cur.execute(UPDATE_ROUTE.format(route_id, lon, lat))

          def later(route_id):
              models.execute_pgscript(UPDATE_ROUTE.format(route_id, yesterday(), 0))

          @app.route("/r/<int:route_id>")
          def typed(route_id):
              later(route_id)
        `,
      },
    },
    {
      name: 'request data passed to a same-named helper of another module, not to the test helper',
      files: {
        'tests/utils.py': FIXTURE_HELPERS,
        'app/roles.py': 'def drop_role(conn, role_name):\n    conn.cursor().execute("DROP ROLE %s", (role_name,))\n',
        'app/views.py': `
          from flask import request
          from app import roles

          @bp.post("/roles/drop")
          def drop():
              roles.drop_role(conn, request.form["role"])
        `,
      },
    },
    {
      name: 'test code: a test attribute, a helper parameter fed by the same file, a fixture from test config',
      files: {
        'tests/test_roles.py': `
          import json
          import uuid

          CONFIG = json.load(open("test_config.json"))

          def verify(cur, name):
              cur.execute("SELECT * FROM pg_roles WHERE rolname = '%s'" % name)

          class RoleTest:
              def setUp(self):
                  self.role_name = "role_%s" % str(uuid.uuid4())[1:8]
                  verify(self.cur, self.role_name)
                  verify(self.cur, CONFIG["role"])

              def tearDown(self):
                  self.cur.execute('DROP ROLE "%s"' % self.role_name)
        `,
      },
    },
    {
      name: 'imported SQL constants run as they are',
      files: {
        'querys.py': QUERIES,
        'models.py': MODELS,
        'app.py':
          'import models\nfrom querys import SELECT_ALL\n\ndef rows(cur):\n    cur.execute(SELECT_ALL)\n    return models.execute_pgscript(SELECT_ALL)\n',
      },
    },
    {
      name: 'a request value checked against an allow-list imported from another module',
      files: {
        'app/columns.py': 'ALLOWED_COLUMNS = ("name", "created_at")\nsortable = {"name": "name"}\n',
        'app/views.py': `
          from flask import abort, request
          from .columns import ALLOWED_COLUMNS, sortable

          @bp.route("/users")
          def users():
              col = request.args.get("sort", "name")
              if col not in ALLOWED_COLUMNS:
                  abort(400)
              cur.execute(f"SELECT id FROM users ORDER BY {col}")
              key = request.args.get("by")
              if key in sortable:
                  cur.execute(f"SELECT id FROM users ORDER BY {key}")
              cur.execute(f"SELECT id FROM users ORDER BY {ALLOWED_COLUMNS[0]}")
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a test helper a route in another module feeds with request data',
      files: {
        'tests/utils.py': FIXTURE_HELPERS,
        'app/views.py': `
          from flask import request
          from tests import utils

          @bp.post("/roles/drop")
          def drop():
              utils.drop_role(conn, request.form["role"])
        `,
      },
      findings: [
        {
          path: 'tests/utils.py',
          line: 6,
          severity: 'high',
          message:
            /parameter `role_name` of drop_role\(\), and utils.drop_role\(\) in app\/views.py on line 6 passes it request data/,
        },
      ],
    },
    {
      name: 'a production helper: medium for a value, high once a route in another module passes request data',
      files: {
        'app/db.py':
          'def find(cur, name):\n    cur.execute(f"SELECT * FROM users WHERE name = \'{name}\'")\n\ndef count(cur, table):\n    cur.execute(f"SELECT count(*) FROM {table}")\n',
        'app/views.py': `
          from flask import request
          from app.db import find

          @bp.get("/users/<name>")
          def user(name):
              return find(cur, name)
        `,
      },
      findings: [
        {
          path: 'app/db.py',
          line: 2,
          severity: 'high',
          message: /find\(\) in app\/views.py on line 6 passes it a route parameter/,
        },
        { path: 'app/db.py', line: 5, severity: 'low' },
      ],
    },
    {
      name: 'a production helper whose only caller elsewhere passes an int route parameter, or request data to another parameter: unchanged',
      files: {
        'app/db.py':
          'def find(cur, user_id, order):\n    cur.execute(f"SELECT * FROM users WHERE id = \'{user_id}\'", (order,))\n',
        'app/views.py': `
          from flask import request
          from app.db import find

          @bp.get("/users/<int:user_id>")
          def user(user_id):
              return find(cur, user_id, request.args["order"])
        `,
      },
      findings: [
        { path: 'app/db.py', line: 2, severity: 'medium', message: /parameter `user_id` of find\(\) \(medium/ },
      ],
    },
    {
      name: 'a chain: route → helper in one module → SQL helper in another',
      files: {
        'app/sql.py': 'def run(cur, where):\n    cur.execute("SELECT * FROM t WHERE " + where)\n',
        'app/service.py': 'from app import sql\n\ndef search(cur, q):\n    return sql.run(cur, "name = \'%s\'" % q)\n',
        'app/views.py':
          'from flask import request\nfrom app.service import search\n\n@bp.get("/s")\ndef s():\n    return search(cur, request.args["q"])\n',
      },
      findings: [{ path: 'app/sql.py', line: 2, severity: 'high', message: /request data/ }],
    },
    {
      name: 'SQL text built in one module, run by a wrapper in another, from request data',
      files: {
        'app/sql.py': 'def run(cur, query):\n    cur.execute(query)\n',
        'app/views.py':
          'from flask import request\nfrom app.sql import run\n\n@bp.get("/s")\ndef s():\n    return run(cur, f"SELECT * FROM t WHERE name = \'{request.args[\'q\']}\'")\n',
      },
      findings: [
        {
          path: 'app/views.py',
          line: 6,
          severity: 'high',
          message: /reaches run\(\), which runs it as SQL in another module: `request.args\['q'\]` is request data/,
        },
      ],
    },
    {
      name: 'a template from one module filled with request data and run by a helper of a third',
      files: {
        'service/querys.py': QUERIES,
        'service/models.py': MODELS,
        'service/controller.py': CONTROLLER,
        'service/views.py': VIEWS,
      },
      findings: [
        {
          path: 'service/controller.py',
          line: 5,
          severity: 'high',
          message:
            /template `models.querys.UPDATE_ROUTE`\) reaches models.execute_pgscript\(\), which runs it as SQL in another module: `longitude` is parameter `longitude` of update_route\(\), and controller.update_route\(\) in service\/views.py on line 9 passes it request data/,
        },
      ],
    },
    {
      name: 'an imported template run by a local cursor, from a route parameter',
      files: {
        'querys.py': QUERIES,
        'app.py':
          'from querys import UPDATE_ROUTE\n\n@app.route("/r/<route_id>/<lon>/<lat>")\ndef add(route_id, lon, lat):\n    cur.execute(UPDATE_ROUTE.format(route_id, lon, lat))\n',
      },
      findings: [
        {
          path: 'app.py',
          line: 5,
          severity: 'high',
          message: /template `UPDATE_ROUTE`\) reaches cur.execute\(\): `route_id` comes from route parameter/,
        },
      ],
    },
    {
      name: 'SQL built from a request value in test code is still reported',
      files: {
        'tests/test_app.py':
          'from flask import request\n\n@app.route("/t")\ndef t():\n    cur.execute("SELECT * FROM t WHERE a = \'%s\'" % request.args["a"])\n',
      },
      findings: [{ path: 'tests/test_app.py', line: 5, severity: 'high' }],
    },
  ],
});
