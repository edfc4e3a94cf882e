import type { PythonIndex } from '../../../lang/python/file-index.js';
import { SslContexts } from './sslcontext.js';

/**
 * Everything the passes of one file share: the file's index (its nodes by kind, imports, scopes,
 * the memoising evaluator), the SSL-context tracker, and which literals and calls a fact already
 * accounts for (so that no literal becomes two facts).
 */
export interface FileContext extends PythonIndex {
  readonly path: string;
  readonly ssl: SslContexts;
  /** Ids of string literals and calls that an emitted fact accounts for. */
  readonly consumed: Set<number>;
}

export function createContext(index: PythonIndex, path: string): FileContext {
  // Inherit rather than spread: spreading would run the index's lazy getters (attributes).
  const ctx: Omit<FileContext, keyof PythonIndex> = {
    path,
    ssl: new SslContexts(index.scopes, index.imports, index.assignments),
    consumed: new Set(),
  };
  return Object.assign(Object.create(index) as PythonIndex, ctx);
}
