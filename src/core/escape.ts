/**
 * Text that came from the scanned repository (file names, messages, baseline and configuration
 * contents) on its way to a runner log, an annotation or a terminal. A GitHub runner executes any
 * line of a step's stdout or stderr whose first non-blank characters are `::` as a workflow command
 * (`::error::`, `::add-mask::`, `::stop-commands::`), so no such text may start a line, nor break
 * one to start a new line of its own.
 */

/** As @actions/core escapes a command's data: `%`, CR and LF percent-encoded. */
export function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** As @actions/core escapes a command's property values: escapeData, and `:` and `,` too. */
export function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One line for a log or terminal: line breaks encoded as @actions/core encodes them (`%0A`,
 * `%0D`), tabs as spaces, every other control character (an escape sequence in a file name, a C1
 * NEL) as `\xNN`, and a leading `::` neutralised.
 */
export function printable(s: string): string {
  // eslint-disable-next-line no-control-regex
  const one = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
    if (c === '\n') return '%0A';
    if (c === '\r') return '%0D';
    if (c === '\t') return ' ';
    return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
  });
  return guardCommandLines(one);
}

// The runner trims leading white space (C#'s Char.IsWhiteSpace, which also counts U+0085) before
// looking for `::`; JavaScript's `^` with the m flag starts a line at \n, \r, U+2028 and U+2029.
const COMMAND_START = /^([\s\u0085]*)::/gm;

/**
 * The sink-side guard every output stream passes through: a line whose first non-blank
 * characters are `::` cannot be one the tool wrote (none of its own lines starts so), so its two
 * colons are percent-encoded (`%3A%3A`, as a command property would carry them) and the runner
 * shows the line instead of executing it.
 */
export function guardCommandLines(text: string): string {
  return text.replace(COMMAND_START, '$1%3A%3A');
}
