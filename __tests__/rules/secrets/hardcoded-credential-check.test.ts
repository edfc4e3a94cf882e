import { hardcodedCredentialCheck } from '../../../src/rules/secrets/hardcoded-credential-check.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(hardcodedCredentialCheck, {
  valid: [
    {
      name: 'the secret comes from the environment, compared in constant time',
      code: `
        import hmac
        import os
        from flask import request

        ADMIN_TOKEN = os.environ["ADMIN_TOKEN"]

        def reset():
            if not hmac.compare_digest(request.headers.get("X-Admin-Token", ""), ADMIN_TOKEN):
                return "no", 403
      `,
    },
    {
      name: 'request values compared with literals that are no secrets',
      code: `
        from flask import request

        MODE = "dark"

        def view():
            if request.method == "POST" and request.args.get("format") == "json":
                pass
            if request.form["theme"] == MODE:
                pass
            if request.headers.get("X-Api-Version") == "2024-01":
                pass
      `,
    },
    {
      name: 'a secret literal compared with something that is not the request, and placeholders',
      code: `
        from flask import request

        SECRET = "hello-world-2024"
        API_KEY = "changeme"

        def check(config, stored):
            if config["SECRET"] == SECRET:
                pass
            if request.headers.get("X-API-Key") == API_KEY:
                pass
            if stored.token == "abc-123":
                pass
      `,
    },
  ],
  invalid: [
    {
      name: 'a module constant guards an endpoint, through a local read of the JSON body',
      code: `
        from flask import Flask, request

        app = Flask(__name__)
        SECRET = "hello"

        @app.post("/initialize_db/")
        def initialize_db():
            body = request.get_json()
            if body["key"] == SECRET:
                return "ok", 201
            return "no", 403
      `,
      findings: [{ line: 4, message: /checked against SECRET, a secret written in the source \("\*\*\*\*"\)/ }],
    },
    {
      name: 'a literal inline, a header named for a key, and compare_digest',
      code: `
        import hmac
        from flask import request

        def admin():
            if request.headers.get("X-API-Key") != "k3y-for-admins":
                return "no", 403
            if hmac.compare_digest(request.args.get("token", ""), "tok-2024-admin"):
                return "yes"
      `,
      findings: [{ line: 5 }, { line: 7 }],
    },
    {
      name: 'in a test file it is lowered',
      path: 'tests/test_admin.py',
      code: 'from flask import request\n\nTOKEN = "tok-2024-admin"\n\ndef fake():\n    return request.args["token"] == TOKEN\n',
      findings: [{ line: 3, severity: 'low' }],
    },
  ],
});
