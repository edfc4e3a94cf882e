import { projectTester } from '../../helpers/rule-tester.js';
import { plaintextPasswordStored } from '../../../src/rules/auth/plaintext-password-stored.js';

// A view that builds a model and changes a queried one: the writes each case settles.
const VIEWS = `
  from flask import request
  from app.models import Users

  def register():
      user = Users(name=request.form["name"], password=request.form["password"])
      return user

  def reset(email, password):
      user = Users.query.filter_by(email=email).first_or_404()
      user.password = password
`;

const validatesModel = (helper: string): string => `
  from flask_sqlalchemy import SQLAlchemy
  from sqlalchemy.orm import validates

  db = SQLAlchemy()

  class Users(db.Model):
      id = db.Column(db.Integer, primary_key=True)
      password = db.Column(db.String(128))

      @validates("password")
      def validate_password(self, key, plaintext):
          from app.utils.crypto import ${helper}
          return ${helper}(str(plaintext))
`;

const CRYPTO = `
  from passlib.hash import bcrypt_sha256

  def hash_password(plaintext):
      return bcrypt_sha256.hash(str(plaintext))

  def normalize_password(plaintext):
      return plaintext.strip()
`;

const synonymModel = (store: string): string => `
  from sqlalchemy.orm import synonym, mapped_column
  from werkzeug.security import generate_password_hash
  from app.extensions import db

  class User(db.Model):
      _password = mapped_column("password", db.String(120))

      def _get_password(self):
          return self._password

      def _set_password(self, password):
          self._password = ${store}

      password = synonym("_password", descriptor=property(_get_password, _set_password))
`;

const listenerModel = (events: readonly string[]): string => `
  from sqlalchemy import Column, Integer, String
  from sqlalchemy.event import listen
  from app.database import BaseModel
  from app.extensions import bcrypt

  def hash_password(mapper, connect, target):
      target.hash_password()

  class User(BaseModel):
      id = Column(Integer, primary_key=True)
      password = Column(String(128))

      def hash_password(self):
          if self.password and not self.password.startswith("$2"):
              self.password = bcrypt.generate_password_hash(self.password).decode("utf-8")

  ${events.map((e) => `listen(User, "${e}", hash_password)`).join('\n  ')}
`;

const SERVICE = `
  from app.models import User
  from app import database

  def create(username, password):
      user = User(username=username, password=password)
      return database.create(user)

  def update(user_id, password):
      user = get(user_id)
      user.password = password
      return database.update(user)

  def get(user_id):
      return database.get(User, user_id)
`;

const initModel = (store: string): string => `
  from app_factory import db, bcrypt

  class User(db.Model):
      id = db.Column(db.Integer, primary_key=True)
      email = db.Column(db.String(), unique=True)
      password = db.Column(db.LargeBinary(255))

      def __init__(self, email, password):
          self.email = email
          self.password = ${store}
`;

const INIT_VIEWS = `
  from models import User

  def register(form):
      return User(email=form.email.data, password=form.password.data)

  def seed():
      return User(email="a@example.org", password="seed-password")
`;

const vaultUtils = (bind: string): string => `
  from cryptography.fernet import Fernet, MultiFernet
  from sqlalchemy import types

  class Vault(types.TypeDecorator):
      impl = types.LargeBinary

      def process_bind_param(self, value, dialect):
          if not value:
              return
          ${bind}
`;

const ROLE_MODEL = `
  from sqlalchemy import Column, Integer, String
  from app.database import BaseModel
  from app.utils import Vault

  class Role(BaseModel):
      id = Column(Integer, primary_key=True)
      name = Column(String(128))
      password = Column(Vault)
`;

const ROLE_SERVICE = `
  from app.roles.models import Role

  def create(name, password=None):
      return Role(name=name, password=password)
`;

const setterModel = (store: string): string => `
  from app.extensions import db
  from werkzeug.security import generate_password_hash

  class User(db.Model):
      id = db.Column(db.Integer, primary_key=True)
      password_hash = db.Column(db.String(256))

      @property
      def password(self):
          raise AttributeError("write-only")

      @password.setter
      def password(self, value):
          self.password_hash = ${store}

  class Group(db.Model):
      id = db.Column(db.Integer, primary_key=True)
      name = db.Column(db.String(80))
`;

