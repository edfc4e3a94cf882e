import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, nodesUnder, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isPasswordColumnName, isPasswordName } from './password-data.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * What storing a password through one path does to it, as phase 1 can tell from one file:
 * - `hash`: the stored value went through a call that is not a string method (a hash, a KDF, an
 *   encryption, or a helper the file does not show: the same trust the rules give any call);
 * - `plain`: the value is stored as it came (the parameter itself, or a string method of it);
 * - `call:<name>`: the value went through `<name>`, a function of this module or imported into it
 *   (`hash_password`, `crypto.hash_password`), which phase 2 looks up in that function's module.
 */
export type Verdict = 'hash' | 'plain' | `call:${string}`;

/** Facts of one class about its password attributes; absent keys mean nothing was found. */
export interface ClassFacts {
  /** Base classes as written (`db.Model`, `Users`, `models.Base`). */
  readonly bases?: readonly string[];
  /** Attributes made to transform what is assigned: property/hybrid setters, synonyms, `@validates`. */
  readonly attrs?: { readonly [attr: string]: Verdict };
  /** Password-column names the class body binds (columns, synonyms, plain class values). */
  readonly columns?: readonly string[];
  /** Password columns declared with a custom type: attribute → the type's name as written. */
  readonly types?: { readonly [attr: string]: string };
  /** `__init__` parameters, and what it does to those it stores in a password column. */
  readonly init?: { readonly params: readonly string[]; readonly stores: { readonly [param: string]: Verdict } };
  /** Methods that store a password column on `self`: method → attribute → what is stored. */
  readonly methods?: { readonly [method: string]: { readonly [attr: string]: Verdict } };
}

/** A mapper or attribute event listener (`listen(User, "before_insert", fn)`, `@listens_for`). */
export interface ListenerFacts {
  /** The class as written in this module (`User`, `models.User`). */
  readonly cls: string;
  readonly events: readonly string[];
  /** Password columns the listener sets on its target, and how. */
  readonly stores?: { readonly [attr: string]: Verdict };
  /** Methods it calls on its target (`target.hash_password()`). */
  readonly methods?: readonly string[];
}

/** The `passwords` section of a module summary. */
export interface PasswordsSection {
  readonly classes?: { readonly [name: string]: ClassFacts };
  /** Top-level functions that do not certainly hash their argument: name → what they return. */
  readonly helpers?: { readonly [name: string]: Verdict };
  readonly listeners?: readonly ListenerFacts[];
  /** SQLAlchemy `TypeDecorator` subclasses: name → what `process_bind_param` does to the value. */
  readonly columnTypes?: { readonly [name: string]: Verdict };
  /** The module names Flask-Security's passlib options (`SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS`). */
  readonly passlibOptions?: true;
}

