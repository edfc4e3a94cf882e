import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';

/** The classes an object written to may be, as the file names them. */
export interface ReceiverClasses {
  readonly classes: readonly string[];
  /** True when the file shows where the object came from; false when `classes` are candidates. */
  readonly exact: boolean;
}

// Calls that take the model class as their first argument: select(User), session.get(User, id),
// session.query(User), get_or_404(User, id), database.get(User, id).
const CLASS_TAKING = new Set(['select', 'get', 'query', 'get_or_404', 'one_or_404', 'first_or_404', 'execute']);
const MAX_CANDIDATES = 40;

const isClassName = (text: string): boolean => /^[A-Z]\w*$/.test(text.slice(text.lastIndexOf('.') + 1));

/**
 * Which class `receiver` in `receiver.password = ...` is: the enclosing class for `self`; the class
 * constructed or queried where a local variable was assigned (`Users(...)`,
 * `Users.query.filter_by(...).first()`, `db.session.execute(db.select(User)...)`); otherwise every
 * class name the file imports or defines, as candidates.
 */
export function receiverClasses(receiver: Node, py: PythonIndex): ReceiverClasses {
  const n = unparenthesize(receiver);
  if (n.type === 'identifier' && n.text === 'self') {
    for (let p = n.parent; p; p = p.parent) {
      if (p.type === 'class_definition') {
        const name = p.childForFieldName('name')?.text;
        if (name) return { classes: [name], exact: true };
      }
    }
  }
  if (n.type === 'identifier') {
    const found = new Set<string>();
    let all = true;
    const bindings = py.scopes.bindingsOf(n.text, n);
    for (const b of bindings) {
      const cls = b.kind === 'value' ? classOfValue(b.value) : undefined;
      if (cls) found.add(cls);
      else all = false;
    }
    if (all && found.size > 0) return { classes: [...found], exact: true };
  }
  return { classes: candidateClasses(py), exact: false };
}

/** The class a call constructs or queries, when it names one. */
export function classOfValue(value: Node): string | undefined {
  const v = unparenthesize(value);
  if (v.type !== 'call') return undefined;
  const fn = v.childForFieldName('function');
  if (fn && (fn.type === 'identifier' || fn.type === 'attribute') && isClassName(fn.text)) {
    return fn.text.replace(/\s+/g, '');
  }
  // Walk the chain down to its root, noting any call that takes the class first.
  let n: Node | null = v;
  for (let i = 0; n && i < 16; i++) {
    if (n.type === 'call') {
      const f = n.childForFieldName('function');
      const method = f?.type === 'attribute' ? f.childForFieldName('attribute')?.text : f?.text;
      const first = callArguments(n).positional[0];
      if (method && CLASS_TAKING.has(method) && first) {
        const arg = unparenthesize(first);
        if ((arg.type === 'identifier' || arg.type === 'attribute') && isClassName(arg.text)) {
          return arg.text.replace(/\s+/g, '');
        }
        const inner = arg.type === 'call' ? classOfValue(arg) : undefined;
        if (inner) return inner;
      }
      n = f;
    } else if (n.type === 'attribute') {
      const object: Node | null = n.childForFieldName('object');
      // `Users.query...`, `User.objects...`, `User.get_by_or_404(...)`: the class is the chain's root.
      if (object && (object.type === 'identifier' || object.type === 'attribute') && isClassName(object.text)) {
        return object.text.replace(/\s+/g, '');
      }
      n = object;
    } else return undefined;
  }
  return undefined;
}

/** Capitalised names the file imports or defines as classes: where a model may come from. */
export function candidateClasses(py: PythonIndex): string[] {
  const out = new Set<string>();
  for (const local of py.imports.names.keys()) if (isClassName(local)) out.add(local);
  for (const c of py.classes) {
    const name = c.childForFieldName('name')?.text;
    if (name) out.add(name);
  }
  return [...out].slice(0, MAX_CANDIDATES);
}
