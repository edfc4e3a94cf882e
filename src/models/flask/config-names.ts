/**
 * Names that tell where Flask configuration lives: which keys Flask and its extensions read,
 * which modules are settings modules, which config classes configure development or tests.
 * Shared by the Python side (flask-config.ts) and the config-file side (flask-config-files.ts).
 */

export type FlaskContext = 'production' | 'development' | 'testing';

const FLASK_KEYS = new Set([
  'DEBUG',
  'TESTING',
  'ENV',
  'SECRET_KEY',
  'SECRET_KEY_FALLBACKS',
  'PERMANENT_SESSION_LIFETIME',
  'PROPAGATE_EXCEPTIONS',
  'TRAP_HTTP_EXCEPTIONS',
  'TRAP_BAD_REQUEST_ERRORS',
  'SERVER_NAME',
  'APPLICATION_ROOT',
  'PREFERRED_URL_SCHEME',
  'MAX_CONTENT_LENGTH',
  'SEND_FILE_MAX_AGE_DEFAULT',
  'TEMPLATES_AUTO_RELOAD',
  'EXPLAIN_TEMPLATE_LOADING',
  'USE_X_SENDFILE',
]);

// Flask's own SESSION_* keys and the settings of the extensions a Flask app configures through
// app.config: Flask-Login, Flask-JWT-Extended, Flask-Security, Flask-WTF, Flask-SQLAlchemy...
const FLASK_KEY_PREFIXES = [
  'SESSION_',
  'REMEMBER_COOKIE_',
  'JWT_',
  'SECURITY_',
  'WTF_CSRF_',
  'SQLALCHEMY_',
  'MAIL_',
  'CACHE_',
  'RATELIMIT_',
  'CORS_',
  'BABEL_',
  'LOGIN_',
  'OAUTH',
];

/** A key Flask or a common Flask extension reads from app.config. */
export function isKnownFlaskKey(key: string): boolean {
  return FLASK_KEYS.has(key) || FLASK_KEY_PREFIXES.some((p) => key.startsWith(p));
}

/** `SECRET_KEY`, `DEBUG`, `_PRIVATE`: the names Flask's from_object/from_pyfile take. */
export function isUpperCaseName(name: string): boolean {
  return /^[A-Z_][A-Z0-9_]*$/.test(name) && /[A-Z]/.test(name);
}

/** Flask app attributes that mirror a config key (`app.secret_key` is `SECRET_KEY`). */
export const APP_ATTRIBUTE_KEYS: Readonly<Record<string, string>> = {
  secret_key: 'SECRET_KEY',
  debug: 'DEBUG',
  testing: 'TESTING',
  permanent_session_lifetime: 'PERMANENT_SESSION_LIFETIME',
};

/** The names apps are conventionally bound to, when the Flask(...) call is out of sight. */
export function isAppLikeName(name: string): boolean {
  return /^(app|application|current_app|flask_?app|web_?app|_app|[a-z0-9_]+_app)$/i.test(name);
}

// Split camel case first so that `DevelopmentConfig` reads as two words and `Latest` as one.
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const TEST_WORDS = new Set(['test', 'tests', 'testing', 'unittest', 'pytest']);
const DEV_WORDS = new Set(['dev', 'develop', 'development', 'local', 'debug']);
const PROD_WORDS = new Set(['prod', 'production', 'live', 'release', 'staging', 'stage', 'deploy', 'deployment']);

/**
 * What a config class's own name says: `TestingConfig` → testing, `DevConfig`/`LocalSettings`
 * → development, `ProductionConfig` → production, `Config` → undefined (its bases decide).
 */
export function contextOfName(name: string): FlaskContext | undefined {
  const w = words(name);
  if (w.some((x) => PROD_WORDS.has(x))) return 'production';
  if (w.some((x) => TEST_WORDS.has(x))) return 'testing';
  if (w.some((x) => DEV_WORDS.has(x))) return 'development';
  return undefined;
}

/** A class name that says it holds configuration: `Config`, `BaseConfig`, `ProdSettings`. */
export function isConfigClassName(name: string): boolean {
  return /(config|configuration|settings|conf)$/i.test(name);
}

/**
 * Modules Flask apps keep settings in: `config.py`, `settings.py`, `*_config.py`,
 * `*settings*.py`, and any module of a `config/` or `settings/` package (split settings:
 * `settings/production.py`). Django's own `global_settings.py` holds the framework's defaults,
 * which every project overrides; it configures nothing and is not one.
 */
export function isSettingsModulePath(path: string): boolean {
  const segments = path.toLowerCase().split('/');
  const base = segments[segments.length - 1] ?? '';
  if (!base.endsWith('.py')) return false;
  if (base === 'global_settings.py') return false;
  const stem = base.slice(0, -3);
  if (stem === 'config' || stem === 'settings' || stem.endsWith('_config') || stem.includes('settings')) return true;
  const dir = segments[segments.length - 2];
  return dir === 'config' || dir === 'configs' || dir === 'settings';
}
