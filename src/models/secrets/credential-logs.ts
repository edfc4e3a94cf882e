import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { isKnown, type Evaluator } from '../../lang/python/evaluate.js';
import { calleeNames, dottedName, type ImportMap } from '../../lang/python/imports.js';
import { constantStringValue, decodeString } from '../../lang/python/strings.js';
import { nameWords } from '../names/name-words.js';
import { secretName } from '../names/secret-names.js';

/** Where output goes: a logging call, print, click.echo. */
export interface LogSink {
  /** As written, for the message: `log.info`, `print`, `current_app.logger.warning`. */
  readonly display: string;
  readonly method: string;
  /** Keyword arguments that configure the call rather than reach the output. */
  readonly ignoredKeywords: ReadonlySet<string>;
}

const LOG_METHODS = new Set([
  'debug',
  'info',
  'warning',
  'warn',
  'error',
  'exception',
  'critical',
  'fatal',
  'log',
  'msg',
]);
const LOGGING_KEYWORDS = new Set(['exc_info', 'stack_info', 'stacklevel']);
const PRINT_KEYWORDS = new Set(['sep', 'end', 'file', 'flush', 'nl', 'err', 'color', 'fg', 'bg', 'bold']);
const PRINTERS = new Set(['print', 'rich.print', 'click.echo', 'click.secho', 'typer.echo', 'typer.secho']);
const STREAM_WRITERS = new Set(['sys.stdout.write', 'sys.stderr.write']);
const LOGGER_FACTORIES = new Set(['logging.getLogger', 'structlog.get_logger', 'structlog.getLogger']);
/** `log`, `logger`, `_logger`, `LOG`, `audit_log`, `appLogger`, `app.logger`, `self._log`. */
const LOGGER_NAME = /^_*(?:log|logger|logging)$|(?:_log|_logger|Logger)$/i;

export function logSinkOf(call: Node, imports: ImportMap): LogSink | undefined {
  const names = calleeNames(call, imports);
  const printer = names.some((n) => PRINTERS.has(n) || STREAM_WRITERS.has(n));
  // Most calls are neither: a callee written as a name chain ends in its method (every resolved
  // name keeps what follows the head), so one set lookup on the cached names settles them before
  // any tree access. (A chain on a call, `getLogger().info`, has no names and goes on.)
  const first = names[0];
  if (!printer && first !== undefined && !LOG_METHODS.has(first.slice(first.lastIndexOf('.') + 1))) return undefined;
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  const written = dottedName(fn);
  if (printer) {
    return { display: written ?? 'print', method: 'print', ignoredKeywords: PRINT_KEYWORDS };
  }
  if (fn.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!LOG_METHODS.has(method)) return undefined;
  const object = fn.childForFieldName('object');
  if (!object) return undefined;
  if (names.some((n) => n === `logging.${method}`)) {
    return { display: `logging.${method}`, method, ignoredKeywords: LOGGING_KEYWORDS };
  }
  if (!isLoggerObject(object, imports)) return undefined;
  return { display: written ?? `logger.${method}`, method, ignoredKeywords: LOGGING_KEYWORDS };
}

function isLoggerObject(object: Node, imports: ImportMap): boolean {
  if (object.type === 'call') return calleeNames(object, imports).some((n) => LOGGER_FACTORIES.has(n));
  const objectName = dottedName(object);
  if (objectName === undefined) return false;
  const last = objectName.slice(objectName.lastIndexOf('.') + 1);
  return LOGGER_NAME.test(last) && !isMathLog(objectName, imports);
}

/** `numpy.log`/`math.log` are not loggers; a module bound to a logger-ish name is not one either. */
function isMathLog(objectName: string, imports: ImportMap): boolean {
  if (objectName.includes('.')) return false;
  const bound = imports.names.get(objectName);
  return bound !== undefined && bound.some((m) => m !== 'logging' && !m.startsWith('logging.') && !/log/i.test(m));
}

const DSN_HEADS = new Set([
  'database',
  'db',
  'sqlalchemy',
  'postgres',
  'pg',
  'crdb',
  'cockroach',
  'cockroachdb',
  'engine',
]);
const CONNECTION_WORDS = new Set(['conn', 'connection']);

