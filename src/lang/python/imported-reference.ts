import type { Node } from '../../parse/python.js';
import type { PythonIndex } from './file-index.js';
import { originOf } from './value-flow.js';

/**
 * The local dotted name an expression reads from another module, after local assignments:
 * `KEY_SIZE` after `from .settings import KEY_SIZE`, `settings.KEY_SIZE` after `import settings` or
 * `from app import settings`. Undefined when the value is written in this file, or reached through
 * anything but names and attributes. The project phase resolves it (ProjectIndex.constantOf).
 */
export function importedReference(node: Node, py: PythonIndex): string | undefined {
  const origin = originOf(node, py).node;
  let head: Node = origin;
  while (head.type === 'attribute') {
    const object = head.childForFieldName('object');
    if (!object) return undefined;
    head = object;
  }
  if (head.type !== 'identifier') return undefined;
  if (py.scopes.lookup(head).kind !== 'import') return undefined;
  return origin.text.replace(/\s+/g, '');
}
