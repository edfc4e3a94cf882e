import type { Node } from '../../parse/python.js';
import { settingContextSeverity } from '../../models/context/severity-policy.js';
import type { PyValue } from '../../lang/python/values.js';
import { flaskFileSettings } from '../../models/flask/config-files.js';
import { literalText } from '../../models/flask/config-values.js';
import { spanOf } from '../../lang/python/span.js';
import { settingRows } from '../../models/flask/setting-rows.js';
import type { Rule } from '../rule.js';
import {
  describeFileSetting,
  describeSetting,
  isDjangoSettings,
  isPlaceholderSecret,
} from '../../models/flask/settings-display.js';

// What each key protects, for the message.
const SECRET_SETTINGS: Readonly<Record<string, string>> = {
  SECRET_KEY: 'it signs the session cookie, so whoever has it can forge any session',
  SECRET_KEY_FALLBACKS: 'Flask still accepts session cookies signed with these keys',
  JWT_SECRET_KEY: 'it signs the JWTs, so whoever has it can mint a token for any user',
  SECURITY_PASSWORD_SALT: 'Flask-Security derives its confirmation and reset tokens from it',
  WTF_CSRF_SECRET_KEY: 'it signs the CSRF tokens',
};

const DJANGO_PURPOSE = 'Django signs sessions, password-reset links and signed cookies with it';

export const hardcodedFlaskSecret: Rule = {
  meta: {
    id: 'FCG203',
    name: 'hardcoded-flask-secret',
    family: 'secrets',
    severity: 'high',
    cwe: [798, 321],
    title: 'Flask secret key or salt written in the code or a committed config file',
    what: [
      '`SECRET_KEY`, `app.secret_key`, `SECRET_KEY_FALLBACKS`, `JWT_SECRET_KEY`, `SECURITY_PASSWORD_SALT` or `WTF_CSRF_SECRET_KEY` set to a literal string or bytes (directly, through a module constant, an f-string or a concatenation of literals), in every form Flask reads configuration from:',
      '`app.config["SECRET_KEY"] = ...`, `app.config.update(...)`, `app.config.from_mapping(...)` (keywords, dict literal or `dict(...)`), `app.config.setdefault(...)`, config classes and their subclasses, module-level constants of a settings module (`config.py`, `settings.py`, `*_config.py`, `*settings*.py`, a module that calls `from_object(__name__)`), and `app.secret_key = ...` on any Flask app.',
      "Config files: `SECRET_KEY` and the other keys (also with Flask's `FLASK_` prefix, as `from_prefixed_env()` reads them) in `.env`, compose `environment`, Kubernetes `env[].value`, Dockerfile `ENV`, shell `export`, and top-level keys of TOML/JSON/`.cfg` files Flask loads whole.",
      'Also a settings row the code stores (`{"name": "SECURITY_PASSWORD_SALT", "value": salt}`, as a migration\'s `bulk_insert` writes the keys the app later loads) whose value is, or is a local variable assigned, a literal.',
      'In a development or testing config class, or a CI file, the finding is lowered to low.',
    ].join('\n\n'),
    why: 'Flask signs the session cookie with `SECRET_KEY`. Anyone who can read the repository (every developer, every CI job, every fork, the whole history after the key is removed) can sign a cookie saying `user_id=1` or `is_admin=True` and Flask will trust it; with `JWT_SECRET_KEY` they mint API tokens, with `SECURITY_PASSWORD_SALT` they forge password-reset links (CWE-798, CWE-321).',
    bad: {
      lang: 'python',
      code: 'class Config:\n    SECRET_KEY = "ledger-prod-2f9c1e7a"\n    JWT_SECRET_KEY = "ledger-jwt-signing-key"',
    },
    good: {
      lang: 'python',
      code: 'class Config:\n    # Required: a missing key stops the process at start-up.\n    SECRET_KEY = os.environ["SECRET_KEY"]\n    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]',
    },
    fix: 'Read the key from the environment or a secret manager (`os.environ["SECRET_KEY"]`, a Kubernetes `secretKeyRef`), generate a new one with `python -c "import secrets; print(secrets.token_hex())"`, and treat the committed one as leaked: rotate it (Flask 3.1 `SECRET_KEY_FALLBACKS` keeps old sessions valid during the switch only if you want that).',
    limits: [
      'Placeholders (`changeme`, `<secret>`, `${SECRET_KEY}`, `xxx`, `your-secret-key-here`, `change-this-in-production`, empty) and template files (`.env.example`) are not reported. A value read from the environment is not reported here; a literal fallback (`os.environ.get("SECRET_KEY", "dev")`) is `secret-literal-fallback`.',
      'A key generated at start-up (`secrets.token_hex()`, `os.urandom(24)`) is not hardcoded and is not reported: it is another problem (every worker and every restart gets another key, so sessions break).',
      'Settings are followed within one file: `from_object("pkg.config.ProdConfig")` is not followed into the other module, but that module\'s config classes are read when it is scanned. A module read by `from_pyfile()` counts when its name says it is a settings module.',
      'The value is never printed.',
    ].join('\n\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (py) {
      const reported = new Set<number>();
      const settings = ctx.models?.flask.settings ?? [];
      const django = isDjangoSettings(settings);
      for (const s of settings) {
        const purpose = django && s.key === 'SECRET_KEY' ? DJANGO_PURPOSE : SECRET_SETTINGS[s.key];
        if (!purpose || s.form === 'app-run') continue;
        for (const value of valuesOf(py.evaluator.evaluate(s.value), s.key, s.value)) {
          const lit = literalText(py, value);
          const first = lit?.literals[0];
          if (!lit || !first || lit.envFallbackOf || isPlaceholderSecret(lit.text) || reported.has(first.id)) continue;
          reported.add(first.id);
          const low = settingContextSeverity(s.context, 'high');
          ctx.report({
            span: spanOf(value),
            severity: low.severity,
            secrets: [lit.text],
            message: `${describeSetting(s)} is a literal written in the code (****): ${purpose}${low.note}.`,
          });
        }
      }
      for (const row of settingRows(py, (key) => key in SECRET_SETTINGS)) {
        for (const value of row.values) {
          const lit = literalText(py, value);
          const first = lit?.literals[0];
          if (!lit || !first || lit.envFallbackOf || isPlaceholderSecret(lit.text) || reported.has(first.id)) continue;
          reported.add(first.id);
          ctx.report({
            span: spanOf(value),
            secrets: [lit.text],
            message: `${row.key} is stored from a literal written in the code (****): ${SECRET_SETTINGS[row.key] ?? ''}.`,
          });
        }
      }
      return;
    }
    const doc = ctx.config;
    if (!doc) return;
    for (const s of flaskFileSettings(doc, ctx.file.path)) {
      const purpose = SECRET_SETTINGS[s.key];
      if (!purpose || s.value === null || typeof s.value === 'boolean') continue;
      const text = String(s.value);
      if (isPlaceholderSecret(text)) continue;
      const low = settingContextSeverity(s.context, 'high', 'file');
      ctx.report({
        span: s.span,
        severity: low.severity,
        secrets: [text],
        message: `${describeFileSetting(s)} is committed as a literal (****): ${purpose}${low.note}.`,
      });
    }
  },
};

/** SECRET_KEY_FALLBACKS holds a list of keys; every other setting one. */
function valuesOf(value: PyValue, key: string, node: Node): Node[] {
  if (key === 'SECRET_KEY_FALLBACKS' && value.kind === 'list') return value.items.map((i) => i.node);
  return [node];
}
