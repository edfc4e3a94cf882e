import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * A value the same function publishes in a DNS TXT record is public: an ACME DNS-01 challenge
 * token (`zone.add_record(name, record_type="TXT", txtdata=f'"{token}"')`) is meant to be read
 * by anyone resolving `_acme-challenge.<domain>`, so logging it discloses nothing.
 */

/** Keywords that hold a TXT record's content. */
const TXT_KEYWORDS = new Set(['txtdata', 'txt_data', 'txt', 'txt_value', 'txt_record']);

/** True when `node` (a plain name) is handed to a TXT record by a call of its own function. */
export function publishedInTxtRecord(node: Node): boolean {
  if (node.type !== 'identifier') return false;
  const fn = enclosingFunction(node);
  if (!fn) return false;
  for (const call of fn.descendantsOfType('call')) {
    if (!call || enclosingFunction(call)?.id !== fn.id) continue;
    const args = callArguments(call);
    const isTxt = [...args.keywords].some(
      ([name, v]) => TXT_KEYWORDS.has(name.toLowerCase()) || constantStringValue(v)?.toUpperCase() === 'TXT',
    );
    if (!isTxt) continue;
    const passed = [...args.positional, ...args.keywords.values()];
    if (passed.some((a) => mentions(a, node.text))) return true;
  }
  return false;
}

function mentions(expr: Node, name: string): boolean {
  if (expr.type === 'identifier') return expr.text === name;
  return expr.descendantsOfType('identifier').some((id) => id?.text === name);
}

function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return undefined;
}
