// Tiny synthetic ledgers and findings for the ecosystem check's tests.
import { parseLedger } from '../../scripts/ecosystem/ledger.mjs';

const HEADER = 'path\tline\trule\tverdict\ttags\treason';

/** Ledger rows from `path line rule verdict tags` strings (space-separated; the reason is filled in). */
export function rows(...lines: string[]) {
  const text = [HEADER, ...lines.map((line) => `${line.split(' ').join('\t')}\treason`)].join('\n');
  const parsed = parseLedger(text, 'ledger.tsv');
  if (parsed.errors.length > 0) throw new Error(parsed.errors.join('\n'));
  return parsed.rows;
}

/** A finding as findingsFromReport() returns it, from `path:line rule` (family from the rule id). */
export function finding(where: string) {
  const [location = '', rule = ''] = where.split(' ');
  const [path = '', line = ''] = location.split(':');
  const families = ['', 'transport', 'secrets', 'crypto', 'auth', 'design'];
  return { path, line: Number(line), rule, family: families[Number(rule[3])] ?? '', message: `${rule} at ${location}` };
}
