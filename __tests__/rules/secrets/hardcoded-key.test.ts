import { expect, test } from '@jest/globals';
import { hardcodedKey } from '../../../src/rules/secrets/hardcoded-key.js';
import { dedent, ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(hardcodedKey, {
  valid: [
    {
      name: 'jwt.encode with a key from the environment',
      code: dedent(`
        import os
        import jwt

        def issue(user_id):
            return jwt.encode({"sub": user_id}, os.environ["JWT_KEY"], algorithm="HS256")
      `),
    },
    {
      name: 'jwt.decode with a config read (app.config and current_app.config)',
      code: dedent(`
        import jwt
        from flask import current_app

        def read(token, app):
            a = jwt.decode(token, app.config["SECRET_KEY"], algorithms=["HS256"])
            return jwt.decode(token, current_app.config["JWT_SECRET_KEY"], algorithms=["HS256"])
      `),
    },
    {
      name: 'a key passed in as a function parameter',
      code: dedent(`
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        def seal(key, nonce, data):
            return AESGCM(key).encrypt(nonce, data, None)
      `),
    },
    {
      name: 'Fernet.generate_key() is FCG304 ephemeral-key, not a literal',
      code: dedent(`
        from cryptography.fernet import Fernet

        DEVICE_FERNET = Fernet(Fernet.generate_key())
      `),
    },
    {
      name: 'a random key from os.urandom',
      code: dedent(`
        import os
        from Crypto.Cipher import AES

        key = os.urandom(32)
        cipher = AES.new(key, AES.MODE_GCM)
      `),
    },
    {
      name: 'placeholders, and an empty HMAC key (used as a plain hash)',
      code: dedent(`
        import jwt
        import hmac

        a = jwt.encode({"a": 1}, "<your-secret>", algorithm="HS256")
        b = hmac.new(b"", b"msg", "sha256")
        c = jwt.encode({"a": 1}, "changeme", algorithm="HS256")
      `),
    },
    {
      name: 'an empty key to a JWT decode that checks no signature is FCG408, not a key',
      code: dedent(`
        import jwt

        def peek(token):
            return jwt.decode(token, "", verify=False)

        def peek2(token):
            return jwt.decode(token, key="", options={"verify_signature": False})
      `),
    },
    {
      name: 'look-alikes of zero keys: a zero IV, a buffer sized at run time, a default parameter',
      code: dedent(`
        from Crypto.Cipher import AES

        def enc(data, key, n):
            buf = bytes(n)
            return AES.new(key, AES.MODE_CBC, bytes(16)).encrypt(data), buf

        def enc2(data, key=bytes(16)):
            return AES.new(key, AES.MODE_GCM).encrypt(data)

        def enc3(data, key):
            return AES.new(bytes(key), AES.MODE_GCM).encrypt(data)
      `),
    },
    {
      name: 'a public key literal verifying an RS256 token',
      code: dedent(`
        import jwt

        PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
        MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAu1SU1LfVLPHCozMxH2Mo
        -----END PUBLIC KEY-----"""

        def verify(token):
            return jwt.decode(token, PUBLIC_KEY, algorithms=["RS256"])
      `),
    },
    {
      name: 'a literal fallback of an environment lookup is FCG204, not this rule',
      code: dedent(`
        import os
        import jwt

        KEY = os.environ.get("JWT_KEY", "dev-signing-key")
        t = jwt.encode({"a": 1}, KEY, algorithm="HS256")
      `),
    },
    {
      name: 'itsdangerous salt is not the secret; the secret is a config read',
      code: dedent(`
        from flask import current_app
        from itsdangerous import URLSafeTimedSerializer

        def serializer():
            return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-confirm")
      `),
    },
    {
      name: 'a key-like string in a docstring or a comment',
      code: dedent(`
        import jwt

        def issue(payload, key):
            """Example: jwt.encode(payload, "secret", algorithm="HS256")."""
            # jwt.encode(payload, "secret")
            return jwt.encode(payload, key, algorithm="HS256")
      `),
    },
    {
      name: 'a method named encode on something else',
      code: dedent(`
        import json

        body = json.JSONEncoder().encode({"a": "secret"})
        token = serializer.encode("secret-value")
      `),
    },
    {
      name: 'a variable reassigned in branches is not known',
      code: dedent(`
        import os
        from cryptography.fernet import Fernet

        key = b"dGhpcyBpcyBub3QgYSByZWFsIGtleSBhdCBhbGwhISE="
        if os.environ.get("FERNET_KEY"):
            key = os.environ["FERNET_KEY"].encode()
        f = Fernet(key)
      `),
    },
    {
      name: 'a private key block is reported by FCG206 instead (one finding per literal)',
      code: dedent(`
        import jwt

        PRIVATE_KEY = """-----BEGIN RSA PRIVATE KEY-----
        MIIEowIBAAKCAQEAu1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0gun
        -----END RSA PRIVATE KEY-----"""
        token = jwt.encode({"a": 1}, PRIVATE_KEY, algorithm="RS256")
      `),
    },
    {
      name: 'HKDF-extract keys HMAC with a public salt (zeros by default)',
      code: dedent(`
        import hashlib
        import hmac

        def hkdf_extract(ikm, salt=None):
            if salt is None:
                return hmac.new(b"\\x00" * 32, ikm, hashlib.sha256).digest()
            return hmac.new(salt, ikm, hashlib.sha256).digest()

        SALT = b"ledger-hkdf-v1"
        prk = hmac.new(SALT, b"ikm", hashlib.sha256).digest()
      `),
    },
  ],
  invalid: [
    {
      name: 'jwt.encode through a module constant: reported at the literal',
      code: dedent(`
        import jwt

        JWT_SIGNING_KEY = "ledger-jwt-signing-key"

        def issue(user_id):
            return jwt.encode({"sub": user_id}, JWT_SIGNING_KEY, algorithm="HS256")
      `),
      findings: [
        {
          line: 3,
          message:
            /signing key in JWT_SIGNING_KEY \(\*\*\*\*\) handed to jwt\.encode\(\) \(line 6\): anyone with the source can forge/,
        },
      ],
    },
    {
      name: 'jwt.decode with a literal key, keyword form',
      code: dedent(`
        import jwt

        def read(token):
            return jwt.decode(token, key="s3cr3t-signing", algorithms=["HS256"])
      `),
      findings: [{ line: 4, message: /jwt\.decode\(\)/ }],
    },
    {
      name: 'python-jose',
      code: dedent(`
        from jose import jwt

        token = jwt.encode({"sub": "1"}, "jose-signing-key-1", algorithm="HS256")
      `),
      findings: [{ line: 3 }],
    },
    {
      name: 'one finding per literal, naming every API (algorithms.AES and AES.new)',
      code: dedent(`
        from Crypto.Cipher import AES
        from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes

        IBAN_KEY = b"ledger-iban-key!"

        def encrypt_iban(iban):
            return Cipher(algorithms.AES(IBAN_KEY), modes.GCM(iv)).encryptor()

        def decrypt_iban(blob):
            return Cipher(algorithms.AES(IBAN_KEY), modes.GCM(iv)).decryptor()

        def encrypt_statement(pdf):
            return AES.new(IBAN_KEY, AES.MODE_GCM).encrypt(pdf)
      `),
      findings: [
        {
          line: 4,
          message: /algorithms\.AES\(\) \(lines 7, 10\), AES\.new\(\) \(line 13\): anyone with the source can decrypt/,
        },
      ],
    },
    {
      name: 'DES.new with the key in the call',
      code: dedent(`
        from Crypto.Cipher import DES

        def pin_block(pin):
            return DES.new(b"pinblock", DES.MODE_ECB).encrypt(pin)
      `),
      findings: [{ line: 4, message: /encryption key \(\*\*\*\*\) handed to DES\.new\(\) \(line 4\)/ }],
    },
    {
      name: 'AESGCM and ChaCha20Poly1305 with "...".encode() and bytes.fromhex',
      code: dedent(`
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM, ChaCha20Poly1305

        aes = AESGCM("0123456789abcdef0123456789abcdef".encode())
        KEY_HEX = "00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff"
        chacha = ChaCha20Poly1305(bytes.fromhex(KEY_HEX))
      `),
      findings: [{ line: 3 }, { line: 4, message: /KEY_HEX/ }],
    },
    {
      name: 'Fernet with base64.b64decode and a literal Fernet key, also inside MultiFernet',
      code: dedent(`
        import base64
        from cryptography.fernet import Fernet, MultiFernet

        OLD = Fernet(b"cw_0x689RpI-jtRR7oE8h_eQsKImvJapLeSbXpwF4e4=")
        NEW_KEY = "bXktbmV3LWtleS0zMi1ieXRlcy1sb25nLWtleSEhISE="
        fernet = MultiFernet([Fernet(NEW_KEY), OLD])
        other = Fernet(base64.urlsafe_b64encode(base64.b64decode("c2VjcmV0LWtleS1ieXRlcy0zMi1sb25nLWtleSEhIQ==")))
      `),
      findings: [{ line: 4 }, { line: 5 }, { line: 7 }],
    },
    {
      name: 'a key hashed from a literal passphrase',
      code: dedent(`
        import hashlib
        from Crypto.Cipher import AES

        KEY = hashlib.sha256("ledger statements".encode()).digest()
        cipher = AES.new(KEY, AES.MODE_GCM)
      `),
      findings: [{ line: 4 }],
    },
    {
      name: 'a local variable in a function, and a zero key (b"\\x00" * 32)',
      code: dedent(`
        from Crypto.Cipher import ChaCha20

        def seal(data):
            key = b"\\x00" * 32
            return ChaCha20.new(key=key).encrypt(data)
      `),
      findings: [{ line: 4 }],
    },
    {
      name: 'hmac.new, standard library and through import alias',
      code: dedent(`
        import hashlib
        import hmac as h

        WEBHOOK_SECRET = b"whsec-ledger-partner"

        def sign(body):
            return h.new(WEBHOOK_SECRET, body, hashlib.sha256).hexdigest()
      `),
      findings: [{ line: 4, message: /MAC key in WEBHOOK_SECRET/ }],
    },
    {
      name: 'itsdangerous: URLSafeTimedSerializer, Signer, and TimedJSONWebSignatureSerializer as Serializer',
      code: dedent(`
        from itsdangerous import Signer, URLSafeTimedSerializer
        from itsdangerous import TimedJSONWebSignatureSerializer as Serializer

        confirm = URLSafeTimedSerializer("email-confirm-secret", salt="confirm")
        signer = Signer(secret_key="cookie-signer-secret")

        def reset_token(user, expires=1800):
            s = Serializer("reset-password-secret", expires)
            return s.dumps({"user_id": user.id})
      `),
      findings: [{ line: 4 }, { line: 5 }, { line: 8 }],
    },
    {
      name: 'a dict constant read by a literal key',
      code: dedent(`
        import jwt

        KEYS = {"current": "kid-2024-signing-secret", "previous": "kid-2023-signing-secret"}
        token = jwt.encode({"a": 1}, KEYS["current"], algorithm="HS256")
      `),
      findings: [{ line: 3 }],
    },
    {
      name: 'a test file is reported like any other (the grade weighs it)',
      path: 'tests/test_tokens.py',
      code: dedent(`
        import jwt

        def test_expired():
            token = jwt.encode({"exp": 0}, "test-signing-key", algorithm="HS256")
      `),
      findings: [{ line: 4 }],
    },
    {
      name: 'in a TestingConfig class it is lowered to low',
      code: dedent(`
        from cryptography.fernet import Fernet

        class TestingConfig:
            FERNET = Fernet(b"dGVzdGluZy1rZXktMzItYnl0ZXMtbG9uZy1rZXkhISE=")
      `),
      findings: [{ line: 4, severity: 'low', message: /lowered to low/ }],
    },
    {
      name: 'all-zero keys: bytes(n), bytearray(n), b"\\0" * n, "0" * n, hex zeros; through constants and locals',
      code: dedent(`
        from Crypto.Cipher import AES
        from cryptography.hazmat.primitives.ciphers.aead import AESGCM

        KEY = bytes(32)
        a = AESGCM(KEY)
        b = AESGCM(bytearray(32))
        c = AES.new("0" * 32, AES.MODE_GCM)
        d = AES.new(bytes.fromhex("00" * 16), AES.MODE_GCM)

        def seal(data):
            key = bytes(16)
            return AES.new(key, AES.MODE_GCM).encrypt(data)
      `),
      findings: [
        { line: 4, message: /^All-zero encryption key in KEY handed to AESGCM\(\) \(line 5\): anyone can decrypt/ },
        { line: 6, message: /^All-zero/ },
        { line: 7, message: /^All-zero/ },
        { line: 8, message: /^All-zero/ },
        { line: 11, message: /^All-zero encryption key in key/ },
      ],
    },
    {
      name: 'empty keys: a JWT signed with "", an AES key b"", through a constant',
      code: dedent(`
        import jwt
        from Crypto.Cipher import AES

        JWT_KEY = ""

        def issue(user_id):
            return jwt.encode({"sub": user_id}, JWT_KEY, algorithm="HS256")

        def read(token):
            return jwt.decode(token, "", algorithms=["HS256"])

        box = AES.new(b"", AES.MODE_GCM)
      `),
      findings: [
        { line: 4, message: /^Empty signing key in JWT_KEY handed to jwt.encode\(\) \(line 7\): anyone can forge/ },
        { line: 10, message: /^Empty signing key handed to jwt.decode/ },
        { line: 12, message: /^Empty encryption key/ },
      ],
    },
  ],
});

test('the key never appears in the message', async () => {
  const findings = await runRule(
    hardcodedKey,
    'app.py',
    'import jwt\nKEY = "ledger-jwt-signing-key"\nt = jwt.encode({}, KEY, algorithm="HS256")\n',
  );
  expect(findings).toHaveLength(1);
  expect(findings[0]?.message).not.toContain('ledger-jwt-signing-key');
});
