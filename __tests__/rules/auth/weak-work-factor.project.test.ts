import { projectTester } from '../../helpers/rule-tester.js';
import { weakWorkFactor } from '../../../src/rules/auth/weak-work-factor.js';

const CONFIG = `
  # Hashing algorithm used for password storage
  SECURITY_PASSWORD_HASH = "pbkdf2_sha512"
`;

projectTester(weakWorkFactor, {
  valid: [
    {
      name: 'Flask-Security PBKDF2 with its rounds set in another module',
      files: {
        'web/config.py': CONFIG,
        'web/config_local.py': `
          SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS = {"pbkdf2_sha512__rounds": 600000}
        `,
      },
    },
    {
      name: 'the rounds set through app.config in the factory (older SECURITY_PASSWORD_HASH_OPTIONS)',
      files: {
        'app/settings.py': `
          SECURITY_PASSWORD_HASH = "pbkdf2_sha256"
        `,
        'app/__init__.py': `
          from flask import Flask

          app = Flask(__name__)
          app.config.from_object("app.settings")
          app.config["SECURITY_PASSWORD_HASH_OPTIONS"] = {"pbkdf2_sha256": {"rounds": 600000}}
        `,
      },
    },
    {
      name: 'schemes whose passlib defaults meet the guidance, and a scheme read from the environment',
      files: {
        'config.py': `
          import os

          class Config:
              SECURITY_PASSWORD_HASH = "bcrypt"

          class Other:
              SECURITY_PASSWORD_HASH = "argon2"

          class FromEnv:
              SECURITY_PASSWORD_HASH = os.environ.get("HASH", "bcrypt")
        `,
      },
    },
  ],
  invalid: [
    {
      name: 'pbkdf2_sha512 with no passlib options anywhere in the project',
      files: {
        'web/config.py': CONFIG,
        'web/pgadmin/about.py': `
          from flask import current_app

          def settings():
              return {k: current_app.config[k] for k in ["SECURITY_PASSWORD_HASH"]}
        `,
      },
      findings: [
        { path: 'web/config.py', line: 2, message: /25,000 PBKDF2-HMAC-SHA512 iterations; OWASP's minimum is 210,000/ },
      ],
    },
    {
      name: 'pbkdf2_sha256 through app.config, in a testing config class (noted)',
      files: {
        'app/__init__.py': `
          from flask import Flask

          app = Flask(__name__)
          app.config["SECURITY_PASSWORD_HASH"] = "pbkdf2_sha256"

          class TestingConfig:
              SECURITY_PASSWORD_HASH = "pbkdf2_sha1"
        `,
      },
      findings: [
        {
          path: 'app/__init__.py',
          line: 4,
          message: /29,000 PBKDF2-HMAC-SHA256 iterations; OWASP's minimum is 600,000\.$/,
        },
        { path: 'app/__init__.py', line: 7, message: /131,000 PBKDF2-HMAC-SHA1 .*testing config class/ },
      ],
    },
  ],
});
