import { ProjectSlot, SectionsNeeded, type ProjectIndex } from '../../project/project-index.js';
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

/**
 * The callers graph, built module by module as questions ask (see callersOf): each module's calls
 * are resolved once, whichever question reached it first.
 */
interface CallerGraph {
  /** Modules whose calls are in `byCallee`. */
  readonly indexed: Set<string>;
  /** `path\0name` of the callee → its callers among the indexed modules, in the order indexed. */
  readonly byCallee: Map<string, Caller[]>;
  /** Every module's path, in path order. */
  readonly modules: readonly string[];
}

const GRAPH = new ProjectSlot<CallerGraph>('sql.callers');

function keyOf(path: string, name: string): string {
  return `${path}\0${name}`;
}

/**
 * Deferred SQL sections phase 2 builds all at once before reading callers from every module: a
 * Flask application defers none or the few before its first Flask import. Past this, most of the
 * project deferred them (no Flask seen), and callers are looked for only where they can be.
 */
const FEW_DEFERRED = 64;

/**
 * The calls of the project that resolve to function `fn` of module `path`, in path then line
 * order. When few modules deferred their SQL section, every module's calls are resolved once (the
 * whole graph). Otherwise only the modules that may name the function are read
 * (ProjectIndex.importersOf), their sections asked for together: a question about one helper does
 * not make phase 2 read the whole project again. A module that may not name `path` has no call
 * resolving there, so the callers found are all there are.
 */
function callersOf(index: ProjectIndex, path: string, fn: string): Caller[] {
  const graph = GRAPH.of(index, () => ({
    indexed: new Set(),
    byCallee: new Map(),
    modules: [...index.modules()].map((m) => m.path),
  }));
  if (graph.indexed.size < graph.modules.length) {
    const all = index.missing(graph.modules, SQL_DOMAIN);
    const wanted = all.length <= FEW_DEFERRED ? graph.modules : index.importersOf(path);
    const fresh = wanted.filter((m) => !graph.indexed.has(m));
    const missing = all.length <= FEW_DEFERRED ? all : index.missing(fresh, SQL_DOMAIN);
    if (missing.length > 0) throw new SectionsNeeded(missing);
    for (const module of fresh) addCalls(index, graph, module);
  }
  // Stable: a module's calls stay in line order.
  return [...(graph.byCallee.get(keyOf(path, fn)) ?? [])].sort((a, b) =>
    a.path < b.path ? -1 : a.path > b.path ? 1 : 0,
  );
}

function addCalls(index: ProjectIndex, graph: CallerGraph, module: string): void {
  const section = index.section<Json>(module, SQL_DOMAIN) as unknown as SqlSection | undefined;
  for (const call of section?.c ?? []) {
    const def = index.resolveLocal(module, call.f);
    if (!def?.name) continue;
    const key = keyOf(def.path, def.name);
    const list = graph.byCallee.get(key);
    if (list) list.push({ path: module, call });
    else graph.byCallee.set(key, [{ path: module, call }]);
  }
  graph.indexed.add(module);
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
  let best: Feed | undefined;
  const seen = new Set<string>();
  const visit = (p: string, f: string, i: number, n: string | undefined, depth: number): void => {
    const key = `${keyOf(p, f)}\0${i}`;
    if (seen.has(key) || depth > MAX_CHAIN) return;
    seen.add(key);
    for (const caller of callersOf(index, p, f)) {
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
