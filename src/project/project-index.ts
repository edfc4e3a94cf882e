import { moduleNamesOf, relativeTarget } from './module-name.js';
import type { ConstValue, Json, ModuleSummary } from './types.js';

/** A name defined in a module of the project: `name` undefined means the module itself. */
export interface Definition {
  readonly path: string;
  /** A top-level name, or a dotted attribute path under one (`Config.SECRET_KEY`). */
  readonly name: string | undefined;
}

/** A module's section that phase 1 left out (`ModuleSummary.deferred`), by path and domain. */
export interface SectionRequest {
  readonly path: string;
  readonly domain: string;
}

/**
 * Thrown by a query that needs sections phase 1 deferred and nobody has built yet. The engine
 * catches it around a rule's `decide`, builds what it names (src/engine/late-sections.ts), and asks
 * the rule again; a rule never catches it.
 */
export class SectionsNeeded extends Error {
  constructor(readonly requests: readonly SectionRequest[]) {
    super(`module sections not built yet: ${requests.map((r) => `${r.domain} of ${r.path}`).join(', ')}`);
  }
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

interface ReverseImports {
  /** Path an import resolves to → the importing modules. */
  readonly byPath: Map<string, Set<string>>;
  /** Directory of a package (`app/`) an import names → the importing modules. */
  readonly byPackage: Map<string, Set<string>>;
  /** Absolute dotted name as imported (`app`, `app.db`) → the importing modules. */
  readonly byName: Map<string, Set<string>>;
}

const IMPORTERS = new ProjectSlot<ReverseImports>('project.importers');

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
  /** Whether any module deferred a domain, by domain. */
  readonly #deferredDomains = new Map<string, boolean>();
  /** importersOf's answers, by path. */
  readonly #importers = new Map<string, string[]>();
  /** Deferred sections built in phase 2, by path then domain (undefined: the module has none). */
  readonly #late = new Map<string, Map<string, Json | undefined>>();
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

  /**
   * One domain's section of one module. The caller knows the shape its own summariser wrote.
   * Throws SectionsNeeded when phase 1 deferred it and it is not built yet.
   */
  section<T>(path: string, domain: string): T | undefined {
    const module = this.#modules.get(path);
    if (!module) return undefined;
    if (module.deferred?.includes(domain)) {
      const late = this.#late.get(path);
      if (!late?.has(domain)) throw new SectionsNeeded([{ path, domain }]);
      return late.get(domain) as T | undefined;
    }
    return module.sections[domain] as T | undefined;
  }

  /**
   * Every module's section of a domain, in path order, with the path. Throws SectionsNeeded, naming
   * every module still missing it, when phase 1 deferred it anywhere.
   */
  sections<T>(domain: string): Iterable<{ readonly path: string; readonly section: T }> {
    if (this.#deferring(domain)) {
      const missing = this.missing([...this.#modules.keys()], domain);
      if (missing.length > 0) throw new SectionsNeeded(missing);
    }
    return this.#eachSection<T>(domain);
  }

  *#eachSection<T>(domain: string): Iterable<{ readonly path: string; readonly section: T }> {
    for (const m of this.#modules.values()) {
      const section = this.section<T>(m.path, domain);
      if (section !== undefined) yield { path: m.path, section };
    }
  }

  /** Some module deferred the domain (asked once per domain). */
  #deferring(domain: string): boolean {
    let known = this.#deferredDomains.get(domain);
    if (known === undefined) {
      known = false;
      for (const m of this.#modules.values()) if (m.deferred?.includes(domain)) known = true;
      this.#deferredDomains.set(domain, known);
    }
    return known;
  }

  /** Which of the modules at `paths` have the domain's section deferred and not built yet. */
  missing(paths: readonly string[], domain: string): SectionRequest[] {
    const out: SectionRequest[] = [];
    for (const path of paths) {
      const module = this.#modules.get(path);
      if (module?.deferred?.includes(domain) && !this.#late.get(path)?.has(domain)) out.push({ path, domain });
    }
    return out;
  }

  /**
   * The engine's one write: a deferred section, built in phase 2 (undefined when the module has
   * none, or it could not be built). Queries then answer as if phase 1 had built it.
   */
  fill(request: SectionRequest, section: Json | undefined): void {
    let late = this.#late.get(request.path);
    if (!late) this.#late.set(request.path, (late = new Map()));
    late.set(request.domain, section);
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

  /**
   * The modules whose code may name something of module `path` (itself included), in path order:
   * every module that imports it, imports a package it lies in, or imports one of those (a
   * re-export, `helpers.create_user` through a module that imports it), up to MAX_HOPS + 1 steps.
   * A superset of the modules where `resolveLocal` can land in `path`, read from the imports
   * alone: a question about a function's callers needs no other module's sections.
   */
  importersOf(path: string): string[] {
    const known = this.#importers.get(path);
    if (known) return known;
    const reverse = this.memo(IMPORTERS, () => this.#reverseImports());
    const found = new Set<string>([path]);
    // A package's importers are taken once, whichever of its modules reached it first.
    const packages = new Set<string>();
    const names = new Set<string>();
    let frontier = [path];
    for (let hop = 0; hop <= MAX_HOPS + 1 && frontier.length > 0; hop++) {
      const next: string[] = [];
      const take = (modules: Iterable<string> | undefined): void => {
        for (const m of modules ?? []) {
          if (found.has(m)) continue;
          found.add(m);
          next.push(m);
        }
      };
      for (const target of frontier) {
        take(reverse.byPath.get(target));
        // `import app.db` binds `app`, which names `app.db.find` even where `app` has no
        // __init__.py (a namespace package) and the import resolves to no module.
        for (const name of moduleNamesOf(target)) {
          for (let cut = name.indexOf('.'); cut >= 0; cut = name.indexOf('.', cut + 1)) {
            const prefix = name.slice(0, cut);
            if (names.has(prefix)) continue;
            names.add(prefix);
            take(reverse.byName.get(prefix));
          }
        }
        // The packages it lies in: `app/`, `app/api/` for `app/api/users.py`.
        for (let cut = target.indexOf('/'); cut >= 0; cut = target.indexOf('/', cut + 1)) {
          const dir = target.slice(0, cut + 1);
          if (packages.has(dir)) continue;
          packages.add(dir);
          take(reverse.byPackage.get(dir));
        }
      }
      frontier = next;
    }
    const sorted = [...found].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    this.#importers.set(path, sorted);
    return sorted;
  }

  /** Who imports what: by the path an import resolves to, and by the package directory it names. */
  #reverseImports(): ReverseImports {
    const byPath = new Map<string, Set<string>>();
    const byPackage = new Map<string, Set<string>>();
    const byName = new Map<string, Set<string>>();
    const add = (into: Map<string, Set<string>>, key: string, module: string): void => {
      const set = into.get(key);
      if (set) set.add(module);
      else into.set(key, new Set([module]));
    };
    for (const m of this.#modules.values()) {
      for (const dotted of [...Object.values(m.imports).flat(), ...m.starImports]) {
        if (!dotted.startsWith('.')) add(byName, dotted, m.path);
        const def = this.resolveDotted(m.path, dotted);
        if (!def || def.path === m.path) continue;
        add(byPath, def.path, m.path);
        // `import app` then `app.views.helper()`: any module under the package may be named.
        if (def.name === undefined && def.path.endsWith('/__init__.py'))
          add(byPackage, def.path.slice(0, -'__init__.py'.length), m.path);
      }
    }
    return { byPath, byPackage, byName };
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
