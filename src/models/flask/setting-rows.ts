import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * A setting stored as a row: `{"name": "SECURITY_PASSWORD_SALT", "value": salt}` in a migration's
 * `bulk_insert` or a settings table, which the app later loads as that setting (pgAdmin's `keys`
 * table). The value nodes that may be stored: the value itself, or each value a name is assigned
 * in its scope (`salt = "SuperSecret3"` then `if hasattr(config, ...): salt = config...`), since
 * any of them can be the one written.
 */
export interface SettingRow {
  readonly key: string;
  readonly values: readonly Node[];
}

const NAME_KEYS = new Set(['name', 'key', 'setting']);

export function settingRows(py: PythonIndex, wanted: (key: string) => boolean): SettingRow[] {
  const out: SettingRow[] = [];
  const dicts = new Map<number, Node>();
  for (const pair of py.pairs) if (pair.parent?.type === 'dictionary') dicts.set(pair.parent.id, pair.parent);
  for (const dict of dicts.values()) {
    let key: string | undefined;
    let value: Node | undefined;
    for (const pair of dict.namedChildren) {
      if (pair.type !== 'pair') continue;
      const k = pair.childForFieldName('key');
      const v = pair.childForFieldName('value');
      const name = k ? constantStringValue(k) : undefined;
      if (!v || name === undefined) continue;
      if (NAME_KEYS.has(name)) key = constantStringValue(v);
      else if (name === 'value') value = v;
    }
    if (key === undefined || !value || !wanted(key)) continue;
    out.push({ key, values: candidates(py, value) });
  }
  return out;
}

function candidates(py: PythonIndex, value: Node): Node[] {
  if (value.type !== 'identifier') return [value];
  return py.scopes.bindingsOf(value.text, value).flatMap((b) => (b.kind === 'value' ? [b.value] : []));
}
