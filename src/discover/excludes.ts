import { existsSync } from 'node:fs';
import { join, sep } from 'node:path';
import picomatch from 'picomatch';

/** Directories that never hold the project's own code. */
export const DEFAULT_EXCLUDED_DIRS: ReadonlySet<string> = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  'virtualenv',
  '.virtualenv',
  'site-packages',
  'dist-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.eggs',
  '.terraform',
  '.cache',
]);

export interface PathFilter {
  /** True when a directory (repo-relative, no trailing slash) must not be entered. */
  prunesDir(relDir: string, absDir: string | Buffer): boolean;
  /**
   * True when a file (repo-relative) is in scope. `below` is a directory the user named: the
   * default excludes apply to the directories under it only (`scan .venv/lib` reads .venv/lib).
   */
  keepsFile(relPath: string, below?: string): boolean;
}

const GLOB_OPTIONS = { dot: true } as const;

/**
 * Include globs narrow the files to those matching one of them; exclude globs remove files and
 * prune whole directories (`legacy/**` never walks legacy/).
 */
export function makePathFilter(include: readonly string[], exclude: readonly string[]): PathFilter {
  const inc = include.length > 0 ? picomatch(include.map(normaliseGlob), GLOB_OPTIONS) : () => true;
  const exc = exclude.length > 0 ? picomatch(exclude.map(normaliseGlob), GLOB_OPTIONS) : () => false;
  // `dir/**` also excludes the directory itself, so it can be pruned without walking it.
  const dirPatterns = exclude.map(normaliseGlob).flatMap((g) => (g.endsWith('/**') ? [g, g.slice(0, -3)] : [g]));
  const excDir = dirPatterns.length > 0 ? picomatch(dirPatterns, GLOB_OPTIONS) : () => false;
  return {
    prunesDir(relDir, absDir) {
      const name = relDir.slice(relDir.lastIndexOf('/') + 1);
      if (DEFAULT_EXCLUDED_DIRS.has(name) || name.endsWith('.egg-info')) return true;
      // A virtualenv, whatever its name (a directory name that is not UTF-8 comes as bytes).
      const marker =
        typeof absDir === 'string'
          ? join(absDir, 'pyvenv.cfg')
          : Buffer.concat([absDir, Buffer.from(`${sep}pyvenv.cfg`)]);
      if (existsSync(marker)) return true;
      return excDir(relDir);
    },
    keepsFile(relPath, below = '') {
      const segments = (below === '' ? relPath : relPath.slice(below.length + 1)).split('/');
      if (segments.slice(0, -1).some((s) => DEFAULT_EXCLUDED_DIRS.has(s) || s.endsWith('.egg-info'))) return false;
      return inc(relPath) && !exc(relPath);
    },
  };
}

/**
 * Why a glob cannot be used, or undefined when it can: checked where the glob is given (the
 * configuration file, with its line; a flag or input), so that a bad one is named there rather
 * than failing the scan with picomatch's message, which names neither the glob nor its source.
 */
export function globProblem(glob: string): string | undefined {
  const g = normaliseGlob(glob);
  const patterns = g.endsWith('/**') ? [g, g.slice(0, -3)] : [g];
  if (patterns.some((p) => p === '' || p.startsWith('/')))
    return 'names no path relative to the scanned directory (once "./", "\\" and "/" are read as separators)';
  try {
    for (const p of patterns) picomatch.makeRe(p, GLOB_OPTIONS);
  } catch (e) {
    return `is not a glob picomatch accepts (${(e as Error).message})`;
  }
  return undefined;
}

/** `./src/**` → `src/**`; a bare directory name `legacy` also means everything below it. */
function normaliseGlob(glob: string): string {
  let g = glob.trim().replace(/\\/g, '/');
  while (g.startsWith('./')) g = g.slice(2);
  if (g.endsWith('/')) g += '**';
  return g;
}
