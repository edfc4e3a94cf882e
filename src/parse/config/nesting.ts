/**
 * How deep a JSON or YAML document may nest. Real configuration stays within a few dozen levels
 * (a Kubernetes CRD's schema is among the deepest); the parsers and the walkers over their trees
 * recurse once or more per level, and ten thousand levels overflow the stack.
 */
export const MAX_NESTING = 256;

/** The reason a file nested beyond MAX_NESTING is not read. */
export const NESTED_TOO_DEEPLY = `nested too deeply (more than ${MAX_NESTING} levels)`;

export class NestingError extends Error {
  constructor() {
    super(NESTED_TOO_DEEPLY);
    this.name = 'NestingError';
  }
}

/**
 * The deepest nesting of JSON's brackets outside strings, in one pass: checked before jsonc-parser,
 * which recurses once per level. (YAML is not pre-checked: a plain scalar may hold a lone `[`; its
 * walkers bound the depth as they go, and the parser's own overflow is caught.)
 */
export function jsonDepth(text: string): number {
  let depth = 0;
  let deepest = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === '"') {
      for (i++; i < text.length && text[i] !== '"' && text[i] !== '\n'; i++) if (text[i] === '\\') i++;
    } else if (c === '[' || c === '{') {
      if (++depth > deepest) deepest = depth;
    } else if ((c === ']' || c === '}') && depth > 0) depth--;
  }
  return deepest;
}

/** A parser's stack overflow, as the nesting it comes from. */
export function isStackOverflow(e: unknown): boolean {
  return e instanceof RangeError && /call stack/i.test(e.message);
}
