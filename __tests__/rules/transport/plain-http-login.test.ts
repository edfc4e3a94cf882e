import { plainHttpLogin } from '../../../src/rules/transport/plain-http-login.js';
import { dedent, ruleTester } from '../../helpers/rule-tester.js';

const LOGIN_HANDLER = dedent(`
  import http.server, socketserver, urllib.parse

  class LoginHandler(http.server.BaseHTTPRequestHandler):
      def do_POST(self):
          length = int(self.headers.get("Content-Length", 0))
          form = urllib.parse.parse_qs(self.rfile.read(length).decode())
          ok = check_login(form.get("username", [""])[0], form.get("password", [""])[0])
          self.send_response(200 if ok else 403)
          self.end_headers()
`);

ruleTester(plainHttpLogin, {
  valid: [
    {
      name: 'the socket is wrapped in TLS',
      code:
        LOGIN_HANDLER +
        dedent(`
        import ssl
        server = http.server.ThreadingHTTPServer(("0.0.0.0", 8443), LoginHandler)
        ctx = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        ctx.load_cert_chain("tls.crt", "tls.key")
        server.socket = ctx.wrap_socket(server.socket, server_side=True)
        server.serve_forever()
      `),
    },
    {
      name: 'a handler that reads no credential (a page that only mentions passwords in its text)',
      code: dedent(`
        import http.server

        class Health(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_response(200)
                self.end_headers()
                self.wfile.write(b"Forgot your password? Ask the admin.")
                self.wfile.write(self.headers.get("User-Agent", "").encode())

        http.server.HTTPServer(("", 8080), Health).serve_forever()
      `),
    },
    {
      name: 'a standard handler from the library, and a handler imported from another module',
      code: dedent(`
        from http.server import HTTPServer, SimpleHTTPRequestHandler
        from app.handlers import LoginHandler

        HTTPServer(("0.0.0.0", 8000), SimpleHTTPRequestHandler).serve_forever()
        HTTPServer(("0.0.0.0", 8001), LoginHandler).serve_forever()
      `),
    },
    {
      name: 'a class called HTTPServer that is not the standard library one',
      code: dedent(`
        from myframework import HTTPServer

        class Handler:
            def on_request(self, params):
                return params.get("password")

        HTTPServer(("0.0.0.0", 8080), Handler).run()
      `),
    },
  ],
  invalid: [
    {
      name: 'a ThreadingMixIn subclass on every interface, and a ThreadingHTTPServer on a loopback constant',
      code:
        LOGIN_HANDLER +
        dedent(`
        LISTEN = "127.0.0.1"

        class ThreadingServer(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

        if __name__ == "__main__":
            ThreadingServer(("0.0.0.0", 8080), LoginHandler).serve_forever()
            http.server.ThreadingHTTPServer((LISTEN, 8081), LoginHandler).serve_forever()
      `),
      findings: [
        { line: 16, severity: 'high', message: /ThreadingServer serves LoginHandler, which reads "password"/ },
        { line: 17, severity: 'low', message: /bound to 127\.0\.0\.1/ },
      ],
    },
    {
      name: 'Basic auth read from the Authorization header, socketserver.TCPServer with keywords',
      code: dedent(`
        import base64
        from http.server import BaseHTTPRequestHandler
        from socketserver import TCPServer

        class Admin(BaseHTTPRequestHandler):
            def do_GET(self):
                auth = self.headers["Authorization"]
                if not auth or base64.b64decode(auth.split()[1]) != expected():
                    self.send_response(401)
                    self.send_header("WWW-Authenticate", 'Basic realm="admin"')
                    self.end_headers()
                    return

        server = TCPServer(server_address=("", 9000), RequestHandlerClass=Admin)
        server.serve_forever()
      `),
      findings: [{ line: 14, severity: 'high', message: /the Authorization header/ }],
    },
    {
      name: 'a parameter dict checked with in, in a test file (lowered)',
      path: 'tests/fake_idp.py',
      code: dedent(`
        import http.server

        class FakeIdp(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                params = self.parse()
                if "passwd" in params:
                    self.send_response(200)

        http.server.HTTPServer(("0.0.0.0", 0), FakeIdp)
      `),
      findings: [{ line: 9, severity: 'low', message: /test file/ }],
    },
  ],
});
