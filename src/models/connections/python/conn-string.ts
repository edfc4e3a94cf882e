import { DYNAMIC, isDynamic, showDynamic } from '../../../core/dynamic.js';
import { parseConnectionString, parseConnectionUri, type ParsedConnection } from '../parse.js';
import { isPlaceholder } from '../../../core/placeholder.js';
import type { Span } from '../../../core/types.js';
import type { Node } from '../../../parse/python.js';
import { joinText, segmentAt, type StrValue } from '../../../lang/python/evaluate.js';
import { spanOf } from '../../../lang/python/span.js';
import type { ParamFact, PasswordFact } from '../types.js';
import { SECRET_PARAMS } from './params.js';

/**
 * Reads a partly-known string value as a connection string and ties what it says back to the
 * literals it was written in: each setting and the password get the span (and env-fallback
 * provenance) of the literal piece that holds them, found by offset in the evaluated text.
 */
export interface StringReading {
  readonly parsed: ParsedConnection;
  /** The literal holding the start of the string: where the connection is reported. */
  readonly anchor: Node | undefined;
  readonly envFallbackOf: string | undefined;
  /** Literal hosts; undefined when any is not known. */
  readonly hosts: string[] | undefined;
  readonly params: Map<string, ParamFact>;
  readonly password: PasswordFact | undefined;
  /** Unknown parts of the string may hold further settings. */
  readonly hidden: boolean;
}

export interface ReadOptions {
  /** Pairs a keyword DSN needs (1 when handed to a driver, 2 for a free string). */
  readonly minPairs: number;
  /**
   * The string surely is a connection string (handed to a driver, under a database-URL key):
   * then `f"{BASE}?sslmode=disable"` still tells its settings, and placeholders are allowed.
   */
  readonly expected: boolean;
  /** Where to report when no literal holds the start (the connect call). */
  readonly fallback: Node | undefined;
}

/** undefined: not a connection string; 'template': a documented example with placeholders. */
export function readConnectionString(s: StrValue, options: ReadOptions): StringReading | 'template' | undefined {
  const text = joinText(s);
  const parsed =
    parseConnectionString(text, options.minPairs) ?? (options.expected ? parseDynamicQuery(text) : undefined);
  if (!parsed) return undefined;
  if (!options.expected && isTemplate(parsed)) return 'template';
  // `f"host={h} port={p}"` in a log message: the shape of a DSN with nothing known in it.
  if (!options.expected && parsed.form === 'keyword-dsn' && [...parsed.params.values()].every(isDynamic)) {
    return undefined;
  }
  const anchorSegment = s.segments.find((seg) => seg.text !== DYNAMIC && seg.literal);
  const anchor = anchorSegment?.literal;
  const anchorNode = anchor ?? options.fallback;
  if (!anchorNode) return undefined;
  const anchorSpan = spanOf(anchorNode);
  /** Span and provenance of the literal piece at an offset of the text. */
  const origin = (at: number | undefined): { span: Span; envFallbackOf?: string } => {
    const seg = at === undefined ? undefined : segmentAt(s, at);
    return {
      span: seg?.literal ? spanOf(seg.literal) : anchorSpan,
      ...(seg?.envFallbackOf ? { envFallbackOf: seg.envFallbackOf } : {}),
    };
  };

  const params = new Map<string, ParamFact>();
  for (const [key, v] of parsed.params) {
    if (SECRET_PARAMS.has(key)) continue;
    params.set(key, { value: isDynamic(v) ? undefined : v, ...origin(locateParam(text, key, parsed.form)) });
  }
  let password: PasswordFact | undefined;
  if (parsed.password !== undefined && !isPlaceholder(parsed.password)) {
    const at = parsed.form === 'uri' ? locateUriPassword(text) : locateParam(text, 'password', parsed.form);
    password = { value: parsed.password, source: 'connection-string', ...origin(at) };
  }
  return {
    parsed,
    anchor,
    envFallbackOf: anchorSegment?.envFallbackOf,
    hosts: parsed.hosts.some(isDynamic) ? undefined : [...parsed.hosts],
    params,
    password,
    hidden: mayHideParams(text, parsed.form),
  };
}

