from functools import wraps

from flask import Blueprint, abort, jsonify
from flask_login import current_user, login_required

from ..db import db, reporting_connection
from ..models import User

bp = Blueprint("admin", __name__)


def admin_required(view):
    @wraps(view)
    def wrapped(*args, **kwargs):
        if not current_user.is_authenticated or not current_user.is_admin:
            abort(403)
        return view(*args, **kwargs)

    return wrapped


@bp.route("/users/<int:user_id>", methods=["DELETE"])
@login_required
@admin_required
def delete_user(user_id):
    if user_id == current_user.id:
        abort(400, "an administrator cannot delete their own account")
    user = db.get_or_404(User, user_id)
    db.session.delete(user)
    db.session.commit()
    return "", 204


@bp.route("/users/<int:user_id>/promote", methods=["POST"])
@login_required
@admin_required
def promote(user_id):
    if user_id == current_user.id:
        abort(400, "already an administrator")
    user = db.get_or_404(User, user_id)
    user.is_admin = True
    db.session.commit()
    return jsonify(id=user.id, is_admin=True)


@bp.route("/report")
@login_required
@admin_required
def report():
    conn = reporting_connection()
    with conn, conn.cursor() as cur:
        cur.execute("SELECT count(*), sum(balance) FROM accounts")
        count, total = cur.fetchone()
    return jsonify(accounts=count, total=str(total))
