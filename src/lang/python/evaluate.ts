import { DYNAMIC } from '../../core/dynamic.js';
import { spend } from '../../core/budget.js';
import type { Node } from '../../parse/python.js';
import { callArguments, type CallArgs } from './args.js';
import { envLookupOfCall, envLookupOfSubscript } from './env.js';
import { braceFormat, percentFormat } from './format.js';
import { calleeNames, type ImportMap } from './imports.js';
import type { ScopeIndex } from './scope.js';
import { decodeString } from './strings.js';
import {
  asStr,
  constSegment,
  DYNAMIC_SEGMENT,
  isKnown,
  joinText,
  segmentsOrDynamic,
  str,
  withEnvFallback,
  type DictEntry,
  type ItemValue,
  type PyValue,
  type Segment,
  type StrValue,
} from './values.js';

export * from './values.js';

/**
 * An abstract evaluator for the expressions that carry connection strings and settings. It
 * follows values through single assignments, string building (`+`, f-strings, `%`, `.format`,
 * `str.join`) and environment lookups, and answers with a partly-known value: literal pieces
 * where the source says what they are, DYNAMIC where it does not. Every literal piece remembers
 * the string literal it was written in and whether it is the fallback of an environment variable,
 * so a rule can point at the exact literal and say "this is only the default".
 */

const UNKNOWN: PyValue = { kind: 'unknown' };

/** Calls that hand back their string argument unchanged (for our purposes). */
const PASSTHROUGH = new Set([
  'str',
  'sqlalchemy.engine.make_url',
  'sqlalchemy.engine.url.make_url',
  'sqlalchemy.make_url',
]);
const QUOTE = new Set(['urllib.parse.quote_plus', 'urllib.parse.quote', 'parse.quote_plus', 'parse.quote']);
const DICT = new Set(['dict']);

const MAX_DEPTH = 64;

export class Evaluator {
  private readonly memo = new Map<number, PyValue>();
  private readonly active = new Set<number>();
  private depth = 0;

  constructor(
    readonly scopes: ScopeIndex,
    readonly imports: ImportMap,
  ) {}

  /** The abstract value of an expression (memoised per node for the whole file). */
  evaluate(node: Node): PyValue {
    spend();
    const id = node.id;
    const cached = this.memo.get(id);
    if (cached) return cached;
    // A cycle (`a = b; b = a`) or a runaway chain is simply unknown.
    if (this.active.has(id) || this.depth > MAX_DEPTH) return UNKNOWN;
    this.active.add(id);
    this.depth++;
    let result: PyValue;
    try {
      result = this.compute(node);
    } finally {
      this.depth--;
      this.active.delete(id);
    }
    this.memo.set(id, result);
    return result;
  }

  /** The value as a string when it is one (or a constant written into one), else undefined. */
  evaluateString(node: Node): StrValue | undefined {
    return asStr(this.evaluate(node));
  }

