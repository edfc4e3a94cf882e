import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent, type Stats } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Skipped } from '../core/types.js';
import { notRegular } from '../read/own-file.js';
import { makePathFilter, type PathFilter } from './excludes.js';
import { fileName } from './names.js';

const run = promisify(execFile);

export interface Candidate {
  /** Repository-relative, forward slashes (a name that is not UTF-8 with its bytes as `\xNN`). */
  readonly path: string;
  /**
   * Absolute path to read (a symbolic link's target when it stays inside the root); the bytes of
   * the path when it is not valid UTF-8 (src/discover/names.ts).
   */
  readonly absPath: string | Uint8Array;
  readonly size: number;
}

export interface Discovery {
  readonly files: readonly Candidate[];
  readonly skipped: readonly Skipped[];
  /** The root's path inside its git repository (`examples/app/`), '' at the top or outside git. */
  readonly repoPrefix: string;
}

export interface DiscoverOptions {
  readonly root: string;
  readonly include: readonly string[];
  readonly exclude: readonly string[];
  /** Decides which file names are scanned at all (the engine passes the file-kind detector). */
  readonly isScannable: (relPath: string) => boolean;
}

/**
 * Lists the files to scan. Inside a git work tree it asks git (tracked plus untracked, not
 * ignored), which never walks an ignored node_modules; elsewhere it walks the tree itself and
 * prunes excluded directories before entering them. @actions/glob is not used for this: it walks
 * excluded directories in full and filters afterwards, which makes a large node_modules cost
 * seconds. Symbolic links are followed only when they resolve inside the root.
 */
export async function discover(options: DiscoverOptions): Promise<Discovery> {
  const root = await realpath(options.root);
  const filter = makePathFilter(options.include, options.exclude);
  // An empty listing means the root is ignored or untracked as a whole: walk it instead.
  // Names whose bytes are not UTF-8, by the escaped form they are shown as.
  const rawNames = new Map<string, Buffer>();
  const gitFiles = await gitListFiles(root, rawNames);
  const listed = gitFiles && gitFiles.length > 0 ? gitFiles : undefined;
  const skipped: Skipped[] = [];
  const files: Candidate[] = [];
  if (!listed) rawNames.clear();
  const relPaths = listed ?? walk(root, filter, skipped, rawNames);
  const dirVerdicts = new Map<string, boolean>();
  const underPrunedDir = (rel: string): boolean => {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let pruned = dirVerdicts.get(dir);
      if (pruned === undefined) {
        pruned = filter.prunesDir(dir, absolute(root, dir, rawNames));
        dirVerdicts.set(dir, pruned);
      }
      if (pruned) return true;
    }
    return false;
  };
  for (const rel of relPaths) {
    if (!options.isScannable(rel) || !filter.keepsFile(rel)) continue;
    if (listed && underPrunedDir(rel)) continue;
    const candidate = resolveInside(root, rel, absolute(root, rel, rawNames), skipped);
    if (candidate) files.push(candidate);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped, repoPrefix: listed ? await gitPrefix(root) : '' };
}

/** The path to hand the file system: a string, or bytes for a name that is not UTF-8. */
function absolute(root: string, rel: string, rawNames: ReadonlyMap<string, Buffer>): string | Buffer {
  const raw = rawNames.get(rel);
  return raw ? Buffer.concat([Buffer.from(`${root}/`), raw]) : join(root, rel);
}

