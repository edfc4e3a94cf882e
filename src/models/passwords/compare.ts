import { SQL_BINDING_RUNNERS } from '../sql/methods.js';
import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize, type CallArgs } from '../../lang/python/args.js';
import { asStr, isKnown, joinText } from '../../lang/python/evaluate.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isPasswordName, rawPassword, type RawPassword } from './password-data.js';
import { constantStringValue, decodeString } from '../../lang/python/strings.js';
import { braceFields, percentDirectives } from '../sql/text.js';
import { boundValues, executedSql, passwordWhereSlots } from './sql-writes.js';

/**
 * Where code looks a user up by the password they typed, or compares it with the stored one as
 * text: the only way that works is a database that holds the raw password. Hashes are compared
 * by a verifier (`check_password_hash`, `bcrypt.checkpw`), never with `==` or in a WHERE clause.
 */
export interface PlaintextCompare {
  /** The raw password's expression: where the finding points. */
  readonly node: Node;
  readonly raw: RawPassword;
  /** The form, for the message: `filter_by(password=...)`, `user.password == ...`. */
  readonly form: string;
}

/** Query methods whose keyword arguments are column filters (SQLAlchemy, Django, Peewee). */
const FILTER_METHODS = new Set(['filter_by', 'filter', 'get', 'get_or_none', 'exclude', 'where']);
/** SQL text that ends where a password column is compared with the value that follows. */
const VALUE = '\u0000';
const SQL_PASSWORD_EQUALS = /\b\w*pass(?:word|wd)?\s*=\s*['"]?$/i;

export function plaintextCompares(py: PythonIndex): PlaintextCompare[] {
  const out: PlaintextCompare[] = [];
  for (const kw of py.keywordArguments) {
    const name = kw.childForFieldName('name')?.text ?? '';
    const value = kw.childForFieldName('value');
    if (!value || !isPasswordName(name) || !isFilterCall(kw.parent?.parent)) continue;
    const raw = rawPassword(value, py);
    if (raw) out.push({ node: value, raw, form: `filter(${name}=...)` });
  }
  for (const cmp of py.comparisons) {
    const found = comparison(cmp, py);
    if (found) out.push(found);
  }
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type === 'attribute' && SQL_BINDING_RUNNERS.has(fn.childForFieldName('attribute')?.text ?? '')) {
      const args = callArguments(call);
      const sql = args.positional[0];
      if (sql) out.push(...interpolatedIntoWhere(sqlExpression(sql, py), py));
      out.push(...boundToWhere(py, args, fn.childForFieldName('attribute')?.text === 'executemany'));
    } else if (calleeNames(call, py.imports).some((c) => COMPARE_DIGEST.has(c))) {
      const found = storedEqualsTyped(call, callArguments(call).positional, 'compare_digest', py);
      if (found) out.push(found);
    }
  }
  return out;
}

const COMPARE_DIGEST = new Set(['hmac.compare_digest', 'secrets.compare_digest', 'compare_digest']);

/** `WHERE username = %s AND password = %s` with the typed password bound to the second parameter. */
function boundToWhere(py: PythonIndex, args: CallArgs, many: boolean): PlaintextCompare[] {
  const sql = executedSql(py, args);
  if (!sql || !/\bwhere\b/i.test(sql)) return [];
  const out: PlaintextCompare[] = [];
  for (const slot of passwordWhereSlots(sql)) {
    for (const value of boundValues(py, slot, args, many)) {
      const raw = rawPassword(value, py);
      if (raw && raw.secret === undefined && !literalOnly(value, py))
        out.push({ node: value, raw, form: `WHERE ${slot.column} = <parameter>` });
    }
  }
  return out;
}

/** The SQL expression, through one local it was assigned to (`sql = "..." % (u, p)`). */
function sqlExpression(node: Node, py: PythonIndex): Node {
  const n = unparenthesize(node);
  if (n.type !== 'identifier') return n;
  const found = py.scopes.lookup(n);
  return found.kind === 'value' ? unparenthesize(found.value) : n;
}

function isFilterCall(call: Node | null | undefined): boolean {
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' && FILTER_METHODS.has(fn.childForFieldName('attribute')?.text ?? '');
}

/**
 * `user.password == password`, `User.password == form.password.data`, `row["password"] == pw`,
 * `hmac.compare_digest(user.password, pw)`: a stored password on one side, what the user typed on
 * the other. Two typed values (`password == confirm`) are a confirmation check, so the stored side
 * must not itself be raw input; a literal, or a local holding only literals, is a sentinel or a
 * test's fixture (`!= ""`, `== DEFAULT`), not what a user typed.
 */
function comparison(cmp: Node, py: PythonIndex): PlaintextCompare | undefined {
  const operators = cmp.children.filter((c) => c !== null && (c.type === '==' || c.type === '!='));
  const operands = cmp.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  if (operators.length !== 1 || operands.length !== 2) return undefined;
  return storedEqualsTyped(cmp, operands, operators[0]?.type ?? '==', py);
}

