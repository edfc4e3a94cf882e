import { COSTLY, spend } from '../../core/budget.js';
import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../lang/python/args.js';
import { envLookupOfCall, envLookupOfSubscript, isEnviron } from '../../lang/python/env.js';
import { envCallReads } from '../../lang/python/env-reads.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { resolveNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * Reads of a setting that fall back to another value, in the forms beyond `lookup(N, D)` and
 * `lookup(N) or D` on a direct `os.environ.get` / `os.getenv` call:
 *   - the lookup through a local alias: `getenv = os.getenv`, `env = os.environ` (`env.get(N, D)`);
 *   - Flask's own config read with a default: `app.config.get("SECRET_KEY", D)`,
 *     `current_app.config.get(...) or D`, `app.config.setdefault("SECRET_KEY", D)`;
 *   - a `None` fallback that an `or` replaces: `os.environ.get(N, None) or D`;
 *   - conditional expressions whose condition tests the same read:
 *     `os.environ[N] if N in os.environ else D`, `os.getenv(N) if os.getenv(N) else D`,
 *     `D if N not in os.environ else os.environ[N]`;
 *   - the read held in a local name first: `x = os.environ.get(N)` then `x or D`, `x if x else D`.
 * A conditional whose condition is about something else (`os.environ[N] if PROD else D`) is a
 * per-environment choice, not a fallback, and is left alone.
 */
export interface FallbackRead {
  /** The variable's (or config key's) name, when a literal. */
  readonly name: string | undefined;
  readonly fallback: Node;
  /** The whole expression: the call, `read or D`, or the conditional. */
  readonly expr: Node;
}

const SECRET_CONFIG_NAME = /(?:^|_)(?:SECRET|KEY|TOKEN|PASSWORD|PASSWD|PASS|SALT|CREDENTIALS?|PASSPHRASE)$/;

const ALIAS_TARGETS = new Set(['os.getenv', 'os.environ.get', 'os.environ.setdefault']);

/** A read of the environment or of a Flask config, as far as this file tells. */
interface Read {
  readonly name: string | undefined;
  readonly fallback: Node | undefined;
}

/**
 * `wanted(name, binding)`: whether a read of `name` kept in the local `binding` is worth
 * following to its uses (the caller's test of secret names), so that a settings module full
 * of harmless reads is not walked once per read.
 */
const ENV_WORDS: readonly string[] = ['environ', 'getenv'];

export function fallbackReads(
  py: PythonIndex,
  wanted: (name: string | undefined, binding: string) => boolean,
): FallbackRead[] {
  const out: FallbackRead[] = [];
  const identifiers = new Map<number, Node[]>();
  const ctx: Ctx = { py, wanted, identifiers };
  // Aliases and membership tests name os.environ or getenv somewhere in the file; most files never
  // do, and resolving every call's callee through the scopes is the costly part.
  const env = mentionsAny(py.doc.text, ENV_WORDS);
  const reads = envCallReads(py);
  // A file with no environment read, no alias of one and no `.config` has no read to follow.
  const calls = env || reads.size > 0 || py.doc.text.includes('config') ? py.calls : [];
  for (const call of calls) {
    const direct = reads.get(call.id);
    const read: Read | undefined = direct ?? (env ? aliasedLookup(py, call) : undefined) ?? flaskConfigRead(call);
    if (!read) continue;
    const fallback = read.fallback && !isNone(read.fallback) ? read.fallback : undefined;
    if (fallback) {
      // A direct call with its own fallback is the rule's first form already.
      if (!direct) out.push({ name: read.name, fallback, expr: call });
      continue;
    }
    wrapped(ctx, call, read.name, out);
  }
  // `os.environ["X"] if "X" in os.environ else D` (and the negated form): found from the test.
  for (const cmp of env ? py.comparisons : []) {
    const parent = climb(cmp).parent;
    if (parent?.type !== 'conditional_expression') continue;
    const [yes, test, no] = parent.namedChildren;
    if (!yes || !no || test?.id !== climb(cmp).id) continue;
    const tested = membershipTest(py, cmp);
    if (!tested) continue;
    const positive = !tested.negated;
    const readBranch = positive ? yes : no;
    const other = positive ? no : yes;
    if (readName(py, readBranch) !== tested.name) continue;
    out.push({ name: tested.name, fallback: other, expr: parent });
  }
  return out;
}