// Methods and builtins that give back the same value in another form.
const PASSTHROUGH_METHODS = new Set(['encode', 'decode', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold']);
const PASSTHROUGH_FUNCTIONS = new Set(['str', 'bytes']);
const COLUMN_CALLS = new Set(['Column', 'mapped_column', 'column_property']);
const MAPPER_EVENTS = new Set(['before_insert', 'before_update', 'set', 'init']);
const MAX_DEPTH = 8;

/** `plain` dominates (some path stores the raw value), then a helper to look up, then `hash`. */
export function combine(a: Verdict | undefined, b: Verdict | undefined): Verdict | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  if (a === 'plain' || b === 'plain') return 'plain';
  if (a.startsWith('call:')) return a;
  return b;
}

/**
 * What a stored (or returned) expression does to the value that reached its function: a parameter
 * (a setter's or validator's value) or a password-named attribute read back (a listener's
 * `target.password`) is the raw input; locals are followed to their assignments.
 */
export function verdictOf(expr: Node, py: PythonIndex, depth = 0): Verdict | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparenthesize(expr);
  switch (n.type) {
    case 'conditional_expression': {
      const [body, , alternative] = n.namedChildren;
      return combine(
        body ? verdictOf(body, py, depth + 1) : undefined,
        alternative ? verdictOf(alternative, py, depth + 1) : undefined,
      );
    }
    case 'boolean_operator': {
      const left = n.childForFieldName('left');
      const right = n.childForFieldName('right');
      return combine(
        left ? verdictOf(left, py, depth + 1) : undefined,
        right ? verdictOf(right, py, depth + 1) : undefined,
      );
    }
    case 'identifier': {
      if (py.imports.names.has(n.text)) return undefined;
      let v: Verdict | undefined;
      for (const b of py.scopes.bindingsOf(n.text, n)) {
        if (b.kind === 'other') v = combine(v, 'plain');
        else if (b.kind === 'value') v = combine(v, verdictOf(b.value, py, depth + 1));
      }
      return v;
    }
    case 'attribute': {
      // `target.password` read back (a listener hashing in place): the raw value when named so.
      const attr = n.childForFieldName('attribute')?.text ?? '';
      return isPasswordName(attr) ? 'plain' : undefined;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      if (!fn) return 'hash';
      if (fn.type === 'attribute') {
        const method = fn.childForFieldName('attribute')?.text ?? '';
        const object = fn.childForFieldName('object');
        if (object && PASSTHROUGH_METHODS.has(method)) return verdictOf(object, py, depth + 1);
      }
      const first = callArguments(n).positional[0];
      if (first && fn.type === 'identifier' && PASSTHROUGH_FUNCTIONS.has(fn.text)) {
        return verdictOf(first, py, depth + 1);
      }
      const head = headOf(fn);
      if (head && head !== 'self' && (py.imports.names.has(head) || definesFunction(py, head))) {
        return `call:${fn.text.replace(/\s+/g, '')}`;
      }
      return 'hash';
    }
    default:
      return undefined;
  }
}

function headOf(node: Node): string | undefined {
  let n: Node | null = node;
  while (n?.type === 'attribute') n = n.childForFieldName('object');
  return n?.type === 'identifier' ? n.text : undefined;
}

const TOP_FUNCTIONS = new MemoSlot<Map<string, Node>>('passwords.top-functions');

/** Top-level `def`s of the module by name. */
function moduleFunctions(py: PythonIndex): Map<string, Node> {
  return TOP_FUNCTIONS.of(py, () => topFunctionsOf(py));
}

function topFunctionsOf(py: PythonIndex): Map<string, Node> {
  const map = new Map<string, Node>();
  for (const stmt of py.doc.root.namedChildren) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type !== 'function_definition') continue;
    const name = def.childForFieldName('name')?.text;
    if (name) map.set(name, def);
  }
  return map;
}

function definesFunction(py: PythonIndex, name: string): boolean {
  return moduleFunctions(py).has(name);
}

/** Every node of `type` under `fn`, not inside a nested function or class. */
/** Longer functions are not taken for pass-through helpers. */
const MAX_HELPER_LINES = 15;

function within(fn: Node, list: readonly Node[]): Node[] {
  const body = fn.childForFieldName('body');
  if (!body) return [];
  // The index's nodes inside the body, then only those climb to their owner: walking every
  // child of every function through the WebAssembly boundary cost more than the rest of the summary.
  return nodesUnder(list, body).filter((n) => ownerOf(n) === fn.id);
}

/** The innermost function, class or lambda a node sits in. */
function ownerOf(node: Node): number | undefined {
  for (let p = node.parent; p; p = p.parent) {
    if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda') return p.id;
  }
  return undefined;
}

function returnsOf(fn: Node, py: PythonIndex): Verdict | undefined {
  let v: Verdict | undefined;
  for (const r of within(fn, py.returns)) {
    const value = r.firstNamedChild;
    if (value) v = combine(v, verdictOf(value, py));
  }
  return v;
}

/** `<receiver>.<password column> = expr` in the function: attribute → what is stored. */
function storesOn(fn: Node, receiver: string, py: PythonIndex): Map<string, Verdict> {
  const out = new Map<string, Verdict>();
  for (const a of within(fn, py.assignments)) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'attribute' || !right || left.childForFieldName('object')?.text !== receiver) continue;
    const attr = left.childForFieldName('attribute')?.text ?? '';
    if (!isPasswordColumnName(attr)) continue;
    const v = verdictOf(right, py) ?? 'hash';
    out.set(attr, combine(out.get(attr), v) as Verdict);
  }
  return out;
}

