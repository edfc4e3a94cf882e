import { weakHash } from '../../../src/rules/crypto/weak-hash.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(weakHash, {
  valid: [
    {
      name: 'HMAC-SHA256 receipts and a SHA-256 token digest (the clean example)',
      code: `
        import hashlib
        import hmac

        def sign_receipt(body):
            return hmac.new(current_app.config["SECRET_KEY"].encode(), body, hashlib.sha256).hexdigest()

        def token_digest(token):
            return hashlib.sha256(token.encode()).hexdigest()
      `,
    },
    {
      name: 'an ETag, a cache key, a Gravatar URL and a file checksum',
      code: `
        import hashlib

        def add_etag(response):
            response.headers["ETag"] = hashlib.md5(response.get_data()).hexdigest()

        def cache_key(url):
            return "page:" + hashlib.md5(url.encode()).hexdigest()

        def gravatar_url(email):
            return f"https://www.gravatar.com/avatar/{hashlib.md5(email.lower().encode()).hexdigest()}"

        def file_checksum(path):
            h = hashlib.sha1()
            with open(path, "rb") as f:
                h.update(f.read())
            return h.hexdigest()
      `,
    },
    {
      name: 'usedforsecurity=False',
      code: `
        import hashlib

        def sign_part(data):
            return hashlib.md5(data, usedforsecurity=False).hexdigest()
      `,
    },
    {
      name: 'a password digest is fast-password-hash (FCG401), not this rule',
      code: `
        import hashlib

        class User:
            def set_password(self, password):
                self.password_hash = hashlib.md5(password.encode()).hexdigest()

            def check_password(self, password):
                return self.password_hash == hashlib.md5(password.encode()).hexdigest()
      `,
    },
    {
      name: 'passlib-style legacy schemes: the password is called secret, the function says checksum, or it is salted',
      code: `
        from hashlib import md5, sha1

        class postgres_md5:
            def _calc_checksum(self, secret):
                return md5(secret + self.user).hexdigest()

        def _raw_mssql(secret, salt):
            return sha1(secret.encode("utf-16-le") + salt).digest()

        class plaintext_sha1:
            @classmethod
            def genhash(cls, secret, hash):
                return sha1(b"xyz" + secret).hexdigest()
      `,
    },
    {
      name: "Flask's session interface passes on its own HMAC-SHA1 default",
      code: `
        import hashlib
        from itsdangerous import URLSafeTimedSerializer

        class SecureCookieSessionInterface:
            digest_method = staticmethod(hashlib.sha1)

            def get_signing_serializer(self, app):
                signer_kwargs = dict(key_derivation="hmac", digest_method=self.digest_method)
                return URLSafeTimedSerializer(app.secret_key, signer_kwargs=signer_kwargs)
      `,
    },
    {
      name: 'a digest that makes an HTTP Digest client nonce, and a digest of a token for storage',
      code: `
        import hashlib
        import os
        import time

        def build_digest_header(nonce):
            s = nonce.encode() + time.ctime().encode() + os.urandom(8)
            cnonce = hashlib.sha1(s).hexdigest()[:16]
            return f"{nonce}:{cnonce}:auth"


        def token_lookup(token):
            return Token.query.filter_by(digest=hashlib.sha1(token.encode()).hexdigest()).first()
      `,
    },
    {
      name: 'a digest of random bytes only encodes the randomness',
      code: `
        import hashlib
        import os

        def generate_csrf_token():
            session["csrf_token"] = hashlib.sha1(os.urandom(64)).hexdigest()

        def generate_token(user_id):
            return hashlib.md5(f"{user_id}:{os.urandom(16).hex()}".encode()).hexdigest()
      `,
    },
    {
      name: 'a digest with no telling name',
      code: `
        import hashlib

        def names_digest(*args, length):
            h = hashlib.md5()
            for arg in args:
                h.update(arg.encode())
            return h.hexdigest()[:length]
      `,
    },
    {
      name: 'OAEP and MGF1 with SHA-1 are not signatures',
      code: `
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import padding

        ct = public_key.encrypt(msg, padding.OAEP(mgf=padding.MGF1(algorithm=hashes.SHA1()), algorithm=hashes.SHA1(), label=None))
      `,
    },
    {
      name: 'md5 in a comment and a docstring',
      code: `
        def sign(body):
            """We used hashlib.md5(SECRET + body) before."""
            # hashlib.sha1(secret)
            return body
      `,
    },
  ],
  invalid: [
    {
      name: 'md5 of SECRET_KEY + body to sign receipts (the vulnerable example)',
      code: `
        import hashlib
        from flask import current_app

        def sign_receipt(body):
            return hashlib.md5(current_app.config["SECRET_KEY"].encode() + body).hexdigest()
      `,
      findings: [{ line: 5, severity: 'medium', message: /^MD5 digest that is returned by sign_receipt\(\)/ }],
    },
    {
      name: 'a keyed digest under a neutral name is still a home-made MAC',
      code: `
        import hashlib

        def receipt_hash(body):
            digest = hashlib.sha1(SECRET + body).hexdigest()
            return digest
      `,
      findings: [{ line: 4, message: /SHA-1 digest that is keyed with SECRET/ }],
    },
    {
      name: 'keyed with a secret from settings, and a signing function that takes its key',
      code: `
        import hashlib
        from django.conf import settings

        def legacy_digest(payload):
            return hashlib.md5((settings.API_SECRET + payload).encode()).hexdigest()

        def make_sig(body, secret):
            return hashlib.sha1(secret + body).hexdigest()
      `,
      findings: [
        { line: 5, message: /keyed with API_SECRET/ },
        { line: 8, message: /returned by make_sig\(\)/ },
      ],
    },
    {
      name: 'hashlib.new("sha1") for a token, and compare_digest on md5',
      code: `
        import hashlib
        import hmac

        def make_unsubscribe_token(email):
            return hashlib.new("sha1", email.encode()).hexdigest()

        def check(body, given):
            return hmac.compare_digest(hashlib.md5(body).hexdigest(), given)
      `,
      findings: [
        { line: 5, message: /returned by make_unsubscribe_token/ },
        { line: 8, message: /compare_digest/ },
      ],
    },
    {
      name: 'a webhook signature checked by comparison',
      code: `
        import hashlib
        from flask import request

        def webhook():
            expected = hashlib.sha1(request.data).hexdigest()
            if expected != request.headers["X-Signature"]:
                abort(403)
      `,
      findings: [{ line: 5, message: /compared with X-Signature/ }],
    },
    {
      name: 'SHA-1 in cryptography signatures and certificates',
      code: `
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.asymmetric import ec, padding

        sig = private_key.sign(data, padding.PKCS1v15(), hashes.SHA1())
        sig2 = ec_key.sign(data, ec.ECDSA(hashes.SHA1()))
        cert = builder.sign(private_key, hashes.MD5())
        public_key.verify(sig, data, padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=32), hashes.SHA1())
      `,
      findings: [
        { line: 4, message: /SHA-1 used as the hash of a signature \(\.sign/ },
        { line: 5 },
        { line: 6, message: /MD5/ },
        { line: 7, message: /\.verify/ },
      ],
    },
    {
      name: 'PyCryptodome SHA1 object signed with PKCS#1 v1.5',
      code: `
        from Crypto.Hash import SHA1
        from Crypto.Signature import pkcs1_15

        def sign_statement(key, data):
            h = SHA1.new(data)
            return pkcs1_15.new(key).sign(h)
      `,
      findings: [{ line: 5, message: /passed to sign\(\)/ }],
    },
    {
      name: 'PyCryptodome HMAC with SHA-1, and sha1 imported by name',
      code: `
        import hmac
        from hashlib import sha1
        from Crypto.Hash import HMAC, SHA1

        a = HMAC.new(secret, digestmod=SHA1)
        b = hmac.new(secret, payload, sha1).hexdigest()
      `,
      findings: [
        { line: 5, severity: 'low' },
        { line: 6, severity: 'low' },
      ],
    },
    {
      name: 'HMAC with MD5 and SHA-1 is low',
      code: `
        import hashlib
        import hmac
        from itsdangerous import URLSafeTimedSerializer
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.hmac import HMAC

        a = hmac.new(key, msg, hashlib.md5)
        b = hmac.new(key, msg, digestmod="sha1")
        c = URLSafeTimedSerializer(secret, signer_kwargs={"digest_method": hashlib.sha1})
        d = HMAC(key, hashes.SHA1())
      `,
      findings: [
        { line: 7, severity: 'low', message: /HMAC-MD5/ },
        { line: 8, severity: 'low', message: /HMAC-SHA1/ },
        { line: 9, severity: 'low', message: /itsdangerous/ },
        { line: 10, severity: 'low' },
      ],
    },
  ],
});
