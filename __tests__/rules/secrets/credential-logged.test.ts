import { expect, test } from '@jest/globals';
import { credentialName } from '../../../src/models/secrets/credential-logs.js';
import { credentialLogged } from '../../../src/rules/secrets/credential-logged.js';
import { ruleTester, runRule } from '../../helpers/rule-tester.js';

ruleTester(credentialLogged, {
  valid: [
    {
      name: 'labels that do not name a credential, a constant after a credential label, and %% escapes',
      code: 'import os\nfrom flask import Flask\napp = Flask(__name__)\nMODE = "desktop"\napp.logger.debug("Not running under the desktop runtime, port: %s" % port)\napp.logger.debug("Password reset for user: %s" % user.email)\napp.logger.debug("security key: %s" % MODE)\napp.logger.info("100%% done, key count: %d" % len(keys))\n',
    },
    {
      name: 'a DNS-01 challenge token the same function publishes as a TXT record',
      code: 'import logging\nlog = logging.getLogger(__name__)\n\ndef create_txt_record(domain, token):\n    zone.add_record(domain, record_type="TXT", txtdata=f\'"{token}"\', ttl=5)\n    log.debug(f"TXT record created for {domain}, token: {token}")\n\ndef add_challenge(name, token):\n    client.change_records(name, rtype="txt", value=token)\n    log.info("published %s", token)\n',
    },
    {
      name: 'the user name, not the password',
      code: `
        import logging
        from flask import request

        log = logging.getLogger(__name__)

        def login():
            email = request.form["email"]
            password = request.form["password"]
            log.info("login attempt email=%s", email)
            log.warning("login failed for %s", request.form["username"])
      `,
    },
    {
      name: 'derived values: len, bool, mask, redact, hash, slices, comparisons',
      code: `
        import logging

        logger = logging.getLogger(__name__)

        def check(password, token, dsn):
            logger.debug("password length %d", len(password))
            logger.debug("token present: %s", bool(token))
            logger.info("token %s", mask(token))
            logger.info("connecting to %s", redact(dsn))
            logger.debug("token prefix %s...", token[:6])
            logger.debug("match: %s", token == expected)
            print(f"hash {hash(password)}")
      `,
    },
    {
      name: 'literal text that mentions a password, and names that describe one',
      code: `
        import logging

        log = logging.getLogger(__name__)

        def reset(user, token_type, password_changed_at, password_reset_url, token_count, num_tokens):
            log.info("password reset sent to %s", user.email)
            print("Enter your password:")
            log.info("token type %s, %d tokens", token_type, token_count)
            log.info("password changed at %s", password_changed_at)
            log.info("reset link %s", password_reset_url)
            log.debug("%d tokens", num_tokens)

        def sign_in(id_token):
            claims = decode(id_token)
            id_token_claims_keys = sorted(claims.keys())
            log.debug(f"id_token claims: {id_token_claims_keys}")
      `,
    },
    {
      name: 'a connection string constant without a password',
      code: `
        import logging

        DATABASE_URL = "cockroachdb://root@localhost:26257/defaultdb?sslmode=verify-full"
        logging.info("using %s", DATABASE_URL)
      `,
    },
    {
      name: 'not a logger: math.log, numpy.log, a dict log',
      code: `
        import math
        import numpy as np

        def entropy(token_count, secret_len):
            return math.log(secret_len) + np.log(token_count)

        events.info(password)
      `,
    },
    {
      name: 'a constant number under a secret-ish name',
      code: `
        import logging

        TOKEN_TTL = 3600
        PASSWORD_MIN = 12
        logging.info("tokens live %s seconds", TOKEN_TTL)
      `,
    },
    {
      name: 'the word in a comment or a docstring',
      code: `
        import logging

        def f(user):
            """Never log(password)."""
            # logging.info(password)
            logging.info("user %s", user.name)
      `,
    },
    {
      name: 'a tokenizer prints its tokens',
      code: `
        import tokenize

        def dump(readline):
            for token in tokenize.generate_tokens(readline):
                token_range = "%d,%d" % token.start
                print(token_range, repr(token))
      `,
    },
    {
      name: 'exc_info and print options are not output',
      code: `
        import logging
        import sys

        def f(e):
            logging.error("failed", exc_info=True)
            print("done", file=sys.stderr)
      `,
    },
    {
      name: 'shell: a password piped to a program or redirected to a file, or echoed before it is set',
      path: 'deploy.sh',
      code: `
        echo "$REGISTRY_PASSWORD"
        REGISTRY_PASSWORD=ledger-registry-2024
        echo "$REGISTRY_PASSWORD" | docker login -u ci --password-stdin registry.example.org
        echo "$REGISTRY_PASSWORD" > /run/secrets/registry
        URL="postgresql://app@db.prod/bank"
        echo "connecting to $URL"
      `,
    },
    {
      name: 'shell: a variable whose password comes from outside the script',
      path: 'connect.sh',
      code: `
        export URL="postgresql://app:\${DB_PASSWORD}@db.prod:26257/bank"
        echo "url: \${URL}"
      `,
    },
  ],
  invalid: [
    {
      name: 'a %-formatted message whose label names the value a credential',
      code: 'import os\nfrom flask import Flask\napp = Flask(__name__)\napp.INT_KEY = os.environ["APP_INT_KEY"]\napp.logger.debug("Desktop security key: %s" % app.INT_KEY)\napp.logger.info("user %s logged in with token=%s" % (user, current.value))\n',
      findings: [
        { line: 5, message: /secret/ },
        { line: 6, message: /token/ },
      ],
    },
    {
      name: 'a token logged beside a TXT record it is not part of, or in another function',
      code: 'import logging\nlog = logging.getLogger(__name__)\n\ndef create_txt_record(domain, token, api_token):\n    zone.add_record(domain, record_type="TXT", txtdata=f\'"{token}"\')\n    log.debug("api token %s", api_token)\n\ndef refresh(token):\n    log.debug("token %s", token)\n',
      findings: [{ line: 6 }, { line: 9 }],
    },
    {
      name: "a password in logging's lazy %s arguments",
      code: `
        import logging
        from flask import request

        log = logging.getLogger(__name__)

        def login():
            email = request.form["email"]
            password = request.form["password"]
            log.info("login attempt email=%s password=%s", email, password)
      `,
      findings: [{ line: 9, severity: 'medium', message: /A password \(`password`\) passed to log\.info\(\)/ }],
    },
    {
      name: 'the database URI from app.config',
      code: `
        import logging

        log = logging.getLogger(__name__)

        def create_app(app):
            log.info("ledger starting, database %s", app.config["SQLALCHEMY_DATABASE_URI"])
            app.logger.debug("secret %s", app.config["SECRET_KEY"])
      `,
      findings: [
        { line: 6, message: /connection string/ },
        { line: 7, message: /app\.logger\.debug/ },
      ],
    },
    {
      name: 'f-strings, % and .format() in print and logger calls',
      code: `
        import logging
        import os

        logger = logging.getLogger(__name__)

        def connect(conn_str, api_key):
            print(f"Connecting with {conn_str}")
            logger.info("key=%s" % api_key)
            logger.info("url={}".format(os.environ["DATABASE_URL"]))
            print("dsn: " + os.getenv("DATABASE_URL"))
      `,
      findings: [{ line: 7 }, { line: 8 }, { line: 9 }, { line: 10 }],
    },
    {
      name: 'request fields and form data',
      code: `
        from flask import current_app, request

        def register(form):
            current_app.logger.info("payload %s", request.json.get("password"))
            print(form.password.data)
            current_app.logger.warning("bad token %s", request.headers["X-Api-Token"])
            current_app.logger.debug("auth: %s", request.headers.get("Authorization"))
      `,
      findings: [{ line: 4 }, { line: 5 }, { line: 6 }, { line: 7 }],
    },
    {
      name: 'logging module functions, logging.getLogger(...) and click.echo',
      code: `
        import logging

        import click

        def show(user, creds, private_key):
            logging.debug("creds %r", creds)
            logging.getLogger("auth").error("user %s token %s", user.name, user.api_token)
            click.echo(private_key)
      `,
      findings: [{ line: 6 }, { line: 7 }, { line: 8 }],
    },
    {
      name: 'a dict, extra= and a structlog keyword',
      code: `
        import logging

        import structlog

        log = structlog.get_logger()
        logger = logging.getLogger(__name__)

        def login(email, pw, secret):
            log.info("login", email=email, password=pw)
            logger.info("login", extra={"user": email, "password": pw})
            print({"email": email, "client_secret": secret})
      `,
      findings: [{ line: 9 }, { line: 10 }, { line: 11 }],
    },
    {
      name: 'log(level, msg, args), exception(), str() and .strip()',
      code: `
        import logging

        logger = logging.getLogger(__name__)

        def fail(dsn, token):
            logger.log(logging.WARNING, "cannot reach %s", dsn)
            logger.exception("refresh failed for " + str(token.strip()))
      `,
      findings: [{ line: 6 }, { line: 7 }],
    },
    {
      name: 'in a test file too',
      path: 'tests/test_login.py',
      code: `
        def test_login(client):
            password = "correct horse"
            print("using", password)
      `,
      findings: [{ line: 3 }],
    },
    {
      name: 'shell: echo of a URI whose password is a literal variable of the same script',
      path: 'connect.sh',
      code: `
        export DB_PASSWORD=ledger-db-2024
        export URL="postgresql://app:\${DB_PASSWORD}@10.0.3.7:26257/bank?sslmode=verify-full"
        echo "this is the URL "\${URL}
        printf 'password %s\\n' "$DB_PASSWORD"
      `,
      findings: [
        {
          line: 3,
          message: /connection string with a literal password \(`\$URL`, set in this script\) printed by echo/,
        },
        { line: 4, message: /A password \(`\$DB_PASSWORD`/ },
      ],
    },
  ],
});

test.each([
  ['password', 'password'],
  ['new_password', 'password'],
  ['db_pass', 'password'],
  ['SQLALCHEMY_DATABASE_URI', 'connection string'],
  ['database_url', 'connection string'],
  ['dsn', 'connection string'],
  ['conn_str', 'connection string'],
  ['connection_string', 'connection string'],
  ['api_key', 'API key'],
  ['apiKey', 'API key'],
  ['access_token', 'token'],
  ['refresh_token', 'token'],
  ['SECRET_KEY', 'secret'],
  ['credentials', 'credential'],
  ['password_reset_url', undefined],
  ['token_count', undefined],
  ['num_tokens', undefined],
  ['token_type', undefined],
  ['password_changed_at', undefined],
  ['password_hash', undefined],
  ['username', undefined],
  ['salt', undefined],
  ['token_expired', undefined],
  ['secret_manager', undefined],
  ['decoded_token', undefined],
  ['Authorization', 'credential'],
  ['tokens', undefined],
  ['is_token_valid', undefined],
])('credentialName(%s) is %s', (name, kind) => {
  expect(credentialName(name)).toBe(kind);
});

test('shell: thousands of assignments and echos are one pass', async () => {
  const script = Array.from({ length: 4000 }, (_, i) => `V${i}=value-${i}\necho "$V${i}"\n`).join('');
  const started = Date.now();
  const findings = await runRule(
    credentialLogged,
    'many.sh',
    `DB_PASSWORD=ledger-db-2024\n${script}echo "$DB_PASSWORD"\n`,
  );
  expect(findings.map((f) => f.line)).toEqual([8002]);
  expect(Date.now() - started).toBeLessThan(5000);
});
