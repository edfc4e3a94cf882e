import { Language, Parser, type Node, type Tree } from 'web-tree-sitter';
import { initTreeSitter, readWasm } from './wasm.js';

export type { Node, Tree };

export interface PythonDoc {
  readonly tree: Tree;
  readonly root: Node;
  readonly text: string;
}

let parserPromise: Promise<Parser> | undefined;

/** One parser per thread, created on first use: loading the grammar costs ~30 ms. */
function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await initTreeSitter();
    const language = await Language.load(readWasm('tree-sitter-python.wasm', 'tree-sitter-python'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/**
 * Loads the Python grammar now rather than at the first parse: a worker calls it on start, so the
 * WebAssembly compilation overlaps discovery on the main thread.
 */
export async function preparePython(): Promise<void> {
  await getParser();
}

/**
 * Parses Python source. tree-sitter recovers from syntax errors (Python 2 files, templates), so
 * a tree with ERROR nodes is still analysed; only a parser failure is an error.
 * The caller must call `tree.delete()` when done: trees live in WebAssembly memory.
 */
export async function parsePython(text: string): Promise<PythonDoc> {
  const parser = await getParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  return { tree, root: tree.rootNode, text };
}
