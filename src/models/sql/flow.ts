import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { envLookupOfCall, envLookupOfSubscript, isEnviron } from '../../lang/python/env.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import type { Binding, Scope } from '../../lang/python/scope.js';
import {
  annotationConverter,
  bindingStart,
  callsOf,
  dominates,
  enclosingAssignment,
  enclosingLoop,
  parameterNode,
  readsOwnValue,
} from './bindings.js';
import { callsNamed } from './call-table.js';
import { isGuarded, membership, quotesRejected } from './guards.js';
import { isIntegerAttribute } from './int-attributes.js';
import { routeOf, TYPED_CONVERTERS } from './route-params.js';
import { braceFields, HOLE, isNumericSpec, percentDirectives } from './text.js';
import {
  COMPOSABLE,
  constant,
  EMPTY,
  inserted,
  merge,
  opaque,
  short,
  type Construction,
  type Insertion,
  type ParamRef,
  type Source,
  type Value,
} from './values.js';
import {
  CASTS,
  CLOCKS,
  DUNDER,
  isConfig,
  PASSTHROUGH_CALLS,
  PASSTHROUGH_METHODS,
  PSYCOPG_SQL,
  QUOTING,
  requestInput,
  SCALAR_METHODS,
  SQLALCHEMY_TEXT,
  TEXT_KEEPING_METHODS,
  UPPER_CONSTANT,
} from './vocabulary.js';
import { decodeString } from '../../lang/python/strings.js';

/**
 * A taint-lite analysis of one file for the SQL-built-from-strings rule. It answers, for an
 * expression: what constant text it has (so the rule can tell SQL from a log line), which values
 * of unknown or untrusted origin went into it, and by which string building (f-string, `%`,
 * `.format()`, `+`, `join`). It follows local variables with a light reaching-definitions walk
 * (an unconditional assignment before the use hides older ones; assignments in branches and `+=`
 * add up), module constants, loop variables over constant lists, lists filled with `append`, and
 * treats as safe what cannot carry a quote: constants of the file, numbers (`int()`, `%d`,
 * `{:d}`), allow-listed values, quoted identifiers and environment/config reads.
 */

const MAX_DEPTH = 40;

export class SqlFlow {
  private readonly memo = new Map<number, Value>();
  private readonly active = new Set<number>();
  private depth = 0;
  private appends: Map<string, Node[]> | undefined;

  constructor(readonly index: PythonIndex) {}

  analyze(node: Node): Value {
    const cached = this.memo.get(node.id);
    if (cached) return cached;
    if (this.active.has(node.id) || this.depth > MAX_DEPTH) return EMPTY;
    this.active.add(node.id);
    this.depth++;
    let v: Value;
    try {
      v = this.compute(node);
    } finally {
      this.depth--;
      this.active.delete(node.id);
    }
    this.memo.set(node.id, v);
    return v;
  }

  /** The parameter an identifier stands for, when no assignment reaches the use (for wrappers). */
  parameterOf(identifier: Node): { fn: Node; index: number; name: string } | undefined {
    if (identifier.type !== 'identifier') return undefined;
    const reaching = this.reaching(identifier);
    if (reaching.length !== 1) return undefined;
    const target = (reaching[0] as Binding).target;
    const param = parameterNode(target);
    if (!param) return undefined;
    const params = param.parent;
    const fn = params?.parent;
    if (params?.type !== 'parameters' || fn?.type !== 'function_definition') return undefined;
    const index = params.namedChildren.filter((c) => c.type !== 'comment').findIndex((c) => c.id === param.id);
    if (param.type === 'list_splat_pattern' || param.type === 'dictionary_splat_pattern') return undefined;
    return { fn, index, name: identifier.text };
  }

