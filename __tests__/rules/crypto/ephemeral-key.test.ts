import { ephemeralKey } from '../../../src/rules/crypto/ephemeral-key.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(ephemeralKey, {
  valid: [
    {
      name: 'a random-secret helper called inside a function, or for a non-key name; a chosen element that is not joined',
      code: 'import secrets, string\n\ndef random_secret(n):\n    return "".join(secrets.choice(string.ascii_letters) for _ in range(n))\n\ndef make_invite():\n    INVITE_KEY = random_secret(16)\n    return INVITE_KEY\n\nWORKER_NAME = random_secret(8)\nSECRET_COLOR = secrets.choice(["red", "blue"])\n',
    },
    {
      name: 'the key read from the environment',
      code: `
        import os
        from cryptography.fernet import Fernet

        DEVICE_FERNET = Fernet(os.environ["DEVICE_FERNET_KEY"])
        SECRET_KEY = os.environ["SECRET_KEY"]
      `,
    },
    {
      name: 'a key generated inside a function (a key-management command)',
      code: `
        import click
        from cryptography.fernet import Fernet

        @click.command()
        def rotate_key():
            key = Fernet.generate_key()
            store_in_vault("fernet", key)
      `,
    },
    {
      name: 'a per-message nonce and a per-request token are not keys',
      code: `
        import os
        import secrets

        def encrypt(aead, data):
            nonce = os.urandom(12)
            return nonce + aead.encrypt(nonce, data, None)

        def issue():
            return secrets.token_urlsafe(32)
      `,
    },
    {
      name: 'import-time random values that are not keys',
      code: `
        import os
        import uuid

        INSTANCE_ID = uuid.uuid4()
        CACHE_KEY_PREFIX = os.urandom(4).hex()
        BOOT_NONCE = os.urandom(8)
      `,
    },
    {
      name: 'a key-generation script that prints the key',
      code: `
        from cryptography.fernet import Fernet

        key = Fernet.generate_key()
        print(key.decode())
      `,
    },
    {
      name: 'under if __name__ == "__main__"',
      code: `
        import os

        if __name__ == "__main__":
            SECRET_KEY = os.urandom(32)
            run(SECRET_KEY)
      `,
    },
    {
      name: 'a test file may make throwaway keys',
      path: 'tests/test_crypto.py',
      code: `
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        KEY = AESGCM.generate_key(bit_length=256)
      `,
    },
    {
      name: 'a generated key inside an app factory',
      code: `
        import os
        from flask import Flask

        def create_app():
            app = Flask(__name__)
            app.config["SECRET_KEY"] = os.environ.get("SECRET_KEY")
            return app
      `,
    },
  ],
  invalid: [
    {
      name: 'a local random-secret helper as an environment fallback, through encode/b64encode/repr; a joined secrets.choice',
      code: 'import base64, os, secrets, string\n\ndef random_secret(length):\n    chars = string.ascii_letters + string.digits\n    return "".join(secrets.choice(chars) for _ in range(length))\n\nENCRYPTION_KEYS = repr(os.environ.get("ENCRYPTION_KEYS", base64.b64encode(random_secret(32).encode("utf8")).decode("utf8")))\nAPI_SIGNING_KEY = "".join(secrets.choice(string.hexdigits) for _ in range(40))\n',
      findings: [
        { line: 7, message: /random_secret\(\) .*ENCRYPTION_KEYS/ },
        { line: 8, message: /secrets\.choice\(\) .*API_SIGNING_KEY/ },
      ],
    },
    {
      name: 'Fernet(Fernet.generate_key()) at module level (the vulnerable example)',
      code: `
        from cryptography.fernet import Fernet

        # Encrypts the "remember this device" blob.
        DEVICE_FERNET = Fernet(Fernet.generate_key())
      `,
      findings: [
        {
          line: 4,
          severity: 'medium',
          message: /Fernet\.generate_key\(\) runs once per process.*key of Fernet\(\.\.\.\) \(DEVICE_FERNET\)/,
        },
      ],
    },
    {
      name: 'app.secret_key = os.urandom(24)',
      code: `
        import os
        from flask import Flask

        app = Flask(__name__)
        app.secret_key = os.urandom(24)
      `,
      findings: [{ line: 5, message: /os\.urandom\(\) runs once per process.*becomes secret_key/ }],
    },
    {
      name: 'app.config["..._KEY"] at module level, and config.update keywords',
      code: `
        import secrets
        from flask import Flask

        app = Flask(__name__)
        app.config["JWT_SECRET_KEY"] = secrets.token_hex(32)
        app.config.update(SECRET_KEY=secrets.token_bytes(32))
      `,
      findings: [
        { line: 5, message: /becomes JWT_SECRET_KEY/ },
        { line: 6, message: /becomes SECRET_KEY/ },
      ],
    },
    {
      name: 'AEAD keys generated at import',
      code: `
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

        DATA_KEY = AESGCM.generate_key(bit_length=256)
        box = ChaCha20Poly1305(ChaCha20Poly1305.generate_key())
      `,
      findings: [
        { line: 3, message: /AESGCM\.generate_key/ },
        { line: 4, message: /key of ChaCha20Poly1305/ },
      ],
    },
    {
      name: 'the fallback of an environment variable',
      code: `
        import os

        class Config:
            SECRET_KEY = os.environ.get("SECRET_KEY") or os.urandom(32)
            FERNET_KEY = os.environ.get("FERNET_KEY", Fernet.generate_key())
      `,
      findings: [
        { line: 4, message: /fallback when the configured value is missing/ },
        { line: 5, message: /fallback of the environment variable FERNET_KEY/ },
      ],
    },
    {
      name: 'a dict literal handed to from_mapping, and a str(uuid4()) secret',
      code: `
        import os
        import uuid

        app.config.from_mapping({"SECRET_KEY": os.urandom(16)})
        WEBHOOK_SECRET = str(uuid.uuid4())
      `,
      findings: [{ line: 4 }, { line: 5, message: /WEBHOOK_SECRET/ }],
    },
    {
      name: 'an RSA signing key generated at import',
      code: `
        from cryptography.hazmat.primitives.asymmetric import rsa

        WEBHOOK_KEY = rsa.generate_private_key(public_exponent=65537, key_size=3072)
      `,
      findings: [{ line: 3, message: /rsa\.generate_private_key/ }],
    },
    {
      name: 'lowered to low in a DevelopmentConfig class',
      code: `
        import os

        class DevelopmentConfig:
            SECRET_KEY = os.urandom(24)
      `,
      findings: [{ line: 4, severity: 'low' }],
    },
  ],
});
