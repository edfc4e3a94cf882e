import type { Node } from '../../parse/python.js';
import { fileContext, flaskDebugCommands, flaskFileSettings } from '../../models/flask/config-files.js';
import { constantValue } from '../../models/flask/config-values.js';
import { moduleContext, type FlaskSetting } from '../../models/flask/config.js';
import { tracebackResponses } from '../../models/flask/traceback-responses.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import type { Rule, RuleContext } from '../rule.js';
import { spanOf } from '../../lang/python/span.js';
import {
  describeFileSetting,
  describeSetting,
  fallbackNote,
  isDjangoSettings,
  isTrueScalar,
} from '../../models/flask/settings-display.js';

const DEBUGGER = 'the Werkzeug debugger lets anyone who can trigger an error run Python code on the server';

export const debugMode: Rule = {
  meta: {
    id: 'FCG414',
    name: 'debug-mode',
    family: 'auth',
    severity: 'high',
    cwe: [489, 94, 209],
    title: 'Flask debug mode, the Werkzeug debugger or tracebacks shown to clients outside development',
    what: [
      '`app.run(debug=True)` (also `socketio.run(app, debug=True)` and Werkzeug\'s `run_simple(..., use_debugger=True)`), including under `if __name__ == "__main__":`; `DEBUG = True` (or `1`) in a production config class, a settings module, `app.config["DEBUG"] = True`, `app.config.update(DEBUG=True)`, `app.debug = True`, and `os.environ.get("DEBUG", True)` (a boolean fallback).',
      'Deploy files: `FLASK_DEBUG=1`/`true` and `FLASK_ENV=development` in `.env`, `.flaskenv`, compose `environment`, Kubernetes `env`, Dockerfile `ENV`, shell scripts; `flask run --debug`, `flask --debug run`, `--debugger` and `FLASK_DEBUG=1 flask run` in Procfiles, Dockerfile `CMD`, compose `command` and scripts; `DEBUG = True` at the top level of a `.cfg`/TOML/JSON file Flask loads whole.',
      'Tracebacks sent to the client, the debug output an application writes itself (medium): `traceback.format_exc()` (also `format_exception`, `format_exception_only`, `format_tb`) computed in an `except` block or a Flask `errorhandler` and written to the response, directly or through local variables and dict entries: `self.wfile.write(...)` or `self.send_error(...)` in an `http.server` request handler, `jsonify`, `make_response`, `Response`, `abort`, Django `HttpResponse`/`JsonResponse`, Starlette `JSONResponse`/`PlainTextResponse`/`HTMLResponse`, and the `return` of a Flask view or error handler.',
      'Not reported: `DEBUG = True` in a development or testing config class, or anywhere in a module named for development or tests (`config/development.py`, `settings_test.py`) or under a test directory (`tests/app.py`, including its `app.run(debug=True)`), a DEBUG read from the environment as a string (`os.environ.get("DEBUG", "False")`), and CI, test-runner, editor and Makefile settings; a traceback that is logged (`logger.exception`, `log.error(traceback.format_exc())`), printed or written to stderr, overwritten before the response is built, or sent only under a condition that names debug (`if app.debug:`, `tb if settings.DEBUG else "error"`), and tracebacks in test or development modules.',
    ].join('\n\n'),
    why: "In debug mode Flask's server runs the Werkzeug debugger: any error page becomes a Python console in the browser. The PIN that guards it is derived from machine facts an attacker can often read (a path traversal, `/proc`), and anyone who gets through runs code as the application, with its database credentials (CWE-489, CWE-94). Debug mode also shows source and tracebacks to every visitor; an application that sends `traceback.format_exc()` to the client does the same on its own, handing attackers file paths, library versions, source lines and the values in error messages (CWE-209).",
    bad: {
      lang: 'python',
      code: 'app = create_app()\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8000, debug=True)',
    },
    good: {
      lang: 'python',
      code: '# wsgi.py: served by gunicorn (gunicorn wsgi:app); no app.run().\napp = create_app()\n\n# Locally: flask --app wsgi run --debug (never in a deploy file)',
    },
    fix: 'Serve production with a WSGI server (gunicorn, uWSGI, waitress) and no debug settings. Keep `DEBUG = True` in a DevelopmentConfig class, and turn debug on for local runs with `flask run --debug` on the command line or a git-ignored `.flaskenv`.',
    limits: [
      '`app.run(debug=True)` under `if __name__ == "__main__":` is reported (it starts the development server with the debugger whenever someone runs the module directly), with the message saying so; suppress it if the module is never run that way in production. When the call binds to a loopback host written in the file (`host="127.0.0.1"`, `"localhost"`, `"::1"`), only this machine reaches the debugger and the finding is low; without a host Flask also binds 127.0.0.1, but `SERVER_NAME` can change that, so it stays high.',
      '`.flaskenv` is a development file and its findings count less in the grade. Where a setting sits under a run-time condition (`if os.environ.get("ENV") == "dev":`) the condition is not evaluated.',
      'A value computed at run time is not evaluated; a DEBUG read from the environment is a string and is not reported.',
      'A traceback is followed within its function only: one returned by a helper and sent by its caller, appended to a list, stored on `self`, or returned from a function the file does not route (a Flask-RESTful resource registered in another module) is not seen; nor is `str(e)` or `repr(e)` sent to the client, which shows the message but not the stack.',
    ].join('\n\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    if (ctx.python) checkPython(ctx, ctx.python);
    else if (ctx.config) checkFile(ctx);
  },
};

function checkPython(ctx: RuleContext, py: PythonIndex): void {
  const reported = new Set<number>();
  const settings = ctx.models?.flask.settings ?? [];
  const django = isDjangoSettings(settings);
  for (const s of settings) {
    if (s.key !== 'DEBUG' || s.context !== 'production') continue;
    const v = constantValue(py, s.value);
    if (!v || (v.value !== true && v.value !== 1) || reported.has(v.node.id)) continue;
    reported.add(v.node.id);
    // Bound to loopback, the debugger's console is reachable from this machine only (and Werkzeug
    // refuses it to other Host headers): still reported, at low.
    const loopback = s.form === 'app-run' && s.host !== undefined && isLoopbackLiteral(py, s.host);
    ctx.report({
      span: s.span,
      message: `${message(s, v.envFallbackOf, django)}${loopback ? ' It binds to a loopback address only (lowered to low).' : ''}`,
      ...(loopback ? { severity: 'low' as const } : {}),
      // app.run() that names no outside host: whether production starts the module this way is
      // not in the file (a WSGI server imports it instead), so the finding rests on the deployment.
      ...(s.form === 'app-run' && (s.host === undefined || loopback) ? { confidence: 'medium' as const } : {}),
    });
  }
  if (moduleContext(ctx.file.path) !== 'production') return;
  for (const t of tracebackResponses(py)) {
    const how = t.sink === 'return' ? 'returned from a view' : `passed to ${t.sink}`;
    ctx.report({
      span: spanOf(t.call),
      severity: 'medium',
      message: `A traceback formatted in an exception handler is ${how} and sent to the client: whoever triggers an error sees the stack, file paths, source lines and the values in the message (CWE-209).`,
    });
  }
}

/**
 * A bind address (a literal, directly or through a constant) that only this machine can reach.
 * Not conn/hosts' isLocalHost: for a server `0.0.0.0` and `""` mean every interface.
 */
function isLoopbackLiteral(py: PythonIndex, host: Node): boolean {
  const v = constantValue(py, host);
  if (typeof v?.value !== 'string') return false;
  const h = v.value.trim().toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h);
}

