import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, resolveNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * Is this an ORM model, and does the file turn its password attribute into something that hashes?
 * Flask-SQLAlchemy models, SQLAlchemy declarative classes, SQLModel tables, Django and
 * mongoengine documents count; pydantic schemas, forms and dataclasses do not (a raw password is
 * what they are for).
 */

const MODEL_BASES = new Set([
  'Model',
  'Base',
  'DeclarativeBase',
  'DeclarativeBaseNoMeta',
  'AbstractUser',
  'AbstractBaseUser',
  'Document',
  'DynamicDocument',
  'UserMixin',
  'SurrogatePK',
]);
const NOT_MODEL_WORDS = [
  'Schema',
  'Form',
  'Serializer',
  'Request',
  'Response',
  'Settings',
  'Config',
  'Payload',
  'Input',
];
const COLUMN_CALLS = new Set(['Column', 'mapped_column', 'relationship', 'CharField', 'StringField', 'TextField']);

const modelMemo = new MemoSlot<Map<number, boolean>>('orm-models.modelMemo');

/** A class statement that defines an ORM model. */
export function isModelClass(cls: Node, py: PythonIndex): boolean {
  let memo = modelMemo.get(py);
  if (!memo) {
    memo = new Map();
    modelMemo.set(py, memo);
  }
  const hit = memo.get(cls.id);
  if (hit !== undefined) return hit;
  const result = computeModelClass(cls, py);
  memo.set(cls.id, result);
  return result;
}

function computeModelClass(cls: Node, py: PythonIndex): boolean {
  const name = cls.childForFieldName('name')?.text ?? '';
  if (NOT_MODEL_WORDS.some((w) => name.includes(w))) return false;
  const bases = cls.childForFieldName('superclasses')?.namedChildren ?? [];
  let sqlmodel = false;
  for (const b of bases) {
    if (b.type === 'keyword_argument') {
      // SQLModel(table=True) is a table; without it, a pydantic schema.
      if (b.childForFieldName('name')?.text === 'table' && b.childForFieldName('value')?.type === 'true')
        sqlmodel = true;
      continue;
    }
    const text = b.text;
    const last = text.slice(text.lastIndexOf('.') + 1);
    if (last === 'BaseModel' || last === 'SQLModel') continue;
    if (MODEL_BASES.has(last) || (last.endsWith('Model') && !NOT_MODEL_WORDS.some((w) => last.includes(w))))
      return true;
  }
  if (sqlmodel) return true;
  // Columns declared in the body.
  const start = cls.startIndex;
  const end = cls.endIndex;
  for (const call of py.calls) {
    if (call.startIndex < start) continue;
    if (call.startIndex >= end) break;
    const fn = call.childForFieldName('function');
    const last = fn ? fn.text.slice(fn.text.lastIndexOf('.') + 1) : '';
    if (COLUMN_CALLS.has(last)) return true;
  }
  return false;
}

/** The class definition of `name` in this file, if any. */
export function classNamed(name: string, py: PythonIndex): Node | undefined {
  return py.classes.find((c) => c.childForFieldName('name')?.text === name);
}

const USER_CLASS_NAMES = new Set([
  'User',
  'Users',
  'AppUser',
  'UserAccount',
  'Account',
  'Admin',
  'AdminUser',
  'Member',
  'Customer',
  'Employee',
  'Person',
  'Student',
  'Teacher',
  'Staff',
  'Operator',
]);
const MODEL_MODULE_WORDS = new Set(['models', 'model', 'entities', 'entity', 'tables', 'orm', 'db', 'database']);

/**
 * `User(...)` constructs a model: the class is defined here and is one, or it is imported from a
 * models module, or it has a user-table name and is not imported from a known library.
 */
export function isModelConstructor(call: Node, py: PythonIndex): boolean {
  const fn = call.childForFieldName('function');
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return false;
  const written = fn.type === 'identifier' ? fn.text : (fn.childForFieldName('attribute')?.text ?? '');
  if (!/^[A-Z]/.test(written)) return false;
  const local = fn.type === 'identifier' ? classNamed(written, py) : undefined;
  if (local) return isModelClass(local, py);
  for (const full of resolveNames(fn, py.imports)) {
    const parts = full.split('.');
    if (parts.slice(0, -1).some((p) => MODEL_MODULE_WORDS.has(p))) return true;
  }
  return USER_CLASS_NAMES.has(written) && usesOrm(py);
}

const ORM_MODULES = [
  'sqlalchemy',
  'flask_sqlalchemy',
  'sqlmodel',
  'django.db',
  'peewee',
  'mongoengine',
  'flask_mongoengine',
  'pony',
  'tortoise',
  'flask_login',
];
const ormMemo = new MemoSlot<boolean>('orm-models.ormMemo');

/**
 * The file works with an ORM: it imports one, imports from a models module, or defines a model.
 * Name-only guesses (`user.password = ...`, `User(...)`) need it; an AWS mock or an HTTP client
 * with a `user` object holding a password is not a database.
 */
export function usesOrm(py: PythonIndex): boolean {
  const hit = ormMemo.get(py);
  if (hit !== undefined) return hit;
  let result = false;
  for (const fulls of py.imports.names.values()) {
    for (const full of fulls) {
      const parts = full.split('.');
      if (
        ORM_MODULES.some((m) => full === m || full.startsWith(`${m}.`)) ||
        parts.slice(0, -1).some((p) => MODEL_MODULE_WORDS.has(p))
      ) {
        result = true;
      }
    }
  }
  result ||= py.classes.some((c) => isModelClass(c, py));
  ormMemo.set(py, result);
  return result;
}

