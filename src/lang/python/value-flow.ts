import { COSTLY, spend } from '../../core/budget.js';
import type { Node } from '../../parse/python.js';
import { dottedName } from './imports.js';
import type { PythonIndex } from './file-index.js';
import { constantStringValue, decodeString, topStringNode } from './strings.js';

/**
 * Where a value goes and what it is called on the way: the questions a rule asks when the same
 * call (`random.choice`, `hashlib.md5`) is harmless or a weakness depending on its purpose. The
 * value is followed upwards through the expressions that keep its meaning (`str()`, `"".join`,
 * f-strings, `%`, `.hexdigest()`, slicing, comprehensions) to the place it arrives: an assignment,
 * a `return`, a keyword argument, a dict entry, another call's argument. Flow-insensitive and
 * within one file, like the rest of src/python.
 */

export type SinkKind =
  | 'assignment'
  | 'return'
  | 'keyword'
  | 'pair'
  | 'argument'
  | 'index'
  | 'comparison'
  | 'discard'
  | 'iteration'
  | 'other';

export interface ValueSink {
  readonly kind: SinkKind;
  /**
   * What the value is called where it arrives: the assignment's target names (the last part of
   * `self.api_token`, the string key of `app.config["SECRET_KEY"]`), the keyword, the dict key,
   * the function that returns it, or the callee that receives it.
   */
  readonly names: readonly string[];
  /** The node where the value arrives (the assignment, the return statement, the call…). */
  readonly node: Node;
  /** An assignment to one plain name: that identifier, so a caller can follow its uses. */
  readonly target?: Node;
}

export interface ValueFlow {
  readonly sink: ValueSink;
  /** Literal text the value was formatted into on the way (`f"/reset?token={v}"`). */
  readonly texts: readonly string[];
  /** Last names of the calls the value went through (`join`, `hexdigest`, `b64encode`). */
  readonly through: readonly string[];
  /** The largest expression built from the value: what arrives at the sink. */
  readonly top: Node;
}

/** Functions whose result carries the meaning of their argument. */
const WRAPPER_FUNCTIONS = new Set([
  'str',
  'int',
  'hex',
  'oct',
  'bin',
  'bytes',
  'bytearray',
  'repr',
  'format',
  'abs',
  'list',
  'tuple',
  'sorted',
  'reversed',
]);

/** Methods whose result carries the meaning of their receiver or argument. */
const WRAPPER_METHODS = new Set([
  'join',
  'format',
  'encode',
  'decode',
  'hexdigest',
  'digest',
  'hex',
  'upper',
  'lower',
  'strip',
  'rstrip',
  'lstrip',
  'zfill',
  'rjust',
  'ljust',
  'center',
  'replace',
  'to_bytes',
  'from_bytes',
  'b64encode',
  'urlsafe_b64encode',
  'b32encode',
  'b16encode',
  'b85encode',
  'standard_b64encode',
  'hexlify',
  'finalize',
  'md5',
  'sha1',
  'sha224',
  'sha256',
  'sha384',
  'sha512',
  'blake2b',
  'blake2s',
  'sha3_256',
  'sha3_512',
]);

/** Methods that put their argument into their receiver (`tokens.append(v)`). */
const COLLECTING_METHODS = new Set(['append', 'add', 'extend', 'insert', 'appendleft', 'setdefault']);

const PASS_THROUGH_TYPES = new Set([
  'parenthesized_expression',
  'conditional_expression',
  'boolean_operator',
  'unary_operator',
  'await',
  'list',
  'tuple',
  'set',
  'expression_list',
  'list_splat',
  'list_comprehension',
  'set_comprehension',
  'generator_expression',
]);

const MAX_STEPS = 40;

