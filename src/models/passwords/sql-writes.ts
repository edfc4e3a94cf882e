import type { Node } from '../../parse/python.js';
import { DYNAMIC } from '../../core/dynamic.js';
import { callArguments, unparenthesize, type CallArgs } from '../../lang/python/args.js';
import { asStr, joinText } from '../../lang/python/evaluate.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isPasswordColumnName } from './password-data.js';

/**
 * Which bound parameter of an `INSERT`/`UPSERT`/`UPDATE` statement lands in a password column.
 * The SQL is a string value (from the evaluator), so these are small scanners over SQL text,
 * not over Python source.
 */

export type Placeholder =
  /** `%s` or `?`: the n-th positional parameter (0-based). */
  | { readonly kind: 'positional'; readonly index: number }
  /** `$1`: asyncpg/psycopg numbered parameter (0-based here). */
  | { readonly kind: 'numbered'; readonly index: number }
  /** `%(password)s` or `:password`. */
  | { readonly kind: 'named'; readonly name: string };

export interface PasswordSlot {
  readonly table: string;
  readonly column: string;
  readonly placeholder: Placeholder;
}

const INSERT = /\b(?:insert|upsert)\s+(?:or\s+\w+\s+)?into\s+([\w."`[\]]+)\s*\(/gi;
const UPDATE = /\bupdate\s+([\w."`[\]]+)\s+set\s+/gi;
const UPDATE_END = /\b(?:where|returning|from)\b|;/i;

/** Password columns of the statements in `sql` that take a bound parameter. */
export function passwordSlots(sql: string): PasswordSlot[] {
  const out: PasswordSlot[] = [];
  for (const m of sql.matchAll(INSERT)) {
    const table = unquote(m[1] ?? '');
    const open = (m.index ?? 0) + m[0].length - 1;
    const close = matchingParen(sql, open);
    if (close < 0) continue;
    const columns = splitTopLevel(sql, open + 1, close).map((c) => unquote(c.text.trim()));
    const rest = /^\s*values\s*\(/i.exec(sql.slice(close + 1));
    if (!rest) continue;
    const vOpen = close + 1 + rest[0].length - 1;
    const vClose = matchingParen(sql, vOpen);
    if (vClose < 0) continue;
    const values = splitTopLevel(sql, vOpen + 1, vClose);
    columns.forEach((column, i) => {
      const v = values[i];
      if (!v || !isPasswordColumnName(column) || column.includes(DYNAMIC)) return;
      const placeholder = placeholderAt(sql, v.start, v.text);
      if (placeholder) out.push({ table, column, placeholder });
    });
  }
  for (const m of sql.matchAll(UPDATE)) {
    const table = unquote(m[1] ?? '');
    const start = (m.index ?? 0) + m[0].length;
    const tail = sql.slice(start);
    const endMatch = UPDATE_END.exec(tail);
    const end = start + (endMatch ? endMatch.index : tail.length);
    for (const part of splitTopLevel(sql, start, end)) {
      const eq = part.text.indexOf('=');
      if (eq < 0) continue;
      const column = unquote(part.text.slice(0, eq).trim());
      if (!isPasswordColumnName(column) || column.includes(DYNAMIC)) continue;
      const placeholder = placeholderAt(sql, part.start + eq + 1, part.text.slice(eq + 1));
      if (placeholder) out.push({ table, column, placeholder });
    }
  }
  return out;
}

const WHERE = /\bwhere\b/gi;
const WHERE_END = /\b(?:order\s+by|group\s+by|limit|returning|union|having)\b|;/i;
const COMPARED = /([\w."`[\]]+)\s*=\s*(%s|\?|\$\d+|%\(\w+\)s|:\w+)(?![\w(])/g;

/**
 * Password columns a `WHERE` clause compares with a bound parameter (`WHERE username = %s AND
 * password = %s`): the parameter holds what the column is matched against. A column compared with
 * an expression (`password = crypt(%s, password)`) is not a slot.
 */
export function passwordWhereSlots(sql: string): PasswordSlot[] {
  const out: PasswordSlot[] = [];
  for (const w of sql.matchAll(WHERE)) {
    const start = (w.index ?? 0) + w[0].length;
    const tail = sql.slice(start);
    const endMatch = WHERE_END.exec(tail);
    const clause = tail.slice(0, endMatch ? endMatch.index : tail.length);
    for (const m of clause.matchAll(COMPARED)) {
      const written = unquote(m[1] ?? '');
      const column = written.slice(written.lastIndexOf('.') + 1);
      if (!isPasswordColumnName(column) || column.includes(DYNAMIC)) continue;
      const text = m[2] ?? '';
      const offset = start + (m.index ?? 0) + m[0].length - text.length;
      const placeholder = placeholderAt(sql, offset, text);
      if (placeholder) out.push({ table: '', column, placeholder });
    }
  }
  return out;
}

const TEXT_CALLS = new Set(['sqlalchemy.text', 'sqlalchemy.sql.text', 'sqlalchemy.sql.expression.text', 'text']);
const PARAM_KEYWORDS = ['params', 'parameters', 'args', 'vars', 'parameter'];

/** The SQL text an execute-like call runs (through `text(...)` and the evaluator), when known. */
export function executedSql(py: PythonIndex, args: CallArgs): string | undefined {
  let sqlNode = args.positional[0] ?? args.keywords.get('statement') ?? args.keywords.get('query');
  if (!sqlNode) return undefined;
  sqlNode = unparenthesize(sqlNode);
  if (sqlNode.type === 'call' && calleeNames(sqlNode, py.imports).some((c) => TEXT_CALLS.has(c))) {
    const inner = callArguments(sqlNode).positional[0];
    if (!inner) return undefined;
    sqlNode = inner;
  }
  const s = asStr(py.evaluator.evaluate(sqlNode));
  return s ? joinText(s) : undefined;
}

/**
 * The expressions bound to a slot's placeholder, as far as the call shows them: a tuple, list or
 * dict of parameters (also through a local), asyncpg's extra arguments, keyword parameters, and
 * for `executemany` each row of a literal list or of a generator building tuples.
 */
export function boundValues(py: PythonIndex, slot: PasswordSlot, args: CallArgs, many: boolean): Node[] {
  const p = slot.placeholder;
  if (p.kind === 'numbered' && args.positional.length > 2) {
    // asyncpg: conn.execute(sql, a, b, c)
    const v = args.positional[p.index + 1];
    return v ? [v] : [];
  }
  if (p.kind === 'named' && args.keywords.has(p.name)) return [args.keywords.get(p.name) as Node];
  const paramsNode = args.positional[1] ?? PARAM_KEYWORDS.map((k) => args.keywords.get(k)).find((n) => n);
  if (!paramsNode) return [];
  const generated = many ? generatedRow(paramsNode) : undefined;
  if (generated) {
    // executemany(sql, ((a, b) for _ in rows)): each row is the element expression.
    if (p.kind === 'named') return [];
    const item = generated.namedChildren.filter((c) => c.type !== 'comment')[p.index];
    return item ? [item] : [];
  }
  const params = py.evaluator.evaluate(paramsNode);
  const rows = many && params.kind === 'list' ? params.items.map((i) => i.value) : [params];
  const out: Node[] = [];
  for (const row of rows) {
    if (p.kind === 'named') {
      if (row.kind === 'dict') {
        const e = row.entries.get(p.name);
        if (e) out.push(e.valueNode);
      }
    } else if (row.kind === 'list') {
      const item = row.items[p.index];
      if (item) out.push(item.node);
    }
  }
  return out;
}

/** The tuple or list a generator expression or comprehension builds per row. */
function generatedRow(node: Node): Node | undefined {
  const n = unparenthesize(node);
  if (n.type !== 'generator_expression' && n.type !== 'list_comprehension') return undefined;
  const body = n.childForFieldName('body');
  const row = body ? unparenthesize(body) : undefined;
  return row && (row.type === 'tuple' || row.type === 'list') ? row : undefined;
}

/** The parameter a value expression is, when it is exactly one placeholder. */
function placeholderAt(sql: string, start: number, raw: string): Placeholder | undefined {
  const text = raw.trim();
  const offset = start + raw.indexOf(text);
  if (text === '%s' || text === '?') return { kind: 'positional', index: positionalBefore(sql, offset) };
  let m = /^\$(\d+)$/.exec(text);
  if (m) return { kind: 'numbered', index: Number(m[1]) - 1 };
  m = /^%\((\w+)\)s$/.exec(text);
  if (m) return { kind: 'named', name: m[1] as string };
  m = /^:(\w+)$/.exec(text);
  if (m) return { kind: 'named', name: m[1] as string };
  return undefined; // crypt($1, gen_salt('bf')), a literal, an expression: not a raw parameter
}

/** How many `%s`/`?` placeholders come before `offset` (`%%` is a literal percent sign). */
function positionalBefore(sql: string, offset: number): number {
  let count = 0;
  let quote: string | undefined;
  for (let i = 0; i < offset; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'") quote = c;
    else if (c === '%') {
      const next = sql[i + 1];
      if (next === '%') i++;
      else if (next === 's') count++;
    } else if (c === '?') count++;
  }
  return count;
}

function matchingParen(sql: string, open: number): number {
  let depth = 0;
  let quote: string | undefined;
  for (let i = open; i < sql.length; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i;
  }
  return -1;
}

function splitTopLevel(sql: string, start: number, end: number): { text: string; start: number }[] {
  const out: { text: string; start: number }[] = [];
  let depth = 0;
  let quote: string | undefined;
  let from = start;
  for (let i = start; i < end; i++) {
    const c = sql[i];
    if (quote) {
      if (c === quote) quote = undefined;
      continue;
    }
    if (c === "'" || c === '"') quote = c;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if (c === ',' && depth === 0) {
      out.push({ text: sql.slice(from, i), start: from });
      from = i + 1;
    }
  }
  out.push({ text: sql.slice(from, end), start: from });
  return out;
}

function unquote(name: string): string {
  return name.replace(/["`[\]]/g, '');
}