/** `getenv("X", D)` with `getenv = os.getenv`; `env.get("X", D)` with `env = os.environ`. */
function aliasedLookup(py: PythonIndex, call: Node): Read | undefined {
  const fn = call.childForFieldName('function');
  if (!fn) return undefined;
  let target: string | undefined;
  if (fn.type === 'identifier') target = aliasOf(py, fn);
  else if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text;
    const object = fn.childForFieldName('object');
    if ((method !== 'get' && method !== 'setdefault') || object?.type !== 'identifier') return undefined;
    const bound = py.scopes.lookup(object);
    if (bound.kind === 'value' && isEnviron(bound.value, py.imports)) target = `os.environ.${method}`;
  }
  if (!target || !ALIAS_TARGETS.has(target)) return undefined;
  const args = callArguments(call);
  const nameNode = argument(args, 0, 'key');
  return { name: nameNode ? constantStringValue(nameNode) : undefined, fallback: argument(args, 1, 'default') };
}

function aliasOf(py: PythonIndex, id: Node): string | undefined {
  const bound = py.scopes.lookup(id);
  if (bound.kind !== 'value' || (bound.value.type !== 'attribute' && bound.value.type !== 'identifier'))
    return undefined;
  return resolveNames(bound.value, py.imports).find((n) => ALIAS_TARGETS.has(n));
}

/** `<x>.config.get("KEY", D)` / `<x>.config.setdefault("KEY", D)`: Flask's config, read with a default. */
function flaskConfigRead(call: Node): Read | undefined {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return undefined;
  const method = fn.childForFieldName('attribute')?.text;
  if (method !== 'get' && method !== 'setdefault') return undefined;
  const object = fn.childForFieldName('object');
  if (object?.type !== 'attribute' || object.childForFieldName('attribute')?.text !== 'config') return undefined;
  const args = callArguments(call);
  const first = args.positional[0];
  const name = first ? constantStringValue(first) : undefined;
  // Flask settings are upper case; and a config name holds a secret only when it ends with the
  // secret's word (`MAIL_PASSWORD`, `SECURITY_PASSWORD_SALT`), not when the word only qualifies
  // a setting about it (Flask-Security's `SECURITY_PASSWORD_NORMALIZE_FORM`, `..._LENGTH_MIN`).
  if (name === undefined || !/^[A-Z][A-Z0-9_]*$/.test(name) || !SECRET_CONFIG_NAME.test(name)) return undefined;
  return { name, fallback: args.positional[1] ?? args.keywords.get('default') };
}

/** `read or D`, `read if <test of read> else D`, and the same through `x = read`. */
interface Ctx {
  readonly py: PythonIndex;
  readonly wanted: (name: string | undefined, binding: string) => boolean;
  /** Identifiers of a scope node, gathered once. */
  readonly identifiers: Map<number, Node[]>;
}

function wrapped(ctx: Ctx, read: Node, name: string | undefined, out: FallbackRead[]): void {
  const { py } = ctx;
  const node = climb(read);
  const parent = node.parent;
  if (!parent) return;
  const hit = fallbackAround(py, node, parent, name, read.text);
  if (hit) {
    out.push({ name, fallback: hit.fallback, expr: hit.expr });
    return;
  }
  // `x = os.environ.get("X")`, then `x or D` / `x if x else D` in the same scope.
  if (parent.type !== 'assignment' || parent.childForFieldName('right')?.id !== node.id) return;
  const target = parent.childForFieldName('left');
  if (target?.type !== 'identifier' || !ctx.wanted(name, target.text)) return;
  const scope = enclosingScope(parent);
  let ids = ctx.identifiers.get(scope.id);
  if (!ids) {
    spend(COSTLY);
    ids = scope.descendantsOfType('identifier');
    ctx.identifiers.set(scope.id, ids);
  }
  for (const use of ids) {
    if (use.text !== target.text || use.id === target.id) continue;
    const bound = py.scopes.lookup(use);
    if (bound.kind !== 'value' || bound.target.id !== target.id) continue;
    const u = climb(use);
    const p = u.parent;
    if (!p) continue;
    const around = fallbackAround(py, u, p, name, use.text);
    if (around) out.push({ name, fallback: around.fallback, expr: around.expr });
  }
}

