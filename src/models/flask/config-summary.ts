import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { Summarizer, SummaryInput } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';

/**
 * What a module tells the others about the Flask configuration it takes part in: whether it
 * sets the session cookie's `Secure` flag (or installs Talisman, which does), whether it uses
 * the session or Flask-Login, and which configuration objects or files it loads into the app.
 * Phase 2 puts these together per application (src/models/flask/config-session-secure.ts).
 */
export interface FlaskConfigSection {
  /** The module names `SESSION_COOKIE_SECURE` outside a comment, or imports Flask-Talisman. */
  readonly sessionSecure?: true;
  /** The module names `REMEMBER_COOKIE_SECURE` outside a comment. */
  readonly rememberSecure?: true;
  /** The module uses Flask's session (`session`, `flash`) or a login extension built on it. */
  readonly sessions?: true;
  /** `login_user(..., remember=...)`: Flask-Login's remember-me cookie is written. */
  readonly remember?: true;
  /** `app.config.from_object(X)` / `from_pyfile("f")` calls, in files that are not tests. */
  readonly loaders?: readonly ConfigLoader[];
  /** `Config = ServerConfig()` / `Config = ServerConfig` at top level: the name → the class. */
  readonly aliases?: { readonly [name: string]: string };
}

export interface ConfigLoader {
  readonly [key: string]: Json;
  /** `object`: `target` is a dotted name as written (string or expression); `file`: a file path. */
  readonly kind: 'object' | 'file';
  /** True when `target` was a string (an import path), false when an expression of names. */
  readonly quoted: boolean;
  readonly target: string;
}

export const FLASK_CONFIG_DOMAIN = 'flask-config';

const SESSION_MODULES = [
  'flask_login',
  'flask.ext.login',
  'flask_security',
  'flask_user',
  'flask_session',
  'flask_praetorian',
];
const SESSION_NAMES = new Set(['flask.session', 'flask.flash', 'flask.globals.session']);
const DOTTED = /^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$/;

/** Whether a line outside comments names the key (config files, code, compose environments). */
function namesKey(lines: readonly string[], key: string, comment: RegExp): boolean {
  return lines.some((l) => l.includes(key) && !comment.test(l.slice(0, l.indexOf(key))));
}

export const flaskConfigSummarizer: Summarizer = {
  domain: FLASK_CONFIG_DOMAIN,
  summarize(input: SummaryInput): Json | undefined {
    const { file, python } = input;
    const comment = python ? /#/ : /(^|\s)[#;]/;
    const out: { -readonly [K in keyof FlaskConfigSection]: FlaskConfigSection[K] } = {};
    if (file.text.includes('SESSION_COOKIE_SECURE') && namesKey(file.lines, 'SESSION_COOKIE_SECURE', comment)) {
      out.sessionSecure = true;
    }
    if (file.text.includes('REMEMBER_COOKIE_SECURE') && namesKey(file.lines, 'REMEMBER_COOKIE_SECURE', comment)) {
      out.rememberSecure = true;
    }
    if (python) summarizePython(python, file.role === 'test', out);
    return Object.keys(out).length > 0 ? (out as Json) : undefined;
  },
};

function summarizePython(
  py: PythonIndex,
  isTest: boolean,
  out: { -readonly [K in keyof FlaskConfigSection]: FlaskConfigSection[K] },
): void {
  for (const full of py.imports.names.values()) {
    for (const name of full) {
      if (name === 'flask_talisman' || name.startsWith('flask_talisman.')) out.sessionSecure = true;
      if (SESSION_NAMES.has(name) || SESSION_MODULES.some((m) => name === m || name.startsWith(`${m}.`))) {
        out.sessions = true;
      }
    }
  }
  const text = py.doc.text;
  const loaders: ConfigLoader[] = [];
  const wantsCalls = text.includes('login_user') || text.includes('from_object') || text.includes('from_pyfile');
  for (const call of wantsCalls ? py.calls : []) {
    const fn = call.childForFieldName('function');
    if (!fn) continue;
    const callee = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn.text;
    if (callee === 'login_user') {
      const args = callArguments(call);
      const remember = args.keywords.get('remember') ?? args.positional[1];
      if (remember && remember.type !== 'false' && remember.type !== 'none') out.remember = true;
      continue;
    }
    if (isTest || fn.type !== 'attribute') continue;
    if (callee !== 'from_object' && callee !== 'from_pyfile') continue;
    const arg = callArguments(call).positional[0];
    if (!arg) continue;
    const loader = loaderOf(callee === 'from_object' ? 'object' : 'file', arg);
    if (loader) loaders.push(loader);
  }
  if (loaders.length > 0) out.loaders = loaders;
  const aliases: Record<string, string> = {};
  const classes = new Set(py.classes.map((c) => c.childForFieldName('name')?.text));
  for (const stmt of py.doc.root.namedChildren) {
    if (stmt.type !== 'expression_statement') continue;
    const assign = stmt.firstNamedChild;
    if (assign?.type !== 'assignment') continue;
    const left = assign.childForFieldName('left');
    let right = assign.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    if (right.type === 'call' && callArguments(right).positional.length === 0) {
      right = right.childForFieldName('function');
    }
    if (right?.type === 'identifier' && classes.has(right.text) && right.text !== left.text) {
      aliases[left.text] = right.text;
    }
  }
  if (Object.keys(aliases).length > 0) out.aliases = aliases;
}

/**
 * The configuration a loader call names: `"pkg.config.ProductionConfig"`, `ProductionConfig`,
 * `config.ProductionConfig`, or the default of `os.environ.get("APP_SETTINGS", DevConfig)`
 * (the object used when the variable is unset; which one a deployment picks is not known).
 */
function loaderOf(kind: 'object' | 'file', arg: Node): ConfigLoader | undefined {
  const text = constantStringValue(arg);
  if (text !== undefined) {
    if (kind === 'file') return text ? { kind, quoted: true, target: text } : undefined;
    return DOTTED.test(text) ? { kind, quoted: true, target: text } : undefined;
  }
  if (arg.type === 'identifier') {
    const fallback = parameterDefault(arg);
    if (fallback) return loaderOf(kind, fallback);
  }
  if (kind === 'object' && (arg.type === 'identifier' || arg.type === 'attribute') && DOTTED.test(arg.text)) {
    return { kind, quoted: false, target: arg.text };
  }
  if (arg.type === 'call') {
    const fn = arg.childForFieldName('function')?.text ?? '';
    if (/(^|\.)(environ\.get|getenv)$/.test(fn)) {
      const fallback = callArguments(arg).positional[1];
      if (fallback) return loaderOf(kind, fallback);
    }
  }
  return undefined;
}

/** `def create_app(config="pkg.config.Config"): ... from_object(config)`: the parameter's default. */
function parameterDefault(name: Node): Node | undefined {
  let fn: Node | null = name.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  for (const p of fn?.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type !== 'default_parameter' && p.type !== 'typed_default_parameter') continue;
    if (p.childForFieldName('name')?.text === name.text) return p.childForFieldName('value') ?? undefined;
  }
  return undefined;
}