function message(s: FlaskSetting, envFallbackOf: string | undefined, django: boolean): string {
  if (django && s.form === 'settings-module') {
    return `DEBUG = True in a Django settings module: every error page shows settings, SQL queries and source code to whoever triggers it.`;
  }
  if (s.form === 'app-run') {
    const where = s.mainGuard ? ' under `if __name__ == "__main__":`' : '';
    return `app.run(debug=True)${where} starts Flask's development server in debug mode whenever the module is run directly: ${DEBUGGER}.`;
  }
  return `${describeSetting(s)} is True${fallbackNote(envFallbackOf)} in production configuration: app.run() then starts the debugger, and ${DEBUGGER}.`;
}

function checkFile(ctx: RuleContext): void {
  const doc = ctx.config;
  if (!doc) return;
  if (fileContext(ctx.file.path, doc.format) !== 'production') return;
  for (const s of flaskFileSettings(doc, ctx.file.path)) {
    const on =
      (s.key === 'DEBUG' && isTrueScalar(s.value)) ||
      (s.key === 'ENV' && typeof s.value === 'string' && s.value.trim().toLowerCase() === 'development');
    if (!on) continue;
    const effect =
      s.key === 'ENV'
        ? 'Flask before 2.3 runs in debug mode with it'
        : 'Flask runs in debug mode wherever this file is used';
    ctx.report({
      span: s.span,
      message: `${describeFileSetting(s)} is ${String(s.value)}: ${effect}, and ${DEBUGGER}.`,
    });
  }
  for (const c of flaskDebugCommands(ctx.facts.commands)) {
    ctx.report({
      span: c.span,
      message: `flask run with ${c.detail} starts the development server in debug mode: ${DEBUGGER}.`,
    });
  }
}
