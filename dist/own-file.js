import { realpathSync, openSync, constants, fstatSync, readSync, closeSync, statSync } from 'node:fs';
import { sep, relative, isAbsolute } from 'node:path';
import { TextDecoder } from 'node:util';

/**
 * Reading the tool's own inputs (the configuration file, pyproject.toml, the baseline): files the
 * scanned repository may have planted. Only a regular file is read (a FIFO would block the scan
 * forever, /dev/zero would fill memory), never more than a bound, and a file found in the
 * repository or named from inside it is not followed out of it by a symbolic link.
 */
/** A configuration file or pyproject.toml larger than this is not one someone wrote by hand. */
const MAX_CONFIG_BYTES = 1024 * 1024;
/** About 100,000 entries of a generated baseline. */
const MAX_BASELINE_BYTES = 16 * 1024 * 1024;
/** Why one of the tool's own files was not read; `missing` when there is no such file. */
class OwnFileError extends Error {
    shown;
    reason;
    missing;
    name = 'OwnFileError';
    constructor(shown, reason, missing = false) {
        super(`${shown}: ${reason}`);
        this.shown = shown;
        this.reason = reason;
        this.missing = missing;
    }
}
/** The file's text (UTF-8, a leading byte-order mark dropped), or an OwnFileError saying why not. */
function readOwnFile(abs, options) {
    const { shown, maxBytes, within } = options;
    let real;
    try {
        real = realpathSync(abs);
    }
    catch (e) {
        const code = e.code;
        if (code === 'ENOENT')
            throw new OwnFileError(shown, 'not found', true);
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
    if (kind)
        throw new OwnFileError(shown, `is ${kind}, not a regular file; not read`);
    let fd;
    try {
        fd = openSync(real, constants.O_RDONLY | constants.O_NONBLOCK);
    }
    catch (e) {
        throw new OwnFileError(shown, `could not be read (${e.code ?? String(e)})`);
    }
    try {
        // Again on the open file: what was checked above may have been swapped since.
        const info = fstatSync(fd);
        const swapped = notRegular(info);
        if (swapped)
            throw new OwnFileError(shown, `is ${swapped}, not a regular file; not read`);
        if (info.size > maxBytes)
            throw new OwnFileError(shown, `is larger than ${describeBytes(maxBytes)}; not read`);
        // One byte past the bound: a file that grew since fstat is caught too.
        const buf = Buffer.alloc(Math.min(info.size, maxBytes) + 1);
        let length = 0;
        for (let n = 1; n > 0 && length < buf.length; length += n)
            n = readSync(fd, buf, length, buf.length - length, null);
        if (length > maxBytes)
            throw new OwnFileError(shown, `is larger than ${describeBytes(maxBytes)}; not read`);
        let text;
        try {
            text = new TextDecoder('utf-8', { fatal: true }).decode(buf.subarray(0, length));
        }
        catch {
            throw new OwnFileError(shown, 'is not valid UTF-8 text; not read');
        }
        // TextDecoder drops one leading BOM already (ignoreBOM is false); a second one is content.
        return text;
    }
    finally {
        closeSync(fd);
    }
}
function realpathOr(p) {
    try {
        return realpathSync(p);
    }
    catch {
        return p;
    }
}
function statOr(p, shown) {
    try {
        return statSync(p);
    }
    catch (e) {
        throw new OwnFileError(shown, `could not be read (${e.code ?? String(e)})`);
    }
}
/** What a file that is not a regular file is, in words; undefined for a regular file. */
function notRegular(info) {
    if (info.isFile())
        return undefined;
    if (info.isFIFO())
        return 'a FIFO (named pipe)';
    if (info.isSocket())
        return 'a socket';
    if (info.isCharacterDevice())
        return 'a character device';
    if (info.isBlockDevice())
        return 'a block device';
    if (info.isDirectory())
        return 'a directory';
    return 'something else';
}
function describeBytes(n) {
    return n % (1024 * 1024) === 0 ? `${n / (1024 * 1024)} MiB` : `${n} bytes`;
}
/**
 * `dir` when `abs` lies inside it as written (before links are resolved), else undefined: a path
 * the user gave that leads into a tree a pull request controls is confined to that tree; one that
 * names a place outside it on purpose is the user's choice.
 */
function confinedTo(abs, dir) {
    const rel = relative(dir, abs);
    return rel === '' || (!rel.startsWith('..') && !isAbsolute(rel)) ? dir : undefined;
}

export { MAX_CONFIG_BYTES as M, OwnFileError as O, MAX_BASELINE_BYTES as a, confinedTo as c, notRegular as n, readOwnFile as r };
