import { COSTLY, spend } from '../../core/budget.js';
import { settingContextSeverity } from '../../models/context/severity-policy.js';
import { isPlaceholder } from '../../core/placeholder.js';
import type { Span } from '../../core/types.js';
import type { PasswordFact } from '../../models/connections/types.js';
import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { envCallReads } from '../../lang/python/env-reads.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { fileContext } from '../../models/flask/config-files.js';
import { literalText } from '../../models/flask/config-values.js';
import { flaskContextAt } from '../../models/flask/config.js';
import { calleeNames } from '../../lang/python/imports.js';
import { spanOf } from '../../lang/python/span.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { Rule, RuleContext } from '../rule.js';
import { isNonSecretValue, isSecretName } from '../../models/names/setting-secret-names.js';
import { fallbackReads } from '../../models/secrets/env-fallbacks.js';

export const secretLiteralFallback: Rule = {
  meta: {
    id: 'FCG204',
    name: 'secret-literal-fallback',
    family: 'secrets',
    severity: 'medium',
    cwe: [798, 1188],
    title: 'Secret read from the environment with a literal fallback',
    what: [
      'An environment lookup whose variable, or the setting it is assigned to, names a secret (`SECRET`, `KEY`, `TOKEN`, `PASSWORD`, `PASSWD`, `SALT`, `PRIVATE`, `CREDENTIALS`, `API_KEY`...) and that falls back to a non-empty literal:',
      '`os.environ.get("SECRET_KEY", "dev")`, `os.getenv("JWT_SECRET_KEY", "...")`, `os.environ.get("SECRET_KEY") or "dev"`, `os.environ.setdefault(...)`, python-decouple `config("SECRET_KEY", default="...")`, environs / django-environ `env.str("SECRET_KEY", "...")` and `env("SECRET_KEY", default="...")`; also a fallback held in a module or class constant (reported at each secret lookup that falls back to it: a sentinel such as `NOT_FOUND = "NOT_FOUND"` is still the password the application accepts when the variable is missing).',
      'The same fallbacks in the other forms code writes them: `os.environ.get("X", None) or "..."`; conditional expressions whose test is about the variable (`os.environ["X"] if "X" in os.environ else "..."`, `"..." if "X" not in os.environ else os.environ["X"]`, `os.getenv("X") if os.getenv("X") else "..."`, `... is not None`); the read kept in a local name first (`key = os.environ.get("X")` then `key or "..."`, `key if key else "..."`); the lookup through an alias (`from os import environ as env; env.get(...)`, `getenv = os.getenv`, `E = os.environ; E.get(...)`, `env["X"] if "X" in env else ...`); and Flask\'s config read with a default (`app.config.get("SECRET_KEY", "...")`, `current_app.config.get("JWT_SECRET_KEY") or "..."`, `app.config.setdefault("SECRET_KEY", "...")`).',
      'Config files: a shell-style default in compose, `.env`, Dockerfile or shell files (shell scripts without an extension too, such as a `docker/entrypoint` whose first line is a shell\'s `#!`): `SECRET_KEY=${SECRET_KEY:-dev-key}`, `export ADMIN_PASSWORD="${ADMIN_PASSWORD-admin}"`, `: ${API_TOKEN:=dev-token}`.',
      'Inside a development or testing config class the finding is lowered to low.',
    ].join('\n\n'),
    why: 'The fallback is the key the application runs with whenever the variable is missing: a new deployment, a renamed secret, a container started by hand. Nothing fails, so nobody notices that production signs its sessions or tokens with a value that is in the repository (CWE-798, CWE-1188).',
    bad: {
      lang: 'python',
      code: 'class Config:\n    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-secret")\n    JWT_SECRET_KEY = os.getenv("JWT_SECRET_KEY") or "jwt-dev"',
    },
    good: {
      lang: 'python',
      code: 'class Config:\n    # No fallback: a missing key stops the process at start-up.\n    SECRET_KEY = os.environ["SECRET_KEY"]\n    JWT_SECRET_KEY = os.environ["JWT_SECRET_KEY"]',
    },
    fix: 'Drop the fallback and read the variable with `os.environ["NAME"]` so a missing secret stops the process at start-up; if local development needs a default, set it in a git-ignored `.env` or in the DevelopmentConfig class only. Rotate any key that ran in production with the committed fallback.',
    limits: [
      'Names are matched by words: a secret under a name without those words (`APP_SEED`) is not seen; names about a secret (`JWT_TOKEN_LOCATION`, `SECRET_KEY_FILE`, `PASSWORD_HASH`, `API_KEY_HEADER`) are not secrets. Fallbacks that are empty, `None`, placeholders (`changeme`, `<secret>`, `xxx`), booleans, file paths or URLs are not reported; a fallback that only reads like a placeholder (`your-secret-key-change-in-production`) is reported, because it is the key the application runs with (a password inside a URL fallback is `password-in-connection-string`; a fallback password handed to a database driver is `password-literal`).',
      'A fallback computed at run time (`secrets.token_hex()`) is not a literal and is not reported.',
      'A conditional whose test is about something else (`os.environ["X"] if PRODUCTION else "dev"`) is a per-environment choice, not a fallback, and is not reported; nor is a literal that runs only when the variable is set. A local name is followed only when it is bound once in its scope (a name reassigned on some path is not), and only within the file; an alias imported from another module, or a config object other than `<something>.config` (a plain `settings` dict), is not seen. `app.config.get` is read only for upper-case Flask setting names that end with the secret\'s word (`MAIL_PASSWORD`, `SECURITY_PASSWORD_SALT`; not `SECURITY_PASSWORD_NORMALIZE_FORM`).',
      'The value is never printed.',
    ].join('\n\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    if (ctx.python) checkPython(ctx, ctx.python);
    else if (ctx.config) checkFile(ctx);
  },
};

interface Lookup {
  readonly name: string | undefined;
  readonly fallback: Node;
  /** The whole expression: the call, or `lookup or "default"`. */
  readonly expr: Node;
}

function checkPython(ctx: RuleContext, py: PythonIndex): void {
  let taken: PasswordFact[] | undefined;
  const reported = new Set<number>();
  for (const lookup of envLookups(py)) {
    const setting = bindingName(lookup.expr);
    if (!isSecretName(lookup.name) && !isSecretName(setting)) continue;
    const lit = literalText(py, lookup.fallback);
    const first = lit?.literals[0];
    if (!lit || !first) continue;
    // A fallback held in a constant (`NOT_FOUND = "NOT_FOUND"`, shared by several lookups) is
    // reported at each lookup that falls back to it, where the secret's name is; an inline
    // literal at itself.
    const at =
      lit.literals.length === 1 && unparenthesize(lookup.fallback).type === 'identifier' ? lookup.fallback : first;
    if (reported.has(at.id)) continue;
    if (isPlaceholder(lit.text) || isNonSecretValue(lit.text)) continue;
    const literalSpan = spanOf(first);
    // A password fallback that reaches a database driver is password-literal's finding: the
    // connection's password is this literal, as the fallback of this very variable.
    taken ??= ctx.facts.connections.flatMap((c) => (c.password ? [c.password] : []));
    if (taken.some((t) => contains(t.span, literalSpan) && (t.envFallbackOf ?? lookup.name) === lookup.name)) continue;
    const span = spanOf(at);
    reported.add(at.id);
    const low = settingContextSeverity(flaskContextAt(py, ctx.file.path, lookup.expr), 'medium');
    const variable = lookup.name ?? 'the variable';
    const target = setting && setting !== lookup.name ? ` for ${setting}` : '';
    ctx.report({
      span,
      severity: low.severity,
      secrets: [lit.text],
      message: `${variable} falls back to a literal secret (****)${target}: whenever ${variable} is not set the application runs with a key that is in the repository${low.note}.`,
    });
  }
}

function contains(outer: Span, inner: Span): boolean {
  const starts = outer.line < inner.line || (outer.line === inner.line && outer.column <= inner.column);
  const ends = outer.endLine > inner.endLine || (outer.endLine === inner.endLine && outer.endColumn >= inner.endColumn);
  return starts && ends;
}

function envLookups(py: PythonIndex): Lookup[] {
  const out: Lookup[] = [];
  const environs = importsEnvirons(py);
  const reads = envCallReads(py);
  for (const call of environs || reads.size > 0 ? py.calls : []) {
    const env = reads.get(call.id) ?? (environs ? environsLookup(py, call) : undefined);
    if (!env) continue;
    if (env.fallback) {
      out.push({ name: env.name, fallback: env.fallback, expr: call });
      continue;
    }
    // `os.environ.get("SECRET_KEY") or "dev"`, possibly parenthesised.
    let node = call;
    while (node.parent?.type === 'parenthesized_expression') {
      spend(COSTLY);
      node = node.parent;
    }
    const parent = node.parent;
    if (
      parent?.type === 'boolean_operator' &&
      parent.childForFieldName('operator')?.type === 'or' &&
      parent.childForFieldName('left')?.id === node.id
    ) {
      const right = parent.childForFieldName('right');
      if (right) out.push({ name: env.name, fallback: right, expr: parent });
    }
  }
  // Aliases, Flask's app.config.get, conditionals, `None or "..."`, reads kept in a local first.
  out.push(...fallbackReads(py, (name, binding) => isSecretName(name) || isSecretName(binding)));
  return out;
}

function importsEnvirons(py: PythonIndex): boolean {
  for (const fulls of py.imports.names.values()) {
    if (fulls.some((f) => f === 'environs' || f.startsWith('environs.') || f === 'environ' || f === 'environ.Env'))
      return true;
  }
  return false;
}

/** environs `env.str("X", "d")` / `env("X", default="d")`, django-environ the same, on `env = Env()`. */
function environsLookup(
  py: PythonIndex,
  call: Node,
): { name: string | undefined; fallback: Node | undefined } | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  let holder: Node | null = null;
  let method: string | undefined;
  if (fn.type === 'identifier') holder = fn;
  else if (fn.type === 'attribute') {
    method = fn.childForFieldName('attribute')?.text;
    if (method !== 'str') return undefined;
    holder = fn.childForFieldName('object');
  }
  if (holder?.type !== 'identifier') return undefined;
  const bound = py.scopes.lookup(holder);
  if (bound.kind !== 'value' || bound.value.type !== 'call') return undefined;
  if (!calleeNames(bound.value, py.imports).some((n) => n === 'environs.Env' || n === 'environ.Env')) return undefined;
  const args = callArguments(call);
  const first = args.positional[0];
  // env("X", str) takes a cast second; env.str("X", "default") a default.
  const fallback = args.keywords.get('default') ?? (method === 'str' ? args.positional[1] : undefined);
  return { name: first ? constantStringValue(first) : undefined, fallback };
}