/** Methods `fn` calls on `receiver` (`target.hash_password()`, `self.set_password(pw)`). */
function methodCallsOn(fn: Node, receiver: string, py: PythonIndex): Node[] {
  return within(fn, py.calls).filter((c) => {
    const f = c.childForFieldName('function');
    return f?.type === 'attribute' && f.childForFieldName('object')?.text === receiver;
  });
}

function parameterNames(fn: Node): string[] {
  const names: string[] = [];
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    if (p.type === 'identifier') names.push(p.text);
    else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter' || p.type === 'typed_parameter') {
      const name = p.childForFieldName('name') ?? p.firstNamedChild;
      if (name?.type === 'identifier') names.push(name.text);
    }
  }
  return names;
}

function decoratorsOf(def: Node): Node[] {
  const parent = def.parent;
  if (parent?.type !== 'decorated_definition') return [];
  return parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.firstNamedChild as Node);
}

function record<T>(map: Map<string, T>): { [k: string]: T } | undefined {
  return map.size ? Object.fromEntries(map) : undefined;
}

function basesOnly(cls: Node): ClassFacts | undefined {
  const bases = basesOf(cls);
  return bases.length ? { bases } : undefined;
}

function basesOf(cls: Node): string[] {
  const bases: string[] = [];
  for (const b of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
    if ((b.type === 'identifier' || b.type === 'attribute') && b.text !== 'object')
      bases.push(b.text.replace(/\s+/g, ''));
  }
  return bases;
}

