import { objectNotOwned } from '../../../src/rules/design/object-not-owned.js';
import { projectTester } from '../../helpers/rule-tester.js';

/** A GET view with an id behind a decorator of another module named like nothing in particular. */
const GUARDED_VIEW = `
  from flask import Blueprint, jsonify
  from app.security import protect

  bp = Blueprint("invoices", __name__)

  @bp.route("/invoices/<int:invoice_id>")
  @protect
  def show_invoice(invoice_id):
      invoice = Invoice.query.get_or_404(invoice_id)
      return jsonify(total=str(invoice.total))
`;

/** A GET view behind Flask-BasicAuth's decorator, with the BasicAuth object imported. */
const TODO_VIEW = `
  from flask import Flask, jsonify
  from app.extensions import basic_auth

  app = Flask(__name__)

  @app.route("/todo/<int:todo_id>")
  @basic_auth.required
  def show_todo(todo_id):
      todo = Todo.query.get_or_404(todo_id)
      return jsonify(title=todo.title)
`;

projectTester(objectNotOwned, {
  valid: [
    {
      name: 'a decorator of another module that checks nothing: a public read, not reported',
      files: {
        'app/invoices.py': GUARDED_VIEW,
        'app/security.py': `
          from functools import wraps

          def protect(view):
              @wraps(view)
              def wrapper(*args, **kwargs):
                  return view(*args, **kwargs)
              return wrapper
        `,
      },
    },
    {
      name: "Flask-BasicAuth's single configured account, created in another module",
      files: {
        'app/views.py': TODO_VIEW,
        'app/extensions.py': `
          from flask_basicauth import BasicAuth
          basic_auth = BasicAuth()
        `,
        'config.py': `
          import os
          BASIC_AUTH_USERNAME = os.environ["BASIC_AUTH_USERNAME"]
        `,
      },
    },
    {
      name: "Flask-BasicAuth's single account created in the view's own module",
      files: {
        'app/routes.py': `
          from flask import Flask, jsonify
          from flask_basicauth import BasicAuth

          app = Flask(__name__)
          basic_auth = BasicAuth(app)

          @app.route("/todo/<id>")
          @basic_auth.required
          def show_todo(id):
              todo = Todo.query.get_or_404(id)
              return jsonify(title=todo.title)
        `,
      },
    },
  ],
  invalid: [
    {
      name: "a decorator of another module that signs the caller in: the row must be the caller's",
      files: {
        'app/invoices.py': GUARDED_VIEW,
        'app/security.py': `
          from functools import wraps
          from flask import abort
          from flask_login import current_user

          def protect(view):
              @wraps(view)
              def wrapper(*args, **kwargs):
                  if not current_user.is_authenticated:
                      abort(401)
                  return view(*args, **kwargs)
              return wrapper
        `,
      },
      findings: [{ path: 'app/invoices.py', line: 9, message: /<int:invoice_id> selects a row/ }],
    },
    {
      name: 'a BasicAuth subclass of another module that checks many accounts',
      files: {
        'app/views.py': TODO_VIEW,
        'app/extensions.py': `
          from flask_basicauth import BasicAuth

          class AccountAuth(BasicAuth):
              def check_credentials(self, username, password):
                  return Account.verify(username, password)

          basic_auth = AccountAuth()
        `,
      },
      findings: [{ path: 'app/views.py', line: 9, message: /<int:todo_id> selects a row/ }],
    },
    {
      name: 'an object named like BasicAuth that is not Flask-BasicAuth',
      files: {
        'app/views.py': TODO_VIEW,
        'app/extensions.py': `
          from flask_httpauth import HTTPBasicAuth
          basic_auth = HTTPBasicAuth()
        `,
      },
      findings: [{ path: 'app/views.py', line: 9 }],
    },
  ],
});
