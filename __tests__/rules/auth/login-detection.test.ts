import { loginNotRateLimited } from '../../../src/rules/auth/login-not-rate-limited.js';
import { projectTester } from '../../helpers/rule-tester.js';

/** A view named neither login nor sign-in whose body checks `check` (a password check or a look-alike). */
function view(check: string, extra = ''): string {
  return `
    from flask import Blueprint, request, session, redirect
    from werkzeug.security import check_password_hash, generate_password_hash
    import bcrypt
    from passlib.context import CryptContext
    from app.models import User
    ${extra}
    bp = Blueprint("main", __name__)
    pwd_context = CryptContext(schemes=["bcrypt"])

    @bp.route("/", methods=["GET", "POST"])
    def index():
        user = User.query.filter_by(name=request.form["name"]).first()
        if ${check}:
            session["user_id"] = user.id
            return redirect("/home")
        return "form"
  `;
}

projectTester(loginNotRateLimited, {
  valid: [
    {
      name: 'a sign-up that hashes a new password checks none',
      files: { 'app/views.py': view('generate_password_hash(request.form["password"])') },
    },
    {
      name: 'an API-key check is not a password check',
      files: { 'app/views.py': view('hmac.compare_digest(request.headers["X-Api-Key"], user.api_key)') },
    },
    {
      name: 'a strength check of a new password is not a login',
      files: { 'app/views.py': view('validate_password(request.form["password"])') },
    },
    {
      name: 'a GET-only view checking a password is not reported (FCG412 looks at POST)',
      files: {
        'app/views.py': `
          from flask import Flask, request
          app = Flask(__name__)

          @app.route("/check")
          def index():
              return str(user.check_password(request.args["pw"]))
        `,
      },
    },
    {
      name: "a signed-in user's password change checks the old password of their own record",
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from flask_login import current_user
          bp = Blueprint("main", __name__)

          @bp.route("/settings", methods=["POST"])
          def settings():
              if not current_user.check_password(request.form["old"]):
                  return "wrong", 400
              current_user.set_password(request.form["new"])
              return "ok"
        `,
      },
    },
    {
      name: 'a password check behind @login_required',
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from flask_login import login_required
          bp = Blueprint("main", __name__)

          @bp.route("/confirm", methods=["POST"])
          @login_required
          def confirm():
              return str(bcrypt.checkpw(request.form["pw"].encode(), stored))
        `,
      },
    },
    {
      name: 'a password check under a Flask-Limiter limit',
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from app.extensions import limiter
          bp = Blueprint("main", __name__)

          @bp.route("/", methods=["POST"])
          @limiter.limit("5/minute")
          def index():
              return str(user.verify_password(request.form["pw"]))
        `,
      },
    },
    {
      name: 'an imported helper that checks no password (it only looks the user up)',
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from app.services import find_user
          bp = Blueprint("main", __name__)

          @bp.route("/", methods=["POST"])
          def index():
              return str(find_user(request.form["name"]))
        `,
        'app/services.py': `
          from app.models import User
          def find_user(name):
              return User.query.filter_by(name=name).first()
        `,
      },
    },
    {
      name: 'an imported helper checking a password, called by a view behind @login_required',
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from flask_login import login_required
          from app.services import check
          bp = Blueprint("main", __name__)

          @bp.route("/", methods=["POST"])
          @login_required
          def index():
              return str(check(request.form["name"], request.form["pw"]))
        `,
        'app/services.py': `
          from werkzeug.security import check_password_hash
          def check(name, pw):
              return check_password_hash(lookup(name), pw)
        `,
      },
    },
  ],
  invalid: [
    ...[
      'user and check_password_hash(user.pw_hash, request.form["password"])',
      'user and user.check_password(request.form["password"])',
      'user and user.verify_password(request.form["password"])',
      'bcrypt.checkpw(request.form["password"].encode(), user.hash)',
      'pwd_context.verify(request.form["password"], user.hash)',
      'authenticate(request.form["name"], request.form["password"])',
    ].map((check) => ({
      name: `POST / checking ${check}`,
      files: { 'app/views.py': view(check) },
      findings: [{ path: 'app/views.py', line: 10, message: /\(login: it checks a password\) has no rate limit/ }],
    })),
    {
      name: 'a helper of the same file that checks the password',
      files: {
        'app/views.py': `
          from flask import Flask, request
          import bcrypt
          app = Flask(__name__)

          def valid(name, pw):
              return bcrypt.checkpw(pw.encode(), load_hash(name))

          @app.route("/session/new", methods=["POST"])
          def start():
              return "ok" if valid(request.form["u"], request.form["p"]) else ("no", 401)
        `,
      },
      findings: [{ path: 'app/views.py', line: 8 }],
    },
    {
      name: 'a helper of another module that checks the password',
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from app.services import check
          bp = Blueprint("main", __name__)

          @bp.route("/", methods=["POST"])
          def index():
              return str(check(request.form["name"], request.form["pw"]))
        `,
        'app/services.py': `
          from werkzeug.security import check_password_hash
          def check(name, pw):
              return check_password_hash(lookup(name), pw)
        `,
      },
      findings: [{ path: 'app/views.py', line: 5, message: /it checks a password/ }],
    },
    {
      name: 'a module method of another module checks it through a helper of its own module',
      files: {
        'app/views.py': `
          from flask import Blueprint, request
          from app.services import check
          bp = Blueprint("main", __name__)

          @bp.route("/", methods=["POST"])
          def index():
              return str(check(request.form["name"], request.form["pw"]))
        `,
        'app/services.py': `
          def check(name, pw):
              return _matches(lookup(name), pw)

          def _matches(stored, pw):
              return stored.verify_password(pw)
        `,
      },
      findings: [{ path: 'app/views.py', line: 5 }],
    },
  ],
});
