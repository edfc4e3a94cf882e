import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize } from './args.js';
import type { PythonIndex } from './file-index.js';
import { calleeNames } from './imports.js';

/**
 * Numbers and durations written as literals or module constants: work factors (`rounds=4`,
 * `ITERATIONS = 100_000`, `n=2**14`), token lifetimes (`timedelta(days=30)`, `86400 * 7`) and
 * expiry instants (`datetime.utcnow() + timedelta(hours=48)`, `int(time.time()) + 3600`).
 * Anything read at run time (config, environment, arguments) is unknown: the rules that use
 * these only speak about values the source states.
 */

const MAX_DEPTH = 12;

/** The numeric value of an expression built from literals and single-assignment names. */
export function numberOf(node: Node, py: PythonIndex, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparenthesize(node);
  switch (n.type) {
    case 'integer':
    case 'float': {
      const text = n.text.split('_').join('').toLowerCase();
      // Python's 0o17 and 0b101 are what Number() reads too; a trailing j is complex.
      if (text.endsWith('j')) return undefined;
      const v = Number(text);
      return Number.isFinite(v) ? v : undefined;
    }
    case 'unary_operator': {
      const arg = n.childForFieldName('argument');
      const op = n.childForFieldName('operator')?.type;
      const v = arg ? numberOf(arg, py, depth + 1) : undefined;
      if (v === undefined) return undefined;
      return op === '-' ? -v : op === '+' ? v : undefined;
    }
    case 'binary_operator': {
      const l = n.childForFieldName('left');
      const r = n.childForFieldName('right');
      const op = n.childForFieldName('operator')?.type;
      const a = l ? numberOf(l, py, depth + 1) : undefined;
      const b = r ? numberOf(r, py, depth + 1) : undefined;
      if (a === undefined || b === undefined) return undefined;
      switch (op) {
        case '+':
          return a + b;
        case '-':
          return a - b;
        case '*':
          return a * b;
        case '/':
          return b === 0 ? undefined : a / b;
        case '//':
          return b === 0 ? undefined : Math.floor(a / b);
        case '**':
          return a ** b;
        case '<<':
          return a * 2 ** b;
        default:
          return undefined;
      }
    }
    case 'identifier': {
      const found = py.scopes.lookup(n);
      return found.kind === 'value' ? numberOf(found.value, py, depth + 1) : undefined;
    }
    case 'call': {
      // int(3600 * 24), float("1e5") is not followed.
      const names = calleeNames(n, py.imports);
      const args = callArguments(n);
      const first = args.positional[0];
      if (first && (names.includes('int') || names.includes('float') || names.includes('round'))) {
        return numberOf(first, py, depth + 1);
      }
      // timedelta(...).total_seconds()
      const fn = n.childForFieldName('function');
      if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'total_seconds') {
        const object = fn.childForFieldName('object');
        return object ? secondsOf(object, py, depth + 1) : undefined;
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

const TIMEDELTA = new Set(['datetime.timedelta', 'timedelta', 'datetime.datetime.timedelta', 'pendulum.duration']);
const RELATIVEDELTA = new Set(['dateutil.relativedelta.relativedelta', 'relativedelta']);

// timedelta(days, seconds, microseconds, milliseconds, minutes, hours, weeks)
const TIMEDELTA_UNITS: readonly (readonly [string, number])[] = [
  ['days', 86400],
  ['seconds', 1],
  ['microseconds', 1e-6],
  ['milliseconds', 1e-3],
  ['minutes', 60],
  ['hours', 3600],
  ['weeks', 604800],
];
const RELATIVEDELTA_UNITS: Readonly<Record<string, number>> = {
  years: 365 * 86400,
  months: 30 * 86400,
  weeks: 604800,
  days: 86400,
  hours: 3600,
  minutes: 60,
  seconds: 1,
  microseconds: 1e-6,
};

/** The length in seconds of a `timedelta(...)` (or a name bound to one); undefined otherwise. */
export function secondsOf(node: Node, py: PythonIndex, depth = 0): number | undefined {
  if (depth > MAX_DEPTH) return undefined;
  const n = unparenthesize(node);
  if (n.type === 'identifier') {
    const found = py.scopes.lookup(n);
    return found.kind === 'value' ? secondsOf(found.value, py, depth + 1) : undefined;
  }
  if (n.type === 'binary_operator') {
    // timedelta(days=1) * 30, timedelta(hours=1) + timedelta(minutes=30)
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    const op = n.childForFieldName('operator')?.type;
    if (!l || !r) return undefined;
    if (op === '+' || op === '-') {
      const a = secondsOf(l, py, depth + 1);
      const b = secondsOf(r, py, depth + 1);
      if (a === undefined || b === undefined) return undefined;
      return op === '+' ? a + b : a - b;
    }
    if (op === '*') {
      // Exactly one side is a duration, the other a number.
      const ls = secondsOf(l, py, depth + 1);
      const rs = secondsOf(r, py, depth + 1);
      if (ls !== undefined && rs === undefined) {
        const k = numberOf(r, py, depth + 1);
        return k === undefined ? undefined : ls * k;
      }
      if (rs !== undefined && ls === undefined) {
        const k = numberOf(l, py, depth + 1);
        return k === undefined ? undefined : rs * k;
      }
      return undefined;
    }
    return undefined;
  }
  if (n.type !== 'call') return undefined;
  const names = calleeNames(n, py.imports);
  const args = callArguments(n);
  if (args.listSplat || args.doubleSplats.length > 0) return undefined;
  if (names.some((c) => TIMEDELTA.has(c))) {
    let total = 0;
    for (let i = 0; i < TIMEDELTA_UNITS.length; i++) {
      const [unit, scale] = TIMEDELTA_UNITS[i] as readonly [string, number];
      const a = argument(args, i, unit);
      if (!a) continue;
      const v = numberOf(a, py, depth + 1);
      if (v === undefined) return undefined;
      total += v * scale;
    }
    for (const k of args.keywords.keys()) if (!TIMEDELTA_UNITS.some(([u]) => u === k)) return undefined;
    return total;
  }
  if (names.some((c) => RELATIVEDELTA.has(c))) {
    let total = 0;
    for (const [k, v] of args.keywords) {
      const scale = RELATIVEDELTA_UNITS[k];
      const x = numberOf(v, py, depth + 1);
      if (scale === undefined || x === undefined) return undefined;
      total += x * scale;
    }
    return args.positional.length === 0 ? total : undefined;
  }
  return undefined;
}

/** A duration given either as a timedelta or as a number of seconds. */
export function durationSeconds(node: Node, py: PythonIndex): number | undefined {
  return secondsOf(node, py) ?? numberOf(node, py);
}

// Calls whose result is the same instant as their argument, in another representation.
const SAME_INSTANT_FUNCTIONS = new Set(['int', 'float', 'round', 'calendar.timegm', 'time.mktime', 'math.floor']);
const SAME_INSTANT_METHODS = new Set(['timestamp', 'utctimetuple', 'timetuple', 'replace', 'astimezone']);

export type ExpiryValue =
  | { readonly kind: 'relative'; readonly seconds: number }
  | { readonly kind: 'absolute'; readonly epoch: number }
  | { readonly kind: 'unknown' };

/**
 * How far ahead an `exp` claim lies: `now + duration` in any of the usual spellings (`datetime.
 * utcnow() + timedelta(days=30)`, `int(time.time()) + 86400 * 7`, `(now + LIFETIME).timestamp()`)
 * is `relative`; a bare epoch number is `absolute`. Exactly one addend must be the "now" (any
 * expression that is not a known number or duration) and every other addend a known duration;
 * `now + app.config["TTL"]` is unknown.
 */
export function expiryOf(node: Node, py: PythonIndex, depth = 0): ExpiryValue {
  const unknown: ExpiryValue = { kind: 'unknown' };
  if (depth > MAX_DEPTH) return unknown;
  const n = unparenthesize(node);
  if (n.type === 'identifier') {
    const found = py.scopes.lookup(n);
    return found.kind === 'value' ? expiryOf(found.value, py, depth + 1) : unknown;
  }
  if (n.type === 'call') {
    const names = calleeNames(n, py.imports);
    const first = callArguments(n).positional[0];
    if (first && names.some((c) => SAME_INSTANT_FUNCTIONS.has(c))) return expiryOf(first, py, depth + 1);
    const fn = n.childForFieldName('function');
    if (fn?.type === 'attribute' && SAME_INSTANT_METHODS.has(fn.childForFieldName('attribute')?.text ?? '')) {
      const object = fn.childForFieldName('object');
      return object ? expiryOf(object, py, depth + 1) : unknown;
    }
    return unknown;
  }
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
    const addends: Node[] = [];
    flattenPlus(n, addends);
    let bases = 0;
    let total = 0;
    for (const a of addends) {
      const d = secondsOf(a, py) ?? numberOf(a, py);
      if (d !== undefined) total += d;
      else if (bases++ > 0) return unknown;
    }
    return bases === 1 ? { kind: 'relative', seconds: total } : unknown;
  }
  const v = numberOf(n, py);
  // A bare number as large as today's epoch is a fixed instant.
  if (v !== undefined && v > 1e9) return { kind: 'absolute', epoch: v };
  return unknown;
}

function flattenPlus(node: Node, out: Node[]): void {
  const n = unparenthesize(node);
  if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '+') {
    const l = n.childForFieldName('left');
    const r = n.childForFieldName('right');
    if (l) flattenPlus(l, out);
    if (r) flattenPlus(r, out);
    return;
  }
  out.push(n);
}

/** "30 days", "48 hours", "45 minutes" for messages. */
export function describeSeconds(seconds: number): string {
  const plural = (v: number, unit: string): string => `${v} ${unit}${v === 1 ? '' : 's'}`;
  // Up to three days, hours read better ("48 hours", "24 hours").
  if (seconds >= 3 * 86400 && Number.isInteger(seconds / 86400)) return plural(seconds / 86400, 'day');
  if (seconds >= 3600 && Number.isInteger(seconds / 3600)) return plural(seconds / 3600, 'hour');
  if (seconds >= 3 * 86400) return plural(Math.round((seconds / 86400) * 10) / 10, 'day');
  if (seconds >= 60 && Number.isInteger(seconds / 60)) return plural(seconds / 60, 'minute');
  return plural(Math.round(seconds), 'second');
}
