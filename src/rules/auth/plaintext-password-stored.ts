import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize, type CallArgs } from '../../lang/python/args.js';
import { asStr, joinText } from '../../lang/python/evaluate.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isPasswordColumnName, rawPassword, type RawPassword } from '../../models/passwords/password-data.js';
import { spanOf } from '../../lang/python/span.js';
import { modelWriteHashed, type ModelWriteQuestion } from '../../models/passwords/project.js';
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
import { SQL_BINDING_RUNNERS } from '../../models/sql/methods.js';
import { passwordSlots, type PasswordSlot } from '../../models/passwords/sql-writes.js';

const TEXT_CALLS = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'text']);
const PARAM_KEYWORDS = ['params', 'parameters', 'args', 'vars', 'parameter'];

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
      '- model construction: `User(password=request.form["password"])` (Flask-SQLAlchemy/SQLAlchemy/SQLModel models defined in the file or imported from a models module, or classes named `User`, `Account`, `Customer`…), Django `User.objects.create(password=...)`;',
      '- attribute assignment on a model instance: `user.password = form.password.data`, `self.password_hash = password` in a model class, `current_user.password = new_password`;',
      '- raw SQL: `INSERT`/`UPSERT INTO users (email, password) VALUES (%s, %s)` and `UPDATE users SET password = %s` with the raw value bound to the password column’s placeholder (`%s`, `?`, `$1`, `%(name)s`, `:name`), read through the evaluator so the SQL may sit in a constant;',
      '- comparisons that only work when the column holds the raw password: a lookup by it (`User.query.filter_by(username=u, password=pw)`, `filter`, `get`, Django `objects.get(password=...)`), `user.password == request.form["password"]` or `User.password == pw`, and the typed password spliced after `password =` in a `WHERE` clause (`+` or an f-string). Not a comparison of two typed values (`password == confirm`), with a literal (`!= ""`), or inside an `assert` (a test checking that the value is hashed).',
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
      'A dict item (`new_data["password"]`) that the file only ever writes with a hashing (or other non-reading) call, under the same dict name and key, is taken as hashed. A value that went through any call other than a string method is taken to be hashed. Whether a variable holds a password is judged by its name and where it was assigned; whether an object is a model by its class, its name or the query that returned it; guesses from a name alone (`user.password = ...`, a class called `User`) are only made in files that import an ORM or a models module, so an in-memory mock or an API client holding a password is not reported.',
    ].join('\n\n'),
    precision: 'medium',
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
    for (const call of py.calls) checkSql(ctx, py, call);
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
    // Held model writes: dropped when the project shows the model hashes the attribute.
    return !modelWriteHashed(index, path, question as unknown as ModelWriteQuestion);
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

function checkSql(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (!SQL_BINDING_RUNNERS.has(method)) return;
  const args = callArguments(call);
  let sqlNode = args.positional[0] ?? args.keywords.get('statement') ?? args.keywords.get('query');
  if (!sqlNode) return;
  sqlNode = unparenthesize(sqlNode);
  if (sqlNode.type === 'call' && calleeNames(sqlNode, py.imports).some((c) => TEXT_CALLS.has(c))) {
    const inner = callArguments(sqlNode).positional[0];
    if (!inner) return;
    sqlNode = inner;
  }
  const s = asStr(py.evaluator.evaluate(sqlNode));
  if (!s) return;
  const sql = joinText(s);
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

/** The expressions bound to a slot's placeholder, as far as the call shows them. */
function boundValues(py: PythonIndex, slot: PasswordSlot, args: CallArgs, many: boolean): Node[] {
  const p = slot.placeholder;
  if (p.kind === 'numbered' && args.positional.length > 2) {
    // asyncpg: conn.execute(sql, a, b, c)
    const v = args.positional[p.index + 1];
    return v ? [v] : [];
  }
  if (p.kind === 'named' && args.keywords.has(p.name)) return [args.keywords.get(p.name) as Node];
  const paramsNode = args.positional[1] ?? PARAM_KEYWORDS.map((k) => args.keywords.get(k)).find((n) => n);
  if (!paramsNode) return [];
  const params = py.evaluator.evaluate(paramsNode);
  const rows = many && params.kind === 'list' ? params.items.map((i) => i.value) : [params];
  const out: Node[] = [];
  for (const row of rows) {
    if (p.kind === 'named') {
      if (row.kind === 'dict') {
        const e = row.entries.get(p.name);
        if (e) out.push(e.valueNode);
      }
    } else if (row.kind === 'list') {
      const item = row.items[p.index];
      if (item) out.push(item.node);
    }
  }
  return out;
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