/** Where the value of `start` goes (see the module comment). */
export function whereValueGoes(start: Node): ValueFlow {
  const texts: string[] = [];
  const through: string[] = [];
  let cur = start;
  for (let step = 0; step < MAX_STEPS; step++) {
    spend(COSTLY);
    const p = cur.parent;
    if (!p) break;
    const type = p.type;
    if (PASS_THROUGH_TYPES.has(type)) {
      // `"".join(c for c in ...)`: a generator that is a call's whole argument list.
      if (type === 'generator_expression' && p.parent?.type === 'call' && fieldIs(p.parent, 'arguments', p)) {
        const arrived = intoCall(p.parent, p, undefined, texts, through);
        if (arrived === 'continue') {
          cur = p.parent;
          continue;
        }
        return { sink: arrived, texts, through, top: p };
      }
      const assignment = p.parent;
      if (
        (type === 'expression_list' || type === 'tuple') &&
        assignment?.type === 'assignment' &&
        fieldIs(assignment, 'right', p)
      ) {
        const sink = tupleAssignment(assignment, p, cur);
        if (sink) return { sink, texts, through, top: cur };
      }
      cur = p;
      continue;
    }
    switch (type) {
      case 'interpolation': {
        const literal = p.parent ? topStringNode(p.parent) : undefined;
        if (!literal) return flow({ kind: 'other', names: [], node: p }, texts, through, cur);
        texts.push(literalText(literal));
        cur = literal;
        continue;
      }
      case 'binary_operator': {
        for (const side of [p.childForFieldName('left'), p.childForFieldName('right')]) {
          if (side && side.id !== cur.id && (side.type === 'string' || side.type === 'concatenated_string')) {
            texts.push(literalText(side));
          }
        }
        cur = p;
        continue;
      }
      case 'subscript':
        if (fieldIs(p, 'value', cur)) {
          cur = p;
          continue;
        }
        return flow({ kind: 'index', names: [], node: p }, texts, through, cur);
      case 'attribute': {
        const call = p.parent;
        const method = p.childForFieldName('attribute')?.text ?? '';
        if (fieldIs(p, 'object', cur) && call?.type === 'call' && fieldIs(call, 'function', p)) {
          if (WRAPPER_METHODS.has(method)) {
            through.push(method);
            cur = call;
            continue;
          }
          return flow({ kind: 'other', names: [method], node: call }, texts, through, cur);
        }
        return flow({ kind: 'other', names: [method], node: p }, texts, through, cur);
      }
      case 'argument_list': {
        const call = p.parent;
        if (!call || call.type !== 'call') return flow({ kind: 'other', names: [], node: p }, texts, through, cur);
        const arrived = intoCall(call, cur, undefined, texts, through);
        if (arrived === 'continue') {
          cur = call;
          continue;
        }
        return flow(arrived, texts, through, cur);
      }
      case 'keyword_argument': {
        const name = p.childForFieldName('name')?.text ?? '';
        const call = p.parent?.parent;
        if (call?.type === 'call') {
          const arrived = intoCall(call, p, name, texts, through);
          if (arrived === 'continue') {
            cur = call;
            continue;
          }
          return flow(arrived, texts, through, cur);
        }
        return flow({ kind: 'keyword', names: [name], node: p }, texts, through, cur);
      }
      case 'assignment':
      case 'augmented_assignment': {
        if (!fieldIs(p, 'right', cur)) return flow({ kind: 'other', names: [], node: p }, texts, through, cur);
        const names: string[] = [];
        let target: Node | undefined;
        let node: Node = p;
        // `a = b = value` nests the second assignment as the first one's right side.
        for (let a: Node | null = p; a && (a.type === 'assignment' || a.type === 'augmented_assignment');) {
          const left = a.childForFieldName('left');
          if (left) {
            names.push(...targetNames(left));
            if (left.type === 'identifier' && a.type === 'assignment') target = left;
          }
          node = a;
          const up: Node | null = a.parent;
          a = up && up.type === 'assignment' && fieldIs(up, 'right', a) ? up : null;
        }
        const sink: ValueSink = {
          kind: 'assignment',
          names,
          node,
          ...(names.length === 1 && target ? { target } : {}),
        };
        return flow(sink, texts, through, cur);
      }
      case 'return_statement':
      case 'yield': {
        const fn = enclosingFunction(p);
        const name = fn?.childForFieldName('name')?.text;
        return flow({ kind: 'return', names: name ? [name] : [], node: p }, texts, through, cur);
      }
      case 'pair': {
        if (!fieldIs(p, 'value', cur)) return flow({ kind: 'other', names: [], node: p }, texts, through, cur);
        const key = p.childForFieldName('key');
        const name = key ? (constantStringValue(key) ?? key.text) : '';
        return flow({ kind: 'pair', names: [name], node: p }, texts, through, cur);
      }
      case 'comparison_operator':
        return flow({ kind: 'comparison', names: [], node: p }, texts, through, cur);
      case 'for_in_clause':
      case 'for_statement':
        return flow({ kind: 'iteration', names: [], node: p }, texts, through, cur);
      case 'expression_statement':
        return flow({ kind: 'discard', names: [], node: p }, texts, through, cur);
      default:
        return flow({ kind: 'other', names: [], node: p }, texts, through, cur);
    }
  }
  return flow({ kind: 'other', names: [], node: cur }, texts, through, cur);
}