  private compute(node: Node): Value {
    switch (node.type) {
      case 'string':
      case 'concatenated_string':
        return this.string(node);
      case 'integer':
      case 'float':
      case 'true':
      case 'false':
      case 'none':
        return constant(node.text);
      case 'parenthesized_expression': {
        const inner = node.firstNamedChild;
        return inner ? this.analyze(inner) : EMPTY;
      }
      case 'identifier':
        return this.identifier(node);
      case 'attribute':
        return this.attribute(node);
      case 'subscript':
        return this.subscript(node);
      case 'call':
        return this.call(node);
      case 'binary_operator':
        return this.binary(node);
      case 'boolean_operator': {
        const l = this.side(node, 'left');
        const r = this.side(node, 'right');
        return merge([l, r], l.text ?? r.text);
      }
      case 'conditional_expression':
        return this.conditional(node);
      case 'not_operator':
      case 'comparison_operator':
      case 'unary_operator':
      case 'lambda':
        return constant(null);
      case 'list':
      case 'tuple':
      case 'set':
      case 'expression_list':
      case 'dictionary':
        return merge(
          node.namedChildren.filter((c) => c.type !== 'comment').map((c) => this.analyze(c)),
          null,
        );
      case 'pair': {
        const value = node.childForFieldName('value');
        return value ? this.analyze(value) : EMPTY;
      }
      case 'list_splat':
      case 'dictionary_splat': {
        const inner = node.firstNamedChild;
        return inner ? this.analyze(inner) : EMPTY;
      }
      case 'list_comprehension':
      case 'set_comprehension':
      case 'generator_expression': {
        const body = node.childForFieldName('body');
        return body ? this.analyze(body) : EMPTY;
      }
      case 'dictionary_comprehension': {
        const body = node.childForFieldName('body');
        return body ? this.analyze(body) : EMPTY;
      }
      case 'await':
      default:
        return opaque({ kind: 'unknown', node, label: short(node.text) });
    }
  }

  private side(node: Node, field: string): Value {
    const child = node.childForFieldName(field);
    return child ? this.analyze(child) : EMPTY;
  }

  // --- strings -------------------------------------------------------------------------------

  private string(node: Node): Value {
    const decoded = decodeString(node);
    if (!decoded || decoded.template) return EMPTY;
    let text = '';
    const parts: Value[] = [];
    const insertions: Insertion[] = [];
    for (const part of decoded.parts) {
      if (part.kind === 'text') {
        text += part.text;
        continue;
      }
      const spec = part.plain ? null : part.expression.parent?.childForFieldName('format_specifier');
      // `{n:d}`, `{x:.2f}`: Python raises for a str, so only a number gets in.
      if (spec && isNumericSpec(spec.text.replace(/^:/, ''))) {
        text += '0';
        continue;
      }
      const v = this.analyze(part.expression);
      insertions.push(...inserted('an f-string', part.expression, v, text));
      text += v.text ?? HOLE;
      parts.push(v);
    }
    return { ...merge(parts, text), insertions: [...parts.flatMap((p) => p.insertions), ...insertions] };
  }

  // --- names ---------------------------------------------------------------------------------

  private identifier(node: Node): Value {
    const name = node.text;
    const bindings = this.reaching(node);
    if (bindings.length === 0) {
      const lookup = this.index.scopes.lookup(node);
      if (lookup.kind === 'unbound' && UPPER_CONSTANT.test(name)) return constant(null);
      return opaque({ kind: 'unknown', node, label: name });
    }
    const values: Value[] = [];
    // Ascending order, so that `sql = "SELECT…"; sql += f"…"` reads in source order.
    for (const b of [...bindings].sort((a, c) => a.target.startIndex - c.target.startIndex)) {
      values.push(this.bindingValue(b, node));
    }
    const texts = values.map((v) => v.text).filter((t): t is string => t !== null);
    const v = merge(values, texts.length > 0 ? texts.join('') : null);
    if (v.sources.length > 0) {
      const fn = this.functionOf(node);
      if (fn && isGuarded(node, fn, this.index)) return constant(v.text);
      const quotes = fn ? quotesRejected(node, fn, this.index) : undefined;
      if (quotes && quotes.size > 0) return { ...v, sources: v.sources.map((s) => ({ ...s, quotesRejected: quotes })) };
    }
    return v;
  }

