import type { Node } from '../../parse/python.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';

/**
 * The file's calls grouped by the last name of their callee (`execute` for `cur.execute(...)`,
 * `text` for `sa.text(...)` and for `text(...)` imported from sqlalchemy, `query_db` for
 * `query_db(...)`), built in one pass over `index.calls`. The SQL rule asks for a few names many
 * times (sinks, wrapper functions, `append` calls); asking the tree for every call's callee each
 * time would cost a WebAssembly call per call per question. `calleeNames` is cached per file and
 * shared with the other rules.
 */
export type CallTable = ReadonlyMap<string, readonly Node[]>;

const cache = new MemoSlot<CallTable>('call-table.cache');

export function callTable(index: PythonIndex): CallTable {
  const hit = cache.get(index);
  if (hit) return hit;
  const table = new Map<string, Node[]>();
  const add = (name: string, call: Node): void => {
    const list = table.get(name);
    if (list) list.push(call);
    else table.set(name, [call]);
  };
  for (const call of index.calls) {
    const full = calleeNames(call, index.imports)[0];
    if (full !== undefined) {
      add(full.slice(full.lastIndexOf('.') + 1), call);
      continue;
    }
    // `conn.cursor().execute(...)`, `get_db().execute(...)`: no dotted name, but a method name.
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text;
    if (method) add(method, call);
  }
  cache.set(index, table);
  return table;
}

/** Calls whose callee ends in `name`. */
export function callsNamed(index: PythonIndex, name: string): readonly Node[] {
  return callTable(index).get(name) ?? [];
}
