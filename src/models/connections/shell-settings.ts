import type { Span } from '../../core/types.js';
import type { CommandFact } from './types.js';
import { splitShellScript } from '../../parse/config/shell-split.js';
import type { ConfigDoc, ConfigEntry } from '../../parse/config/types.js';

/**
 * libpq settings written the way shells write them, where the config parsers do not make them
 * entries of their own:
 *   - a command's prefix assignments, `PGSSLMODE=disable pg_dump ...` and
 *     `env PGSSLMODE=disable psql ...` (a Makefile recipe, a Procfile process, a script line,
 *     a CI `run:` line): the setting holds for that command only;
 *   - `docker run -e PGSSLMODE=disable ...`: the container's setting;
 *   - `export PGSSLMODE=disable` / `PGSSLMODE=disable` lines inside a script held by a YAML,
 *     JSON or TOML string (a workflow `run: |` block, a GitLab `script:` item).
 * Both come back as config entries (key, value, span), for the caller to read like any other.
 */

const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
/** Only settings of this kind are looked for: the cheap filter before any script is split. */
const SSL_KEY = /ssl_?-?mode/i;

/** The `K=V` words before a command's program (after `env` and its options too). */
export function prefixAssignments(argv: readonly string[]): { key: string; value: string }[] {
  const out: { key: string; value: string }[] = [];
  let i = 0;
  const take = (): void => {
    for (; i < argv.length; i++) {
      const m = ASSIGNMENT.exec(argv[i] as string);
      if (!m) break;
      out.push({ key: m[1] as string, value: m[2] as string });
    }
  };
  take();
  if (argv[i] === 'env') {
    i++;
    // `env -i`, `env -u NAME`, `env --`: options before the assignments.
    while (i < argv.length && (argv[i] as string).startsWith('-')) {
      if (argv[i] === '-u' || argv[i] === '--unset') i++;
      i++;
    }
    take();
  }
  // Assignments alone are not a prefix: the line sets shell variables (read as entries already).
  return i < argv.length ? out : [];
}

/** `docker run -e K=V` / `--env K=V` / `--env=K=V` (also `podman`, `docker compose run`). */
export function containerEnvAssignments(argv: readonly string[]): { key: string; value: string }[] {
  if (!/(^|\/)(docker|podman|nerdctl)$/.test(argv[0] ?? '')) return [];
  const out: { key: string; value: string }[] = [];
  for (let i = 1; i < argv.length; i++) {
    const a = argv[i] as string;
    let text: string | undefined;
    if ((a === '-e' || a === '--env') && i + 1 < argv.length) text = argv[++i];
    else if (a.startsWith('--env=')) text = a.slice('--env='.length);
    else if (/^-e[A-Za-z_]/.test(a)) text = a.slice(2);
    const m = text === undefined ? null : ASSIGNMENT.exec(text);
    if (m) out.push({ key: m[1] as string, value: m[2] as string });
  }
  return out;
}

/**
 * Prefix assignments of `cmd`, and the `-e` settings of a container it starts, naming an
 * sslmode setting, as entries at the command's span.
 */
export function commandSslEntries(cmd: CommandFact): ConfigEntry[] {
  if (!cmd.argv.some((a) => SSL_KEY.test(a))) return [];
  return [...prefixAssignments(cmd.argv), ...containerEnvAssignments(cmd.argv)]
    .filter((a) => SSL_KEY.test(a.key))
    .map((a) => ({ path: [a.key], key: a.key, value: a.value, span: cmd.span, document: 0 }));
}

const SCRIPT_FORMATS: ReadonlySet<ConfigDoc['format']> = new Set(['yaml', 'json', 'toml']);

/**
 * `PGSSLMODE=...` assignments inside script strings of a YAML/JSON/TOML file. Each comes back
 * with the script entry's path (so its scope is that script, not its neighbours) and, where the
 * string's lines are the file's lines, its own line.
 */
export function scriptSslEntries(
  doc: ConfigDoc,
  skip: (entry: ConfigEntry) => boolean,
  placeInValue: (value: string, span: Span) => (start: number, end: number) => Span,
): ConfigEntry[] {
  if (!SCRIPT_FORMATS.has(doc.format)) return [];
  const out: ConfigEntry[] = [];
  for (const e of doc.entries) {
    if (typeof e.value !== 'string' || !SSL_KEY.test(e.value) || !/=/.test(e.value) || SSL_KEY.test(e.key)) continue;
    if (!/\s/.test(e.value.trim()) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(e.value.trim())) continue;
    if (skip(e)) continue;
    const spanOf = placeInValue(e.value, e.span);
    const script = splitShellScript(e.value);
    if (script.unterminated !== undefined) continue;
    // A keyword DSN (`host=db sslmode=disable`) also reads as a line of assignments: only a
    // script (something runs, or the line exports) is one.
    const isScript = script.commands.length > 0;
    for (const a of script.assignments) {
      if (!SSL_KEY.test(a.key) || !(a.exported || isScript)) continue;
      out.push({
        path: [...e.path, a.key],
        key: a.key,
        value: a.value,
        span: spanOf(a.start, a.end),
        document: e.document,
      });
    }
  }
  return out;
}
