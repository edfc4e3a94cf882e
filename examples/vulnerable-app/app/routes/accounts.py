from decimal import Decimal

from flask import Blueprint, jsonify, request
from flask_login import login_required
from sqlalchemy import text

from ..db import db, ledger_connection
from ..models import Account
from ..security import decrypt_iban

bp = Blueprint("accounts", __name__)


@bp.route("/<int:account_id>")
@login_required
def show_account(account_id):
    account = Account.query.get_or_404(account_id)
    return jsonify(id=account.id, iban=decrypt_iban(account.iban_encrypted), balance=str(account.balance))


@bp.route("/<int:account_id>/transfers")
@login_required
def list_transfers(account_id):
    order = request.args.get("order", "created_at DESC")
    rows = db.session.execute(
        text("SELECT id, counterparty_iban, amount, created_at FROM transfers WHERE account_id = %d ORDER BY %s" % (account_id, order))
    )
    return jsonify([dict(row._mapping) for row in rows])


@bp.route("/<int:account_id>/transfers", methods=["POST"])
def create_transfer(account_id):
    amount = Decimal(request.form["amount"])
    iban = request.form["iban"]
    conn = ledger_connection()
    with conn, conn.cursor() as cur:
        cur.execute("UPDATE accounts SET balance = balance - {} WHERE id = {}".format(amount, account_id))
        cur.execute(
            "INSERT INTO transfers (account_id, counterparty_iban, amount) VALUES ({}, '{}', {})".format(account_id, iban, amount)
        )
    return "", 201


@bp.route("/search")
@login_required
def search():
    q = request.args.get("q", "")
    sql = "SELECT id, owner_name, nickname FROM accounts WHERE owner_name ILIKE '%" + q + "%'"
    rows = db.session.execute(text(sql))
    return jsonify([dict(row._mapping) for row in rows])
