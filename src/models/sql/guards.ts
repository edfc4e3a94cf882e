import type { Node } from '../../parse/python.js';
import { MemoSlot, nodesUnder, type PythonIndex } from '../../lang/python/file-index.js';
import { unparenthesize } from '../../lang/python/args.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * Allow-list and shape checks that make a variable safe to write into SQL: `if col not in
 * ALLOWED: abort(400)` before the use, `if col in ALLOWED:` around it, `assert col in ALLOWED`,
 * `if not page.isdigit(): raise …`, `re.fullmatch(r"\w+", name)`. Only the function around the
 * use is searched, and only for the variable's own name: a check on another alias is not seen.
 */

interface Test {
  readonly name: string;
  /** True when the condition holds for a value that FAILED the check (`x not in ALLOWED`). */
  readonly failing: boolean;
  /** A quote-character test (`"'" not in x`): the quote the value is shown not to contain. */
  readonly quote?: string;
}

interface Guard {
  readonly name: string;
  readonly quote?: string;
  /** Uses from here to `end` are protected. */
  readonly start: number;
  readonly end: number;
}

const SHAPE_METHODS = new Set(['isdigit', 'isdecimal', 'isnumeric', 'isalnum', 'isalpha', 'isidentifier']);
const REGEX_CALLS = new Set(['re.match', 're.fullmatch', 'match', 'fullmatch']);
const EXIT_CALLS = /(?:^|\.)(?:abort|exit|_exit|fail|bad_request|not_found|forbidden)$/;

/** Guards by function node id, per file. */
const GUARDS = new MemoSlot<Map<number, readonly Guard[]>>('sql.guards');

/** Whether `use` (an identifier) sits where an allow-list or shape check on its name holds. */
export function isGuarded(use: Node, fn: Node, py: PythonIndex): boolean {
  const name = use.text;
  const at = use.startIndex;
  return guardsOf(fn, py).some((g) => g.quote === undefined && g.name === name && at >= g.start && at < g.end);
}

/**
 * The quote characters `use` is shown not to contain where it sits: CTFd's `if '"' not in
 * table_name and "'" not in table_name:` before formatting it into `'…'` and `"…"`. Such a value
 * cannot leave a literal or identifier quoted with one of them (it can leave anything else).
 */
export function quotesRejected(use: Node, fn: Node, py: PythonIndex): ReadonlySet<string> {
  const at = use.startIndex;
  const out = new Set<string>();
  for (const g of guardsOf(fn, py)) {
    if (g.quote !== undefined && g.name === use.text && at >= g.start && at < g.end) out.add(g.quote);
  }
  return out;
}

function guardsOf(fn: Node, py: PythonIndex): readonly Guard[] {
  const perTree = GUARDS.of(py, () => new Map());
  const hit = perTree.get(fn.id);
  if (hit) return hit;
  const guards: Guard[] = [];
  for (const stmt of nodesUnder(py.branches, fn)) {
    if (stmt.type === 'assert_statement') {
      const cond = stmt.firstNamedChild;
      for (const t of cond ? tests(cond) : []) {
        if (!t.failing) guards.push({ name: t.name, quote: t.quote, start: stmt.endIndex, end: fn.endIndex });
      }
      continue;
    }
    const cond = stmt.childForFieldName('condition');
    const body = stmt.childForFieldName('consequence');
    if (!cond || !body) continue;
    const exits = blockExits(body);
    for (const t of tests(cond)) {
      if (!t.failing) guards.push({ name: t.name, quote: t.quote, start: body.startIndex, end: body.endIndex });
      else if (exits || assignsName(body, t.name))
        guards.push({ name: t.name, quote: t.quote, start: body.endIndex, end: fn.endIndex });
    }
  }
  perTree.set(fn.id, guards);
  return guards;
}

/** The checks a condition makes, and on which names. */
function tests(cond: Node): Test[] {
  switch (cond.type) {
    case 'parenthesized_expression': {
      const inner = cond.firstNamedChild;
      return inner ? tests(inner) : [];
    }
    case 'not_operator': {
      const arg = cond.childForFieldName('argument');
      return arg ? tests(arg).map((t) => ({ ...t, failing: !t.failing })) : [];
    }
    case 'boolean_operator': {
      // `a in X and b in Y` passes only when both do; `a not in X or b not in Y` fails when either
      // does. The other mixes prove nothing about each name on its own.
      const op = cond.childForFieldName('operator')?.type;
      const both = [cond.childForFieldName('left'), cond.childForFieldName('right')].flatMap((c) =>
        c ? tests(c) : [],
      );
      return both.filter((t) => (op === 'and' ? !t.failing : t.failing));
    }
    case 'comparison_operator': {
      const operands = cond.namedChildren.filter((c) => c.type !== 'comment');
      // The grammar gives `not in` as one operator node (older versions as two tokens).
      const op = cond
        .childrenForFieldName('operators')
        .map((o) => o.type)
        .join(' ');
      const left = operands[0];
      const right = operands[1];
      const quote = left ? constantStringValue(left) : undefined;
      if (operands.length === 2 && right?.type === 'identifier' && (quote === "'" || quote === '"')) {
        if (op === 'not in') return [{ name: right.text, failing: false, quote }];
        if (op === 'in') return [{ name: right.text, failing: true, quote }];
        return [];
      }
      if (operands.length !== 2 || left?.type !== 'identifier') return [];
      if (op === 'in') return [{ name: left.text, failing: false }];
      if (op === 'not in') return [{ name: left.text, failing: true }];
      return [];
    }
    case 'call':
      return shapeCheck(cond);
    default:
      return [];
  }
}

/** `x.isdigit()`, `re.fullmatch(r"[a-z_]+", x)`. */
function shapeCheck(call: Node): Test[] {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') {
    if (fn?.type === 'identifier' && REGEX_CALLS.has(fn.text)) return regexSubject(call, 1);
    return [];
  }
  const method = fn.childForFieldName('attribute')?.text ?? '';
  const object = fn.childForFieldName('object');
  if (SHAPE_METHODS.has(method) && object?.type === 'identifier') return [{ name: object.text, failing: false }];
  // `re.fullmatch(pattern, x)`, or a compiled `NAME_RE.fullmatch(x)`.
  if (REGEX_CALLS.has(`re.${method}`) && object) return regexSubject(call, object.text === 're' ? 1 : 0);
  return [];
}

function regexSubject(call: Node, index: number): Test[] {
  const args = call.childForFieldName('arguments')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  const subject = args[index];
  return subject?.type === 'identifier' ? [{ name: subject.text, failing: false }] : [];
}

/** The block ends the path: `raise`, `return`, `continue`, `break`, `abort(400)`, `sys.exit()`. */
function blockExits(block: Node): boolean {
  for (const stmt of block.namedChildren) {
    switch (stmt.type) {
      case 'raise_statement':
      case 'return_statement':
      case 'continue_statement':
      case 'break_statement':
        return true;
      case 'expression_statement': {
        const expr = stmt.firstNamedChild;
        const callee = expr?.type === 'call' ? expr.childForFieldName('function') : null;
        if (callee && EXIT_CALLS.test(callee.text)) return true;
        break;
      }
      default:
        break;
    }
  }
  return false;
}

/** `if col not in ALLOWED: col = "created_at"`: the failing value is replaced. */
function assignsName(block: Node, name: string): boolean {
  return block.namedChildren.some((stmt) => {
    const expr = stmt.type === 'expression_statement' ? stmt.firstNamedChild : null;
    return expr?.type === 'assignment' && expr.childForFieldName('left')?.text === name;
  });
}

/** `x in Y` / `x not in Y` with x a name. */
export function membership(cond: Node): { name: string; negated: boolean } | undefined {
  const c = unparenthesize(cond);
  if (c.type !== 'comparison_operator') return undefined;
  const operands = c.namedChildren.filter((n) => n.type !== 'comment');
  const op = c
    .childrenForFieldName('operators')
    .map((o) => o.type)
    .join(' ');
  const left = operands[0];
  if (operands.length !== 2 || !left) return undefined;
  if (op === 'in') return { name: left.text, negated: false };
  if (op === 'not in') return { name: left.text, negated: true };
  return undefined;
}