  private bindingValue(b: Binding, use: Node): Value {
    if (b.kind === 'value') return this.withAppends(b, this.analyze(b.value));
    const target = b.target;
    const name = target.text;
    if (b.kind === 'import') {
      return UPPER_CONSTANT.test(name) ? constant(null) : opaque({ kind: 'unknown', node: use, label: name });
    }
    const parent = target.parent;
    if (!parent) return opaque({ kind: 'unknown', node: use, label: name });
    if (parent.type === 'augmented_assignment') {
      const right = parent.childForFieldName('right');
      const op = parent.childForFieldName('operator')?.type;
      if (!right) return EMPTY;
      const v = this.analyze(right);
      if (op !== '+=') return v.text === null ? constant(null) : v;
      return { ...v, insertions: [...v.insertions, ...inserted('concatenation', right, v, '')] };
    }
    const param = parameterNode(target);
    if (param) return opaque(this.parameterSource(param, target, use));
    if (parent.type === 'function_definition' || parent.type === 'class_definition') return constant(null);
    const loop = enclosingLoop(target);
    if (loop) {
      const iterable = loop.childForFieldName('right');
      if (!iterable) return EMPTY;
      const v = this.analyze(iterable);
      // `for sql in [f"… {x}", …]: cur.execute(sql)`: each element is a string built before the loop.
      const built = this.builtElements(iterable);
      if (built) return built;
      return { text: null, sources: v.sources, insertions: [], composable: false };
    }
    if (parent.type === 'named_expression') {
      const value = parent.childForFieldName('value');
      return value ? this.analyze(value) : EMPTY;
    }
    const assignment = enclosingAssignment(target);
    if (assignment) {
      const right = assignment.childForFieldName('right');
      if (right) {
        const v = this.analyze(right);
        return { text: null, sources: v.sources, insertions: [], composable: false };
      }
    }
    return opaque({ kind: 'unknown', node: use, label: name });
  }

  private parameterSource(param: Node, target: Node, use: Node): Source {
    const name = target.text;
    const fn = param.parent?.parent;
    const fnName = fn?.type === 'function_definition' ? (fn.childForFieldName('name')?.text ?? '') : 'lambda';
    const route = fn?.type === 'function_definition' ? routeOf(fn, this.index) : undefined;
    if (route && name !== 'self' && name !== 'cls') {
      const converter = route.converters.get(name) ?? annotationConverter(param);
      if (converter && TYPED_CONVERTERS.has(converter)) {
        return { kind: 'typed-route', node: use, label: name, fn: fnName, converter };
      }
      return { kind: 'route', node: use, label: name, fn: fnName };
    }
    const params = param.parent;
    const index = params
      ? params.namedChildren.filter((c) => c.type !== 'comment').findIndex((c) => c.id === param.id)
      : -1;
    const ref = fn?.type === 'function_definition' && index >= 0 ? { fn, index, name } : undefined;
    return { kind: 'param', node: use, label: name, fn: fnName, ...(ref ? { param: ref } : {}) };
  }

  /**
   * What the calls of a function in this file pass for one of its parameters: undefined when
   * the file has no call of it (or passes it by `*args`/`**kwargs`), else the arguments' values.
   */
  argumentsFor(ref: ParamRef): { call: Node; value: Value }[] | undefined {
    const out: { call: Node; value: Value }[] = [];
    for (const { call, offset } of callsOf(ref.fn, this.index)) {
      const args = callArguments(call);
      const arg = args.keywords.get(ref.name) ?? args.positional[ref.index - offset];
      if (!arg) {
        if (args.listSplat || args.doubleSplats.length > 0) return undefined;
        // The default applies: what it holds is what this call passes.
        const fallback = defaultOf(ref);
        if (fallback) out.push({ call, value: this.analyze(fallback) });
        continue;
      }
      out.push({ call, value: this.analyze(arg) });
    }
    return out.length > 0 ? out : undefined;
  }

