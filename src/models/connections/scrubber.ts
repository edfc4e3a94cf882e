import { MASK } from './mask.js';

/** Letters, digits and the characters that extend a word inside a URI or identifier. */
const WORDISH = /[A-Za-z0-9_]/;

function wordish(c: string | undefined): boolean {
  return c !== undefined && c !== '' && WORDISH.test(c);
}

/**
 * Masks every whole-token occurrence of a file's secrets in a text, in one pass over the text
 * whatever the number of secrets (an Aho-Corasick automaton over the secrets and their
 * URL-encoded forms, built once per file). Masking each secret in turn cost the number of secrets
 * times the length of the text, per text: a file of thousands of password URIs on one line
 * (a TOML array) took minutes.
 *
 * Whole tokens only, so a password such as `postgres` does not turn `postgresql://` into
 * `****ql://`, which would reveal it by its shape. Occurrences that overlap are masked as one.
 */
export class SecretScrubber {
  /** Transitions: `node * 65536 + UTF-16 code unit` → child node. One map, not one per node: a trie of a megabyte of secrets has a million nodes. */
  private readonly edges = new Map<number, number>();
  /** Length of the secret ending at a node, 0 when none does. */
  private readonly ends: number[] = [0];
  private readonly fail: number[] = [0];
  /** Nearest node on the failure chain (itself excluded) where a secret ends, 0 when none. */
  private readonly dict: number[] = [0];
  private readonly children: number[][] = [[]];
  readonly empty: boolean;

  constructor(secrets: Iterable<string>) {
    const forms = new Set<string>();
    for (const s of secrets) {
      if (s.length < 3) continue;
      forms.add(s);
      const encoded = encodeURIComponent(s);
      if (encoded !== s) forms.add(encoded);
    }
    this.empty = forms.size === 0;
    for (const form of forms) this.insert(form);
    this.link();
  }

  /** The text with every whole-token occurrence of a secret replaced by the mask. */
  scrub(text: string): string {
    if (this.empty) return text;
    // Occurrences in order of their end; the longest valid one ending at a place covers the shorter.
    const starts: number[] = [];
    const stops: number[] = [];
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      node = this.step(node, text.charCodeAt(i));
      const end = i + 1;
      const endsWord = wordish(text[i]);
      const afterWord = endsWord && wordish(text[end]);
      if (afterWord) continue; // every secret ending here ends inside a word
      for (let t = this.ends[node] ? node : (this.dict[node] as number); t !== 0; t = this.dict[t] as number) {
        const start = end - (this.ends[t] as number);
        if (wordish(text[start]) && start > 0 && wordish(text[start - 1])) continue;
        starts.push(start);
        stops.push(end);
        break;
      }
    }
    if (starts.length === 0) return text;
    const order = starts.map((_, k) => k).sort((a, b) => (starts[a] as number) - (starts[b] as number));
    let out = '';
    let from = 0;
    let open = -1;
    let close = -1;
    for (const k of order) {
      const s = starts[k] as number;
      const e = stops[k] as number;
      if (open >= 0 && s < close) {
        close = Math.max(close, e);
        continue;
      }
      if (open >= 0) {
        out += text.slice(from, open) + MASK;
        from = close;
      }
      open = s;
      close = e;
    }
    out += text.slice(from, open) + MASK;
    return out + text.slice(close);
  }

  private insert(form: string): void {
    let node = 0;
    for (let i = 0; i < form.length; i++) {
      const key = node * 65536 + form.charCodeAt(i);
      let child = this.edges.get(key);
      if (child === undefined) {
        child = this.ends.length;
        this.ends.push(0);
        this.fail.push(0);
        this.dict.push(0);
        this.children.push([]);
        this.edges.set(key, child);
        (this.children[node] as number[]).push(form.charCodeAt(i), child);
      }
      node = child;
    }
    this.ends[node] = form.length;
  }

  /** Failure and dictionary links, breadth first. */
  private link(): void {
    const queue: number[] = [];
    const rootKids = this.children[0] as number[];
    for (let k = 1; k < rootKids.length; k += 2) queue.push(rootKids[k] as number);
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q] as number;
      const kids = this.children[node] as number[];
      for (let k = 0; k < kids.length; k += 2) {
        const c = kids[k] as number;
        const child = kids[k + 1] as number;
        const f = this.step(this.fail[node] as number, c);
        this.fail[child] = f;
        this.dict[child] = this.ends[f] ? f : (this.dict[f] as number);
        queue.push(child);
      }
      this.children[node] = []; // no longer needed
    }
  }

  private step(from: number, c: number): number {
    for (let node = from; ; node = this.fail[node] as number) {
      const next = this.edges.get(node * 65536 + c);
      if (next !== undefined) return next;
      if (node === 0) return 0;
    }
  }
}
