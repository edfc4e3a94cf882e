import { isLocalHost } from './hosts.js';
import type { CommandFact } from './types.js';

/** A `cockroach ...` invocation found in a command line, with what follows the binary. */
export interface CockroachInvocation {
  readonly subcommand: string;
  readonly args: readonly string[];
}

const SUBCOMMANDS: ReadonlySet<string> = new Set([
  'start',
  'start-single-node',
  'sql',
  'init',
  'workload',
  'node',
  'quit',
  'zone',
  'debug',
  'demo',
  'gen',
  'userfile',
  'nodelocal',
  'import',
  'dump',
  'statement-diag',
  'auth-session',
  'convert-url',
]);
const SERVER_SUBCOMMANDS = new Set(['start', 'start-single-node']);

function isCockroachBinary(token: string): boolean {
  const base = token.slice(token.lastIndexOf('/') + 1);
  if (base === 'cockroach' || base === 'cockroach.exe' || /^cockroach-v[\d.]+/.test(base)) return true;
  // The binary held in a variable: `$COCKROACH`, `${CRDB_BIN}`, `$CROACHDB` (name says which).
  const variable = /^\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?$/.exec(token);
  return variable !== null && /ROACH|CRDB/i.test(variable[1] as string);
}

/**
 * An image reference that ships the cockroach binary as its entrypoint: `cockroachdb/cockroach`,
 * `cockroachdb/cockroach-unstable`, `cockroach-dev`, and templated tags (`cockroachdb/${{ x }}`).
 */
export function isCockroachImage(token: string | undefined): boolean {
  if (token === undefined) return false;
  const t = token.toLowerCase();
  return /(^|\/)cockroach[-\w.]*(:|@|$)/.test(t) || /^cockroachdb\/(\$|\{)/.test(t);
}

/**
 * Finds the cockroach invocation in a command: the binary by name, an image reference in a
 * `docker run` line, or the command of a container whose image's entrypoint is cockroach (where
 * `start --insecure` is written without the word cockroach).
 */
export function findCockroach(cmd: CommandFact): CockroachInvocation | undefined {
  const argv = cmd.argv;
  for (let i = 0; i < argv.length; i++) {
    const token = argv[i] as string;
    if (isCockroachBinary(token) || (isCockroachImage(token) && i > 0)) {
      // Flags may come before the subcommand (`cockroach -d bank sql ...`): look a few tokens on.
      for (let j = i + 1; j < Math.min(argv.length, i + 5); j++) {
        const sub = argv[j] as string;
        if (SUBCOMMANDS.has(sub)) return { subcommand: sub, args: [...argv.slice(i + 1, j), ...argv.slice(j + 1)] };
        if (!sub.startsWith('-') && j > i + 1 && !(argv[j - 1] as string).startsWith('-')) break;
      }
    }
  }
  if (isCockroachImage(cmd.image) && argv[0] && SUBCOMMANDS.has(argv[0])) {
    return { subcommand: argv[0], args: argv.slice(1) };
  }
  return undefined;
}

/** `--insecure` or `--insecure=true`; `--insecure=false` is the secure default said aloud. */
export function hasInsecureFlag(args: readonly string[]): boolean {
  return args.some((a) => a === '--insecure' || /^--insecure=(true|1|yes)$/i.test(a));
}

export function isServer(inv: CockroachInvocation): boolean {
  return SERVER_SUBCOMMANDS.has(inv.subcommand);
}

/** Value of `--flag=v` or `--flag v`. */
export function flagValue(args: readonly string[], flag: string): string | undefined {
  for (let i = 0; i < args.length; i++) {
    const a = args[i] as string;
    if (a === flag) return args[i + 1];
    if (a.startsWith(`${flag}=`)) return a.slice(flag.length + 1);
  }
  return undefined;
}

/** Host part of `host:port`, `[::1]:26257`, or a bare host. */
export function hostOf(addr: string): string {
  if (addr.startsWith('[')) return addr.slice(1, addr.indexOf(']'));
  const colon = addr.lastIndexOf(':');
  return colon > 0 && addr.indexOf(':') === colon ? addr.slice(0, colon) : addr;
}

/** A node bound to loopback only; 0.0.0.0 and :: mean every interface, the opposite. */
export function listensLocally(args: readonly string[]): boolean {
  const listen = flagValue(args, '--listen-addr') ?? flagValue(args, '--host');
  if (listen === undefined || listen === '' || listen.startsWith(':')) return false;
  const host = hostOf(listen);
  return host !== '0.0.0.0' && host !== '::' && isLocalHost(host);
}
