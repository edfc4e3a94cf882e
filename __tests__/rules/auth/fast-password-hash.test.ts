import { fastPasswordHash } from '../../../src/rules/auth/fast-password-hash.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(fastPasswordHash, {
  valid: [
    {
      name: 'argon2 PasswordHasher',
      code: `
        from argon2 import PasswordHasher
        _hasher = PasswordHasher()
        class User(db.Model):
            def set_password(self, password):
                self.password_hash = _hasher.hash(password)
      `,
    },
    {
      name: 'SHA-256 of a random API token (not a password)',
      code: `
        import hashlib, secrets
        def token_digest(token):
            """Tokens are 256 random bits, so a plain SHA-256 digest is enough."""
            return hashlib.sha256(token.encode()).hexdigest()
        def issue():
            token = secrets.token_urlsafe(32)
            return token, token_digest(token)
      `,
    },
    {
      name: 'hashing a file and an ETag',
      code: `
        import hashlib
        def etag(body):
            return hashlib.md5(body).hexdigest()
        def file_digest(path):
            with open(path, "rb") as f:
                return hashlib.sha256(f.read()).hexdigest()
      `,
    },
    {
      name: 'the word password in a comment and a docstring',
      code: `
        import hashlib
        def checksum(data):
            """Never use this for a password."""
            # hashlib.md5(password) would be wrong here
            return hashlib.md5(data).hexdigest()
      `,
    },
    {
      name: 'hashing a password reset token and a password hash column',
      code: `
        import hashlib
        def store(user, password_reset_token):
            user.reset_digest = hashlib.sha256(password_reset_token.encode()).hexdigest()
            etag = hashlib.md5(user.password_hash.encode()).hexdigest()
      `,
    },
    {
      name: 'werkzeug default and pbkdf2/scrypt methods',
      code: `
        from werkzeug.security import generate_password_hash
        a = generate_password_hash(password)
        b = generate_password_hash(password, method="pbkdf2:sha256")
        c = generate_password_hash(password, "scrypt")
      `,
    },
    {
      name: 'hashlib.pbkdf2_hmac is a KDF, not a fast hash',
      code: `
        import hashlib, os
        def hash_password(password):
            salt = os.urandom(16)
            return hashlib.pbkdf2_hmac("sha256", password.encode(), salt, 600_000)
      `,
    },
    {
      name: 'passlib CryptContext with bcrypt default and md5_crypt deprecated',
      code: `
        from passlib.context import CryptContext
        pwd_context = CryptContext(schemes=["bcrypt", "md5_crypt"], deprecated="auto")
        legacy = CryptContext(schemes=["argon2", "ldap_salted_sha1"], deprecated=["ldap_salted_sha1"])
      `,
    },
    {
      name: 'passlib strong handlers',
      code: `
        from passlib.hash import bcrypt, pbkdf2_sha256
        h = bcrypt.hash(password)
        g = pbkdf2_sha256.using(rounds=600000).hash(password)
      `,
    },
    {
      name: 'SHA-1 prefix for the Have I Been Pwned range API',
      code: `
        import hashlib, requests
        def pwned(password):
            digest = hashlib.sha1(password.encode()).hexdigest().upper()
            r = requests.get("https://api.pwnedpasswords.com/range/" + digest[:5])
            return digest[5:] in r.text
      `,
    },
    {
      name: 'protocol digests with the server nonce (HTTP Digest, WS-Security)',
      code: `
        import hashlib, base64
        def wsse(cnonce, iso_now, password):
            return base64.b64encode(hashlib.sha1(("%s%s%s" % (cnonce, iso_now, password)).encode()).digest())
        def digest_ha1(username, realm, password):
            return hashlib.md5(f"{username}:{realm}:{password}".encode()).hexdigest()
      `,
    },
    {
      name: 'the pwd module is not a password',
      code: `
        import hashlib, pwd, os
        home = pwd.getpwuid(os.getuid()).pw_dir
        key = hashlib.sha256(home.encode()).hexdigest()
      `,
    },
    {
      name: 'Flask-Security with a strong scheme',
      code: 'SECURITY_PASSWORD_HASH = "argon2"',
    },
    {
      name: 'a hashlib call on data unrelated to passwords next to a password variable',
      code: `
        import hashlib
        def login(username, password):
            cache_key = hashlib.md5(username.encode()).hexdigest()
            return check(cache_key, password)
      `,
    },
  ],
  invalid: [
    {
      name: 'md5 of the password in set_password and check_password',
      code: `
        import hashlib
        class User(UserMixin, db.Model):
            password_hash = db.Column(db.String(64), nullable=False)
            def set_password(self, password):
                self.password_hash = hashlib.md5(password.encode()).hexdigest()
            def check_password(self, password):
                return self.password_hash == hashlib.md5(password.encode()).hexdigest()
      `,
      findings: [{ line: 5, message: /hashlib\.md5/ }, { line: 7 }],
    },
    {
      name: 'salted sha256, salt + password and f-string',
      code: `
        import hashlib
        from hashlib import sha256 as H
        def hash_pw(salt, password):
            a = hashlib.sha256((salt + password).encode()).hexdigest()
            b = H(f"{salt}:{password}".encode()).hexdigest()
            return a, b
      `,
      findings: [{ line: 4 }, { line: 5, message: /hashlib\.sha256/ }],
    },
    {
      name: 'request.form and a WTForms field',
      code: `
        import hashlib
        from flask import request
        @app.route("/register", methods=["POST"])
        def register():
            digest = hashlib.sha1(request.form["password"].encode()).hexdigest()
            other = hashlib.sha512(form.password.data.encode()).hexdigest()
      `,
      findings: [
        { line: 5, message: /request\.form\["password"\]/ },
        { line: 6, message: /form\.password\.data/ },
      ],
    },
    {
      name: 'through a local variable, hashlib.new and hmac.new',
      code: `
        import hashlib, hmac
        def store(pwd, pepper):
            data = pwd.encode("utf-8")
            one = hashlib.new("sha256", data).hexdigest()
            two = hmac.new(pepper, data, hashlib.sha256).hexdigest()
            return one, two
      `,
      findings: [{ line: 4 }, { line: 5, message: /hmac\.new/ }],
    },
    {
      name: 'a salted_password variable fed to update()',
      code: `
        import hashlib
        class User:
            @staticmethod
            def hash_pw(password):
                salted_password = (password + "monty").encode()
                sha256 = hashlib.sha256()
                sha256.update(salted_password)
                return sha256.hexdigest()
      `,
      findings: [{ line: 7, message: /password/ }],
    },
    {
      name: 'update() on a hash object and repeated hashing in a loop',
      code: `
        import hashlib
        def hash_password(password, salt):
            h = hashlib.sha256()
            h.update(salt)
            h.update(password.encode())
            digest = b""
            for _ in range(10000):
                digest = hashlib.sha256(digest + password.encode()).digest()
            return h.hexdigest(), digest
      `,
      findings: [{ line: 5 }, { line: 8, message: /loop/ }],
    },
    {
      name: 'a test fixture is still a finding',
      path: 'tests/conftest.py',
      code: `
        import hashlib
        def make_user(password="secret"):
            return User(password_hash=hashlib.sha256(password.encode()).hexdigest())
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'passlib weak handlers via .hash, .encrypt and .using',
      code: `
        from passlib.hash import md5_crypt, ldap_salted_sha1
        import passlib.hash
        a = md5_crypt.hash(password)
        b = ldap_salted_sha1.encrypt(password)
        c = passlib.hash.des_crypt.using(salt="ab").hash(password)
      `,
      findings: [{ line: 3, message: /md5_crypt/ }, { line: 4 }, { line: 5, message: /des_crypt/ }],
    },
    {
      name: 'CryptContext: weak default is high, weak non-deprecated scheme is medium',
      code: `
        from passlib.context import CryptContext
        ctx1 = CryptContext(schemes=["md5_crypt", "bcrypt"])
        ctx2 = CryptContext(schemes=["bcrypt", "hex_sha256"])
        ctx3 = CryptContext(schemes="sha256_crypt,plaintext", default="plaintext")
      `,
      findings: [
        { line: 2, severity: 'high', message: /new passwords with md5_crypt/ },
        { line: 3, severity: 'medium', message: /deprecated="auto"/ },
        { line: 4, severity: 'high', message: /plaintext/ },
      ],
    },
    {
      name: 'CryptContext: one finding per context, naming every lingering scheme',
      code: `
        from passlib.context import CryptContext
        ctx = CryptContext(schemes=["sha512_crypt", "md5_crypt", "des_crypt"])
      `,
      findings: [{ line: 2, severity: 'medium', message: /md5_crypt, des_crypt/ }],
    },
    {
      name: 'werkzeug weak methods',
      code: `
        from werkzeug.security import generate_password_hash
        HASH_METHOD = "sha256"
        a = generate_password_hash(password, method="plain")
        b = generate_password_hash(password, HASH_METHOD)
      `,
      findings: [
        { line: 3, message: /plain text/ },
        { line: 4, message: /sha256/ },
      ],
    },
    {
      name: 'werkzeug re-exported through a star import',
      code: `
        from api import *
        def post(user):
            user.password = generate_password_hash(user.password, method='sha256')
      `,
      findings: [{ line: 3, message: /sha256/ }],
    },
    {
      name: 'Flask-Security SECURITY_PASSWORD_HASH in a config class and app.config',
      code: `
        class Config:
            SECURITY_PASSWORD_HASH = "plaintext"
        app.config["SECURITY_PASSWORD_HASH"] = "md5_crypt"
        class TestingConfig(Config):
            SECURITY_PASSWORD_HASH = "plaintext"
      `,
      findings: [
        { line: 2, severity: 'high' },
        { line: 3, severity: 'high' },
        { line: 5, severity: 'low', message: /lowered/ },
      ],
    },
  ],
});
