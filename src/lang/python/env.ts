import type { Node } from '../../parse/python.js';
import { argument, callArguments } from './args.js';
import { matchCallee, resolveNames, type ImportMap } from './imports.js';
import { constantStringValue } from './strings.js';

/** A read of an environment variable: `os.environ.get(N, D)`, `os.getenv(N)`, `os.environ[N]`. */
export interface EnvLookup {
  /** The variable's name, when a literal. */
  readonly name: string | undefined;
  /** The fallback expression, when one is given (`D` above). */
  readonly fallback: Node | undefined;
  /** `setdefault` also writes the fallback into the environment. */
  readonly form: 'get' | 'setdefault' | 'subscript';
}

// `environ.get` without an import still means os.environ in practice (`environ = os.environ`).
const GET_CALLS = new Set(['os.environ.get', 'os.getenv', 'environ.get', 'decouple.config']);
const SETDEFAULT_CALLS = new Set(['os.environ.setdefault', 'environ.setdefault']);
const ENV_CALLS = new Set([...GET_CALLS, ...SETDEFAULT_CALLS]);

/**
 * Words a file must spell to hold an environment read by a call (`os.environ.get`, `getenv`, an
 * alias's import, `decouple.config`): a file that spells none has none, and its calls need not be
 * resolved one by one.
 */
export const ENV_CALL_WORDS: readonly string[] = ['environ', 'getenv', 'decouple'];

/** An environment read by a call, or undefined. */
export function envLookupOfCall(call: Node, imports: ImportMap): EnvLookup | undefined {
  const callee = matchCallee(call, imports, ENV_CALLS);
  if (!callee) return undefined;
  const args = callArguments(call);
  const nameNode = argument(args, 0, callee === 'decouple.config' ? 'option' : 'key');
  const name = nameNode ? constantStringValue(nameNode) : undefined;
  // decouple.config(name, default=...) takes the fallback by keyword only.
  const fallback = callee === 'decouple.config' ? args.keywords.get('default') : argument(args, 1, 'default');
  return { name, fallback, form: SETDEFAULT_CALLS.has(callee) ? 'setdefault' : 'get' };
}

/** `os.environ[N]` read (or the target of `os.environ[N] = v`), or undefined. */
export function envLookupOfSubscript(subscript: Node, imports: ImportMap): EnvLookup | undefined {
  const value = subscript.childForFieldName('value');
  const key = subscript.childForFieldName('subscript');
  if (!value || !key || !isEnviron(value, imports)) return undefined;
  return { name: constantStringValue(key), fallback: undefined, form: 'subscript' };
}

/** `os.environ` (or `environ` imported from os). */
export function isEnviron(node: Node, imports: ImportMap): boolean {
  const names = resolveNames(node, imports);
  return names.includes('os.environ') || (names.length > 0 && names[0] === 'environ');
}
