import { environmentEndpoint } from '../../../src/rules/secrets/environment-endpoint.js';
import { ruleTester } from '../../helpers/rule-tester.js';

ruleTester(environmentEndpoint, {
  valid: [
    {
      name: 'EnvironmentDump without the process section',
      code: `
        from flask import Flask
        from healthcheck import EnvironmentDump
        app = Flask(__name__)
        envdump = EnvironmentDump(app, "/environment", include_process=False)
      `,
    },
    {
      name: 'EnvironmentDump served by a view that requires login',
      code: `
        from flask import Flask
        from flask_login import login_required
        from healthcheck import EnvironmentDump
        app = Flask(__name__)
        envdump = EnvironmentDump()

        @app.route("/environment")
        @login_required
        def environment():
            return envdump.run()
      `,
    },
    {
      name: 'HealthCheck only',
      code: `
        from flask import Flask
        from healthcheck import HealthCheck
        app = Flask(__name__)
        health = HealthCheck(app, "/health")
      `,
    },
    {
      name: 'a route returning one non-secret variable',
      code: `
        import os
        from flask import Flask, jsonify
        app = Flask(__name__)

        @app.route("/version")
        def version():
            return jsonify(version=os.environ.get("APP_VERSION"), region=os.environ["REGION"])
      `,
    },
    {
      name: 'a route returning the environment behind an auth decorator',
      code: `
        import os
        from flask import Flask, jsonify
        from flask_login import login_required
        app = Flask(__name__)

        @app.route("/env")
        @login_required
        def env():
            return jsonify(dict(os.environ))
      `,
    },
    {
      name: 'a filtered comprehension and the variable names only',
      code: `
        import os
        from flask import Flask, jsonify
        app = Flask(__name__)

        @app.route("/features")
        def features():
            return jsonify({k: v for k, v in os.environ.items() if k.startswith("FEATURE_")})

        @app.route("/names")
        def names():
            return jsonify(sorted(os.environ.keys()))
      `,
    },
    {
      name: 'the environment copied for a subprocess, not returned',
      code: `
        import os, subprocess
        from flask import Flask
        app = Flask(__name__)

        @app.route("/build", methods=["POST"])
        def build():
            env = dict(os.environ)
            env["MODE"] = "ci"
            subprocess.run(["make"], env=env)
            return "ok"
      `,
    },
  ],
  invalid: [
    {
      name: 'EnvironmentDump registered on the app',
      code: `
        from flask import Flask
        from healthcheck import HealthCheck, EnvironmentDump
        app = Flask(__name__)
        if app.config["DEBUG_MODE"]:
            health = HealthCheck(app, "/health")
            envdump = EnvironmentDump(app, "/env")
      `,
      findings: [{ line: 6, message: /EnvironmentDump serves the process environment \(\/env\)/ }],
    },
    {
      name: 'EnvironmentDump served by an open view',
      code: `
        from flask import Flask
        import healthcheck
        app = Flask(__name__)
        envdump = healthcheck.EnvironmentDump(include_python=True)

        @app.route("/environment")
        def environment():
            return envdump.run()
      `,
      findings: [{ line: 4 }],
    },
    {
      name: 'views returning the environment whole, in several forms',
      code: `
        import os
        from os import environ
        from flask import Flask, jsonify
        app = Flask(__name__)

        @app.route("/env1")
        def env1():
            return jsonify(dict(os.environ))

        @app.route("/env2")
        def env2():
            data = os.environ.copy()
            return data

        @app.route("/env3")
        def env3():
            return {**environ}

        @app.route("/env4")
        def env4():
            return jsonify({k: v for k, v in os.environ.items()})
      `,
      findings: [
        { line: 8, message: /whole process environment \(\/env1\)/ },
        { line: 12 },
        { line: 17 },
        { line: 21 },
      ],
    },
    {
      name: 'in a test file: lowered to low',
      path: 'tests/test_debug.py',
      code: `
        import os
        from flask import Flask, jsonify
        app = Flask(__name__)

        @app.route("/env")
        def env():
            return jsonify(dict(os.environ))
      `,
      findings: [{ line: 7, severity: 'low' }],
    },
  ],
});
