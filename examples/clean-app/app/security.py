"""Field encryption, signatures and tokens. Keys come from the environment (a secret store)."""
import base64
import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone

import jwt
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from flask import current_app

ACCESS_TOKEN_LIFETIME = timedelta(minutes=15)
# OWASP Password Storage Cheat Sheet: at least 600,000 iterations for PBKDF2-HMAC-SHA256.
EXPORT_KDF_ITERATIONS = 600_000


def _iban_cipher():
    return AESGCM(base64.b64decode(os.environ["IBAN_ENCRYPTION_KEY"]))


def encrypt_iban(iban, account_id):
    nonce = os.urandom(12)
    return nonce + _iban_cipher().encrypt(nonce, iban.encode(), str(account_id).encode())


def decrypt_iban(blob, account_id):
    return _iban_cipher().decrypt(blob[:12], blob[12:], str(account_id).encode()).decode()


def encrypt_export(csv_bytes, passphrase):
    """CSV exports are encrypted with a passphrase the customer picks when requesting one."""
    salt = os.urandom(16)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=EXPORT_KDF_ITERATIONS)
    nonce = os.urandom(12)
    return salt + nonce + AESGCM(kdf.derive(passphrase.encode())).encrypt(nonce, csv_bytes, None)


def password_reset_code():
    return f"{secrets.randbelow(1_000_000):06d}"


def sign_receipt(body):
    return hmac.new(current_app.config["SECRET_KEY"].encode(), body, hashlib.sha256).hexdigest()


def issue_access_token(user_id):
    now = datetime.now(timezone.utc)
    payload = {"sub": str(user_id), "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME}
    return jwt.encode(payload, current_app.config["JWT_SECRET_KEY"], algorithm="HS256")


def read_access_token(token):
    return jwt.decode(
        token,
        current_app.config["JWT_SECRET_KEY"],
        algorithms=["HS256"],
        options={"require": ["exp", "sub"]},
    )