function flow(sink: ValueSink, texts: string[], through: string[], top: Node): ValueFlow {
  return { sink, texts, through, top };
}

/** The value reached a call as an argument: a wrapper keeps it going, any other call receives it. */
function intoCall(
  call: Node,
  arg: Node,
  keyword: string | undefined,
  texts: string[],
  through: string[],
): ValueSink | 'continue' {
  const fn = call.childForFieldName('function');
  if (!fn) return { kind: 'other', names: [], node: call };
  if (fn.type === 'identifier' && WRAPPER_FUNCTIONS.has(fn.text) && keyword === undefined) {
    through.push(fn.text);
    return 'continue';
  }
  if (fn.type === 'attribute') {
    const method = fn.childForFieldName('attribute')?.text ?? '';
    const object = fn.childForFieldName('object');
    if (WRAPPER_METHODS.has(method)) {
      if (object && (object.type === 'string' || object.type === 'concatenated_string')) {
        texts.push(literalText(object));
      }
      through.push(method);
      return 'continue';
    }
    if (COLLECTING_METHODS.has(method) && object) {
      const name = lastName(object);
      return { kind: 'argument', names: name ? [name] : [], node: call };
    }
  }
  const callee = dottedName(fn);
  // `pkcs1_15.new(key).sign(h)`: no dotted name, but the method still says what receives the value.
  const method = fn.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
  const names = [callee ? (callee.split('.').pop() as string) : (method ?? '')];
  if (keyword !== undefined) return { kind: 'keyword', names: [keyword, ...names], node: arg };
  return { kind: 'argument', names, node: call };
}

/** `a, b = x, y`: the target at the same position as the value. */
function tupleAssignment(assignment: Node, values: Node, value: Node): ValueSink | undefined {
  const left = assignment.childForFieldName('left');
  if (!left || !['pattern_list', 'tuple_pattern', 'list_pattern'].includes(left.type)) return undefined;
  const targets = left.namedChildren.filter((c) => c.type !== 'comment');
  const items = values.namedChildren.filter((c) => c.type !== 'comment');
  if (targets.length !== items.length) return undefined;
  const i = items.findIndex((c) => c.id === value.id);
  const target = targets[i];
  if (!target) return undefined;
  return {
    kind: 'assignment',
    names: targetNames(target),
    node: assignment,
    ...(target.type === 'identifier' ? { target } : {}),
  };
}

/** Names of an assignment target (see ValueSink.names). */
export function targetNames(left: Node): string[] {
  switch (left.type) {
    case 'identifier':
      return [left.text];
    case 'attribute':
      return [left.childForFieldName('attribute')?.text ?? ''];
    case 'subscript': {
      const key = left.childForFieldName('subscript');
      const text = key ? constantStringValue(key) : undefined;
      if (text !== undefined) return [text];
      const value = left.childForFieldName('value');
      const name = value ? lastName(value) : undefined;
      return name ? [name] : [];
    }
    case 'pattern_list':
    case 'tuple_pattern':
    case 'list_pattern':
      return left.namedChildren.flatMap((c) => targetNames(c));
    default:
      return [];
  }
}

/** `self.tokens` → tokens; `tokens` → tokens. */
function lastName(node: Node): string | undefined {
  const name = dottedName(node);
  return name === undefined ? undefined : name.split('.').pop();
}

function fieldIs(parent: Node, field: string, child: Node): boolean {
  return parent.childForFieldName(field)?.id === child.id;
}

/** The literal text of a string node, interpolations left out. */
export function literalText(node: Node): string {
  const decoded = decodeString(node);
  if (!decoded) return '';
  return decoded.parts.map((p) => (p.kind === 'text' ? p.text : ' ')).join('');
}

/** The function definition a node sits in (the nearest one), if any. */
export function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) {
    spend(COSTLY); // tree-sitter finds a parent by descending from the root: deep trees make this long
    if (n.type === 'function_definition') return n;
  }
  return undefined;
}

/** The name of the function a node sits in (the nearest one), if any. */
export function enclosingFunctionName(node: Node): string | undefined {
  return enclosingFunction(node)?.childForFieldName('name')?.text;
}

