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
  /** The file's bytes when they do not come from the file system (standard input). */
  readonly content?: Uint8Array;
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
  /**
   * Files and directories to scan, relative to root (forward slashes; '' or absent: root itself).
   * A directory is walked with the default excludes and the globs; a file named here is scanned
   * whatever the excludes and include globs say (the user named it), if its kind is scannable.
   */
  readonly paths?: readonly string[];
  /** Standard input, scanned as the file at `path` (root-relative) would be; nothing else is listed. */
  readonly stdin?: { readonly path: string; readonly content: Uint8Array };
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
  if (options.stdin) {
    const { path, content } = options.stdin;
    const files = options.isScannable(path) ? [{ path, absPath: join(root, path), size: content.length, content }] : [];
    return { files, skipped: [], repoPrefix: await gitPrefix(root) };
  }
  const filter = makePathFilter(options.include, options.exclude);
  const { dirs, files: named } = splitTargets(root, options.paths ?? ['']);
  const skipped: Skipped[] = [];
  const byPath = new Map<string, Candidate>();
  // Named files first: excludes and include globs do not apply to them.
  for (const rel of named) {
    if (!options.isScannable(rel)) continue;
    const candidate = resolveInside(root, rel, join(root, rel), skipped);
    if (candidate) byPath.set(candidate.path, candidate);
  }
  let repoPrefix = '';
  if (dirs.length > 0) {
    // Names whose bytes are not UTF-8, by the escaped form they are shown as.
    const rawNames = new Map<string, Buffer>();
    const gitFiles = await gitListFiles(root, rawNames, dirs);
    // A directory git lists nothing under is ignored or untracked as a whole: walk it instead.
    const listedDirs = gitFiles ? dirs.filter((d) => gitFiles.some((f) => d === '' || f.startsWith(`${d}/`))) : [];
    const walkedDirs = dirs.filter((d) => !listedDirs.includes(d));
    if (listedDirs.length === 0) rawNames.clear();
    const listed = new Set(listedDirs.length > 0 ? gitFiles : []);
    const relPaths = [...listed, ...walkedDirs.flatMap((d) => walk(root, d, filter, skipped, rawNames))];
    const dirVerdicts = new Map<string, boolean>();
    /** A directory between the named one and the file is pruned (the named one itself is entered). */
    const underPrunedDir = (rel: string, from: string): boolean => {
      const parts = rel.split('/');
      const start = from === '' ? 1 : from.split('/').length + 1;
      for (let i = start; i < parts.length; i++) {
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
      if (byPath.has(rel) || !options.isScannable(rel)) continue;
      const from = dirs.find((d) => d === '' || rel.startsWith(`${d}/`)) ?? '';
      if (!filter.keepsFile(rel, from)) continue;
      if (listed.has(rel) && underPrunedDir(rel, from)) continue;
      const candidate = resolveInside(root, rel, absolute(root, rel, rawNames), skipped);
      if (candidate) byPath.set(candidate.path, candidate);
    }
    if (listedDirs.length > 0) repoPrefix = await gitPrefix(root);
  } else {
    repoPrefix = await gitPrefix(root);
  }
  const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped, repoPrefix };
}

/**
 * Named paths as root-relative directories and files. A directory inside another named one is
 * walked with it; a path that is neither (a FIFO, a socket) is left to resolveInside to explain.
 */
function splitTargets(root: string, paths: readonly string[]): { dirs: string[]; files: string[] } {
  const dirs: string[] = [];
  const files: string[] = [];
  for (const raw of paths) {
    const rel = raw
      .replace(/\\/g, '/')
      .replace(/^\.\/+/, '')
      .replace(/\/+$/, '');
    const p = rel === '.' ? '' : rel;
    let isDir = p === '';
    if (!isDir) {
      try {
        isDir = statSync(join(root, p)).isDirectory();
      } catch {
        isDir = false;
      }
    }
    (isDir ? dirs : files).push(p);
  }
  const outer = dirs.filter(
    (d, i) => dirs.indexOf(d) === i && !dirs.some((o) => o !== d && (o === '' || d.startsWith(`${o}/`))),
  );
  // A named file inside a named directory is still named: the excludes do not apply to it.
  return { dirs: outer, files: [...new Set(files)] };
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
async function gitListFiles(
  root: string,
  rawNames: Map<string, Buffer>,
  dirs: readonly string[],
): Promise<string[] | undefined> {
  // Named directories as literal pathspecs (no glob magic in a directory name).
  const pathspecs = dirs.includes('') ? [] : ['--', ...dirs.map((d) => `:(literal)${d}`)];
  try {
    const { stdout } = await run(
      'git',
      ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...pathspecs],
      {
        cwd: root,
        maxBuffer: 512 * 1024 * 1024,
        encoding: 'buffer',
        env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
      },
    );
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

/** The files below `from` (root-relative, '' for root), pruning excluded directories below it. */
function walk(
  root: string,
  from: string,
  filter: PathFilter,
  skipped: Skipped[],
  rawNames: Map<string, Buffer>,
): string[] {
  const out: string[] = [];
  // Directories by shown path and bytes: a name that is not UTF-8 is walked and read through its bytes.
  const stack: { rel: string; abs: Buffer }[] = [{ rel: from, abs: Buffer.from(from ? join(root, from) : root) }];
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