function fallbackAround(
  py: PythonIndex,
  node: Node,
  parent: Node,
  name: string | undefined,
  readText: string,
): { fallback: Node; expr: Node } | undefined {
  if (
    parent.type === 'boolean_operator' &&
    parent.childForFieldName('operator')?.type === 'or' &&
    parent.childForFieldName('left')?.id === node.id
  ) {
    const right = parent.childForFieldName('right');
    return right ? { fallback: right, expr: parent } : undefined;
  }
  if (parent.type !== 'conditional_expression') return undefined;
  const [yes, test, no] = parent.namedChildren;
  if (!yes || !test || !no) return undefined;
  const t = unparenthesize(test);
  const negated = t.type === 'not_operator';
  const inner = negated ? unparenthesize(t.childForFieldName('argument') ?? t) : t;
  // The test must be about the read itself: `x`, `x is not None`, `os.getenv("X")`, `"X" in os.environ`.
  if (!testsRead(py, inner, name, readText)) return undefined;
  const isNoneTest = inner.type === 'comparison_operator' && /\bis\s+None$/.test(inner.text.replace(/\s+/g, ' '));
  const present = negated === isNoneTest; // true: the `yes` branch runs when the value is there
  const readBranch = present ? yes : no;
  if (readBranch.id !== node.id) return undefined;
  return { fallback: present ? no : yes, expr: parent };
}

function testsRead(py: PythonIndex, test: Node, name: string | undefined, readText: string): boolean {
  if (test.text === readText) return true;
  if (test.type === 'comparison_operator') {
    const first = test.namedChildren[0];
    if (first && first.text === readText && /^\S+\s+is(\s+not)?\s+None$/.test(test.text.replace(/\s+/g, ' ')))
      return true;
    const m = membershipTest(py, test);
    if (m && name !== undefined && m.name === name) return true;
  }
  return name !== undefined && test.type === 'call' && readName(py, test) === name;
}

/** `"X" in os.environ` / `"X" not in os.environ`. */
function membershipTest(py: PythonIndex, cmp: Node): { name: string; negated: boolean } | undefined {
  const [left, right] = cmp.namedChildren;
  if (!left || !right || cmp.namedChildren.length !== 2) return undefined;
  const op = cmp.text.slice(left.endIndex - cmp.startIndex, right.startIndex - cmp.startIndex).trim();
  if (op !== 'in' && !/^not\s+in$/.test(op)) return undefined;
  const environ =
    isEnviron(right, py.imports) ||
    (right.type === 'identifier' &&
      ((b) => b.kind === 'value' && isEnviron(b.value, py.imports))(py.scopes.lookup(right)));
  if (!environ) return undefined;
  const name = constantStringValue(left);
  return name === undefined ? undefined : { name, negated: op !== 'in' };
}

/** The variable an expression reads from the environment: `os.environ["X"]`, `os.getenv("X")`, aliases. */
function readName(py: PythonIndex, expr: Node): string | undefined {
  const n = unparenthesize(expr);
  if (n.type === 'subscript') {
    const direct = envLookupOfSubscript(n, py.imports);
    if (direct) return direct.name;
    const value = n.childForFieldName('value');
    const key = n.childForFieldName('subscript');
    if (value?.type === 'identifier' && key) {
      const b = py.scopes.lookup(value);
      if (b.kind === 'value' && isEnviron(b.value, py.imports)) return constantStringValue(key);
    }
    return undefined;
  }
  if (n.type === 'call') return (envLookupOfCall(n, py.imports) ?? aliasedLookup(py, n))?.name;
  return undefined;
}

function climb(node: Node): Node {
  let n = node;
  while (n.parent?.type === 'parenthesized_expression') n = n.parent;
  return n;
}

function enclosingScope(node: Node): Node {
  let n: Node | null = node.parent;
  while (n && n.type !== 'function_definition' && n.type !== 'module') n = n.parent;
  return n ?? node;
}

function isNone(node: Node): boolean {
  return unparenthesize(node).type === 'none';
}
