import { TextDecoder } from 'node:util';

const STRICT = new TextDecoder('utf-8', { fatal: true });

/**
 * A file name as the file system gives it (bytes) and as reports show it. Linux names are bytes,
 * not text: `caf\xe9.py` (Latin-1) is a valid name that no UTF-8 string spells. Such a file is
 * still scanned, through its bytes (`raw`), and shown with each byte that is not part of valid
 * UTF-8 written as `\xNN`, so the report names it without guessing an encoding.
 */
export interface FileName {
  /** Forward slashes; exact when `raw` is undefined, else the escaped form. */
  readonly text: string;
  /** The name's bytes, only when they are not valid UTF-8. */
  readonly raw: Buffer | undefined;
}

export function fileName(bytes: Buffer): FileName {
  try {
    return { text: STRICT.decode(bytes), raw: undefined };
  } catch {
    return { text: escapeInvalidUtf8(bytes), raw: Buffer.from(bytes) };
  }
}

/** Valid UTF-8 sequences decoded, every other byte as `\xNN`. */
function escapeInvalidUtf8(bytes: Buffer): string {
  let out = '';
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    if (len > 0 && i + len <= bytes.length) {
      try {
        out += STRICT.decode(bytes.subarray(i, i + len));
        i += len;
        continue;
      } catch {
        // not a whole sequence: escape the lead byte and resynchronise on the next
      }
    }
    out += `\\x${b.toString(16).padStart(2, '0')}`;
    i++;
  }
  return out;
}
