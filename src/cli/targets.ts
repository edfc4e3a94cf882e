import { stat } from 'node:fs/promises';
import path from 'node:path';

/** What `scan` reads, in the engine's terms. */
export interface ScanTargets {
  /** The scanned root: finding paths are relative to it, and its configuration file applies. */
  readonly root: string;
  /** The paths to scan, relative to root with forward slashes; undefined: all of root. */
  readonly paths: readonly string[] | undefined;
  /** With `-`: the path standard input is scanned as, relative to root. */
  readonly stdinPath: string | undefined;
  /** The paths as given, for messages. */
  readonly shown: string;
}

const slashes = (p: string): string => p.split(path.sep).join('/');

/** `dir` is `base` or lies below it. */
function inside(base: string, dir: string): boolean {
  const rel = path.relative(base, dir);
  return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}

/** The deepest directory holding every one of `dirs`. */
function commonDirectory(dirs: readonly string[]): string {
  let common = dirs[0] as string;
  for (const d of dirs.slice(1)) while (!inside(common, d)) common = path.dirname(common);
  return common;
}

/**
 * The root and paths for `scan PATH...`. One directory is the root itself (the README's contract:
 * findings relative to it, its configuration file). Files, several paths, or standard input are
 * scanned from the working directory when they all lie inside it (as Ruff and ESLint take paths),
 * else from the deepest directory holding them all. Throws when a path does not exist.
 */
export async function scanTargets(
  cwd: string,
  given: readonly string[],
  stdinFilename: string | undefined,
): Promise<ScanTargets> {
  if (stdinFilename !== undefined) {
    const abs = path.resolve(cwd, stdinFilename);
    const root = inside(cwd, path.dirname(abs)) ? cwd : path.dirname(abs);
    return { root, paths: undefined, stdinPath: slashes(path.relative(root, abs)), shown: stdinFilename };
  }
  const found = await Promise.all(
    given.map(async (p) => {
      const abs = path.resolve(cwd, p);
      const info = await stat(abs).catch(() => undefined);
      if (info === undefined) throw new Error(`no such file or directory: ${p}`);
      return { abs, isDir: info.isDirectory() };
    }),
  );
  const shown = given.join(' ');
  const only = found[0];
  if (found.length === 1 && only?.isDir) return { root: only.abs, paths: undefined, stdinPath: undefined, shown };
  const dirs = found.map((f) => (f.isDir ? f.abs : path.dirname(f.abs)));
  const root = dirs.every((d) => inside(cwd, d)) ? cwd : commonDirectory(dirs);
  return { root, paths: found.map((f) => slashes(path.relative(root, f.abs))), stdinPath: undefined, shown };
}
