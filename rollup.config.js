// Bundles the action (dist/index.js) and the CLI (dist/cli.js) with every dependency, and copies
// the two WebAssembly files tree-sitter needs beside them (src/parse/wasm.ts looks there first).
// rollup, unlike @vercel/ncc, copies .wasm byte for byte.
import commonjs from '@rollup/plugin-commonjs';
import json from '@rollup/plugin-json';
import { nodeResolve } from '@rollup/plugin-node-resolve';
import typescript from '@rollup/plugin-typescript';
import { chmodSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { patchWebTreeSitterPlugin } from './scripts/patch-web-tree-sitter.mjs';
import path from 'node:path';

const require = createRequire(import.meta.url);
// `FCG_BUNDLE_DIR=/tmp/x npx rollup -c` builds a private bundle elsewhere (measurements), leaving
// the committed dist/ alone; the TypeScript plugin insists its outDir lies inside rollup's dir.
const outDir = process.env.FCG_BUNDLE_DIR || 'dist';
const WASM = [
  ['web-tree-sitter.wasm', 'web-tree-sitter/web-tree-sitter.wasm'],
  ['tree-sitter-python.wasm', 'tree-sitter-python/tree-sitter-python.wasm'],
  ['tree-sitter-bicep.wasm', 'tree-sitter-bicep/tree-sitter-bicep.wasm'],
];

/** Emits the grammar and runtime .wasm files as assets with fixed names. */
function copyWasm() {
  return {
    name: 'copy-wasm',
    generateBundle() {
      for (const [fileName, from] of WASM) {
        this.emitFile({ type: 'asset', fileName, source: readFileSync(require.resolve(from)) });
      }
    },
  };
}

/**
 * Makes the CLI entry executable (it starts with a `#!/usr/bin/env node` banner), so
 * `./dist/cli.js` runs from a clone and git records the mode with the file.
 */
function executableCli() {
  return {
    name: 'executable-cli',
    writeBundle(options, bundle) {
      if ('cli.js' in bundle) chmodSync(path.join(options.dir, 'cli.js'), 0o755);
    },
  };
}

const onwarn = (warning, warn) => {
  // Dependencies (@actions/*, web-tree-sitter) use `this` at top level and circular imports; both harmless.
  if (warning.code === 'CIRCULAR_DEPENDENCY' || warning.code === 'THIS_IS_UNDEFINED') return;
  warn(warning);
};

export default {
  input: { index: 'src/index.ts', cli: 'src/cli.ts', worker: 'src/engine/worker.ts' },
  output: {
    dir: outDir,
    format: 'es',
    sourcemap: false,
    entryFileNames: '[name].js',
    // Shared chunks sit beside the entries: src/parse/wasm.ts finds the .wasm files next to
    // whichever chunk holds it, so every file of the bundle must live in the same folder.
    chunkFileNames: '[name].js',
    banner: (chunk) => (chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
  },
  onwarn,
  plugins: [
    typescript({
      tsconfig: './tsconfig.json',
      include: ['src/**/*.ts'],
      outDir,
      rootDir: '.',
      noEmit: false,
      declaration: false,
    }),
    nodeResolve({ preferBuiltins: true, exportConditions: ['node', 'import', 'default'] }),
    patchWebTreeSitterPlugin(),
    commonjs(),
    json(),
    copyWasm(),
    executableCli(),
  ],
};
