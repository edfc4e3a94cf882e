import type { CommandFact } from '../../models/connections/types.js';
import { LineIndex, syntaxError } from './positions.js';
import { jsonInShell } from './shell-json.js';
import { splitShellScript, wrapperCommands } from './shell-split.js';
import type { ConfigDoc, ConfigEntry } from './types.js';

/**
 * Shell scripts (`*.sh`, `*.bash`): every simple command (split on newlines, `;`, `&&`, `||`,
 * `|`, `&`; `sh -c` scripts opened), and `K=V` / `export K=V` lines as entries with key K, then
 * the entries of JSON documents passed as words or here-documents (`shell-json.ts`).
 */
export function parseShell(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  const script = splitShellScript(text);
  if (script.unterminated !== undefined) {
    throw syntaxError(
      'shell',
      lines.pos(script.unterminated).line,
      // Never quote the text: an unterminated quote usually opens a value, often a secret.
      'unterminated quote or substitution',
    );
  }
  const entries: ConfigEntry[] = script.assignments.map((a) => ({
    path: [a.key],
    key: a.key,
    value: a.value,
    span: lines.span(a.start, a.end),
    document: 0,
  }));
  entries.push(...jsonInShell(text, lines, script.commands));
  const commands: CommandFact[] = [];
  for (const c of script.commands) {
    const span = lines.span(c.start, c.end);
    commands.push({ argv: c.argv, span, image: undefined }, ...wrapperCommands(c.argv, span));
  }
  return { format: 'shell', entries, commands };
}
