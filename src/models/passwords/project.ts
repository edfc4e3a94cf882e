import { ProjectSlot, type Definition, type ProjectIndex } from '../../project/project-index.js';
import type { ClassFacts, ListenerFacts, PasswordsSection, Verdict } from './model-hashing.js';

/** The summary domain of the password facts. */
export const PASSWORDS_DOMAIN = 'passwords';

/** How a raw value reaches a model's password attribute. */
export type StoreKind = 'construct' | 'assign';

const MAX_DEPTH = 8;

function sectionOf(index: ProjectIndex, path: string): PasswordsSection | undefined {
  return index.section(path, PASSWORDS_DOMAIN) as PasswordsSection | undefined;
}

/**
 * A verdict with its helper calls followed across modules: `call:hash_password` in
 * `CTFd/models/__init__.py` is what `hash_password` of `CTFd/utils/crypto/__init__.py` returns.
 * A callee outside the project, or a project function that hashes, counts as hashing.
 */
export function settleVerdict(index: ProjectIndex, path: string, v: Verdict, depth = 0): 'hash' | 'plain' {
  if (v === 'hash' || v === 'plain') return v;
  if (depth > MAX_DEPTH) return 'hash';
  const def = index.resolveLocal(path, v.slice('call:'.length));
  if (!def?.name || def.name.includes('.')) return 'hash';
  const helper = sectionOf(index, def.path)?.helpers?.[def.name];
  return helper === undefined ? 'hash' : settleVerdict(index, def.path, helper, depth + 1);
}

function classFacts(index: ProjectIndex, def: Definition): ClassFacts | undefined {
  if (!def.name || def.name.includes('.')) return undefined;
  return sectionOf(index, def.path)?.classes?.[def.name];
}

const LISTENERS = new ProjectSlot<Map<string, { path: string; listener: ListenerFacts }[]>>('passwords.listeners');

/** Every listener of the project, by the class it listens on (`path\0Name`). */
function listenersByClass(index: ProjectIndex): Map<string, { path: string; listener: ListenerFacts }[]> {
  return LISTENERS.of(index, () => buildListeners(index));
}

function buildListeners(index: ProjectIndex): Map<string, { path: string; listener: ListenerFacts }[]> {
  const map = new Map<string, { path: string; listener: ListenerFacts }[]>();
  for (const { path, section } of index.sections(PASSWORDS_DOMAIN)) {
    for (const listener of (section as PasswordsSection).listeners ?? []) {
      const def = index.resolveLocal(path, listener.cls);
      if (!def?.name) continue;
      const key = `${def.path}\0${def.name}`;
      const list = map.get(key);
      if (list) list.push({ path, listener });
      else map.set(key, [{ path, listener }]);
    }
  }
  return map;
}

/**
 * What storing a raw value in `attr` of the class `def` does, walking the class and then its bases
 * (the first class that says anything decides): `hash` when a setter, synonym, `@validates`, an
 * event listener, `__init__` or the column's type transforms it; `plain` when the class declares
 * the attribute (or a setter for it) and stores it as given; undefined when no class of the chain
 * in the project mentions the attribute.
 */
export function attributeVerdict(
  index: ProjectIndex,
  def: Definition,
  attr: string,
  kind: StoreKind,
  depth = 0,
  seen = new Set<string>(),
): 'hash' | 'plain' | undefined {
  const key = `${def.path}\0${def.name ?? ''}`;
  if (depth > MAX_DEPTH || seen.has(key)) return undefined;
  seen.add(key);
  const facts = classFacts(index, def);
  if (!facts) return undefined;
  if (kind === 'construct' && facts.init?.params.includes(attr)) {
    const stored = facts.init.stores[attr];
    if (stored !== undefined) return settleVerdict(index, def.path, stored);
  }
  const own = facts.attrs?.[attr];
  if (own !== undefined) return settleVerdict(index, def.path, own);
  const byListener = listenerVerdict(index, def, facts, attr, kind);
  if (byListener !== undefined) return byListener;
  const type = facts.types?.[attr];
  if (type !== undefined && typeHashes(index, def.path, type)) return 'hash';
  if (facts.columns?.includes(attr)) return 'plain';
  for (const base of facts.bases ?? []) {
    const baseDef = index.resolveLocal(def.path, base);
    if (!baseDef) continue;
    const v = attributeVerdict(index, baseDef, attr, kind, depth + 1, seen);
    if (v !== undefined) return v;
  }
  return undefined;
}

