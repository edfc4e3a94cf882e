import { execFile } from 'node:child_process';
import { lstatSync, readdirSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { realpath } from 'node:fs/promises';
import { join, relative, sep } from 'node:path';
import { promisify } from 'node:util';
import type { Skipped } from '../core/types.js';
import { makePathFilter, type PathFilter } from './excludes.js';

const run = promisify(execFile);

export interface Candidate {
  /** Repository-relative, forward slashes. */
  readonly path: string;
  /** Absolute path to read (a symbolic link's target when it stays inside the root). */
  readonly absPath: string;
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
  const gitFiles = await gitListFiles(root);
  const listed = gitFiles && gitFiles.length > 0 ? gitFiles : undefined;
  const skipped: Skipped[] = [];
  const files: Candidate[] = [];
  const relPaths = listed ?? (await walk(root, filter, skipped));
  const dirVerdicts = new Map<string, boolean>();
  const underPrunedDir = (rel: string): boolean => {
    const parts = rel.split('/');
    for (let i = 1; i < parts.length; i++) {
      const dir = parts.slice(0, i).join('/');
      let pruned = dirVerdicts.get(dir);
      if (pruned === undefined) {
        pruned = filter.prunesDir(dir, join(root, dir));
        dirVerdicts.set(dir, pruned);
      }
      if (pruned) return true;
    }
    return false;
  };
  for (const rel of relPaths) {
    if (!options.isScannable(rel) || !filter.keepsFile(rel)) continue;
    if (listed && underPrunedDir(rel)) continue;
    const candidate = await resolveInside(root, rel, skipped);
    if (candidate) files.push(candidate);
  }
  files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { files, skipped, repoPrefix: listed ? await gitPrefix(root) : '' };
}

// Synchronous file-system calls below: awaiting them one at a time (the engine has nothing to do
// meanwhile) cost a thread-pool round trip each, ~10x the time on a tree of a few thousand entries.
async function resolveInside(root: string, rel: string, skipped: Skipped[]): Promise<Candidate | undefined> {
  const abs = join(root, rel);
  let info;
  try {
    info = lstatSync(abs);
  } catch {
    return undefined; // listed by git but deleted in the work tree: nothing to scan
  }
  if (info.isSymbolicLink()) {
    let target: string;
    try {
      target = realpathSync(abs);
    } catch {
      skipped.push({ path: rel, reason: 'symbolic link whose target does not exist' });
      return undefined;
    }
    if (target !== root && !target.startsWith(root + sep)) {
      skipped.push({ path: rel, reason: 'symbolic link that leads outside the repository (not followed)' });
      return undefined;
    }
    const targetInfo = statSync(target);
    if (!targetInfo.isFile()) return undefined;
    return { path: rel, absPath: target, size: targetInfo.size };
  }
  if (!info.isFile()) return undefined;
  return { path: rel, absPath: abs, size: info.size };
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

/** Files git knows of below root, relative to it; undefined outside a work tree or without git. */
async function gitListFiles(root: string): Promise<string[] | undefined> {
  try {
    const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
      cwd: root,
      maxBuffer: 512 * 1024 * 1024,
      env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
    });
    const seen = new Set<string>();
    for (const p of stdout.split('\0')) if (p) seen.add(p); // a conflicted file is listed once per stage
    return [...seen];
  } catch {
    return undefined;
  }
}

async function walk(root: string, filter: PathFilter, skipped: Skipped[]): Promise<string[]> {
  const out: string[] = [];
  const stack: string[] = [''];
  while (stack.length > 0) {
    const relDir = stack.pop() as string;
    const absDir = relDir ? join(root, relDir) : root;
    let entries: Dirent[];
    try {
      entries = readdirSync(absDir, { withFileTypes: true });
    } catch (e) {
      skipped.push({
        path: relDir || '.',
        reason: `directory could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}`,
      });
      continue;
    }
    for (const entry of entries) {
      const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
      if (entry.isDirectory()) {
        if (!filter.prunesDir(rel, join(absDir, entry.name))) stack.push(rel);
      } else if (entry.isFile() || entry.isSymbolicLink()) {
        // Links to directories are not followed (loops, escapes); links to files are checked later.
        out.push(rel);
      }
    }
  }
  return out.map((p) => relative(root, join(root, p)).split(sep).join('/'));
}
