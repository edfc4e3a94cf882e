import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import { embeddedPasswords } from '../../models/secrets/embedded-passwords.js';
import { spanOf } from '../../lang/python/span.js';
import type { Rule } from '../rule.js';

export const embeddedUserPasswords: Rule = {
  meta: {
    id: 'FCG210',
    name: 'embedded-user-passwords',
    family: 'secrets',
    severity: 'high',
    cwe: [798, 259, 256],
    title: 'User records with plaintext passwords embedded in the source',
    what: 'A string literal that is an XML or JSON document of records with plaintext passwords — `USERS_XML = """<users><user><username>admin</username><password>…</password></user>…</users>"""`, `SEED = \'[{"user": "admin", "password": "…"}]\'` — typically parsed at start-up to seed the users table or to check logins. The document is parsed (XML with fast-xml-parser, JSON with the JSON parser); a password is the text of an element, or the value of an attribute or key, named for one (`password`, `passwd`, `pwd`, `user_password`), at least three characters long. Placeholders (`changeme`, `${PASSWORD}`, `{{ password }}`, `****`), hashes (bcrypt `$2b$…`, argon2, scrypt, PBKDF2, crypt(3) and LDAP `{SSHA}` formats, hex digests) and documents in docstrings are not reported.',
    why: 'Accounts seeded from the source have the same passwords in every deployment, known to everyone who can read the repository, its forks and its history; an administrator among them is a ready way in (CWE-798, CWE-259). Keeping them in plaintext also means they are stored that way once seeded (CWE-256).',
    bad: {
      lang: 'python',
      code: 'USERS_XML = """<users>\n  <user><username>admin</username><password>Sup3rS3cret!</password></user>\n</users>"""',
    },
    good: {
      lang: 'python',
      code: 'import os\n\n# The first administrator is created from the environment, with a hashed password.\nADMIN_PASSWORD = os.environ["ADMIN_PASSWORD"]',
    },
    fix: 'Do not ship accounts with passwords. Create the first administrator from the environment or an interactive command at install time, store only a slow hash (bcrypt, argon2), and force a change at first login; keep demo data without passwords, or with hashes of throw-away values generated at run time.',
    limits:
      'Only documents written as one string literal are parsed (not one assembled from pieces, read from a file, or written as Python lists and dicts). A document that does not parse as well-formed XML or JSON is skipped. Whether the passwords end up in a database is not followed: the literal is the finding. In test files (fixtures) the finding is lowered to low. The passwords are never printed.',
    precision: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    for (const doc of embeddedPasswords(py)) {
      const lowered = fileRoleSeverity(ctx.file.role === 'test' ? 'test' : undefined, 'high');
      const count = doc.values.length;
      const holder = doc.name
        ? `${doc.name} is ${doc.format === 'XML' ? 'an' : 'a'} ${doc.format} document that holds`
        : `This ${doc.format} document holds`;
      ctx.report({
        span: spanOf(doc.node),
        ...(lowered.note ? { severity: lowered.severity } : {}),
        secrets: doc.values,
        message: `${holder} ${count} plaintext password${count === 1 ? '' : 's'} ("****") for user records: anyone who can read the repository can sign in with them; create accounts at install time from the environment and store only slow hashes${lowered.note}.`,
      });
    }
  },
};
