import { authDecoratorMisplaced } from '../../../src/rules/design/auth-decorator-misplaced.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(authDecoratorMisplaced, {
  valid: [
    {
      name: 'the auth decorator below the route decorator',
      code: `
        from flask import Blueprint
        from flask_login import login_required
        bp = Blueprint("accounts", __name__)

        @bp.route("/accounts/<int:account_id>", methods=["DELETE"])
        @login_required
        def close_account(account_id):
            pass
      `,
    },
    {
      name: 'non-auth decorators above the route (cache, CORS) are not this rule',
      code: `
        from flask import Flask
        from flask_cors import cross_origin
        app = Flask(__name__)

        @cache.cached(timeout=60)
        @cross_origin()
        @app.route("/stats")
        def stats():
            pass
      `,
    },
    {
      name: 'a limiter above the route is not an authentication decorator',
      code: `
        from flask import Flask
        app = Flask(__name__)

        @limiter.limit("5/minute")
        @app.route("/login", methods=["POST"])
        def login():
            pass
      `,
    },
    {
      name: 'the login_manager callbacks are not views',
      code: `
        from flask_login import LoginManager, login_required
        login_manager = LoginManager()

        @login_required
        @login_manager.user_loader
        def load_user(user_id):
            return User.query.get(int(user_id))
      `,
    },
    {
      name: 'a FastAPI route with a dependency decorator above is not Flask',
      code: `
        from fastapi import FastAPI
        app = FastAPI()

        @login_required
        @app.get("/items")
        def items():
            pass
      `,
    },
    {
      name: 'login_required mentioned in a docstring and comment',
      code: `
        from flask import Flask
        from flask_login import login_required
        app = Flask(__name__)

        # @login_required above @app.route would not protect anything
        @app.route("/")
        @login_required
        def index():
            """Put @login_required below @app.route."""
      `,
    },
    {
      name: 'a decorator between two stacked routes protects the upper one',
      code: `
        from flask import Flask
        from flask_login import login_required
        app = Flask(__name__)

        @app.route("/", endpoint="root_explorer")
        @login_required
        @app.route("/explorer")
        @login_required
        def explorer():
            pass
      `,
    },
  ],
  invalid: [
    {
      name: 'Flask-Login login_required above bp.route',
      code: `
        from flask import Blueprint
        from flask_login import login_required
        bp = Blueprint("accounts", __name__)

        @login_required
        @bp.route("/accounts/<int:account_id>", methods=["DELETE"])
        def close_account(account_id):
            pass
      `,
      findings: [
        {
          line: 5,
          message: /@login_required is written above the route decorator of DELETE \/accounts\/<int:account_id>/,
        },
      ],
    },
    {
      name: 'jwt_required() above app.post; roles_required above a route with several decorators',
      code: `
        from flask import Flask
        from flask_jwt_extended import jwt_required
        from flask_security import roles_required
        app = Flask(__name__)

        @jwt_required()
        @app.post("/api/transfers")
        def transfer():
            pass

        @roles_required("admin")
        @app.route("/admin/users")
        @cache.cached()
        def users():
            pass
      `,
      findings: [
        { line: 6, message: /@jwt_required .*POST \/api\/transfers/ },
        { line: 11, message: /@roles_required/ },
      ],
    },
    {
      name: 'Flask-HTTPAuth auth.login_required above the route',
      code: `
        from flask import Flask
        from flask_httpauth import HTTPBasicAuth
        app = Flask(__name__)
        auth = HTTPBasicAuth()

        @auth.login_required
        @app.route("/api/resource")
        def get_resource():
            pass
      `,
      findings: [{ line: 6, message: /@auth\.login_required/ }],
    },
    {
      name: 'a custom decorator from the same file that checks g.user',
      code: `
        import functools
        from flask import Blueprint, g, redirect, url_for
        bp = Blueprint("blog", __name__)

        def must_sign_in(view):
            @functools.wraps(view)
            def wrapped_view(**kwargs):
                if g.user is None:
                    return redirect(url_for("auth.login"))
                return view(**kwargs)
            return wrapped_view

        @must_sign_in
        @bp.route("/create", methods=("GET", "POST"))
        def create():
            pass
      `,
      findings: [{ line: 13, message: /@must_sign_in/ }],
    },
    {
      name: 'still protected by a decorator below: lowered to low',
      code: `
        from flask import Flask
        from flask_login import login_required
        app = Flask(__name__)

        @login_required
        @app.route("/settings")
        @admin_required
        def settings():
            pass
      `,
      findings: [{ line: 5, severity: 'low', message: /has no effect/ }],
    },
    {
      name: 'one finding for a decorator above two stacked routes',
      code: `
        from flask import Flask
        from flask_login import login_required
        app = Flask(__name__)

        @login_required
        @app.route("/a")
        @app.route("/b")
        def ab():
            pass
      `,
      findings: [{ line: 5, message: /GET \/a, GET \/b/ }],
    },
    {
      name: 'the view checks current_user itself: lowered to low',
      code: `
        from flask import Flask, redirect, url_for
        from flask_login import current_user, login_required
        app = Flask(__name__)

        @login_required
        @app.route("/home", methods=["GET", "POST"])
        def main_page():
            if not current_user.is_authenticated:
                return redirect(url_for("home"))
      `,
      findings: [{ line: 5, severity: 'low' }],
    },
  ],
});
