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
    {
      name: 'a login that locks the account after failed attempts (in a helper of the same file)',
      code: `
        from flask import Blueprint, request, redirect, flash
        from .models import db, User
        bp = Blueprint("auth", __name__)
        MAX_ATTEMPTS = 5

        @bp.route("/login", methods=["POST"])
        def login():
            return _login()

        def _login():
            user = User.query.filter_by(email=request.form["email"]).first()
            if user and user.failed_logins >= MAX_ATTEMPTS:
                flash("locked")
                return redirect("/login")
            if not user or not user.check_password(request.form["password"]):
                if user:
                    user.failed_logins += 1
                    db.session.commit()
                return redirect("/login")
            return redirect("/")
      `,
    },
    {
      name: "a signed-in user's own password setting, a reset link carrying its token, MFA enrolment",
      code: `
        from flask import Blueprint, request
        from flask_login import current_user
        bp = Blueprint("settings", __name__)

        @bp.route("/vault_password", methods=["POST"])
        def set_vault_password():
            key = derive(request.form["password"], current_user.id)
            return store(key)

        @bp.route("/reset/<token>", methods=["GET", "POST"])
        def reset_with_token(token):
            user = User.verify_reset_token(token)
            return update_password(user, request.form["password"])

        @bp.route("/mfa/register", methods=["GET", "POST"])
        def registration_view():
            return enrol(request.form["code"])
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
    {
      name: 'a view imported from another module and registered with add_url_rule',
      code: `
        from flask import Blueprint
        from .views import validate_view

        def create_blueprint():
            blueprint = Blueprint("mfa", __name__, url_prefix="/mfa")
            blueprint.add_url_rule("/validate", "validate", validate_view, methods=("GET", "POST"))
            return blueprint
      `,
      findings: [
        {
          line: 6,
          message:
            /POST \/mfa\/validate \(one-time code\) has no rate limit: no Flask-Limiter decorator on validate_view\(\)/,
        },
      ],
    },
    {
      name: 'anonymous_user_required admits only anonymous callers; a counter that never rejects; a login page that only checks is_authenticated',
      code: `
        from flask import Blueprint, request, redirect
        from flask_login import current_user
        from flask_security import anonymous_user_required
        bp = Blueprint("browser", __name__)

        if config.SECURITY_RECOVERABLE:
            @bp.route("/reset_password", methods=["GET", "POST"])
            @anonymous_user_required
            def forgot_password():
                return send_reset_mail(request.form["email"])

        @bp.route("/login", methods=["POST"])
        def login():
            if current_user.is_authenticated:
                return redirect("/")
            user = find_user(request.form["email"])
            user.login_count += 1
            if user.attempts_logged > 3:
                audit(user)
            return redirect("/")
      `,
      findings: [
        { line: 7, message: /password reset/ },
        { line: 12, message: /\(login\)/ },
      ],
    },
  ],
});
