import { isPlaceholder } from '../../core/placeholder.js';
import type { Span } from '../../core/types.js';
import type { ConfigDoc, ConfigEntry } from '../../parse/config/types.js';
import { secretName } from '../names/secret-names.js';

/** A shell `echo`/`printf` that prints a variable holding a credential set in the same script. */
export interface EchoedCredential {
  readonly span: Span;
  /** `echo` or `printf`. */
  readonly printer: string;
  readonly variable: string;
  readonly kind: 'password' | 'connection string';
  /** The literal secret, for the engine to scrub; never printed. */
  readonly secret: string;
}

const PRINTERS = new Set(['echo', 'printf']);
/** `$NAME` or `${NAME}` (also `${NAME:-x}`): the variables a word expands. */
const EXPANSION = /\$\{([A-Za-z_][A-Za-z0-9_]*)(?=[}:#%/^,@-])|\$([A-Za-z_][A-Za-z0-9_]*)/g;
/** `scheme://user:PASSWORD@host`: the password of any URI's user info. */
const URI_PASSWORD = /^[A-Za-z][A-Za-z0-9+.-]*:\/\/[^:/@\s]*:([^@\s]+)@/;
/** `$NAME` / `${NAME}` as the whole password: it holds what NAME holds. */
const WHOLE_VARIABLE = /^\$(?:\{([A-Za-z_][A-Za-z0-9_]*)\}|([A-Za-z_][A-Za-z0-9_]*))$/;
const NOT_LITERAL = /[$`]/;

type Held = Map<string, { kind: EchoedCredential['kind']; secret: string }>;

/**
 * Applies one assignment to what the script's variables provably hold: a credential when
 *   - the variable is named like a secret (`PASSWORD`, `DB_PASS`) and set to a literal that is
 *     not a placeholder;
 *   - or it is set to a URI whose password is such a literal, or is exactly `$X`/`${X}` where X
 *     holds such a literal (`URL="postgresql://app:${PASSWORD}@db/bank"`).
 * Any other value (`$(vault read ...)`, an unset variable) replaces what the variable held.
 */
function assign(held: Held, a: ConfigEntry, isLiteralSecret: (value: string) => boolean): void {
  held.delete(a.key);
  if (typeof a.value !== 'string') return;
  const value = a.value.trim();
  if (secretName(a.key) && !NOT_LITERAL.test(value) && isLiteralSecret(value)) {
    held.set(a.key, { kind: 'password', secret: value });
    return;
  }
  const uri = URI_PASSWORD.exec(value);
  if (!uri) return;
  const password = uri[1] as string;
  const whole = WHOLE_VARIABLE.exec(password);
  if (whole) {
    const from = held.get((whole[1] ?? whole[2]) as string);
    if (from?.kind === 'password') held.set(a.key, { kind: 'connection string', secret: from.secret });
  } else if (!NOT_LITERAL.test(password) && !isPlaceholder(password)) {
    held.set(a.key, { kind: 'connection string', secret: password });
  }
}

/**
 * `echo`/`printf` commands of a shell script whose words expand a variable that provably holds a
 * credential there, from the script's own assignments above the command (the last one counts;
 * conditionals are not followed), when the output goes to the terminal or the CI log: a command
 * whose output is piped on (`echo "$PASSWORD" | docker login --password-stdin`) or redirected to
 * a file hands the secret to a program or a file, which is how secrets are meant to be passed.
 * One pass over assignments and commands in line order.
 */
export function echoedCredentials(
  doc: ConfigDoc,
  lines: readonly string[],
  isLiteralSecret: (value: string) => boolean,
): EchoedCredential[] {
  if (doc.format !== 'shell') return [];
  // Shell variables are the entries with a one-key path (JSON documents' entries have longer ones).
  const assignments = doc.entries.filter((e) => e.path.length === 1).sort((a, b) => a.span.line - b.span.line);
  const printers = doc.commands.filter((c) => PRINTERS.has(c.argv[0] ?? '')).sort((a, b) => a.span.line - b.span.line);
  const held: Held = new Map();
  const out: EchoedCredential[] = [];
  let next = 0;
  for (const c of printers) {
    while (next < assignments.length && (assignments[next] as ConfigEntry).span.line < c.span.line)
      assign(held, assignments[next++] as ConfigEntry, isLiteralSecret);
    if (held.size === 0 || printsElsewhere(c.span, lines)) continue;
    for (const word of c.argv.slice(1)) {
      const found = [...word.matchAll(EXPANSION)].map((m) => (m[1] ?? m[2]) as string).find((name) => held.has(name));
      if (found === undefined) continue;
      const h = held.get(found) as { kind: EchoedCredential['kind']; secret: string };
      out.push({ span: c.span, printer: c.argv[0] as string, variable: found, kind: h.kind, secret: h.secret });
      break;
    }
  }
  return out;
}

/** The command's text is followed by `|` (not `||`), or holds an unquoted `>` redirection. */
function printsElsewhere(span: Span, lines: readonly string[]): boolean {
  const last = lines[span.endLine - 1] ?? '';
  const after = last.slice(span.endColumn - 1).trimStart();
  if (after.startsWith('|') && !after.startsWith('||')) return true;
  const own =
    span.line === span.endLine
      ? last.slice(span.column - 1, span.endColumn - 1)
      : lines.slice(span.line - 1, span.endLine).join('\n');
  let quote = '';
  for (const ch of own) {
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") quote = ch;
    else if (ch === '>') return true;
  }
  return after.startsWith('>');
}