/** A class's password facts; undefined when it has none and no base to inherit through. */
function classFacts(cls: Node, py: PythonIndex): ClassFacts | undefined {
  const bases = basesOf(cls);
  const attrs = new Map<string, Verdict>();
  const columns = new Set<string>();
  const types = new Map<string, string>();
  const methods = new Map<string, Map<string, Verdict>>();
  const methodDefs = new Map<string, Node>();
  let init: ClassFacts['init'];
  const body = cls.childForFieldName('body');
  const defs: Node[] = [];
  const assigns: Node[] = [];
  for (const stmt of body?.namedChildren ?? []) {
    const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
    if (def?.type === 'function_definition') defs.push(def);
    else if (stmt.type === 'expression_statement' && stmt.firstNamedChild?.type === 'assignment') {
      assigns.push(stmt.firstNamedChild);
    }
  }
  for (const def of defs) {
    const name = def.childForFieldName('name')?.text ?? '';
    methodDefs.set(name, def);
    const stores = storesOn(def, 'self', py);
    if (stores.size) methods.set(name, stores);
  }
  for (const def of defs) {
    const name = def.childForFieldName('name')?.text ?? '';
    for (const dec of decoratorsOf(def)) {
      if (dec.type === 'attribute' && dec.childForFieldName('attribute')?.text === 'setter') {
        // @password.setter
        const attr = dec.childForFieldName('object')?.text ?? '';
        if (isPasswordColumnName(attr)) attrs.set(attr, joinStores(methods.get(name)));
      } else if (dec.type === 'call' && /(^|\.)validates$/.test(dec.childForFieldName('function')?.text ?? '')) {
        for (const a of callArguments(dec).positional) {
          const key = constantStringValue(a);
          if (key !== undefined && isPasswordColumnName(key)) attrs.set(key, returnsOf(def, py) ?? 'plain');
        }
      }
    }
    if (name === '__init__') {
      const params = parameterNames(def).slice(1);
      const stores = new Map<string, Verdict>();
      for (const a of within(def, py.assignments)) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || !right) continue;
        if (!isPasswordColumnName(left.childForFieldName('attribute')?.text ?? '')) continue;
        const v = verdictOf(right, py) ?? 'hash';
        for (const p of mentioned(right, params)) stores.set(p, combine(stores.get(p), v) as Verdict);
      }
      for (const call of methodCallsOn(def, 'self', py)) {
        const m = call.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
        const v = methods.has(m) ? joinStores(methods.get(m)) : undefined;
        if (!v) continue;
        for (const p of mentioned(call, params)) stores.set(p, combine(stores.get(p), v) as Verdict);
      }
      init = { params, stores: Object.fromEntries(stores) };
    }
  }
  for (const a of assigns) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'identifier' || !isPasswordColumnName(left.text)) continue;
    columns.add(left.text);
    if (!right) continue;
    const r = unparenthesize(right);
    if (r.type !== 'call') continue;
    const fnName = r.childForFieldName('function')?.text ?? '';
    const last = fnName.slice(fnName.lastIndexOf('.') + 1);
    const args = callArguments(r);
    if (last === 'synonym' || last === 'property' || last === 'hybrid_property') {
      // synonym("_password", descriptor=property(get, set)) / property(get, set)
      const prop = last === 'synonym' ? args.keywords.get('descriptor') : r;
      const p = prop && unparenthesize(prop);
      if (p?.type === 'call') {
        const pa = callArguments(p);
        const setter = pa.positional[1] ?? pa.keywords.get('fset');
        if (setter?.type === 'identifier' && methodDefs.has(setter.text)) {
          attrs.set(left.text, joinStores(methods.get(setter.text)));
        }
      }
    } else if (COLUMN_CALLS.has(last)) {
      for (const arg of args.positional) {
        const t = unparenthesize(arg);
        const typeNode = t.type === 'call' ? t.childForFieldName('function') : t;
        if (typeNode && (typeNode.type === 'identifier' || typeNode.type === 'attribute')) {
          const written = typeNode.text.replace(/\s+/g, '');
          if (/^[A-Z]/.test(written.slice(written.lastIndexOf('.') + 1))) types.set(left.text, written);
          break;
        }
      }
    }
  }
  const methodsOut = new Map<string, { [attr: string]: Verdict }>();
  for (const [m, stores] of methods) methodsOut.set(m, Object.fromEntries(stores));
  const facts: ClassFacts = {
    ...(bases.length ? { bases } : {}),
    ...(attrs.size ? { attrs: Object.fromEntries(attrs) } : {}),
    ...(columns.size ? { columns: [...columns] } : {}),
    ...(types.size ? { types: Object.fromEntries(types) } : {}),
    ...(init && (Object.keys(init.stores).length || init.params.some(isPasswordColumnName)) ? { init } : {}),
    ...(methodsOut.size ? { methods: Object.fromEntries(methodsOut) } : {}),
  };
  return Object.keys(facts).length ? facts : undefined;
}

function joinStores(stores: ReadonlyMap<string, Verdict> | undefined): Verdict {
  let v: Verdict | undefined;
  for (const s of stores?.values() ?? []) v = combine(v, s);
  // A setter that stores no password column (it raises, or keeps the value elsewhere) does not
  // put the raw value in the column assigned.
  return v ?? 'hash';
}

/** Which of `names` the expression reads. */
function mentioned(node: Node, names: readonly string[]): string[] {
  const found = new Set<string>();
  if (node.type === 'identifier' && names.includes(node.text)) found.add(node.text);
  for (const id of node.descendantsOfType('identifier')) if (names.includes(id.text)) found.add(id.text);
  return [...found];
}

