import type { Node } from '../../parse/python.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * Where a Flask extension setting is written, found by its key: Flask reads settings by name
 * from `app.config`, whichever way they got there (checks.md, "Where settings hide"). The forms:
 * `KEY = v` (a config class attribute or a module constant read by `from_object`),
 * `app.config["KEY"] = v`, `app.config.update(KEY=v)` / `dict(KEY=v)`, and `{"KEY": v}` handed
 * to `from_mapping`/`update`.
 */
export interface SettingWrite {
  readonly key: string;
  /** The expression whose value the setting takes. */
  readonly value: Node;
}

/** Every write of one of `keys` in the file, in the order the index lists them. */
// Several rules ask for the same keys of the same file: walk the assignments once per pair. Every
// form spells its key (an identifier, a keyword, a string literal), so a file that spells none of
// the keys needs no walk (a key hidden in escapes or split across concatenated literals is missed).
const memo = new MemoSlot<Map<ReadonlySet<string>, SettingWrite[]>>('setting-writes.memo');

export function settingWrites(py: PythonIndex, keys: ReadonlySet<string>): SettingWrite[] {
  let perFile = memo.get(py);
  if (!perFile) memo.set(py, (perFile = new Map()));
  let found = perFile.get(keys);
  if (!found) perFile.set(keys, (found = mentionsAny(py.doc.text, keys) ? collectSettingWrites(py, keys) : []));
  return found;
}

function collectSettingWrites(py: PythonIndex, keys: ReadonlySet<string>): SettingWrite[] {
  const out: SettingWrite[] = [];
  for (const a of py.assignments) {
    const left = a.childForFieldName('left');
    if (!left) continue;
    let key: string | undefined;
    if (left.type === 'identifier') key = left.text;
    else if (left.type === 'subscript') {
      const sub = left.childForFieldName('subscript');
      key = sub && (sub.type === 'string' || sub.type === 'concatenated_string') ? constantStringValue(sub) : undefined;
    }
    if (key === undefined || !keys.has(key)) continue;
    // `A = B = v`: the value is the innermost right-hand side.
    let right = a.childForFieldName('right');
    while (right?.type === 'assignment') right = right.childForFieldName('right');
    if (right) out.push({ key, value: right });
  }
  for (const kw of py.keywordArguments) {
    const name = kw.childForFieldName('name')?.text;
    if (name === undefined || !keys.has(name)) continue;
    const value = kw.childForFieldName('value');
    if (value) out.push({ key: name, value });
  }
  for (const pair of py.pairs) {
    const keyNode = pair.childForFieldName('key');
    if (!keyNode || (keyNode.type !== 'string' && keyNode.type !== 'concatenated_string')) continue;
    const key = constantStringValue(keyNode);
    if (key === undefined || !keys.has(key)) continue;
    const value = pair.childForFieldName('value');
    if (value) out.push({ key, value });
  }
  return out;
}