function storedEqualsTyped(
  at: Node,
  operands: readonly Node[],
  operator: string,
  py: PythonIndex,
): PlaintextCompare | undefined {
  // `assert user.password != password`: a test checking that the stored value is a hash.
  if (operands.length !== 2 || underAssert(at)) return undefined;
  const [a, b] = operands.map((o) => unparenthesize(o)) as [Node, Node];
  for (const [stored, typed] of [
    [a, b],
    [b, a],
  ] as const) {
    const column = storedPassword(stored, py);
    if (!column || storedPassword(typed, py)) continue;
    const raw = rawPassword(typed, py);
    if (!raw || raw.secret !== undefined || literalOnly(typed, py)) continue;
    const form =
      operator === 'compare_digest' ? `compare_digest(${column.text}, ...)` : `${column.text} ${operator} ...`;
    return { node: typed, raw, form };
  }
  return undefined;
}

/** A local whose every assignment is a string literal: a fixture or a default, not typed input. */
function literalOnly(node: Node, py: PythonIndex): boolean {
  const n = unparenthesize(node);
  if (n.type !== 'identifier') return false;
  const bindings = py.scopes.bindingsOf(n.text, n);
  return (
    bindings.length > 0 &&
    bindings.every((b) => b.kind === 'value' && constantStringValue(unparenthesize(b.value)) !== undefined)
  );
}

const PASSTHROUGH = new Set(['encode', 'decode', 'strip', 'rstrip', 'lstrip']);

/** The stored password an operand reads (through `.encode()`, `str()`), when it reads one. */
function storedPassword(node: Node, py: PythonIndex, depth = 0): Node | undefined {
  let n = unparenthesize(node);
  for (let i = 0; i < 3 && n.type === 'call'; i++) {
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && PASSTHROUGH.has(fn.childForFieldName('attribute')?.text ?? '')) {
      const object = fn.childForFieldName('object');
      if (!object) return undefined;
      n = unparenthesize(object);
    } else if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'bytes')) {
      const first = callArguments(n).positional[0];
      if (!first) return undefined;
      n = unparenthesize(first);
    } else return undefined;
  }
  if (n.type === 'identifier' && depth < 2) {
    // `stored = user.password` ... `if stored == password`
    const found = py.scopes.lookup(n);
    return found.kind === 'value' ? storedPassword(found.value, py, depth + 1) : undefined;
  }
  return isStoredAttribute(n) || isStoredItem(n, py) ? n : undefined;
}

function underAssert(node: Node): boolean {
  for (let n = node.parent; n; n = n.parent) {
    if (n.type === 'assert_statement') return true;
    if (n.type === 'function_definition' || n.type === 'class_definition') return false;
  }
  return false;
}

/**
 * A password attribute of a record (`user.password`, `User.password`, `self.passwd`), not of what
 * the request carries (`request.form.password`, `form.password.data`, `args.password`).
 */
function isStoredAttribute(node: Node): boolean {
  if (node.type !== 'attribute') return false;
  if (!isPasswordName(node.childForFieldName('attribute')?.text ?? '')) return false;
  const object = node.childForFieldName('object');
  if (object?.type !== 'identifier' && object?.type !== 'attribute') return false;
  return !REQUEST_OBJECTS.test(object.text);
}

/** Names of what a database row is held in: `row`, `record`, `user`, `db_user`, `result`. */
const ROW_NAMES = /^(?:\w+_)?(?:row|record|rec|result|res|user|usr|account|acct|member|existing|stored|entry)s?$/i;
/** Calls that return rows: DB-API/asyncpg fetches, SQLAlchemy `first()`/`one()`, `mappings()`. */
const ROW_CALLS = /^(?:fetch\w*|first|one|one_or_none|scalar\w*|mappings|get_user\w*|find_one|load_user)$/;

/**
 * `row["password"]`, `user["passwd"]`, `rows[0]["password"]`: a password read out of a database
 * row. The row is known by its name or by the fetch that filled it, not a request's dict.
 */
function isStoredItem(node: Node, py: PythonIndex): boolean {
  if (node.type !== 'subscript') return false;
  const key = node.childForFieldName('subscript');
  const k = key ? constantStringValue(key) : undefined;
  if (k === undefined || !isPasswordName(k)) return false;
  let container = node.childForFieldName('value');
  // rows[0]["password"]
  if (container?.type === 'subscript') container = container.childForFieldName('value');
  if (container?.type !== 'identifier' || REQUEST_OBJECTS.test(container.text)) return false;
  if (ROW_NAMES.test(container.text)) return true;
  return py.scopes.bindingsOf(container.text, container).some((b) => b.kind === 'value' && fetchesRow(b.value));
}

function fetchesRow(value: Node): boolean {
  let n: Node | null = unparenthesize(value);
  for (let i = 0; n && i < 8; i++) {
    if (n.type === 'subscript') n = n.childForFieldName('value');
    else if (n.type === 'await') n = n.firstNamedChild;
    else if (n.type === 'call') {
      const fn: Node | null = n.childForFieldName('function');
      const name = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
      if (name && ROW_CALLS.test(name)) return true;
      n = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    } else return false;
  }
  return false;
}