  /** `clauses = []` then `clauses.append(f"… {x}")`: the list holds what was appended. */
  private withAppends(b: Binding, v: Value): Value {
    const value = b.kind === 'value' ? b.value : undefined;
    if (!value || !(value.type === 'list' || (value.type === 'call' && value.text === 'list()'))) return v;
    const scope = this.index.scopes.scopeOf(b.target);
    const calls = this.appendCalls().get(b.target.text) ?? [];
    const added: Value[] = [];
    for (const call of calls) {
      if (this.index.scopes.scopeOf(call).id !== scope.id) continue;
      for (const arg of callArguments(call).positional.slice(-1)) added.push(this.analyze(arg));
    }
    return added.length === 0 ? v : merge([v, ...added], null);
  }

  private appendCalls(): Map<string, Node[]> {
    if (this.appends) return this.appends;
    const out = new Map<string, Node[]>();
    for (const method of ['append', 'extend', 'insert', 'add']) {
      for (const call of callsNamed(this.index, method)) {
        const fn = call.childForFieldName('function');
        const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
        if (object?.type !== 'identifier') continue;
        const list = out.get(object.text);
        if (list) list.push(call);
        else out.set(object.text, [call]);
      }
    }
    this.appends = out;
    return out;
  }

  /**
   * The bindings of a name that may reach `use`. Within the use's own function (or module) the
   * walk goes back from the use: every earlier binding counts until one that runs whenever the
   * use does (an assignment in a block around the use). Bindings in another scope (a closure's
   * variable, a module constant seen from a function) all count.
   */
  private reaching(use: Node): Binding[] {
    const scopes = this.index.scopes;
    const all = scopes.bindingsOf(use.text, use);
    if (all.length <= 1) return [...all];
    const useScope = scopes.scopeOf(use);
    const first = all[0] as Binding;
    const bindingScope = scopes.scopeOf(first.target);
    const sameScope = bindingScope.id === useScope.id && (useScope.kind === 'function' || useScope.kind === 'module');
    if (!sameScope) return [...all];
    const before = all
      .filter((b) => bindingStart(b) < use.startIndex && !readsOwnValue(b, use))
      .sort((a, b) => bindingStart(b) - bindingStart(a));
    const out: Binding[] = [];
    for (const b of before) {
      out.push(b);
      if (dominates(b, use)) break;
    }
    return out.length > 0 ? out : [...all];
  }

  private functionOf(node: Node): Node | undefined {
    let scope: Scope | undefined = this.index.scopes.scopeOf(node);
    while (scope && scope.kind !== 'function') scope = scope.parent;
    return scope?.node;
  }

  // --- attributes and subscripts --------------------------------------------------------------

  private attribute(node: Node): Value {
    const request = requestInput(node);
    if (request) return opaque({ kind: 'request', node, label: short(node.text) });
    const attr = node.childForFieldName('attribute')?.text ?? '';
    if (UPPER_CONSTANT.test(attr) || DUNDER.test(attr)) return constant(null);
    if (isIntegerAttribute(node, this.index)) return constant(null);
    const object = node.childForFieldName('object');
    if (!object) return EMPTY;
    if (object.type === 'identifier' && (object.text === 'self' || object.text === 'cls')) {
      return opaque({ kind: 'unknown', node, label: short(node.text) });
    }
    const v = this.analyze(object);
    // An attribute of request data or of a parameter carries that origin; of anything else it is
    // simply not known (`g.user.name`, `settings.table`).
    if (v.sources.some((s) => s.kind !== 'unknown')) {
      return { text: null, sources: v.sources, insertions: [], composable: false };
    }
    if (v.sources.length === 0 && !v.composable && object.type !== 'identifier') return constant(null);
    return opaque({ kind: 'unknown', node, label: short(node.text) });
  }