function listenerVerdict(
  index: ProjectIndex,
  def: Definition,
  facts: ClassFacts,
  attr: string,
  kind: StoreKind,
): 'hash' | undefined {
  // A new row is flushed with before_insert, a changed one with before_update; `set` fires on both.
  const events = kind === 'construct' ? ['before_insert', 'set', 'init'] : ['before_update', 'set'];
  // Only a listener that hashes speaks: one that leaves the value alone says nothing about the write.
  for (const { path, listener } of listenersByClass(index).get(`${def.path}\0${def.name ?? ''}`) ?? []) {
    if (!listener.events.some((e) => events.includes(e))) continue;
    const stored = listener.stores?.[attr];
    if (stored !== undefined && settleVerdict(index, path, stored) === 'hash') return 'hash';
    for (const m of listener.methods ?? []) {
      const v = facts.methods?.[m]?.[attr];
      if (v !== undefined && settleVerdict(index, def.path, v) === 'hash') return 'hash';
    }
  }
  return undefined;
}

const TYPE_LIBRARY = /(^|\.)(PasswordType|EncryptedType|StringEncryptedType)$/;

/** A column type that hashes or encrypts on bind: a project TypeDecorator, or sqlalchemy-utils'. */
function typeHashes(index: ProjectIndex, path: string, written: string): boolean {
  const def = index.resolveLocal(path, written);
  if (def?.name && !def.name.includes('.')) {
    const v = sectionOf(index, def.path)?.columnTypes?.[def.name];
    if (v !== undefined) return settleVerdict(index, def.path, v) === 'hash';
  }
  return TYPE_LIBRARY.test(written);
}

/** The question FCG402 leaves for a model write it cannot settle from its own file. */
export interface ModelWriteQuestion {
  readonly kind: StoreKind;
  readonly attr: string;
  /** Classes as the file names them (`User`, `models.User`). */
  readonly classes: readonly string[];
  /** True when `classes` are the receiver's possible classes; false when they are only what the file imports. */
  readonly exact: boolean;
  /** A positional constructor argument (0-based): which `__init__` parameter it is decides the column. */
  readonly position?: number;
  /** For a positional argument: the file shows the class is a model (else the project must). */
  readonly model?: boolean;
}

/**
 * Whether the project shows the write hashed: for an exact receiver, every class it may be hashes
 * the attribute; for a guessed one, at least one candidate class of the project has the attribute
 * and every such candidate hashes it.
 */
export function modelWriteHashed(index: ProjectIndex, path: string, q: ModelWriteQuestion): boolean {
  let relevant = 0;
  for (const cls of q.classes) {
    const def = index.resolveLocal(path, cls);
    const v = def ? attributeVerdict(index, def, q.attr, q.kind) : undefined;
    if (v === 'plain') return false;
    if (v === undefined) {
      if (q.exact) return false;
      continue;
    }
    relevant++;
  }
  return relevant > 0;
}

/** Whether any module of the project names Flask-Security's passlib options. */
export function projectSetsPasslibOptions(index: ProjectIndex): boolean {
  for (const { section } of index.sections(PASSWORDS_DOMAIN)) {
    if ((section as PasswordsSection).passlibOptions) return true;
  }
  return false;
}

/**
 * What the class's `__init__` (its own, or the nearest base's in the project) does with the
 * positional argument at `position`: the parameter it binds and whether that parameter is stored
 * in a password column raw; undefined when no `__init__` of the project maps the position to a
 * password column.
 */
export function positionalStore(
  index: ProjectIndex,
  path: string,
  cls: string,
  position: number,
): { param: string; verdict: 'hash' | 'plain'; declaresColumn: boolean } | undefined {
  let def = index.resolveLocal(path, cls);
  const seen = new Set<string>();
  let found: { param: string; verdict: 'hash' | 'plain' } | undefined;
  let declaresColumn = false;
  for (let depth = 0; def && depth <= MAX_DEPTH; depth++) {
    const key = `${def.path}\0${def.name ?? ''}`;
    if (seen.has(key)) break;
    seen.add(key);
    const facts = classFacts(index, def);
    if (!facts) break;
    // A class (or base) that declares a password column in its body is a mapped model, not a
    // client holding a service's credentials.
    if (facts.columns?.length || facts.types) declaresColumn = true;
    if (facts.init && !found) {
      const param = facts.init.params[position];
      const stored = param !== undefined ? facts.init.stores[param] : undefined;
      if (param === undefined || stored === undefined) return undefined;
      found = { param, verdict: settleVerdict(index, def.path, stored) };
    }
    // No __init__ of its own that touches a password: the first base's constructor runs.
    const base = facts.bases?.[0];
    def = base ? index.resolveLocal(def.path, base) : undefined;
  }
  return found ? { ...found, declaresColumn } : undefined;
}
