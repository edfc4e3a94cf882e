import { spoofableClientAddress } from '../../../src/rules/auth/spoofable-client-address.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(spoofableClientAddress, {
  valid: [
    {
      name: 'get_remote_address with ProxyFix',
      code: `
        from flask import Flask
        from flask_limiter import Limiter
        from flask_limiter.util import get_remote_address
        from werkzeug.middleware.proxy_fix import ProxyFix
        app = Flask(__name__)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)
        limiter = Limiter(get_remote_address, app=app)
      `,
    },
    {
      name: 'a key function reading X-Forwarded-For, with ProxyFix in the file',
      code: `
        from flask import Flask, request
        from flask_limiter import Limiter
        from werkzeug.middleware.proxy_fix import ProxyFix
        app = Flask(__name__)
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1, x_proto=1)

        def client_ip():
            return request.headers.get("X-Forwarded-For", request.remote_addr)

        limiter = Limiter(key_func=client_ip, app=app)
      `,
    },
    {
      name: 'request.remote_addr in an allow-list check',
      code: `
        from flask import request, abort
        ALLOWED = {"10.0.0.5"}

        def only_internal():
            if request.remote_addr not in ALLOWED:
                abort(403)
      `,
    },
    {
      name: 'X-Forwarded-For only logged and shown',
      code: `
        import logging
        from flask import Flask, request, jsonify
        app = Flask(__name__)
        log = logging.getLogger(__name__)

        @app.route("/whoami")
        def whoami():
            ip = request.headers.get("X-Forwarded-For", request.remote_addr)
            log.info("request from %s", ip)
            return jsonify(ip=ip)
      `,
    },
    {
      name: 'a header read defaulted when missing (is None, empty) is not a decision',
      code: `
        from flask import request

        def describe():
            forwarded = request.headers.get("X-Forwarded-For")
            if forwarded is None or forwarded == "":
                forwarded = request.remote_addr
            return {"client": forwarded}
      `,
    },
    {
      name: 'the right-most X-Forwarded-For entry taken on purpose',
      code: `
        from flask import request
        from flask_limiter import Limiter

        def client_ip():
            return request.access_route[-1]

        def proxy_ip():
            xff = request.headers.get("X-Forwarded-For", "")
            return xff.split(",")[-1].strip()

        limiter = Limiter(key_func=client_ip)
        other = Limiter(key_func=proxy_ip)
      `,
    },
    {
      name: 'the header name in a docstring and a comment',
      code: `
        from flask import request

        def rate_key():
            """Never use X-Forwarded-For as the key: clients set it."""
            # request.headers.get("X-Forwarded-For") is spoofable
            return request.remote_addr
      `,
    },
    {
      name: 'os.environ with a forwarded-looking name is not the request',
      code: `
        import os
        TRUSTED = os.environ.get("HTTP_X_FORWARDED_FOR", "")
        if TRUSTED == "yes":
            pass
      `,
    },
  ],
  invalid: [
    {
      name: 'a Limiter key function returning X-Forwarded-For',
      code: `
        from flask import Flask, request
        from flask_limiter import Limiter
        app = Flask(__name__)

        def client_ip():
            return request.headers.get("X-Forwarded-For", request.remote_addr)

        limiter = Limiter(key_func=client_ip, app=app, default_limits=["100/hour"])
      `,
      findings: [{ line: 6, message: /X-Forwarded-For.*rate-limit key \(Limiter key_func=client_ip\)/ }],
    },
    {
      name: 'Flask-Limiter 3 positional key function with split(",")[0], and a lambda',
      code: `
        from flask import request
        from flask_limiter import Limiter

        def get_ip():
            forwarded = request.headers.get("X-Real-IP") or request.headers.get("X-Forwarded-For", "")
            return forwarded.split(",")[0].strip() or request.remote_addr

        limiter = Limiter(get_ip, storage_uri="redis://cache:6379")
        strict = Limiter(key_func=lambda: request.environ.get("HTTP_X_FORWARDED_FOR", request.remote_addr))
      `,
      findings: [{ line: 5 }, { line: 5 }, { line: 9, message: /key_func lambda/ }],
    },
    {
      name: 'a hand-made attempt counter keyed on the header',
      code: `
        from flask import Blueprint, request, abort
        bp = Blueprint("auth", __name__)
        _reset_attempts = {}

        @bp.route("/password-reset", methods=["POST"])
        def password_reset():
            client_ip = request.headers.get("X-Forwarded-For", request.remote_addr)
            _reset_attempts[client_ip] = _reset_attempts.get(client_ip, 0) + 1
            if _reset_attempts[client_ip] > 5:
                abort(429)
      `,
      findings: [{ line: 7, message: /attempt counter _reset_attempts/ }],
    },
    {
      name: 'an allow-list decision on request.access_route and on a subscripted header',
      code: `
        from flask import Flask, request, abort
        app = Flask(__name__)
        ADMIN_IPS = {"10.1.2.3"}

        @app.before_request
        def only_office():
            if request.path.startswith("/admin") and request.access_route[0] not in ADMIN_IPS:
                abort(403)

        @app.route("/internal/metrics")
        def metrics():
            ip = request.headers["X-Real-IP"]
            if not ip.startswith("10."):
                abort(403)
      `,
      findings: [
        { line: 7, message: /comparison/ },
        { line: 12, message: /check on the address/ },
      ],
    },
    {
      name: 'stored as the login address, and counted in Redis through a helper',
      code: `
        from flask import request
        from flask_login import login_user

        def client_address():
            return request.headers.get("X-Forwarded-For", request.remote_addr)

        def login():
            user = authenticate(request.form["email"], request.form["password"])
            user.last_login_ip = request.headers.get("X-Forwarded-For")
            login_user(user)

        def check_limit():
            key = f"login:{client_address()}"
            if redis_client.incr(key) > 10:
                abort(429)
      `,
      findings: [
        { line: 5, message: /through client_address\(\)/ },
        { line: 9, message: /stored login address/ },
      ],
    },
    {
      name: 'Flask-Limiter get_ipaddr as the key function',
      code: `
        from flask_limiter import Limiter
        from flask_limiter.util import get_ipaddr
        limiter = Limiter(key_func=get_ipaddr)
      `,
      findings: [{ line: 3, message: /get_ipaddr/ }],
    },
  ],
});
