import { embeddedUserPasswords } from '../../../src/rules/secrets/embedded-user-passwords.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(embeddedUserPasswords, {
  valid: [
    {
      name: 'placeholders and templated values',
      code: `
        USERS_XML = """<users><user><username>admin</username><password>changeme</password></user><user><username>b</username><password>\${ADMIN_PASSWORD}</password></user></users>"""
        USERS_JSON = '[{"username": "admin", "password": "{{ admin_password }}"}, {"username": "x", "password": "****"}]'
      `,
    },
    {
      name: 'hashed values: bcrypt, argon2, pbkdf2, hex digest',
      code: `
        SEED = """<users>
          <user><name>a</name><password>$2b$12$KIXQJ8p1bU2Xq7m0uKZ8Uu0n8sQfYyq3k1bN8o1H4Qm2aQ5b6c7d8</password></user>
          <user><name>b</name><password>$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2g</password></user>
          <user><name>c</name><password>pbkdf2:sha256:600000$abc$def0123</password></user>
          <user><name>d</name><password>5f4dcc3b5aa765d61d8327deb882cf99</password></user>
        </users>"""
      `,
    },
    {
      name: 'a document without passwords, and a password-reset setting',
      code: `
        USERS_XML = """<users><user><username>admin</username><email>a@example.com</email></user></users>"""
        POLICY = '{"password_min_length": "12", "password_reset_url": "https://example.com/reset"}'
      `,
    },
    {
      name: 'a docstring describing the format',
      code: `
        def load(text):
            """Parses <users><user><username>admin</username><password>secret123</password></user></users>"""
            return text
      `,
    },
    {
      name: 'malformed XML is skipped',
      code: `
        BROKEN = "<users><user><password>hunter22</user></users> and some more text here"
      `,
    },
    {
      name: 'a hostile document nested 20,000 deep: skipped (or read only to a bounded depth), never fatal',
      code: `DOC = "${'<a>'.repeat(20000)}<password>hunter22</password>${'</a>'.repeat(20000)}"\n`,
    },
  ],
  invalid: [
    {
      name: 'XML seed data with password elements (DSVW form)',
      code: `
        import xml.etree.ElementTree
        USERS_XML = """<?xml version="1.0" encoding="utf-8"?><users><user id="0"><username>admin</username><password>7en8aiDoh!</password></user><user id="1"><username>dricci</username><password>12345</password></user></users>"""
      `,
      findings: [{ line: 2, message: /USERS_XML is an XML document that holds 2 plaintext passwords \("\*\*\*\*"\)/ }],
    },
    {
      name: 'password attributes in XML and password keys in JSON',
      code: `
        ACCOUNTS = '<accounts><account name="ops" password="0psPassw0rd"/></accounts>'
        SEED_USERS = '[{"username": "admin", "password": "adminadmin"}, {"username": "guest", "pwd": "guest2024"}]'
      `,
      findings: [
        { line: 1, message: /ACCOUNTS is an XML document that holds 1 plaintext password / },
        { line: 2, message: /SEED_USERS is a JSON document that holds 2 plaintext passwords/ },
      ],
    },
    {
      name: 'in a test fixture: lowered to low',
      path: 'tests/fixtures.py',
      code: `
        USERS = '[{"username": "alice", "password": "alicepass1"}]'
      `,
      findings: [{ line: 1, severity: 'low' }],
    },
  ],
});
