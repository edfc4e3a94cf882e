import { passwordInQueryString } from '../../../src/rules/auth/password-in-query-string.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(passwordInQueryString, {
  valid: [
    {
      name: 'password from the form body and from JSON',
      code: `
        from flask import request

        def login():
            a = request.form["password"]
            b = request.form.get("password")
            c = request.get_json()["password"]
            return a, b, c
      `,
    },
    {
      name: 'a reset token in the link is not a password (the rule is about passwords)',
      code: `
        from flask import request

        def reset():
            token = request.args.get("token")
            other = request.args["password_reset_token"]
            return token, other
      `,
    },
    {
      name: 'other query parameters: page, username',
      code: `
        from flask import request

        def search():
            return request.args.get("page"), request.args["username"]
      `,
    },
    {
      name: 'http.server handler: password from the POST body, not the path',
      code: `
        import http.server, urllib.parse

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers["Content-Length"])
                form = urllib.parse.parse_qs(self.rfile.read(length).decode())
                path = self.path
                return path, form.get("password")
      `,
    },
    {
      name: 'a dict lookup of "password" in a class that is not a request handler',
      code: `
        class Client:
            def connect(self):
                params = dict(self.path_params)
                return params.get("password")
      `,
    },
  ],
  invalid: [
    {
      name: 'Flask request.args get and subscript',
      code: `
        from flask import request

        def login():
            user = request.args["username"]
            pw = request.args.get("password")
            old = request.args["old_pwd"]
            return user, pw, old
      `,
      findings: [
        { line: 5, message: /"password" parameter is read from the URL query string \(request\.args\)/ },
        { line: 6 },
      ],
    },
    {
      name: 'Django request.GET and DRF query_params',
      code: `
        def login(request):
            a = request.GET.get("passwd")
            b = self.request.query_params["pass"]
            return a, b
      `,
      findings: [{ line: 2 }, { line: 3 }],
    },
    {
      name: 'http.server handler parsing the query of self.path (tuple assignments paired)',
      code: `
        import http.server, re, urllib.parse

        class ReqHandler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                path, query = self.path.split("?", 1) if "?" in self.path else (self.path, "")
                code, params = 200, dict(urllib.parse.parse_qsl(query))
                if path == "/login":
                    check(params.get("username", ""), params.get("password", ""))
                return code
      `,
      findings: [{ line: 8, message: /\(self\.path\)/ }],
    },
    {
      name: 'http.server handler: parse_qs(urlparse(self.path).query) subscript',
      code: `
        from http.server import BaseHTTPRequestHandler
        from urllib.parse import parse_qs, urlparse

        class H(BaseHTTPRequestHandler):
            def do_GET(self):
                qs = parse_qs(urlparse(self.path).query)
                return qs["password"][0]
      `,
      findings: [{ line: 7 }],
    },
    {
      name: 'in a test file: lowered to low',
      path: 'tests/test_login.py',
      code: `
        from flask import request

        def login():
            return request.args.get("password")
      `,
      findings: [{ line: 4, severity: 'low' }],
    },
  ],
});
