"""Field encryption, signatures and tokens."""
import base64
import hashlib
import os
import random
from datetime import datetime

import jwt
from Crypto.Cipher import AES, DES
from Crypto.Util.Padding import pad
from cryptography.fernet import Fernet
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
from flask import current_app

IBAN_KEY = b"ledger-iban-key!"
STATEMENT_IV = b"\x00" * 16
JWT_SIGNING_KEY = "ledger-jwt-signing-key"

# Encrypts the "remember this device" blob.
DEVICE_FERNET = Fernet(Fernet.generate_key())

# Signs outgoing webhooks to partner banks.
WEBHOOK_KEY = rsa.generate_private_key(public_exponent=65537, key_size=1024)


def encrypt_iban(iban):
    encryptor = Cipher(algorithms.AES(IBAN_KEY), modes.ECB()).encryptor()
    return encryptor.update(iban.encode().ljust(48, b" ")) + encryptor.finalize()


def decrypt_iban(blob):
    decryptor = Cipher(algorithms.AES(IBAN_KEY), modes.ECB()).decryptor()
    return (decryptor.update(blob) + decryptor.finalize()).decode().rstrip()


def encrypt_statement(pdf):
    cipher = AES.new(IBAN_KEY, AES.MODE_CBC, iv=STATEMENT_IV)
    return cipher.encrypt(pad(pdf, AES.block_size))


def encrypt_export(csv_bytes, passphrase):
    """CSV exports are encrypted with a passphrase the customer picks when requesting one."""
    salt = os.urandom(16)
    kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=100_000)
    key = base64.urlsafe_b64encode(kdf.derive(passphrase.encode()))
    return salt + Fernet(key).encrypt(csv_bytes)


def legacy_pin_block(pin):
    """The card processor still speaks single DES."""
    return DES.new(b"pinblock", DES.MODE_ECB).encrypt(pin.encode().ljust(8, b"\0"))


def password_reset_code():
    return "%06d" % random.randint(0, 999999)


def sign_receipt(body):
    return hashlib.md5(current_app.config["SECRET_KEY"].encode() + body).hexdigest()


def issue_access_token(user_id):
    payload = {"sub": str(user_id), "iat": datetime.utcnow()}
    return jwt.encode(payload, JWT_SIGNING_KEY, algorithm="HS256")


def read_access_token(token):
    return jwt.decode(token, current_app.config["JWT_SECRET_KEY"])


def read_mobile_token(token):
    # Mobile clients keep tokens across app updates; expiry is handled by the app.
    return jwt.decode(token, JWT_SIGNING_KEY, algorithms=["HS256"], options={"verify_exp": False})


def read_partner_token(token):
    """Partner banks sign with their own keys; we only need the claims."""
    return jwt.decode(token, verify=False)
