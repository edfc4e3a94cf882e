// Renders rows of cells as an aligned plain-text table or a GitHub markdown table.

/**
 * @param {{ title: string, right?: boolean }[]} columns
 * @param {string[][]} rows
 * @param {boolean} markdown
 * @returns {string} lines joined by \n, without a trailing newline
 */
export function formatTable(columns, rows, markdown) {
  if (markdown) {
    const cell = (text) => text.replace(/\|/g, '\\|');
    const line = (cells) => `| ${cells.map(cell).join(' | ')} |`;
    const rule = `|${columns.map((c) => (c.right ? ' --: ' : ' --- ')).join('|')}|`;
    return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
  }
  const widths = columns.map((c, i) => Math.max(c.title.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells) =>
    cells
      .map((text, i) => (columns[i]?.right ? text.padStart(widths[i]) : text.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '-'.repeat(w)).join('  ');
  return [line(columns.map((c) => c.title)), rule, ...rows.map(line)].join('\n');
}