/** Names of what holds request input: `request.*`, WTForms `form`, argparse `args`, a body `data`. */
const REQUEST_OBJECTS = /^(?:request\b|form\b|args$|params$|data$|payload$|body$|json$|creds$|credentials$)|\bform$/i;

/**
 * `"... WHERE username='" + u + "' AND password='" + pw + "'"` and the same in an f-string: the
 * value spliced in right after `password=` is the one the database compares with its column.
 */
function interpolatedIntoWhere(sql: Node, py: PythonIndex): PlaintextCompare[] {
  const out: PlaintextCompare[] = [];
  // The statement so far, each spliced value written as VALUE: enough to see `WHERE` and what the
  // next value is compared with.
  let before = '';
  const take = (part: Node): void => {
    if (!SQL_PASSWORD_EQUALS.test(before) || !/\bwhere\b/i.test(before)) return;
    const raw = rawPassword(part, py);
    if (raw && raw.secret === undefined && !literalOnly(part, py))
      out.push({ node: part, raw, form: 'WHERE password = ...' });
  };
  const templated = templateParts(sql, py);
  if (templated) {
    for (const p of templated) {
      if (typeof p === 'string') before = (before + p).slice(-400);
      else {
        take(p);
        before += VALUE;
      }
    }
    return out;
  }
  for (const part of concatenation(sql)) {
    const decoded = part.type === 'string' || part.type === 'concatenated_string' ? decodeString(part) : undefined;
    if (!decoded) {
      take(part);
      before += VALUE;
      continue;
    }
    for (const p of decoded.parts) {
      if (p.kind === 'interpolation') {
        take(p.expression);
        before += VALUE;
      } else {
        before = (before + p.text).slice(-400);
      }
    }
  }
  return out;
}

/**
 * `"... password='%s'" % (user, pw)` and `"... password='{}'".format(user, pw)`: the template's
 * text with the argument each directive takes in its place (a string), or undefined for other forms.
 */
function templateParts(sql: Node, py: PythonIndex): (string | Node)[] | undefined {
  let template: Node | undefined;
  let positional: Node[] = [];
  let named = new Map<string, Node>();
  let percent = false;
  if (sql.type === 'binary_operator' && sql.childForFieldName('operator')?.type === '%') {
    template = sql.childForFieldName('left') ?? undefined;
    const right = sql.childForFieldName('right');
    if (!right) return undefined;
    const r = unparenthesize(right);
    if (r.type === 'tuple') positional = r.namedChildren.filter((c) => c.type !== 'comment');
    else if (r.type === 'dictionary') named = dictItems(r);
    else positional = [r];
    percent = true;
  } else if (sql.type === 'call') {
    const fn = sql.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
    template = fn.childForFieldName('object') ?? undefined;
    const args = callArguments(sql);
    positional = [...args.positional];
    named = new Map(args.keywords);
  }
  if (!template) return undefined;
  const s = asStr(py.evaluator.evaluate(template));
  if (!s || !isKnown(s)) return undefined;
  const text = joinText(s);
  const holes = percent
    ? percentDirectives(text).map((d) => ({ offset: d.offset, arg: d.key ?? d.index }))
    : braceFields(text).map((f) => ({ offset: f.offset, arg: f.name ?? f.index }));
  const out: (string | Node)[] = [];
  let at = 0;
  for (const h of holes) {
    out.push(text.slice(at, h.offset));
    const arg = typeof h.arg === 'number' ? positional[h.arg] : h.arg !== undefined ? named.get(h.arg) : undefined;
    out.push(arg ?? VALUE);
    at = percent ? percentEnd(text, h.offset) : text.indexOf('}', h.offset) + 1;
  }
  out.push(text.slice(at));
  return out;
}

/** Where the `%` directive starting at `offset` ends (after its conversion character). */
function percentEnd(text: string, offset: number): number {
  let j = offset + 1;
  if (text[j] === '(') j = text.indexOf(')', j) + 1;
  while (j < text.length && '#0- +*.0123456789hlL'.includes(text[j] as string)) j++;
  return j + 1;
}

function dictItems(dict: Node): Map<string, Node> {
  const out = new Map<string, Node>();
  for (const pair of dict.namedChildren) {
    if (pair.type !== 'pair') continue;
    const key = pair.childForFieldName('key');
    const value = pair.childForFieldName('value');
    const k = key ? constantStringValue(key) : undefined;
    if (k !== undefined && value) out.set(k, value);
  }
  return out;
}

/** The operands of a `+` chain, left to right; any other expression is its own operand. */
function concatenation(node: Node): Node[] {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.type !== '+') return [node];
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return [...(left ? concatenation(unparenthesize(left)) : []), ...(right ? concatenation(unparenthesize(right)) : [])];
}