/** `listen(User, "before_insert", fn)` and `@listens_for(User, "before_insert")` in the module. */
function listeners(py: PythonIndex): ListenerFacts[] {
  const out: ListenerFacts[] = [];
  const functions = moduleFunctions(py);
  const add = (target: Node | undefined, event: Node | undefined, fn: Node | undefined): void => {
    const ev = event ? constantStringValue(event) : undefined;
    if (!target || !ev || !fn || !MAPPER_EVENTS.has(ev)) return;
    const t = unparenthesize(target);
    if (t.type !== 'identifier' && t.type !== 'attribute') return;
    const params = parameterNames(fn);
    if (ev === 'set') {
      // listens_for(User.password, "set", retval=True): fn(target, value, oldvalue, initiator)
      if (t.type !== 'attribute') return;
      const attr = t.childForFieldName('attribute')?.text ?? '';
      const cls = t.childForFieldName('object')?.text ?? '';
      if (!isPasswordColumnName(attr)) return;
      out.push({ cls, events: ['set'], stores: { [attr]: returnsOf(fn, py) ?? 'plain' } });
      return;
    }
    // Mapper events: fn(mapper, connection, target); init: fn(target, args, kwargs).
    const receiver = ev === 'init' ? params[0] : params[2];
    if (!receiver) return;
    const stores = storesOn(fn, receiver, py);
    const methods = methodCallsOn(fn, receiver, py).map(
      (c) => c.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '',
    );
    if (!stores.size && !methods.length) return;
    out.push({
      cls: t.text.replace(/\s+/g, ''),
      events: [ev],
      ...(stores.size ? { stores: Object.fromEntries(stores) } : {}),
      ...(methods.length ? { methods } : {}),
    });
  };
  for (const call of py.calls) {
    if (!calleeNames(call, py.imports).some((n) => /^sqlalchemy(\.orm)?\.event\.listen$/.test(n))) continue;
    const args = callArguments(call);
    const fnRef = args.positional[2];
    add(args.positional[0], args.positional[1], fnRef?.type === 'identifier' ? functions.get(fnRef.text) : undefined);
  }
  for (const fn of functions.values()) {
    for (const dec of decoratorsOf(fn)) {
      if (dec.type !== 'call' || !/(^|\.)listens_for$/.test(dec.childForFieldName('function')?.text ?? '')) continue;
      const args = callArguments(dec);
      add(args.positional[0], args.positional[1], fn);
    }
  }
  return out;
}

const MENTIONS = /passw|pwd|TypeDecorator/i;
const PASSLIB_OPTIONS = /\b(SECURITY_)?PASSWORD_HASH_(PASSLIB_)?OPTIONS\b/;

/** The module's `passwords` section, or undefined when it has nothing to tell. */
export function passwordsSection(py: PythonIndex, text: string): PasswordsSection | undefined {
  const classes = new Map<string, ClassFacts>();
  const columnTypes = new Map<string, Verdict>();
  // A module that never names a password can still hold a subclass of a model that does
  // (`class Admin(User): pass`): only its classes' bases are worth telling.
  const mentions = MENTIONS.test(text);
  for (const cls of py.classes) {
    if (cls.parent?.type !== 'module' && cls.parent?.parent?.type !== 'module') continue;
    const name = cls.childForFieldName('name')?.text;
    if (!name) continue;
    const facts = mentions ? classFacts(cls, py) : basesOnly(cls);
    if (facts) classes.set(name, facts);
    const bases = cls.childForFieldName('superclasses')?.text ?? '';
    if (/TypeDecorator\b/.test(bases)) {
      const bind = cls
        .childForFieldName('body')
        ?.namedChildren.find(
          (s) => s.type === 'function_definition' && s.childForFieldName('name')?.text === 'process_bind_param',
        );
      if (bind) columnTypes.set(name, returnsOf(bind, py) ?? 'plain');
    }
  }
  const helpers = new Map<string, Verdict>();
  // Helpers live anywhere: a module of string utilities need not name a password.
  for (const [name, fn] of moduleFunctions(py)) {
    // A helper that hands its argument back (`to_text(pw)`) is a few lines long; reading the
    // returns of every long function of every module cost more than the rest of the summary.
    if (fn.endPosition.row - fn.startPosition.row > MAX_HELPER_LINES) continue;
    if (parameterNames(fn).length === 0) continue;
    const v = returnsOf(fn, py);
    if (v !== undefined && v !== 'hash') helpers.set(name, v);
  }
  const found = mentions ? listeners(py) : [];
  const section: PasswordsSection = {
    ...(classes.size ? { classes: record(classes) } : {}),
    ...(helpers.size ? { helpers: record(helpers) } : {}),
    ...(found.length ? { listeners: found } : {}),
    ...(columnTypes.size ? { columnTypes: record(columnTypes) } : {}),
    ...(PASSLIB_OPTIONS.test(text) ? { passlibOptions: true as const } : {}),
  };
  return Object.keys(section).length ? section : undefined;
}
