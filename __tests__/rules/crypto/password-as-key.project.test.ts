import { passwordAsKey } from '../../../src/rules/crypto/password-as-key.js';
import { fastPasswordHash } from '../../../src/rules/auth/fast-password-hash.js';
import { projectTester } from '../../helpers/rule-tester.js';

const CRYPTO = `
import os
from cryptography.hazmat.primitives.ciphers import Cipher
from cryptography.hazmat.primitives.ciphers.algorithms import AES
from cryptography.hazmat.primitives.ciphers.modes import CFB8


def encrypt(plaintext, key):
    iv = os.urandom(16)
    cipher = Cipher(AES(pad(key)), CFB8(iv))
    return iv + cipher.encryptor().update(plaintext.encode())


def pad(key):
    if isinstance(key, str):
        key = key.encode()
    key = key[:32]
    if len(key) in (16, 24, 32):
        return key
    return key.ljust(32, b"}")
`;

const KDF_CRYPTO = `
import os
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC


def encrypt(plaintext, key):
    salt = os.urandom(16)
    derived = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600000).derive(key.encode())
    iv = os.urandom(16)
    return salt + iv + Cipher(algorithms.AES(derived), modes.CFB(iv)).encryptor().update(plaintext.encode())
`;

const VAULT = `
from vault.crypto import encrypt

CHECK_TEXT = "vault-check"


def set_check(user, password):
    check = encrypt(CHECK_TEXT, password)
    db.session.query(User).filter(User.id == user.id).update({User.vault_check: check})
    db.session.commit()
`;

const STORE_SECRET = `
import os
from vault import crypto


def save_server(server, crypt_key):
    server.password = crypto.encrypt(server.password, crypt_key)


def rekey(secret, master_password):
    return crypto.encrypt(secret, os.urandom(32))
`;

projectTester(passwordAsKey, {
  valid: [
    {
      name: 'the key parameter only ever receives a key, not a password',
      files: { 'vault/crypto.py': CRYPTO, 'vault/servers.py': STORE_SECRET },
    },
    {
      name: 'the helper derives the key with PBKDF2HMAC: callers passing passwords are fine',
      files: { 'vault/crypto.py': KDF_CRYPTO, 'vault/master.py': VAULT },
    },
    {
      name: 'a password passed to a library function of the same name, not a project one',
      files: {
        'vault/master.py': 'from somelib import encrypt\n\ndef f(password):\n    return encrypt("x", password)\n',
      },
    },
  ],
  invalid: [
    {
      name: 'a caller in another module passes a password as the key',
      files: { 'vault/crypto.py': CRYPTO, 'vault/master.py': VAULT },
      findings: [
        {
          path: 'vault/crypto.py',
          line: 9,
          message: /parameter key of encrypt\(\).*vault\/master\.py:7 passes it a password/,
        },
        {
          path: 'vault/master.py',
          line: 7,
          message: /password in password is passed to encrypt\(\).*vault\/crypto\.py:9/,
        },
      ],
    },
    {
      name: 'through a module import and a keyword',
      files: {
        'vault/crypto.py': CRYPTO,
        'vault/unlock.py':
          'from vault import crypto\n\ndef unlock(data, form):\n    return crypto.encrypt(data, key=form.password.data)\n',
      },
      findings: [
        { path: 'vault/crypto.py', line: 9, message: /vault\/unlock\.py:4/ },
        { path: 'vault/unlock.py', line: 4, message: /form\.password\.data is passed to crypto\.encrypt\(\)/ },
      ],
    },
  ],
});

projectTester(fastPasswordHash, {
  valid: [
    {
      name: 'the check value is encrypted with a KDF-derived key',
      files: { 'vault/crypto.py': KDF_CRYPTO, 'vault/master.py': VAULT },
    },
    {
      name: 'a secret encrypted under a key, stored on the model',
      files: { 'vault/crypto.py': CRYPTO, 'vault/servers.py': STORE_SECRET },
    },
    {
      name: 'the encrypt function is not in the tree',
      files: { 'vault/master.py': VAULT },
    },
  ],
  invalid: [
    {
      name: 'a constant encrypted with the password as key, stored on the user row',
      files: { 'vault/crypto.py': CRYPTO, 'vault/master.py': VAULT },
      findings: [
        {
          path: 'vault/master.py',
          line: 7,
          message: /known constant encrypted under the password password by encrypt\(\).*vault\/crypto\.py:9/,
        },
      ],
    },
    {
      name: 'assigned to a model attribute',
      files: {
        'vault/crypto.py': CRYPTO,
        'vault/master.py':
          'from flask_sqlalchemy import SQLAlchemy\nfrom vault.crypto import encrypt\n\ndef set_check(user, password):\n    user.check = encrypt("known", password)\n',
      },
      findings: [{ path: 'vault/master.py', line: 5, message: /stored as a password check/ }],
    },
  ],
});