  private subscript(node: Node): Value {
    const container = node.childForFieldName('value');
    if (!container) return EMPTY;
    if (envLookupOfSubscript(node, this.index.imports) || isConfig(container)) return constant(null);
    const element = this.localElement(node, container);
    if (element) return element;
    const v = this.analyze(container);
    // A lookup in a mapping or list of constants yields a constant (or a KeyError): an allow-list.
    if (v.sources.length === 0) return constant(null);
    if (v.sources.some((s) => s.kind === 'request')) return opaque({ kind: 'request', node, label: short(node.text) });
    return { text: null, sources: v.sources, insertions: [], composable: false };
  }

  /**
   * The elements of a local list or tuple: a literal, or a name bound once in its scope to one,
   * with what `append`/`insert`/`extend` (of a literal) added there, in source order.
   */
  private listElements(node: Node): Node[] | undefined {
    const n = unparenthesize(node);
    if (n.type === 'list' || n.type === 'tuple') return n.namedChildren.filter((c) => c.type !== 'comment');
    if (n.type !== 'identifier') return undefined;
    const bindings = this.reaching(n);
    const b = bindings[0];
    if (bindings.length !== 1 || b?.kind !== 'value' || (b.value.type !== 'list' && b.value.type !== 'tuple')) {
      return undefined;
    }
    const out = b.value.namedChildren.filter((c) => c.type !== 'comment');
    const scope = this.index.scopes.scopeOf(b.target).id;
    const calls = (this.appendCalls().get(n.text) ?? [])
      .filter((c) => this.index.scopes.scopeOf(c).id === scope)
      .sort((x, y) => x.startIndex - y.startIndex);
    for (const call of calls) {
      const method = call.childForFieldName('function')?.childForFieldName('attribute')?.text;
      const arg = callArguments(call).positional.slice(-1)[0];
      if (!arg || method === 'add') continue;
      if (method === 'extend') out.push(...(this.listElements(arg) ?? [arg]));
      else out.push(arg);
    }
    return out;
  }

  /** A local list's elements when one of them is a string built with a non-constant part. */
  private builtElements(iterable: Node): Value | undefined {
    const elements = this.listElements(iterable);
    if (!elements) return undefined;
    const values = elements.map((e) => this.analyze(e));
    if (!values.some((v) => v.insertions.length > 0)) return undefined;
    const texts = values.map((v) => v.text).filter((t): t is string => t !== null);
    return merge(values, texts.length > 0 ? texts.join(' ') : null);
  }

  /**
   * `q["sql"]` of a local dict (`q = {"sql": f"…"}`, or `q["sql"] = f"…"` in the same scope) and
   * `parts[0]` of a local list: the value stored under that constant key.
   */
  private localElement(node: Node, container: Node): Value | undefined {
    if (container.type !== 'identifier') return undefined;
    const keyNode = node.childForFieldName('subscript');
    if (!keyNode) return undefined;
    if (keyNode.type === 'integer') {
      const elements = this.listElements(container);
      const at = Number(keyNode.text);
      const element = elements && Number.isInteger(at) ? elements.at(at) : undefined;
      return element ? this.analyze(element) : undefined;
    }
    const key = constantKey(keyNode);
    if (key === undefined) return undefined;
    const bindings = this.reaching(container);
    const b = bindings[0];
    if (bindings.length !== 1 || b?.kind !== 'value' || b.value.type !== 'dictionary') return undefined;
    const stored: Node[] = [];
    for (const pair of b.value.namedChildren) {
      const k = pair.type === 'pair' ? pair.childForFieldName('key') : null;
      const v = pair.childForFieldName('value');
      if (k && v && constantKey(k) === key) stored.push(v);
    }
    // Later stores in the same scope before the use: the last one replaces the literal's.
    const scope = this.index.scopes.scopeOf(b.target);
    const assignments = scope.kind === 'function' ? scope.node.descendantsOfType('assignment') : [];
    for (const assignment of assignments) {
      if (assignment.startIndex < b.target.startIndex || assignment.startIndex > node.startIndex) continue;
      const left = assignment.childForFieldName('left');
      const right = assignment.childForFieldName('right');
      if (left?.type !== 'subscript' || !right || left.childForFieldName('value')?.text !== container.text) continue;
      const k = left.childForFieldName('subscript');
      if (!k || constantKey(k) !== key || this.index.scopes.scopeOf(assignment).id !== scope.id) continue;
      stored.push(right);
    }
    if (stored.length === 0) return undefined;
    const values = stored.map((v) => this.analyze(v));
    if (!values.some((v) => v.insertions.length > 0)) return undefined;
    const last = values.at(-1) as Value;
    return merge(values, last.text ?? values.find((v) => v.text !== null)?.text ?? null);
  }

