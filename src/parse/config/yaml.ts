import {
  isAlias,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  parseAllDocuments,
  type Document,
  type Node as YamlNode,
} from 'yaml';
import type { Span } from '../../core/types.js';
import { isStackOverflow, MAX_NESTING, NestingError } from './nesting.js';
import { syntaxError } from './positions.js';
import { YamlAnchors } from './yaml-anchors.js';
import { walkTree, type TMap, type TNode, type TPair, type TScalar, type TSeq, type WalkOutput } from './tree.js';
import type { ConfigDoc, Scalar } from './types.js';

/**
 * YAML (compose, Kubernetes, GitHub workflows, Helm values, any other) with the `yaml` library:
 * every document of a stream, positions from its LineCounter, anchors and aliases followed
 * (`<<: *base` merges included). Helm chart templates (`{{ ... }}` outside quotes) are not YAML
 * until rendered and fail here with the parser's message.
 */
export function parseYaml(text: string): ConfigDoc {
  const lineCounter = new LineCounter();
  const docs = parseDocuments(text, lineCounter);
  const out: WalkOutput = { entries: [], commands: [] };
  const conv = new Converter(text, lineCounter);
  let index = 0;
  for (const doc of docs) {
    const err = doc.errors[0];
    // The library turns its own stack overflow on deep nesting into an error of the document.
    if (err && /call stack/i.test(err.message)) throw new NestingError();
    if (err) throw syntaxError('YAML', err.linePos?.[0]?.line, err.message);
    walkTree(conv.document(doc), index, out, 'YAML');
    index++;
  }
  return { format: 'yaml', entries: out.entries, commands: out.commands };
}

/** The parser recurses per level of nesting: running out of stack means the file nests too deeply. */
function parseDocuments(text: string, lineCounter: LineCounter) {
  try {
    return parseAllDocuments(text, { lineCounter, uniqueKeys: false, strict: false });
  } catch (e) {
    if (isStackOverflow(e)) throw new NestingError();
    throw e;
  }
}

class Converter {
  private memo = new Map<unknown, TNode>();
  /** Collections open on the way to the node being converted. */
  private depth = 0;
  private anchors: YamlAnchors | undefined;
  private lines: string[] | undefined;

  constructor(
    private readonly text: string,
    private readonly lc: LineCounter,
  ) {}

  document(doc: Document.Parsed): TNode | undefined {
    this.anchors = new YamlAnchors(doc);
    this.memo = new Map();
    return doc.contents ? this.node(doc.contents as YamlNode) : undefined;
  }

  private span(start: number, end: number): Span {
    const a = this.lc.linePos(start);
    const b = this.lc.linePos(Math.max(start, end));
    return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
  }

  private node(n: YamlNode): TNode | undefined {
    if (this.depth >= MAX_NESTING) throw new NestingError();
    this.depth++;
    try {
      return this.convert(n);
    } finally {
      this.depth--;
    }
  }

  private convert(n: YamlNode): TNode | undefined {
    const known = this.memo.get(n);
    if (known) return known;
    if (isAlias(n)) {
      const target = this.anchors?.resolve(n);
      return target ? this.node(target as YamlNode) : undefined;
    }
    const [start = 0, valueEnd = start] = n.range ?? [];
    let end = valueEnd;
    if (isScalar(n)) {
      const s = this.scalar(n, start, end);
      this.memo.set(n, s);
      return s;
    }
    while (end > start && /\s/.test(this.text[end - 1] as string)) end--; // a block collection's trailing newline
    if (isMap(n)) {
      const map: TMap = { kind: 'map', pairs: [], span: this.span(start, end) };
      this.memo.set(n, map);
      const own: TPair[] = [];
      const merged: TPair[] = [];
      for (const item of n.items) {
        const key = item.key as YamlNode | null;
        if (key && isScalar(key) && key.value === '<<' && key.type === 'PLAIN') {
          const sources = item.value && isSeq(item.value) ? item.value.items : [item.value];
          for (const src of sources) {
            const target = src ? this.node(src as YamlNode) : undefined;
            if (target?.kind === 'map' && target !== map) for (const p of target.pairs) merged.push(p);
          }
          continue;
        }
        let keyNode = key;
        if (keyNode && isAlias(keyNode)) keyNode = (this.anchors?.resolve(keyNode) ?? null) as YamlNode | null;
        if (keyNode && !isScalar(keyNode)) continue; // complex keys (or a Helm `{{ }}` read as a map)
        const keyText = keyNode ? String(keyNode.value ?? '') : '';
        const [ks = start, ke = ks] = keyNode?.range ?? [];
        const keySpan = this.span(ks, ke);
        const value = item.value ? this.node(item.value as YamlNode) : undefined;
        own.push({ key: keyText, keySpan, value: value ?? { kind: 'scalar', value: null, span: keySpan } });
      }
      // Explicit keys win over merged ones; among merged maps the first listed wins.
      const taken = new Set(own.map((p) => p.key));
      for (const p of merged) {
        if (taken.has(p.key)) continue;
        taken.add(p.key);
        map.pairs.push(p);
      }
      for (const p of own) map.pairs.push(p); // not push(...own): a map of 200,000 keys overflows the stack
      return map;
    }
    if (isSeq(n)) {
      const seq: TSeq = { kind: 'seq', items: [], span: this.span(start, end) };
      this.memo.set(n, seq);
      for (const item of n.items) seq.items.push(item ? this.node(item as YamlNode) : undefined);
      return seq;
    }
    return undefined;
  }

