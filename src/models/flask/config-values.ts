import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../lang/python/args.js';
import { envLookupOfCall } from '../../lang/python/env.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isKnown, joinText, type StrValue } from '../../lang/python/values.js';

/**
 * What a Flask setting's value is, as far as the file says: literal text, a constant, a
 * duration. Values read from the environment with a fallback are answered with the fallback and
 * the variable's name, so a rule can say "when X is not set".
 */

export interface LiteralText {
  readonly text: string;
  /** The string literals the text was written in, in order. */
  readonly literals: readonly Node[];
  /** The text is the fallback of this environment variable. */
  readonly envFallbackOf: string | undefined;
}

/**
 * The text of a value built only from string literals (a literal, a constant, an f-string or a
 * concatenation of them, `"...".encode()`); undefined when any part is not written in the file.
 */
export function literalText(py: PythonIndex, node: Node): LiteralText | undefined {
  const value = py.evaluator.evaluate(encodedOperand(node) ?? node);
  if (value.kind !== 'str' || !isKnown(value)) return undefined;
  return fromStr(value);
}

function fromStr(value: StrValue): LiteralText | undefined {
  const literals: Node[] = [];
  let envFallbackOf: string | undefined;
  for (const s of value.segments) {
    if (!s.literal) return undefined; // a number or bool written into the text
    if (!literals.some((l) => l.id === s.literal?.id)) literals.push(s.literal);
    envFallbackOf ??= s.envFallbackOf;
  }
  if (literals.length === 0) return undefined;
  return { text: joinText(value), literals, envFallbackOf };
}

/** `"...".encode()` / `"...".encode("utf-8")`: the string it encodes. */
function encodedOperand(node: Node): Node | undefined {
  const n = unparenthesize(node);
  if (n.type !== 'call') return undefined;
  const fn = n.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'encode') return undefined;
  return fn.childForFieldName('object') ?? undefined;
}

export interface ConstantValue {
  readonly value: boolean | number | string | null;
  /** Where it is written (the literal). */
  readonly node: Node;
  readonly envFallbackOf: string | undefined;
}

/**
 * A boolean, number, None or fully literal string the value is, directly or through a constant;
 * for `os.environ.get("X", False)` and `os.getenv("X") or False`, the fallback (marked).
 */
export function constantValue(py: PythonIndex, node: Node): ConstantValue | undefined {
  const n = unparenthesize(node);
  const fallback = envFallback(py, n);
  if (fallback) {
    const inner = constantValue(py, fallback.node);
    return inner ? { ...inner, envFallbackOf: inner.envFallbackOf ?? fallback.name } : undefined;
  }
  const v = py.evaluator.evaluate(n);
  if (v.kind === 'const') return { value: v.value, node: v.node, envFallbackOf: undefined };
  if (v.kind === 'str' && isKnown(v)) {
    const lit = fromStr(v);
    const first = lit?.literals[0];
    if (lit && first) return { value: lit.text, node: first, envFallbackOf: lit.envFallbackOf };
  }
  return undefined;
}

/** `os.environ.get(N, D)` / `os.getenv(N, D)` / `config(N, default=D)` → D; `lookup or D` → D. */
function envFallback(py: PythonIndex, n: Node): { name: string; node: Node } | undefined {
  if (n.type === 'call') {
    const env = envLookupOfCall(n, py.imports);
    if (env?.name !== undefined && env.fallback) return { name: env.name, node: env.fallback };
    return undefined;
  }
  if (n.type === 'boolean_operator' && n.childForFieldName('operator')?.type === 'or') {
    const left = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    const l = left ? unparenthesize(left) : undefined;
    if (l?.type !== 'call' || !right) return undefined;
    const env = envLookupOfCall(l, py.imports);
    if (env?.name !== undefined) return { name: env.name, node: right };
  }
  return undefined;
}

