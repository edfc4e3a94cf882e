/**
 * Where the `(` of a `$(` (or the `{` of a `${`) closes, quote-aware, for every expansion of a
 * shell segment in linear time overall.
 *
 * A scan from an opener to its closer skips quoted text and escaped characters; which characters
 * it steps on depends only on the position it is at, so the scans from two openers that step on
 * the same position go on alike from there. Scanning afresh from every opener cost the length of
 * the segment per opener when none closes (`"$("$("$(...`): quadratic. Here every position is
 * stepped on by one scan at most. Each scan keeps its stack of open brackets and records, at each
 * position it steps on, the stack it had there; a later scan that reaches a recorded position
 * hands its own open brackets, top first, the closers of that recorded stack's brackets, top
 * first, since from there on both see the same text.
 */
export class ShellBrackets {
  /** Closer of an opener at this position, -1 when it never closes. */
  private readonly closes = new Map<number, number>();
  /** The scan's stack of open brackets on arriving at a position it stepped on. */
  private readonly recorded = new Map<number, Open>();

  constructor(
    private readonly text: string,
    private readonly opener: '(' | '{',
    private readonly closer: ')' | '}',
  ) {}

  /** Index of the closer of the opener at `open`, -1 when unbalanced (or a quote is never closed). */
  closeOf(open: number): number {
    const known = this.closes.get(open);
    if (known !== undefined) return known;
    this.scan(open);
    return this.closes.get(open) ?? -1;
  }

  private scan(from: number): void {
    const { text } = this;
    let stack: Open | undefined;
    let i = from;
    const unclosed = (): void => {
      for (; stack; stack = stack.below) this.closes.set(stack.at, -1);
    };
    while (stack || i === from) {
      if (i >= text.length) return unclosed();
      const seen = i === from ? undefined : this.recorded.get(i);
      if (seen) {
        // From here on the earlier scan's brackets close where ours do.
        let theirs: Open | undefined = seen;
        let last = -1;
        while (stack && theirs) {
          last = this.closes.get(theirs.at) ?? -1;
          if (last < 0) return unclosed();
          this.closes.set(stack.at, last);
          stack = stack.below;
          theirs = theirs.below;
        }
        i = last + 1;
        continue;
      }
      if (stack) this.recorded.set(i, stack);
      const c = text[i];
      if (c === '\\') i += 2;
      else if (c === "'" && this.opener === '(') {
        const e = text.indexOf("'", i + 1);
        if (e < 0) return unclosed();
        i = e + 1;
      } else if (c === '"') {
        for (i++; i < text.length && text[i] !== '"'; i++) if (text[i] === '\\') i++;
        i++;
      } else if (c === this.opener) {
        stack = { at: i, below: stack };
        i++;
      } else if (c === this.closer) {
        if (stack) {
          this.closes.set(stack.at, i);
          stack = stack.below;
        }
        i++;
      } else i++;
    }
  }
}

interface Open {
  readonly at: number;
  readonly below: Open | undefined;
}
