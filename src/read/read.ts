import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { FileKind, SourceFile } from '../core/types.js';
import type { Candidate } from '../discover/discover.js';
import { fileRole } from '../discover/roles.js';
import { decode } from './decode.js';
import { notRegular } from './own-file.js';

/** Files above this are generated or data, not configuration someone wrote. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome =
  { readonly ok: true; readonly file: SourceFile } | { readonly ok: false; readonly reason: string };

class NotRegular extends Error {}

/**
 * The bytes of a regular file, at most MAX_FILE_BYTES of them. Discovery checked the file's type,
 * but the tree may change before it is read: a FIFO put in its place would block the scan, so the
 * file is opened without blocking and checked again on the open descriptor.
 */
function readRegularFile(path: string | Uint8Array): Buffer {
  // A path in bytes (a name that is not UTF-8) arrives from a worker thread as a plain Uint8Array.
  const p = typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);
  const fd = openSync(p, constants.O_RDONLY | constants.O_NONBLOCK);
  try {
    const info = fstatSync(fd);
    const kind = notRegular(info);
    if (kind) throw new NotRegular(`${kind}, not a regular file (not read)`);
    const buf = Buffer.alloc(Math.min(info.size, MAX_FILE_BYTES));
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    return buf.subarray(0, length);
  } finally {
    closeSync(fd);
  }
}

/** Bytes read for a file's first lines, when its name does not tell its kind. */
export const HEAD_BYTES = 4096;

/**
 * The first lines of a file, up to HEAD_BYTES: whole lines only (the last, cut one is dropped
 * unless the file ends there). Undefined when it cannot be read, or when no line ends within the
 * head (a caller must then read the file to decide). Also returns how many bytes were read.
 */
export function readHead(candidate: Candidate): { readonly text: string | undefined; readonly bytes: number } {
  const p = candidate.absPath;
  let fd: number;
  try {
    fd = openSync(
      typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength),
      constants.O_RDONLY | constants.O_NONBLOCK,
    );
  } catch {
    return { text: undefined, bytes: 0 };
  }
  try {
    const info = fstatSync(fd);
    if (notRegular(info)) return { text: undefined, bytes: 0 };
    const buf = Buffer.alloc(Math.min(info.size, HEAD_BYTES));
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    const whole = length >= info.size;
    const end = whole ? length : buf.lastIndexOf(0x0a, length - 1) + 1;
    if (end <= 0) return { text: undefined, bytes: length };
    return { text: buf.subarray(0, end).toString('utf8'), bytes: length };
  } catch {
    return { text: undefined, bytes: 0 };
  } finally {
    closeSync(fd);
  }
}

export async function readSource(candidate: Candidate, kind: FileKind): Promise<ReadOutcome> {
  if (candidate.size > MAX_FILE_BYTES) {
    return {
      ok: false,
      reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (${(candidate.size / 1024 / 1024).toFixed(1)} MiB)`,
    };
  }
  let bytes: Uint8Array;
  try {
    // Synchronous: awaiting one readFile at a time costs four thread-pool round trips per file
    // (open, fstat, read, close) and left the thread idle ~1 ms per file; nothing else runs meanwhile.
    bytes = candidate.content ?? readRegularFile(candidate.absPath);
  } catch (e) {
    if (e instanceof NotRegular) return { ok: false, reason: e.message };
    return { ok: false, reason: `could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` };
  }
  const decoded = decode(bytes, kind === 'python');
  if (!decoded.ok) return { ok: false, reason: decoded.reason };
  const text = decoded.text;
  return {
    ok: true,
    file: { path: candidate.path, kind, role: fileRole(candidate.path), text, lines: text.split(/\r\n|\r|\n/) },
  };
}
