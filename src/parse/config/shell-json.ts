import { parseJson } from './json.js';
import type { LineIndex } from './positions.js';
import type { ShellCommand } from './shell-split.js';
import type { ConfigEntry } from './types.js';

/**
 * JSON documents inside a shell script: a word that is a JSON object (`curl --data '{...}'`,
 * `-d`, `--data-raw`, `http POST url <<< '{...}'`) and a here-document body that is one
 * (`curl --data @- <<'EOF'`). Scripts that register a Kafka Connect sink or create a cloud
 * database post the connection settings this way, and those settings are as real as a config
 * file's. Their entries are read like a JSON file's; each document's paths start with its offset
 * in the script (a number, so messages show only the JSON keys), which keeps one document's
 * settings out of another's scope.
 *
 * Positions: a document that sits verbatim in the script (single quotes, a quoted here-document)
 * is parsed in place, so every value keeps its own line; one the shell rewrote (double quotes
 * with `\"` escapes) is parsed alone and its values take the command's place.
 */
export function jsonInShell(text: string, lines: LineIndex, commands: readonly ShellCommand[]): ConfigEntry[] {
  const out: ConfigEntry[] = [];
  for (const c of commands) {
    for (const word of c.argv) {
      const doc = word.trim();
      if (!doc.startsWith('{') || !doc.endsWith('}') || !doc.includes('"')) continue;
      const at = text.slice(c.start, c.end).indexOf(word);
      if (at >= 0) out.push(...inPlace(lines, c.start + at, word));
      else out.push(...rewritten(c, word, lines.span(c.start, c.end)));
    }
    for (const body of hereDocuments(text, c)) {
      const doc = body.text.trim();
      if (doc.startsWith('{') && doc.endsWith('}')) out.push(...inPlace(lines, body.start, body.text));
    }
  }
  return out;
}

/** Parses `doc`, found at `offset` of the script, with positions in the script; nothing when it is not JSON. */
function inPlace(lines: LineIndex, offset: number, doc: string): ConfigEntry[] {
  try {
    return parseJson(doc, { lines, offset }).entries.map((e) => ({ ...e, path: [offset, ...e.path] }));
  } catch {
    return []; // a word that only looks like JSON (`{a,b}` brace expansion, a template)
  }
}

function rewritten(c: ShellCommand, doc: string, span: ConfigEntry['span']): ConfigEntry[] {
  try {
    return parseJson(doc).entries.map((e) => ({ ...e, path: [c.start, ...e.path], span }));
  } catch {
    return [];
  }
}

const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g;

/**
 * The bodies of the here-documents a command opens: from the line after the command's last line
 * to the line holding only the delimiter (tabs stripped for `<<-`). `<<<` (a here-string) is a
 * word, not a here-document.
 */
function hereDocuments(text: string, c: ShellCommand): { start: number; text: string }[] {
  const source = text.slice(c.start, c.end);
  if (!source.includes('<<')) return [];
  const out: { start: number; text: string }[] = [];
  let from = text.indexOf('\n', c.end);
  HEREDOC.lastIndex = 0;
  for (let m = HEREDOC.exec(source); m && from >= 0; m = HEREDOC.exec(source)) {
    if (source[m.index + 2] === '<' || (m.index > 0 && source[m.index - 1] === '<')) continue;
    const strip = m[1] === '-';
    const delimiter = m[3] as string;
    const start = from + 1;
    let lineStart = start;
    let end = -1;
    while (lineStart <= text.length) {
      const nl = text.indexOf('\n', lineStart);
      const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
      if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) {
        end = lineStart;
        from = nl;
        break;
      }
      if (nl < 0) break;
      lineStart = nl + 1;
    }
    if (end < 0) break; // unterminated: the shell reads to the end, the script is broken anyway
    out.push({ start, text: text.slice(start, end) });
  }
  return out;
}
