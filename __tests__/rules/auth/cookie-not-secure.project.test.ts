import { projectTester } from '../../helpers/rule-tester.js';
import { cookieNotSecure } from '../../../src/rules/auth/cookie-not-secure.js';

const factory = `
  import os
  from flask import Flask
  from flask_login import LoginManager, login_user

  app = Flask(__name__)
  app.config.from_object(os.environ.get("APP_SETTINGS", "shop.config.DevelopmentConfig"))
  login = LoginManager(app)

  def sign_in(user):
      login_user(user, remember=True)
`;

const config = `
  import os

  class Config:
      SQLALCHEMY_DATABASE_URI = os.environ["DATABASE_URL"]
      SECRET_KEY = os.environ["SECRET_KEY"]

  class ProductionConfig(Config):
      DEBUG = False

  class DevelopmentConfig(Config):
      DEBUG = True
`;

projectTester(cookieNotSecure, {
  valid: [
    {
      name: 'the base class in another module sets SESSION_COOKIE_SECURE',
      files: {
        'shop/app.py': factory,
        'shop/config.py': config.replace('class Config:', 'from shop.base import Base\n\nclass Config(Base):'),
        'shop/base.py': 'class Base:\n    SESSION_COOKIE_SECURE = True\n    SESSION_COOKIE_HTTPONLY = True\n',
      },
    },
    {
      name: 'the app module sets the flag with app.config[...]',
      files: {
        'shop/app.py': `${factory}\napp.config["SESSION_COOKIE_SECURE"] = True\n`,
        'shop/config.py': config,
      },
    },
    {
      name: 'Flask-Talisman is installed',
      files: {
        'shop/app.py': `${factory}\nfrom flask_talisman import Talisman\nTalisman(app)\n`,
        'shop/config.py': config,
      },
    },
    {
      name: 'the compose environment sets it (FLASK_ prefix)',
      files: {
        'shop/app.py': factory,
        'shop/config.py': config,
        'docker-compose.yml': 'services:\n  web:\n    environment:\n      FLASK_SESSION_COOKIE_SECURE: "true"\n',
      },
    },
    {
      name: 'an app that uses no session is not reported',
      files: {
        'shop/app.py':
          'from flask import Flask\napp = Flask(__name__)\napp.config.from_object("shop.config.ProductionConfig")\n',
        'shop/config.py': config,
      },
    },
    {
      name: 'a config module no app loads',
      files: {
        'shop/app.py': factory.replace(
          'app.config.from_object(os.environ.get("APP_SETTINGS", "shop.config.DevelopmentConfig"))',
          '',
        ),
        'shop/config.py': config,
      },
    },
    {
      name: 'only a development class, no production one: no deployment runs it',
      files: {
        'shop/app.py': factory,
        'shop/config.py': 'class DevelopmentConfig:\n    DEBUG = True\n    SECRET_KEY = "x"\n',
      },
    },
    {
      name: 'a config loaded only by the tests',
      files: {
        'tests/conftest.py': factory.replace('"shop.config.DevelopmentConfig"', '"shop.config.ProductionConfig"'),
        'shop/config.py': config,
      },
    },
    {
      name: 'another application of the repository sets the flag; this one loads nothing',
      files: {
        'one/app.py': factory.replace('shop.config', 'one.config'),
        'one/config.py': config.replace('DEBUG = False', 'SESSION_COOKIE_SECURE = True'),
        'two/config.py': config,
      },
    },
    {
      name: 'a .cfg file no app reads with from_pyfile',
      files: {
        'todo/todo.py': 'from flask import Flask, flash\napp = Flask(__name__)\n',
        'todo/hello.cfg': "SECRET_KEY = 'x'\nDEBUG = False\n",
      },
    },
  ],
  invalid: [
    {
      name: 'a commented-out setting does not count',
      files: {
        'shop/app.py': factory,
        'shop/config.py': config.replace('DEBUG = False', 'DEBUG = False\n    # SESSION_COOKIE_SECURE = True'),
      },
      findings: [{ path: 'shop/config.py', line: 7, severity: 'low' }],
    },
    {
      name: 'env default is the development class: the module production class is reported',
      files: { 'shop/app.py': factory, 'shop/config.py': config },
      findings: [
        { path: 'shop/config.py', line: 7, severity: 'low', message: /ProductionConfig.*REMEMBER_COOKIE_SECURE/s },
      ],
    },
    {
      name: 'remember-me set secure elsewhere: the message no longer mentions it',
      files: {
        'shop/app.py': `${factory}\napp.config["REMEMBER_COOKIE_SECURE"] = True\n`,
        'shop/config.py': config,
      },
      findings: [{ path: 'shop/config.py', line: 7, severity: 'low', message: /^(?!.*REMEMBER_COOKIE_SECURE)/s }],
    },
    {
      name: 'a class imported by name, the session used through flask.session',
      files: {
        'web/__init__.py': `
          from flask import Flask, session
          from .settings import Settings
          app = Flask(__name__)
          app.config.from_object(Settings)
        `,
        'web/settings.py': `
          class Settings(object):
              SECRET_KEY = "from-env"
              SESSION_COOKIE_HTTPONLY = True
              SESSION_COOKIE_SAMESITE = "Lax"
        `,
      },
      findings: [{ path: 'web/settings.py', line: 3, severity: 'low', message: /`Settings`/ }],
    },
    {
      name: 'an instance named in the string: Config = ServerConfig()',
      files: {
        'ctf/__init__.py': `
          from flask import Flask, session
          def create_app(config="ctf.config.Config"):
              app = Flask(__name__)
              app.config.from_object(config)
              return app
        `,
        'ctf/config.py': `
          class ServerConfig(object):
              SECRET_KEY = "k"
              DEBUG = False
          class TestingConfig(ServerConfig):
              TESTING = True
          Config = ServerConfig()
        `,
      },
      findings: [{ path: 'ctf/config.py', line: 1, severity: 'low', message: /ServerConfig/ }],
    },
    {
      name: 'a .cfg file read with from_pyfile, the session used through flash',
      files: {
        'todo/todo.py': `
          from flask import Flask, flash
          app = Flask(__name__)
          app.config.from_pyfile("hello.cfg")
        `,
        'todo/hello.cfg': "SQLALCHEMY_DATABASE_URI = 'postgresql://db/todo'\nSECRET_KEY = 'x'\nDEBUG = False\n",
      },
      findings: [{ path: 'todo/hello.cfg', line: 2, severity: 'low', message: /configuration file/ }],
    },
    {
      name: 'another application of the repository sets the flag; this one does not',
      files: {
        'one/app.py': factory.replace('shop.config', 'one.config'),
        'one/config.py': config.replace('DEBUG = False', 'SESSION_COOKIE_SECURE = True'),
        'two/app.py': factory.replace('shop.config', 'two.config'),
        'two/config.py': config,
      },
      findings: [{ path: 'two/config.py', line: 7, severity: 'low' }],
    },
  ],
});