/** The name of the class a node sits in (the nearest one), if any. */
export function enclosingClassName(node: Node): string | undefined {
  for (let n = node.parent; n; n = n.parent) {
    spend(COSTLY);
    if (n.type === 'class_definition') return n.childForFieldName('name')?.text;
  }
  return undefined;
}

/**
 * The other places a local variable is read, in the function that binds it: `code` in
 * `code = random.randint(...); session["otp"] = code`. Module-level names are not followed (their
 * readers may be anywhere). Flow-insensitive.
 */
export function localUses(target: Node, index: PythonIndex): Node[] {
  if (target.type !== 'identifier') return [];
  const scope = index.scopes.scopeOf(target);
  if (scope.kind !== 'function') return [];
  const name = target.text;
  const out: Node[] = [];
  for (const id of scope.node.descendantsOfType('identifier')) {
    if (id.text !== name || id.id === target.id) continue;
    const p = id.parent;
    // Other bindings of the name (`code = ...` again, `for code in`) are not reads.
    if (p && (p.type === 'assignment' || p.type === 'augmented_assignment') && fieldIs(p, 'left', id)) continue;
    if (p?.type === 'keyword_argument' && fieldIs(p, 'name', id)) continue;
    if (p?.type === 'attribute' && fieldIs(p, 'attribute', id)) continue;
    out.push(id);
  }
  return out;
}

/** What a name stands for where it is read, followed through single assignments. */
export interface Origin {
  /** The expression the value was last written as. */
  readonly node: Node;
  /** The names followed to get there, outermost first (`IV` in `modes.CBC(IV)`). */
  readonly names: readonly string[];
  /** Where the last name followed was bound: module and class bodies run once, at import. */
  readonly boundAt: 'module' | 'class' | 'function' | 'other' | undefined;
}

/**
 * Follows identifiers (bound once, by `name = value`) and `self.attr` (assigned once in the
 * class) to the expression that gives them their value.
 */
export function originOf(node: Node, index: PythonIndex, maxHops = 8): Origin {
  let cur = unparen(node);
  const names: string[] = [];
  let boundAt: Origin['boundAt'];
  for (let hop = 0; hop < maxHops; hop++) {
    if (cur.type === 'identifier') {
      const found = index.scopes.lookup(cur);
      if (found.kind !== 'value') break;
      names.push(cur.text);
      const kind = found.scope.kind;
      boundAt = kind === 'module' || kind === 'class' || kind === 'function' ? kind : 'other';
      cur = unparen(found.value);
      continue;
    }
    if (cur.type === 'attribute' && cur.childForFieldName('object')?.text === 'self') {
      const value = selfAttributeValue(cur, index);
      if (!value) break;
      names.push(cur.text);
      boundAt = value.boundAt;
      cur = unparen(value.node);
      continue;
    }
    break;
  }
  return { node: cur, names, boundAt };
}

/** `self.iv` → the one value assigned to it in the class (`self.iv = ...` or `iv = ...` in the body). */
function selfAttributeValue(
  attribute: Node,
  index: PythonIndex,
): { node: Node; boundAt: 'class' | 'function' } | undefined {
  const name = attribute.childForFieldName('attribute')?.text;
  if (!name) return undefined;
  let cls: Node | undefined;
  for (let n = attribute.parent; n; n = n.parent) {
    if (n.type === 'class_definition') {
      cls = n;
      break;
    }
  }
  if (!cls) return undefined;
  const start = cls.startIndex;
  const end = cls.endIndex;
  const found: { node: Node; boundAt: 'class' | 'function' }[] = [];
  for (const a of index.assignments) {
    if (a.startIndex < start || a.endIndex > end) continue;
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (!left || !right) continue;
    if (left.type === 'attribute' && left.text === `self.${name}`) found.push({ node: right, boundAt: 'function' });
    else if (left.type === 'identifier' && left.text === name && index.scopes.scopeOf(a).node.id === cls.id) {
      found.push({ node: right, boundAt: 'class' });
    }
  }
  return found.length === 1 ? found[0] : undefined;
}

export function unparen(node: Node): Node {
  let cur = node;
  while (cur.type === 'parenthesized_expression') {
    const inner = cur.namedChildren.find((c) => c.type !== 'comment');
    if (!inner) break;
    cur = inner;
  }
  return cur;
}