const CURRENT_USER_VIEW = `
  from flask_login import current_user
  from app.models import Group, User

  def change(form):
      current_user.password = form.password.data
`;

projectTester(plaintextPasswordStored, {
  valid: [
    {
      name: '@validates("password") in the models module, hashing through a helper imported from another module',
      files: { 'app/models.py': validatesModel('hash_password'), 'app/utils/crypto.py': CRYPTO, 'app/views.py': VIEWS },
    },
    {
      name: 'a subclass in another module inherits the hashing validator (Admins(Users))',
      files: {
        'app/models/__init__.py': validatesModel('hash_password'),
        'app/utils/crypto.py': CRYPTO,
        'app/models/admins.py': `
          from . import Users

          class Admins(Users):
              pass
        `,
        'app/views.py': `
          from flask import request
          from app.models.admins import Admins

          def setup():
              return Admins(name="admin", password=request.form["password"])
        `,
      },
    },
    {
      name: 'a synonym whose setter stores generate_password_hash, through a relative import',
      files: {
        'app/user/models.py': synonymModel('generate_password_hash(password)'),
        'app/user/views.py': `
          from .models import User

          def create(username, password):
              return User(username=username, password=password)

          def edit(user_id, form):
              user = User.get_by_or_404(id=user_id)
              user.password = form.password.data
        `,
      },
    },
    {
      name: 'before_insert and before_update listeners that call a hashing method; an unknown receiver among the imported models',
      files: { 'app/models.py': listenerModel(['before_insert', 'before_update']), 'app/service.py': SERVICE },
    },
    {
      name: 'a @listens_for(User, "before_insert") decorator that hashes the target in place',
      files: {
        'app/models.py': `
          from sqlalchemy import Column, String, event
          from app.database import Base
          from app.extensions import bcrypt

          class User(Base):
              password = Column(String(128))

          @event.listens_for(User, "before_insert")
          def hash_it(mapper, connection, target):
              target.password = bcrypt.generate_password_hash(target.password)
        `,
        'app/service.py': `
          from app.models import User

          def create(password):
              return User(password=password)
        `,
      },
    },
    {
      name: 'models.User.__init__ stores bcrypt.generate_password_hash(password)',
      files: { 'models.py': initModel('bcrypt.generate_password_hash(password)'), 'app.py': INIT_VIEWS },
    },
    {
      name: 'a column of a TypeDecorator (imported from another module) that encrypts on bind',
      files: {
        'app/utils.py': vaultUtils('return MultiFernet([Fernet(k) for k in KEYS]).encrypt(value)'),
        'app/roles/models.py': ROLE_MODEL,
        'app/roles/service.py': ROLE_SERVICE,
      },
    },
    {
      name: 'current_user.password = ... where the only imported model with a password hashes it in its setter',
      files: { 'app/models.py': setterModel('generate_password_hash(value)'), 'app/views.py': CURRENT_USER_VIEW },
    },
    {
      name: 'a row loaded with db.session.execute(db.select(User)) and an attribute "set" event that hashes',
      files: {
        'app/models.py': `
          from sqlalchemy import Column, String, event
          from app.database import Base
          from app.security import hash_password

          class User(Base):
              password = Column(String(128))

          @event.listens_for(User.password, "set", retval=True)
          def on_set(target, value, oldvalue, initiator):
              return hash_password(value)
        `,
        'app/security.py': `
          from argon2 import PasswordHasher

          def hash_password(value):
              return PasswordHasher().hash(value)
        `,
        'app/populate.py': `
          from app.models import User
          from app.extensions import db

          def reset(username, password):
              user = db.session.execute(db.select(User).filter_by(username=username)).scalar_one_or_none()
              user.password = password
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'the receiver is a queried Customer (stores raw) although the file also imports a User that hashes',
      files: {
        'app/models.py': `
          ${setterModel('generate_password_hash(value)')}
          class Customer(db.Model):
              password = db.Column(db.String(128))
        `,
        'app/views.py': `
          from app.models import Customer, User

          def reset(customer_id, password):
              customer = Customer.query.get(customer_id)
              customer.password = password
        `,
      },
      findings: [{ path: 'app/views.py', line: 5 }],
    },
    {
      name: 'an attribute "set" event whose helper returns the value unchanged',
      files: {
        'app/models.py': `
          from sqlalchemy import Column, String, event
          from app.database import Base
          from app.security import clean

          class User(Base):
              password = Column(String(128))

          @event.listens_for(User.password, "set", retval=True)
          def on_set(target, value, oldvalue, initiator):
              return clean(value)
        `,
        'app/security.py': `
          def clean(value):
              return str(value).strip()
        `,
        'app/service.py': `
          from app.models import User

          def create(password):
              return User(password=password)
        `,
      },
      findings: [{ path: 'app/service.py', line: 4 }],
    },
    {
      name: 'the imported helper the validator calls only strips the value',
      files: {
        'app/models.py': validatesModel('normalize_password'),
        'app/utils/crypto.py': CRYPTO,
        'app/views.py': VIEWS,
      },
      findings: [
        { path: 'app/views.py', line: 5 },
        { path: 'app/views.py', line: 10 },
      ],
    },
    {
      name: 'a subclass of a model that stores the password as given',
      files: {
        'app/models/__init__.py': `
          from app.extensions import db

          class Users(db.Model):
              password = db.Column(db.String(128))
        `,
        'app/models/admins.py': `
          from . import Users

          class Admins(Users):
              pass
        `,
        'app/views.py': `
          from flask import request
          from app.models.admins import Admins

          def setup():
              return Admins(name="admin", password=request.form["password"])
        `,
      },
      findings: [{ path: 'app/views.py', line: 5, message: /Admins\(password=request\.form\["password"\]\)/ }],
    },
    {
      name: 'a synonym whose setter stores the raw value',
      files: {
        'app/user/models.py': synonymModel('password.strip()'),
        'app/user/views.py': `
          from .models import User

          def create(username, password):
              return User(username=username, password=password)
        `,
      },
      findings: [
        // The model's own setter is reported in its file too.
        { path: 'app/user/models.py', line: 12 },
        { path: 'app/user/views.py', line: 4 },
      ],
    },
    {
      name: 'only a before_insert listener: an update of a loaded user is stored raw',
      files: { 'app/models.py': listenerModel(['before_insert']), 'app/service.py': SERVICE },
      findings: [{ path: 'app/service.py', line: 10 }],
    },
    {
      name: 'models.User.__init__ stores the password as given',
      files: { 'models.py': initModel('password'), 'app.py': INIT_VIEWS },
      findings: [
        { path: 'app.py', line: 4 },
        { path: 'app.py', line: 7 },
        { path: 'models.py', line: 10 },
      ],
    },
    {
      name: 'a TypeDecorator whose process_bind_param returns the value unchanged',
      files: {
        'app/utils.py': vaultUtils('return value'),
        'app/roles/models.py': ROLE_MODEL,
        'app/roles/service.py': ROLE_SERVICE,
      },
      findings: [{ path: 'app/roles/service.py', line: 4 }],
    },
    {
      name: 'current_user.password = ... where the imported model with a password has a setter that stores it raw',
      files: { 'app/models.py': setterModel('value'), 'app/views.py': CURRENT_USER_VIEW },
      findings: [{ path: 'app/views.py', line: 5 }],
    },
    {
      name: 'current_user.password = ... and no imported model of the project has a password attribute',
      files: {
        'app/models.py': `
          from app.extensions import db

          class Group(db.Model):
              name = db.Column(db.String(80))
        `,
        'app/views.py': CURRENT_USER_VIEW,
      },
      findings: [{ path: 'app/views.py', line: 5 }],
    },
    {
      name: 'a model class from outside the project (nothing to look up)',
      files: {
        'app/views.py': `
          from flask import request
          from someauth.models import User

          def register():
              return User(password=request.form["password"])
        `,
      },
      findings: [{ path: 'app/views.py', line: 5 }],
    },
  ],
});
