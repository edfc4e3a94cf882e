import type { Span } from '../../core/types.js';
import type { CommandFact } from '../connections/types.js';
import type { ConfigDoc, Scalar } from '../../parse/config/types.js';
import { isKnownFlaskKey, type FlaskContext } from './config-names.js';

/**
 * The Flask settings of a config file: environment variables a Flask app reads (in `.env`,
 * `.flaskenv`, compose `environment`, Kubernetes `env`, Dockerfile `ENV`/`ARG`, shell `export`),
 * with Flask's own prefix as `app.config.from_prefixed_env()` and the `flask` command read it
 * (`FLASK_SECRET_KEY`, `FLASK_SESSION_COOKIE_SECURE`, `FLASK_DEBUG`, `FLASK_ENV`), and the
 * top-level keys of files Flask loads whole (`from_file("config.toml", load=tomllib.load)`,
 * `from_file("config.json", load=json.load)`, `from_pyfile("app.cfg")`).
 */
export interface FlaskFileSetting {
  /** The key Flask reads: `SECRET_KEY`, `DEBUG`, `ENV`, `SESSION_COOKIE_SECURE`. */
  readonly key: string;
  /** As written: `FLASK_SESSION_COOKIE_SECURE`. */
  readonly name: string;
  readonly value: Scalar;
  readonly span: Span;
  /** CI and test-runner files configure tests; editor and Makefile settings, development. */
  readonly context: FlaskContext;
  /** `environment`: a variable; `config-file`: a key of a file Flask loads as its config. */
  readonly source: 'environment' | 'config-file';
}

// Settings apps read from the environment under their own name (`SECRET_KEY =
// os.environ["SECRET_KEY"]`); FLASK_-prefixed names are what from_prefixed_env() reads.
const PLAIN_ENV_KEYS = new Set([
  'SECRET_KEY',
  'SECRET_KEY_FALLBACKS',
  'JWT_SECRET_KEY',
  'SECURITY_PASSWORD_SALT',
  'WTF_CSRF_SECRET_KEY',
  'PERMANENT_SESSION_LIFETIME',
  'JWT_ACCESS_TOKEN_EXPIRES',
]);
const PLAIN_ENV_PREFIXES = ['SESSION_COOKIE_', 'REMEMBER_COOKIE_', 'JWT_COOKIE_'];

function envKey(name: string): string | undefined {
  if (name.startsWith('FLASK_')) {
    const rest = name.slice('FLASK_'.length);
    if (rest === 'DEBUG' || rest === 'ENV') return rest;
    return isKnownFlaskKey(rest) && !rest.includes('__') ? rest : undefined;
  }
  if (PLAIN_ENV_KEYS.has(name) || PLAIN_ENV_PREFIXES.some((p) => name.startsWith(p))) return name;
  return undefined;
}

const WHOLE_FILE_FORMATS = new Set<ConfigDoc['format']>(['toml', 'json', 'ini', 'yaml']);

/** Where a file's settings apply, from its path (the file's role is the grader's business). */
export function fileContext(path: string, format: ConfigDoc['format']): FlaskContext {
  const lower = path.toLowerCase();
  const base = lower.slice(lower.lastIndexOf('/') + 1);
  if (
    lower.startsWith('.github/') ||
    lower.includes('/.github/') ||
    lower.includes('.circleci/') ||
    ['.gitlab-ci.yml', '.travis.yml', 'azure-pipelines.yml', 'bitbucket-pipelines.yml', '.drone.yml'].includes(base) ||
    ['tox.ini', 'pytest.ini', 'noxfile.py'].includes(base)
  ) {
    return 'testing';
  }
  if (
    lower.startsWith('.vscode/') ||
    lower.includes('/.vscode/') ||
    lower.includes('.idea/') ||
    format === 'makefile'
  ) {
    return 'development';
  }
  return 'production';
}

// A config file has no memo store of its own (it is not Python): its settings are kept by the
// document, weakly, and dropped with it.
const cache = new WeakMap<ConfigDoc, readonly FlaskFileSetting[]>();

/** The Flask settings of a config file (computed once per file). */
export function flaskFileSettings(doc: ConfigDoc, path: string): readonly FlaskFileSetting[] {
  let found = cache.get(doc);
  if (found) return found;
  const context = fileContext(path, doc.format);
  const out: FlaskFileSetting[] = [];
  for (const entry of doc.entries) {
    const name = entry.key;
    if (typeof name !== 'string' || name === '') continue;
    const env = envKey(name);
    if (env !== undefined) {
      out.push({ key: env, name, value: entry.value, span: entry.span, context, source: 'environment' });
      continue;
    }
    // A top-level key of a TOML/JSON/YAML file or a section-less .cfg: Flask's from_file and
    // from_pyfile load such files whole, upper-case keys only.
    if (WHOLE_FILE_FORMATS.has(doc.format) && entry.path.length === 1 && isKnownFlaskKey(name)) {
      out.push({ key: name, name, value: entry.value, span: entry.span, context, source: 'config-file' });
    }
  }
  found = out;
  cache.set(doc, found);
  return found;
}

/** A `flask` command line that turns debug mode on. */
export interface FlaskDebugCommand {
  readonly span: Span;
  /** What turns it on, for the message: `--debug`, `FLASK_DEBUG=1`. */
  readonly detail: string;
}

const TRUTHY = new Set(['1', 'true', 'yes', 'on']);

/**
 * `flask run --debug`, `flask --debug run`, `python -m flask run --debugger`,
 * `FLASK_DEBUG=1 flask run`, `env FLASK_ENV=development flask run`.
 */
export function flaskDebugCommands(commands: readonly CommandFact[]): FlaskDebugCommand[] {
  const out: FlaskDebugCommand[] = [];
  for (const c of commands) {
    const argv = c.argv;
    let flaskAt = -1;
    for (let i = 0; i < argv.length; i++) {
      const t = argv[i] as string;
      const base = t.slice(t.lastIndexOf('/') + 1);
      if (base === 'flask' || (t === '-m' && argv[i + 1] === 'flask')) {
        flaskAt = t === '-m' ? i + 1 : i;
        break;
      }
    }
    if (flaskAt < 0) continue;
    let detail: string | undefined;
    for (const t of argv.slice(0, flaskAt)) {
      const eq = t.indexOf('=');
      if (eq < 0) continue;
      const name = t.slice(0, eq);
      const value = t.slice(eq + 1).toLowerCase();
      if (name === 'FLASK_DEBUG' && TRUTHY.has(value)) detail = t;
      else if (name === 'FLASK_ENV' && value === 'development') detail = t;
    }
    const rest = argv.slice(flaskAt + 1);
    if (!rest.includes('--no-debug')) {
      const flag = rest.find((t) => t === '--debug' || t === '--debugger');
      if (flag) detail = flag;
    }
    if (detail) out.push({ span: c.span, detail });
  }
  return out;
}
