import type { Rule } from '../rule.js';
import { isLoopbackBind, plainHttpLogins } from '../../models/servers/plain-http-login.js';
import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import { fileRole } from '../../discover/roles.js';
import { spanOf } from '../../lang/python/span.js';

export const plainHttpLogin: Rule = {
  meta: {
    id: 'FCG111',
    name: 'plain-http-login',
    family: 'transport',
    severity: 'high',
    cwe: [319, 523],
    title: 'Standard-library HTTP server taking logins over plain HTTP',
    what: [
      'A Python `http.server`/`socketserver` server (`HTTPServer`, `ThreadingHTTPServer`, `TCPServer`, `ThreadingTCPServer`, or a class of the module built on one, such as `class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer)`) started with a request handler defined in the module that reads a credential from requests (a password-named parameter used as a key: `params["password"]`, `params.get("passwd")`, `"password" in form`; or the `Authorization` header), in a module that never wraps a socket in TLS (`ssl.wrap_socket`, `SSLContext.wrap_socket`). Reported at the server\'s construction.',
      'Not reported: a handler that reads no credential (static files, health checks, webhooks), a handler imported from another module, a module that wraps its socket in TLS. A server bound to a loopback address written in the module (`"127.0.0.1"`, `"localhost"`) is reported at low, as is a server in a test file.',
    ].join('\n\n'),
    why: 'A standard-library server is the whole web stack: no proxy in front terminates TLS. Without a wrapped socket every login form, Basic-auth header and session cookie crosses the network as typed, for anyone on the path to read and replay (CWE-319, CWE-523).',
    bad: {
      lang: 'python',
      code: 'class Handler(http.server.BaseHTTPRequestHandler):\n    def do_POST(self):\n        form = self.read_form()\n        if check(form.get("username"), form.get("password")):\n            ...\n\nhttp.server.ThreadingHTTPServer(("0.0.0.0", 8080), Handler).serve_forever()',
    },
    good: {
      lang: 'python',
      code: 'server = http.server.ThreadingHTTPServer(("0.0.0.0", 8443), Handler)\nctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)\nctx.load_cert_chain("/etc/app/tls.crt", "/etc/app/tls.key")\nserver.socket = ctx.wrap_socket(server.socket, server_side=True)\nserver.serve_forever()',
    },
    fix: "Serve the application with a WSGI server behind a TLS-terminating proxy, or wrap the server's socket with `SSLContext.wrap_socket(server.socket, server_side=True)` before serving. Keep a plain-HTTP server bound to `127.0.0.1` for local use only.",
    limits: [
      'The handler must be a class of the same module and read the credential itself: a handler that delegates to a helper in another module, or a WSGI application served by `wsgiref.simple_server.make_server`, is not followed. TLS terminated by a proxy or a sidecar is not seen; a socket wrapped anywhere in the module counts for every server of it.',
      'The bind address is read when it is written in the module (a literal or a constant); a deploy step that rewrites it (`sed` in a Dockerfile) is not seen, so a loopback bind stays low.',
    ].join('\n\n'),
    precision: 'high',
  },
  check(ctx) {
    if (!ctx.python) return;
    const role = fileRole(ctx.file.path) === 'test' ? ('test' as const) : undefined;
    for (const s of plainHttpLogins(ctx.python)) {
      const loopback = s.bindHost !== undefined && isLoopbackBind(s.bindHost);
      const byRole = fileRoleSeverity(role, 'high');
      const c = loopback
        ? { severity: 'low' as const, note: ` (bound to ${s.bindHost}: only this machine reaches it; lowered to low)` }
        : byRole;
      ctx.report({
        span: spanOf(s.call),
        severity: c.severity,
        message: `${s.server} serves ${s.handler}, which reads ${s.credential} from requests, over plain HTTP (no socket in this module is wrapped in TLS): logins cross the network in cleartext${c.note}.`,
      });
    }
  },
};