  // --- calls ---------------------------------------------------------------------------------

  private call(node: Node): Value {
    const fn = node.childForFieldName('function');
    if (!fn) return EMPTY;
    if (envLookupOfCall(node, this.index.imports)) return constant(null);
    const names = calleeNames(node, this.index.imports);
    if (names.some((n) => PSYCOPG_SQL.test(n) || SQLALCHEMY_TEXT.test(n))) return COMPOSABLE;
    if (fn.type === 'attribute') return this.methodCall(node, fn, names);
    const written = fn.type === 'identifier' ? fn.text : '';
    const args = node.childForFieldName('arguments');
    const positional = args?.type === 'argument_list' ? callArguments(node).positional : args ? [args] : [];
    if (names.some((n) => CASTS.has(n) || CLOCKS.test(n))) return constant('0');
    if (QUOTING.test(written) || this.isQuotingAlias(fn)) return constant(null);
    if (written === 'map' && positional.length >= 2) {
      const mapper = positional[0] as Node;
      if (mapper.type === 'identifier' && CASTS.has(mapper.text)) return constant(null);
      return merge(
        positional.slice(1).map((a) => this.analyze(a)),
        null,
      );
    }
    if (written === 'filter' && positional[1]) return this.analyze(positional[1]);
    if (PASSTHROUGH_CALLS.has(written)) {
      if (positional.length === 0) return constant(null);
      const vs = positional.map((a) => this.analyze(a));
      return merge(vs, written === 'str' ? ((vs[0] as Value).text ?? null) : null);
    }
    return opaque({ kind: 'unknown', node, label: `${short(fn.text)}()` });
  }

  /** `qn = connection.ops.quote_name` then `qn(x)`. */
  private isQuotingAlias(fn: Node): boolean {
    if (fn.type !== 'identifier') return false;
    const found = this.index.scopes.lookup(fn);
    if (found.kind !== 'value') return false;
    const written = dottedName(found.value) ?? '';
    return QUOTING.test(written.slice(written.lastIndexOf('.') + 1));
  }

  private methodCall(node: Node, fn: Node, names: readonly string[]): Value {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (!object) return EMPTY;
    if (requestInput(fn)) return opaque({ kind: 'request', node, label: short(node.text) });
    if (QUOTING.test(method)) return constant(null);
    if (SCALAR_METHODS.has(method)) return constant('0');
    if (names.some((n) => CLOCKS.test(n))) return constant('0');
    const receiver = this.analyze(object);
    if (receiver.composable) return COMPOSABLE;
    const args = callArguments(node);
    switch (method) {
      case 'format':
        if (receiver.text !== null) return this.format(receiver, args.positional, args.keywords, args, node);
        break;
      case 'join':
        if (receiver.text !== null) return this.join(receiver, node);
        break;
      case 'replace':
        if (receiver.text !== null && args.positional[1]) {
          const by = args.positional[1];
          const v = this.analyze(by);
          const old = args.positional[0] ? this.analyze(args.positional[0]).text : null;
          const at = old ? receiver.text.indexOf(old) : -1;
          const prefix = at >= 0 ? receiver.text.slice(0, at) : '';
          return {
            ...merge([receiver, v], receiver.text),
            insertions: [...receiver.insertions, ...v.insertions, ...inserted('.replace()', by, v, prefix)],
          };
        }
        break;
      case 'get': {
        // Werkzeug's `request.args.get("n", type=int)` converts (or returns the default).
        const type = args.keywords.get('type');
        if (type && CASTS.has(type.text)) return constant(null);
        if (isConfig(object) || isEnviron(object, this.index.imports)) return constant(null);
        const fallback = args.positional[1] ?? args.keywords.get('default');
        const parts = [receiver.sources.length === 0 ? constant(null) : receiver];
        if (fallback) parts.push(this.analyze(fallback));
        return merge(parts, null);
      }
      default:
        break;
    }
    if (PASSTHROUGH_METHODS.has(method)) {
      return {
        ...receiver,
        text: TEXT_KEEPING_METHODS.has(method) ? receiver.text : null,
        insertions: receiver.insertions,
      };
    }
    if (names.some((n) => CASTS.has(n) || CLOCKS.test(n))) return constant('0');
    // An unknown method of request data is still request data (`request.args.to_dict().get`).
    if (receiver.sources.some((s) => s.kind === 'request')) return { ...receiver, text: null };
    return opaque({ kind: 'unknown', node, label: `${short(fn.text)}()` });
  }

