import { unprotectedStateChange } from '../../../src/rules/design/unprotected-state-change.js';
import { projectTester } from '../../helpers/rule-tester.js';

/** A blueprint view that calls a helper of another module and writes nothing itself. */
const USERS_VIEW = `
  from flask import Blueprint, request
  from database.helper import create_user
  from database.db import db

  users = Blueprint("users", __name__)

  @users.route("/people/", methods=["POST"])
  def add_person():
      user = create_user(db, request.get_json())
      return {"id": user.id}, 201
`;

/** A view that writes itself, decorated with a decorator of another module named like nothing. */
const PROTECTED_VIEW = `
  from flask import Blueprint, request
  from app.security import protect
  from app.db import db

  bp = Blueprint("notes", __name__)

  @bp.route("/notes", methods=["POST"])
  @protect
  def add_note():
      db.session.add(Note(text=request.form["text"]))
      db.session.commit()
      return "", 201
`;

/** A blueprint of its own module with a write view and no guard in that module. */
const NOTES_BLUEPRINT = `
  from flask import Blueprint, request
  from app.db import db

  bp = Blueprint("notes", __name__)

  @bp.route("/notes/<int:note_id>", methods=["DELETE"])
  def delete_note(note_id):
      Note.query.filter_by(id=note_id).delete()
      db.session.commit()
      return "", 204
`;

