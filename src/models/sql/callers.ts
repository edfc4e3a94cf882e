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

/** Callers by callee definition, found as questions ask (see callersOf). */
const CALLERS = new ProjectSlot<Map<string, Caller[]>>('sql.callers');

function keyOf(path: string, name: string): string {
  return `${path}\0${name}`;
}

/**
 * The calls of the project that resolve to function `fn` of module `path`, in path then line
 * order. Only the modules that may name it are read (ProjectIndex.importersOf), and their SQL
 * sections, where phase 1 deferred them, are asked for all at once: a question about one helper
 * does not make phase 2 read every module again.
 */
function callersOf(index: ProjectIndex, path: string, fn: string): Caller[] {
  const memo = CALLERS.of(index, () => new Map());
  const key = keyOf(path, fn);
  const known = memo.get(key);
  if (known) return known;
  const modules = index.importersOf(path);
  const missing = index.missing(modules, SQL_DOMAIN);
  if (missing.length > 0) throw new SectionsNeeded(missing);
  const out: Caller[] = [];
  for (const module of modules) {
    const section = index.section<Json>(module, SQL_DOMAIN) as unknown as SqlSection | undefined;
    for (const call of section?.c ?? []) {
      const def = index.resolveLocal(module, call.f);
      if (def?.path === path && def.name === fn) out.push({ path: module, call });
    }
  }
  memo.set(key, out);
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
