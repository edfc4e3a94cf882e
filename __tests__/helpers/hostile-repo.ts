/**
 * Hostile-input fixtures, made at test time in a temporary directory: the scanned tree, files
 * beside it (outside the tree) and the CLI run in-process on it with both streams captured.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runCli } from '../../src/cli/run.js';

export interface Workspace {
  /** The temporary directory: `repo/` inside it is the scanned tree, the rest is outside it. */
  readonly dir: string;
  readonly repo: string;
  write(relToDir: string, text: string | Buffer): string;
  remove(): void;
}

export function workspace(prefix: string, files: Record<string, string> = {}): Workspace {
  const dir = mkdtempSync(join(tmpdir(), `fcg-hostile-${prefix}-`));
  const repo = join(dir, 'repo');
  mkdirSync(repo);
  const ws: Workspace = {
    dir,
    repo,
    write(rel, text) {
      const p = join(dir, rel);
      mkdirSync(dirname(p), { recursive: true });
      writeFileSync(p, text);
      return p;
    },
    remove() {
      rmSync(dir, { recursive: true, force: true });
    },
  };
  for (const [rel, text] of Object.entries(files)) ws.write(join('repo', rel), text);
  return ws;
}

export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export async function cli(cwd: string, ...argv: string[]): Promise<CliRun> {
  let stdout = '';
  let stderr = '';
  const code = await runCli(argv, {
    stdout: (s) => (stdout += s),
    stderr: (s) => (stderr += s),
    cwd,
    env: {},
  });
  return { code, stdout, stderr };
}

/**
 * Lines a GitHub runner would execute as workflow commands: after optional leading white space
 * (the runner trims it, as C#'s TrimStart does, U+0085 included), `::`. The runner splits a stream
 * into lines at CR and LF.
 */
export function commandLines(text: string): string[] {
  return text.split(/\r\n|\r|\n/).filter((line) => /^[\s\u0085]*::/.test(line));
}