  private scalar(n: YamlNode & { value: unknown; type?: string }, start: number, end: number): TScalar {
    const value = toScalar(n.value, this.text.slice(start, end));
    if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED') return this.block(n.type, value, start, end);
    let place: TScalar['place'];
    if (typeof value === 'string') {
      const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' ? 1 : 0;
      const from = start + quoted;
      if (this.text.slice(from, end - quoted) === value) place = (s, e) => this.span(from + s, from + e);
    }
    return { kind: 'scalar', value, span: this.span(start, end), ...(place ? { place } : {}) };
  }

  /**
   * A block scalar's span starts at its first content line, not at the `|`/`>` header. A literal
   * block keeps each line verbatim after the block indentation, so offsets inside the value map
   * to exact file positions (the lines of a `run: |` script).
   */
  private block(type: string, value: Scalar, start: number, end: number): TScalar {
    const nl = this.text.indexOf('\n', start);
    let from = nl < 0 || nl >= end ? start : nl + 1;
    let to = end;
    while (from < to && /\s/.test(this.text[from] as string)) from++;
    while (to > from && /\s/.test(this.text[to - 1] as string)) to--;
    const span = this.span(from < to ? from : start, from < to ? to : end);
    if (type !== 'BLOCK_LITERAL' || typeof value !== 'string' || nl < 0) return { kind: 'scalar', value, span };
    const place = this.literalPlace(value, nl + 1);
    return { kind: 'scalar', value, span, ...(place ? { place } : {}) };
  }

  private literalPlace(value: string, contentStart: number): TScalar['place'] {
    this.lines ??= this.text.split('\n');
    const firstLine = this.lc.linePos(contentStart).line; // 1-based
    const valueLines = value.split('\n');
    const lineStarts: number[] = [];
    let indent = -1;
    const fileStarts: number[] = [];
    let offset = 0;
    for (let k = 0; k < valueLines.length; k++) {
      const v = valueLines[k] as string;
      const src = (this.lines[firstLine - 1 + k] ?? '').replace(/\r$/, '');
      if (v !== '') {
        if (indent < 0) indent = src.length - v.length;
        if (indent < 0 || src.slice(indent) !== v) return undefined;
      }
      lineStarts.push(offset);
      fileStarts.push(this.lc.lineStarts[firstLine - 1 + k] ?? this.text.length);
      offset += v.length + 1;
    }
    const ind = Math.max(indent, 0);
    const toFile = (o: number): number => {
      // The last line starting at or before o, by binary search: a script of many lines is placed once per command.
      let k = 0;
      let hi = lineStarts.length - 1;
      while (k < hi) {
        const mid = (k + hi + 1) >> 1;
        if ((lineStarts[mid] as number) <= o) k = mid;
        else hi = mid - 1;
      }
      return (fileStarts[k] as number) + ind + (o - (lineStarts[k] as number));
    };
    return (s, e) => this.span(toFile(s), toFile(e));
  }
}

function toScalar(v: unknown, source: string): Scalar {
  if (v === null || v === undefined) return null;
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  return source.trim(); // dates, binary: as written
}
