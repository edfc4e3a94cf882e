import { DYNAMIC } from '../../core/dynamic.js';
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
