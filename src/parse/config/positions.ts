import type { Span } from '../../core/types.js';

/**
 * Offsets → 1-based line and column. Line starts are computed once per text; lookups are a
 * binary search, so a file with thousands of entries costs O(n log n). A `\r\n` line end counts
 * as one break and the `\r` is never part of a column.
 */
export class LineIndex {
  private readonly starts: number[] = [0];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) this.starts.push(i + 1);
  }

  get lineCount(): number {
    return this.starts.length;
  }

  /** 1-based line and column of an offset (an offset past the end maps to the last position). */
  pos(offset: number): { line: number; column: number } {
    const o = Math.max(0, Math.min(offset, this.text.length));
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if ((this.starts[mid] as number) <= o) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: o - (this.starts[lo] as number) + 1 };
  }

  /** Offset of the start of a 1-based line. */
  lineStart(line: number): number {
    return this.starts[Math.max(0, Math.min(line - 1, this.starts.length - 1))] as number;
  }

  /** Span of `[start, end)`: `end` exclusive, so `endColumn` is the column after the last character. */
  span(start: number, end: number): Span {
    const a = this.pos(start);
    const b = this.pos(Math.max(start, end));
    return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
  }
}

/** The smallest span covering both. */
export function unionSpan(a: Span, b: Span): Span {
  const startA = a.line < b.line || (a.line === b.line && a.column <= b.column);
  const endA = a.endLine > b.endLine || (a.endLine === b.endLine && a.endColumn >= b.endColumn);
  return {
    line: startA ? a.line : b.line,
    column: startA ? a.column : b.column,
    endLine: endA ? a.endLine : b.endLine,
    endColumn: endA ? a.endColumn : b.endColumn,
  };
}

/** A one-line message for a parse error: `YAML syntax error at line 3: ...`. */
export function syntaxError(format: string, line: number | undefined, message: string): Error {
  const first = (message.split('\n')[0] ?? '').replace(/\s+at line \d+,? column \d+:?\s*$/i, '').trim();
  return new Error(
    `${format} syntax error${line !== undefined ? ` at line ${line}` : ''}: ${first || 'invalid input'}`,
  );
}
