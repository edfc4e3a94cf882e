import { loginNotRateLimited } from '../../../src/rules/auth/login-not-rate-limited.js';
import { projectTester } from '../../helpers/rule-tester.js';

/** A login view with no limit of its own, on a blueprint of its module. */
const LOGIN_VIEW = `
  from flask import Blueprint, request
  from app.models import User

  auth = Blueprint("auth", __name__)

  @auth.route("/login", methods=["POST"])
  def login():
      user = User.query.filter_by(email=request.form["email"]).first()
      return "ok" if user and user.check_password(request.form["password"]) else ("no", 401)
`;

const FACTORY = `
  from flask import Flask
  from app.extensions import limiter
  from app.auth import auth

  def create_app():
      app = Flask(__name__)
      limiter.init_app(app)
      app.register_blueprint(auth)
      return app
`;

/** flaskbb's shape: a re-authentication view exempt from limits, registered through a helper. */
const REAUTH_VIEW = `
  from flask import Blueprint
  from flask.views import MethodView
  from flask_login import login_required, current_user
  from app.extensions import limiter
  from app.helpers import register_view

  auth = Blueprint("auth", __name__)

  class Reauth(MethodView):
      decorators = [login_required, limiter.exempt]

      def post(self):
          return "ok" if current_user.check_password("x") else "no"

  register_view(auth, routes=["/reauth"], view_func=Reauth.as_view("reauth"))
`;

const SECURITY_FACTORY = `
  from flask import Flask
  from flask_security import Security, SQLAlchemyUserDatastore
  from app.models import db, User, Role

  def create_app():
      app = Flask(__name__)
      security = Security(None, SQLAlchemyUserDatastore(db, User, Role))
      security.init_app(app)
      return app
`;

projectTester(loginNotRateLimited, {
  valid: [
    {
      name: 'a password view behind a decorator of another module that requires a user',
      files: {
        'app/account.py': `
          from flask import Blueprint, request
          from app.security import protect

          bp = Blueprint("account", __name__)

          @bp.route("/password", methods=["POST"])
          @protect
          def password():
              return "ok"
        `,
        'app/security.py': `
          from functools import wraps
          from flask import abort, g

          def protect(view):
              @wraps(view)
              def wrapper(*args, **kwargs):
                  if g.user is None:
                      abort(401)
                  return view(*args, **kwargs)
              return wrapper
        `,
      },
    },
    {
      name: 'an app-wide default limit on the limiter of extensions.py, initialised in the factory',
      files: {
        'app/auth.py': LOGIN_VIEW,
        'app/__init__.py': FACTORY,
        'app/extensions.py': `
          from flask_limiter import Limiter
          from flask_limiter.util import get_remote_address

          limiter = Limiter(key_func=get_remote_address, default_limits=["200 per day", "50 per hour"])
        `,
      },
    },
    {
      name: 'RATELIMIT_DEFAULT in a config class of another module',
      files: {
        'app/auth.py': LOGIN_VIEW,
        'app/config.py': `
          class ProductionConfig:
              RATELIMIT_DEFAULT = "100 per hour"
        `,
      },
    },
    {
      name: 'a limit put on the imported blueprint by the factory',
      files: {
        'app/auth.py': LOGIN_VIEW,
        'app/__init__.py': `
          from flask import Flask
          from app.extensions import limiter
          from app.auth import auth

          def create_app():
              app = Flask(__name__)
              limiter.limit("5 per minute")(auth)
              app.register_blueprint(auth)
              return app
        `,
      },
    },
    {
      name: "Flask-Security's login covered by an app-wide default of another module",
      files: {
        'app/__init__.py': SECURITY_FACTORY,
        'app/extensions.py': `
          from flask_limiter import Limiter
          from flask_limiter.util import get_remote_address

          limiter = Limiter(get_remote_address, default_limits=["100 per minute"])
        `,
      },
    },
    {
      name: 'Flask-Security without its blueprint, and a Security look-alike',
      files: {
        'app/__init__.py': `
          from flask import Flask
          from flask_security import Security
          from app.security import Security as OwnSecurity

          def create_app():
              app = Flask(__name__)
              Security(app, None, register_blueprint=False)
              OwnSecurity(app)
              return app
        `,
      },
    },
    {
      name: 'a view handed to a function that registers nothing',
      files: {
        'app/auth.py': REAUTH_VIEW,
        'app/extensions.py': 'from flask_limiter import Limiter\nlimiter = Limiter()\n',
        'app/helpers.py': `
          def register_view(bp, routes, view_func):
              print(bp, routes, view_func)
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a limiter in another module with no default covers nothing',
      files: {
        'app/auth.py': LOGIN_VIEW,
        'app/__init__.py': FACTORY,
        'app/extensions.py': `
          from flask_limiter import Limiter
          from flask_limiter.util import get_remote_address

          limiter = Limiter(key_func=get_remote_address)
        `,
      },
      findings: [{ path: 'app/auth.py', line: 6, message: /no app-wide default limit in any module/ }],
    },
    {
      name: 'a default limit of another application in the repository does not cover this one',
      files: {
        'shop/auth.py': LOGIN_VIEW,
        'blog/extensions.py': `
          from flask_limiter import Limiter
          limiter = Limiter(default_limits=["10 per minute"])
        `,
      },
      findings: [{ path: 'shop/auth.py', line: 6 }],
    },
    {
      name: 'the blueprint exempted in the factory: the default no longer reaches it',
      files: {
        'app/auth.py': LOGIN_VIEW,
        'app/__init__.py': `
          from flask import Flask
          from flask_limiter import Limiter
          from app.auth import auth

          limiter = Limiter(default_limits=["10 per minute"])

          def create_app():
              app = Flask(__name__)
              limiter.exempt(auth)
              app.register_blueprint(auth)
              return app
        `,
      },
      findings: [{ path: 'app/auth.py', line: 6 }],
    },
    {
      name: 'a re-authentication view exempt from limits, routed by a helper of another module',
      files: {
        'app/auth.py': REAUTH_VIEW,
        'app/extensions.py': `
          from flask_limiter import Limiter
          limiter = Limiter(default_limits=["10 per minute"])
        `,
        'app/helpers.py': `
          def register_view(bp_or_app, routes, view_func, *args, **kwargs):
              for route in routes:
                  bp_or_app.add_url_rule(route, view_func=view_func, *args, **kwargs)
        `,
      },
      findings: [{ path: 'app/auth.py', line: 10, message: /POST \/reauth \(reauthentication\) is exempt/ }],
    },
    {
      name: "Flask-Security's own login with no default limit anywhere",
      files: {
        'app/__init__.py': SECURITY_FACTORY,
        'app/extensions.py': 'from flask_limiter import Limiter\nlimiter = Limiter()\n',
      },
      findings: [{ path: 'app/__init__.py', line: 8, message: /Flask-Security registers its own POST \/login/ }],
    },
  ],
});
