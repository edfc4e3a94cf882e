/**
 * The cases FCG404 (Secure) and FCG405 (HttpOnly) share for hand-written `Set-Cookie` headers:
 * the same code is valid or invalid for both, only the attribute named in the message differs.
 */
export function headerCookieCases(attribute: 'Secure' | 'HttpOnly') {
  return {
    valid: {
      name: 'hand-written Set-Cookie headers with Secure and HttpOnly, and cookies that sign no one in',
      code: `
        from http.server import BaseHTTPRequestHandler

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_header("Set-Cookie", "SESSIONID=%s; Path=/; Secure; HttpOnly; SameSite=Lax" % self.new_id())
                self.send_header("Set-Cookie", "theme=dark; Path=/")
                self.send_header("Set-Cookie", "lang=%s" % self.lang)
                self.send_header("X-Session-Hint", "sid=1")
                print("Set-Cookie headers are written by send_header")
      `,
    },
    invalid: {
      name: `hand-written Set-Cookie headers of session cookies without ${attribute} (http.server, a meta tag, WSGI)`,
      code: `
        import random
        from http.server import BaseHTTPRequestHandler

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                self.send_header("Set-Cookie", "SESSIONID=%s; Path=/" % self.new_id())
                page = '<meta http-equiv="Set-Cookie" content="auth_token=%s; path=/">' % self.token

        def app(environ, start_response):
            start_response("200 OK", [("Set-Cookie", f"sid={environ['sid']}; Path=/")])
      `,
      findings: [
        { line: 6, message: new RegExp(`Set-Cookie header for the session cookie SESSIONID without ${attribute}`) },
        { line: 7, message: /auth_token/ },
        { line: 10, message: /sid/ },
      ],
    },
  };
}
