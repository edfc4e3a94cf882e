import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import { queryPasswordReads } from '../../models/flask/query-credentials.js';
import { spanOf } from '../../lang/python/span.js';
import type { Rule } from '../rule.js';

export const passwordInQueryString: Rule = {
  meta: {
    id: 'FCG416',
    name: 'password-in-query-string',
    family: 'auth',
    severity: 'medium',
    cwe: [598],
    title: 'Password read from the URL query string',
    what: 'A password taken from the query string of the URL: Flask `request.args["password"]`, `request.args.get("password")`, `request.args.getlist("pwd")`, Django `request.GET.get("password")`, DRF/Starlette `request.query_params["password"]`; and, in a handler derived from the standard library\'s `http.server.BaseHTTPRequestHandler`, a lookup of a password parameter in anything parsed from `self.path` (`path, query = self.path.split("?", 1)`, `params = parse_qs(urlparse(self.path).query)`, then `params.get("password")`), followed through the method\'s local assignments. Parameter names are those that hold a password itself (`password`, `passwd`, `pwd`, `pass`, `new_password`), not `password_reset_token`.',
    why: "The URL, query string included, is written to web server and proxy access logs, kept in browser history and bookmarks, and sent to other sites in the `Referer` header; a password in it is stored in clear text in all those places, outside the application's control (CWE-598, use of GET request method with sensitive query strings). A login form that submits with GET puts every user's password there.",
    bad: {
      lang: 'python',
      code: 'from flask import request\n\n@app.route("/login")\ndef login():\n    user = find_user(request.args["username"])\n    if user and user.check_password(request.args.get("password")):\n        return start_session(user)',
    },
    good: {
      lang: 'python',
      code: 'from flask import request\n\n@app.route("/login", methods=["POST"])\ndef login():\n    user = find_user(request.form["username"])\n    if user and user.check_password(request.form.get("password")):\n        return start_session(user)',
    },
    fix: 'Send credentials in the body of a POST request (`<form method="post">`, `request.form`, `request.get_json()`) over HTTPS, or in an `Authorization` header; never in the URL. Reset and invitation links that must carry a secret should carry a single-use, short-lived token, not a password.',
    limits:
      'Only reads in the file are seen: a query parsed in a helper of another module, or `request.values` (which merges the query string with the form body, and is usually given the body) are not flagged; Flask-RESTful `reqparse` arguments with `location="args"` are not read. In an `http.server` handler the parameters must be derived from `self.path` inside the same method. Tokens in links (password reset, e-mail confirmation) are not reported by this rule: it is about passwords. In test files the finding is lowered to low.',
    precision: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    const seen = new Set<number>();
    for (const read of queryPasswordReads(py)) {
      if (seen.has(read.node.id)) continue;
      seen.add(read.node.id);
      const lowered = fileRoleSeverity(ctx.file.role === 'test' ? 'test' : undefined, 'medium');
      ctx.report({
        span: spanOf(read.node),
        ...(lowered.note ? { severity: lowered.severity } : {}),
        message: `The "${read.name}" parameter is read from the URL query string (${read.source}): the password lands in access logs, proxy logs, browser history and Referer headers; accept it only in a POST body or an Authorization header${lowered.note}.`,
      });
    }
  },
};
