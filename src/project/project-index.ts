import { moduleNamesOf, relativeTarget } from './module-name.js';
import type { ConstValue, ModuleSummary } from './types.js';

/** A name defined in a module of the project: `name` undefined means the module itself. */
export interface Definition {
  readonly path: string;
  /** A top-level name, or a dotted attribute path under one (`Config.SECRET_KEY`). */
  readonly name: string | undefined;
}

/** How many re-exports (`from .models import User` in a package `__init__`) are followed. */
const MAX_HOPS = 8;

/**
 * A model's place in the project index's store, as MemoSlot is in a file's: `slot.of(index, build)`
 * builds once per project (a call graph, listeners by class). The slot itself holds nothing.
 */
export class ProjectSlot<T> {
  constructor(readonly name: string) {}

  of(index: ProjectIndex, build: () => T): T {
    return index.memo(this, build);
  }
}

/**
 * Phase 2's read-only view of the whole project: every module's summary, with imports resolved
 * between them. Built once in the main thread after every worker has answered; rules query it in
 * their `decide` and never change it.
 */
export class ProjectIndex {
  readonly #modules = new Map<string, ModuleSummary>();
  /** Dotted module name → paths answering to it (a name may match several trees). */
  readonly #byName = new Map<string, string[]>();
  readonly #resolved = new Map<string, Definition | null>();
  /** What models derive from the whole project, by slot (see ProjectSlot); the summaries stay unchanged. */
  readonly #memos = new Map<ProjectSlot<unknown>, unknown>();

  /** The value of `slot` for this project, built on first use. */
  memo<T>(slot: ProjectSlot<T>, build: () => T): T {
    if (this.#memos.has(slot)) return this.#memos.get(slot) as T;
    const value = build();
    this.#memos.set(slot, value);
    return value;
  }

  constructor(summaries: Iterable<ModuleSummary>) {
    const sorted = [...summaries].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    for (const s of sorted) {
      this.#modules.set(s.path, s);
      for (const name of moduleNamesOf(s.path)) {
        const list = this.#byName.get(name);
        if (list) list.push(s.path);
        else this.#byName.set(name, [s.path]);
      }
    }
  }

  /** Every summary, in path order. */
  modules(): Iterable<ModuleSummary> {
    return this.#modules.values();
  }

  module(path: string): ModuleSummary | undefined {
    return this.#modules.get(path);
  }

  /** One domain's section of one module. The caller knows the shape its own summariser wrote. */
  section<T>(path: string, domain: string): T | undefined {
    return this.#modules.get(path)?.sections[domain] as T | undefined;
  }

  /** Every module's section of a domain, in path order, with the path. */
  *sections<T>(domain: string): Iterable<{ readonly path: string; readonly section: T }> {
    for (const m of this.#modules.values()) {
      const section = m.sections[domain];
      if (section !== undefined) yield { path: m.path, section: section as T };
    }
  }

  /**
   * What a local name of a module stands for, across imports: `User` in `app/views.py` after
   * `from .models import User` is `User` of `app/models.py` (or of whatever `app/models/__init__.py`
   * re-exports it from). A name the module defines itself resolves to itself. Undefined when the
   * name comes from outside the tree (a library) or is not bound at top level.
   */
  resolveLocal(path: string, local: string): Definition | undefined {
    const [head, ...rest] = local.split('.');
    if (head === undefined) return undefined;
    const module = this.#modules.get(path);
    if (!module) return undefined;
    const imported = module.imports[head];
    if (imported && imported.length > 0) {
      for (const dotted of imported) {
        const target = this.resolveDotted(path, rest.length ? `${dotted}.${rest.join('.')}` : dotted);
        if (target) return target;
      }
      return undefined;
    }
    if (module.defines.includes(head)) return { path, name: local };
    for (const star of module.starImports) {
      const target = this.resolveDotted(path, `${star}.${local}`);
      if (target?.name !== undefined && this.defines(target)) return target;
    }
    return undefined;
  }

  /**
   * A dotted name as an import statement writes it, seen from `fromPath`: absolute
   * (`app.models.User`) or relative (`..models.User`). Follows re-exports.
   */
  resolveDotted(fromPath: string, dotted: string, hops = 0): Definition | undefined {
    const key = `${fromPath}\0${dotted}`;
    const known = this.#resolved.get(key);
    if (known !== undefined) return known ?? undefined;
    // Marks the question open: an import cycle answers undefined instead of looping.
    this.#resolved.set(key, null);
    const found = hops > MAX_HOPS ? undefined : this.#resolveDotted(fromPath, dotted, hops);
    this.#resolved.set(key, found ?? null);
    return found;
  }

  #resolveDotted(fromPath: string, dotted: string, hops: number): Definition | undefined {
    const relative = dotted.startsWith('.');
    const segments = relative ? (relativeTarget(fromPath, dotted)?.split('/') ?? []) : dotted.split('.');
    if (relative && segments.length === 0 && !relativeTarget(fromPath, dotted)) return undefined;
    // Longest module prefix first: `a.b.C` is class C of module a.b unless a/b/C.py exists.
    for (let k = segments.length; k >= 1; k--) {
      const modulePath = relative
        ? this.#fileOf(segments.slice(0, k).join('/'))
        : this.#nearest(fromPath, this.#byName.get(segments.slice(0, k).join('.')));
      if (!modulePath) continue;
      const rest = segments.slice(k);
      if (rest.length === 0) return { path: modulePath, name: undefined };
      return this.#follow(modulePath, rest, hops);
    }
    return undefined;
  }

