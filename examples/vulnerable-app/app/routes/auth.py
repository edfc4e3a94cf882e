import logging

from flask import Blueprint, abort, jsonify, make_response, request
from flask_login import login_user, logout_user
from sqlalchemy import text

from ..db import db
from ..models import User
from ..security import issue_access_token, password_reset_code

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)

_reset_attempts = {}


@bp.route("/login", methods=["POST"])
def login():
    email = request.form["email"]
    password = request.form["password"]
    log.info("login attempt email=%s password=%s", email, password)

    row = db.session.execute(text(f"SELECT id, password_hash FROM users WHERE email = '{email}'")).first()
    user = db.session.get(User, row.id) if row else None
    if user is None or not user.check_password(password):
        abort(401)

    login_user(user, remember=True)
    token = issue_access_token(user.id)
    response = make_response(jsonify(token=token))
    response.set_cookie("ledger_token", token, secure=False, httponly=False)
    return response


@bp.route("/logout", methods=["POST"])
def logout():
    logout_user()
    return "", 204


@bp.route("/register", methods=["POST"])
def register():
    user = User(email=request.form["email"])
    user.set_password(request.form["password"])
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id, api_token=user.issue_api_token()), 201


@bp.route("/password-reset", methods=["POST"])
def password_reset():
    client_ip = request.headers.get("X-Forwarded-For", request.remote_addr)
    _reset_attempts[client_ip] = _reset_attempts.get(client_ip, 0) + 1
    if _reset_attempts[client_ip] > 5:
        abort(429)
    user = User.query.filter_by(email=request.form["email"]).first_or_404()
    user.reset_code = password_reset_code()
    db.session.commit()
    return "", 202


@bp.route("/password-reset/confirm", methods=["POST"])
def password_reset_confirm():
    user = User.query.filter_by(email=request.form["email"]).first_or_404()
    if not user.reset_code or user.reset_code != request.form["code"]:
        abort(403)
    user.password_hash = request.form["password"]
    user.reset_code = None
    db.session.commit()
    return "", 204


@bp.route("/token", methods=["POST"])
def token():
    user = User.query.filter_by(api_token=request.form["api_token"]).first()
    if user is None:
        abort(401)
    return jsonify(token=issue_access_token(user.id))
