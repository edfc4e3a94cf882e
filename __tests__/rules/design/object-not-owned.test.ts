import { objectNotOwned } from '../../../src/rules/design/object-not-owned.js';
import { ruleTester } from '../../helpers/rule-tester.js';

const HEAD = `
from flask import Blueprint, abort, g, jsonify, request, session
from flask_login import current_user, login_required
from sqlalchemy import select, text
from ..db import db
from ..models import Account, Document, Post
bp = Blueprint("accounts", __name__)
`;

ruleTester(objectNotOwned, {
  valid: [
    {
      name: 'the owner in the select() where clause',
      code: `${HEAD}
@bp.route("/<int:account_id>")
@login_required
def show_account(account_id):
    account = db.first_or_404(select(Account).where(Account.id == account_id, Account.owner_id == current_user.id))
    return jsonify(id=account.id)
`,
    },
    {
      name: 'filter_by with the user id',
      code: `${HEAD}
@bp.route("/docs/<int:doc_id>")
@login_required
def show_doc(doc_id):
    doc = Document.query.filter_by(id=doc_id, user_id=current_user.id).first_or_404()
    return jsonify(title=doc.title)
`,
    },
    {
      name: 'a comparison after loading, with abort(403)',
      code: `${HEAD}
@bp.route("/posts/<int:post_id>", methods=["DELETE"])
@login_required
def delete_post(post_id):
    post = Post.query.get_or_404(post_id)
    if post.author_id != current_user.id:
        abort(403)
    db.session.delete(post)
    db.session.commit()
`,
    },
    {
      name: 'through the relationship of current_user',
      code: `${HEAD}
@bp.route("/<int:account_id>/close", methods=["POST"])
@login_required
def close(account_id):
    account = current_user.accounts.filter_by(id=account_id).first_or_404()
    account.closed = True
    db.session.commit()
`,
    },
    {
      name: 'raw SQL with the owner bound from the session',
      code: `${HEAD}
@bp.route("/<int:account_id>/balance")
@login_required
def balance(account_id):
    cur.execute("SELECT balance FROM accounts WHERE id = %s AND owner_id = %s", (account_id, session["user_id"]))
    return jsonify(balance=cur.fetchone()[0])
`,
    },
    {
      name: 'get_jwt_identity through a variable',
      code: `${HEAD}
from flask_jwt_extended import get_jwt_identity, jwt_required

@bp.get("/api/orders/<uuid:order_id>")
@jwt_required()
def order(order_id):
    uid = get_jwt_identity()
    o = db.session.get(Order, order_id)
    if o is None or o.customer_id != uid:
        abort(404)
    return jsonify(o.to_dict())
`,
    },
    {
      name: 'a permission check call and an owner decorator',
      code: `${HEAD}
@bp.route("/docs/<int:doc_id>", methods=["PUT"])
@login_required
def edit_doc(doc_id):
    doc = Document.query.get_or_404(doc_id)
    authorize(current_user, "edit", doc)
    doc.body = request.json["body"]
    db.session.commit()

@bp.route("/docs/<int:doc_id>/share", methods=["POST"])
@login_required
@owner_required
def share(doc_id):
    doc = Document.query.get_or_404(doc_id)
`,
    },
    {
      name: 'the flaskr pattern: a helper that loads and checks the author',
      code: `
from flask import Blueprint, g, abort
from .auth import login_required
from .db import get_db
bp = Blueprint("blog", __name__)

def get_post(id, check_author=True):
    post = get_db().execute("SELECT p.id, author_id FROM post p WHERE p.id = ?", (id,)).fetchone()
    if post is None:
        abort(404)
    if check_author and post["author_id"] != g.user["id"]:
        abort(403)
    return post

@bp.route("/<int:id>/update", methods=("GET", "POST"))
@login_required
def update(id):
    post = get_post(id)
    get_db().execute("UPDATE post SET title = ? WHERE id = ?", ("t", id))
    get_db().commit()
`,
    },
    {
      name: 'admin views (decorator, blueprint prefix)',
      code: `
from flask import Blueprint
from flask_login import login_required
from flask_security import roles_required
admin = Blueprint("admin", __name__, url_prefix="/admin")
bp = Blueprint("users", __name__)

@admin.route("/users/<int:user_id>")
@login_required
def user_detail(user_id):
    return User.query.get_or_404(user_id).email

@bp.route("/users/<int:user_id>/ban", methods=["POST"])
@roles_required("admin")
def ban(user_id):
    User.query.get_or_404(user_id).banned = True
`,
    },
    {
      name: 'a public read-only view with no authentication (a blog post)',
      code: `
from flask import Flask, render_template
app = Flask(__name__)

@app.route("/post/<int:post_id>")
def show_post(post_id):
    post = Post.query.get_or_404(post_id)
    return render_template("post.html", post=post)
`,
    },
    {
      name: 'page numbers and reset tokens are not object ids',
      code: `${HEAD}
@bp.route("/list/<int:page>")
@login_required
def listing(page):
    return Post.query.paginate(page=page)

@bp.route("/reset/<token>", methods=["POST"])
def reset(token):
    user = User.query.filter_by(reset_token=token).first_or_404()
    user.set_password(request.form["password"])
    db.session.commit()
`,
    },
    {
      name: 'the id used only in a dict lookup and a redirect',
      code: `${HEAD}
@bp.route("/go/<int:item_id>")
@login_required
def go(item_id):
    target = REDIRECTS.get(item_id)
    return redirect(url_for("accounts.show_account", account_id=item_id))
`,
    },
    {
      name: 'a comment of the signed-in user on any post (the post is not changed)',
      code: `${HEAD}
@bp.route("/add_comment/<post_id>", methods=["POST"])
@login_required
def add_comment(post_id):
    post = Post.query.get(post_id)
    if post:
        comment = Comment(text=request.form["text"], author=current_user.id, post_id=post.id)
        db.session.add(comment)
        db.session.commit()
`,
    },
    {
      name: 'a to-do app without accounts: every row belongs to everyone',
      code: `
from flask import Flask, request, redirect
from flask_sqlalchemy import SQLAlchemy
app = Flask(__name__)
db = SQLAlchemy(app)

@app.route('/update/<int:id>', methods=['GET', 'POST'])
def update(id):
    task = Todo.query.get_or_404(id)
    if request.method == 'POST':
        task.content = request.form['content']
        db.session.commit()
    return redirect('/')
`,
    },
    {
      name: 'an inline administrator check on the role',
      code: `
from flask import Blueprint, jsonify
from flask_jwt_extended import jwt_required
portfolio_bp = Blueprint("portfolio", __name__)

@portfolio_bp.delete('/portfolio/<int:pid>')
@jwt_required()
def delete_project(pid):
    if current_user_role() != 'admin':
        return jsonify({'message': 'Admin only'}), 403
    p = db.session.get(PortfolioProject, pid)
    db.session.delete(p)
    db.session.commit()
`,
    },
    {
      name: 'a user page read by id (profiles are meant to be seen)',
      code: `
from flask import jsonify
from app.api import bp
from app.api.auth import token_auth

@bp.route('/users/<int:id>', methods=['GET'])
@token_auth.login_required
def get_user(id):
    return jsonify(User.query.get_or_404(id).to_dict())
`,
    },
    {
      name: 'the signed-in user injected by a token decorator and compared',
      code: `
from flask import Flask, jsonify
app = Flask(__name__)

@app.route("/todo/<todo_id>", methods=["GET"])
@token_required
def get_one_todo(current_user, todo_id):
    todo = Todo.query.filter_by(id=todo_id, user_id=current_user.id).first()
    return jsonify(todo.text)
`,
    },
    {
      name: "an id that indexes the caller's own session store (handed to the runner with Flask's session)",
      code: `${HEAD}
@bp.route("/query/<int:trans_id>", methods=["POST"])
@login_required
def run_query(trans_id):
    sql = request.get_json()["sql"]
    return QueryRunner(bp).execute(sql, trans_id, session, True)
`,
    },
    {
      name: 'Django views that select through request.user, for staff, or in an app without accounts',
      path: 'notes/views.py',
      code: `
        from django.contrib.auth.decorators import login_required, permission_required
        from django.contrib.admin.views.decorators import staff_member_required
        from django.contrib.auth.mixins import LoginRequiredMixin
        from django.shortcuts import get_object_or_404, redirect, render
        from django.views import View
        from .models import Note

        @login_required
        def show(request, pk):
            note = get_object_or_404(Note, pk=pk, owner=request.user)
            return render(request, "note.html", {"note": note})

        @login_required
        def drop(request, note_id):
            request.user.notes.get(id=note_id).delete()
            return redirect("/")

        @staff_member_required
        def moderate(request, note_id):
            Note.objects.filter(id=note_id).delete()
            return redirect("/")

        @permission_required("notes.change_note")
        def pin(request, pk):
            note = Note.objects.get(pk=pk)
            note.pinned = True
            note.save()
            return redirect("/")

        class NoteView(LoginRequiredMixin, View):
            def delete(self, request, pk):
                Note.objects.filter(pk=pk, owner=self.request.user).delete()
                return redirect("/")

        def public_note(request, slug):
            return render(request, "note.html", {"note": Note.objects.get(slug=slug)})
      `,
    },
    {
      name: 'a Django app without accounts: rows belong to everyone (unprotected-state-change reports the writes)',
      path: 'todo/views.py',
      code: `
        from django.shortcuts import redirect
        from .models import Task

        def finish(request, task_id):
            task = Task.objects.get(id=task_id)
            task.done = True
            task.save()
            return redirect("/")
      `,
    },
  ],
  invalid: [
    {
      name: 'the row is changed while a row of the user is added: still reported',
      code: `${HEAD}
@bp.route("/<int:account_id>/withdraw", methods=["POST"])
@login_required
def withdraw(account_id):
    account = Account.query.get_or_404(account_id)
    account.balance -= 100
    db.session.add(Transfer(account_id=account.id, user_id=current_user.id, amount=100))
    db.session.commit()
`,
      findings: [{ line: 11, message: /read or change/ }],
    },
    {
      name: 'get_or_404 by the path id behind login_required',
      code: `${HEAD}
@bp.route("/<int:account_id>")
@login_required
def show_account(account_id):
    account = Account.query.get_or_404(account_id)
    return jsonify(id=account.id, balance=str(account.balance))
`,
      findings: [
        { line: 11, message: /<int:account_id> selects a row with `Account\.query\.get_or_404\(account_id\)`/ },
      ],
    },
    {
      name: 'raw SQL interpolated with %, and db.session.get',
      code: `${HEAD}
@bp.route("/<int:account_id>/transfers")
@login_required
def list_transfers(account_id):
    order = request.args.get("order", "created_at DESC")
    rows = db.session.execute(
        text("SELECT id, amount FROM transfers WHERE account_id = %d ORDER BY %s" % (account_id, order))
    )
    return jsonify([dict(r._mapping) for r in rows])

@bp.route("/docs/<uuid:doc_id>")
@login_required
def doc(doc_id):
    return jsonify(db.session.get(Document, doc_id).to_dict())
`,
      findings: [
        { line: 12, message: /list_transfers\(\)/ },
        { line: 20, message: /<uuid:doc_id> selects a row with `db\.session\.get\(Document, doc_id\)`/ },
      ],
    },
    {
      name: 'a write with no authentication at all (read or change)',
      code: `${HEAD}
@bp.route("/<int:account_id>/transfers", methods=["POST"])
def create_transfer(account_id):
    with conn.cursor() as cur:
        cur.execute("UPDATE accounts SET balance = balance - %s WHERE id = %s", (request.form["amount"], account_id))
`,
      findings: [{ line: 11, message: /read or change another user's record/ }],
    },
    {
      name: 'filter_by and select().where with the path id, JWT-protected API',
      code: `
from flask import Blueprint, jsonify, request
from flask_jwt_extended import jwt_required
from sqlalchemy import select
api = Blueprint("api", __name__, url_prefix="/api")

@api.get("/invoices/<int:invoice_id>")
@jwt_required()
def invoice(invoice_id):
    inv = Invoice.query.filter_by(id=invoice_id).first_or_404()
    return jsonify(inv.to_dict())

@api.patch("/invoices/<int:invoice_id>")
@jwt_required()
def update_invoice(invoice_id):
    inv = db.session.scalars(select(Invoice).where(Invoice.id == invoice_id)).one()
    inv.memo = request.json["memo"]
    db.session.commit()
`,
      findings: [
        { line: 9, message: /filter_by\(id=invoice_id\)/ },
        { line: 15, message: /read or change/ },
      ],
    },
    {
      name: 'a MethodView behind a blueprint guard, loading by pk',
      code: `
from flask import Blueprint, abort
from flask.views import MethodView
from flask_login import current_user
bp = Blueprint("api", __name__)

@bp.before_request
def require_login():
    if not current_user.is_authenticated:
        abort(401)

class NoteAPI(MethodView):
    def get(self, pk):
        return Note.query.get(pk).to_dict()

bp.add_url_rule("/notes/<int:pk>", view_func=NoteAPI.as_view("note"))
`,
      findings: [{ line: 13, message: /GET \/notes\/<int:pk>/ }],
    },
    {
      name: 'a helper in the same file does the select without a check',
      code: `${HEAD}
def load_account(aid):
    return Account.query.filter(Account.id == aid).first_or_404()

@bp.route("/<int:account_id>/statement")
@login_required
def statement(account_id):
    account = load_account(account_id)
    return jsonify(account.statement())
`,
      findings: [{ line: 14, message: /load_account\(account_id\) → Account\.query\.filter/ }],
    },
    {
      name: 'an unknown statement run with the path id and no session store',
      code: `${HEAD}
@bp.route("/query/<int:trans_id>", methods=["POST"])
@login_required
def run_query(trans_id):
    sql = request.get_json()["sql"]
    return QueryRunner(bp).execute(sql, trans_id, True)
`,
      findings: [{ line: 12, message: /<int:trans_id> selects a row/ }],
    },
    {
      name: 'Django views behind login_required or a mixin that select by the URL id alone',
      path: 'notes/views.py',
      code: `
        from django.contrib.auth.decorators import login_required
        from django.contrib.auth.mixins import LoginRequiredMixin
        from django.shortcuts import get_object_or_404, redirect, render
        from django.views import View
        from .models import Note

        @login_required
        def show(request, pk):
            note = get_object_or_404(Note, pk=pk)
            return render(request, "note.html", {"note": note})

        class NoteView(LoginRequiredMixin, View):
            def delete(self, request, note_id):
                Note.objects.filter(id=note_id).delete()
                return redirect("/")

        def finish(request, note_id):
            note = Note.objects.get(id=note_id)
            note.done = True
            note.save()
            return redirect("/")
      `,
      findings: [
        {
          line: 9,
          message: /Django view show\(\): the URL parameter pk selects a row with `get_object_or_404\(Note, pk=pk\)`/,
        },
        { line: 14, message: /NoteView\.delete\(\).*read or change/ },
        { line: 18, message: /finish\(\)/ },
      ],
    },
  ],
});