// Synchronous file-system calls below: awaiting them one at a time (the engine has nothing to do
// meanwhile) cost a thread-pool round trip each, ~10x the time on a tree of a few thousand entries.
function resolveInside(root: string, rel: string, abs: string | Buffer, skipped: Skipped[]): Candidate | undefined {
  let info;
  try {
    info = lstatSync(abs);
  } catch {
    return undefined; // listed by git but deleted in the work tree: nothing to scan
  }
  if (info.isSymbolicLink()) {
    let target: Buffer;
    try {
      target = realpathSync(abs, { encoding: 'buffer' });
    } catch {
      skipped.push({ path: rel, reason: 'symbolic link whose target does not exist' });
      return undefined;
    }
    const rootBytes = Buffer.from(root);
    const inside =
      target.equals(rootBytes) ||
      (target.length > rootBytes.length &&
        target.subarray(0, rootBytes.length).equals(rootBytes) &&
        target[rootBytes.length] === sep.charCodeAt(0));
    if (!inside) {
      skipped.push({ path: rel, reason: 'symbolic link that leads outside the repository (not followed)' });
      return undefined;
    }
    const targetInfo = statSync(target);
    if (!targetInfo.isFile()) {
      const kind = special(targetInfo);
      if (kind) skipped.push({ path: rel, reason: `symbolic link to ${kind} (not read)` });
      return undefined;
    }
    return { path: rel, absPath: fileName(target).raw ?? target.toString(), size: targetInfo.size };
  }
  if (!info.isFile()) {
    // A directory here is a git submodule; anything else could block or never end if read.
    const kind = special(info);
    if (kind) skipped.push({ path: rel, reason: `${kind}, not a regular file (not read)` });
    return undefined;
  }
  return { path: rel, absPath: abs, size: info.size };
}

/** FIFOs, sockets and devices in words; undefined for files, directories and links. */
function special(info: Stats): string | undefined {
  return info.isFIFO() || info.isSocket() || info.isCharacterDevice() || info.isBlockDevice()
    ? notRegular(info)
    : undefined;
}

/** `git rev-parse --show-prefix`: where root sits in its repository, with a trailing slash. */
async function gitPrefix(root: string): Promise<string> {
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-prefix'], { cwd: root });
    return stdout.trim();
  } catch {
    return '';
  }
}

/**
 * Files git knows of below root, relative to it; undefined outside a work tree or without git.
 * Read as bytes: git prints names as the file system holds them, which need not be UTF-8.
 */
async function gitListFiles(root: string, rawNames: Map<string, Buffer>): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      maxBuffer: 512 * 1024 * 1024,
      encoding: 'buffer',
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    const seen = new Set<string>();
    for (let start = 0; start < stdout.length;) {
      let end = stdout.indexOf(0, start);
      if (end < 0) end = stdout.length;
      if (end > start) {
        const name = fileName(stdout.subarray(start, end));
        if (name.raw) rawNames.set(name.text, name.raw);
        seen.add(name.text); // a conflicted file is listed once per stage
      }
      start = end + 1;
    }
    return [...seen];
  } catch {
    return undefined;
  }
}

function walk(root: string, filter: PathFilter, skipped: Skipped[], rawNames: Map<string, Buffer>): string[] {
  const out: string[] = [];
  // Directories by shown path and bytes: a name that is not UTF-8 is walked and read through its bytes.
  const stack: { rel: string; abs: Buffer }[] = [{ rel: '', abs: Buffer.from(root) }];
  const slash = Buffer.from(sep);
  while (stack.length > 0) {
    const { rel: relDir, abs: absDir } = stack.pop() as { rel: string; abs: Buffer };
    let entries: Dirent<Buffer>[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true, encoding: 'buffer' });
    } catch (e) {
      skipped.push({
        path: relDir || '.',
        reason: `directory could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      });
      continue;
    }
    for (const entry of entries) {
      const name = fileName(entry.name);
      const rel = relDir ? `${relDir}/${name.text}` : name.text;
      const abs = Buffer.concat([absDir, slash, entry.name]);
      if (name.raw || rawNames.has(relDir)) rawNames.set(rel, abs.subarray(Buffer.byteLength(root) + 1));
      if (entry.isDirectory()) {
        if (!filter.prunesDir(rel, rawNames.has(rel) ? abs : abs.toString())) stack.push({ rel, abs });
      } else {
        // Links to directories are not followed (loops, escapes); links to files are checked
        // later, and so are FIFOs, sockets and devices, which are listed as skipped, not read.
        out.push(rel);
      }
    }
  }
  return out;
}