  private format(
    template: Value,
    positional: readonly Node[],
    keywords: ReadonlyMap<string, Node>,
    args: ReturnType<typeof callArguments>,
    node: Node,
  ): Value {
    const text = template.text ?? '';
    const used: { node: Node; prefix: string }[] = [];
    let splat = false;
    for (const field of braceFields(text)) {
      if (field.numeric) continue;
      const arg = field.name !== undefined ? keywords.get(field.name) : positional[field.index ?? -1];
      if (arg) used.push({ node: arg, prefix: text.slice(0, field.offset) });
      else splat = true;
    }
    if (splat || args.listSplat) {
      // `*args` / `**kwargs` / `**locals()`: whatever they hold may be written in.
      const list = node.childForFieldName('arguments');
      for (const c of list?.namedChildren ?? []) {
        if (c.type === 'list_splat' || c.type === 'dictionary_splat') used.push({ node: c, prefix: '' });
      }
    }
    return this.written(template, used, '.format()');
  }

  private join(separator: Value, node: Node): Value {
    const args = node.childForFieldName('arguments');
    const arg = args?.type === 'generator_expression' ? args : args ? callArguments(node).positional[0] : undefined;
    if (!arg) return separator;
    const iterable = unparenthesize(arg);
    const v = this.analyze(iterable);
    const elementNode =
      iterable.type === 'generator_expression' || iterable.type === 'list_comprehension'
        ? (iterable.childForFieldName('body') ?? iterable)
        : iterable;
    const sep = separator.text ?? '';
    // `parts = ["SELECT …"]; parts.append(f"WHERE … {x}")`: the local list's own texts, in order.
    const elements = v.text === null && elementNode === iterable ? this.listElements(iterable) : undefined;
    const text =
      v.text !== null
        ? `${v.text}${sep}${v.text}`
        : elements && elements.length > 0
          ? elements.map((e) => this.analyze(e).text ?? HOLE).join(sep)
          : `${HOLE}${sep}${HOLE}`;
    return {
      ...merge([separator, v], text),
      insertions: [...separator.insertions, ...v.insertions, ...inserted('join()', elementNode, v, '')],
    };
  }

  // --- operators -----------------------------------------------------------------------------

  private binary(node: Node): Value {
    const op = node.childForFieldName('operator')?.type;
    const leftNode = node.childForFieldName('left');
    const rightNode = node.childForFieldName('right');
    if (!leftNode || !rightNode) return EMPTY;
    if (op === '+') {
      const l = this.analyze(leftNode);
      const r = this.analyze(rightNode);
      if (l.text === null && r.text === null) return merge([l, r], null);
      return {
        ...merge([l, r], (l.text ?? HOLE) + (r.text ?? HOLE)),
        insertions: [
          ...l.insertions,
          ...r.insertions,
          ...inserted('concatenation', leftNode, l, ''),
          ...inserted('concatenation', rightNode, r, l.text ?? ''),
        ],
      };
    }
    if (op === '%') {
      const l = this.analyze(leftNode);
      if (l.text === null) return constant('0');
      return this.percent(l, rightNode);
    }
    if (op === '*') {
      // `"?" * n`, `["%s"] * len(ids)`: the repeated side, whatever the count.
      const l = this.analyze(leftNode);
      const r = this.analyze(rightNode);
      if (l.text !== null || leftNode.type === 'list' || leftNode.type === 'tuple') return l;
      if (r.text !== null || rightNode.type === 'list' || rightNode.type === 'tuple') return r;
    }
    return constant('0');
  }

