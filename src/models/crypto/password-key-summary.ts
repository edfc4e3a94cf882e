import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { dottedName } from '../../lang/python/imports.js';
import type { ProjectIndex } from '../../project/project-index.js';
import type { Summarizer } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { CRYPTO_LIBRARIES } from './calls.js';
import { moduleFunctionOf, passwordArgument, passwordKeyUses } from './password-key.js';

export const CRYPTO_DOMAIN = 'crypto';

/**
 * The `crypto` section of module summaries. `keyParams`: module-level functions whose parameter
 * reaches a cipher key with no KDF, as [function, parameter index, parameter name, line of the
 * cipher]. `passwordCalls`: calls to a module-level name of the file or an imported one that pass
 * a password, as [callee as written, argument index (-1 for a keyword), keyword, line].
 */
export interface CryptoSection {
  readonly keyParams?: readonly (readonly [string, number, string, number])[];
  readonly passwordCalls?: readonly (readonly [string, number, string, number])[];
}

/** Project functions are called by a plain or dotted name whose head the module binds. */
export function calleeText(call: Node, py: PythonIndex, defines: (name: string) => boolean): string | undefined {
  const fn = call.childForFieldName('function');
  const dotted = fn ? dottedName(fn) : undefined;
  if (!dotted) return undefined;
  const head = dotted.split('.')[0] ?? '';
  if (head === 'self' || head === 'cls') return undefined;
  return py.imports.names.has(head) || defines(head) ? dotted : undefined;
}

function moduleDefines(py: PythonIndex): (name: string) => boolean {
  let names: Set<string> | undefined;
  return (name) => {
    names ??= new Set(
      py.functions.flatMap((f) => {
        const parent = f.parent?.type === 'decorated_definition' ? f.parent.parent : f.parent;
        const n = f.childForFieldName('name')?.text;
        return parent?.type === 'module' && n ? [n] : [];
      }),
    );
    return names.has(name);
  };
}

export function cryptoSection(py: PythonIndex, text: string): CryptoSection | undefined {
  const keyParams: [string, number, string, number][] = [];
  if (mentionsAny(text, CRYPTO_LIBRARIES)) {
    for (const use of passwordKeyUses(py)) {
      if (use.origin.kind !== 'param') continue;
      const fn = moduleFunctionOf(use.sink.call);
      if (fn) keyParams.push([fn.name, use.origin.index, use.origin.name, use.sink.call.startPosition.row + 1]);
    }
  }
  const passwordCalls: [string, number, string, number][] = [];
  // `pass` alone is a statement in every module: the words must be a password's.
  if (/passw|pwd|\bpw\b/i.test(text)) {
    const defines = moduleDefines(py);
    for (const call of py.calls) {
      const args = callArguments(call);
      if (args.positional.length + args.keywords.size < 2) continue;
      const callee = calleeText(call, py, defines);
      if (!callee) continue;
      const line = call.startPosition.row + 1;
      args.positional.forEach((a, i) => {
        if (passwordArgument(a, py)) passwordCalls.push([callee, i, '', line]);
      });
      for (const [kw, a] of args.keywords) if (passwordArgument(a, py)) passwordCalls.push([callee, -1, kw, line]);
    }
  }
  if (keyParams.length === 0 && passwordCalls.length === 0) return undefined;
  return {
    ...(keyParams.length > 0 ? { keyParams } : {}),
    ...(passwordCalls.length > 0 ? { passwordCalls } : {}),
  };
}

export const cryptoSummarizer: Summarizer = {
  domain: CRYPTO_DOMAIN,
  summarize({ python, file }) {
    if (!python) return undefined;
    return cryptoSection(python, file.text) as Json | undefined;
  },
};

/** The first caller in the project passing a password to parameter `index`/`param` of `fn` in `path`. */
export function passwordCallerOf(
  index: ProjectIndex,
  path: string,
  fn: string,
  paramIndex: number,
  param: string,
): { path: string; line: number } | undefined {
  for (const { path: from, section } of index.sections<CryptoSection>(CRYPTO_DOMAIN)) {
    for (const [callee, i, kw, line] of section.passwordCalls ?? []) {
      if (i !== -1 ? i !== paramIndex : kw !== param) continue;
      const def = index.resolveLocal(from, callee);
      if (def?.path === path && def.name === fn) return { path: from, line };
    }
  }
  return undefined;
}

/** The project function `callee` (from `path`) when it uses argument `argIndex`/`kw` as a cipher key. */
export function keyParamOf(
  index: ProjectIndex,
  path: string,
  callee: string,
  argIndex: number,
  kw: string,
): { path: string; name: string; line: number } | undefined {
  const def = index.resolveLocal(path, callee);
  if (!def?.name) return undefined;
  const section = index.section<CryptoSection>(def.path, CRYPTO_DOMAIN);
  for (const [name, i, param, line] of section?.keyParams ?? []) {
    if (name !== def.name) continue;
    if (argIndex !== -1 ? argIndex === i : kw === param) return { path: def.path, name, line };
  }
  return undefined;
}
