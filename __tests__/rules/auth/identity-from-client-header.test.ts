import { identityFromClientHeader } from '../../../src/rules/auth/identity-from-client-header.js';
import { projectTester, ruleTester } from '../../helpers/rule-tester.js';

ruleTester(identityFromClientHeader, {
  valid: [
    {
      name: 'REMOTE_USER from the WSGI environ (set by the server, not the client)',
      code: `
        from flask import request

        def current_user_name():
            return request.environ.get("REMOTE_USER")
      `,
    },
    {
      name: 'headers used for other purposes: request id, user agent, content type',
      code: `
        from flask import request

        def tag():
            rid = request.headers.get("X-Request-ID")
            agent = request.headers["User-Agent"]
            return rid, agent, request.headers.get("Content-Type")
      `,
    },
    {
      name: 'identity header read after a proxy secret is verified with compare_digest',
      code: `
        import hmac
        from flask import request, abort
        PROXY_SECRET = load_secret()

        def current_user_name():
            if not hmac.compare_digest(request.headers.get("X-Proxy-Secret", ""), PROXY_SECRET):
                abort(401)
            return request.headers.get("X-Forwarded-User")
      `,
    },
    {
      name: 'identity header read only when the peer is a trusted proxy',
      code: `
        from flask import request, abort
        TRUSTED = {"10.0.0.2"}

        def current_user_name():
            if request.remote_addr not in TRUSTED:
                abort(403)
            return request.headers["Remote-User"]
      `,
    },
    {
      name: 'a client header that is not an identity, held in a constant of the file',
      code: `
        from flask import request
        TRACE_HEADER = "X-Trace-Id"

        def trace():
            return request.headers.get(TRACE_HEADER)
      `,
    },
    {
      name: 'the environ key without the HTTP_ prefix is the server variable',
      code: `
        from flask import request

        def who():
            return request.environ["REMOTE_USER"]
      `,
    },
    {
      name: 'headers of an outgoing response, not of the request',
      code: `
        def forward(resp):
            return resp.headers.get("X-Remote-User")
      `,
    },
  ],
  invalid: [
    {
      name: 'X-Forwarded-User read with headers.get',
      code: `
        from flask import request

        def current_user_name():
            return request.headers.get("X-Forwarded-User")
      `,
      findings: [{ line: 4, message: /X-Forwarded-User header, which any client can send/ }],
    },
    {
      name: 'Remote-User subscript and REMOTE_USER through headers (Werkzeug reads HTTP_REMOTE_USER)',
      code: `
        from flask import request

        def a():
            return request.headers["Remote-User"]

        def b():
            return request.headers.get("REMOTE_USER")
      `,
      findings: [{ line: 4 }, { line: 7 }],
    },
    {
      name: 'the client header through the environ (HTTP_ prefix)',
      code: `
        from flask import request

        def who():
            return request.environ.get("HTTP_X_REMOTE_USER")
      `,
      findings: [{ line: 4 }],
    },
    {
      name: 'header name in a constant of the file; flask.request spelled out',
      code: `
        import flask
        USER_HEADER = "X-Auth-Request-Email"

        def who():
            return flask.request.headers.get(USER_HEADER)
      `,
      findings: [{ line: 5 }],
    },
    {
      name: 'a comparison of a non-secret header does not count as proof of the proxy',
      code: `
        from flask import request

        def who():
            if request.headers.get("Accept") == "application/json":
                pass
            return request.headers.get("X-Remote-User")
      `,
      findings: [{ line: 6 }],
    },
    {
      name: 'in a test file: lowered to low',
      path: 'tests/test_auth.py',
      code: `
        from flask import request

        def who():
            return request.headers.get("X-Forwarded-User")
      `,
      findings: [{ line: 4, severity: 'low' }],
    },
  ],
});

const WEBSERVER = `
  import config
  from flask import request

  def get_user():
      username = request.environ.get(config.WEBSERVER_REMOTE_USER)
      if not username:
          username = request.headers.get(config.WEBSERVER_REMOTE_USER)
      return username
`;

projectTester(identityFromClientHeader, {
  valid: [
    {
      name: 'the imported constant names a header that is not an identity',
      files: {
        'web/config.py': 'WEBSERVER_HEADER = "X-Request-ID"\n',
        'web/auth.py': WEBSERVER.replace(/WEBSERVER_REMOTE_USER/g, 'WEBSERVER_HEADER'),
      },
    },
    {
      name: 'the imported constant is not known (read from the environment)',
      files: { 'web/config.py': 'import os\nWEBSERVER_REMOTE_USER = os.environ["HDR"]\n', 'web/auth.py': WEBSERVER },
    },
  ],
  invalid: [
    {
      name: 'header name from a config module of the project (pgAdmin webserver auth)',
      files: { 'web/config.py': "WEBSERVER_REMOTE_USER = 'REMOTE_USER'\n", 'web/auth.py': WEBSERVER },
      findings: [{ path: 'web/auth.py', line: 7, message: /config\.WEBSERVER_REMOTE_USER/ }],
    },
    {
      name: 'header name imported by name from a settings package',
      files: {
        'app/settings.py': 'USER_HEADER = "X-Forwarded-Email"\n',
        'app/views.py':
          'from flask import request\nfrom .settings import USER_HEADER\n\ndef who():\n    return request.headers[USER_HEADER]\n',
      },
      findings: [{ path: 'app/views.py', line: 5 }],
    },
  ],
});