/** Written placeholders (not unknown parts) in the password, user or a host. */
function isTemplate(parsed: ParsedConnection): boolean {
  const slots = [parsed.password, parsed.user, ...parsed.hosts];
  return slots.some((v) => v !== undefined && v !== '' && !isDynamic(v) && isPlaceholder(v));
}

/** `f"{BASE}?sslmode=disable"`: the query of a URI whose front is not known. */
function parseDynamicQuery(text: string): ParsedConnection | undefined {
  if (!text.startsWith(DYNAMIC)) return undefined;
  const q = text.indexOf('?');
  if (q < 0) return undefined;
  const prefix = 'postgresql://';
  const parsed = parseConnectionUri(prefix + DYNAMIC + text.slice(q));
  if (!parsed || parsed.params.size === 0) return undefined;
  return {
    ...parsed,
    scheme: undefined,
    redacted: showDynamic(DYNAMIC) + parsed.redacted.slice(prefix.length + 3),
  };
}

/**
 * Could unknown parts of the string carry settings the analysis cannot see? In a URI, an unknown
 * query part that is not just a value (`?{opts}`, `&{extra}`), or an unknown tail right after
 * the database name; an unknown database name after `/` is taken to be just that. In a keyword
 * DSN every key was read (the tokenizer rejects unknown keys), so unknown values hide nothing.
 */
function mayHideParams(text: string, form: ParsedConnection['form']): boolean {
  if (!isDynamic(text) || form === 'keyword-dsn') return false;
  const q = text.indexOf('?');
  if (q >= 0) {
    return text
      .slice(q + 1)
      .split('&')
      .some((part) => {
        const eq = part.indexOf('=');
        return eq < 0 ? isDynamic(part) : isDynamic(part.slice(0, eq));
      });
  }
  const at = text.lastIndexOf(DYNAMIC);
  return at === text.length - DYNAMIC.length && text[at - 1] !== '/';
}

/** Offset in `text` where the value of setting `key` starts. */
function locateParam(text: string, key: string, form: ParsedConnection['form']): number | undefined {
  if (form === 'uri') {
    const q = text.indexOf('?');
    if (q < 0) return undefined;
    let pos = q + 1;
    for (const part of text.slice(q + 1).split('&')) {
      const eq = part.indexOf('=');
      if (eq >= 0 && safeDecode(part.slice(0, eq)).toLowerCase() === key) return pos + eq + 1;
      pos += part.length + 1;
    }
    return undefined;
  }
  // Keyword DSN: `key = value` at the start or after whitespace.
  const lower = text.toLowerCase();
  for (let i = lower.indexOf(key); i >= 0; i = lower.indexOf(key, i + 1)) {
    if (i > 0 && !/\s/.test(lower[i - 1] as string)) continue;
    let j = i + key.length;
    while (lower[j] === ' ' || lower[j] === '\t') j++;
    if (lower[j] !== '=') continue;
    j++;
    while (lower[j] === ' ' || lower[j] === '\t') j++;
    return lower[j] === "'" ? j + 1 : j;
  }
  return undefined;
}

/** Offset where a URI's password starts (mirrors parseConnectionUri's reading of userinfo). */
function locateUriPassword(text: string): number | undefined {
  const start = text.indexOf('://');
  if (start < 0) return undefined;
  const rest = text.slice(start + 3);
  let cut = rest.length;
  for (const c of ['#', '?']) {
    const at = rest.indexOf(c);
    if (at >= 0 && at < cut) cut = at;
  }
  const at = rest.slice(0, cut).lastIndexOf('@');
  if (at < 0) return undefined;
  const colon = rest.slice(0, at).indexOf(':');
  return colon < 0 ? undefined : start + 3 + colon + 1;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
