// Types of patch-web-tree-sitter.mjs, for the tests that import it.

export function patchWebTreeSitter(code: string): string;
export function patchWebTreeSitterPlugin(): unknown;
