import { spend } from '../../../core/budget.js';
import { LIBPQ_KEYWORDS } from '../dsn.js';
import { DYNAMIC } from '../../../core/dynamic.js';
import type { Node } from '../../../parse/python.js';
import { envLookupOfCall } from '../../../lang/python/env.js';
import { isDocstring, stringValue, topStringNode } from '../../../lang/python/strings.js';
import { buildStandaloneConnection, type BuiltConnection } from './connection.js';
import { embeddedConnections } from './embedded.js';
import type { FileContext } from './context.js';

/**
 * Connection strings that reach no connect call the analysis can see: a URI (or a keyword DSN
 * with two or more libpq pairs) anywhere in the file, except in docstrings. The whole string
 * expression around the literal is evaluated (`"postgresql://" + HOST + "/db"`, an f-string,
 * `.format()`, an env fallback), so a piece is never mistaken for the whole.
 */
export function standaloneConnections(ctx: FileContext): BuiltConnection[] {
  const out: BuiltConnection[] = [];
  for (const literal of ctx.strings) {
    if (ctx.consumed.has(literal.id)) continue;
    // Cheap test before decoding (most literals are messages, keys and docstrings): a URI has
    // "://", a keyword DSN has "=", and only an escape sequence could spell either differently.
    // (Pieces of an implicit concatenation may split a "://" between them: those are decoded.)
    const written = literal.text;
    const maybe = written.includes('://') || written.includes('=') || written.includes('\\');
    if (!maybe && literal.type !== 'concatenated_string') continue;
    const text = stringValue(literal);
    if (text === undefined || !mightHoldConnection(text)) continue;
    if (isDocstring(literal)) continue;
    const root = expressionRoot(ctx, literal);
    const built = buildStandaloneConnection(ctx, ctx.evaluator.evaluate(root));
    ctx.consumed.add(literal.id);
    if (!built) {
      // A multi-line string of configuration text may hold URIs of its own.
      if (text.includes('\n')) out.push(...embeddedConnections(ctx, literal));
      continue;
    }
    for (const id of built.consumed) ctx.consumed.add(id);
    out.push(built);
  }
  return out;
}

const SCHEME_BEFORE = /(postgres|cockroach)[a-z0-9+_]*:\/\//i;
const KEYWORD_PAIR = /(?:^|[\s'"])([a-z_]+)\s*=/gi;

/**
 * Could this literal be (part of) a connection string? Checked on its decoded value before the
 * expression around it is evaluated, because evaluation follows names and most literals with a
 * "=" or "://" are messages, SQL or web URLs. A "://" after an unknown part or at the start
 * (`f"{scheme}://..."`, `SCHEME + "://..."`) or a libpq keyword before "=" keeps it.
 */
function mightHoldConnection(text: string): boolean {
  const sep = text.indexOf('://');
  if (sep >= 0) {
    if (SCHEME_BEFORE.test(text) || sep === 0 || text.slice(0, sep).includes(DYNAMIC)) return true;
  }
  if (!text.includes('=')) return false;
  for (const m of text.matchAll(KEYWORD_PAIR)) {
    if (LIBPQ_KEYWORDS.has((m[1] as string).toLowerCase())) return true;
  }
  return false;
}

function isMethodCall(call: Node | null | undefined, method: string): boolean {
  if (call?.type !== 'call') return false;
  const fn = call.childForFieldName('function');
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === method;
}

/** Climbs from a literal to the largest string-building expression it is part of. */
function expressionRoot(ctx: FileContext, literal: Node): Node {
  const parentOf = ancestry(literal);
  let node = literal;
  for (;;) {
    spend();
    const parent = parentOf(node);
    if (!parent) return node;
    switch (parent.type) {
      case 'binary_operator': {
        const op = parent.childForFieldName('operator')?.type;
        if (op !== '+' && op !== '%') return node;
        node = parent;
        break;
      }
      case 'parenthesized_expression':
        node = parent;
        break;
      case 'interpolation': {
        const s = parentOf(parent);
        if (s?.type !== 'string') return node;
        node = topStringNode(s);
        break;
      }
      case 'attribute': {
        // "...{}...".format(...)
        const call = parentOf(parent);
        if (parent.childForFieldName('object')?.id !== node.id || !isMethodCall(call, 'format')) return node;
        node = call as Node;
        break;
      }
      case 'list':
      case 'tuple': {
        // " ".join(["host=db", "sslmode=disable"])
        const args = parentOf(parent);
        const call = args ? parentOf(args) : null;
        if (args?.type !== 'argument_list' || !isMethodCall(call, 'join')) return node;
        node = call as Node;
        break;
      }
      case 'argument_list':
      case 'keyword_argument': {
        const up = parentOf(parent);
        const call = parent.type === 'argument_list' ? up : up ? parentOf(up) : null;
        if (call?.type !== 'call') return node;
        const isFormatArg = isMethodCall(call, 'format');
        const isFallback = envLookupOfCall(call, ctx.imports)?.fallback?.id === node.id;
        if (!isFormatArg && !isFallback) return node;
        node = call;
        break;
      }
      case 'boolean_operator': {
        if (parent.childForFieldName('operator')?.type !== 'or' || parent.childForFieldName('right')?.id !== node.id) {
          return node;
        }
        node = parent;
        break;
      }
      default:
        return node;
    }
  }
}

/**
 * A parent lookup along the literal's ancestors. web-tree-sitter finds a node's `.parent` by
 * descending from the root, so climbing n parents one by one costs about n² steps: a connect call
 * around `"postgresql://..." + "x" + ... + "x"` (thousands of terms, a left-deep tree) took
 * minutes. Past a short climb, one descent with a tree cursor lists every ancestor at once; other
 * nodes (none on the climb above) fall back to `.parent`.
 */
function ancestry(literal: Node): (node: Node) => Node | null {
  // Most climbs end after a step or two, where `.parent` is cheaper than a descent that walks the
  // siblings of every ancestor (the module's statements among them, for every literal).
  let steps = 0;
  let listed: ((node: Node) => Node | null) | undefined;
  return (node) => {
    if (listed) return listed(node);
    if (++steps <= SHORT_CLIMB) return node.parent;
    listed = listAncestors(literal);
    return listed(node);
  };
}

/** Steps climbed with `.parent` before the ancestors are listed at once. */
const SHORT_CLIMB = 32;

function listAncestors(literal: Node): (node: Node) => Node | null {
  const chain: Node[] = [];
  const cursor = literal.tree.walk();
  try {
    for (;;) {
      spend();
      const current = cursor.currentNode;
      if (current.id === literal.id) break;
      chain.push(current);
      // Into the child that holds the literal: the first that ends after the literal starts.
      // (The cursor's gotoFirstChildForIndex finds none in this web-tree-sitter build.)
      let found = cursor.gotoFirstChild();
      while (found && cursor.endIndex <= literal.startIndex) found = cursor.gotoNextSibling();
      if (!found || chain.length > MAX_DESCENT) return (node) => node.parent;
    }
  } finally {
    cursor.delete();
  }
  chain.reverse(); // nearest first
  const position = new Map<number, number>([[literal.id, -1]]);
  chain.forEach((n, i) => position.set(n.id, i));
  return (node) => {
    const i = position.get(node.id);
    return i === undefined ? node.parent : (chain[i + 1] ?? null);
  };
}

/** Far deeper than any expression tree-sitter can parse without running out of stack. */
const MAX_DESCENT = 1_000_000;
