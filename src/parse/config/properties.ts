import { Properties } from 'properties-file/parser';
import { LineIndex } from './positions.js';
import type { ConfigDoc, ConfigEntry } from './types.js';

/**
 * Java `.properties` files (Spring's `application.properties`, jOOQ and Flyway configs), read by
 * `properties-file`, which implements `java.util.Properties`: `#`/`!` comments, `=`, `:` or
 * blanks as separator, backslash continuations and escapes. Keys stay whole
 * (`spring.datasource.url`), as Spring and the JDBC tools look them up. Every occurrence of a
 * repeated key is an entry: Java keeps the last, the earlier ones are still in the repository.
 *
 * The library gives each property's lines and raw text; the value's place is found from them:
 * on a single line it starts after the key, separator and blanks as written; a value continued
 * over several lines spans to the end of its last line.
 */
export function parseProperties(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  const entries: ConfigEntry[] = [];
  for (const p of new Properties(text).getProperties()) {
    const first = p.rawLines[0] ?? '';
    const lineStart = lines.lineStart(p.startingLineNumber);
    const keyStart = lineStart + p.leadingWhitespace.length;
    // `escapedKey` is the key as written (continuations joined); on its first line it is whole
    // unless the key itself is continued, which no real file does.
    const keyEnd = keyStart + Math.min(p.escapedKey.length, first.length - p.leadingWhitespace.length);
    const valueOffset =
      p.leadingWhitespace.length +
      p.escapedKey.length +
      p.separatorLeading.length +
      (p.separatorChar ? 1 : 0) +
      p.separatorTrailing.length;
    const last = (p.rawLines[p.rawLines.length - 1] ?? '').replace(/\r$/, '').trimEnd();
    const endOffset = lines.lineStart(p.endingLineNumber) + last.length;
    const startOffset = lineStart + Math.min(valueOffset, first.replace(/\r$/, '').length);
    const span =
      p.value === '' || endOffset <= startOffset ? lines.span(keyStart, keyEnd) : lines.span(startOffset, endOffset);
    entries.push({ path: [p.key], key: p.key, value: p.value, span, document: 0 });
  }
  return { format: 'properties', entries, commands: [] };
}
