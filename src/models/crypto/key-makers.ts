import type { Node } from '../../parse/python.js';
import { MemoSlot, nodesUnder, type PythonIndex } from '../../lang/python/file-index.js';
import { whereValueGoes } from '../../lang/python/value-flow.js';
import { canonicalCallee } from './calls.js';

/**
 * What makes fresh key material besides the generators themselves: characters drawn with
 * `secrets.choice` and joined into a string (`"".join(secrets.choice(chars) for _ in
 * range(32))`), and a function of this file that returns what a maker made (lemur's
 * `get_random_secret(32)`), so its every call makes a new key.
 */

const CHOOSERS = new Set(['secrets.choice', 'secrets.SystemRandom.choice', 'random.SystemRandom.choice']);

/** The maker a call is (its display name), given the generator names a rule counts. */
export function keyMakerOf(call: Node, py: PythonIndex, makers: ReadonlySet<string>): string | undefined {
  const names = canonicalCallee(call, py.imports);
  const direct = names.find((n) => makers.has(n));
  if (direct) return direct;
  if (names.some((n) => CHOOSERS.has(n)) && whereValueGoes(call).through.includes('join')) return 'secrets.choice';
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'identifier') return undefined;
  return localMakers(py, makers).has(fn.text) ? fn.text : undefined;
}

const cache = new MemoSlot<ReadonlySet<string>>('key-makers.cache');

/** Module-level functions whose return value is made by a maker (one definition per name). */
function localMakers(py: PythonIndex, makers: ReadonlySet<string>): ReadonlySet<string> {
  let found = cache.get(py);
  if (found) return found;
  const out = new Set<string>();
  const defined = new Map<string, number>();
  for (const fn of py.functions) {
    const name = fn.childForFieldName('name')?.text;
    if (!name || !atModuleLevel(fn)) continue;
    defined.set(name, (defined.get(name) ?? 0) + 1);
    const body = fn.childForFieldName('body');
    if (!body) continue;
    for (const call of nodesUnder(py.calls, body)) {
      const names = canonicalCallee(call, py.imports);
      const flow = whereValueGoes(call);
      const made =
        names.some((n) => makers.has(n)) || (names.some((n) => CHOOSERS.has(n)) && flow.through.includes('join'));
      if (made && flow.sink.kind === 'return' && enclosingFunction(flow.sink.node)?.id === fn.id) out.add(name);
    }
  }
  for (const [name, count] of defined) if (count > 1) out.delete(name);
  found = out;
  cache.set(py, found);
  return found;
}

function atModuleLevel(fn: Node): boolean {
  const parent = fn.parent?.type === 'decorated_definition' ? fn.parent.parent : fn.parent;
  return parent?.type === 'module';
}

function enclosingFunction(node: Node): Node | undefined {
  for (let n = node.parent; n; n = n.parent) if (n.type === 'function_definition') return n;
  return undefined;
}
