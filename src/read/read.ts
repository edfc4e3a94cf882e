import { readFileSync } from 'node:fs';
import type { FileKind, SourceFile } from '../core/types.js';
import type { Candidate } from '../discover/discover.js';
import { fileRole } from '../discover/roles.js';
import { decode } from './decode.js';

/** Files above this are generated or data, not configuration someone wrote. */
export const MAX_FILE_BYTES = 2 * 1024 * 1024;

export type ReadOutcome =
  { readonly ok: true; readonly file: SourceFile } | { readonly ok: false; readonly reason: string };

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
    bytes = readFileSync(candidate.absPath);
  } catch (e) {
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
