import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { Parser } from 'web-tree-sitter';

/**
 * Reads a WebAssembly file shipped beside the running module (the rollup bundle copies them into
 * dist/), else from its npm package (running from sources, under Jest).
 */
export function readWasm(fileName: string, packageName: string): Uint8Array {
  const beside = fileURLToPath(new URL(`./${fileName}`, import.meta.url));
  if (existsSync(beside)) return readFileSync(beside);
  const require = createRequire(import.meta.url);
  return readFileSync(require.resolve(`${packageName}/${fileName}`));
}

let runtime: Promise<void> | undefined;

/** Loads web-tree-sitter's runtime once per thread, for every grammar (Python, Bicep). */
export function initTreeSitter(): Promise<void> {
  runtime ??= Parser.init({ wasmBinary: readWasm('web-tree-sitter.wasm', 'web-tree-sitter') });
  return runtime;
}