  private percent(template: Value, rightNode: Node): Value {
    const right = unparenthesize(rightNode);
    const text = template.text ?? '';
    const directives = percentDirectives(text);
    const used: { node: Node; prefix: string }[] = [];
    const use = (node: Node, offset: number): void => {
      used.push({ node, prefix: text.slice(0, offset) });
    };
    if (right.type === 'tuple') {
      const items = right.namedChildren.filter((c) => c.type !== 'comment');
      for (const d of directives) {
        if (d.numeric) continue;
        const item = d.index !== undefined ? items[d.index] : undefined;
        if (item) use(item, d.offset);
      }
      if (items.some((i) => i.type === 'list_splat')) use(right, 0);
    } else if (right.type === 'dictionary') {
      const byKey = new Map<string, Node>();
      for (const pair of right.namedChildren) {
        if (pair.type !== 'pair') {
          if (pair.type === 'dictionary_splat') use(pair, 0);
          continue;
        }
        const key = pair.childForFieldName('key');
        const value = pair.childForFieldName('value');
        const k = key ? decodeString(key) : undefined;
        if (k && value) byKey.set(k.parts.map((p) => (p.kind === 'text' ? p.text : '')).join(''), value);
      }
      for (const d of directives) {
        const value = d.key !== undefined ? byKey.get(d.key) : undefined;
        if (value && !d.numeric) use(value, d.offset);
      }
    } else {
      // One value (or a tuple held in a variable) for every directive.
      for (const d of directives) if (!d.numeric) use(right, d.offset);
    }
    return this.written(template, used, '%-formatting');
  }

  /** A template with values written in at the given places. */
  private written(template: Value, used: readonly { node: Node; prefix: string }[], how: Construction): Value {
    const vs = used.map((u) => this.analyze(u.node));
    return {
      ...merge([template, ...vs], template.text),
      insertions: [
        ...template.insertions,
        ...vs.flatMap((v) => v.insertions),
        ...used.flatMap((u, i) => inserted(how, u.node, vs[i] as Value, u.prefix)),
      ],
    };
  }

  private conditional(node: Node): Value {
    const parts = node.namedChildren.filter((c) => c.type !== 'comment');
    const [a, cond, b] = parts;
    if (!a || !cond || !b) return EMPTY;
    // `col if col in ALLOWED else "id"`: the branch that passed the check is safe.
    const check = membership(cond);
    const va = check && !check.negated && check.name === a.text ? constant(null) : this.analyze(a);
    const vb = check && check.negated && check.name === b.text ? constant(null) : this.analyze(b);
    return merge([va, vb], va.text ?? vb.text);
  }
}

/** A plain string key (`"sql"`), as text. */
function constantKey(node: Node): string | undefined {
  if (node.type !== 'string') return undefined;
  const decoded = decodeString(node);
  if (!decoded || decoded.template || decoded.parts.some((p) => p.kind !== 'text')) return undefined;
  return decoded.parts.map((p) => (p.kind === 'text' ? p.text : '')).join('');
}

/** The default value of a parameter (`var: str = "enable_audit"`), if it has one. */
function defaultOf(ref: ParamRef): Node | undefined {
  const params = ref.fn.childForFieldName('parameters')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const param = params[ref.index];
  if (param?.type !== 'default_parameter' && param?.type !== 'typed_default_parameter') return undefined;
  return param.childForFieldName('value') ?? undefined;
}
