from decimal import Decimal, InvalidOperation

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required
from sqlalchemy import select, text

from ..db import db
from ..models import Account, Transfer
from ..security import decrypt_iban

bp = Blueprint("accounts", __name__)

SORT_COLUMNS = {"date": Transfer.created_at.desc(), "amount": Transfer.amount.desc()}


@bp.route("/<int:account_id>")
@login_required
def show_account(account_id):
    account = db.first_or_404(select(Account).where(Account.id == account_id, Account.owner_id == current_user.id))
    return jsonify(id=account.id, iban=decrypt_iban(account.iban_encrypted, account.id), balance=str(account.balance))


@bp.route("/<int:account_id>/transfers")
@login_required
def list_transfers(account_id):
    db.first_or_404(select(Account).where(Account.id == account_id, Account.owner_id == current_user.id))
    order = SORT_COLUMNS.get(request.args.get("order", "date"), Transfer.created_at.desc())
    transfers = db.session.scalars(select(Transfer).where(Transfer.account_id == account_id).order_by(order).limit(100))
    return jsonify([{"id": str(t.id), "iban": t.counterparty_iban, "amount": str(t.amount)} for t in transfers])


@bp.route("/<int:account_id>/transfers", methods=["POST"])
@login_required
def create_transfer(account_id):
    try:
        amount = Decimal(request.form["amount"])
    except InvalidOperation:
        abort(400)
    if amount <= 0:
        abort(400)
    result = db.session.execute(
        text(
            "UPDATE accounts SET balance = balance - :amount "
            "WHERE id = :account_id AND owner_id = :owner_id AND balance >= :amount"
        ),
        {"amount": amount, "account_id": account_id, "owner_id": current_user.id},
    )
    if result.rowcount != 1:
        abort(404)
    db.session.add(Transfer(account_id=account_id, counterparty_iban=request.form["iban"], amount=amount))
    db.session.commit()
    return "", 201


@bp.route("/search")
@login_required
def search():
    q = request.args.get("q", "")
    accounts = db.session.scalars(
        select(Account).where(Account.owner_id == current_user.id, Account.nickname.contains(q, autoescape=True))
    )
    return jsonify([{"id": a.id, "nickname": a.nickname} for a in accounts])