/** What kind of credential a name names, or undefined. */
export function credentialName(name: string): string | undefined {
  const words = nameWords(name, 'keep');
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    if (w === 'dsn' || w === 'connstr' || w === 'conninfo') return 'connection string';
    if (w === 'authorization' && i === words.length - 1) return 'credential'; // the Authorization header
    if (DSN_HEADS.has(w) && (next === 'url' || next === 'uri')) return 'connection string';
    if (CONNECTION_WORDS.has(w) && (next === 'str' || next === 'string' || next === 'url' || next === 'uri'))
      return 'connection string';
  }
  const secret = secretName(name);
  if (!secret) return undefined;
  switch (secret.word) {
    case 'password':
    case 'passwd':
    case 'pwd':
    case 'pass':
    case 'passphrase':
      return 'password';
    case 'token':
      return 'token';
    case 'apikey':
      return 'API key';
    case 'privatekey':
      return 'private key';
    case 'credentials':
    case 'credential':
    case 'creds':
    case 'auth':
      return 'credential';
    case 'salt':
      // A hash's salt is public by design; Flask-Security's salt is a config key, not a variable.
      return undefined;
    default:
      return 'secret';
  }
}

export interface Sensitive {
  readonly node: Node;
  readonly kind: string;
}

/** Calls whose result is their argument as text: what they get, the output gets. */
const PASSTHROUGH = new Set(['str', 'repr', 'format', 'pformat', 'pprint.pformat', 'json.dumps']);
/** Methods of a str that keep the secret in the result. */
const SAME_TEXT_METHODS = new Set([
  'strip',
  'lstrip',
  'rstrip',
  'lower',
  'upper',
  'decode',
  'encode',
  'title',
  'casefold',
]);
/** Reads of a mapping by a literal key: `request.form.get("password")`, `os.getenv("DATABASE_URL")`. */
const GETTERS = new Set(['get', 'getenv', 'getlist', 'pop', 'setdefault', 'get_secret_value']);

const MAX_DEPTH = 12;

/** Every credential-bearing expression among the arguments, in source order. */
export function sensitiveExpressions(args: readonly Node[], evaluator: Evaluator): Sensitive[] {
  const out: Sensitive[] = [];
  for (const a of args) visit(a, evaluator, out, 0);
  return out;
}

function visit(raw: Node, evaluator: Evaluator, out: Sensitive[], depth: number): void {
  if (depth > MAX_DEPTH) return;
  const node = unparenthesize(raw);
  const next = (n: Node | null | undefined): void => {
    if (n) visit(n, evaluator, out, depth + 1);
  };
  switch (node.type) {
    case 'identifier':
    case 'attribute':
    case 'subscript': {
      const kind = nameKind(node);
      if (kind && !holdsOnlyConstants(node, evaluator)) out.push({ node, kind });
      return;
    }
    case 'string':
    case 'concatenated_string': {
      const decoded = decodeString(node);
      for (const part of decoded?.parts ?? []) if (part.kind === 'interpolation') next(part.expression);
      return;
    }
    case 'binary_operator': {
      const op = node.childForFieldName('operator')?.type;
      if (op !== '%' && op !== '+') return;
      const before = out.length;
      next(node.childForFieldName('left'));
      next(node.childForFieldName('right'));
      if (op === '%' && out.length === before) labelled(node, evaluator, out);
      return;
    }
    case 'tuple':
    case 'list':
    case 'expression_list':
      for (const c of node.namedChildren) next(c);
      return;
    case 'dictionary':
      for (const pair of node.namedChildren) {
        if (pair.type === 'pair')
          keyed(pair.childForFieldName('key'), pair.childForFieldName('value'), evaluator, out, depth);
      }
      return;
    case 'keyword_argument':
      keyed(node.childForFieldName('name'), node.childForFieldName('value'), evaluator, out, depth);
      return;
    case 'conditional_expression': {
      const parts = node.namedChildren.filter((c) => c.type !== 'comment');
      next(parts[0]);
      next(parts[2]);
      return;
    }
    case 'call':
      call(node, evaluator, out, depth);
      return;
    default:
      return;
  }
}

