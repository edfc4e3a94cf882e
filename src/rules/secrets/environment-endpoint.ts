import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import { environmentDumps } from '../../models/secrets/env-dump.js';
import { spanOf } from '../../lang/python/span.js';
import type { Rule } from '../rule.js';

export const environmentEndpoint: Rule = {
  meta: {
    id: 'FCG209',
    name: 'environment-endpoint',
    family: 'secrets',
    severity: 'high',
    cwe: [215, 200],
    title: 'Endpoint serves the process environment without authentication',
    what: 'An HTTP endpoint that returns the process environment to whoever asks: py-healthcheck\'s `EnvironmentDump` (`EnvironmentDump(app, "/environment")`, or an instance served by a view of the file through `.run()`) unless it is created with `include_process=False`; and a Flask view that returns `os.environ` whole — `jsonify(dict(os.environ))`, `dict(os.environ)`, `os.environ.copy()`, `{**os.environ}`, an unfiltered comprehension over `os.environ.items()`, directly or through a local variable it returns. Not when the view has an authentication decorator, a `before_request` guard of the file rejects anonymous callers, or the view itself checks the signed-in user (the same guard model as the route rules).',
    why: 'The environment is where twelve-factor deployments keep their secrets: `DATABASE_URL` with its password, `SECRET_KEY`, cloud keys, SMTP and API credentials. An unauthenticated page that lists it hands all of them to anyone who finds the URL (CWE-215, CWE-200); scanners probe `/env`, `/environment` and `/debug` routinely. py-healthcheck masks only variable names containing `key`, `token` or `pass`, so `DATABASE_URL=postgresql://app:secret@db/app` and `SECRET=...` are served in clear, and a debug-only switch in configuration is one mistake away from production.',
    bad: {
      lang: 'python',
      code: 'from flask import Flask\nfrom healthcheck import EnvironmentDump\n\napp = Flask(__name__)\nenvdump = EnvironmentDump(app, "/environment")',
    },
    good: {
      lang: 'python',
      code: 'from flask import Flask\nfrom healthcheck import EnvironmentDump, HealthCheck\n\napp = Flask(__name__)\nhealth = HealthCheck(app, "/health")\n# Versions and platform only: no environment variables.\nenvdump = EnvironmentDump(app, "/environment", include_process=False)',
    },
    fix: 'Remove the endpoint, or leave the environment out (`include_process=False`) and put the page behind authentication for operators; serve a health check (`HealthCheck`) that says only whether dependencies answer. Rotate any secret the endpoint may already have served.',
    limits:
      "Guards are read in the file only: an `EnvironmentDump` registered on an app whose `before_request` guard or proxy authentication lives in another module, or Flask-BasicAuth's `BASIC_AUTH_FORCE`, is not seen and the finding stays. Views that build their own selection of variables (a filtered comprehension, a list of names) are left alone, as are reads of single variables. The endpoint being enabled only in debug configuration does not silence it. In test files the finding is lowered to low.",
    precision: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    for (const dump of environmentDumps(py)) {
      const lowered = fileRoleSeverity(ctx.file.role === 'test' ? 'test' : undefined, 'high');
      const where = dump.where ? ` (${dump.where})` : '';
      const message =
        dump.kind === 'environment-dump'
          ? `EnvironmentDump serves the process environment${where} to any caller: only names containing key, token or pass are masked, so connection URLs with passwords and other secrets are disclosed; remove it, pass include_process=False, or require authentication${lowered.note}.`
          : `This view returns the whole process environment${where} with no authentication: database URLs, secret keys and API credentials kept in environment variables are disclosed to any caller; remove the endpoint or require authentication${lowered.note}.`;
      ctx.report({
        span: spanOf(dump.node),
        ...(lowered.note ? { severity: lowered.severity } : {}),
        message,
      });
    }
  },
};
