import { jwtAlgorithmNotPinned } from '../../../src/rules/auth/jwt-algorithm-not-pinned.js';
import { jwtExpiryOff } from '../../../src/rules/auth/jwt-expiry-off.js';
import { jwtNotVerified } from '../../../src/rules/auth/jwt-not-verified.js';
import { projectTester } from '../../helpers/rule-tester.js';

/** A decode in one module whose options are a constant of a settings module. */
const AUTH = `
  import jwt
  from app.settings import JWT_OPTIONS
  from app import settings

  def read(token, key):
      return jwt.decode(token, key, algorithms=["HS256"], options=JWT_OPTIONS)

  def read2(token, key):
      return jwt.decode(token, key, algorithms=["HS256"], options=settings.JWT_OPTIONS)
`;

const PEEK = `
  import jwt
  from app.settings import JWT_OPTIONS

  def peek(token):
      return jwt.decode(token, options=JWT_OPTIONS)
`;

projectTester(jwtNotVerified, {
  valid: [
    {
      name: 'the settings module keeps the signature check on',
      files: {
        'app/auth.py': AUTH,
        'app/settings.py': 'JWT_OPTIONS = {"verify_signature": True, "verify_aud": False}\n',
      },
    },
    {
      name: 'the settings module turns only verify_exp off (FCG410)',
      files: { 'app/auth.py': AUTH, 'app/settings.py': 'JWT_OPTIONS = {"verify_exp": False}\n' },
    },
    { name: 'the settings module is not in the tree', files: { 'app/auth.py': AUTH } },
    {
      name: 'the options come from the environment in the settings module',
      files: {
        'app/auth.py': AUTH,
        'app/settings.py': 'import os\nJWT_OPTIONS = {"verify_signature": os.environ.get("VERIFY") == "1"}\n',
      },
    },
    {
      name: 'a parameter named like the constant is not the import',
      files: {
        'app/auth.py':
          'import jwt\n\ndef read(token, key, JWT_OPTIONS):\n    return jwt.decode(token, key, algorithms=["HS256"], options=JWT_OPTIONS)\n',
        'app/settings.py': 'JWT_OPTIONS = {"verify_signature": False}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the settings module turns the signature off: by name and through the module',
      files: { 'app/auth.py': AUTH, 'app/settings.py': 'JWT_OPTIONS = {"verify_signature": False}\n' },
      findings: [
        { path: 'app/auth.py', line: 6, message: /verify_signature: False` in JWT_OPTIONS/ },
        { path: 'app/auth.py', line: 9, message: /in settings\.JWT_OPTIONS/ },
      ],
    },
    {
      name: 'a class attribute of a config class, re-exported by the package',
      files: {
        'app/auth.py':
          'import jwt\nfrom app import Config\n\ndef read(token):\n    return jwt.decode(token, options=Config.DECODE_OPTIONS)\n',
        'app/__init__.py': 'from .config import Config\n',
        'app/config.py': 'class Config:\n    DECODE_OPTIONS = dict(verify_signature=False)\n',
      },
      findings: [{ path: 'app/auth.py', line: 5, severity: 'critical' }],
    },
  ],
});

projectTester(jwtExpiryOff, {
  valid: [
    {
      name: 'the settings module verifies expiry',
      files: { 'app/auth.py': AUTH, 'app/settings.py': 'JWT_OPTIONS = {"require": ["exp"]}\n' },
    },
    {
      name: 'the settings module turns the signature off too: FCG408 reports it',
      files: {
        'app/auth.py': AUTH,
        'app/settings.py': 'JWT_OPTIONS = {"verify_signature": False, "verify_exp": False}\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the settings module turns verify_exp off',
      files: { 'app/auth.py': AUTH, 'app/settings.py': 'JWT_OPTIONS = {"verify_exp": False, "verify_aud": False}\n' },
      findings: [
        { path: 'app/auth.py', line: 6, message: /verify_exp: False` in JWT_OPTIONS/ },
        { path: 'app/auth.py', line: 9, message: /in settings\.JWT_OPTIONS/ },
      ],
    },
  ],
});

projectTester(jwtAlgorithmNotPinned, {
  valid: [
    {
      name: 'imported options turn the signature off: no algorithm is used, FCG408 reports it',
      files: { 'app/auth.py': PEEK, 'app/settings.py': 'JWT_OPTIONS = {"verify_signature": False}\n' },
    },
  ],
  invalid: [
    {
      name: 'imported options keep the signature check: the algorithm is not pinned',
      files: { 'app/auth.py': PEEK, 'app/settings.py': 'JWT_OPTIONS = {"verify_aud": False}\n' },
      findings: [{ path: 'app/auth.py', line: 5, message: /without `algorithms=`/ }],
    },
    {
      name: 'the settings module is not in the tree: still reported',
      files: { 'app/auth.py': PEEK },
      findings: [{ path: 'app/auth.py', line: 5 }],
    },
  ],
});
