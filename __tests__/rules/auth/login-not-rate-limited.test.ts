import { loginNotRateLimited } from '../../../src/rules/auth/login-not-rate-limited.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(loginNotRateLimited, {
  valid: [
    {
      name: 'limiter.limit below the route decorator',
      code: `
        from flask import Blueprint, request
        from ..extensions import limiter
        bp = Blueprint("auth", __name__)

        @bp.route("/login", methods=["POST"])
        @limiter.limit("5 per minute")
        def login():
            pass
      `,
    },
    {
      name: 'an app-wide default limit in the same file',
      code: `
        from flask import Flask
        from flask_limiter import Limiter
        from flask_limiter.util import get_remote_address
        app = Flask(__name__)
        limiter = Limiter(get_remote_address, app=app, default_limits=["200 per day", "50 per hour"])

        @app.post("/api/token")
        def issue_token():
            pass
      `,
    },
    {
      name: 'a limit on the blueprint',
      code: `
        from flask import Blueprint
        from app.extensions import limiter
        auth = Blueprint("auth", __name__, url_prefix="/auth")
        limiter.limit("20/minute")(auth)

        @auth.route("/register", methods=["POST"])
        def register():
            pass
      `,
    },
    {
      name: 'RATELIMIT_DEFAULT in the config of the same file',
      code: `
        from flask import Flask
        app = Flask(__name__)
        app.config.update(RATELIMIT_DEFAULT="100/hour", RATELIMIT_STORAGE_URI="redis://cache:6379")

        @app.route("/forgot-password", methods=["POST"])
        def forgot_password():
            pass
      `,
    },
    {
      name: 'a shared limit on a MethodView via decorators',
      code: `
        from flask import Flask
        from flask.views import MethodView
        app = Flask(__name__)

        class LoginView(MethodView):
            decorators = [limiter.shared_limit("10/minute", scope="auth")]
            def post(self):
                pass

        app.add_url_rule("/login", view_func=LoginView.as_view("login"))
      `,
    },
    {
      name: 'the login page served with GET only',
      code: `
        from flask import Flask, render_template
        app = Flask(__name__)

        @app.route("/login")
        def login():
            return render_template("login.html")
      `,
    },
    {
      name: 'logout and non-credential POST routes',
      code: `
        from flask import Flask
        app = Flask(__name__)

        @app.route("/auth/logout", methods=["POST"])
        def logout():
            pass

        @app.route("/comments", methods=["POST"])
        def add_comment():
            pass

        @app.route("/game/reset", methods=["POST"])
        def reset_board():
            pass
      `,
    },
    {
      name: 'a token refresh that already requires a valid refresh token',
      code: `
        from flask import Flask
        from flask_jwt_extended import jwt_required
        app = Flask(__name__)

        @app.route("/token/refresh", methods=["POST"])
        @jwt_required(refresh=True)
        def refresh():
            pass
      `,
    },
    {
      name: 'a test client posting to /login is not a route',
      path: 'tests/test_auth.py',
      code: `
        def test_login(client):
            response = client.post("/login", data={"email": "a@b.c", "password": "x"})
            assert response.status_code == 200
      `,
    },
    {
      name: 'FastAPI login route is not Flask',
      code: `
        from fastapi import APIRouter
        router = APIRouter()

        @router.post("/login")
        def login():
            pass
      `,
    },
  ],
  invalid: [
    {
      name: 'the four credential endpoints of a blueprint',
      code: `
        from flask import Blueprint, request, abort, jsonify
        from flask_login import login_user
        bp = Blueprint("auth", __name__)

        @bp.route("/login", methods=["POST"])
        def login():
            pass

        @bp.route("/register", methods=["POST"])
        def register():
            pass

        @bp.route("/password-reset", methods=["POST"])
        def password_reset():
            pass

        @bp.route("/token", methods=["POST"])
        def token():
            pass
      `,
      findings: [
        { line: 5, message: /POST \/login \(login\) has no rate limit/ },
        { line: 9, message: /sign-up/ },
        { line: 13, message: /password reset/ },
        { line: 17, message: /token/ },
      ],
    },
    {
      name: 'method shortcuts, url_prefix, OTP verification, GET+POST login form',
      code: `
        from flask import Blueprint
        bp = Blueprint("auth", __name__, url_prefix="/auth")

        @bp.post("/2fa/verify")
        def verify_otp():
            pass

        @bp.route("/signin", methods=["GET", "POST"])
        def signin():
            pass
      `,
      findings: [
        { line: 4, message: /POST \/auth\/2fa\/verify \(one-time code\)/ },
        { line: 8, message: /POST \/auth\/signin/ },
      ],
    },
    {
      name: 'judged by the function name when the path says nothing',
      code: `
        from flask import Flask
        app = Flask(__name__)

        @app.route("/api/v1/session-create", methods=["POST"])
        def login():
            pass
      `,
      findings: [{ line: 4 }],
    },
    {
      name: 'add_url_rule and a MethodView post without limits',
      code: `
        from flask import Flask
        from flask.views import MethodView
        app = Flask(__name__)

        def do_login():
            pass

        class SignupView(MethodView):
            def post(self):
                pass

        app.add_url_rule("/login", "login", do_login, methods=["POST"])
        app.add_url_rule("/signup", view_func=SignupView.as_view("signup"))
      `,
      findings: [{ line: 9 }, { line: 12 }],
    },
    {
      name: '@limiter.exempt cancels the app-wide default',
      code: `
        from flask import Flask
        from flask_limiter import Limiter
        app = Flask(__name__)
        limiter = Limiter(app=app, key_func=lambda: "x", default_limits=["100/hour"])

        @app.route("/login", methods=["POST"])
        @limiter.exempt
        def login():
            pass
      `,
      findings: [{ line: 6 }],
    },
    {
      name: 'an empty default_limits list is no limit',
      code: `
        from flask import Flask
        from flask_limiter import Limiter
        app = Flask(__name__)
        limiter = Limiter(app, default_limits=[])

        @app.route("/reset-password", methods=["POST"])
        def reset_password():
            pass
      `,
      findings: [{ line: 6, message: /password reset/ }],
    },
  ],
});
