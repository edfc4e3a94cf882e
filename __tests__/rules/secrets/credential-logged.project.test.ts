import { projectTester } from '../../helpers/rule-tester.js';
import { credentialLogged } from '../../../src/rules/secrets/credential-logged.js';

const authUtils = `
  from binascii import hexlify
  from os import urandom

  def random_string():
      return hexlify(urandom(16)).decode("ascii")

  def digest(value):
      return value[::-1]

  def create_user(username, session):
      key = random_string()
      user = {"name": username, "hash": digest(key)}
      return key, user
`;

const initializer = (body: string): string => `
  from auth.utils import create_user
  from schemas import NewUserResponse

  def bootstrap(session):
      ${body}
`;

projectTester(credentialLogged, {
  valid: [
    {
      name: 'the other element of the result (the user) is printed',
      files: {
        'auth/utils.py': authUtils,
        'init.py': initializer('key, user = create_user("admin", session)\n      print("created {}".format(user))'),
      },
    },
    {
      name: 'only the length of the key is printed',
      files: {
        'auth/utils.py': authUtils,
        'init.py': initializer('key, user = create_user("admin", session)\n      print("key length", len(key))'),
      },
    },
    {
      name: 'the function returns a value it did not generate',
      files: {
        'auth/utils.py': authUtils.replace('key = random_string()', 'key = username.upper()'),
        'init.py': initializer('key, user = create_user("admin", session)\n      print(key)'),
      },
    },
    {
      name: 'a function of a library (not in the project)',
      files: { 'init.py': 'from vendor.auth import create_user\nkey, user = create_user("a")\nprint(key)\n' },
    },
    {
      name: 'the name is rebound before it is printed',
      files: {
        'auth/utils.py': authUtils,
        'init.py': initializer('key, user = create_user("admin", session)\n      key = "id-1"\n      print(key)'),
      },
    },
  ],
  invalid: [
    {
      name: 'the key unpacked from another module, printed inside a model constructor',
      files: {
        'auth/utils.py': authUtils,
        'init.py': initializer(
          'key, user = create_user("admin", session)\n      print("Admin created: {0}".format(str(NewUserResponse(key=key, user=user))))',
        ),
      },
      findings: [{ path: 'init.py', line: 6, message: /`key`, returned by `create_user\(\)`/ }],
    },
    {
      name: 'secrets.token_urlsafe returned whole, logged in an f-string',
      files: {
        'tokens.py': 'import secrets\n\ndef new_api_key():\n    return secrets.token_urlsafe(32)\n',
        'cli.py':
          'import logging\nfrom tokens import new_api_key\n\ndef main():\n    api = new_api_key()\n    logging.info(f"issued {api}")\n',
      },
      findings: [{ path: 'cli.py', line: 6 }],
    },
  ],
});