  /** `rest[0]` in module `path`: itself when defined there, else through the module's own import of it. */
  #follow(path: string, rest: readonly string[], hops: number): Definition | undefined {
    const module = this.#modules.get(path) as ModuleSummary;
    const [head, ...tail] = rest as [string, ...string[]];
    const imported = module.imports[head];
    if (imported && imported.length > 0) {
      // Bound by an import at top level: a re-export.
      for (const dotted of imported) {
        const target = this.resolveDotted(path, tail.length ? `${dotted}.${tail.join('.')}` : dotted, hops + 1);
        if (target) return target;
      }
    }
    if (module.defines.includes(head)) return { path, name: rest.join('.') };
    // A submodule of a package not imported by its __init__ (`from app import models`).
    if (path.endsWith('/__init__.py')) {
      const dir = path.slice(0, -'/__init__.py'.length);
      const sub = this.#fileOf(`${dir}/${head}`);
      if (sub) return tail.length ? this.#follow(sub, tail, hops + 1) : { path: sub, name: undefined };
    }
    for (const star of module.starImports) {
      const target = this.resolveDotted(path, `${star}.${rest.join('.')}`, hops + 1);
      if (target) return target;
    }
    return undefined;
  }

  /** The constant a definition names, when phase 1 evaluated it. */
  constant(def: Definition): ConstValue | undefined {
    if (def.name === undefined || def.name.includes('.')) return undefined;
    const value = this.#modules.get(def.path)?.constants[def.name];
    return value;
  }

  /** The constant a local dotted name of a module stands for (`importedReference`), when known. */
  constantOf(path: string, local: string): ConstValue | undefined {
    const def = this.resolveLocal(path, local);
    return def ? this.constant(def) : undefined;
  }

  /** Whether the module defines the name itself. */
  defines(def: Definition): boolean {
    const head = def.name?.split('.')[0];
    return head !== undefined && (this.#modules.get(def.path)?.defines.includes(head) ?? false);
  }

  /** `dir/name.py`, else `dir/name/__init__.py`, when the project has it. */
  #fileOf(base: string): string | undefined {
    if (this.#modules.has(`${base}.py`)) return `${base}.py`;
    if (this.#modules.has(`${base}/__init__.py`)) return `${base}/__init__.py`;
    return undefined;
  }

  /** Of the paths answering to a module name, the one closest to the importing file. */
  #nearest(fromPath: string, paths: readonly string[] | undefined): string | undefined {
    if (!paths || paths.length === 0) return undefined;
    if (paths.length === 1) return paths[0];
    let best = paths[0] as string;
    let bestShared = -1;
    const from = fromPath.split('/');
    for (const p of paths) {
      const parts = p.split('/');
      let shared = 0;
      while (shared < from.length && shared < parts.length && from[shared] === parts[shared]) shared++;
      if (shared > bestShared) {
        best = p;
        bestShared = shared;
      }
    }
    return best;
  }
}
