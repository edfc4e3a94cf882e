import { projectTester } from '../../helpers/rule-tester.js';
import { plaintextPasswordStored } from '../../../src/rules/auth/plaintext-password-stored.js';

// Issue 14, item 3: `User(name, email, password)`. Which positional argument reaches a password
// column is told by the model's __init__, in its own module; both directions per form.
const model = (init: string, extra = ''): string => `
  from app import db
  from werkzeug.security import generate_password_hash
  ${extra}
  class User(db.Model):
      id = db.Column(db.Integer, primary_key=True)
      name = db.Column(db.String(80))
      email = db.Column(db.String(120))
      password = db.Column(db.String(128))

${init}
`;

const RAW_INIT = `
      def __init__(self, name, email, password):
          self.name = name
          self.email = email
          self.password = password
`;
const HASHING_INIT = `
      def __init__(self, name, email, password):
          self.name = name
          self.email = email
          self.password = generate_password_hash(password)
`;
const SETTER_INIT = `
      def __init__(self, name, email, password):
          self.name = name
          self.set_password(password)

      def set_password(self, password):
          self.password = generate_password_hash(password)
`;
const ORDER_INIT = `
      def __init__(self, secret, name):
          self.name = name
          self.password = secret
`;

const VIEWS = `
  from flask import request
  from app import db
  from app.models import User

  def register():
      db.session.add(User(request.form["name"], request.form["email"], request.form["password"]))

  def seed(name, email, password):
      db.session.add(User(name, email, password))
      db.session.add(User("admin", "admin@example.com", "Adm1n-2024!"))
`;

projectTester(plaintextPasswordStored, {
  valid: [
    { name: '__init__ hashes the parameter', files: { 'app/models.py': model(HASHING_INIT), 'app/views.py': VIEWS } },
    {
      name: '__init__ hashes through a method of the class',
      files: { 'app/models.py': model(SETTER_INIT), 'app/views.py': VIEWS },
    },
    {
      name: 'a subclass without its own __init__ inherits the hashing one',
      files: {
        'app/models.py': model(HASHING_INIT),
        'app/admin.py': 'from app.models import User\nclass Admin(User):\n    pass\n',
        'app/views.py': VIEWS.replace(/User\(/g, 'Admin(').replace(
          'from app.models import User',
          'from app.admin import Admin',
        ),
      },
    },
    {
      name: 'the password parameter is first: other positions are not the password',
      files: {
        'app/models.py': model(ORDER_INIT),
        'app/views.py': `
          from app.models import User
          def seed(password, name):
              return User(generate(), password)
        `,
      },
    },
    {
      name: 'a client class that keeps a service password (no password column): not a model',
      files: {
        'app/clients.py': `
          class MailClient:
              def __init__(self, host, user, password):
                  self.host = host
                  self.password = password
        `,
        'app/views.py': `
          from app.clients import MailClient
          def connect(host, user, smtp_password):
              return MailClient(host, user, smtp_password)
        `,
      },
    },
    {
      name: 'a class of the project with no __init__ storing a password, and a library class',
      files: {
        'app/models.py': model(''),
        'app/views.py': `
          from app.models import User
          from ldap3 import Connection
          from app.db import Account
          def seed(name, password):
              return User(name, password), Connection(name, password), Account(name, password)
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'a model of the project whose module the file does not name as models (the column tells)',
      files: {
        'app/accounts.py': model(RAW_INIT).replace('class User', 'class Login'),
        'app/views.py': `
          from app.accounts import Login
          def seed(name, email, password):
              return Login(name, email, password)
        `,
      },
      findings: [
        { path: 'app/accounts.py', line: 14 },
        { path: 'app/views.py', line: 3, message: /Login\(\.\.\.\) passes password as argument 3/ },
      ],
    },
    {
      name: '__init__ stores the parameter as given: request values, parameters and a literal',
      files: { 'app/models.py': model(RAW_INIT), 'app/views.py': VIEWS },
      findings: [
        { path: 'app/models.py', line: 14 },
        {
          path: 'app/views.py',
          line: 6,
          message: /User\(\.\.\.\) passes request\.form\["password"\] as argument 3.*parameter password/,
        },
        { path: 'app/views.py', line: 9, message: /passes password as argument 3/ },
        { path: 'app/views.py', line: 10, message: /passes "\*\*\*\*" as argument 3/ },
      ],
    },
    {
      name: 'the position decides: a first parameter stored raw',
      files: {
        'app/models.py': model(ORDER_INIT),
        'app/views.py': `
          from app.models import User
          def seed(password, name):
              return User(password, name)
        `,
      },
      findings: [{ path: 'app/views.py', line: 3, message: /argument 1.*parameter secret/ }],
    },
    {
      name: 'a subclass inherits the raw __init__ of a base in another module',
      files: {
        'app/models.py': model(RAW_INIT),
        'app/admin.py': 'from app.models import User\nclass Admin(User):\n    pass\n',
        'app/views.py': `
          from app.admin import Admin
          def seed(name, email, new_password):
              return Admin(name, email, new_password)
        `,
      },
      findings: [
        { path: 'app/models.py', line: 14 },
        { path: 'app/views.py', line: 3, message: /Admin\(\.\.\.\) passes new_password as argument 3/ },
      ],
    },
  ],
});
