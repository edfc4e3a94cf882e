import { plaintextPasswordStored } from '../../../src/rules/auth/plaintext-password-stored.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(plaintextPasswordStored, {
  valid: [
    {
      name: 'password checks through a verifier, and confirmation fields compared with each other',
      code: `
        import bcrypt
        from flask import request
        from werkzeug.security import check_password_hash, generate_password_hash
        from .models import User

        def login(db):
            user = User.query.filter_by(username=request.form["username"]).first()
            if user is None or not check_password_hash(user.password, request.form["password"]):
                return "no", 401
            if not bcrypt.checkpw(request.form["password"].encode(), user.password_hash):
                return "no", 401
            other = User.query.filter_by(password_hash=generate_password_hash(request.form["password"])).first()
            if request.form["password"] != request.form["confirm_password"]:
                return "mismatch", 400
            if form.password.data == form.confirm.data:
                pass
            assert user.password != request.form["password"]
            empty = User.query.filter(User.password != "").count()
            cur = db.cursor()
            cur.execute("SELECT id FROM users WHERE password_changed_at < %s", (request.form["since"],))
            cur.execute("SELECT id FROM users WHERE username = '" + request.form["username"] + "'")
      `,
    },
    {
      name: 'a dict item the file only writes hashed (and copies of itself), read into the model',
      code: 'from flask_security.utils import hash_password\nfrom .models import User\n\ndef validate(data, new_data):\n    if data["newPassword"] == data["confirmPassword"]:\n        new_data["password"] = hash_password(data["newPassword"])\n\ndef create(data):\n    new_data = {}\n    validate(data, new_data)\n    new_data["password"] = new_data["password"] if "password" in new_data else None\n    db.session.add(User(email=new_data["email"], password=new_data["password"]))\n',
    },
    {
      name: 'generate_password_hash, bcrypt and argon2 before storing',
      code: `
        import bcrypt
        from argon2 import PasswordHasher
        from flask import request
        from werkzeug.security import generate_password_hash
        from .models import User
        def register():
            user = User(email=request.form["email"], password=generate_password_hash(request.form["password"]))
            user.password_hash = bcrypt.hashpw(request.form["password"].encode(), bcrypt.gensalt())
            user.password_hash = PasswordHasher().hash(request.form["password"])
            hashed = generate_password_hash(request.form["password"])
            other = User(password_hash=hashed)
      `,
    },
    {
      name: 'a setter method that hashes',
      code: `
        from flask import request
        from .models import User
        def register():
            user = User(email=request.form["email"])
            user.set_password(request.form["password"])
      `,
    },
    {
      name: 'a @password.setter property in the same file',
      code: `
        from werkzeug.security import generate_password_hash
        class User(db.Model):
            password_hash = db.Column(db.String(128))
            @property
            def password(self):
                raise AttributeError("write-only")
            @password.setter
            def password(self, password):
                self.password_hash = generate_password_hash(password)
        def register(form):
            user = User(email=form.email.data, password=form.password.data)
            user.password = form.password.data
      `,
    },
    {
      name: 'a variable reassigned with its hash, None and an empty string',
      code: `
        from flask import request
        from werkzeug.security import generate_password_hash
        from app.models import User
        def register():
            password = request.form["password"]
            password = generate_password_hash(password)
            a = User(password=password)
            b = User(password=None)
            c = User(password="")
      `,
    },
    {
      name: 'pydantic schemas, forms and connection settings take raw passwords',
      code: `
        import psycopg2
        from pydantic import BaseModel
        class UserCreate(BaseModel):
            email: str
            password: str
        class DbSettings:
            def __init__(self, password):
                self.password = password
        def handler(request):
            body = UserCreate(email=request.json["email"], password=request.json["password"])
            conn = psycopg2.connect(host="db", password=request.json["password"])
            settings = DbSettings(password=body.password)
            settings.password = request.json["password"]
            client.password = request.json["password"]
      `,
    },
    {
      name: 'hashing in SQL and a hashed parameter',
      code: `
        from werkzeug.security import generate_password_hash
        def register(cur, email, password):
            cur.execute("INSERT INTO users (email, password) VALUES (%s, crypt(%s, gen_salt('bf')))", (email, password))
            cur.execute("INSERT INTO users (email, password_hash) VALUES (%s, %s)", (email, generate_password_hash(password)))
            cur.execute("UPDATE users SET password_changed_at = now(), email = %s WHERE id = %s", (password, 1))
      `,
    },
    {
      name: 'a seeded hash literal and a password from configuration',
      code: `
        import os
        from app.models import User
        admin = User(email="admin@example.com", password_hash="$2b$12$abcdefghijklmnopqrstuv")
        service = User(email="svc@example.com", password=os.environ["SERVICE_PASSWORD"])
      `,
    },
    {
      name: 'a transient attribute kept until save (Django AbstractBaseUser)',
      code: `
        from django.db import models
        from django.contrib.auth.hashers import make_password
        class AbstractBaseUser(models.Model):
            password = models.CharField(max_length=128)
            _password = None
            def set_password(self, raw_password):
                self.password = make_password(raw_password)
                self._password = raw_password
      `,
    },
    {
      name: 'no ORM in the file: an in-memory mock keeps what it is given',
      code: `
        from moto.core.common_models import BaseModel
        class CognitoIdpUser(BaseModel):
            def __init__(self, username, password):
                self.password = password
        def set_user_password(backend, username, password):
            user = backend.get_user(username)
            user.password = password
      `,
    },
    {
      name: 'a flag about a password is not a password column',
      code: `
        from app.models import Cluster
        def update(cluster, manage_master_user_password):
            cluster.manage_master_user_password = manage_master_user_password
            Cluster(allow_password_auth=manage_master_user_password)
      `,
    },
    {
      name: '@validates("password") hashes on assignment',
      code: `
        from sqlalchemy.orm import validates
        class User(Base):
            password = Column(String)
            @validates("password")
            def _hash(self, key, value):
                return bcrypt.hashpw(value.encode(), bcrypt.gensalt())
        def change(user, new_password):
            user.password = new_password
      `,
    },
  ],
  invalid: [
    {
      name: 'a user looked up by the typed password, or compared with the stored one as text',
      code: `
        from flask import request
        from .models import User

        def login(db):
            password = request.form["password"]
            user = User.query.filter_by(username=request.form["username"], password=password).first()
            account = User.query.filter(User.password == request.form["password"]).first()
            if user.password == password:
                pass
            cur = db.cursor()
            cur.execute("SELECT * FROM users WHERE username='" + request.form["username"] + "' AND password='" + request.args.get("password", "") + "'")
            cur.execute(f"SELECT id FROM users WHERE name = '{request.form['username']}' AND passwd = '{password}'")
      `,
      findings: [
        { line: 6, message: /compared as plain text: filter\(password=\.\.\.\) matches password/ },
        { line: 7, message: /User\.password == \.\.\./ },
        { line: 8, message: /user\.password == \.\.\./ },
        { line: 11, message: /WHERE password = \.\.\./ },
        { line: 12 },
      ],
    },
    {
      name: 'a dict item also written raw somewhere in the file',
      code: 'from flask_security.utils import hash_password\nfrom .models import User\n\ndef validate(data, new_data):\n    new_data["password"] = hash_password(data["newPassword"])\n\ndef legacy(data, new_data):\n    new_data["password"] = data.get("password")\n\ndef create(new_data):\n    db.session.add(User(email=new_data["email"], password=new_data["password"]))\n',
      findings: [{ line: 11 }],
    },
    {
      name: 'model construction from request.form',
      code: `
        from flask import request
        from .models import User
        @bp.route("/register", methods=["POST"])
        def register():
            user = User(email=request.form["email"], password=request.form["password"])
            db.session.add(user)
      `,
      findings: [{ line: 5, message: /User\(password=request\.form\["password"\]\)/ }],
    },
    {
      name: 'attribute assignment from a WTForms field, a parameter and current_user',
      code: `
        from flask_login import current_user
        from app.models import User
        def change_password(form):
            user = User.query.get(form.user_id.data)
            user.password = form.password.data
        def reset(account, new_password):
            account.password_hash = new_password
            current_user.password = new_password
      `,
      findings: [
        { line: 5, message: /form\.password\.data/ },
        { line: 7, message: /account\.password_hash = new_password/ },
        { line: 8 },
      ],
    },
    {
      name: 'a model that stores the password itself',
      code: `
        class User(db.Model):
            id = db.Column(db.Integer, primary_key=True)
            password = db.Column(db.String(128))
            def __init__(self, email, password):
                self.email = email
                self.password = password
      `,
      findings: [{ line: 6 }],
    },
    {
      name: 'a variable read from JSON, a literal seed password (never printed)',
      code: `
        from flask import request
        from models import User
        def api_register():
            data = request.get_json()
            pw = data.get("password")
            db.session.add(User(email=data["email"], password=pw))
            db.session.add(User(email="admin@example.com", password="Adm1n-2024!"))
      `,
      findings: [{ line: 6 }, { line: 7, message: /\*\*\*\*/ }],
    },
    {
      name: 'raw SQL INSERT with positional, named and asyncpg parameters',
      code: `
        INSERT_USER = "INSERT INTO users (email, password) VALUES (%s, %s)"
        def register(cur, email, password):
            cur.execute(INSERT_USER, (email, password))
            cur.execute("INSERT INTO users (email, passwd) VALUES (%(email)s, %(pw)s)", {"email": email, "pw": password})
        async def register_async(conn, email, password):
            await conn.execute("UPSERT INTO users (email, password) VALUES ($1, $2)", email, password)
      `,
      findings: [{ line: 3, message: /users\.password/ }, { line: 4, message: /users\.passwd/ }, { line: 6 }],
    },
    {
      name: 'UPDATE ... SET password through SQLAlchemy text()',
      code: `
        from flask import request
        from sqlalchemy import text
        def change(user_id):
            db.session.execute(
                text("UPDATE users SET password = :password WHERE id = :id"),
                {"password": request.form["new_password"], "id": user_id},
            )
      `,
      findings: [{ line: 6 }],
    },
    {
      name: 'Django objects.create stores the value as given',
      code: `
        from django.contrib.auth.models import User
        def signup(request):
            User.objects.create(username=request.POST["username"], password=request.POST["password"])
      `,
      findings: [{ line: 3 }],
    },
  ],
});
