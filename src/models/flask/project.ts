import { sameApplication } from '../../project/application.js';
import { ProjectSlot, type Definition, type ProjectIndex } from '../../project/project-index.js';
import { FLASK_DOMAIN, FLASK_FUNCTIONS_DOMAIN, type FlaskFunctionsSection, type FlaskSection } from './summary.js';

/**
 * Phase 2 questions about the Flask side of the project, answered from the `flask` sections of the
 * module summaries (src/models/flask/summary.ts) with imports resolved by the project index.
 */

/** How many calls deep a write is followed through other modules. */
const MAX_DEPTH = 4;

/** What each function writes (null: nothing, or still being followed), by `path\0name`. */
const WRITERS = new ProjectSlot<Map<string, string | null>>('flask.writers');

function section(index: ProjectIndex, path: string): FlaskSection | undefined {
  return index.section<FlaskSection & { [k: string]: never }>(path, FLASK_DOMAIN);
}

function functions(index: ProjectIndex, path: string): FlaskFunctionsSection | undefined {
  return index.section<FlaskFunctionsSection & { [k: string]: never }>(path, FLASK_FUNCTIONS_DOMAIN);
}

function sameDefinition(a: Definition | undefined, b: Definition | undefined): boolean {
  return a !== undefined && b !== undefined && a.path === b.path && a.name === b.name;
}

/**
 * What the function a call names writes, following the calls it makes into other modules (to a
 * fixpoint, at most MAX_DEPTH calls deep): `db.session.add()` for `create_user` of
 * database/helper.py called as `create_user(db, body)` from a view. Undefined when nothing found.
 */
export function writeThrough(index: ProjectIndex, fromPath: string, ref: string): string | undefined {
  const def = index.resolveLocal(fromPath, ref);
  if (def?.name === undefined) return undefined;
  return writeOf(index, def, 0);
}

function writeOf(index: ProjectIndex, def: Definition, depth: number): string | undefined {
  const memo = WRITERS.of(index, () => new Map());
  const key = `${def.path}\0${def.name ?? ''}`;
  const hit = memo.get(key);
  if (hit !== undefined) return hit ?? undefined;
  // Open question: a cycle of calls answers "no write" instead of looping.
  memo.set(key, null);
  let found: string | undefined;
  try {
    found = followWrites(index, def, depth);
  } catch (e) {
    // A section still to be built (SectionsNeeded): the question is asked again once it is, and
    // must not find "no write" left here.
    memo.delete(key);
    throw e;
  }
  memo.set(key, found ?? null);
  return found;
}

function followWrites(index: ProjectIndex, def: Definition, depth: number): string | undefined {
  const facts = functions(index, def.path);
  const name = def.name ?? '';
  const own = facts?.writes?.[name];
  if (own !== undefined) return own;
  if (depth >= MAX_DEPTH) return undefined;
  let found: string | undefined;
  // A write that changes rows is a better reason than a helper that only commits.
  for (const inner of facts?.calls?.[name] ?? []) {
    const target = index.resolveLocal(def.path, inner);
    if (target?.name === undefined) continue;
    const what = writeOf(index, target, depth + 1);
    if (what === undefined) continue;
    found ??= `${inner}(), which runs ${what}`;
    if (!/commit\(\)$/.test(what)) return `${inner}(), which runs ${what}`;
  }
  return found;
}

/** The decorator (or hook) a module names, defined in the project, turns away callers without a user. */
export function authenticatesThrough(index: ProjectIndex, fromPath: string, ref: string): boolean {
  const def = index.resolveLocal(fromPath, ref);
  if (def?.name === undefined) return false;
  return functions(index, def.path)?.auth?.[def.name] !== undefined;
}

/** The function a module calls, defined in another module of the project, checks a submitted password. */
export function checksPasswordThrough(index: ProjectIndex, fromPath: string, ref: string): boolean {
  const def = index.resolveLocal(fromPath, ref);
  if (def?.name === undefined || def.path === fromPath) return false;
  return functions(index, def.path)?.passwordCheckers?.includes(def.name) ?? false;
}

/** The function a module calls registers URL rules (`register_view` looping over `add_url_rule`). */
export function registersRoutes(index: ProjectIndex, fromPath: string, ref: string): boolean {
  const def = index.resolveLocal(fromPath, ref);
  if (def?.name === undefined) return false;
  return functions(index, def.path)?.registrars?.includes(def.name) ?? false;
}

/**
 * A `before_request` hook that authenticates covers the view: one registered on the whole app in
 * another module of the same tree, or one registered (anywhere) on the view's own blueprint —
 * `scaffold` is the blueprint as the view's module writes it. A hook imported into the module that
 * registers it counts only if its definition rejects callers.
 */
export function guardedElsewhere(index: ProjectIndex, path: string, scaffold: string | undefined): boolean {
  const own = scaffold ? index.resolveLocal(path, scaffold) : undefined;
  for (const { path: other, section: facts } of index.sections<FlaskSection & { [k: string]: never }>(FLASK_DOMAIN)) {
    for (const guard of facts.guards ?? []) {
      if (guard.fn !== undefined && !authenticatesThrough(index, other, guard.fn)) continue;
      if (guard.app) {
        if (sameApplication(other, path)) return true;
      } else if (own && sameDefinition(index.resolveLocal(other, guard.on), own)) return true;
    }
  }
  return false;
}

/**
 * A rate limit covers the view from another module: a limit on its blueprint, or an app-wide
 * default (`Limiter(default_limits=...)`, `RATELIMIT_DEFAULT`) in the same tree. `limiter.exempt`
 * on the blueprint anywhere removes it. A limiter without a default covers nothing.
 */
export function limitedElsewhere(index: ProjectIndex, path: string, scaffold: string | undefined): boolean {
  const own = scaffold ? index.resolveLocal(path, scaffold) : undefined;
  let limited = false;
  for (const { path: other, section: facts } of index.sections<FlaskSection & { [k: string]: never }>(FLASK_DOMAIN)) {
    if (facts.defaultLimit && sameApplication(other, path)) limited = true;
    if (!own) continue;
    for (const limit of facts.limits ?? []) {
      if (!sameDefinition(index.resolveLocal(other, limit.on), own)) continue;
      if (limit.exempt) return false;
      limited = true;
    }
  }
  return limited;
}

/** The name stands for Flask-BasicAuth's own `BasicAuth(...)` (one configured account), wherever it is created. */
export function basicAuthAccount(index: ProjectIndex, path: string, ref: string): boolean {
  const def = index.resolveLocal(path, ref);
  if (def?.name === undefined) return false;
  return section(index, def.path)?.basicAuth?.includes(def.name) ?? false;
}

export interface Registration {
  readonly path: string;
  readonly rule: string | undefined;
  readonly guarded: boolean;
}

/** Where other modules register a view class of `path` (`api.add_resource(UserList, "/api/users")`). */
export function registrationsOf(index: ProjectIndex, path: string, name: string): Registration[] {
  const out: Registration[] = [];
  for (const { path: other, section: facts } of index.sections<FlaskSection & { [k: string]: never }>(FLASK_DOMAIN)) {
    for (const view of facts.views ?? []) {
      const def = index.resolveLocal(other, view.ref);
      if (def?.path === path && def.name === name)
        out.push({ path: other, rule: view.rule ?? undefined, guarded: view.guarded });
    }
  }
  return out;
}
