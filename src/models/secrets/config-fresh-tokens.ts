import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import type { ProjectIndex } from '../../project/project-index.js';
import type { Summarizer, SummaryInput } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';

/**
 * Functions that hand out a freshly generated credential: `def create_user(...): key =
 * secure_string(); ...; return key, user`, where `secure_string()` returns
 * `hexlify(urandom(16))` or `secrets.token_urlsafe()`. A caller that unpacks the result and prints
 * the key prints a working credential although its name (`key`) says nothing. Phase 1 records, per
 * module, which return positions of which top-level functions are such tokens; phase 2 answers a
 * caller's question with it.
 */
export const FRESH_TOKENS_DOMAIN = 'secrets-fresh-tokens';

/** Function name → the positions of its returned tuple (0 for a single value) that are fresh tokens. */
type FreshSection = { readonly [fn: string]: readonly number[] };

const GENERATORS = new Set(['secrets.token_hex', 'secrets.token_urlsafe', 'secrets.token_bytes', 'os.urandom']);
/** Encoders that keep a token a token: `hexlify(urandom(16))`, `.decode()`, `.hex()`. */
const ENCODERS = new Set(['binascii.hexlify', 'binascii.b2a_hex', 'base64.urlsafe_b64encode', 'base64.b64encode']);

function topFunctions(py: PythonIndex): Map<string, Node> {
  const out = new Map<string, Node>();
  for (let stmt of py.doc.root.namedChildren) {
    if (stmt.type === 'decorated_definition') stmt = stmt.childForFieldName('definition') ?? stmt;
    const name = stmt.type === 'function_definition' ? stmt.childForFieldName('name')?.text : undefined;
    if (name) out.set(name, stmt);
  }
  return out;
}

/** A call that yields fresh random bytes or text: a generator, an encoder of one, `.decode()` of one. */
function isGenerated(py: PythonIndex, raw: Node, local: ReadonlySet<string>): boolean {
  const node = unparenthesize(raw);
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  if (fn?.type === 'attribute' && /^(decode|hex|upper|lower)$/.test(fn.childForFieldName('attribute')?.text ?? '')) {
    const object = fn.childForFieldName('object');
    return object ? isGenerated(py, object, local) : false;
  }
  if (fn?.type === 'identifier' && local.has(fn.text)) return true;
  const names = calleeNames(node, py.imports);
  if (names.some((n) => GENERATORS.has(n))) return true;
  if (names.some((n) => ENCODERS.has(n))) {
    const first = callArguments(node).positional[0];
    return first ? isGenerated(py, first, local) : false;
  }
  return false;
}

/** The single `return <expr>` of a function body (nested functions excluded), if it has one. */
function onlyReturn(fn: Node): Node | undefined {
  const found: Node[] = [];
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') continue;
      if (c.type === 'return_statement') found.push(c);
      else walk(c);
    }
  };
  const body = fn.childForFieldName('body');
  if (body) walk(body);
  return found.length === 1 ? (found[0]?.firstNamedChild ?? undefined) : undefined;
}

/** `name = <expr>` assignments of a function body, by name (a name assigned twice is dropped). */
function singleAssignments(fn: Node): Map<string, Node | null> {
  const out = new Map<string, Node | null>();
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_definition' || c.type === 'class_definition' || c.type === 'lambda') continue;
      if (c.type === 'assignment' || c.type === 'augmented_assignment') {
        const left = c.childForFieldName('left');
        const right = c.childForFieldName('right');
        if (left?.type === 'identifier')
          out.set(left.text, out.has(left.text) || c.type !== 'assignment' ? null : (right ?? null));
      }
      walk(c);
    }
  };
  const body = fn.childForFieldName('body');
  if (body) walk(body);
  return out;
}

export const freshTokensSummarizer: Summarizer = {
  domain: FRESH_TOKENS_DOMAIN,
  summarize({ python: py }: SummaryInput): Json | undefined {
    if (!py || !/urandom|token_(hex|urlsafe|bytes)/.test(py.doc.text)) return undefined;
    const functions = topFunctions(py);
    // Generators of the module itself: `def secure_string(): return hexlify(urandom(16)).decode()`.
    const local = new Set<string>();
    for (const [name, fn] of functions) {
      const ret = onlyReturn(fn);
      if (ret && isGenerated(py, ret, local)) local.add(name);
    }
    const out: Record<string, number[]> = {};
    for (const [name, fn] of functions) {
      const ret = onlyReturn(fn);
      if (!ret) continue;
      const assigned = singleAssignments(fn);
      const elements = ret.type === 'expression_list' || ret.type === 'tuple' ? ret.namedChildren : [ret];
      const positions: number[] = [];
      elements.forEach((e, i) => {
        const value = e.type === 'identifier' ? assigned.get(e.text) : e;
        if (value && isGenerated(py, value, local)) positions.push(i);
      });
      if (positions.length > 0) out[name] = positions;
    }
    return Object.keys(out).length > 0 ? out : undefined;
  },
};

