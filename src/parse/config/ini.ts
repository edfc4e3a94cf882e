import { unsafe } from 'ini';
import type { Span } from '../../core/types.js';
import { LineIndex, syntaxError } from './positions.js';
import type { ConfigDoc, ConfigEntry } from './types.js';

/**
 * INI/CFG (alembic.ini, setup.cfg, tox.ini, uwsgi.ini) read the way Python's configparser reads
 * them, since that is what the application sees. Values are decoded by the `ini` library
 * (`unsafe`: quotes, escapes, inline `;`/`#` comments); it gives no positions (and drops blank
 * lines before splitting), so the lines are found by a tokenizer over the raw lines:
 *   - a line whose first non-blank character is `#` or `;` is a comment;
 *   - `[name]` opens a section (an unclosed `[` is an error);
 *   - `key = value` or `key: value` (the first of `=`/`:` separates) is an entry;
 *   - a line indented deeper than its entry's key continues that value (configparser's multi-line
 *     values, `%%` is configparser's escape for `%`); a blank line ends it.
 * Entries have the path `[section, key]` (`[key]` before the first section).
 */
export function parseIni(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  const entries: ConfigEntry[] = [];
  const raw = text.split('\n');
  let section: string | undefined;
  let cur:
    | { key: string; indent: number; first: string; more: string[]; start: number; end: number; keySpan: Span }
    | undefined;
  const flush = (): void => {
    if (!cur) return;
    const first = unsafe(cur.first);
    const value = [first, ...cur.more]
      .filter((v, i) => i > 0 || v !== '' || cur?.more.length === 0)
      .join('\n')
      .replace(/%%/g, '%');
    const span = cur.end > cur.start ? lines.span(cur.start, cur.end) : cur.keySpan;
    entries.push({
      path: section === undefined ? [cur.key] : [section, cur.key],
      key: cur.key,
      value,
      span,
      document: 0,
    });
    cur = undefined;
  };
  let offset = 0;
  raw.forEach((full, idx) => {
    const lineStart = offset;
    offset += full.length + 1;
    const line = full.replace(/\r$/, '');
    const trimmed = line.trim();
    if (trimmed === '') {
      flush();
      return;
    }
    if (trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const indent = line.length - line.trimStart().length;
    if (cur && indent > cur.indent) {
      cur.more.push(trimmed);
      cur.end = lineStart + line.trimEnd().length;
      return;
    }
    flush();
    if (trimmed.startsWith('[')) {
      const close = trimmed.indexOf(']');
      if (close < 0) throw syntaxError('INI', idx + 1, 'unterminated section header');
      section = trimmed.slice(1, close);
      return;
    }
    const m = /[=:]/.exec(line);
    if (!m) return; // a key without a value (allow_no_value): nothing to check
    const key = line.slice(indent, m.index).trim();
    if (key === '') return;
    const after = line.slice(m.index + 1);
    const lead = after.length - after.trimStart().length;
    const start = lineStart + m.index + 1 + lead;
    const end = lineStart + line.trimEnd().length;
    const keySpan = lines.span(lineStart + indent, lineStart + indent + key.length);
    cur = { key, indent, first: after.trim(), more: [], start, end: Math.max(start, end), keySpan };
  });
  flush();
  return { format: 'ini', entries, commands: [] };
}
