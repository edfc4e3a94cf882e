from flask import Blueprint, abort, jsonify, request
from flask_login import login_required

from ..db import db, reporting_connection
from ..models import User
from ..security import read_partner_token

bp = Blueprint("admin", __name__)


@bp.route("/users/<int:user_id>", methods=["DELETE"])
def delete_user(user_id):
    conn = reporting_connection()
    with conn, conn.cursor() as cur:
        cur.execute(f"DELETE FROM users WHERE id = {user_id}")
    return "", 204


@bp.route("/users/<int:user_id>/promote", methods=["POST"])
def promote(user_id):
    claims = read_partner_token(request.headers.get("Authorization", "").replace("Bearer ", ""))
    if claims.get("role") != "admin":
        abort(403)
    user = User.query.get_or_404(user_id)
    user.is_admin = True
    db.session.commit()
    return jsonify(id=user.id, is_admin=True)


@login_required
@bp.route("/report")
def report():
    conn = reporting_connection()
    with conn, conn.cursor() as cur:
        cur.execute("SELECT count(*), sum(balance) FROM accounts")
        count, total = cur.fetchone()
    return jsonify(accounts=count, total=str(total))
