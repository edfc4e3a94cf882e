import { parse as parseTomlText, TomlError } from 'smol-toml';
import { LineIndex, syntaxError } from './positions.js';
import { walkTree, type TMap, type TNode, type TScalar, type TSeq, type WalkOutput } from './tree.js';
import type { ConfigDoc, Scalar } from './types.js';

/**
 * TOML (pyproject.toml, Dynaconf settings.toml, .streamlit/secrets.toml ...). `smol-toml` parses
 * and validates the file and supplies every value; it gives no positions, so a small scanner
 * walks the raw text for them. It follows only the TOML grammar that decides where things are:
 * comments, `[table]` and `[[array-of-tables]]` headers, bare/quoted/dotted keys, and the extent
 * of each value (strings of the four kinds, arrays and inline tables nested to any depth, other
 * scalars up to the next delimiter). The scanner never decodes a value: it looks each one up by
 * its key path in smol-toml's result, and it runs only on text smol-toml has accepted.
 */
export function parseToml(text: string): ConfigDoc {
  const out: WalkOutput = { entries: [], commands: [] };
  walkTree(parseTomlTree(text), 0, out, 'TOML');
  return { format: 'toml', entries: out.entries, commands: out.commands };
}

/**
 * The document as a tree with a span on every node and key (the config loader validates
 * `[tool.flask-crdb-gate]` with it; suppressions find multi-line values with it). Throws like parseToml.
 */
export function parseTomlTree(text: string): TMap {
  let data: unknown;
  try {
    data = parseTomlText(text);
  } catch (e) {
    if (e instanceof TomlError) throw syntaxError('TOML', e.line, e.message);
    throw syntaxError('TOML', undefined, e instanceof Error ? e.message : String(e));
  }
  const scanner = new Scanner(text, data);
  scanner.run();
  return scanner.root;
}

type DataPath = (string | number)[];

interface Key {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

class Scanner {
  readonly root: TMap;
  private readonly lines: LineIndex;
  private readonly children = new Map<TMap, Map<string, TNode>>();
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly data: unknown,
  ) {
    this.lines = new LineIndex(text);
    this.root = { kind: 'map', pairs: [], span: this.lines.span(0, text.length) };
  }

  private fail(what: string): never {
    throw new Error(`TOML: could not locate ${what} at line ${this.lines.pos(this.i).line}`);
  }

  run(): void {
    let table = this.root;
    let tablePath: DataPath = [];
    const t = this.text;
    while (this.i < t.length) {
      this.skipBlank(true);
      if (this.i >= t.length) break;
      if (t[this.i] === '[') {
        const array = t[this.i + 1] === '[';
        const headerStart = this.i;
        this.i += array ? 2 : 1;
        const keys = this.key();
        this.skipBlank(false);
        if (!t.startsWith(array ? ']]' : ']', this.i)) this.fail('a table header');
        this.i += array ? 2 : 1;
        const span = this.lines.span(headerStart, this.i);
        [table, tablePath] = this.header(keys, array, span);
      } else {
        this.keyValue(table, tablePath);
      }
    }
  }

  /** Resolves a header to its table, creating it; `[[x]]` appends an element to array x. */
  private header(keys: Key[], array: boolean, span: TMap['span']): [TMap, DataPath] {
    let cur = this.root;
    const path: DataPath = [];
    keys.forEach((k, idx) => {
      const last = idx === keys.length - 1;
      const existing = this.child(cur, k.key);
      path.push(k.key);
      if (last && array) {
        let seq = existing?.kind === 'seq' ? existing : undefined;
        if (!seq) {
          seq = { kind: 'seq', items: [], span };
          this.add(cur, k, seq);
        }
        const item: TMap = { kind: 'map', pairs: [], span };
        seq.items.push(item);
        path.push(seq.items.length - 1);
        cur = item;
      } else if (existing?.kind === 'seq') {
        const lastItem = existing.items[existing.items.length - 1];
        if (lastItem?.kind !== 'map') this.fail('an array of tables');
        path.push(existing.items.length - 1);
        cur = lastItem;
      } else if (existing?.kind === 'map') {
        cur = existing;
      } else {
        const map: TMap = { kind: 'map', pairs: [], span };
        this.add(cur, k, map);
        cur = map;
      }
    });
    return [cur, path];
  }

  private child(map: TMap, key: string): TNode | undefined {
    return this.children.get(map)?.get(key);
  }

  private add(map: TMap, k: Key, node: TNode): void {
    map.pairs.push({ key: k.key, keySpan: this.lines.span(k.start, k.end), value: node });
    let index = this.children.get(map);
    if (!index) {
      index = new Map();
      this.children.set(map, index);
    }
    index.set(k.key, node);
  }

  /** `a.b.c = value` inside `table`: dotted keys create (or reopen) nested tables. */
  private keyValue(table: TMap, tablePath: DataPath): void {
    const keys = this.key();
    this.skipBlank(false);
    if (this.text[this.i] !== '=') this.fail('a key/value pair');
    this.i++;
    this.skipBlank(false);
    let cur = table;
    const path = [...tablePath];
    for (const k of keys.slice(0, -1)) {
      path.push(k.key);
      const existing = this.child(cur, k.key);
      if (existing?.kind === 'map') cur = existing;
      else {
        const map: TMap = { kind: 'map', pairs: [], span: this.lines.span(k.start, k.end) };
        this.add(cur, k, map);
        cur = map;
      }
    }
    const last = keys[keys.length - 1] as Key;
    path.push(last.key);
    this.add(cur, last, this.value(path));
  }

