import { SQL_BINDING_RUNNERS } from '../../models/sql/methods.js';
import type { Node } from '../../parse/python.js';
import { callArguments, type CallArgs } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { isPasswordColumnName, rawPassword, type RawPassword } from '../../models/passwords/password-data.js';
import { spanOf } from '../../lang/python/span.js';
import { modelWriteHashed, positionalStore, type ModelWriteQuestion } from '../../models/passwords/project.js';
import { receiverClasses } from '../../models/passwords/receiver.js';
import type { PendingQuestion } from '../../project/types.js';
import type { Rule, RuleContext } from '../rule.js';
import {
  hashingAttributes,
  isModelConstructor,
  isModelInstance,
  isObjectsCreate,
} from '../../models/passwords/orm-models.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { plaintextCompares } from '../../models/passwords/compare.js';
import { boundValues, executedSql, passwordSlots } from '../../models/passwords/sql-writes.js';

// A cheap first look at the raw text: a file that never names a password column
// cannot hold this finding, and most files do not, so they skip the tree walk.
const MENTIONS = /passw|pwd/i;

export const plaintextPasswordStored: Rule = {
  meta: {
    id: 'FCG402',
    name: 'plaintext-password-stored',
    family: 'auth',
    severity: 'high',
    cwe: [256],
    title: 'Password stored without hashing',
    what: [
      'A raw password written to a password column (`password`, `passwd`, `pwd`, `password_hash`, `hashed_password`, …):',
      '- model construction: `User(password=request.form["password"])` (Flask-SQLAlchemy/SQLAlchemy/SQLModel models defined in the file or imported from a models module, or classes named `User`, `Account`, `Customer`…), Django `User.objects.create(password=...)`; and positional arguments, `User(name, email, password)`, when the model\'s `__init__` (its own or a base class\'s, in any module of the project) binds that position to a parameter it stores in a password column as given;',
      '- attribute assignment on a model instance: `user.password = form.password.data`, `self.password_hash = password` in a model class, `current_user.password = new_password`;',
      '- raw SQL: `INSERT`/`UPSERT INTO users (email, password) VALUES (%s, %s)` and `UPDATE users SET password = %s` with the raw value bound to the password column’s placeholder (`%s`, `?`, `$1`, `%(name)s`, `:name`; for `executemany` also each row a generator builds), read through the evaluator so the SQL may sit in a constant;',
      '- comparisons that only work when the column holds the raw password: a lookup by it (`User.query.filter_by(username=u, password=pw)`, `filter`, `get`, Django `objects.get(password=...)`); `user.password == request.form["password"]`, `User.password == pw`, `row["password"] == password` (a row by its name, `row`, `record`, `user`…, or by the fetch that filled it) and `hmac.compare_digest(user.password, pw)` / `secrets.compare_digest`, also through `.encode()`; a `WHERE` clause matching a password column with a bound parameter fed the typed value (`WHERE username = %s AND password = %s` with the parameters as a tuple, list, dict or asyncpg arguments, also through a local); and the typed password spliced after `password =` in a `WHERE` clause (`+`, an f-string, `%` or `.format()`, also through a local holding the SQL). Not a comparison of two typed values (`password == confirm`), with a literal or a local holding only literals (`!= ""`, a test\'s fixture), inside an `assert` (a test checking that the value is hashed), through a verifier (`check_password_hash`, `bcrypt.checkpw`), with a computed hash, or of a hash column, an API key or a token.',
      '',
      'Raw means: read from the request or a form (`request.form["password"]`, `request.get_json().get("password")`, `form.password.data`), a parameter or variable named for a password whose every assignment is raw, or a non-empty string literal.',
    ].join('\n'),
    why: 'Whoever reads the table (a backup, a replica, an SQL injection, a support engineer) gets every user’s password, and with password reuse their mail and bank accounts too (CWE-256).',
    bad: {
      lang: 'python',
      code: '@bp.route("/register", methods=["POST"])\ndef register():\n    user = User(email=request.form["email"], password=request.form["password"])\n    db.session.add(user)\n    db.session.commit()',
    },
    good: {
      lang: 'python',
      code: '@bp.route("/register", methods=["POST"])\ndef register():\n    user = User(email=request.form["email"])\n    user.set_password(request.form["password"])  # argon2 / werkzeug generate_password_hash\n    db.session.add(user)\n    db.session.commit()',
    },
    fix: 'Store only a slow salted hash: `generate_password_hash(pw)` (werkzeug), `bcrypt.hashpw(...)`, `argon2.PasswordHasher().hash(pw)`, behind a `set_password()` method or a `@password.setter` property. Rehash what is already stored and force a reset for accounts whose password may have been read.',
    limits: [
      'Model classes are followed across modules. A write `User(password=pw)` or `user.password = pw` is dropped when the project shows that class (or a base class, in any module) hashing the attribute: a `@password.setter` or hybrid-property setter, `synonym(..., descriptor=property(get, set))`, `@validates("password")`, an `__init__` that stores the parameter hashed, a mapper listener that hashes the target (`listen(User, "before_insert" / "before_update", fn)`, `@listens_for`, an attribute `set` event; a construction needs `before_insert`, a change of a loaded row `before_update`), or a column type that transforms the value on bind (a `TypeDecorator` whose `process_bind_param` does, sqlalchemy-utils `PasswordType`/`EncryptedType`). Hashing helpers are followed into the module that defines them: `hash_password(pw)` imported from a crypto module counts as hashing unless that function returns its argument as given or only string-converted. A setter, validator, `__init__` or column type that stores the value as given keeps the finding.',
      'The class of `x` in `x.password = ...` is known from `self`, a constructor or a query on the class (`User.query...`, `User.get_by_id(...)`, `select(User)`, `session.get(User, id)`); otherwise (a parameter, `current_user`, a helper’s return value) every class the file imports or defines is a candidate, and the write is dropped only when every candidate of the project that has the attribute hashes it. A listener on a base class is taken to cover its subclasses (SQLAlchemy does so only with `propagate=True`). Not followed: hashing done outside the model class (a session `before_flush` listener, a service’s `save()`), a model class from an installed library, and a setter or validator in the same file as the write, which is trusted without reading its body.',
      'A dict item (`new_data["password"]`) that the file only ever writes with a hashing (or other non-reading) call, under the same dict name and key, is taken as hashed. A value that went through any call other than a string method is taken to be hashed. Whether a variable holds a password is judged by its name and where it was assigned; whether an object is a model by its class, its name or the query that returned it; guesses from a name alone (`user.password = ...`, a class called `User`) are only made in files that import an ORM or a models module, so an in-memory mock or an API client holding a password is not reported. A file whose text never says `passw` or `pwd` is not read (a value called `pw` alone goes unseen there).',
      "Positional constructor arguments are mapped only through an `__init__` of the project that names its parameters, and a class the file does not show as a model counts only when it or a base declares a password column (a client keeping a service password is left alone): a model using the ORM's default constructor, Django's field order, a dataclass-mapped model, `*args`, or a class from an installed library is not followed. Comparisons are not seen when the row is read by a numbered column (`row[2] == password`), when the stored value sits in a variable not named for a row (`stored = row[2]`), or when the SQL and its parameters are assembled in another function; a comparison in a helper that is never called with user input is reported like any other.",
    ].join('\n\n'),
    precision: 'medium',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !MENTIONS.test(ctx.file.text)) return;
    const hashing = hashingAttributes(py);
    const constructors = new Set<number>();
    for (const kw of py.keywordArguments) {
      const name = kw.childForFieldName('name')?.text ?? '';
      if (!isPasswordColumnName(name) || hashing.has(name)) continue;
      const call = kw.parent?.parent;
      if (call?.type !== 'call' || constructors.has(call.id)) continue;
      constructors.add(call.id);
      checkConstructor(ctx, py, call, callArguments(call), hashing);
    }
    for (const call of py.calls) {
      checkSql(ctx, py, call);
      checkPositional(ctx, py, call);
    }
    for (const a of py.assignments) {
      const left = a.childForFieldName('left');
      if (left?.type !== 'attribute') continue;
      const column = left.childForFieldName('attribute')?.text ?? '';
      if (!isPasswordColumnName(column) || hashing.has(column)) continue;
      const right = a.childForFieldName('right');
      const object = left.childForFieldName('object');
      if (!right || !object || right.type === 'assignment') continue;
      const raw = rawPassword(right, py);
      if (!raw || !isModelInstance(object, column, py)) continue;
      const question: ModelWriteQuestion = { kind: 'assign', attr: column, ...receiverClasses(object, py) };
      report(ctx, right, raw, `${left.text.replace(/\s+/g, '')} = ${describe(raw)}`, question);
    }
    for (const c of plaintextCompares(py)) {
      const span = spanOf(c.node);
      const sev = configClassSeverity(ctx, span, 'high');
      ctx.report({
        span,
        severity: sev.severity,
        secrets: c.raw.secret !== undefined ? [c.raw.secret] : undefined,
        message: `Password compared as plain text: ${c.form} matches ${describe(c.raw)} against the stored column, which only works when the database holds the raw password${sev.note}.`,
      });
    }
  },
  decide(question, { path, index }) {
    const q = question as unknown as ModelWriteQuestion;
    if (q.position !== undefined) {
      // A positional argument: kept only when the class's __init__ stores that parameter raw.
      const cls = q.classes[0] ?? '';
      const store = positionalStore(index, path, cls, q.position);
      if (store?.verdict !== 'plain' || !(q.model || store.declaresColumn)) return false;
      return {
        message: `Password stored without hashing: ${cls}(...) passes ${q.attr} as argument ${q.position + 1}, which ${cls}.__init__ stores as given (parameter ${store.param}), so the raw password reaches the database.`,
      };
    }
    // Held model writes: dropped when the project shows the model hashes the attribute.
    return !modelWriteHashed(index, path, q);
  },
};

