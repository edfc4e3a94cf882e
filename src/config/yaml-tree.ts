import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Node } from 'yaml';
import type { Span } from '../core/types.js';
import { isStackOverflow, MAX_NESTING, NESTED_TOO_DEEPLY } from '../parse/config/nesting.js';
import type { TNode, TPair } from '../parse/config/tree.js';
import { YamlAnchors } from '../parse/config/yaml-anchors.js';
import type { Scalar } from '../parse/config/types.js';

export interface YamlTree {
  /** One tree per document of the stream (undefined for an empty document). */
  readonly documents: readonly (TNode | undefined)[];
  /** Syntax errors (and, when `uniqueKeys`, duplicate keys), first one first. */
  readonly errors: readonly { readonly line: number; readonly message: string }[];
  /** Tags the YAML library does not know (`!!python/object`), each with its line: read as plain data. */
  readonly unknownTags: readonly { readonly line: number; readonly tag: string }[];
}

/**
 * Nodes a document's aliases may add once followed: nested aliases ("billion laughs") make a few
 * hundred bytes expand to billions. Far above what any configuration file's anchors hold.
 */
export const MAX_EXPANDED_NODES = 100_000;

/**
 * YAML as the positioned tree of src/parse/config/tree.ts, with the `yaml` library's LineCounter
 * for positions. Aliases are followed (once each), up to MAX_EXPANDED_NODES nodes in all; nesting
 * is bounded by MAX_NESTING; merge keys are kept as ordinary `<<` keys.
 */
export function yamlTree(text: string, options: { uniqueKeys: boolean }): YamlTree {
  const lc = new LineCounter();
  const errors: { line: number; message: string }[] = [];
  let docs;
  try {
    // Duplicate keys are found below, in one pass: the library compares each key with every
    // earlier key of its map, quadratic in a file of thousands of keys.
    docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: false, prettyErrors: false });
  } catch (e) {
    if (!isStackOverflow(e)) throw e;
    return { documents: [], errors: [{ line: 1, message: NESTED_TOO_DEEPLY }], unknownTags: [] };
  }
  const documents: (TNode | undefined)[] = [];
  const unknownTags: { line: number; tag: string }[] = [];
  for (const doc of docs) {
    const found: { at: number; message: string }[] = doc.errors.map((e) => ({
      at: e.pos[0],
      // The library turns its own stack overflow on deep nesting into an error of the document.
      message: /call stack/i.test(e.message) ? NESTED_TOO_DEEPLY : (e.message.split('\n')[0] ?? '').trim(),
    }));
    const src: Source = {
      anchors: new YamlAnchors(doc),
      lc,
      text,
      expanded: 0,
      uniqueKeys: options.uniqueKeys,
      checked: new Set(),
      found,
    };
    let tree: TNode | undefined;
    try {
      tree = doc.contents ? convert(src, doc.contents as Node, new Set(), 0) : undefined;
    } catch (e) {
      if (!(e instanceof Refused)) throw e;
      found.push({ at: e.at, message: e.message });
    }
    for (const w of doc.warnings) {
      if (w.code !== 'TAG_RESOLVE_FAILED') continue;
      const tag = /^Unresolved tag: (\S*)/.exec(w.message)?.[1] ?? '';
      unknownTags.push({ line: lc.linePos(w.pos[0]).line, tag: tag.replace(/^tag:yaml\.org,2002:/, '!!') });
    }
    // In the order of the text, as the library reports its own.
    found.sort((a, b) => a.at - b.at);
    for (const f of found) {
      // The library reports its overflow once per level it unwinds: once is enough.
      if (f.message === NESTED_TOO_DEEPLY && errors.some((e) => e.message === NESTED_TOO_DEEPLY)) continue;
      errors.push({ line: lc.linePos(f.at).line, message: f.message });
    }
    documents.push(tree);
  }
  return { documents, errors, unknownTags };
}