// One `%` conversion of a template (`%%` is a literal percent sign).
const CONVERSION = /%%|%(?:\([^)]*\))?[-#0 +]*(?:\d+|\*)?(?:\.\d+)?[a-zA-Z]/g;
// The label a message gives the value right after it: "Desktop security key: ", "token=".
const LABEL = /([A-Za-z][A-Za-z _-]{0,60}?)\s*[:=]\s*['"([]?$/;

/**
 * `"Desktop security key: %s" % app.PGADMIN_INT_KEY`: the message itself says what it writes,
 * whatever the value's own name. The label's last two words must name a credential, and the
 * value must be a plain read that is not a constant of the file.
 */
function labelled(node: Node, evaluator: Evaluator, out: Sensitive[]): void {
  const template = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  const text = template ? constantStringValue(template) : undefined;
  if (text === undefined || !right) return;
  const r = unparenthesize(right);
  const operands = r.type === 'tuple' ? r.namedChildren.filter((c) => c.type !== 'comment') : [r];
  let index = 0;
  let from = 0;
  for (const m of text.matchAll(CONVERSION)) {
    if (m[0] === '%%') continue;
    const label = LABEL.exec(text.slice(from, m.index))?.[1];
    from = m.index + m[0].length;
    const operand = operands[index++];
    if (!label || !operand) continue;
    const words = nameWords(label, 'keep').slice(-2);
    const kind = credentialName(words.join('_'));
    const value = unparenthesize(operand);
    if (kind && isPlainRead(value) && !isFileConstant(value, evaluator)) out.push({ node: value, kind });
  }
}

/** A name whose value is a constant or a string literal of the file: nothing secret is read. */
function isFileConstant(node: Node, evaluator: Evaluator): boolean {
  if (node.type !== 'identifier') return false;
  const v = evaluator.evaluate(node);
  return v.kind === 'const' || (v.kind === 'str' && isKnown(v));
}

/** `{"password": pw}`, `password=pw` (structlog, `.format`): the key names what the value is. */
function keyed(
  keyNode: Node | null,
  valueNode: Node | null,
  evaluator: Evaluator,
  out: Sensitive[],
  depth: number,
): void {
  if (!valueNode) return;
  const before = out.length;
  visit(valueNode, evaluator, out, depth + 1);
  if (out.length > before || !keyNode) return;
  const key = keyNode.type === 'identifier' ? keyNode.text : constantStringValue(keyNode);
  const kind = key !== undefined ? credentialName(key) : undefined;
  const value = unparenthesize(valueNode);
  if (kind && isPlainRead(value) && !holdsOnlyConstants(value, evaluator)) out.push({ node: value, kind });
}

/** A value handed over as it is: a name, an attribute, an item. Calls may transform it. */
function isPlainRead(node: Node): boolean {
  return node.type === 'identifier' || node.type === 'attribute' || node.type === 'subscript';
}

function call(node: Node, evaluator: Evaluator, out: Sensitive[], depth: number): void {
  const fn = node.childForFieldName('function');
  if (!fn) return;
  const args = callArguments(node);
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (method === 'format' || method === 'join') {
      if (method === 'format') {
        for (const a of args.positional) visit(a, evaluator, out, depth + 1);
        for (const [, kw] of args.keywordNodes) visit(kw, evaluator, out, depth + 1);
      } else if (args.positional[0]) {
        visit(args.positional[0], evaluator, out, depth + 1);
      }
      return;
    }
    if (object && SAME_TEXT_METHODS.has(method)) {
      visit(object, evaluator, out, depth + 1);
      return;
    }
    if (GETTERS.has(method) && args.positional[0]) {
      const key = constantStringValue(args.positional[0]);
      const kind = key !== undefined ? credentialName(key) : undefined;
      if (kind) out.push({ node, kind });
      return;
    }
  }
  const names = calleeNames(node, evaluator.imports);
  if (names.some((n) => n === 'os.getenv' || n === 'getenv') && args.positional[0]) {
    const key = constantStringValue(args.positional[0]);
    const kind = key !== undefined ? credentialName(key) : undefined;
    if (kind) out.push({ node, kind });
    return;
  }
  if (names.some((n) => n === 'getattr') && args.positional[1]) {
    const key = constantStringValue(args.positional[1]);
    const kind = key !== undefined ? credentialName(key) : undefined;
    if (kind) out.push({ node, kind });
    return;
  }
  if (names.some((n) => PASSTHROUGH.has(n)) && args.positional[0]) visit(args.positional[0], evaluator, out, depth + 1);
}

/**
 * The credential a name, attribute or item names. For attributes the last name decides
 * (`user.password`, not `password.length`), except WTForms' `form.password.data`; items are
 * named by their literal key (`request.form["password"]`, `app.config["SECRET_KEY"]`), or by the
 * container when indexed by a variable. Slices (`token[:4]`) show a part on purpose.
 */
function nameKind(node: Node): string | undefined {
  if (node.type === 'identifier') return credentialName(node.text);
  if (node.type === 'attribute') {
    const attr = node.childForFieldName('attribute')?.text ?? '';
    if (attr === 'data' || attr === 'value') {
      const object = node.childForFieldName('object');
      if (object?.type === 'attribute') return credentialName(object.childForFieldName('attribute')?.text ?? '');
      return undefined;
    }
    return credentialName(attr);
  }
  const key = node.childForFieldName('subscript');
  if (!key || key.type === 'slice') return undefined;
  const literal = constantStringValue(key);
  if (literal !== undefined) return credentialName(literal);
  if (key.type === 'integer') return undefined;
  const container = node.childForFieldName('value');
  return container && (container.type === 'identifier' || container.type === 'attribute')
    ? nameKind(container)
    : undefined;
}

/** A name bound to a number, a boolean or None holds no secret (`TOKEN_TTL = 3600`). */
function holdsOnlyConstants(node: Node, evaluator: Evaluator): boolean {
  if (node.type !== 'identifier') return false;
  const value = evaluator.evaluate(node);
  return value.kind === 'const';
}
