/**
 * Progress on a terminal's stderr while files are analysed: one line, `Scanning 120/480 files`,
 * redrawn in place (carriage return, erase line) at most every REDRAW_MS, and erased when the
 * scan ends so the report starts on a clean line. The CLI makes one only when stderr is a
 * terminal: in a pipe, a file or a CI log it would be noise.
 */
export interface Progress {
  update(done: number, total: number): void;
  /** Erases the line, if one was drawn. */
  end(): void;
}

/** Redraws closer together than this are skipped (the last one is always drawn). */
export const REDRAW_MS = 100;

const ERASE_LINE = '\r\u001b[K';

export function terminalProgress(write: (s: string) => void, now: () => number = Date.now): Progress {
  let drawn = false;
  let last = -Infinity;
  return {
    update(done, total) {
      const t = now();
      if (done < total && t - last < REDRAW_MS) return;
      last = t;
      drawn = true;
      write(`${ERASE_LINE}Scanning ${done}/${total} files`);
    },
    end() {
      if (drawn) write(ERASE_LINE);
      drawn = false;
    },
  };
}
