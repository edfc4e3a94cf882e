import { fastPasswordHash } from '../../../src/rules/auth/fast-password-hash.js';
import { ruleTester } from '../../helpers/rule-tester.js';

// Issue 14, item 3: a fast digest handed to a password setter or written to a password column,
// whatever the hashed variable is called; and the look-alikes next to each form.
const HEAD = 'import base64\nimport hashlib\nfrom .models import User\n\n';

ruleTester(fastPasswordHash, {
  valid: [
    {
      name: 'digests stored in columns that are not passwords, and setters of other things',
      code: `${HEAD}def save(user, email, token, blob):
    user.avatar_hash = hashlib.md5(email.lower().encode()).hexdigest()
    user.password_reset_token = hashlib.sha256(token.encode()).hexdigest()
    user.set_checksum(hashlib.sha1(blob).hexdigest())
    user.set_password_reset_token(hashlib.sha256(token.encode()).hexdigest())
    User(etag=hashlib.md5(blob).hexdigest())
`,
    },
    {
      name: 'a slow hash handed to the setter',
      code: `${HEAD}from werkzeug.security import generate_password_hash
def save(user, s):
    user.set_password(generate_password_hash(s))
    user.password = hashlib.pbkdf2_hmac("sha256", s.encode(), b"salt", 600000).hex()
`,
    },
  ],
  invalid: [
    {
      name: 'setPassword, set_password and update_password given a fast hexdigest',
      code: `${HEAD}def save(user, s):
    user.setPassword(hashlib.md5(s.encode()).hexdigest())
    user.set_password(hashlib.sha1(s.encode()).hexdigest().upper())
    user.update_password(user.id, base64.b64encode(hashlib.sha256(s.encode()).digest()))
`,
      findings: [
        { line: 6, message: /hashlib\.md5 and stored through user\.setPassword\(\.\.\.\)/ },
        { line: 7, message: /hashlib\.sha1/ },
        { line: 8, message: /hashlib\.sha256/ },
      ],
    },
    {
      name: 'a password column assigned a fast hash, directly, through a local and an update() object',
      code: `${HEAD}def save(user, s, data):
    user.password = hashlib.sha256(s.encode()).hexdigest()
    h = hashlib.sha1(data).hexdigest()
    user.password_hash = h
    m = hashlib.md5()
    m.update(data)
    user.passwd = m.hexdigest()
    db.session.add(User(email="a", password=hashlib.sha512(data).hexdigest()))
`,
      findings: [
        { line: 6, message: /stored through user\.password = \.\.\./ },
        { line: 7, message: /user\.password_hash = \.\.\./ },
        { line: 9, message: /hashlib\.md5 and stored through user\.passwd/ },
        { line: 12, message: /User\(password=\.\.\.\)/ },
      ],
    },
    {
      name: 'a digest of a password-named value is told once, where it is hashed',
      code: `${HEAD}def save(user, password):
    user.set_password(hashlib.md5(password.encode()).hexdigest())
    m = hashlib.sha1()
    m.update(password.encode())
    user.password = m.hexdigest()
`,
      findings: [{ line: 6, message: /Password \(password\) hashed with hashlib\.md5/ }, { line: 8 }],
    },
  ],
});
