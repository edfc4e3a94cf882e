/**
 * Scripts without an extension: Docker images run `docker/entrypoint` or `bin/start`, and what
 * they are is said by their first line, not their name. The file's name only says whether it may
 * be one (no extension, so no other kind claimed it); its shebang decides.
 */

/** A name with no extension (dotfiles such as `.env` have kinds of their own). */
export function mayBeScript(path: string): boolean {
  const name = path.slice(path.lastIndexOf('/') + 1);
  return name !== '' && !name.includes('.');
}

// `#!/bin/sh`, `#!/usr/bin/bash -e`, `#!/usr/bin/env bash`: the POSIX shells and bash.
const SHELL_SHEBANG = /^#![ \t]*\S*\/(?:env[ \t]+(?:-\S+[ \t]+)*)?(?:sh|bash|dash|ash|ksh)(?=[ \t]|$)/;

/** The text starts with a shell's shebang. */
export function hasShellShebang(text: string): boolean {
  const end = text.indexOf('\n');
  const first = (end === -1 ? text : text.slice(0, end)).replace(/\r$/, '');
  return SHELL_SHEBANG.test(first);
}