function checkConstructor(
  ctx: RuleContext,
  py: PythonIndex,
  call: Node,
  args: CallArgs,
  hashing: ReadonlySet<string>,
): void {
  let checked: boolean | undefined;
  for (const [name, value] of args.keywords) {
    if (!isPasswordColumnName(name) || hashing.has(name)) continue;
    const raw = rawPassword(value, py);
    if (!raw) continue;
    checked ??= isModelConstructor(call, py) || isObjectsCreate(call);
    if (!checked) return;
    const fnNode = call.childForFieldName('function');
    const fn = fnNode?.text ?? 'Model';
    // Django's objects.create() stores the value as given whatever the model does.
    const question: ModelWriteQuestion | undefined =
      fnNode && !isObjectsCreate(call)
        ? { kind: 'construct', attr: name, classes: [fn.replace(/\s+/g, '')], exact: true }
        : undefined;
    report(ctx, args.keywordNodes.get(name) ?? value, raw, `${fn}(${name}=${describe(raw)})`, question);
  }
}

/**
 * `User(name, email, password)`: which positional argument lands in a password column is told by
 * the model's `__init__`, read in phase 2 (its module may be another). Every argument that holds a
 * raw password or a literal is a candidate; `decide` keeps the one `__init__` stores raw.
 */
