import { isAlias, isMap, isScalar, isSeq, LineCounter, parseAllDocuments, type Document, type Node } from 'yaml';
import type { Span } from '../core/types.js';
import type { TNode, TPair } from '../parse/config/tree.js';
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
 * YAML as the positioned tree of src/parse/config/tree.ts, with the `yaml` library's LineCounter
 * for positions. Aliases are followed (once each); merge keys are kept as ordinary `<<` keys.
 */
export function yamlTree(text: string, options: { uniqueKeys: boolean }): YamlTree {
  const lc = new LineCounter();
  const docs = parseAllDocuments(text, { lineCounter: lc, uniqueKeys: options.uniqueKeys, prettyErrors: false });
  const errors: { line: number; message: string }[] = [];
  const documents: (TNode | undefined)[] = [];
  const unknownTags: { line: number; tag: string }[] = [];
  for (const doc of docs) {
    for (const e of doc.errors) {
      errors.push({ line: lc.linePos(e.pos[0]).line, message: (e.message.split('\n')[0] ?? '').trim() });
    }
    for (const w of doc.warnings) {
      if (w.code !== 'TAG_RESOLVE_FAILED') continue;
      const tag = /^Unresolved tag: (\S*)/.exec(w.message)?.[1] ?? '';
      unknownTags.push({ line: lc.linePos(w.pos[0]).line, tag: tag.replace(/^tag:yaml\.org,2002:/, '!!') });
    }
    documents.push(doc.contents ? convert({ doc, lc, text }, doc.contents as Node, new Set()) : undefined);
  }
  return { documents, errors, unknownTags };
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
  readonly doc: Document.Parsed;
  readonly lc: LineCounter;
  readonly text: string;
}

function convert(src: Source, n: Node, seen: ReadonlySet<Node>): TNode | undefined {
  const { lc } = src;
  if (isAlias(n)) {
    const target = n.resolve(src.doc) as Node | undefined;
    if (!target || seen.has(target)) return undefined;
    return convert(src, target, new Set([...seen, target]));
  }
  if (isScalar(n)) return { kind: 'scalar', value: toScalar(n.value), span: trimmedSpan(src, n.range) };
  if (isMap(n)) {
    const pairs: TPair[] = [];
    for (const item of n.items) {
      const key = item.key as Node | null;
      const keySpan = spanOf(lc, key?.range ?? n.range);
      const keyText = key && isScalar(key) ? String(key.value ?? '') : '';
      const value = item.value ? convert(src, item.value as Node, seen) : undefined;
      pairs.push({ key: keyText, keySpan, value: value ?? { kind: 'scalar', value: null, span: keySpan } });
    }
    return { kind: 'map', pairs, span: trimmedSpan(src, n.range) };
  }
  if (isSeq(n)) {
    return {
      kind: 'seq',
      items: n.items.map((item) => (item ? convert(src, item as Node, seen) : undefined)),
      span: trimmedSpan(src, n.range),
    };
  }
  return undefined;
}

/** A block collection's range ends after its trailing line break; its span ends at its last character. */
function trimmedSpan(src: Source, range: readonly number[] | null | undefined): Span {
  const [start = 0, valueEnd = start] = range ?? [];
  let end = valueEnd;
  while (end > start && /\s/.test(src.text[end - 1] as string)) end--;
  return spanOf(src.lc, [start, end]);
}
