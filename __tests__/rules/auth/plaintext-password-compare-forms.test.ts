import { plaintextPasswordStored } from '../../../src/rules/auth/plaintext-password-stored.js';
import { ruleTester, type Case, type InvalidCase } from '../../helpers/rule-tester.js';

// Issue 14, item 3: every form a stored password is compared with the typed one, and the
// look-alikes next to each (hash verifiers, confirmation fields, fixtures, hash columns, tokens).
const HEAD =
  'import hmac\nimport secrets\nimport bcrypt\nfrom flask import request\nfrom werkzeug.security import check_password_hash\nfrom .models import User\n\n';

const form = (name: string, body: string, lines: number[], message?: RegExp): InvalidCase => ({
  name,
  code: HEAD + body,
  findings: lines.map((line) => ({ line: line + 7, ...(message ? { message } : {}) })),
});
const alike = (name: string, body: string): Case => ({ name, code: HEAD + body });

ruleTester(plaintextPasswordStored, {
  valid: [
    alike(
      'verifiers compare hashes: check_password_hash, bcrypt.checkpw, a computed hash',
      `def login():
    user = User.query.filter_by(username=request.form["u"]).first()
    if check_password_hash(user.password, request.form["password"]):
        pass
    if bcrypt.checkpw(request.form["password"].encode(), user.password.encode()):
        pass
    if user.password == hash(request.form["password"]):
        pass
    if user.password_hash == compute_hash(request.form["password"]):
        pass
`,
    ),
    alike(
      'a password confirmation compares two typed values',
      `def register(form, data):
    if form.password.data == form.confirm.data:
        pass
    if data["password"] != data["confirm_password"]:
        pass
    if request.form["password"] == request.form["password2"]:
        pass
`,
    ),
    alike(
      'a test comparing fixtures: literals and locals holding only literals',
      `def test_login(client):
    user = User.query.first()
    password = "secret"
    if user.password == password:
        pass
    assert user.password != request.form["password"]
    assert row["password"] != password
`,
    ),
    alike(
      'an API key or token compared by compare_digest, and a stored hash compared with a hash',
      `def check(user, token):
    if hmac.compare_digest(user.api_key, request.headers["X-Api-Key"]):
        pass
    if secrets.compare_digest(user.token, token):
        pass
    if hmac.compare_digest(user.password_hash, derive(request.form["password"])):
        pass
`,
    ),
    alike(
      'a row item of request data, and a numbered row column (not known to be the password)',
      `def login(data, cur):
    payload = request.get_json()
    if payload["password"] == data["password"]:
        pass
`,
    ),
    alike(
      'WHERE clauses that hash in SQL, compare a hash column or a token',
      `def login(cur, hashed, token):
    cur.execute("SELECT id FROM users WHERE email = %s AND password = crypt(%s, password)", (request.form["email"], request.form["password"]))
    cur.execute("SELECT id FROM users WHERE email = %s AND password_hash = %s", (request.form["email"], hashed))
    cur.execute("SELECT id FROM users WHERE password_reset_token = %s", (token,))
    cur.execute("UPDATE users SET password = %s WHERE id = %s", (hashed, request.form["id"]))
    cur.execute("SELECT id FROM users WHERE username = '%s'" % request.form["username"])
`,
    ),
  ],
  invalid: [
    form(
      'a model attribute compared with the typed password (== and !=, through a local)',
      `def login(password):
    user = User.query.filter_by(username=request.form["u"]).first()
    if user.password == request.form["password"]:
        pass
    if password != user.password:
        pass
    stored_password = user.password
    if stored_password == request.form["password"]:
        pass
`,
      [3, 5, 8],
      /user\.password (==|!=)/,
    ),
    form(
      'a password item of a fetched row',
      `def login(conn):
    password = request.form["password"]
    cur = conn.cursor()
    record = cur.fetchone()
    if password == record["password"]:
        pass
    found = cur.fetchall()[0]
    if found["passwd"] != password:
        pass
    if rows[0]["password"] == password:
        pass
`,
      [5, 8, 10],
      /compared as plain text: \w+(\[0\])?\["passw?(or)?d"\]/,
    ),
    form(
      'a query filter on the password column',
      `def login(pw):
    a = User.query.filter(User.password == pw).first()
    b = User.query.filter_by(username=request.form["u"], password=request.form["password"]).first()
`,
      [2, 3],
    ),
    form(
      'WHERE password = <parameter> fed the typed value (%s, ?, %(name)s, :name, $1, executemany)',
      `def login(cur, conn, db, text, username, password):
    cur.execute("SELECT * FROM users WHERE username = %s AND password = %s", (request.form["u"], request.form["password"]))
    cur.execute("SELECT id FROM users WHERE email=? AND passwd=?", [request.form["email"], request.form["pw"]])
    cur.execute("SELECT id FROM users WHERE email=%(e)s AND u.password=%(p)s", {"e": username, "p": password})
    db.session.execute(text("SELECT id FROM users WHERE name = :n AND password = :pw"), {"n": username, "pw": password})
    params = (username, password)
    cur.execute("SELECT id FROM users WHERE name = %s AND password = %s", params)
    conn.fetchrow("SELECT id FROM users WHERE name = $1 AND password = $2", username, password)
`,
      [2, 3, 4, 5, 6, 8],
      /WHERE (password|passwd) = <parameter>/,
    ),
    form(
      'the typed password spliced into WHERE: +, f-string, %, .format, through a local',
      `def login(cur, username, password):
    cur.execute("SELECT * FROM users WHERE username='" + username + "' AND password='" + password + "'")
    cur.execute(f"SELECT * FROM users WHERE username='{username}' AND password='{password}'")
    cur.execute("SELECT * FROM users WHERE username='%s' AND password='%s'" % (username, password))
    cur.execute("SELECT * FROM users WHERE username='{}' AND password='{}'".format(username, password))
    cur.execute("SELECT * FROM users WHERE password='%(pw)s'" % {"pw": password})
    sql = "SELECT * FROM users WHERE username='{u}' AND passwd='{p}'".format(u=username, p=password)
    cur.execute(sql)
`,
      [2, 3, 4, 5, 6, 7],
      /WHERE password = \.\.\./,
    ),
    form(
      'hmac.compare_digest and secrets.compare_digest on the raw column',
      `def login():
    user = User.query.filter_by(username=request.form["u"]).first()
    if hmac.compare_digest(user.password, request.form["password"]):
        pass
    if secrets.compare_digest(user.password.encode(), request.form["password"].encode()):
        pass
`,
      [3, 5],
      /compare_digest\(user\.password, \.\.\.\)/,
    ),
  ],
});
