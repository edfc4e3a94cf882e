import { joinText, literalsOf, type PyValue } from '../../../lang/python/evaluate.js';

/**
 * Identifies a connection string by where it was written and what it evaluates to: the first
 * literal it was built from plus its text. The same constant reaching a config key and a connect
 * call has one key (one fact); `BASE + "?sslmode=a"` and `BASE + "?sslmode=b"` have two.
 */
export function valueKey(value: PyValue): string | undefined {
  if (value.kind === 'call') return `call:${value.node.id}`;
  if (value.kind !== 'str') return undefined;
  const first = literalsOf(value)[0];
  return first ? `${first.id}|${joinText(value)}` : undefined;
}