  private key(): Key[] {
    const keys: Key[] = [];
    const t = this.text;
    for (;;) {
      this.skipBlank(false);
      const start = this.i;
      const c = t[this.i];
      let key: string;
      if (c === '"') {
        this.i = this.basicStringEnd(this.i);
        key = decodeBasic(t.slice(start, this.i));
      } else if (c === "'") {
        const end = t.indexOf("'", this.i + 1);
        if (end < 0) this.fail('a key');
        this.i = end + 1;
        key = t.slice(start + 1, end);
      } else {
        while (this.i < t.length && /[A-Za-z0-9_-]/.test(t[this.i] as string)) this.i++;
        key = t.slice(start, this.i);
        if (key === '') this.fail('a key');
      }
      keys.push({ key, start, end: this.i });
      this.skipBlank(false);
      if (t[this.i] !== '.') return keys;
      this.i++;
    }
  }

  private value(path: DataPath): TNode {
    const t = this.text;
    const start = this.i;
    const c = t[this.i];
    if (c === '[') return this.array(path);
    if (c === '{') return this.inlineTable(path);
    let contentStart: number;
    let contentEnd: number;
    if (t.startsWith('"""', start) || t.startsWith("'''", start)) {
      const q = t.slice(start, start + 3);
      const j = q === '"""' ? this.scanTo(start + 3, '"""') : t.indexOf("'''", start + 3);
      if (j < 0) this.fail('a multi-line string');
      let end = j + 3;
      while (t[end] === q[0] && end - j < 5) end++; // up to two quotes may end the content
      contentStart = start + 3 + (t[start + 3] === '\n' ? 1 : t.startsWith('\r\n', start + 3) ? 2 : 0);
      contentEnd = end - 3;
      this.i = end;
    } else if (c === '"') {
      this.i = this.basicStringEnd(start);
      contentStart = start + 1;
      contentEnd = this.i - 1;
    } else if (c === "'") {
      const end = t.indexOf("'", start + 1);
      if (end < 0) this.fail('a string');
      this.i = end + 1;
      contentStart = start + 1;
      contentEnd = end;
    } else {
      // numbers, booleans, dates (a local date-time may have a space before its time)
      const dt = /^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}/.exec(t.slice(start, start + 16));
      let j = dt ? start + dt[0].length : start;
      while (j < t.length && !/[\s,\]}#]/.test(t[j] as string)) j++;
      if (j === start) this.fail('a value');
      this.i = j;
      contentStart = start;
      contentEnd = j;
    }
    const raw = t.slice(start, this.i);
    const value = toScalar(lookup(this.data, path), raw);
    const span = this.lines.span(start, this.i);
    if (typeof value === 'string' && (c === '"' || c === "'") && t.slice(contentStart, contentEnd) === value) {
      const from = contentStart;
      return { kind: 'scalar', value, span, place: (s, e) => this.lines.span(from + s, from + e) } satisfies TScalar;
    }
    return { kind: 'scalar', value, span };
  }

  private array(path: DataPath): TSeq {
    const t = this.text;
    const start = this.i++;
    const items: TNode[] = [];
    for (;;) {
      this.skipBlank(true);
      if (this.i >= t.length) this.fail('the end of an array');
      if (t[this.i] === ']') break;
      items.push(this.value([...path, items.length]));
      this.skipBlank(true);
      if (t[this.i] === ',') this.i++;
    }
    this.i++;
    return { kind: 'seq', items, span: this.lines.span(start, this.i) };
  }

  private inlineTable(path: DataPath): TMap {
    const t = this.text;
    const start = this.i++;
    const map: TMap = { kind: 'map', pairs: [], span: this.lines.span(start, start + 1) };
    for (;;) {
      this.skipBlank(true);
      if (this.i >= t.length) this.fail('the end of an inline table');
      if (t[this.i] === '}') break;
      this.keyValue(map, path);
      this.skipBlank(true);
      if (t[this.i] === ',') this.i++;
    }
    this.i++;
    return { ...map, span: this.lines.span(start, this.i) } as TMap;
  }

  /** Offset just after the closing quote of the basic string opening at `start`. */
  private basicStringEnd(start: number): number {
    const end = this.scanTo(start + 1, '"');
    if (end < 0) this.fail('a string');
    return end + 1;
  }

  /** First unescaped occurrence of `needle` at or after `from`; -1 when none. */
  private scanTo(from: number, needle: string): number {
    const t = this.text;
    for (let j = from; j < t.length; j++) {
      if (t[j] === '\\') j++;
      else if (t.startsWith(needle, j)) return j;
    }
    return -1;
  }

  /** Skips spaces, tabs and comments, and newlines too when `newlines`. */
  private skipBlank(newlines: boolean): void {
    const t = this.text;
    while (this.i < t.length) {
      const c = t[this.i];
      if (c === ' ' || c === '\t' || c === '\r' || (newlines && c === '\n')) this.i++;
      else if (c === '#') {
        while (this.i < t.length && t[this.i] !== '\n') this.i++;
      } else break;
    }
  }
}

function decodeBasic(quoted: string): string {
  try {
    return JSON.parse(quoted) as string;
  } catch {
    return quoted.slice(1, -1);
  }
}

function lookup(data: unknown, path: DataPath): unknown {
  let cur = data;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<string | number, unknown>)[p];
  }
  return cur;
}

function toScalar(v: unknown, raw: string): Scalar {
  if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') return v;
  if (typeof v === 'bigint') return v.toString();
  return raw; // dates and times: as written
}
