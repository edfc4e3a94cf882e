import { closeSync, constants, fstatSync, openSync, readSync, realpathSync, statSync, type Stats } from 'node:fs';
import { relative, isAbsolute, sep } from 'node:path';
import { TextDecoder } from 'node:util';

/**
 * Reading the tool's own inputs (the configuration file, pyproject.toml, the baseline): files the
 * scanned repository may have planted. Only a regular file is read (a FIFO would block the scan
 * forever, /dev/zero would fill memory), never more than a bound, and a file found in the
 * repository or named from inside it is not followed out of it by a symbolic link.
 */

/** A configuration file or pyproject.toml larger than this is not one someone wrote by hand. */
export const MAX_CONFIG_BYTES = 1024 * 1024;
/** About 100,000 entries of a generated baseline. */
export const MAX_BASELINE_BYTES = 16 * 1024 * 1024;

export interface OwnFileOptions {
  /** How messages name the file. */
  readonly shown: string;
  readonly maxBytes: number;
  /**
   * The directory the file must stay inside once links are resolved: set for a file found in the
   * scanned tree or named by a file in it; undefined for one the user named (their choice).
   */
  readonly within: string | undefined;
}

/** Why one of the tool's own files was not read; `missing` when there is no such file. */
export class OwnFileError extends Error {
  override readonly name = 'OwnFileError';
  constructor(
    readonly shown: string,
    readonly reason: string,
    readonly missing = false,
  ) {
    super(`${shown}: ${reason}`);
  }
}

/** The file's text (UTF-8, a leading byte-order mark dropped), or an OwnFileError saying why not. */
export function readOwnFile(abs: string, options: OwnFileOptions): string {
  const { shown, maxBytes, within } = options;
  let real: string;
  try {
    real = realpathSync(abs);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new OwnFileError(shown, 'not found', true);
    throw new OwnFileError(shown, `could not be read (${code ?? String(e)})`);
  }
  if (within !== undefined) {
    const base = realpathOr(within);
    if (real !== base && !real.startsWith(base.endsWith(sep) ? base : base + sep)) {
      throw new OwnFileError(shown, 'leads outside the scanned directory (a symbolic link or ..); not read');
    }
  }
  // stat first: opening a socket fails and opening a FIFO without O_NONBLOCK waits for a writer.
  const kind = notRegular(statOr(real, shown));
  if (kind) throw new OwnFileError(shown, `is ${kind}, not a regular file; not read`);
  let fd: number;
  try {
    fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new OwnFileError(shown, `could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
  try {
    // Again on the open file: what was checked above may have been swapped since.
    const info = fstatSync(fd);
    const swapped = notRegular(info);
    if (swapped) throw new OwnFileError(shown, `is ${swapped}, not a regular file; not read`);
    if (info.size > maxBytes) throw new OwnFileError(shown, `is larger than ${describeBytes(maxBytes)}; not read`);
    // One byte past the bound: a file that grew since fstat is caught too.
    const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
    let length = 0;
    for (let n = 1; n > 0 && length < buf.length; length += n) n = readSync(fd, buf, length, buf.length - length, null);
    if (length > maxBytes) throw new OwnFileError(shown, `is larger than ${describeBytes(maxBytes)}; not read`);
    let text: string;
    try {
      text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, length));
    } catch {
      throw new OwnFileError(shown, 'is not valid UTF-8 text; not read');
    }
    // TextDecoder drops one leading BOM already (ignoreBOM is false); a second one is content.
    return text;
  } finally {
    closeSync(fd);
  }
}

function realpathOr(p: string): string {
  try {
    return realpathSync(p);
  } catch {
    return p;
  }
}

function statOr(p: string, shown: string): Stats {
  try {
    return statSync(p);
  } catch (e) {
    throw new OwnFileError(shown, `could not be read (${(e as NodeJS.ErrnoException).code ?? String(e)})`);
  }
}

/** What a file that is not a regular file is, in words; undefined for a regular file. */
export function notRegular(info: Stats): string | undefined {
  if (info.isFile()) return undefined;
  if (info.isFIFO()) return 'a FIFO (named pipe)';
  if (info.isSocket()) return 'a socket';
  if (info.isCharacterDevice()) return 'a character device';
  if (info.isBlockDevice()) return 'a block device';
  if (info.isDirectory()) return 'a directory';
  return 'something else';
}

function describeBytes(n: number): string {
  return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}

/**
 * `dir` when `abs` lies inside it as written (before links are resolved), else undefined: a path
 * the user gave that leads into a tree a pull request controls is confined to that tree; one that
 * names a place outside it on purpose is the user's choice.
 */
export function confinedTo(abs: string, dir: string): string | undefined {
  const rel = relative(dir, abs);
  return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? dir : undefined;
}
