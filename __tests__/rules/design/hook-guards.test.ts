import { unprotectedStateChange } from '../../../src/rules/design/unprotected-state-change.js';
import { projectTester } from '../../helpers/rule-tester.js';

/** An app with one `before_request` hook and one unguarded view that writes. */
function app(hook: string): string {
  return `
    from flask import Flask, request, g, session, abort, redirect, url_for, jsonify
    from app.db import db
    app = Flask(__name__)

    @app.before_request
    def hook():
    ${hook.replace(/\n/g, '\n    ')}

    @app.route("/notes", methods=["POST"])
    def add_note():
        db.session.add(Note(text=request.form["text"]))
        db.session.commit()
        return "", 201
  `;
}

const GUARDS: Record<string, string> = {
  'redirects when g.user is None': '    if g.user is None:\n        return redirect(url_for("login"))',
  'answers 401 without a session': '    if "user_id" not in session:\n        return jsonify(error="login"), 401',
  'raises Unauthorized': '    if not session.get("user_id"):\n        raise Unauthorized()',
  'lets static files through, then aborts the anonymous':
    '    if request.endpoint == "static":\n        return\n    if current_user.is_anonymous:\n        abort(401)',
  'returns early for a signed-in user, then redirects':
    '    if g.user is not None:\n        return\n    return redirect(url_for("login"))',
  'aborts when the token does not verify':
    '    if not verify_token(request.headers.get("Authorization")):\n        abort(400)',
  'redirects when the user loaded from a header is missing':
    '    user = load_user_from_token(request.headers.get("X-Token"))\n    if user is None:\n        return redirect("/login")',
};

const RECORDERS: Record<string, string> = {
  'sets g.user = None and lets the request through':
    '    uid = session.get("user_id")\n    g.user = None if uid is None else User.query.get(uid)',
  'logs who is calling': '    app.logger.info("user %s", session.get("user_id"))',
  'records the user and redirects plain HTTP to HTTPS':
    '    g.user = current_user\n    if not request.is_secure:\n        return redirect(request.url.replace("http://", "https://"))',
  'records the user and aborts in maintenance':
    '    g.user = session.get("user_id")\n    if app.config["MAINTENANCE"]:\n        abort(503)',
  'records the user and raises on a large body':
    '    g.user = User.query.get(session.get("user_id"))\n    if request.content_length and request.content_length > 10:\n        raise ValueError("too big")',
};

projectTester(unprotectedStateChange, {
  valid: [
    ...Object.entries(GUARDS).map(([name, hook]) => ({
      name: `a hook that ${name} guards the view`,
      files: { 'app/views.py': app(hook) },
    })),
    {
      name: 'an imported hook that rejects the anonymous, registered on the app',
      files: {
        'app/views.py': app('    pass')
          .replace('@app.before_request\n    def hook():\n        pass', '')
          .replace('app = Flask(__name__)', 'app = Flask(__name__)\n    app.before_request(require_user)')
          .replace('from app.db import db', 'from app.db import db\n    from app.hooks import require_user'),
        'app/hooks.py': `
          from flask import g, abort
          def require_user():
              if g.user is None:
                  abort(401)
        `,
      },
    },
  ],
  invalid: [
    ...Object.entries(RECORDERS).map(([name, hook]) => ({
      name: `a hook that ${name} guards nothing`,
      files: { 'app/views.py': app(hook) },
      findings: [
        {
          path: 'app/views.py',
          line: app(hook)
            .split('\n')
            .findIndex((l) => l.includes('@app.route')),
        },
      ],
    })),
    {
      name: 'an imported hook that records the user and redirects plain HTTP guards nothing',
      files: {
        'app/views.py': `
          from flask import Flask, request
          from app.db import db
          from app.hooks import load_user
          app = Flask(__name__)
          app.before_request(load_user)

          @app.route("/notes", methods=["POST"])
          def add_note():
              db.session.add(Note(text=request.form["text"]))
              db.session.commit()
              return "", 201
        `,
        'app/hooks.py': `
          from flask import g, request, redirect, session
          def load_user():
              g.user = session.get("user_id")
              if not request.is_secure:
                  return redirect(request.url.replace("http://", "https://"))
        `,
      },
      findings: [{ path: 'app/views.py', line: 7 }],
    },
  ],
});
