import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { isPasswordName, rawPassword, type RawPassword } from './password-data.js';
import { decodeString } from '../../lang/python/strings.js';
import { SQL_BINDING_RUNNERS } from '../sql/methods.js';

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
    const found = storedEqualsTyped(cmp, py);
    if (found) out.push(found);
  }
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute' || !SQL_BINDING_RUNNERS.has(fn.childForFieldName('attribute')?.text ?? '')) continue;
    const sql = callArguments(call).positional[0];
    if (sql) out.push(...interpolatedIntoWhere(unparenthesize(sql), py));
  }
  return out;
}

function isFilterCall(call: Node | null | undefined): boolean {
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' && FILTER_METHODS.has(fn.childForFieldName('attribute')?.text ?? '');
}

/**
 * `user.password == password`, `User.password == form.password.data`: a stored password attribute
 * on one side, what the user typed on the other. Two typed values (`password == confirm`) are a
 * confirmation check, so the stored side must not itself be raw input.
 */
function storedEqualsTyped(cmp: Node, py: PythonIndex): PlaintextCompare | undefined {
  const operators = cmp.children.filter((c) => c !== null && (c.type === '==' || c.type === '!='));
  const operands = cmp.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
  // `assert user.password != password`: a test checking that the stored value is a hash.
  if (operators.length !== 1 || operands.length !== 2 || underAssert(cmp)) return undefined;
  const [a, b] = operands.map((o) => unparenthesize(o)) as [Node, Node];
  for (const [stored, typed] of [
    [a, b],
    [b, a],
  ] as const) {
    if (!isStoredAttribute(stored) || isStoredAttribute(typed)) continue;
    const raw = rawPassword(typed, py);
    // A literal is a sentinel check (`!= ''`, `!= 'NULL'`), not what a user typed.
    if (raw && raw.secret === undefined)
      return { node: typed, raw, form: `${stored.text} ${operators[0]?.type ?? '=='} ...` };
  }
  return undefined;
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
    if (raw) out.push({ node: part, raw, form: 'WHERE password = ...' });
  };
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

/** The operands of a `+` chain, left to right; any other expression is its own operand. */
function concatenation(node: Node): Node[] {
  if (node.type !== 'binary_operator' || node.childForFieldName('operator')?.type !== '+') return [node];
  const left = node.childForFieldName('left');
  const right = node.childForFieldName('right');
  return [...(left ? concatenation(unparenthesize(left)) : []), ...(right ? concatenation(unparenthesize(right)) : [])];
}