function checkPositional(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const fn = call.childForFieldName('function');
  if (!fn || (fn.type !== 'identifier' && fn.type !== 'attribute')) return;
  if (!/^[A-Z]/.test(fn.text.slice(fn.text.lastIndexOf('.') + 1))) return;
  const args = callArguments(call);
  if (args.positional.length === 0) return;
  // A password-named value may go to any class (phase 2 confirms it is a model of the project
  // whose __init__ stores it); a literal only to what looks like a model, or every
  // `ValueError("...")` would be held.
  let model: boolean | undefined;
  const cls = fn.text.replace(/\s+/g, '');
  args.positional.forEach((value, position) => {
    if (value.type === 'list_splat' || value.type === 'dictionary_splat') return;
    const raw = rawPassword(value, py);
    if (!raw || (raw.secret !== undefined && !(model ??= isModelConstructor(call, py)))) return;
    model ??= isModelConstructor(call, py);
    const question: ModelWriteQuestion = {
      kind: 'construct',
      attr: describe(raw),
      classes: [cls],
      exact: true,
      position,
      model,
    };
    report(ctx, value, raw, `${cls}(...) argument ${position + 1}`, question);
  });
}

function checkSql(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!SQL_BINDING_RUNNERS.has(method)) return;
  const args = callArguments(call);
  const sql = executedSql(py, args);
  if (!sql) return;
  const lower = sql.toLowerCase();
  if (!(lower.includes('pass') || lower.includes('pwd')) || !(lower.includes('into') || lower.includes('update')))
    return;
  for (const slot of passwordSlots(sql)) {
    for (const value of boundValues(py, slot, args, method === 'executemany')) {
      const raw = rawPassword(value, py);
      if (raw) report(ctx, value, raw, `${describe(raw)} bound to ${slot.table}.${slot.column} by ${method}()`);
    }
  }
}

function describe(raw: RawPassword): string {
  return raw.secret !== undefined ? '"****"' : raw.description;
}

function report(ctx: RuleContext, at: Node, raw: RawPassword, what: string, question?: ModelWriteQuestion): void {
  const span = spanOf(at);
  const c = configClassSeverity(ctx, span, 'high');
  const origin = raw.secret !== undefined ? 'a literal password' : 'the raw password';
  ctx.report({
    span,
    severity: c.severity,
    secrets: raw.secret !== undefined ? [raw.secret] : undefined,
    message: `Password stored without hashing: ${what} writes ${origin} to the database${c.note}.`,
    ...(question ? { pending: question as unknown as PendingQuestion } : {}),
  });
}
