import { ProjectSlot, type ProjectIndex } from '../../project/project-index.js';
import type { Json } from '../../project/types.js';
import { SQL_DOMAIN, type CallFact, type SqlSection } from './summary.js';

/**
 * Phase 2 of the SQL domain: the project's calls that pass untrusted data or a parameter on,
 * indexed by the function they resolve to, and the functions that hand a parameter to SQL.
 */

/** What the worst caller of a function passes for one parameter. */
export interface Feed {
  readonly kind: 'request' | 'route' | 'typed-route';
  /** The module and line of the call that passes it (the last of a chain of calls). */
  readonly path: string;
  readonly line: number;
  /** The callee as written there. */
  readonly callee: string;
}

interface Caller {
  readonly path: string;
  readonly call: CallFact;
}

const MAX_CHAIN = 5;
const RANK = { 'typed-route': 1, route: 2, request: 3 } as const;

const GRAPH = new ProjectSlot<Map<string, Caller[]>>('sql.callers');

function keyOf(path: string, name: string): string {
  return `${path}\0${name}`;
}

/** Callers by callee definition, built once per project index. */
function graph(index: ProjectIndex): Map<string, Caller[]> {
  return GRAPH.of(index, () => buildGraph(index));
}

function buildGraph(index: ProjectIndex): Map<string, Caller[]> {
  const out = new Map<string, Caller[]>();
  for (const { path, section } of index.sections<Json>(SQL_DOMAIN)) {
    for (const call of (section as unknown as SqlSection).c ?? []) {
      const def = index.resolveLocal(path, call.f);
      if (!def?.name) continue;
      const key = keyOf(def.path, def.name);
      const list = out.get(key);
      if (list) list.push({ path, call });
      else out.set(key, [{ path, call }]);
    }
  }
  return out;
}

/**
 * The worst data the project's callers pass for parameter `param` (index among the declared
 * parameters, name for keyword calls) of top-level function `fn` of module `path`, following
 * callers that pass their own parameter on (a few calls deep). Undefined when no caller found
 * passes request data or a route parameter.
 */
export function untrustedFeed(
  index: ProjectIndex,
  path: string,
  fn: string,
  param: number,
  name: string,
): Feed | undefined {
  const calls = graph(index);
  let best: Feed | undefined;
  const seen = new Set<string>();
  const visit = (p: string, f: string, i: number, n: string | undefined, depth: number): void => {
    const key = `${keyOf(p, f)}\0${i}`;
    if (seen.has(key) || depth > MAX_CHAIN) return;
    seen.add(key);
    for (const caller of calls.get(keyOf(p, f)) ?? []) {
      const c = (n !== undefined ? caller.call.k?.[n] : undefined) ?? caller.call.a[i] ?? '';
      const kind = c === 'r' ? 'request' : c === 'R' ? 'route' : c === 't' ? 'typed-route' : undefined;
      if (kind) {
        if (!best || RANK[kind] > RANK[best.kind]) {
          best = { kind, path: caller.path, line: caller.call.l, callee: caller.call.f };
        }
        continue;
      }
      if (c.startsWith('p') && caller.call.in) {
        visit(caller.path, caller.call.in, Number(c.slice(1)), undefined, depth + 1);
      }
    }
  };
  visit(path, fn, param, name, 0);
  return best;
}

/**
 * Whether `callee` as written in module `fromPath` is a function of the project that passes its
 * argument number `arg` (counted as the call writes it) unchanged to a call that runs SQL.
 */
export function isSqlWrapper(index: ProjectIndex, fromPath: string, callee: string, arg: number): boolean {
  const def = index.resolveLocal(fromPath, callee);
  if (!def?.name || def.name.includes('.')) return false;
  const section = index.section<Json>(def.path, SQL_DOMAIN) as unknown as SqlSection | undefined;
  return section?.w?.[def.name]?.includes(arg) ?? false;
}
