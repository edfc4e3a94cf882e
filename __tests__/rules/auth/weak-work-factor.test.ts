import { weakWorkFactor } from '../../../src/rules/auth/weak-work-factor.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(weakWorkFactor, {
  valid: [
    {
      name: 'PBKDF2 over a random API token (urandom output), not a password',
      code: 'import hashlib\nfrom binascii import hexlify, unhexlify\nfrom os import urandom\n\ndef new_api_key():\n    return hexlify(urandom(16)).decode()\n\ndef key_hash(token: str):\n    return hashlib.pbkdf2_hmac("sha256", unhexlify(token), SALT, 100000).hex()\n',
    },
    {
      name: 'bcrypt defaults and cost 12',
      code: `
        import bcrypt
        a = bcrypt.hashpw(pw, bcrypt.gensalt())
        b = bcrypt.hashpw(pw, bcrypt.gensalt(rounds=12))
        BCRYPT_LOG_ROUNDS = 13
      `,
    },
    {
      name: 'PBKDF2 at the OWASP figures, per hash',
      code: `
        import hashlib
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
        ITERATIONS = 600_000
        a = hashlib.pbkdf2_hmac("sha256", pw, salt, ITERATIONS)
        b = hashlib.pbkdf2_hmac("sha512", pw, salt, iterations=210000)
        c = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=600000)
      `,
    },
    {
      name: 'scrypt and argon2 at or above the minimums, defaults included',
      code: `
        import hashlib
        from argon2 import PasswordHasher
        a = hashlib.scrypt(pw, salt=salt, n=2**14, r=8, p=1)
        b = PasswordHasher()
        c = PasswordHasher(time_cost=2, memory_cost=19456)
        d = PasswordHasher(time_cost=1)
      `,
    },
    {
      name: 'werkzeug pbkdf2 without an iteration count, and a high one',
      code: `
        from werkzeug.security import generate_password_hash
        a = generate_password_hash(pw, method="pbkdf2:sha256")
        b = generate_password_hash(pw, method="pbkdf2:sha256:600000")
      `,
    },
    {
      name: 'a cost read from configuration',
      code: `
        import bcrypt, os
        a = bcrypt.gensalt(int(os.environ.get("BCRYPT_ROUNDS", "12")))
        b = bcrypt.gensalt(current_app.config["BCRYPT_LOG_ROUNDS"])
      `,
    },
    {
      name: 'a feature probe with a literal password',
      code: `
        import hashlib
        def supported(name):
            try:
                hashlib.pbkdf2_hmac(name, b"p", b"s", 1)
                return True
            except ValueError:
                return False
      `,
    },
    {
      name: 'rounds of something that is not a password hash',
      code: `
        def play(rounds=3):
            return tournament.run(rounds=4)
      `,
    },
  ],
  invalid: [
    {
      name: 'PBKDF2 over an input named both token and password, or over an unnamed value',
      code: 'import hashlib\n\ndef reset(token, password):\n    a = hashlib.pbkdf2_hmac("sha256", (token + password).encode(), SALT, 100000)\n    b = hashlib.pbkdf2_hmac("sha256", data, SALT, 100000)\n',
      findings: [{ line: 4 }, { line: 5 }],
    },
    {
      name: 'bcrypt.gensalt positional and keyword',
      code: `
        import bcrypt
        a = bcrypt.hashpw(pw, bcrypt.gensalt(8))
        b = bcrypt.hashpw(pw, bcrypt.gensalt(rounds=4))
      `,
      findings: [{ line: 2, message: /bcrypt cost 8/ }, { line: 3 }],
    },
    {
      name: 'BCRYPT_LOG_ROUNDS in production and testing config classes',
      code: `
        class Config:
            BCRYPT_LOG_ROUNDS = 6
        class TestingConfig(Config):
            BCRYPT_LOG_ROUNDS = 4
        app.config.update(BCRYPT_LOG_ROUNDS=5)
      `,
      findings: [{ line: 2 }, { line: 4, message: /testing config class/ }, { line: 5 }],
    },
    {
      name: 'Flask-Bcrypt generate_password_hash rounds',
      code: `
        from flask_bcrypt import Bcrypt
        bcrypt = Bcrypt(app)
        h = bcrypt.generate_password_hash(pw, 8)
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'pbkdf2_hmac below the figure for its hash, through a constant and arithmetic',
      code: `
        import hashlib
        ROUNDS = 100 * 1000
        a = hashlib.pbkdf2_hmac("sha256", pw, salt, ROUNDS)
        b = hashlib.pbkdf2_hmac(hash_name="sha1", password=pw, salt=salt, iterations=1_000_000)
        c = hashlib.pbkdf2_hmac("sha512", pw, salt, 100000)
      `,
      findings: [
        { line: 3, message: /SHA256 with 100,000 iterations; OWASP's minimum is 600,000/ },
        { line: 4, message: /1,300,000/ },
        { line: 5, message: /210,000/ },
      ],
    },
    {
      name: 'cryptography PBKDF2HMAC and PyCryptodome PBKDF2 default count',
      code: `
        from cryptography.hazmat.primitives import hashes
        from cryptography.hazmat.primitives.kdf.pbkdf2 import PBKDF2HMAC
        from Crypto.Protocol.KDF import PBKDF2
        kdf = PBKDF2HMAC(algorithm=hashes.SHA256(), length=32, salt=salt, iterations=100000)
        key = PBKDF2(password, salt, 32)
      `,
      findings: [{ line: 4 }, { line: 5, message: /1,000 iterations/ }],
    },
    {
      name: 'werkzeug pbkdf2 and scrypt methods with low parameters',
      code: `
        from werkzeug.security import generate_password_hash
        a = generate_password_hash(pw, method="pbkdf2:sha256:1000")
        b = generate_password_hash(pw, "scrypt:4096:8:1")
      `,
      findings: [
        { line: 2, message: /1,000 iterations/ },
        { line: 3, message: /N=4096/ },
      ],
    },
    {
      name: 'scrypt n below 2**14',
      code: `
        import hashlib
        from cryptography.hazmat.primitives.kdf.scrypt import Scrypt
        a = hashlib.scrypt(pw, salt=salt, n=2**10, r=8, p=1)
        b = Scrypt(salt=salt, length=32, n=1024, r=8, p=1)
      `,
      findings: [{ line: 3, message: /N=1024/ }, { line: 4 }],
    },
    {
      name: 'argon2 PasswordHasher below every OWASP row',
      code: `
        from argon2 import PasswordHasher
        a = PasswordHasher(time_cost=1, memory_cost=8192)
        b = PasswordHasher(memory_cost=4096)
      `,
      findings: [{ line: 2, message: /time_cost=1 and memory_cost=8192/ }, { line: 3 }],
    },
    {
      name: 'passlib using and CryptContext rounds',
      code: `
        from passlib.hash import bcrypt, pbkdf2_sha256
        from passlib.context import CryptContext
        a = bcrypt.using(rounds=6).hash(pw)
        b = pbkdf2_sha256.hash(pw, rounds=29000)
        ctx = CryptContext(schemes=["bcrypt"], bcrypt__rounds=8)
      `,
      findings: [{ line: 3 }, { line: 4, message: /29,000/ }, { line: 5 }],
    },
  ],
});