projectTester(unprotectedStateChange, {
  valid: [
    {
      name: 'a helper of another module that only reads',
      files: {
        'backend/blueprints/users.py': USERS_VIEW,
        'backend/database/helper.py': `
          from models import User

          def create_user(db, body):
              return User.query.filter_by(name=body["name"]).first()
        `,
      },
    },
    {
      name: 'a helper from a library outside the tree is not followed',
      files: { 'backend/blueprints/users.py': USERS_VIEW },
    },
    {
      name: 'a decorator of another module that rejects callers without a user',
      files: {
        'app/notes.py': PROTECTED_VIEW,
        'app/security.py': `
          from functools import wraps
          from flask import abort
          from flask_login import current_user

          def protect(view):
              @wraps(view)
              def wrapper(*args, **kwargs):
                  if not current_user.is_authenticated:
                      abort(401)
                  return view(*args, **kwargs)
              return wrapper
        `,
      },
    },
    {
      name: "a before_request guard on the view's blueprint, registered in another module",
      files: {
        'app/notes.py': NOTES_BLUEPRINT,
        'app/guards.py': `
          from flask import abort, g
          from app.notes import bp

          @bp.before_request
          def require_user():
              if g.user is None:
                  abort(401)
        `,
      },
    },
    {
      name: 'an app-wide hook imported into the factory that rejects anonymous callers',
      files: {
        'app/notes.py': NOTES_BLUEPRINT,
        'app/auth.py': `
          from flask import redirect, session, url_for

          def require_login():
              if "user_id" not in session:
                  return redirect(url_for("login"))
        `,
        'app/__init__.py': `
          from flask import Flask
          from .auth import require_login
          from .notes import bp

          def create_app():
              app = Flask(__name__)
              app.before_request(require_login)
              app.register_blueprint(bp)
              return app
        `,
      },
    },
    {
      name: 'a Resource class registered behind an authenticating wrapper, and one nobody routes',
      files: {
        'src/resources/user.py': `
          from flask import request
          from flask_restful import Resource
          from repositories import UserRepository

          class UserList(Resource):
              def post(self):
                  return UserRepository.create(request.get_json()["username"]), 200

          class Unused(Resource):
              def post(self):
                  return UserRepository.create("x"), 200
        `,
        'src/repositories/__init__.py': 'from .user import UserRepository\n',
        'src/repositories/user.py': `
          from models import User

          class UserRepository:
              @staticmethod
              def create(username):
                  user = User(username=username)
                  user.save()
                  return user
        `,
        'src/main.py': `
          from flask import Flask
          from flask_restful import Api
          from flask_httpauth import HTTPBasicAuth
          from resources.user import UserList

          app = Flask(__name__)
          auth = HTTPBasicAuth()
          api = Api(app)
          api.add_resource(auth.login_required(UserList), "/api/users")
        `,
      },
    },
    {
      name: 'calls that go round in a cycle write nothing and end',
      files: {
        'app/views.py': `
          from flask import Flask
          from app import a
          app = Flask(__name__)

          @app.route("/ping", methods=["POST"])
          def poke():
              a.first()
              return ""
        `,
        'app/a.py': `
          from app import b

          def first():
              b.second()
        `,
        'app/b.py': `
          from app import a

          def second():
              a.first()
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a helper of another module that adds and commits',
      files: {
        'backend/blueprints/users.py': USERS_VIEW,
        'backend/database/helper.py': `
          from models.models import User

          def create_user(db, body):
              user = User.from_json(body)
              db.session.add(user)
              db.session.commit()
              return user
        `,
      },
      findings: [
        {
          path: 'backend/blueprints/users.py',
          line: 7,
          message: /create_user\(\), which runs db\.session\.add\(\)/,
        },
      ],
    },
    {
      name: 'a write two modules away: controller → models INSERT',
      files: {
        'service/views.py': `
          from flask import Flask
          import controller

          APP = Flask(__name__)

          @APP.route("/route/", methods=["POST"])
          def create_route():
              return controller.create_route(), 201
        `,
        'service/controller.py': `
          import models

          def create_route():
              models.start_route(7)
              return {"route_id": 7}
        `,
        'service/models.py': `
          import psycopg2

          def start_route(route_id):
              conn = psycopg2.connect("")
              cur = conn.cursor()
              cur.execute("INSERT INTO routes (id) VALUES (%s)", (route_id,))
        `,
      },
      findings: [{ path: 'service/views.py', line: 6, message: /controller\.create_route\(\).*INSERT/ }],
    },
    {
      name: 'a Flask-RESTful resource routed in main.py through a package, writing through a repository',
      files: {
        'src/resources/__init__.py': 'from .user import UserList\n',
        'src/resources/user.py': `
          from flask import request
          from flask_restful import Resource
          from repositories import UserRepository

          class UserList(Resource):
              def post(self):
                  return UserRepository.create(request.get_json()["username"]), 200
        `,
        'src/repositories/__init__.py': 'from .user import UserRepository\n',
        'src/repositories/user.py': `
          from models import User

          class UserRepository:
              @staticmethod
              def create(username):
                  user = User(username=username)
                  user.save()
                  return user
        `,
        'src/main.py': `
          from flask import Flask
          from flask_restful import Api
          from resources import UserList

          app = Flask(__name__)
          api = Api(app)
          api.add_resource(UserList, "/api/users")
        `,
      },
      findings: [
        { path: 'src/resources/user.py', line: 6, message: /^POST \/api\/users changes data \(UserRepository\.create/ },
      ],
    },
    {
      name: 'a decorator of another module that only records is no guard',
      files: {
        'app/notes.py': PROTECTED_VIEW,
        'app/security.py': `
          from functools import wraps
          from flask import g, request

          def protect(view):
              @wraps(view)
              def wrapper(*args, **kwargs):
                  g.client = request.remote_addr
                  return view(*args, **kwargs)
              return wrapper
        `,
      },
      findings: [{ path: 'app/notes.py', line: 7 }],
    },
    {
      name: 'a hook elsewhere that only records, and a guard on another blueprint, do not cover it',
      files: {
        'app/notes.py': NOTES_BLUEPRINT,
        'app/other.py': `
          from flask import Blueprint, abort, g
          from app.notes import bp

          admin = Blueprint("admin", __name__)

          @bp.before_request
          def remember():
              g.started = 1

          @admin.before_request
          def require_user():
              if g.user is None:
                  abort(401)
        `,
      },
      findings: [{ path: 'app/notes.py', line: 6 }],
    },
    {
      name: 'an app-wide guard of another application in the same repository does not cover this one',
      files: {
        'shop/notes.py': NOTES_BLUEPRINT.replace('app.db', 'shop.db'),
        'blog/__init__.py': `
          from flask import Flask, abort, session

          app = Flask(__name__)

          @app.before_request
          def require_login():
              if "user_id" not in session:
                  abort(401)
        `,
      },
      findings: [{ path: 'shop/notes.py', line: 6 }],
    },
  ],
});
