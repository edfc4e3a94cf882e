import { passwordAsKey } from '../../../src/rules/crypto/password-as-key.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(passwordAsKey, {
  valid: [
    {
      name: 'a random key from os.urandom',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def seal(notes, password):
            key = os.urandom(32)
            return AESGCM(key).encrypt(os.urandom(12), notes, None)
      `,
    },
    {
      name: 'Fernet.generate_key()',
      code: `
        from cryptography.fernet import Fernet

        def vault(password):
            return Fernet(Fernet.generate_key()).encrypt(password.encode())
      `,
    },
    {
      name: 'the key derived with PBKDF2HMAC first',
      code: `
        import base64, os
        from cryptography.fernet import Fernet
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC

        def box(password, salt):
            kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600000)
            key = base64.urlsafe_b64encode(kdf.derive(password.encode()))
            return Fernet(key)
      `,
    },
    {
      name: 'hashlib.scrypt before AES.new',
      code: `
        import hashlib
        from Crypto.Cipher import AES

        def cipher_for(password, salt):
            key = hashlib.scrypt(password.encode(), salt=salt, n=2**14, r=8, p=1, dklen=32)
            return AES.new(key, AES.MODE_GCM)
      `,
    },
    {
      name: 'a password encrypted as the plaintext under a proper key',
      code: `
        from cryptography.fernet import Fernet
        from app.settings import VAULT_KEY

        def store_db_password(password):
            return Fernet(VAULT_KEY).encrypt(password.encode())
      `,
    },
    {
      name: 'an API credential named password encrypted as data',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def save_smtp(smtp_password, key):
            nonce = os.urandom(12)
            return nonce + AESGCM(key).encrypt(nonce, smtp_password.encode(), None)
      `,
    },
    {
      name: 'a parameter named key that no caller gives a password',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        def encrypt(data, key):
            iv = os.urandom(16)
            return Cipher(algorithms.AES(key), modes.CFB(iv)).encryptor().update(data)

        def save(secret_value):
            return encrypt(secret_value, os.urandom(32))
      `,
    },
    {
      name: 'password_hash is derived already',
      code: `
        from Crypto.Cipher import AES

        def cipher_for(user):
            return AES.new(user.password_hash[:32], AES.MODE_GCM)
      `,
    },
  ],
  invalid: [
    {
      name: 'AESGCM keyed by the padded password',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def seal_notes(notes, password):
            key = password.encode().ljust(32, b"\\0")[:32]
            nonce = os.urandom(12)
            return nonce + AESGCM(key).encrypt(nonce, notes, None)
      `,
      findings: [
        { line: 7, message: /password in password \(via \[:32\], \.ljust\(\), \.encode\(\)\) is the key of AESGCM/ },
      ],
    },
    {
      name: 'PyCryptodome AES.new with the form password',
      code: `
        from flask import request
        from Crypto.Cipher import AES

        def unlock():
            cipher = AES.new(request.form["password"].encode(), AES.MODE_EAX)
            return cipher
      `,
      findings: [{ line: 5, message: /request\.form\["password"\]/ }],
    },
    {
      name: 'Fernet over urlsafe_b64encode of the password',
      code: `
        import base64
        from cryptography.fernet import Fernet

        def box(passphrase):
            return Fernet(base64.urlsafe_b64encode(passphrase.encode().ljust(32)[:32]))
      `,
      findings: [{ line: 5, message: /Fernet/ }],
    },
    {
      name: 'a pad helper of the file and a key parameter a caller of the file fills with a password',
      code: `
        import os
        from cryptography.hazmat.primitives.ciphers import Cipher
        from cryptography.hazmat.primitives.ciphers.algorithms import AES
        from cryptography.hazmat.primitives.ciphers.modes import CFB

        def encrypt(plaintext, key):
            iv = os.urandom(16)
            cipher = Cipher(AES(pad(key)), CFB(iv))
            return iv + cipher.encryptor().update(plaintext)

        def pad(key):
            if isinstance(key, str):
                key = key.encode()
            key = key[:32]
            return key.ljust(32, b"}")

        def remember(login_password, secret):
            return encrypt(secret, login_password)
      `,
      findings: [
        {
          line: 8,
          message: /parameter key of encrypt\(\) is the key of AES\(\.\.\.\).*app\.py:18 passes it a password/,
        },
      ],
    },
  ],
});
