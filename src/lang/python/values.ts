import { DYNAMIC } from '../../core/dynamic.js';
import type { Node } from '../../parse/python.js';

/**
 * The abstract values the evaluator (evaluate.ts) computes, and what callers do with them. A
 * string is a list of segments, each either known text from one literal or DYNAMIC, so that the
 * literal a password or setting came from, and whether it is only an environment fallback, is
 * known down to the character.
 */

/** A run of a string value with one origin. */
export interface Segment {
  /** The text, or DYNAMIC for a part not known statically. */
  readonly text: string;
  /** The string literal (a `string` or `concatenated_string` node) the text was written in. */
  readonly literal: Node | undefined;
  /** The text is the fallback of this environment variable (`os.environ.get(NAME, "...")`). */
  readonly envFallbackOf: string | undefined;
}

export interface StrValue {
  readonly kind: 'str';
  readonly segments: readonly Segment[];
}

export interface DictEntry {
  readonly key: string;
  readonly keyNode: Node | undefined;
  readonly value: PyValue;
  /** The expression the value was written as (for spans). */
  readonly valueNode: Node;
}

export interface DictValue {
  readonly kind: 'dict';
  readonly entries: ReadonlyMap<string, DictEntry>;
  /** Entries may exist that are not listed (`**other`, non-literal keys, later `.update()`). */
  readonly open: boolean;
  readonly node: Node;
}

export type PyValue =
  | StrValue
  | DictValue
  | { readonly kind: 'const'; readonly value: boolean | number | null; readonly node: Node }
  | { readonly kind: 'list'; readonly items: readonly ItemValue[]; readonly open: boolean; readonly node: Node }
  /** A call the evaluator does not model; callers interpret it (URL.create, SSLContext…). */
  | { readonly kind: 'call'; readonly callee: readonly string[]; readonly node: Node }
  /** Unknown; `envName` when it is the value of an environment variable with no fallback. */
  | { readonly kind: 'unknown'; readonly envName?: string };

export interface ItemValue {
  readonly value: PyValue;
  readonly node: Node;
}

export const DYNAMIC_SEGMENT: Segment = { text: DYNAMIC, literal: undefined, envFallbackOf: undefined };

export function str(segments: readonly Segment[]): StrValue {
  // Merge neighbouring runs of the same origin so that segments stay few and offsets simple.
  const out: Segment[] = [];
  for (const s of segments) {
    if (s.text === '') continue;
    const last = out[out.length - 1];
    if (
      last &&
      last.literal?.id === s.literal?.id &&
      last.envFallbackOf === s.envFallbackOf &&
      (last.text === DYNAMIC) === (s.text === DYNAMIC) &&
      s.text !== DYNAMIC
    ) {
      out[out.length - 1] = { ...last, text: last.text + s.text };
    } else {
      out.push(s);
    }
  }
  return { kind: 'str', segments: out };
}

/** The string with DYNAMIC for every unknown part. */
export function joinText(v: StrValue): string {
  let out = '';
  for (const s of v.segments) out += s.text;
  return out;
}

/** No unknown part. */
export function isKnown(v: StrValue): boolean {
  return v.segments.every((s) => s.text !== DYNAMIC);
}

/** Nothing at all is known (an environment variable, a parameter, a call result). */
export function isWhollyDynamic(v: StrValue): boolean {
  return v.segments.every((s) => s.text === DYNAMIC);
}

/** The literals a value was built from, in order, without repeats. */
export function literalsOf(v: PyValue): Node[] {
  const seen = new Set<number>();
  const out: Node[] = [];
  const visit = (value: PyValue): void => {
    if (value.kind === 'str') {
      for (const s of value.segments) {
        if (s.literal && !seen.has(s.literal.id)) {
          seen.add(s.literal.id);
          out.push(s.literal);
        }
      }
    } else if (value.kind === 'dict') {
      for (const e of value.entries.values()) visit(e.value);
    } else if (value.kind === 'list') {
      for (const i of value.items) visit(i.value);
    }
  };
  visit(v);
  return out;
}

/** The segment covering character `offset` of joinText(v). */
export function segmentAt(v: StrValue, offset: number): Segment | undefined {
  let pos = 0;
  for (const s of v.segments) {
    const end = pos + s.text.length;
    if (offset >= pos && offset < end) return s;
    pos = end;
  }
  return undefined;
}

/** A string value, or a constant written as Python's str() would write it; else undefined. */
export function asStr(v: PyValue): StrValue | undefined {
  if (v.kind === 'str') return v;
  if (v.kind === 'const') return str([constSegment(v.value)]);
  return undefined;
}

export function constSegment(value: boolean | number | null): Segment {
  const text = value === null ? 'None' : value === true ? 'True' : value === false ? 'False' : String(value);
  return { text, literal: undefined, envFallbackOf: undefined };
}

export function segmentsOrDynamic(v: PyValue): Segment[] {
  const s = asStr(v);
  return s ? [...s.segments] : [DYNAMIC_SEGMENT];
}

/** Marks a value as the fallback of an environment variable (inner fallbacks keep theirs). */
export function withEnvFallback(v: PyValue, name: string): PyValue {
  if (v.kind !== 'str') return v;
  return str(v.segments.map((s) => (s.text === DYNAMIC || s.envFallbackOf ? s : { ...s, envFallbackOf: name })));
}