const SECONDS: Readonly<Record<string, number>> = {
  weeks: 7 * 86400,
  days: 86400,
  hours: 3600,
  minutes: 60,
  seconds: 1,
  milliseconds: 0.001,
  microseconds: 0.000001,
};
// timedelta(days=0, seconds=0, microseconds=0, milliseconds=0, minutes=0, hours=0, weeks=0)
const POSITIONAL = ['days', 'seconds', 'microseconds', 'milliseconds', 'minutes', 'hours', 'weeks'];

export interface Duration {
  readonly seconds: number;
  readonly envFallbackOf: string | undefined;
}

/**
 * A duration in seconds: `timedelta(days=365)`, `datetime.timedelta(weeks=8)`, an int of
 * seconds (`86400 * 90`, `60 * 60 * 24 * 365`, a constant holding one).
 */
export function settingDuration(py: PythonIndex, node: Node, depth = 0): Duration | undefined {
  if (depth > 16) return undefined;
  const n = unparenthesize(node);
  if (n.type === 'call') {
    const names = calleeNames(n, py.imports);
    if (names.some((c) => c === 'timedelta' || c.endsWith('.timedelta'))) {
      const args = callArguments(n);
      if (args.listSplat || args.doubleSplats.length > 0) return undefined;
      let total = 0;
      let envFallbackOf: string | undefined;
      for (const [i, unit] of POSITIONAL.entries()) {
        const a = argument(args, i, unit);
        if (!a) continue;
        const amount = number(py, a, depth + 1);
        if (!amount) return undefined;
        total += amount.seconds * (SECONDS[unit] as number);
        envFallbackOf ??= amount.envFallbackOf;
      }
      return { seconds: total, envFallbackOf };
    }
    if (names.includes('int') || names.includes('float')) {
      const first = callArguments(n).positional[0];
      return first ? settingDuration(py, first, depth + 1) : undefined;
    }
  }
  return number(py, n, depth + 1);
}

/** A number the expression evaluates to: literals, + - * / // and constants. */
function number(py: PythonIndex, node: Node, depth: number): Duration | undefined {
  if (depth > 16) return undefined;
  const n = unparenthesize(node);
  const type = n.type;
  if (type === 'integer' || type === 'float') {
    const v = Number(n.text.split('_').join(''));
    return Number.isFinite(v) ? { seconds: v, envFallbackOf: undefined } : undefined;
  }
  if (type === 'binary_operator') {
    const op = n.childForFieldName('operator')?.type;
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const a = l ? number(py, l, depth + 1) : undefined;
    const b = r ? number(py, r, depth + 1) : undefined;
    if (!a || !b) return undefined;
    const envFallbackOf = a.envFallbackOf ?? b.envFallbackOf;
    switch (op) {
      case '*':
        return { seconds: a.seconds * b.seconds, envFallbackOf };
      case '+':
        return { seconds: a.seconds + b.seconds, envFallbackOf };
      case '-':
        return { seconds: a.seconds - b.seconds, envFallbackOf };
      case '/':
        return b.seconds === 0 ? undefined : { seconds: a.seconds / b.seconds, envFallbackOf };
      case '//':
        return b.seconds === 0 ? undefined : { seconds: Math.floor(a.seconds / b.seconds), envFallbackOf };
      default:
        return undefined;
    }
  }
  if (type === 'identifier') {
    const found = py.scopes.lookup(n);
    return found.kind === 'value' ? settingDuration(py, found.value, depth + 1) : undefined;
  }
  const fallback = envFallback(py, n);
  if (fallback) {
    const inner = number(py, fallback.node, depth + 1);
    if (inner) return { seconds: inner.seconds, envFallbackOf: inner.envFallbackOf ?? fallback.name };
    // os.environ.get("LIFETIME", "7776000"): a numeric string, once int() has it.
    const text = literalText(py, fallback.node);
    const v = text ? Number(text.text) : NaN;
    return Number.isFinite(v) && text?.text.trim() !== '' ? { seconds: v, envFallbackOf: fallback.name } : undefined;
  }
  if (type === 'call') {
    const names = calleeNames(n, py.imports);
    if (names.includes('int') || names.includes('float')) {
      const first = callArguments(n).positional[0];
      return first ? number(py, first, depth + 1) : undefined;
    }
  }
  return undefined;
}
