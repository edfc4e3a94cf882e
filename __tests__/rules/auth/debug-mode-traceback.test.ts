import { debugMode } from '../../../src/rules/auth/debug-mode.js';
import { dedent, ruleTester } from '../../helpers/rule-tester.js';

// FCG414's own debug output: a traceback the application sends to the client itself.
ruleTester(debugMode, {
  valid: [
    {
      name: 'the traceback is logged and the client gets a fixed message',
      code: dedent(`
        import logging, traceback
        from flask import Flask, jsonify

        app = Flask(__name__)
        log = logging.getLogger(__name__)

        @app.route("/orders", methods=["POST"])
        def create_order():
            try:
                return jsonify(place_order())
            except Exception:
                log.error(traceback.format_exc())
                log.error("failed: %s", "".join(traceback.format_exception(*sys.exc_info())))
                return jsonify(error="internal error"), 500
      `),
    },
    {
      name: 'the traceback is kept in a variable, logged, and the variable overwritten before the response',
      code: dedent(`
        import traceback
        from flask import Flask, jsonify

        app = Flask(__name__)

        @app.route("/report")
        def report():
            try:
                return build_report()
            except Exception:
                message = traceback.format_exc()
                app.logger.error(message)
                message = "The report could not be built."
                return jsonify(error=message), 500
      `),
    },
    {
      name: 'printed to stderr, print_exc, and written to a log file',
      code: dedent(`
        import sys, traceback
        from flask import Flask

        app = Flask(__name__)

        @app.route("/sync")
        def sync():
            try:
                run_sync()
            except Exception:
                traceback.print_exc()
                print(traceback.format_exc(), file=sys.stderr)
                with open("/var/log/sync.err", "a") as fh:
                    fh.write(traceback.format_exc())
                return "sync failed", 500
            return "ok"
      `),
    },
    {
      name: 'sent only under a condition that names debug',
      code: dedent(`
        import traceback
        from flask import Flask, current_app, jsonify

        app = Flask(__name__)

        @app.route("/import", methods=["POST"])
        def import_rows():
            try:
                return jsonify(load())
            except Exception:
                if app.debug:
                    return jsonify(trace=traceback.format_exc()), 500
                detail = traceback.format_exc() if current_app.config["DEBUG"] else "error"
                return jsonify(error=detail), 500
      `),
    },
    {
      name: 'a helper that is not a view returns the traceback (a background job records it)',
      code: dedent(`
        import traceback

        def run_job(job):
            try:
                job.run()
            except Exception:
                return traceback.format_exc()
            return None
      `),
    },
    {
      name: 'a view in a test module',
      path: 'tests/test_errors.py',
      code: dedent(`
        import traceback
        from flask import Flask, jsonify

        app = Flask(__name__)

        @app.route("/boom")
        def boom():
            try:
                raise ValueError("x")
            except ValueError:
                return jsonify(trace=traceback.format_exc()), 500
      `),
    },
    {
      name: 'a local function called format_exc, with traceback not imported',
      code: dedent(`
        from flask import Flask, jsonify

        app = Flask(__name__)

        def format_exc():
            return "something went wrong"

        @app.route("/x")
        def x():
            try:
                return do()
            except Exception:
                return jsonify(error=format_exc()), 500
      `),
    },
  ],
  invalid: [
    {
      name: 'an http.server handler writes the traceback to wfile (through a variable, in finally)',
      code: dedent(`
        import http.server, traceback

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self):
                code, body = 200, ""
                try:
                    body = render_page(self.path)
                except Exception as ex:
                    body = str(ex) if isinstance(ex, KeyError) else traceback.format_exc()
                    code = 500
                finally:
                    self.send_response(code)
                    self.end_headers()
                    self.wfile.write(("%s\\n" % body).encode())
      `),
      findings: [{ line: 9, severity: 'medium', message: /self\.wfile\.write/ }],
    },
    {
      name: 'Flask views: jsonify keyword, a returned dict, a returned string, and an aliased import',
      code: dedent(`
        import traceback
        from traceback import format_exc as fmt
        from flask import Flask, jsonify, make_response

        app = Flask(__name__)

        @app.route("/a")
        def a():
            try:
                return jsonify(run_a())
            except Exception as e:
                return jsonify(error=str(e), trace=traceback.format_exc()), 500

        @app.route("/b", methods=["POST"])
        def b():
            try:
                return run_b()
            except Exception as e:
                tb = traceback.format_exc()
                return {"error": str(e), "traceback": tb}, 500

        @app.get("/c")
        def c():
            try:
                return run_c()
            except Exception:
                return "<pre>" + traceback.format_exc() + "</pre>", 500

        @app.get("/d")
        def d():
            try:
                return run_d()
            except Exception:
                return make_response(fmt(), 500)
      `),
      findings: [
        { line: 12, severity: 'medium', message: /passed to jsonify/ },
        { line: 19, severity: 'medium', message: /returned from a view/ },
        { line: 27, severity: 'medium' },
        { line: 34, severity: 'medium', message: /make_response/ },
      ],
    },
    {
      name: 'a dict filled entry by entry, then sent',
      code: dedent(`
        import traceback
        from flask import Blueprint, jsonify

        api = Blueprint("api", __name__)

        @api.route("/jobs", methods=["POST"])
        def start_job():
            result = {"ok": False}
            try:
                result["id"] = enqueue()
                result["ok"] = True
            except Exception:
                result["trace"] = traceback.format_exc()
            return jsonify(result)
      `),
      findings: [{ line: 13, severity: 'medium' }],
    },
    {
      name: 'an errorhandler returns the formatted exception',
      code: dedent(`
        import traceback
        from flask import Flask

        app = Flask(__name__)

        @app.errorhandler(Exception)
        def on_error(e):
            return "<pre>%s</pre>" % "".join(traceback.format_exception(e)), 500
      `),
      findings: [{ line: 8, severity: 'medium' }],
    },
    {
      name: 'a Django view and send_error in an http.server handler',
      code: dedent(`
        import traceback
        from http.server import BaseHTTPRequestHandler
        from django.http import HttpResponse

        def export(request):
            try:
                return HttpResponse(build_csv())
            except Exception:
                return HttpResponse(traceback.format_exc(), status=500, content_type="text/plain")

        class Api(BaseHTTPRequestHandler):
            def do_POST(self):
                try:
                    self.handle_post()
                except Exception:
                    self.send_error(500, "Server error", traceback.format_exc())
      `),
      findings: [
        { line: 9, severity: 'medium' },
        { line: 16, severity: 'medium', message: /send_error/ },
      ],
    },
  ],
});
