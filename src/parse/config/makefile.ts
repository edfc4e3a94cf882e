import type { CommandFact } from '../../models/connections/types.js';
import { LineIndex } from './positions.js';
import { scriptCommands } from './shell-split.js';
import type { ConfigDoc, ConfigEntry } from './types.js';

const ASSIGN = /^((?:(?:export|override)[ \t]+)*)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(:::=|::=|:=|\?=|\+=|!=|=)[ \t]*/;
const DIRECTIVE = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|vpath|unexport|export|undefine)\b/;

/**
 * Makefiles (`Makefile`, `GNUmakefile`, `*.mk`): variable assignments (`VAR = v`, `:=`, `?=`,
 * `+=`, `export VAR = v`) are entries; recipe lines (tab-indented, after a rule) and inline
 * recipes (`target: ; cmd`) are shell command lines, their `@`/`-`/`+` prefixes removed. Make
 * keeps quotes in values; one pair of surrounding quotes is removed here, as the shell removes
 * it where the variable is used. `define ... endef` bodies and `VAR != cmd` are not read.
 */
export function parseMakefile(text: string): ConfigDoc {
  const lines = new LineIndex(text);
  const raw = text.split('\n');
  const entries: ConfigEntry[] = [];
  const commands: CommandFact[] = [];
  let inRule = false;
  let inDefine = false;
  let offset = 0;
  for (let k = 0; k < raw.length; k++) {
    const start = offset;
    const first = (raw[k] as string).replace(/\r$/, '');
    offset += (raw[k] as string).length + 1;
    // A logical line: a trailing backslash continues it. Only the last physical line is tested
    // (testing the growing logical line made 100,000 continuations quadratic).
    let end = start + first.length;
    const pieces = [first];
    let last = first;
    while (continues(last) && k + 1 < raw.length) {
      k++;
      last = (raw[k] as string).replace(/\r$/, '');
      pieces.push(last);
      end = offset + last.length;
      offset += (raw[k] as string).length + 1;
    }
    const logical = pieces.join('\n');
    if (inDefine) {
      if (/^\s*endef\b/.test(first)) inDefine = false;
      continue;
    }
    if (first.startsWith('\t')) {
      if (!inRule) continue;
      const lead = /^\t[ \t@+-]*/.exec(logical) as RegExpExecArray;
      const cmdStart = start + lead[0].length;
      for (const x of scriptCommands(text.slice(cmdStart, end), (s, e) => lines.span(cmdStart + s, cmdStart + e)))
        commands.push(x);
      continue;
    }
    const trimmed = logical.trim();
    if (trimmed === '' || trimmed.startsWith('#')) continue;
    if (/^(?:override\s+)?define\s/.test(trimmed)) {
      inDefine = true;
      continue;
    }
    const m = ASSIGN.exec(logical);
    if (m) {
      inRule = false;
      if (m[3] === '!=') continue;
      const key = m[2] as string;
      const valueStart = start + m[0].length;
      const body = logical.slice(m[0].length);
      // the value ends at an unescaped `#`; trailing blanks are not part of it
      let cut = body.length;
      for (let i = 0; i < body.length; i++) {
        if (body[i] === '\\') i++;
        else if (body[i] === '#') {
          cut = i;
          break;
        }
      }
      const valueText = body.slice(0, cut).replace(/\s+$/, '');
      const valueEnd = valueStart + valueText.length;
      const value = unquote(valueText.replace(/\\\n[ \t]*/g, ' ').replace(/\\#/g, '#'));
      const span = valueEnd > valueStart ? lines.span(valueStart, valueEnd) : lines.span(start, start + first.length);
      entries.push({ path: [key], key, value, span, document: 0 });
      continue;
    }
    if (DIRECTIVE.test(trimmed)) continue;
    const colon = logical.indexOf(':');
    if (colon > 0) {
      inRule = true;
      const semi = logical.indexOf(';', colon);
      if (semi > 0) {
        const cmdStart = start + semi + 1;
        for (const x of scriptCommands(text.slice(cmdStart, end), (s, e) => lines.span(cmdStart + s, cmdStart + e)))
          commands.push(x);
      }
    }
  }
  return { format: 'makefile', entries, commands };
}

/** Whether a line ends with an odd number of backslashes: an unescaped one, which continues it. */
function continues(line: string): boolean {
  let n = 0;
  while (n < line.length && line[line.length - 1 - n] === '\\') n++;
  return n % 2 === 1;
}

function unquote(v: string): string {
  return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}
