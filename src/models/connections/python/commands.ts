import { parse as shellParse } from 'shell-quote';
import { DYNAMIC } from '../../../core/dynamic.js';
import type { Node } from '../../../parse/python.js';
import { argument, callArguments } from '../../../lang/python/args.js';
import { asStr, joinText, type PyValue } from '../../../lang/python/evaluate.js';
import { matchCallee } from '../../../lang/python/imports.js';
import { spanOf } from '../../../lang/python/span.js';
import type { CommandFact } from '../types.js';
import type { FileContext } from './context.js';

/**
 * Command lines Python starts: `subprocess.run(["cockroach", "start", "--insecure"])`,
 * `os.system("cockroach sql --insecure")`. Argument lists keep their items (unknown items as
 * DYNAMIC); command strings are split as the shell would split them.
 */

/** Calls whose first argument is an argv list, or a command string when `shell=True`. */
const SUBPROCESS = new Set([
  'subprocess.run',
  'subprocess.Popen',
  'subprocess.call',
  'subprocess.check_call',
  'subprocess.check_output',
]);
/** Calls whose first argument is always a shell command string. */
const SHELL = new Set([
  'os.system',
  'os.popen',
  'subprocess.getoutput',
  'subprocess.getstatusoutput',
  'asyncio.create_subprocess_shell',
]);
/** Calls whose positional arguments are the argv. */
const EXEC_ARGS = new Set(['asyncio.create_subprocess_exec']);
const ALL = new Set([...SUBPROCESS, ...SHELL, ...EXEC_ARGS]);

/** Every callee above lives in one of these modules, which an import or the written name spells. */
const MODULE_SPELLINGS = /\bos\b|subprocess|asyncio/;

export function commandFacts(ctx: FileContext): CommandFact[] {
  const out: CommandFact[] = [];
  if (!MODULE_SPELLINGS.test(ctx.doc.text)) return out;
  for (const call of ctx.calls) {
    const name = matchCallee(call, ctx.imports, ALL);
    if (!name) continue;
    const args = callArguments(call);
    let argv: string[] | undefined;
    let at: Node | undefined;
    if (EXEC_ARGS.has(name)) {
      if (args.positional.length === 0) continue;
      argv = args.positional.map((a) => tokenOf(ctx.evaluator.evaluate(a)));
      if (args.listSplat) argv.push(DYNAMIC);
      at = call;
    } else {
      at = argument(args, 0, SHELL.has(name) ? 'cmd' : 'args') ?? args.positional[0];
      if (!at) continue;
      argv = argvOf(ctx.evaluator.evaluate(at));
    }
    if (!argv || !argv.some((t) => t !== '' && !t.includes(DYNAMIC))) continue;
    out.push({ argv, span: spanOf(at), image: undefined });
  }
  return out;
}

function tokenOf(value: PyValue): string {
  const s = asStr(value);
  return s ? joinText(s) : DYNAMIC;
}

function argvOf(value: PyValue): string[] | undefined {
  if (value.kind === 'list') {
    const argv = value.items.map((i) => tokenOf(i.value));
    if (value.open) argv.push(DYNAMIC);
    return argv;
  }
  const s = asStr(value);
  return s ? splitShell(joinText(s)) : undefined;
}

/** Shell words of a command string; `$VAR` stays as written, operators become their text. */
export function splitShell(command: string): string[] {
  const out: string[] = [];
  for (const entry of shellParse(command, (key: string) => `$${key}`)) {
    if (typeof entry === 'string') out.push(entry);
    else if ('op' in entry) out.push(entry.op === 'glob' ? (entry as { pattern: string }).pattern : entry.op);
  }
  return out;
}
