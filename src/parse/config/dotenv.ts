import { parse as parseDotenv } from 'dotenv';
import { LineIndex } from './positions.js';
import type { ConfigDoc, ConfigEntry } from './types.js';

/**
 * dotenv's own line grammar (dotenv 16–18 `parse`, copied verbatim, plus the `d` flag for match
 * indices): `[export] KEY=value` or `KEY: value`, values single-, double- or back-quoted (spanning
 * lines) or bare up to a `#`. It locates each assignment and its value in the raw text; the value
 * itself is decoded by the `dotenv` library, which parses the matched text alone. Every
 * assignment is an entry (dotenv keeps the last of a repeated key; an earlier one is still in the
 * repository). Comment lines never match.
 */
const LINE =
  /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;

export function parseDotenvFile(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  // dotenv turns \r\n into \n before matching; a space keeps every offset in place.
  const src = text.replace(/\r(?=\n)/g, ' ');
  const entries: ConfigEntry[] = [];
  LINE.lastIndex = 0;
  for (let m = LINE.exec(src); m; m = LINE.exec(src)) {
    if (m[0] === '') {
      LINE.lastIndex++;
      continue;
    }
    const key = m[1] as string;
    const value = parseDotenv(text.slice(m.index, m.index + m[0].length))[key];
    if (value === undefined) continue;
    const keyAt = m.indices?.[1] ?? [m.index, m.index];
    const valueAt = m.indices?.[2];
    let span = lines.span(keyAt[0], keyAt[1]);
    if (valueAt) {
      let [s, e] = valueAt;
      while (s < e && /\s/.test(src[s] as string)) s++;
      while (e > s && /\s/.test(src[e - 1] as string)) e--;
      if (e > s) span = lines.span(s, e);
    }
    entries.push({ path: [key], key, value, span, document: 0 });
  }
  return { format: 'dotenv', entries, commands: [] };
}
