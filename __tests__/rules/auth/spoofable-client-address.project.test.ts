import { spoofableClientAddress } from '../../../src/rules/auth/spoofable-client-address.js';
import { projectTester } from '../../helpers/rule-tester.js';

const LIMITER = `
  from flask import request
  from flask_limiter import Limiter

  def client_ip():
      return request.headers.get("X-Forwarded-For", request.remote_addr)

  limiter = Limiter(key_func=client_ip, default_limits=["100 per hour"])
`;

const FACTORY_WITH_PROXYFIX = `
  from flask import Flask
  from werkzeug.middleware.proxy_fix import ProxyFix
  from .extensions import limiter

  def create_app():
      app = Flask(__name__)
      app.wsgi_app = ProxyFix(app.wsgi_app, x_for=1)
      limiter.init_app(app)
      return app
`;

projectTester(spoofableClientAddress, {
  valid: [
    {
      name: 'ProxyFix installed by the app factory in another module of the package',
      files: { 'shop/extensions.py': LIMITER, 'shop/__init__.py': FACTORY_WITH_PROXYFIX },
    },
    {
      name: 'ProxyFix installed in a wsgi module at the repository root',
      files: {
        'shop/extensions.py': LIMITER,
        'wsgi.py':
          'from werkzeug.middleware.proxy_fix import ProxyFix\nfrom shop import app\napp.wsgi_app = ProxyFix(app.wsgi_app)\n',
      },
    },
  ],
  invalid: [
    {
      name: 'the app factory does not install ProxyFix',
      files: {
        'shop/extensions.py': LIMITER,
        'shop/__init__.py':
          'from flask import Flask\nfrom .extensions import limiter\n\ndef create_app():\n    app = Flask(__name__)\n    limiter.init_app(app)\n    return app\n',
      },
      findings: [{ path: 'shop/extensions.py', line: 5, message: /no ProxyFix in the application/ }],
    },
    {
      name: 'a ProxyFix in a sibling application does not cover this one',
      files: { 'api/extensions.py': LIMITER, 'admin/__init__.py': FACTORY_WITH_PROXYFIX },
      findings: [{ path: 'api/extensions.py', line: 5 }],
    },
    {
      name: 'a module that only mentions ProxyFix in a comment installs nothing',
      files: { 'shop/extensions.py': LIMITER, 'shop/wsgi.py': '# TODO: add ProxyFix here\nfrom shop import app\n' },
      findings: [{ path: 'shop/extensions.py', line: 5 }],
    },
  ],
});