  private compute(node: Node): PyValue {
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
        return this.stringLiteral(node);
      case 'integer':
      case 'float': {
        const n = Number(node.text.split('_').join(''));
        return Number.isNaN(n) ? UNKNOWN : { kind: 'const', value: n, node };
      }
      case 'true':
        return { kind: 'const', value: true, node };
      case 'false':
        return { kind: 'const', value: false, node };
      case 'none':
        return { kind: 'const', value: null, node };
      case 'parenthesized_expression': {
        const inner = node.firstNamedChild;
        return inner ? this.evaluate(inner) : UNKNOWN;
      }
      case 'identifier':
        return this.identifier(node);
      case 'binary_operator':
        return this.binary(node);
      case 'boolean_operator':
        return this.booleanOp(node);
      case 'conditional_expression':
        return this.conditional(node);
      case 'call':
        return this.call(node);
      case 'dictionary':
        return this.dictionary(node);
      case 'list':
      case 'tuple':
      case 'expression_list':
        return this.list(node);
      case 'subscript':
        return this.subscript(node);
      default:
        return UNKNOWN;
    }
  }

  private stringLiteral(node: Node): PyValue {
    // Callers evaluate whole expressions, so a piece of a concatenated_string never gets here
    // alone: the node is the whole literal (asking for its parent would cost a WebAssembly call).
    const literal = node;
    const decoded = decodeString(node);
    if (!decoded || decoded.template) return UNKNOWN;
    const segments: Segment[] = [];
    for (const part of decoded.parts) {
      if (part.kind === 'text') {
        segments.push({ text: part.text, literal, envFallbackOf: undefined });
      } else if (!part.plain) {
        segments.push(DYNAMIC_SEGMENT);
      } else {
        segments.push(...segmentsOrDynamic(this.evaluate(part.expression)));
      }
    }
    return str(segments);
  }

  private identifier(node: Node): PyValue {
    const found = this.scopes.lookup(node);
    if (found.kind !== 'value') return UNKNOWN;
    return this.evaluate(found.value);
  }

  private binary(node: Node): PyValue {
    const op = node.childForFieldName('operator')?.type;
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    if (!leftNode || !rightNode) return UNKNOWN;
    if (op === '+') {
      const left = this.evaluate(leftNode);
      const right = this.evaluate(rightNode);
      if (left.kind === 'str' || right.kind === 'str') {
        // One side a string: the other must be one too at run time; unknown parts stay DYNAMIC.
        return str([...segmentsOrDynamic(left), ...segmentsOrDynamic(right)]);
      }
      if (
        left.kind === 'const' &&
        right.kind === 'const' &&
        typeof left.value === 'number' &&
        typeof right.value === 'number'
      ) {
        return { kind: 'const', value: left.value + right.value, node };
      }
      return UNKNOWN;
    }
    if (op === '%') {
      const template = this.evaluate(leftNode);
      if (template.kind !== 'str') return UNKNOWN;
      return percentFormat(template, this.evaluate(rightNode));
    }
    return UNKNOWN;
  }

  /** `os.environ.get("X") or "default"`: the default, marked as X's fallback. */
  private booleanOp(node: Node): PyValue {
    const op = node.childForFieldName('operator')?.type;
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    if (op !== 'or' || !leftNode || !rightNode) return UNKNOWN;
    const left = this.evaluate(leftNode);
    if (left.kind === 'unknown' && left.envName !== undefined) {
      return withEnvFallback(this.evaluate(rightNode), left.envName);
    }
    if (left.kind === 'str' && isKnown(left) && joinText(left) !== '') return left;
    if (left.kind === 'const' && left.value !== null && left.value !== false && left.value !== 0) return left;
    if (left.kind === 'const' || (left.kind === 'str' && joinText(left) === '')) return this.evaluate(rightNode);
    return UNKNOWN;
  }

  /** `a if c else b`: known only when both branches agree. */
  private conditional(node: Node): PyValue {
    const branches = conditionalParts(node);
    const a = branches[0];
    const b = branches[2];
    if (!a || !b) return UNKNOWN;
    const va = asStr(this.evaluate(a));
    const vb = asStr(this.evaluate(b));
    if (va && vb && isKnown(va) && joinText(va) === joinText(vb)) return va;
    return UNKNOWN;
  }

  private subscript(node: Node): PyValue {
    const env = envLookupOfSubscript(node, this.imports);
    if (env) return env.name !== undefined ? { kind: 'unknown', envName: env.name } : UNKNOWN;
    const object = node.childForFieldName('value');
    const key = node.childForFieldName('subscript');
    if (!object || !key) return UNKNOWN;
    const container = this.evaluate(object);
    const k = asStr(this.evaluate(key));
    if (container.kind === 'dict' && k && isKnown(k)) {
      return container.entries.get(joinText(k))?.value ?? UNKNOWN;
    }
    return UNKNOWN;
  }

  private call(node: Node): PyValue {
    const env = envLookupOfCall(node, this.imports);
    if (env) {
      if (env.fallback) {
        const fallback = this.evaluate(env.fallback);
        if (fallback.kind === 'const' && fallback.value === null) {
          return env.name !== undefined ? { kind: 'unknown', envName: env.name } : UNKNOWN;
        }
        return env.name !== undefined ? withEnvFallback(fallback, env.name) : fallback;
      }
      return env.name !== undefined ? { kind: 'unknown', envName: env.name } : UNKNOWN;
    }
    const fn = node.childForFieldName('function');
    if (!fn) return UNKNOWN;
    // String methods: "...".format(...), "sep".join([...]).
    if (fn.type === 'attribute') {
      const method = fn.childForFieldName('attribute')?.text;
      const object = fn.childForFieldName('object');
      if (object && (method === 'format' || method === 'join')) {
        const receiver = this.evaluate(object);
        if (receiver.kind === 'str') {
          const args = callArguments(node);
          if (method === 'format') return this.format(receiver, args);
          return this.join(receiver, args);
        }
      }
    }
    const callee = calleeNames(node, this.imports);
    const args = callArguments(node);
    if (callee.some((c) => PASSTHROUGH.has(c)) && args.positional[0]) {
      const inner = this.evaluate(args.positional[0]);
      return inner.kind === 'const' && inner.value !== null ? str([constSegment(inner.value)]) : inner;
    }
    if (callee.some((c) => QUOTE.has(c)) && args.positional[0]) {
      const inner = asStr(this.evaluate(args.positional[0]));
      if (!inner) return UNKNOWN;
      return str(inner.segments.map((s) => (s.text === DYNAMIC ? s : { ...s, text: encodeURIComponent(s.text) })));
    }
    if (callee.some((c) => DICT.has(c))) return this.dictCall(node, args);
    return { kind: 'call', callee, node };
  }

  private format(template: StrValue, args: CallArgs): PyValue {
    const positional = args.positional.map((a) => this.evaluate(a));
    const named = new Map<string, PyValue>();
    for (const [k, v] of args.keywords) named.set(k, this.evaluate(v));
    // Arguments hidden in `*args`/`**kwargs` leave their fields unknown (DYNAMIC) below.
    return braceFormat(template, positional, named);
  }

  private join(separator: StrValue, args: CallArgs): PyValue {
    const iterable = args.positional[0];
    if (!iterable) return UNKNOWN;
    const items = this.evaluate(iterable);
    if (items.kind !== 'list' || items.open) return str([DYNAMIC_SEGMENT]);
    const out: Segment[] = [];
    items.items.forEach((item, i) => {
      if (i > 0) out.push(...separator.segments);
      out.push(...segmentsOrDynamic(item.value));
    });
    return str(out);
  }

  private dictionary(node: Node): PyValue {
    const entries = new Map<string, DictEntry>();
    let open = false;
    for (const child of node.namedChildren) {
      if (child.type === 'pair') {
        const keyNode = child.childForFieldName('key');
        const valueNode = child.childForFieldName('value');
        if (!keyNode || !valueNode) continue;
        const key = asStr(this.evaluate(keyNode));
        if (!key || !isKnown(key)) {
          open = true;
          continue;
        }
        const k = joinText(key);
        entries.set(k, { key: k, keyNode, value: this.evaluate(valueNode), valueNode });
      } else if (child.type === 'dictionary_splat') {
        open = this.mergeSplat(child.firstNamedChild, entries) || open;
      }
    }
    return { kind: 'dict', entries, open, node };
  }

  /** `dict(a=1, **base)` and `dict({"a": 1})`. */
  private dictCall(node: Node, args: CallArgs): PyValue {
    const entries = new Map<string, DictEntry>();
    let open = args.listSplat;
    const first = args.positional[0];
    if (first) {
      const base = this.evaluate(first);
      if (base.kind === 'dict') {
        for (const [k, e] of base.entries) entries.set(k, e);
        open = open || base.open;
      } else {
        open = true;
      }
    }
    for (const splat of args.doubleSplats) open = this.mergeSplat(splat, entries) || open;
    for (const [k, v] of args.keywords) {
      entries.set(k, { key: k, keyNode: args.keywordNodes.get(k), value: this.evaluate(v), valueNode: v });
    }
    return { kind: 'dict', entries, open, node };
  }

  /** Merges `**expr` into entries; true when the result may hold more than is listed. */
  private mergeSplat(expr: Node | null, entries: Map<string, DictEntry>): boolean {
    if (!expr) return true;
    const v = this.evaluate(expr);
    if (v.kind !== 'dict') return true;
    for (const [k, e] of v.entries) entries.set(k, e);
    return v.open;
  }

  private list(node: Node): PyValue {
    const items: ItemValue[] = [];
    let open = false;
    for (const child of node.namedChildren) {
      if (child.type === 'comment') continue;
      if (child.type === 'list_splat') {
        const inner = child.firstNamedChild;
        const v = inner ? this.evaluate(inner) : UNKNOWN;
        if (v.kind === 'list') {
          items.push(...v.items);
          open = open || v.open;
        } else {
          open = true;
        }
        continue;
      }
      items.push({ value: this.evaluate(child), node: child });
    }
    return { kind: 'list', items, open, node };
  }
}

/**
 * `a if c else b` as [a, c, b]. The grammar gives the parts no field names, and comments and
 * line continuations (`\` before a newline) are named children too: skip those extras.
 */
export function conditionalParts(node: Node): Node[] {
  return node.namedChildren.filter((c) => !c.isExtra);
}
