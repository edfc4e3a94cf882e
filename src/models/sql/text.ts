import { DYNAMIC } from '../../core/dynamic.js';

/**
 * Text-level helpers for the SQL-built-from-strings analysis: whether the constant parts of a
 * string read as SQL, and where Python's `%` and `str.format` directives insert their arguments.
 * They work on text in which DYNAMIC marks every part that is not a constant of the file.
 */

export const HOLE = DYNAMIC;

// A statement keyword at the start (after an optional parenthesis or a hole: `f"{verb} FROM t"`).
const STATEMENT_START =
  /^[\s(\uE000]*(select|insert|upsert|update|delete|with|create|drop|alter|truncate|grant|revoke|show|explain|vacuum|copy|pragma|declare|merge|replace\s+into|values|backup|restore|comment\s+on|refresh\s+materialized|reindex|attach|detach)\b/i;

// `SET statement_timeout = …`, `SET search_path TO …`, `SET CLUSTER SETTING x = …`.
const SET_STATEMENT = /^[\s(\uE000]*set\s+[\w.\uE000]+(?:\s+[\w.\uE000]+)*\s*(?:=|\bto\b)/i;

// Clause shapes that prose rarely has; matched case-insensitively anywhere in the text.
const CLAUSES: readonly RegExp[] = [
  /\bselect\b[\s\S]+?\bfrom\b/i,
  /\b(?:insert|upsert)\s+into\b/i,
  /\bupdate\b[\s\S]+?\bset\b[\s\S]*?=/i,
  /\bdelete\s+from\b/i,
  /\b(?:create|drop|alter|truncate)\s+(?:unique\s+|or\s+replace\s+|temp(?:orary)?\s+|materialized\s+)?(?:table|index|view|database|schema|sequence|user|role|type|function|trigger|extension|column|constraint)\b/i,
  /\bwhere\b[\s\S]*?(?:=|<|>|\blike\b|\bilike\b|\bin\s*\(|\bis\s+(?:not\s+)?null\b|\bbetween\b|\bany\s*\()/i,
  /\border\s+by\b/i,
  /\bgroup\s+by\b/i,
  /\b(?:inner|left|right|full|cross)\s+(?:outer\s+)?join\b/i,
  /\bon\s+conflict\b/i,
  /\breturning\b\s+(?:\*|\w)/i,
];

// Upper-case keywords as whole words: SQL's convention, rare in prose.
const UPPER_KEYWORDS =
  /(?:^|[^A-Za-z0-9_])(?:SELECT|FROM|WHERE|INSERT|UPSERT|UPDATE|DELETE|CREATE|DROP|ALTER|JOIN|VALUES|ORDER BY|GROUP BY|LIMIT|OFFSET|HAVING|RETURNING|TABLE|INTO|SET)(?:$|[^A-Za-z0-9_])/;

/** Whether a string's constant parts (holes as DYNAMIC) read as SQL rather than prose or a URL. */
export function looksLikeSql(text: string): boolean {
  if (STATEMENT_START.test(text) || SET_STATEMENT.test(text)) return true;
  if (CLAUSES.some((re) => re.test(text))) return true;
  return UPPER_KEYWORDS.test(text);
}

/** The text without holes has something besides white space (a fragment, not just `f"{x}"`). */
export function hasConstantText(text: string): boolean {
  return text.split(HOLE).join('').trim() !== '';
}

/** One `%` directive of a template: which argument it takes and whether it forces a number. */
export interface PercentDirective {
  /** Where the directive starts in the template. */
  readonly offset: number;
  /** `%(name)s` */
  readonly key: string | undefined;
  /** Position among the positional directives (undefined for keyed ones). */
  readonly index: number | undefined;
  /** `%d`, `%i`, `%f`…: Python raises unless the argument is a number, so no quote gets in. */
  readonly numeric: boolean;
}

const NUMERIC_PERCENT = new Set(['d', 'i', 'u', 'o', 'x', 'X', 'e', 'E', 'f', 'F', 'g', 'G']);

/** The directives of a `%` template, in order; `%%` is a literal percent sign. */
export function percentDirectives(template: string): PercentDirective[] {
  const out: PercentDirective[] = [];
  let index = 0;
  for (let i = 0; i < template.length; i++) {
    if (template[i] !== '%') continue;
    if (template[i + 1] === '%') {
      i++;
      continue;
    }
    let j = i + 1;
    let key: string | undefined;
    if (template[j] === '(') {
      const close = template.indexOf(')', j);
      if (close < 0) break;
      key = template.slice(j + 1, close);
      j = close + 1;
    }
    while (j < template.length && '#0- +*.0123456789hlL'.includes(template[j] as string)) j++;
    const conv = template[j];
    if (conv === undefined || !/[a-zA-Z]/.test(conv)) continue;
    out.push({ offset: i, key, index: key === undefined ? index++ : undefined, numeric: NUMERIC_PERCENT.has(conv) });
    i = j;
  }
  return out;
}

/** One `{…}` field of a `str.format` template. */
export interface BraceField {
  /** Where the field starts in the template. */
  readonly offset: number;
  /** Positional index (explicit or automatic), when the field names one. */
  readonly index: number | undefined;
  /** Keyword name, when the field names one. */
  readonly name: string | undefined;
  /** A numeric presentation type (`{:d}`, `{0:.2f}`): Python raises for a str argument. */
  readonly numeric: boolean;
}

const NUMERIC_SPEC = /[bdoxXneEfFgG%]$/;

/** Whether an f-string or format spec forces a number (`:d`, `:.2f`, `:,`…). */
export function isNumericSpec(spec: string): boolean {
  return NUMERIC_SPEC.test(spec.trim());
}

/** The fields of a `str.format` template, in order; `{{`/`}}` are literal braces. */
export function braceFields(template: string): BraceField[] {
  const out: BraceField[] = [];
  let auto = 0;
  for (let i = 0; i < template.length; i++) {
    const c = template[i];
    if (c === '}' && template[i + 1] === '}') {
      i++;
      continue;
    }
    if (c !== '{') continue;
    if (template[i + 1] === '{') {
      i++;
      continue;
    }
    const close = template.indexOf('}', i);
    if (close < 0) break;
    const body = template.slice(i + 1, close);
    const offset = i;
    i = close;
    const colon = body.indexOf(':');
    const head = (colon >= 0 ? body.slice(0, colon) : body).split('!')[0] ?? '';
    const spec = colon >= 0 ? body.slice(colon + 1) : '';
    const first = head.split(/[.[]/)[0] ?? '';
    const numeric = spec !== '' && isNumericSpec(spec);
    if (first === '') out.push({ offset, index: auto++, name: undefined, numeric });
    else if (/^\d+$/.test(first)) out.push({ offset, index: Number(first), name: undefined, numeric });
    else out.push({ offset, index: undefined, name: first, numeric });
  }
  return out;
}

/**
 * Where a hole sits in SQL, judged from the text before it: `value` where a bound parameter
 * belongs (inside a quoted literal, after a comparison, `LIKE`, `LIMIT`, in `VALUES (…)` or
 * `IN (…)`), `structure` elsewhere (a table or column name, a keyword, a whole clause), which no
 * placeholder can stand for.
 */
export type HolePosition = 'value' | 'structure';

const VALUE_BEFORE = /(?:[=<>]|\b(?:i?like|similar\s+to|limit|offset|between|interval|escape))\s*$/i;

export function holePosition(prefix: string): HolePosition {
  let quotes = 0;
  for (const c of prefix) if (c === "'") quotes++;
  if (quotes % 2 === 1) return 'value';
  if (VALUE_BEFORE.test(prefix)) return 'value';
  // Inside `VALUES (` or `IN (`: the innermost open parenthesis says which list this is.
  let depth = 0;
  for (let i = prefix.length - 1; i >= 0; i--) {
    const c = prefix[i];
    if (c === ')') depth++;
    else if (c === '(') {
      if (depth === 0) return /\b(?:values|in)\s*$/i.test(prefix.slice(0, i)) ? 'value' : 'structure';
      depth--;
    }
  }
  return 'structure';
}

// Statements PostgreSQL and CockroachDB parse without placeholders: SET, DDL and other utility
// commands take no bound parameters, so a value there is written into the text (quoted) anyway.
const UTILITY =
  /^[\s(\uE000]*(?:set|reset|show|alter|create|drop|grant|revoke|truncate|comment|vacuum|analyze|pragma|attach|detach|listen|notify|savepoint|release|declare|cluster|reindex|refresh|lock|use|backup|restore)\b/i;

/** Whether the SQL is a statement that cannot take bound parameters at all. */
export function isUtilityStatement(text: string): boolean {
  return UTILITY.test(text);
}
