import type { PythonIndex } from '../../lang/python/file-index.js';
import type { WrapperInfo } from './auth.js';

/**
 * Decorators of a view imported from another module that their name does not show to
 * authenticate (`@protect`, `@validate_json`): as written, for phase 2 to look up in the project
 * (`authenticatesThrough`). Names from libraries resolve to nothing there and stay unknown.
 */
export function importedWrappers(index: PythonIndex, wrappers: readonly WrapperInfo[]): string[] {
  const out: string[] = [];
  for (const w of wrappers) {
    if (w.auth || w.limit || w.limitExempt || w.written === '') continue;
    if (index.imports.names.has(w.written.split('.')[0] ?? '')) out.push(w.written);
  }
  return out;
}
