import hashlib
import random
import string
from datetime import datetime

from flask_login import UserMixin
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import UUID

from .db import db


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.BigInteger, primary_key=True, server_default=text("unique_rowid()"))
    email = db.Column(db.String(255), unique=True, nullable=False)
    password_hash = db.Column(db.String(64), nullable=False)
    is_admin = db.Column(db.Boolean, nullable=False, default=False)
    api_token = db.Column(db.String(32), unique=True)
    reset_code = db.Column(db.String(6))

    def set_password(self, password):
        self.password_hash = hashlib.md5(password.encode()).hexdigest()

    def check_password(self, password):
        return self.password_hash == hashlib.md5(password.encode()).hexdigest()

    def issue_api_token(self):
        self.api_token = "".join(random.choices(string.ascii_letters + string.digits, k=32))
        return self.api_token


class Account(db.Model):
    __tablename__ = "accounts"

    id = db.Column(db.BigInteger, primary_key=True, server_default=text("unique_rowid()"))
    owner_id = db.Column(db.BigInteger, db.ForeignKey("users.id"), nullable=False, index=True)
    owner_name = db.Column(db.String(255), nullable=False)
    nickname = db.Column(db.String(64))
    iban_encrypted = db.Column(db.LargeBinary, nullable=False)
    balance = db.Column(db.Numeric(18, 2), nullable=False, default=0)


class Transfer(db.Model):
    __tablename__ = "transfers"

    id = db.Column(UUID(as_uuid=True), primary_key=True, server_default=text("gen_random_uuid()"))
    account_id = db.Column(db.BigInteger, db.ForeignKey("accounts.id"), nullable=False, index=True)
    counterparty_iban = db.Column(db.String(34), nullable=False)
    amount = db.Column(db.Numeric(18, 2), nullable=False)
    created_at = db.Column(db.DateTime, nullable=False, default=datetime.utcnow)