/** Django's `User.objects.create(password=...)` stores the value as given (create_user hashes). */
export function isObjectsCreate(call: Node): boolean {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'create') return false;
  const object = fn.childForFieldName('object');
  return object?.type === 'attribute' && object.childForFieldName('attribute')?.text === 'objects';
}

const USER_WORDS = [
  'user',
  'account',
  'member',
  'admin',
  'customer',
  'person',
  'profile',
  'owner',
  'employee',
  'student',
  'staff',
  'player',
];
// A query chain returns model rows: User.query.get(id), db.session.get(User, id), get_or_404().
const QUERY_WORDS = new Set([
  'query',
  'get_or_404',
  'first_or_404',
  'one_or_404',
  'scalar',
  'scalar_one',
  'scalar_one_or_none',
  'first',
  'one',
  'one_or_none',
  'objects',
  'get_object_or_404',
]);

/**
 * The object of `x.<column> = ...` is a model instance (a user row), not a config or client object.
 * For `self`, the class must be a model and must not declare the attribute as a plain class value
 * (`_password = None` holds the raw password only until save, as Django's AbstractBaseUser does).
 */
export function isModelInstance(receiver: Node, column: string, py: PythonIndex): boolean {
  const n = unparenthesize(receiver);
  if (n.type === 'identifier' && n.text === 'self') {
    const cls = enclosingClass(n);
    return cls !== undefined && isModelClass(cls, py) && !declaredTransient(cls, column);
  }
  const name =
    n.type === 'identifier' ? n.text : n.type === 'attribute' ? (n.childForFieldName('attribute')?.text ?? '') : '';
  const lower = name.toLowerCase();
  if (USER_WORDS.some((w) => lower.includes(w)) && !lower.includes('config') && !lower.includes('setting')) {
    return usesOrm(py);
  }
  if (n.type !== 'identifier') return false;
  for (const b of py.scopes.bindingsOf(n.text, n)) {
    if (b.kind !== 'value') continue;
    const v = unparenthesize(b.value);
    if (v.type === 'call' && (isModelConstructor(v, py) || isQueryChain(v))) return true;
  }
  return false;
}

function isQueryChain(node: Node): boolean {
  let n: Node | null = node;
  for (let i = 0; n && i < 12; i++) {
    if (n.type === 'call') n = n.childForFieldName('function');
    else if (n.type === 'attribute') {
      if (QUERY_WORDS.has(n.childForFieldName('attribute')?.text ?? '')) return true;
      n = n.childForFieldName('object');
    } else if (n.type === 'identifier') return QUERY_WORDS.has(n.text);
    else return false;
  }
  return false;
}

export function enclosingClass(node: Node): Node | undefined {
  for (let p = node.parent; p; p = p.parent) if (p.type === 'class_definition') return p;
  return undefined;
}

const hashingMemo = new MemoSlot<Set<string>>('orm-models.hashingMemo');

/**
 * Attribute names the file makes hash on assignment: `@password.setter`, a `@hybrid_property` or
 * `@property` named so, `@validates("password")`, or a sqlalchemy-utils `PasswordType` column.
 */
export function hashingAttributes(py: PythonIndex): ReadonlySet<string> {
  const hit = hashingMemo.get(py);
  if (hit) return hit;
  const out = new Set<string>();
  for (const d of py.decorated) {
    const def = d.childForFieldName('definition');
    const defName = def?.childForFieldName('name')?.text;
    for (const dec of d.namedChildren) {
      if (dec.type !== 'decorator') continue;
      const expr = dec.firstNamedChild;
      if (!expr) continue;
      if (expr.type === 'attribute' && expr.childForFieldName('attribute')?.text === 'setter') {
        const object = expr.childForFieldName('object');
        if (object) out.add(object.text);
      } else if (defName && /(^|\.)(hybrid_property|property|cached_property)$/.test(expr.text)) {
        out.add(defName);
      } else if (expr.type === 'call') {
        const fn = expr.childForFieldName('function');
        if (fn && /(^|\.)validates$/.test(fn.text)) {
          for (const a of callArguments(expr).positional) {
            const k = constantStringValue(a);
            if (k !== undefined) out.add(k);
          }
        }
      }
    }
  }
  for (const call of py.calls) {
    if (!calleeNames(call, py.imports).some((c) => c.endsWith('PasswordType'))) continue;
    for (let p = call.parent; p; p = p.parent) {
      if (p.type === 'assignment') {
        const left = p.childForFieldName('left');
        if (left?.type === 'identifier') out.add(left.text);
        break;
      }
      if (p.type === 'block' || p.type === 'module') break;
    }
  }
  hashingMemo.set(py, out);
  return out;
}

/** The class body assigns `column` a value that is not a call (`_password = None`): not a column. */
function declaredTransient(cls: Node, column: string): boolean {
  const body = cls.childForFieldName('body');
  for (const stmt of body?.namedChildren ?? []) {
    if (stmt.type !== 'expression_statement') continue;
    const a = stmt.firstNamedChild;
    if (a?.type !== 'assignment' || a.childForFieldName('left')?.text !== column) continue;
    const right = a.childForFieldName('right');
    return right !== null && right.type !== 'call';
  }
  return false;
}
