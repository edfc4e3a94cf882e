/**
 * A reader that stops early (`| head`, a pager quit) closes the pipe; the next write then fails
 * with EPIPE, emitted as an 'error' event that Node turns into a crash and a stack trace when
 * nobody listens. Like `git log | head` or `ruff check | head`, the CLI ends quietly instead:
 * further output is dropped and the exit code stays the one the run sets (the verdict's).
 */
export interface Writable {
  on(event: 'error', listener: (err: Error) => void): unknown;
  write(chunk: string): boolean;
}

function isClosedPipe(err: Error): boolean {
  const code = (err as { code?: unknown }).code;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}

/**
 * A writer for the stream that ignores a closed pipe; any other error still surfaces (rethrown
 * from the listener, as Node would have without one).
 */
export function pipeSafeWriter(stream: Writable): (s: string) => void {
  let closed = false;
  stream.on('error', (err) => {
    if (!isClosedPipe(err)) throw err;
    closed = true;
  });
  return (s) => {
    if (!closed) stream.write(s);
  };
}
