import type { CommandFact } from '../../models/connections/types.js';
import { LineIndex } from './positions.js';
import { scriptCommands } from './shell-split.js';
import type { ConfigDoc } from './types.js';

const PROCESS = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*/;

/**
 * Procfile (Heroku, foreman, honcho): `type: command` lines; the command runs through a shell.
 * A line ending in `\` continues on the next. Lines that are not `type: command` are ignored, as
 * the process managers ignore them.
 */
export function parseProcfile(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  const commands: CommandFact[] = [];
  const raw = text.split('\n');
  let offset = 0;
  for (let k = 0; k < raw.length; k++) {
    const start = offset;
    const line = raw[k] as string;
    offset += line.length + 1;
    const m = PROCESS.exec(line);
    if (!m) continue;
    let end = start + line.replace(/\s+$/, '').length;
    while (/\\\s*$/.test(raw[k] as string) && k + 1 < raw.length) {
      k++;
      end = offset + (raw[k] as string).replace(/\s+$/, '').length;
      offset += (raw[k] as string).length + 1;
    }
    const cmdStart = start + m[0].length;
    const script = text.slice(cmdStart, end);
    for (const x of scriptCommands(script, (s, e) => lines.span(cmdStart + s, cmdStart + e))) commands.push(x);
  }
  return { format: 'procfile', entries: [], commands };
}
