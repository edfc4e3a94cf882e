import hashlib
import secrets
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import VerificationError
from flask_login import UserMixin
from sqlalchemy import text
from sqlalchemy.dialects.postgresql import UUID

from .db import db

_hasher = PasswordHasher()


def _now():
    return datetime.now(timezone.utc)


class User(UserMixin, db.Model):
    __tablename__ = "users"

    id = db.Column(db.BigInteger, primary_key=True, server_default=text("unique_rowid()"))
    email = db.Column(db.String(255), unique=True, nullable=False)
    password_hash = db.Column(db.String(128), nullable=False)
    is_admin = db.Column(db.Boolean, nullable=False, default=False)
    # Only a digest of the API token is stored; the token itself is shown once.
    api_token_digest = db.Column(db.String(64), unique=True)
    reset_code_digest = db.Column(db.String(64))
    reset_code_expires = db.Column(db.DateTime(timezone=True))

    def set_password(self, password):
        self.password_hash = _hasher.hash(password)

    def check_password(self, password):
        try:
            _hasher.verify(self.password_hash, password)
        except VerificationError:
            return False
        if _hasher.check_needs_rehash(self.password_hash):
            self.password_hash = _hasher.hash(password)
        return True

    def issue_api_token(self):
        token = secrets.token_urlsafe(32)
        self.api_token_digest = token_digest(token)
        return token


def token_digest(token):
    """Tokens are 256 random bits, so a plain SHA-256 digest is enough to look them up safely."""
    return hashlib.sha256(token.encode()).hexdigest()


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
    created_at = db.Column(db.DateTime(timezone=True), nullable=False, default=_now)
