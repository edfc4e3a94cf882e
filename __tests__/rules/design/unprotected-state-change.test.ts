import { unprotectedStateChange } from '../../../src/rules/design/unprotected-state-change.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(unprotectedStateChange, {
  valid: [
    {
      name: 'login_required below the route decorator',
      code: `
        from flask import Blueprint, request
        from flask_login import login_required
        from ..db import db
        bp = Blueprint("accounts", __name__)

        @bp.route("/accounts", methods=["POST"])
        @login_required
        def open_account():
            db.session.add(Account(nickname=request.form["nickname"]))
            db.session.commit()
            return "", 201
      `,
    },
    {
      name: 'a blueprint before_request guard',
      code: `
        from flask import Blueprint, abort
        from flask_jwt_extended import verify_jwt_in_request
        api = Blueprint("api", __name__, url_prefix="/api")

        @api.before_request
        def require_token():
            verify_jwt_in_request()

        @api.route("/items/<int:item_id>", methods=["DELETE"])
        def delete_item(item_id):
            Item.query.filter_by(id=item_id).delete()
            db.session.commit()
            return "", 204
      `,
    },
    {
      name: 'an app-level before_request that redirects anonymous users',
      code: `
        from flask import Flask, request, redirect, url_for, session
        app = Flask(__name__)

        @app.before_request
        def require_login():
            if request.endpoint not in ("login", "static") and "user_id" not in session:
                return redirect(url_for("login"))

        @app.route("/notes", methods=["POST"])
        def add_note():
            cur = get_db().cursor()
            cur.execute("INSERT INTO notes (body) VALUES (%s)", (request.form["body"],))
            get_db().commit()
            return redirect(url_for("index"))
      `,
    },
    {
      name: 'sign-up, login, password reset and token endpoints are public by design',
      code: `
        from flask import Blueprint, request
        from ..db import db
        bp = Blueprint("auth", __name__)

        @bp.route("/register", methods=["POST"])
        def register():
            db.session.add(User(email=request.form["email"]))
            db.session.commit()

        @bp.route("/login", methods=["POST"])
        def login():
            user = User.query.filter_by(email=request.form["email"]).first()
            user.last_seen = now()
            db.session.commit()

        @bp.route("/forgot-password", methods=["POST"])
        def forgot_password():
            db.session.add(ResetRequest(email=request.form["email"]))
            db.session.commit()

        @bp.post("/token/refresh")
        def refresh():
            db.session.add(TokenUse())
            db.session.commit()
      `,
    },
    {
      name: 'REST-style sign-up: POST /users handled by create_user()',
      code: `
        from flask import request
        from app.api import bp

        @bp.route('/users', methods=['POST'])
        def create_user():
            user = User()
            user.from_dict(request.get_json() or {}, new_user=True)
            db.session.add(user)
            db.session.commit()
      `,
    },
    {
      name: 'a Stripe webhook that verifies the signature',
      code: `
        import stripe
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/webhooks/stripe", methods=["POST"])
        def stripe_webhook():
            event = stripe.Webhook.construct_event(request.data, request.headers["Stripe-Signature"], SECRET)
            db.session.add(Payment(event_id=event["id"]))
            db.session.commit()
            return "", 200
      `,
    },
    {
      name: 'a GitHub webhook with hmac.compare_digest',
      code: `
        import hmac, hashlib
        from flask import Flask, request, abort
        app = Flask(__name__)

        @app.post("/hooks/github")
        def github_hook():
            digest = "sha256=" + hmac.new(KEY, request.data, hashlib.sha256).hexdigest()
            if not hmac.compare_digest(digest, request.headers.get("X-Hub-Signature-256", "")):
                abort(401)
            cur.execute("INSERT INTO pushes (payload) VALUES (%s)", (request.data,))
      `,
    },
    {
      name: 'a POST that only reads (search form)',
      code: `
        from flask import Flask, request, jsonify
        app = Flask(__name__)

        @app.route("/search", methods=["POST"])
        def search():
            cur.execute("SELECT id, name FROM products WHERE name ILIKE %s", ("%" + request.form["q"] + "%",))
            return jsonify(cur.fetchall())
      `,
    },
    {
      name: 'a GET view that writes is not this rule (methods say GET)',
      code: `
        from flask import Flask
        app = Flask(__name__)

        @app.route("/visit")
        def visit():
            db.session.add(Visit())
            db.session.commit()
            return "ok"
      `,
    },
    {
      name: 'a view that uses the signed-in user (Flask-Login current_user)',
      code: `
        from flask import Flask, request
        from flask_login import current_user
        app = Flask(__name__)

        @app.route("/posts", methods=["POST"])
        def create_post():
            db.session.add(Post(body=request.form["body"], author_id=current_user.id))
            db.session.commit()
      `,
    },
    {
      name: 'Flask-RESTful resource protected by method_decorators',
      code: `
        from flask import Flask
        from flask_restful import Api, Resource
        from flask_jwt_extended import jwt_required
        app = Flask(__name__)
        api = Api(app)

        class Todo(Resource):
            method_decorators = [jwt_required()]
            def delete(self, todo_id):
                Todo.query.filter_by(id=todo_id).delete()
                db.session.commit()

        api.add_resource(Todo, "/todos/<int:todo_id>")
      `,
    },
    {
      name: 'a custom token decorator from another module',
      code: `
        from flask import Blueprint, request
        from app.auth.decorators import token_required
        bp = Blueprint("api", __name__)

        @bp.route("/orders", methods=["POST"])
        @token_required
        def create_order(current_user):
            db.session.add(Order(user_id=current_user.id))
            db.session.commit()
      `,
    },
    {
      name: 'a health check that records a heartbeat',
      code: `
        from flask import Flask
        app = Flask(__name__)

        @app.post("/healthz")
        def healthz():
            cur.execute("UPSERT INTO heartbeats (id, at) VALUES (1, now())")
            return "ok"
      `,
    },
    {
      name: 'Django views behind login_required, a mixin, method_decorator, a dispatch that checks, or request.user',
      path: 'tasks/views.py',
      code: `
        from django.contrib.auth.decorators import login_required, user_passes_test
        from django.contrib.auth.mixins import LoginRequiredMixin
        from django.shortcuts import redirect, get_object_or_404
        from django.utils.decorators import method_decorator
        from django.views import View
        from .models import Note

        @login_required
        def add_note(request):
            Note.objects.create(text=request.POST["text"])
            return redirect("/")

        @user_passes_test(lambda u: u.is_staff)
        def purge(request):
            Note.objects.all().delete()
            return redirect("/")

        def mine(request, pk):
            note = get_object_or_404(Note, pk=pk, owner=request.user)
            note.delete()
            return redirect("/")

        class NoteView(LoginRequiredMixin, View):
            def post(self, request):
                Note(text=request.POST["text"]).save()
                return redirect("/")

        @method_decorator(login_required, name="dispatch")
        class EditView(View):
            def put(self, request, pk):
                Note.objects.filter(pk=pk).update(text="x")
                return redirect("/")

        class ArchiveView(View):
            def dispatch(self, request, *args, **kwargs):
                if not request.user.is_authenticated:
                    return redirect("/login")
                return super().dispatch(request, *args, **kwargs)

            def post(self, request, pk):
                Note.objects.filter(pk=pk).update(archived=True)
                return redirect("/")
      `,
    },
    {
      name: 'Django look-alikes: sign-up, a GET-only class method, require_GET, helpers, non-view classes',
      path: 'accounts/views.py',
      code: `
        from django.contrib.auth.decorators import login_required
        from django.shortcuts import redirect
        from django.views.generic import View
        from django.views.decorators.http import require_GET
        from .forms import SignUpForm
        from .models import Visit

        def signup(request):
            form = SignUpForm(request.POST)
            if form.is_valid():
                form.save()
            return redirect("/")

        class PageView(View):
            def get(self, request):
                Visit.objects.create(path=request.path)
                return redirect("/")

        @require_GET
        def landing(request):
            Visit.objects.create(path=request.path)
            return redirect("/")

        def archive(note):
            note.save()

        def _remember(request):
            Visit.objects.create(path=request.path)

        def log_visit(request):
            Visit.objects.create(path=request.path)

        @login_required
        def dashboard(request):
            log_visit(request)
            _remember(request)
            return redirect("/")

        class Exporter:
            def post(self, request):
                Visit.objects.all().delete()
      `,
    },
    {
      name: 'a Flask-looking function in a file without Django is not a Django view',
      code: `
        from .models import Note

        def add_note(request):
            Note.objects.create(text=request.POST["text"])
      `,
    },
    {
      name: 'attribute assignments that write nothing: a new object, a row with no transaction around it',
      code: `
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/preview", methods=["POST"])
        def preview():
            draft = Draft()
            draft.title = request.form["title"]
            row = Draft.query.get(1)
            row.title = "shown, not saved"
            return render_template("draft.html", draft=draft, row=row)
      `,
    },
    {
      name: 'a first-run installer writes only while the app is not set up',
      code: `
        from flask import Blueprint, request, redirect
        from .config import is_setup, set_config
        from .db import db
        bp = Blueprint("views", __name__)

        @bp.route("/setup", methods=["GET", "POST"])
        def setup():
            if not is_setup():
                if request.method == "POST":
                    db.session.add(Admin(name=request.form["name"]))
                    set_config("setup", True)
                    db.session.commit()
            return redirect("/")

        @bp.route("/install", methods=["POST"])
        def install():
            if is_setup():
                return redirect("/")
            db.session.add(Admin(name=request.form["name"]))
            db.session.commit()
            return redirect("/")
      `,
    },
  ],
  invalid: [
    {
      name: 'psycopg2 UPDATE/INSERT from a POST with no authentication',
      code: `
        from decimal import Decimal
        from flask import Blueprint, request
        from ..db import ledger_connection
        bp = Blueprint("accounts", __name__)

        @bp.route("/<int:account_id>/transfers", methods=["POST"])
        def create_transfer(account_id):
            amount = Decimal(request.form["amount"])
            conn = ledger_connection()
            with conn, conn.cursor() as cur:
                cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (amount, account_id))
            return "", 201
      `,
      findings: [
        {
          line: 6,
          message: /POST \/<int:account_id>\/transfers changes data \(UPDATE through cur\.execute\(\), line 11\)/,
        },
      ],
    },
    {
      name: 'DELETE with an f-string, and a commit after changing a row',
      code: `
        from flask import Blueprint, request, abort
        bp = Blueprint("admin", __name__)

        @bp.route("/users/<int:user_id>", methods=["DELETE"])
        def delete_user(user_id):
            with conn.cursor() as cur:
                cur.execute(f"DELETE FROM users WHERE id = {user_id}")
            return "", 204

        @bp.route("/users/<int:user_id>/promote", methods=["POST"])
        def promote(user_id):
            claims = read_partner_token(request.headers.get("Authorization", ""))
            if claims.get("role") != "admin":
                abort(403)
            user = User.query.get_or_404(user_id)
            user.is_admin = True
            db.session.commit()
      `,
      findings: [
        { line: 4, message: /DELETE \/users\/<int:user_id> changes data \(DELETE through cur\.execute\(\)/ },
        { line: 10, message: /db\.session\.commit\(\)/ },
      ],
    },
    {
      name: 'CockroachDB UPSERT through SQLAlchemy text(), and an ORM delete from a query',
      code: `
        from flask import Flask, request
        from sqlalchemy import text
        app = Flask(__name__)

        @app.put("/settings/<key>")
        def put_setting(key):
            with engine.begin() as conn:
                conn.execute(text("UPSERT INTO settings (k, v) VALUES (:k, :v)"), {"k": key, "v": request.json["v"]})
            return "", 204

        @app.delete("/notes/<nid>")
        def drop_note(nid):
            Note.query.filter(Note.id == nid).delete()
      `,
      findings: [
        { line: 5, message: /PUT .*UPSERT through conn\.execute\(\)/ },
        { line: 11, message: /query's \.delete\(\)/ },
      ],
    },
    {
      name: 'SQLAlchemy insert() construct, a statement from a variable, asyncpg',
      code: `
        from flask import Flask, request
        from sqlalchemy import insert
        app = Flask(__name__)

        @app.route("/events", methods=["POST"])
        def add_event():
            stmt = insert(Event).values(name=request.json["name"])
            db.session.execute(stmt)

        SQL = "INSERT INTO audit (msg) VALUES ($1)"

        @app.route("/audit", methods=["POST"])
        async def audit():
            async with pool.acquire() as conn:
                await conn.execute(SQL, request.json["msg"])
      `,
      findings: [
        { line: 5, message: /SQLAlchemy insert\(\)/ },
        { line: 12, message: /INSERT through conn\.execute\(\)/ },
      ],
    },
    {
      name: 'a write in a helper function of the same file; a MethodView; add_url_rule',
      code: `
        from flask import Flask, request
        from flask.views import MethodView
        app = Flask(__name__)

        def save_comment(body):
            db.session.add(Comment(body=body))
            db.session.commit()

        def comment():
            save_comment(request.form["body"])
            return "", 201

        class ItemAPI(MethodView):
            def patch(self, item_id):
                Item.query.filter_by(id=item_id).update({"name": request.json["name"]})
                db.session.commit()

        app.add_url_rule("/comments", view_func=comment, methods=["POST"])
        app.add_url_rule("/items/<int:item_id>", view_func=ItemAPI.as_view("item"))
      `,
      findings: [
        { line: 14, message: /PATCH \/items/ },
        { line: 18, message: /save_comment\(\), which runs db\.session\.add\(\)/ },
      ],
    },
    {
      name: 'an auth decorator above the route does not protect it',
      code: `
        from flask import Flask
        from flask_login import login_required
        app = Flask(__name__)

        @login_required
        @app.route("/accounts/<int:account_id>", methods=["DELETE"])
        def close(account_id):
            db.session.delete(Account.query.get(account_id))
            db.session.commit()
      `,
      findings: [{ line: 6 }],
    },
    {
      name: 'peewee update().where().execute() and a model mixin delete()',
      code: `
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/tweets/<int:tid>/done", methods=["POST"])
        def done(tid):
            Tweet.update(done=True).where(Tweet.id == tid).execute()

        @app.route("/notes/<int:nid>", methods=["DELETE"])
        def remove(nid):
            note = Note.query.get_or_404(nid)
            note.delete()
      `,
      findings: [
        { line: 4, message: /update\(\)\.execute\(\)/ },
        { line: 8, message: /note\.delete\(\)/ },
      ],
    },
    {
      name: 'a webhook without a signature check',
      code: `
        from flask import Flask, request
        app = Flask(__name__)

        @app.route("/webhooks/payment", methods=["POST"])
        def payment_webhook():
            order = Order.query.get(request.json["order_id"])
            order.paid = True
            db.session.commit()
      `,
      findings: [{ line: 4 }],
    },
    {
      name: 'Django function views that save a form or delete by URL id, on any method',
      path: 'tasks/views.py',
      code: `
        from django.shortcuts import render, redirect
        from .forms import TaskForm
        from .models import Task

        def new_task(request):
            if request.method == "POST":
                form = TaskForm(request.POST)
                if form.is_valid():
                    form.save()
                    return redirect("/")
            return render(request, "new.html", {"form": TaskForm()})

        def drop_task(request, task_id):
            Task.objects.get(id=task_id).delete()
            return redirect("/")

        def finish(request, task_id):
            task = Task.objects.get(id=task_id)
            task.done = True
            task.save()
            return redirect("/")
      `,
      findings: [
        { line: 5, message: /Django view new_task\(\) changes data on any HTTP method/ },
        { line: 13, message: /drop_task\(\) changes data on any HTTP method \(GET too\) \(a query's \.delete\(\)/ },
        { line: 17, message: /task\.save\(\)/ },
      ],
    },
    {
      name: 'a csrf_exempt Django class view whose post, put and delete write with no authentication',
      path: 'items/views.py',
      code: `
        import json
        from django.http import HttpResponse
        from django.utils.decorators import method_decorator
        from django.views.decorators.csrf import csrf_exempt
        from django.views.generic import View
        from django.db.transaction import atomic
        from .models import Item

        @method_decorator(csrf_exempt, name="dispatch")
        class ItemView(View):
            def get(self, request, pk=None):
                return HttpResponse(status=200)

            @atomic
            def post(self, request):
                Item.objects.create(**json.loads(request.body))
                return HttpResponse(status=201)

            def put(self, request, pk):
                Item(id=pk, text=json.loads(request.body)["text"]).save()
                return HttpResponse(status=200)

            def delete(self, request, pk):
                Item.objects.filter(id=pk).delete()
                return HttpResponse(status=200)
      `,
      findings: [
        { line: 15, message: /ItemView\.post\(\) changes data on POST \(Item\.objects\.create\(\)/ },
        { line: 19, message: /ItemView\.put\(\)/ },
        { line: 23, message: /ItemView\.delete\(\)/ },
      ],
    },
    {
      name: 'Flask rows changed by attribute inside run_transaction or a with session.begin() block',
      code: `
        from flask import Flask, request, redirect
        from sqlalchemy.orm import sessionmaker
        from sqlalchemy_cockroachdb import run_transaction
        app = Flask(__name__)
        Session = sessionmaker(engine)

        @app.route("/done", methods=["POST"])
        def mark_done():
            def callback(session):
                for todo in session.query(Todo).all():
                    todo.done = str(todo.id) in request.form
            run_transaction(Session, callback)
            return redirect("/")

        @app.route("/rename/<int:todo_id>", methods=["POST"])
        def rename(todo_id):
            with Session.begin() as session:
                todo = session.query(Todo).filter_by(id=todo_id).one()
                todo.title = request.form["title"]
            return redirect("/")
      `,
      findings: [
        { line: 7, message: /todo\.done = … on a queried row, committed by run_transaction\(…, callback\)/ },
        { line: 15, message: /todo\.title = … on a queried row/ },
      ],
    },
    {
      name: 'a setup check that does not gate the write',
      code: `
        from flask import Blueprint, request, redirect
        from .config import is_setup
        from .db import db
        bp = Blueprint("views", __name__)

        @bp.route("/setup", methods=["POST"])
        def setup():
            if not is_setup():
                db.session.add(Admin(name=request.form["name"]))
            db.session.add(Setting(key="theme", value=request.form["theme"]))
            db.session.commit()
            return redirect("/")
      `,
      findings: [{ line: 6 }],
    },
  ],
});