const CLIMB = new Set(['parenthesized_expression', 'boolean_operator', 'conditional_expression']);

/** The name the expression is stored under: `SECRET_KEY = ...`, `config["X"] = ...`, `key=...`, `"X": ...`. */
function bindingName(expr: Node): string | undefined {
  let node = expr;
  for (let hops = 0; hops < 4 && node.parent && CLIMB.has(node.parent.type); hops++) node = node.parent;
  const parent = node.parent;
  if (!parent) return undefined;
  switch (parent.type) {
    case 'assignment': {
      const left = parent.childForFieldName('left');
      if (!left || left.id === node.id) return undefined;
      if (left.type === 'identifier') return left.text;
      if (left.type === 'attribute') return left.childForFieldName('attribute')?.text;
      if (left.type === 'subscript') {
        const sub = left.childForFieldName('subscript');
        return sub ? constantStringValue(sub) : undefined;
      }
      return undefined;
    }
    case 'keyword_argument':
      return parent.childForFieldName('name')?.text;
    case 'pair': {
      const key = parent.childForFieldName('key');
      return key && key.id !== node.id ? constantStringValue(key) : undefined;
    }
    default:
      return undefined;
  }
}

// `${NAME:-default}`, `${NAME-default}`, and the assigning `${NAME:=default}`/`${NAME=default}`:
// the shell's (and compose's) default for a missing variable.
const SHELL_DEFAULT = /^\$\{([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([^}]*)\}$/;

/** One `${NAME:-default}` word: the whole value of a setting, or an argument of `:` (`: ${NAME:=default}`). */
interface ShellDefault {
  readonly key: string;
  readonly word: string;
  readonly span: Span;
}

function shellDefaults(doc: NonNullable<RuleContext['config']>): ShellDefault[] {
  const out: ShellDefault[] = [];
  for (const entry of doc.entries) {
    if (typeof entry.value === 'string') out.push({ key: entry.key, word: entry.value.trim(), span: entry.span });
  }
  // `:` does nothing but expand its arguments: `: ${NAME:=default}` only sets the default.
  for (const c of doc.commands) {
    if (c.argv[0] !== ':') continue;
    for (const word of c.argv.slice(1)) {
      const m = SHELL_DEFAULT.exec(word);
      if (m) out.push({ key: m[1] as string, word, span: c.span });
    }
  }
  return out;
}

function checkFile(ctx: RuleContext): void {
  const doc = ctx.config;
  if (!doc) return;
  const context = fileContext(ctx.file.path, doc.format);
  for (const entry of shellDefaults(doc)) {
    const m = SHELL_DEFAULT.exec(entry.word);
    if (!m) continue;
    const variable = m[1] as string;
    const operator = m[2] as string;
    const fallback = m[3] as string;
    if (!isSecretName(variable) && !isSecretName(entry.key)) continue;
    if (isPlaceholder(fallback) || isNonSecretValue(fallback)) continue;
    const low = settingContextSeverity(context, 'medium', 'file');
    ctx.report({
      span: entry.span,
      severity: low.severity,
      secrets: [fallback],
      message: `${entry.key} falls back to a literal secret (\${${variable}${operator}****}): whenever ${variable} is not set the service runs with a key that is in the repository${low.note}.`,
    });
  }
}
