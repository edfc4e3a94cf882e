import type { Node } from '../../parse/python.js';
import { holePosition, type HolePosition } from './text.js';

/**
 * The abstract values of the SQL-built-from-strings analysis (sql-flow.ts): a string's constant
 * text, the untrusted or unknown origins it carries, and the building steps that wrote them in.
 */

export type OriginKind = 'request' | 'route' | 'param' | 'unknown' | 'typed-route';

const RANK: Readonly<Record<OriginKind, number>> = { request: 5, route: 4, param: 3, unknown: 2, 'typed-route': 1 };

/** Where a non-constant value enters the file. */
export interface Source {
  readonly kind: OriginKind;
  readonly node: Node;
  /** The expression or name, as written (`request.form["email"]`, `user_id`). */
  readonly label: string;
  /** The function a parameter belongs to. */
  readonly fn?: string;
  /** The route converter of a typed route parameter (`int`). */
  readonly converter?: string;
  /** For a parameter: its function and position, to look at the calls in the file. */
  readonly param?: ParamRef;
  /** For a parameter refined through a call in the file: the call. */
  readonly via?: Node;
  /** Quote characters the value was checked not to contain where it was read. */
  readonly quotesRejected?: ReadonlySet<string>;
}

export interface ParamRef {
  readonly fn: Node;
  /** Position among the declared parameters, `self` included. */
  readonly index: number;
  readonly name: string;
}

export type Construction = 'an f-string' | '%-formatting' | '.format()' | 'concatenation' | 'join()' | '.replace()';

/** A non-constant value written into a string by one building step. */
export interface Insertion {
  readonly construction: Construction;
  /** The expression inserted (`email` in `f"... '{email}'"`). */
  readonly expr: Node;
  /** The worst of its sources. */
  readonly source: Source;
  /** Whether a bound parameter could have stood there. */
  readonly position: HolePosition;
}

export interface Value {
  /** The constant text, DYNAMIC for each hole; null when the value is not a string we can read. */
  readonly text: string | null;
  /** Non-constant origins the value may carry (empty: constant or sanitised). */
  readonly sources: readonly Source[];
  /** The building steps that wrote those origins into a string, innermost first. */
  readonly insertions: readonly Insertion[];
  /** A psycopg `sql.Composable`: composed safely, whatever its parts. */
  readonly composable: boolean;
}

export const EMPTY: Value = { text: null, sources: [], insertions: [], composable: false };
export const COMPOSABLE: Value = { ...EMPTY, composable: true };

export const constant = (text: string | null): Value => ({ text, sources: [], insertions: [], composable: false });
export const opaque = (source: Source): Value => ({ text: null, sources: [source], insertions: [], composable: false });

function worst(sources: readonly Source[]): Source | undefined {
  let best: Source | undefined;
  for (const s of sources) if (!best || RANK[s.kind] > RANK[best.kind]) best = s;
  return best;
}

export function rankOf(kind: OriginKind): number {
  return RANK[kind];
}

export function merge(values: readonly Value[], text: string | null): Value {
  const sources: Source[] = [];
  const insertions: Insertion[] = [];
  for (const v of values) {
    sources.push(...v.sources);
    insertions.push(...v.insertions);
  }
  return { text, sources: dedupe(sources), insertions, composable: false };
}

function dedupe(sources: Source[]): Source[] {
  if (sources.length < 2) return sources;
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = `${s.kind}:${s.node.id}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

export function inserted(construction: Construction, expr: Node, v: Value, prefix: string): Insertion[] {
  // A value without the quote that encloses its slot cannot leave the quoted literal or identifier.
  const source = worst(v.sources.filter((s) => !enclosedByRejectedQuote(prefix, s.quotesRejected)));
  return source ? [{ construction, expr, source, position: holePosition(prefix) }] : [];
}

function enclosedByRejectedQuote(prefix: string, rejected: ReadonlySet<string> | undefined): boolean {
  if (!rejected) return false;
  return [...rejected].some((q) => prefix.split(q).length % 2 === 0);
}

/** Expression text for messages: one line, at most 40 characters. */
export function short(text: string): string {
  const one = text.replace(/\s+/g, ' ').trim();
  return one.length > 40 ? `${one.slice(0, 37)}...` : one;
}
