import { describe, expect, test } from '@jest/globals';
import { parsePython } from '../../../src/parse/python.js';
import { indexPython } from '../../../src/lang/python/file-index.js';
import {
  authenticationOf,
  declaredAuthentication,
  flaskRoutes,
  identityParams,
  pathParams,
  rateLimited,
  type FlaskModel,
} from '../../../src/models/flask/routes.js';
import { authEndpointOf, publicByDesign } from '../../../src/models/flask/auth-endpoints.js';
import type { PythonIndex } from '../../../src/lang/python/file-index.js';
import { dedent } from '../../helpers/rule-tester.js';

async function model(code: string): Promise<{ m: FlaskModel; index: PythonIndex }> {
  const doc = await parsePython(dedent(code));
  const index = indexPython(doc);
  return { m: flaskRoutes(index), index };
}

function summary(m: FlaskModel): string[] {
  return m.routes.map((r) => `${r.methods.join('/')} ${r.path ?? '?'} ${r.handlerName}`);
}

describe('flask route model', () => {
  test('app.route, blueprint routes with url_prefix, shortcuts, default GET, converters', async () => {
    const { m } = await model(`
      from flask import Flask, Blueprint
      app = Flask(__name__)
      bp = Blueprint("accounts", __name__, url_prefix="/accounts")

      @app.route("/")
      def index():
          return "ok"

      @bp.route("/<int:account_id>/<uuid:tx>/<name>", methods=["get", "POST"])
      def show(account_id, tx, name):
          return "ok"

      @bp.delete("/<int:account_id>")
      def close(account_id):
          return "", 204
    `);
    expect(summary(m)).toEqual([
      'GET / index',
      'GET/POST /accounts/<int:account_id>/<uuid:tx>/<name> show',
      'DELETE /accounts/<int:account_id> close',
    ]);
    expect(m.routes[1]?.params).toEqual([
      { name: 'account_id', converter: 'int' },
      { name: 'tx', converter: 'uuid' },
      { name: 'name', converter: undefined },
    ]);
  });

  test('decorators in source order; an auth decorator above the route decorator does not wrap the view', async () => {
    const { m } = await model(`
      from flask import Blueprint
      from flask_login import login_required
      bp = Blueprint("a", __name__)

      @login_required
      @bp.route("/a", methods=["POST"])
      @limiter.limit("5/minute")
      def a():
          pass

      @bp.route("/b")
      @login_required
      def b():
          pass
    `);
    const [a, b] = m.routes;
    expect(a?.decorators.map((d) => d.info.written)).toEqual(['login_required', 'bp.route', 'limiter.limit']);
    expect(a?.decorators.map((d) => d.route)).toEqual([false, true, false]);
    expect(a?.misplaced.map((d) => d.info.written)).toEqual(['login_required']);
    expect(a && declaredAuthentication(a)).toBe(false);
    expect(a && rateLimited(a, m)).toBe(true);
    expect(b && declaredAuthentication(b)).toBe(true);
    expect(b?.misplaced).toEqual([]);
  });

  test('add_url_rule with a function, a wrapped function and a MethodView', async () => {
    const { m } = await model(`
      from flask import Flask
      from flask.views import MethodView
      from flask_login import login_required
      app = Flask(__name__)

      def ping():
          return "pong"

      class ItemAPI(MethodView):
          decorators = [login_required]
          def get(self, item_id):
              pass
          def delete(self, item_id):
              pass

      app.add_url_rule("/ping", "ping", ping)
      app.add_url_rule("/secret", view_func=login_required(ping), methods=["POST"])
      app.add_url_rule("/items/<int:item_id>", view_func=ItemAPI.as_view("item"))
    `);
    expect(summary(m)).toEqual([
      'GET /ping ping',
      'POST /secret ping',
      'GET /items/<int:item_id> get',
      'DELETE /items/<int:item_id> delete',
    ]);
    expect(m.routes.map((r) => declaredAuthentication(r))).toEqual([false, true, true, true]);
  });

  test('add_url_rule with a view imported from another module: the route is known, its body is not', async () => {
    const { m } = await model(`
      from flask import Blueprint
      from flask_login import login_required
      from .views import validate_view, settings_view

      def create():
          bp = Blueprint("mfa", __name__, url_prefix="/mfa")
          bp.add_url_rule("/validate", "validate", validate_view, methods=("GET", "POST"))
          bp.add_url_rule("/settings", view_func=login_required(settings_view))
          bp.add_url_rule("/unknown", "unknown", not_imported_anywhere)
          return bp
    `);
    expect(summary(m)).toEqual(['GET/POST /mfa/validate validate_view', 'GET /mfa/settings settings_view']);
    expect(m.routes.map((r) => [r.viewDefined, declaredAuthentication(r)])).toEqual([
      [false, false],
      [false, true],
    ]);
  });

  test('Flask-RESTful add_resource, RESTX @ns.route classes and method_decorators', async () => {
    const { m } = await model(`
      from flask import Flask
      from flask_restful import Api, Resource
      from flask_restx import Namespace
      from flask_jwt_extended import jwt_required
      app = Flask(__name__)
      api = Api(app)
      ns = Namespace("todos", path="/todos")

      class Todo(Resource):
          method_decorators = {"delete": [jwt_required()]}
          def get(self, todo_id):
              pass
          def delete(self, todo_id):
              pass

      @ns.route("/<int:id>")
      class TodoItem(Resource):
          def put(self, id):
              pass

      api.add_resource(Todo, "/todo/<int:todo_id>", "/t/<int:todo_id>")
    `);
    expect(summary(m)).toEqual([
      'PUT /todos/<int:id> put',
      'GET /todo/<int:todo_id> get',
      'DELETE /todo/<int:todo_id> delete',
      'GET /t/<int:todo_id> get',
      'DELETE /t/<int:todo_id> delete',
    ]);
    expect(m.routes.map((r) => declaredAuthentication(r))).toEqual([false, false, true, false, true]);
  });

  test('before_request guards of a blueprint and of the app', async () => {
    const { m } = await model(`
      from flask import Blueprint, abort, g
      from flask_login import current_user, login_required
      admin = Blueprint("admin", __name__, url_prefix="/admin")
      public = Blueprint("public", __name__)

      @admin.before_request
      def require_admin():
          if not current_user.is_authenticated or not current_user.is_admin:
              abort(403)

      @public.before_request
      def load_user():
          g.user = None

      @admin.route("/users", methods=["POST"])
      def add_user():
          pass

      @public.route("/items", methods=["POST"])
      def add_item():
          pass
    `);
    const [addUser, addItem] = m.routes;
    expect(addUser?.guards.map((g) => g.admin)).toEqual([true]);
    expect(addItem?.guards).toEqual([]);
  });

  test('a guard registered by call, and an auth decorator stacked on an empty guard', async () => {
    const { m } = await model(`
      from flask import Blueprint, session, redirect, url_for
      from flask_login import login_required
      bp = Blueprint("a", __name__)
      other = Blueprint("b", __name__)

      def check():
          if "user_id" not in session:
              return redirect(url_for("auth.login"))

      bp.before_request(check)

      @other.before_request
      @login_required
      def guard():
          pass

      @bp.route("/x", methods=["POST"])
      def x():
          pass

      @other.route("/y", methods=["POST"])
      def y():
          pass
    `);
    expect(m.routes.map((r) => r.guards.length)).toEqual([1, 1]);
  });

  test('custom decorators defined in the file are read', async () => {
    const { m } = await model(`
      from functools import wraps
      from flask import Flask, request, jsonify, g
      import jwt
      app = Flask(__name__)

      def token_checked(f):
          @wraps(f)
          def wrapper(*args, **kwargs):
              token = request.headers.get("x-access-token")
              if not token:
                  return jsonify(message="missing"), 401
              data = jwt.decode(token, app.config["SECRET_KEY"], algorithms=["HS256"])
              return f(data["sub"], *args, **kwargs)
          return wrapper

      def timed(f):
          @wraps(f)
          def wrapper(*args, **kwargs):
              return f(*args, **kwargs)
          return wrapper

      @app.route("/a", methods=["POST"])
      @token_checked
      def a(current_user):
          pass

      @app.route("/b", methods=["POST"])
      @timed
      def b():
          pass
    `);
    expect(m.routes.map((r) => declaredAuthentication(r))).toEqual([true, false]);
    expect(m.routes[0] && identityParams(m.routes[0])).toEqual(['current_user']);
  });

  test('app-wide limits: Limiter(default_limits=...), RATELIMIT_DEFAULT, limiter.limit(...)(bp), @limiter.exempt', async () => {
    const a = await model(`
      from flask import Flask
      from flask_limiter import Limiter
      from flask_limiter.util import get_remote_address
      app = Flask(__name__)
      limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day"])

      @app.post("/login")
      def login():
          pass

      @app.post("/signup")
      @limiter.exempt
      def signup():
          pass
    `);
    expect(a.m.routes.map((r) => rateLimited(r, a.m))).toEqual([true, false]);
    const b = await model(`
      from flask import Blueprint
      bp = Blueprint("auth", __name__)
      limiter.limit("10/minute")(bp)

      @bp.route("/login", methods=["POST"])
      def login():
          pass
    `);
    expect(b.m.routes.map((r) => rateLimited(r, b.m))).toEqual([true]);
    const c = await model(`
      from flask import Flask
      app = Flask(__name__)
      app.config["RATELIMIT_DEFAULT"] = "100/hour"

      @app.route("/login", methods=["POST"])
      def login():
          pass
    `);
    expect(c.m.routes.map((r) => rateLimited(r, c.m))).toEqual([true]);
  });

  test('methods from a module constant; unknown methods are marked unknown', async () => {
    const { m } = await model(`
      from flask import Flask
      app = Flask(__name__)
      WRITE = ["POST", "PUT"]

      @app.route("/a", methods=WRITE)
      def a():
          pass

      @app.route("/b", methods=get_methods())
      def b():
          pass
    `);
    expect(m.routes.map((r) => [r.methods, r.methodsKnown])).toEqual([
      [['POST', 'PUT'], true],
      [[], false],
    ]);
  });

  test('FastAPI and other frameworks are not Flask routes', async () => {
    const { m } = await model(`
      from fastapi import FastAPI, APIRouter
      app = FastAPI()
      router = APIRouter()

      @app.get("/items/{item_id}")
      def read_item(item_id: int):
          pass

      @router.post("/items")
      def create_item():
          pass
    `);
    expect(m.routes).toEqual([]);
  });

  test('a route on an imported blueprint in a Flask file', async () => {
    const { m } = await model(`
      from flask import render_template
      from . import main

      @main.route("/post/<int:id>", methods=["GET", "POST"])
      def post(id):
          pass
    `);
    expect(summary(m)).toEqual(['GET/POST /post/<int:id> post']);
  });

  test('authentication in the view itself', async () => {
    const { m, index } = await model(`
      from flask import Flask, session, abort
      from flask_jwt_extended import verify_jwt_in_request
      app = Flask(__name__)

      @app.post("/a")
      def a():
          verify_jwt_in_request()

      @app.post("/b")
      def b():
          uid = session["user_id"]

      @app.post("/c")
      def c():
          token = request.headers.get("Authorization")
          if read_claims(token).get("role") != "admin":
              abort(403)
    `);
    expect(m.routes.map((r) => authenticationOf(index, r))).toEqual(['view', 'view', undefined]);
  });

  test('credential endpoints and public endpoints by path and name', async () => {
    const { m } = await model(`
      from flask import Flask
      app = Flask(__name__)

      @app.post("/api/v1/auth/login")
      def a(): pass

      @app.post("/auth/logout")
      def b(): pass

      @app.post("/users/password/forgot")
      def c(): pass

      @app.post("/2fa/verify")
      def d(): pass

      @app.post("/oauth/token")
      def e(): pass

      @app.post("/accounts")
      def signup(): pass

      @app.post("/game/reset")
      def f(): pass

      @app.post("/healthz")
      def g(): pass

      @app.post("/orders/<int:id>/confirm")
      def h(id): pass

      @app.post("/mfa/register")
      def registration_view(): pass
    `);
    expect(m.routes.map((r) => authEndpointOf(r) ?? '-')).toEqual([
      'login',
      '-',
      'password reset',
      'one-time code',
      'token',
      'sign-up',
      '-',
      '-',
      '-',
      '-',
    ]);
    expect(m.routes.map((r) => (publicByDesign(r) ? 'public' : '-'))).toEqual([
      'public',
      'public',
      'public',
      'public',
      'public',
      'public',
      '-',
      'public',
      '-',
      '-',
    ]);
  });

  test('pathParams', () => {
    expect(pathParams('/a/<int(signed=True):n>/<path:rest>/<x>')).toEqual([
      { name: 'n', converter: 'int' },
      { name: 'rest', converter: 'path' },
      { name: 'x', converter: undefined },
    ]);
  });
});
