import { debugMode } from '../../../src/rules/auth/debug-mode.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(debugMode, {
  valid: [
    {
      name: 'a settings module named for development, and an app set up inside the tests',
      path: 'src/app/config/development.py',
      code: 'DEBUG = True\nSQLALCHEMY_ECHO = True\n',
    },
    {
      name: 'an app set up inside the tests',
      path: 'tests/app.py',
      code: 'from flask import Flask\n\napp = Flask(__name__)\napp.debug = True\n\nclass Config:\n    DEBUG = True\n\nif __name__ == "__main__":\n    app.run(debug=True)\n',
    },
    {
      name: 'DEBUG = True in development and testing config classes',
      code: 'class Config:\n    DEBUG = False\n\nclass DevelopmentConfig(Config):\n    DEBUG = True\n\nclass TestingConfig(Config):\n    DEBUG = True\n    TESTING = True\n\nclass Local(DevelopmentConfig):\n    DEBUG = True\n',
    },
    {
      name: 'DEBUG read from the environment is a string, not True',
      code: 'import os\n\nclass Config:\n    DEBUG = os.environ.get("DEBUG", "False")\n    TESTING = os.getenv("TESTING", "true")\n',
    },
    {
      name: 'debug from a flag or the environment',
      code: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(debug=os.environ.get("FLASK_DEBUG") == "1")\n',
    },
    {
      name: 'app.run without debug, and gunicorn',
      code: 'from flask import Flask\napp = Flask(__name__)\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8000)\n',
    },
    {
      name: 'other debug=True calls: logging, a FastAPI app, a Jinja environment',
      code: 'import logging, uvicorn\nfrom fastapi import FastAPI\n\napp = FastAPI()\nlogging.basicConfig(level=logging.DEBUG)\nuvicorn.run(app, debug=True)\nenv = Environment(debug=True)\nparser.run(debug=True)\n',
    },
    {
      name: 'a module-level DEBUG = True in a module Flask does not read as config',
      path: 'app/views.py',
      code: 'DEBUG = True\n',
    },
    {
      name: 'a docstring and a comment',
      code: '"""Run with app.run(debug=True) locally."""\n# app.run(debug=True)\nx = 1\n',
    },
    { name: '.env with FLASK_DEBUG=0', path: '.env', code: 'FLASK_DEBUG=0\nFLASK_ENV=production\n' },
    {
      name: 'a CI workflow and a Makefile',
      path: '.github/workflows/ci.yml',
      code: 'jobs:\n  test:\n    env:\n      FLASK_DEBUG: "1"\n    steps:\n      - run: flask run --debug &\n',
    },
    { name: 'Makefile dev target', path: 'Makefile', code: 'FLASK_DEBUG=1\nrun:\n\tflask --debug run\n' },
    { name: 'Procfile with gunicorn', path: 'Procfile', code: 'web: gunicorn wsgi:app\n' },
  ],
  invalid: [
    {
      name: 'app.run(debug=True) bound to a loopback host is reported at low; every interface or no host stays high',
      code: 'from flask import Flask\napp = Flask(__name__)\nLOCAL = "127.0.0.1"\n\nif __name__ == "__main__":\n    app.run(debug=True, host="127.0.0.1", port=4000)\n    app.run("localhost", 5000, True)\n    app.run(debug=True, host=LOCAL)\n    app.run(debug=True, host="0.0.0.0")\n    app.run(debug=True)\n',
      findings: [
        { line: 6, severity: 'low', message: /loopback/ },
        { line: 7, severity: 'low' },
        { line: 8, severity: 'low' },
        { line: 9 },
        { line: 10 },
      ],
    },
    {
      name: 'a settings package: the production module and the base module are reported',
      path: 'src/app/config/production.py',
      code: 'DEBUG = True\n\nclass Config:\n    DEBUG = True\n',
      findings: [{ line: 1 }, { line: 4 }],
    },
    {
      name: 'app.run(debug=True) under the main guard (the dev server)',
      code: 'from app import create_app\n\napp = create_app()\n\nif __name__ == "__main__":\n    app.run(host="0.0.0.0", port=8000, debug=True)\n',
      findings: [
        { line: 6, severity: 'high', message: /under `if __name__ == "__main__":` starts Flask's development server/ },
      ],
    },
    {
      name: 'DEBUG = True in the base config class (so in production)',
      code: 'class Config:\n    DEBUG = True\n\nclass ProductionConfig(Config):\n    DEBUG = 1\n',
      findings: [{ line: 2, message: /DEBUG in config class Config is True in production configuration/ }, { line: 5 }],
    },
    {
      name: 'app.debug, app.config["DEBUG"], update(DEBUG=True), a boolean fallback',
      code: 'import os\nfrom flask import Flask\n\napp = Flask(__name__)\napp.debug = True\napp.config["DEBUG"] = True\napp.config.update(DEBUG=True)\napp.config["DEBUG"] = os.environ.get("DEBUG", True)\n',
      findings: [{ line: 5 }, { line: 6 }, { line: 7 }, { line: 8, message: /when DEBUG is not set/ }],
    },
    {
      name: 'settings module, socketio.run and run_simple',
      path: 'settings.py',
      code: 'from werkzeug.serving import run_simple\n\nDEBUG = True\nsocketio.run(app, debug=True)\nrun_simple("0.0.0.0", 5000, app, use_debugger=True)\n',
      findings: [{ line: 3 }, { line: 4 }, { line: 5 }],
    },
    {
      name: '.env FLASK_DEBUG and FLASK_ENV',
      path: '.env',
      code: 'FLASK_APP=wsgi.py\nFLASK_DEBUG=1\nFLASK_ENV=development\n',
      findings: [
        { line: 2, message: /FLASK_DEBUG \(Flask's DEBUG\) is 1/ },
        { line: 3, message: /before 2\.3/ },
      ],
    },
    {
      name: '.flaskenv (a development file, still reported)',
      path: '.flaskenv',
      code: 'FLASK_DEBUG=true\n',
      findings: [{ line: 1 }],
    },
    {
      name: 'compose environment and command',
      path: 'docker-compose.yml',
      code: 'services:\n  web:\n    build: .\n    command: flask --debug run --host=0.0.0.0\n    environment:\n      FLASK_DEBUG: "1"\n',
      findings: [{ line: 4, message: /--debug/ }, { line: 6 }],
    },
    {
      name: 'Kubernetes env',
      path: 'deploy/web.yaml',
      code: 'spec:\n  containers:\n    - name: web\n      env:\n        - name: FLASK_ENV\n          value: development\n',
      findings: [{ line: 6 }],
    },
    {
      name: 'Dockerfile ENV and CMD',
      path: 'Dockerfile',
      code: 'FROM python:3.12-slim\nENV FLASK_APP=wsgi.py \\\n    FLASK_ENV=development \\\n    FLASK_DEBUG=1\nCMD ["flask", "run", "--debug", "--host=0.0.0.0"]\n',
      findings: [{ line: 3 }, { line: 4 }, { line: 5 }],
    },
    {
      name: 'Procfile and a shell script with an inline variable',
      path: 'Procfile',
      code: 'web: FLASK_DEBUG=1 flask run --host=0.0.0.0 --port=$PORT\n',
      findings: [{ line: 1, message: /FLASK_DEBUG=1/ }],
    },
    {
      name: 'a Django settings module says what Django debug does',
      path: 'mysite/settings.py',
      code: 'DEBUG = True\nALLOWED_HOSTS = ["*"]\nINSTALLED_APPS = ["django.contrib.admin"]\n',
      findings: [{ line: 1, message: /Django settings module: every error page shows settings/ }],
    },
    {
      name: 'a settings module tree-sitter had to recover (SECRET_KEY with no value)',
      path: 'mysite/settings.py',
      code: '# keep it secret\nSECRET_KEY = \n\nDEBUG = True\n',
      findings: [{ line: 4 }],
    },
    {
      name: 'a .cfg read by from_pyfile',
      path: 'instance/production.cfg',
      code: 'DEBUG = True\n',
      findings: [{ line: 1 }],
    },
  ],
});
