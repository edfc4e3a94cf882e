import hmac
import logging
from datetime import datetime, timedelta, timezone

from flask import Blueprint, abort, jsonify, make_response, request
from flask_login import login_required, login_user, logout_user
from sqlalchemy import select

from ..db import db
from ..extensions import limiter
from ..models import User, token_digest
from ..security import ACCESS_TOKEN_LIFETIME, issue_access_token, password_reset_code

bp = Blueprint("auth", __name__)
log = logging.getLogger(__name__)


@bp.route("/login", methods=["POST"])
@limiter.limit("5 per minute")
def login():
    user = db.session.scalars(select(User).where(User.email == request.form["email"])).first()
    if user is None or not user.check_password(request.form["password"]):
        abort(401)

    login_user(user)
    db.session.commit()  # check_password may have upgraded the hash
    log.info("login user_id=%s", user.id)
    token = issue_access_token(user.id)
    response = make_response(jsonify(token=token))
    response.set_cookie(
        "ledger_token",
        token,
        max_age=int(ACCESS_TOKEN_LIFETIME.total_seconds()),
        secure=True,
        httponly=True,
        samesite="Strict",
    )
    return response


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    return "", 204


@bp.route("/register", methods=["POST"])
@limiter.limit("3 per hour")
def register():
    user = User(email=request.form["email"])
    user.set_password(request.form["password"])
    token = user.issue_api_token()
    db.session.add(user)
    db.session.commit()
    return jsonify(id=user.id, api_token=token), 201


@bp.route("/password-reset", methods=["POST"])
@limiter.limit("5 per hour")
def password_reset():
    user = db.session.scalars(select(User).where(User.email == request.form["email"])).first()
    if user is not None:
        code = password_reset_code()
        user.reset_code_digest = token_digest(code)
        user.reset_code_expires = datetime.now(timezone.utc) + timedelta(minutes=10)
        db.session.commit()
        # The code goes out by email (not shown); it is never logged.
    return "", 202


@bp.route("/password-reset/confirm", methods=["POST"])
@limiter.limit("5 per hour")
def password_reset_confirm():
    user = db.session.scalars(select(User).where(User.email == request.form["email"])).first()
    if (
        user is None
        or user.reset_code_digest is None
        or user.reset_code_expires < datetime.now(timezone.utc)
        or not hmac.compare_digest(user.reset_code_digest, token_digest(request.form["code"]))
    ):
        abort(403)
    user.set_password(request.form["password"])
    user.reset_code_digest = None
    user.reset_code_expires = None
    db.session.commit()
    return "", 204


@bp.route("/token", methods=["POST"])
@limiter.limit("10 per minute")
def token():
    digest = token_digest(request.form["api_token"])
    user = db.session.scalars(select(User).where(User.api_token_digest == digest)).first()
    if user is None or not hmac.compare_digest(user.api_token_digest, digest):
        abort(401)
    return jsonify(token=issue_access_token(user.id))
