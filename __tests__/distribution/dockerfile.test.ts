/**
 * The Dockerfile, without a Docker engine (this machine has only the client): the test parses it
 * with dockerfile-ast, builds the image's file system the way its instructions say (the build
 * context filtered by .dockerignore, each COPY into its WORKDIR), and runs the command line the
 * image runs (ENTRYPOINT + CMD, or + the arguments of `docker run IMAGE ...`) from the final
 * WORKDIR, with a repository where `docker run -v "$PWD:/src"` mounts it and with no program on
 * PATH but node, as in the image.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { DockerfileParser } from 'dockerfile-ast';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parse } from 'yaml';
import { REPO } from '../helpers/npm-pack.js';

// A CommonJS module whose typings declare an ES default export: require() gives the function.
const ignore = createRequire(import.meta.url)('@balena/dockerignore') as typeof import('@balena/dockerignore').default;

const dockerfile = DockerfileParser.parse(readFileSync(path.join(REPO, 'Dockerfile'), 'utf8'));
const dockerignore = ignore().add(readFileSync(path.join(REPO, '.dockerignore'), 'utf8'));
const instructions = dockerfile.getInstructions();
const args = (i: (typeof instructions)[number]): string[] => i.getArguments().map((a) => a.getValue());

/** The exec form's strings (`["node", "x.js"]`); the shell form would need a shell the test does not assume. */
function execForm(keyword: 'ENTRYPOINT' | 'CMD'): string[] {
  const found = keyword === 'ENTRYPOINT' ? dockerfile.getENTRYPOINTs() : dockerfile.getCMDs();
  expect(found).toHaveLength(1);
  const strings = found[0]!.getJSONStrings().map((s) => s.getJSONValue());
  expect(strings.length).toBeGreaterThan(0);
  return strings;
}

/** Files of the build context below a path (repository-relative), after .dockerignore. */
function contextFiles(rel: string): string[] {
  const abs = path.join(REPO, rel);
  const all = statSync(abs).isDirectory()
    ? readdirSync(abs, { recursive: true, withFileTypes: true })
        .filter((e) => e.isFile())
        .map((e) => path.relative(REPO, path.join(e.parentPath, e.name)).split(path.sep).join('/'))
    : [rel.replace(/\/$/, '')];
  return dockerignore.filter(all);
}

let root = '';
let workdir = '';
let pathDir = '';
beforeAll(() => {
  root = mkdtempSync(path.join(tmpdir(), 'fcg-image-'));
  // The image's file system: WORKDIR and COPY in order, sources from the filtered context.
  let cwd = '/';
  for (const i of instructions) {
    const keyword = i.getKeyword();
    if (keyword === 'WORKDIR') {
      cwd = path.posix.resolve(cwd, args(i)[0]!);
      mkdirSync(path.join(root, cwd), { recursive: true });
    } else if (keyword === 'COPY' || keyword === 'ADD') {
      const [dest, ...sources] = args(i).reverse() as [string, ...string[]];
      const target = path.posix.resolve(cwd, dest);
      for (const source of sources.reverse()) {
        const files = contextFiles(source);
        expect(files.length).toBeGreaterThan(0);
        const base = source.endsWith('/') ? source : path.posix.dirname(source);
        for (const file of files) {
          const inImage = dest.endsWith('/')
            ? path.posix.join(target, path.posix.relative(base === '.' ? '' : base, file))
            : target;
          mkdirSync(path.dirname(path.join(root, inImage)), { recursive: true });
          cpSync(path.join(REPO, file), path.join(root, inImage));
        }
      }
    }
  }
  workdir = path.join(root, cwd);
  // `docker run -v "$PWD:/src"`: the repository to scan is the final WORKDIR.
  cpSync(path.join(REPO, 'examples/vulnerable-app'), workdir, { recursive: true });
  // No git, no shell tools: node alone, as on the image's PATH.
  pathDir = path.join(root, '.path');
  mkdirSync(pathDir);
  symlinkSync(process.execPath, path.join(pathDir, 'node'));
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** ENTRYPOINT + (CMD or the `docker run` arguments), absolute image paths inside the staged root. */
function runImage(runArgs?: string[]): { status: number | null; stdout: string; stderr: string } {
  const [program, ...entry] = execForm('ENTRYPOINT');
  const command = [...entry, ...(runArgs ?? execForm('CMD'))].map((a) => (a.startsWith('/') ? path.join(root, a) : a));
  const r = spawnSync(program!, command, {
    cwd: workdir,
    encoding: 'utf8',
    env: { PATH: pathDir, HOME: workdir },
  });
  if (r.error) throw r.error;
  return r;
}

describe('Dockerfile', () => {
  test('builds on the Node image the action runs on, as a user other than root', () => {
    const froms = dockerfile.getFROMs();
    expect(froms).toHaveLength(1);
    expect(froms[0]!.getImageName()).toBe('node');
    const runsOn = (parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { runs: { using: string } }).runs
      .using;
    expect(`node${froms[0]!.getImageTag()!.split('-')[0]}`).toBe(runsOn);
    expect(froms[0]!.getImageTag()).toMatch(/-(alpine|slim)$/);
    const users = instructions.filter((i) => i.getKeyword() === 'USER').map((i) => args(i)[0]);
    expect(users.at(-1)).toBeDefined();
    expect(['root', '0']).not.toContain(users.at(-1));
    // No install step: the bundle is self-contained.
    expect(instructions.filter((i) => i.getKeyword() === 'RUN')).toEqual([]);
  });

  test('.dockerignore keeps the build context to what the image copies', () => {
    for (const rel of [
      'node_modules/yaml/package.json',
      'src/cli.ts',
      '__tests__/runtime.test.ts',
      'examples/x.py',
      '.git/HEAD',
    ])
      expect(dockerignore.ignores(rel)).toBe(true);
    for (const rel of [
      'dist/cli.js',
      'dist/tree-sitter-python.wasm',
      'docs/rules/debug-mode.md',
      'package.json',
      'LICENSE',
    ])
      expect(dockerignore.ignores(rel)).toBe(false);
  });

  test('the image holds the CLI bundle with its grammars', () => {
    const entry = execForm('ENTRYPOINT');
    expect(entry[0]).toBe('node');
    const cli = path.join(root, entry[1]!);
    const bundle = readdirSync(path.dirname(cli));
    expect(bundle).toEqual(
      expect.arrayContaining(['cli.js', 'worker.js', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm']),
    );
    expect(bundle.sort()).toEqual(readdirSync(path.join(REPO, 'dist')).sort());
  });

  test('`docker run IMAGE` scans the mounted repository and fails below the threshold', () => {
    expect(execForm('CMD')).toEqual(['scan', '.']);
    const r = runImage();
    expect(r.stderr).toBe('');
    expect(r.status).toBe(1);
    expect(r.stdout).toContain('FCG203');
  });

  test('`docker run IMAGE scan . --format json` takes the arguments in place of CMD', () => {
    const r = runImage(['scan', '.', '--format', 'json', '--exit-zero']);
    expect(r.status).toBe(0);
    const report = JSON.parse(r.stdout) as { findings: { path: string }[]; filesScanned: number };
    expect(report.filesScanned).toBeGreaterThan(5);
    expect(report.findings.map((f) => f.path)).toContain('app/config.py');
  });
});
