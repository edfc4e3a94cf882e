import { weakRandomness } from '../../../src/rules/crypto/weak-randomness.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(weakRandomness, {
  valid: [
    {
      name: 'a page with a random number under a label that names no secret',
      code: `
        import random

        def banner():
            content = "Welcome! lucky=%s, page={}" % random.randint(1, 99)
            return content
      `,
    },
    {
      name: 'the secrets module (the clean example)',
      code: `
        import secrets

        def password_reset_code():
            return f"{secrets.randbelow(1_000_000):06d}"

        def issue_api_token(user):
            user.api_token = secrets.token_urlsafe(32)
      `,
    },
    {
      name: 'SystemRandom, directly and as a rebinding of random',
      code: `
        import random

        _rng = random.SystemRandom()

        def make_password():
            return "".join(_rng.choice(ALPHABET) for _ in range(16))

        def make_token():
            return random.SystemRandom().getrandbits(128)
      `,
    },
    {
      name: 'a module that rebinds random to SystemRandom',
      code: `
        import random
        random = random.SystemRandom()

        def make_token():
            return "".join(random.choice(ALPHABET) for _ in range(32))
      `,
    },
    {
      name: 'retry jitter and backoff',
      code: `
        import random
        import time

        def with_retry(fn, attempts=5):
            for attempt in range(attempts):
                try:
                    return fn()
                except TransientError:
                    delay = (2 ** attempt) + random.uniform(0, 1)
                    time.sleep(random.random() * 0.1)
                    time.sleep(delay)
      `,
    },
    {
      name: 'load balancing, sampling and games',
      code: `
        import random

        def pick_replica(replicas):
            return random.choice(replicas)

        def sample_rows(rows):
            sample = random.sample(rows, 10)
            return sample

        def roll_dice():
            return random.randint(1, 6)

        COLOR = random.choice(["red", "green"])
      `,
    },
    {
      name: 'shuffling test data and seeding',
      code: `
        import random

        def make_fixture(users):
            random.seed(42)
            random.shuffle(users)
            return users
      `,
    },
    {
      name: 'a test file may make random passwords for test users',
      path: 'tests/test_login.py',
      code: `
        import random
        import string

        def test_login(client):
            password = "".join(random.choices(string.ascii_letters, k=12))
            assert client.post("/login", data={"password": password}).status_code == 200
      `,
    },
    {
      name: 'a lexer token and a random index',
      code: `
        import random

        def pick(tokens):
            i = random.randrange(len(tokens))
            return tokens[random.randint(0, len(tokens) - 1)], i
      `,
    },
    {
      name: 'secrets with a random fallback for old Pythons (oauthlib)',
      code: `
        try:
            from secrets import SystemRandom, randbits
        except ImportError:
            from random import SystemRandom, getrandbits as randbits

        def generate_nonce():
            return str(str(randbits(64)) + generate_timestamp())
      `,
    },
    {
      name: 'a MIME boundary called token (wadllib)',
      code: `
        import random
        import sys

        def _make_boundary(all_parts):
            token = random.randrange(sys.maxsize)
            return ("=" * 15) + ("%019d" % token) + "=="
      `,
    },
    {
      name: 'random in a comment and a docstring',
      code: `
        def make_token():
            """Not random.choice(): use secrets."""
            # token = random.getrandbits(64)
            return None
      `,
    },
  ],
  invalid: [
    {
      name: 'a session id labelled in the page a generic name carries',
      code: `
        import random
        import string

        def login_page(name):
            content = "Welcome %s<meta http-equiv=Set-Cookie content='SESSIONID=%s; path=/'>" % (name, "".join(random.sample(string.ascii_letters, 20)))
            return content
      `,
      findings: [{ line: 5, message: /formatted into "SESSIONID=\.\.\."/ }],
    },
    {
      name: 'a password reset code returned by its function (the vulnerable example)',
      code: `
        import random

        def password_reset_code():
            return "%06d" % random.randint(0, 999999)
      `,
      findings: [
        {
          line: 4,
          severity: 'high',
          message: /random\.randint\(\) is predictable.*returned by password_reset_code\(\).*secrets\.randbelow/,
        },
      ],
    },
    {
      name: 'an API token on a model attribute (the vulnerable example)',
      code: `
        import random
        import string

        class User(db.Model):
            def issue_api_token(self):
                self.api_token = "".join(random.choices(string.ascii_letters + string.digits, k=32))
                return self.api_token
      `,
      findings: [{ line: 6, message: /becomes api_token/ }],
    },
    {
      name: 'imported by name; a generator expression into join',
      code: `
        from random import choice

        def new_session_id():
            return "".join(choice("abcdef0123456789") for _ in range(32))
      `,
      findings: [{ line: 4, message: /random\.choice.*new_session_id/ }],
    },
    {
      name: 'a neutral local that then goes to the session',
      code: `
        import random
        from flask import session

        def start_2fa():
            n = random.randint(100000, 999999)
            session["otp"] = n
            send_sms(n)
      `,
      findings: [{ line: 5, message: /kept in n, which becomes otp/ }],
    },
    {
      name: 'formatted into a reset link',
      code: `
        import random

        def send_reset(user):
            mail.send(user.email, f"https://bank.example/reset?token={random.getrandbits(64):x}")
      `,
      findings: [{ line: 4, message: /formatted into/ }],
    },
    {
      name: 'keywords, dict keys and a salt',
      code: `
        import random
        import string

        def register(email):
            salt = "".join(random.sample(string.hexdigits, 8))
            invite = Invite(email=email, code=str(random.random()), invite_code=random.randint(0, 10**8))
            return {"csrf_token": random.getrandbits(64), "salt": salt}
      `,
      findings: [
        { line: 5, message: /becomes salt/ },
        { line: 6, message: /passed as code= to Invite\(\)/ },
        { line: 6, message: /passed as invite_code=/ },
        { line: 7, message: /stored under "csrf_token"/ },
      ],
    },
    {
      name: 'a password shuffled in place, and a key from getrandbits',
      code: `
        import random

        def generate_password(length=12):
            chars = [random.choice(LETTERS) for _ in range(length)]
            random.shuffle(chars)
            return "".join(chars)

        def new_key():
            key = random.getrandbits(128)
            return key
      `,
      findings: [
        { line: 4, message: /kept in chars, which is returned by generate_password/ },
        { line: 5, message: /shuffles chars in generate_password/ },
        { line: 9, message: /becomes key/ },
      ],
    },
    {
      name: 'a code on an Invitation object',
      code: `
        import random
        import string

        class Invitation(db.Model):
            def __init__(self, email):
                self.email = email
                self.code = "".join(random.choices(string.ascii_uppercase, k=8))
      `,
      findings: [{ line: 7, message: /becomes Invitation\.code/ }],
    },
    {
      name: 'numpy.random for a PIN',
      code: `
        import numpy as np

        def new_pin():
            pin = np.random.randint(0, 9999)
            return f"{pin:04d}"
      `,
      findings: [{ line: 4, message: /numpy\.random\.randint.*becomes pin/ }],
    },
  ],
});
