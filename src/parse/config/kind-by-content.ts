import type { FileKind } from '../../core/types.js';

/**
 * Files whose name does not say what they are, read by their first lines instead: a script
 * without extension (`docker/entrypoint`), environment files named for what they configure
 * (`docker/pgsql-env`, handed to compose as `env_file:`), a shell script saved as `.sql`, an
 * RabbitMQ-style `.conf` of `key = value` lines. Only names `configKindOf` leaves undecided are
 * looked at, so a file is never read as something other than its extension says.
 */

/** Extensions that say nothing decisive about the format (or nothing at all). */
const UNDECIDED_EXTENSIONS = new Set(['', 'sql', 'conf']);

function baseName(path: string): string {
  return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
}

function extensionOf(base: string): string {
  const dot = base.lastIndexOf('.');
  return dot > 0 ? base.slice(dot + 1) : '';
}

/** `env`, `pgsql-env`, `app_env`, `prod.env.local`: named as an environment file. */
function envName(base: string): boolean {
  return base === 'env' || /[-_]env$/.test(base) || /\.env\./.test(base);
}

/** Whether the kind of a file that `configKindOf` does not know may be decided by its text. */
export function mayHaveKindByContent(path: string): boolean {
  const base = baseName(path);
  if (base.startsWith('.')) return false; // dotfiles (.gitignore, .editorconfig) are tools' own formats
  return UNDECIDED_EXTENSIONS.has(extensionOf(base)) || envName(base);
}

/** `#!/bin/sh`, `#!/usr/bin/env bash`, `#!/bin/bash -e`: a POSIX-family shell. */
const SHELL_SHEBANG = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+(?:-\S+\s+)*)?(?:ba|da|k|z|a)?sh(?:\s|$)/;
const ASSIGNMENT = /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/;
const EXPORT = /^export\s+[A-Za-z_][A-Za-z0-9_]*=/;
/** `key = value` with a plain (dotted) key, `[section]`: sysctl-style and INI-style lines. */
const INI_LINE = /^(?:\[[^\]\n]+\]|[A-Za-z0-9_][A-Za-z0-9_.-]*[ \t]*=.*)$/;

/** Lines that say something: neither blank nor a `#`/`;` comment. */
function meaningfulLines(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
}

/**
 * What a file's text says of its kind, for names `mayHaveKindByContent` accepts: the kind, if the
 * text settles it, and whether lines after these could still change the answer (`open`).
 *   - a shell shebang on the first line: shell;
 *   - a first statement `export NAME=...` (no SQL, INI or nginx statement starts so): shell;
 *   - an environment-file name whose every line is `NAME=value`: dotenv;
 *   - a `.conf` whose every line is `key = value` or `[section]`: INI (configparser's reading
 *     of sysctl-style files such as rabbitmq.conf and of supervisord's INI).
 * Anything else (licences, SQL, nginx configs) has no kind, and a line that breaks the form the
 * name needs closes the question.
 */
function readKind(path: string, text: string): { readonly kind: FileKind | undefined; readonly open: boolean } {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const firstLine = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : body.length);
  if (SHELL_SHEBANG.test(firstLine)) return { kind: 'shell', open: false };
  const lines = meaningfulLines(body);
  if (lines.length === 0) return { kind: undefined, open: true };
  if (EXPORT.test(lines[0] as string)) return { kind: 'shell', open: false };
  const base = baseName(path);
  if (envName(base) && lines.every((l) => ASSIGNMENT.test(l))) return { kind: 'dotenv', open: true };
  if (extensionOf(base) === 'conf' && lines.every((l) => INI_LINE.test(l)))
    return { kind: lines.some((l) => !l.startsWith('[')) ? 'ini' : undefined, open: true };
  return { kind: undefined, open: false };
}

/** The kind of a file from its whole text; undefined when the text does not settle it (the file is not scanned). */
export function kindByContent(path: string, text: string): FileKind | undefined {
  return readKind(path, text).kind;
}

/**
 * Whether the first lines of a file (`head`, whole lines only) already rule out every kind, so
 * the rest need not be read. A head with nothing meaningful in it rules nothing out.
 */
export function ruledOutByHead(path: string, head: string): boolean {
  const { kind, open } = readKind(path, head);
  return kind === undefined && !open;
}