/** A name bound from a call's result: `key, user = create_user(...)` → { fn: 'create_user', index: 0 }. */
export interface ResultBinding {
  readonly fn: string;
  readonly index: number;
}

/**
 * How `name` is bound in the function around `use`: by one assignment from a plain call
 * (`create_user(...)`, `auth.create_user(...)`), whole or unpacked. Undefined for anything else.
 */
export function boundFromCall(use: Node): ResultBinding | undefined {
  let fn: Node | null = use.parent;
  while (fn && fn.type !== 'function_definition') fn = fn.parent;
  const body = fn?.childForFieldName('body') ?? use.tree.rootNode;
  let found: ResultBinding | undefined;
  let count = 0;
  const walk = (n: Node): void => {
    for (const c of n.namedChildren) {
      if (c.type === 'function_definition' || c.type === 'class_definition') continue;
      if (c.type === 'assignment' && c.startIndex < use.startIndex) {
        const left = c.childForFieldName('left');
        const right = c.childForFieldName('right');
        const targets =
          left?.type === 'pattern_list' || left?.type === 'tuple_pattern' ? left.namedChildren : left ? [left] : [];
        const i = targets.findIndex((t) => t.type === 'identifier' && t.text === use.text);
        if (i >= 0) {
          count++;
          const callee = right?.type === 'call' ? right.childForFieldName('function') : undefined;
          found =
            callee && /^[A-Za-z_][A-Za-z0-9_.]*$/.test(callee.text) && !callee.text.startsWith('self.')
              ? { fn: callee.text, index: targets.length > 1 ? i : 0 }
              : undefined;
        }
      }
      walk(c);
    }
  };
  walk(body);
  return count === 1 ? found : undefined;
}

/** Phase 2: whether `fn` (a name of the module at `path`) returns a fresh token at `index`. */
export function returnsFreshToken(index: ProjectIndex, path: string, binding: ResultBinding): boolean {
  const def = index.resolveLocal(path, binding.fn);
  if (!def?.name || def.name.includes('.')) return false;
  const section = index.section(def.path, FRESH_TOKENS_DOMAIN) as FreshSection | undefined;
  return section?.[def.name]?.includes(binding.index) ?? false;
}

/**
 * Names a printed expression passes on whole: through `str()`/`repr()`, `.format()`, f-strings,
 * `+`/`%`, tuples, and the arguments of a class constructor (`NewUserResponse(key=key)`, whose
 * text shows its fields). Any other call (`len(key)`, `mask(key)`, `hash(key)`) stops the walk.
 */
export function namesPrinted(args: readonly Node[]): Node[] {
  const out: Node[] = [];
  const visit = (n: Node, depth: number): void => {
    if (depth > 12) return;
    switch (n.type) {
      case 'identifier':
        out.push(n);
        return;
      case 'parenthesized_expression':
      case 'tuple':
      case 'list':
      case 'argument_list':
      case 'binary_operator':
      case 'interpolation':
        for (const c of n.namedChildren) visit(c, depth + 1);
        return;
      case 'keyword_argument': {
        const value = n.childForFieldName('value');
        if (value) visit(value, depth + 1);
        return;
      }
      case 'string':
        for (const c of n.namedChildren) if (c.type === 'interpolation') visit(c, depth + 1);
        return;
      case 'call': {
        const fn = n.childForFieldName('function');
        const list = n.childForFieldName('arguments');
        if (!fn || !list) return;
        const last = fn.type === 'attribute' ? (fn.childForFieldName('attribute')?.text ?? '') : fn.text;
        if (last === 'format' && fn.type === 'attribute') {
          const object = fn.childForFieldName('object');
          if (object) visit(object, depth + 1);
          visit(list, depth + 1);
        } else if (last === 'str' || last === 'repr' || /^[A-Z][A-Za-z0-9]*[a-z][A-Za-z0-9]*$/.test(last)) {
          visit(list, depth + 1);
        }
        return;
      }
      default:
        return;
    }
  };
  for (const a of args) visit(a, 0);
  return out;
}