/** A document this module will not convert: too many nodes once aliases are followed, or too deep. */
class Refused extends Error {
  constructor(
    readonly at: number,
    message: string,
  ) {
    super(message);
  }
}

function spanOf(lc: LineCounter, range: readonly number[] | null | undefined): Span {
  const [start = 0, end = start] = range ?? [];
  const a = lc.linePos(start);
  const b = lc.linePos(Math.max(start, end));
  return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
}

function toScalar(v: unknown): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  return String(v);
}

interface Source {
  readonly anchors: YamlAnchors;
  readonly lc: LineCounter;
  readonly text: string;
  /** Nodes converted through aliases so far, each time an alias is followed. */
  expanded: number;
  readonly uniqueKeys: boolean;
  /** Maps already checked for duplicate keys (an alias brings the same map again). */
  readonly checked: Set<Node>;
  readonly found: { at: number; message: string }[];
}

function convert(src: Source, n: Node, seen: ReadonlySet<Node>, depth: number): TNode | undefined {
  const { lc } = src;
  const at = n.range?.[0] ?? 0;
  // Inside an alias (`seen` is not empty) every node is a copy: those are the ones counted.
  if ((seen.size > 0 || isAlias(n)) && ++src.expanded > MAX_EXPANDED_NODES) {
    throw new Refused(at, `aliases expand the document by more than ${MAX_EXPANDED_NODES} nodes`);
  }
  if (depth > MAX_NESTING) throw new Refused(at, NESTED_TOO_DEEPLY);
  if (isAlias(n)) {
    const target = src.anchors.resolve(n);
    if (!target || seen.has(target)) return undefined;
    return convert(src, target, new Set([...seen, target]), depth);
  }
  if (isScalar(n)) return { kind: 'scalar', value: toScalar(n.value), span: trimmedSpan(src, n.range) };
  if (isMap(n)) {
    const pairs: TPair[] = [];
    if (src.uniqueKeys && !src.checked.has(n)) {
      src.checked.add(n);
      duplicateKeys(src, n.items);
    }
    for (const item of n.items) {
      const key = item.key as Node | null;
      const keySpan = spanOf(lc, key?.range ?? n.range);
      const keyText = key && isScalar(key) ? String(key.value ?? '') : '';
      const value = item.value ? convert(src, item.value as Node, seen, depth + 1) : undefined;
      pairs.push({ key: keyText, keySpan, value: value ?? { kind: 'scalar', value: null, span: keySpan } });
    }
    return { kind: 'map', pairs, span: trimmedSpan(src, n.range) };
  }
  if (isSeq(n)) {
    return {
      kind: 'seq',
      items: n.items.map((item) => (item ? convert(src, item as Node, seen, depth + 1) : undefined)),
      span: trimmedSpan(src, n.range),
    };
  }
  return undefined;
}

/**
 * Keys equal to an earlier key of the same map, reported as the library reports them with its
 * `uniqueKeys` option (same message, at the key): scalars with the same value, or the same node.
 */
function duplicateKeys(src: Source, items: readonly { key: unknown }[]): void {
  const values = new Set<unknown>();
  const nodes = new Set<unknown>();
  for (const item of items) {
    const key = item.key as Node | null;
    if (key === null || key === undefined) continue;
    const value = isScalar(key) ? key.value : undefined;
    const dup = nodes.has(key) || (isScalar(key) && !Number.isNaN(value) && values.has(value));
    if (dup) src.found.push({ at: key.range?.[0] ?? 0, message: 'Map keys must be unique' });
    nodes.add(key);
    if (isScalar(key)) values.add(value);
  }
}

/** A block collection's range ends after its trailing line break; its span ends at its last character. */
function trimmedSpan(src: Source, range: readonly number[] | null | undefined): Span {
  const [start = 0, valueEnd = start] = range ?? [];
  let end = valueEnd;
  while (end > start && /\s/.test(src.text[end - 1] as string)) end--;
  return spanOf(src.lc, [start, end]);
}
