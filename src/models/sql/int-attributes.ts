import type { Node } from '../../parse/python.js';
import { calleeNames } from '../../lang/python/imports.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { CASTS } from './vocabulary.js';

/**
 * Attributes that hold an integer and so cannot carry a quote into SQL: what the drivers document
 * as integers (psycopg's `conn.info.backend_pid`, `server_version`, DB-API `rowcount`,
 * `lastrowid`), and an attribute of this file's objects that the file only ever sets to such an
 * integer, a number, `None` or a cast (pgAdmin keeps `self.__backend_pid =
 * self.conn.info.backend_pid` and formats it into `pg_cancel_backend({0})`).
 */

const DRIVER_INTEGERS = new Set(['backend_pid', 'server_version', 'protocol_version', 'rowcount', 'lastrowid']);

const cache = new MemoSlot<Map<string, boolean>>('int-attributes.cache');

export function isIntegerAttribute(node: Node, index: PythonIndex): boolean {
  const attr = node.childForFieldName('attribute')?.text;
  if (!attr) return false;
  if (DRIVER_INTEGERS.has(attr)) return true;
  let perFile = cache.get(index);
  if (!perFile) {
    perFile = new Map();
    cache.set(index, perFile);
  }
  let known = perFile.get(attr);
  if (known === undefined) {
    known = onlySetToIntegers(attr, index);
    perFile.set(attr, known);
  }
  return known;
}

function onlySetToIntegers(attr: string, index: PythonIndex): boolean {
  let sets = 0;
  for (const a of index.assignments) {
    const left = a.childForFieldName('left');
    if (left?.type !== 'attribute' || left.childForFieldName('attribute')?.text !== attr) continue;
    const right = a.childForFieldName('right');
    if (!right || !isIntegerExpression(right, index)) return false;
    sets++;
  }
  for (const a of index.augmentedAssignments) {
    const left = a.childForFieldName('left');
    if (left?.type === 'attribute' && left.childForFieldName('attribute')?.text === attr) return false;
  }
  return sets > 0;
}

function isIntegerExpression(node: Node, index: PythonIndex): boolean {
  switch (node.type) {
    case 'integer':
    case 'none':
      return true;
    case 'attribute': {
      const attr = node.childForFieldName('attribute')?.text;
      return attr !== undefined && DRIVER_INTEGERS.has(attr);
    }
    case 'call':
      return calleeNames(node, index.imports).some((n) => CASTS.has(n));
    default:
      return false;
  }
}
