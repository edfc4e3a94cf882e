import type { Node } from '../../parse/python.js';

/**
 * What each imported name stands for, so that `pg.connect` after `import psycopg2 as pg` is
 * known to be `psycopg2.connect`, and `ce(...)` after `from sqlalchemy import create_engine as
 * ce` is `sqlalchemy.create_engine`. Imports are collected from the whole file (function-level
 * imports included): rules care what a name may mean, and a name imported two ways
 * (`try: import psycopg2 as pg / except ImportError: import psycopg as pg`) keeps both meanings.
 */
export interface ImportMap {
  /** Local name → full dotted names it may stand for. */
  readonly names: ReadonlyMap<string, readonly string[]>;
  /** Modules imported with `from m import *`: an unbound name may come from any of them. */
  readonly starModules: readonly string[];
  /** `calleeNames` by call node id: the file's callees, resolved once (node ids are per tree). */
  readonly callees: Map<number, string[]>;
}

/** Collects the imports of a file. `nodes` are its import_statement/import_from_statement nodes. */
export function collectImports(nodes: Iterable<Node>): ImportMap {
  const names = new Map<string, string[]>();
  const starModules: string[] = [];
  const add = (local: string, full: string): void => {
    const list = names.get(local);
    if (!list) names.set(local, [full]);
    else if (!list.includes(full)) list.push(full);
  };
  for (const stmt of nodes) {
    if (stmt.type === 'import_statement') {
      for (const item of stmt.childrenForFieldName('name')) {
        if (item.type === 'aliased_import') {
          const name = item.childForFieldName('name');
          const alias = item.childForFieldName('alias');
          if (name && alias) add(alias.text, dottedText(name));
        } else if (item.type === 'dotted_name') {
          // `import a.b.c` binds `a`, which then means the package `a`.
          const first = item.firstNamedChild;
          if (first) add(first.text, first.text);
        }
      }
    } else if (stmt.type === 'import_from_statement') {
      const moduleNode = stmt.childForFieldName('module_name');
      if (!moduleNode) continue;
      const module = dottedText(moduleNode);
      if (stmt.namedChildren.some((c) => c.type === 'wildcard_import')) {
        starModules.push(module);
        continue;
      }
      for (const item of stmt.childrenForFieldName('name')) {
        if (item.type === 'aliased_import') {
          const name = item.childForFieldName('name');
          const alias = item.childForFieldName('alias');
          if (name && alias) add(alias.text, joinModule(module, dottedText(name)));
        } else if (item.type === 'dotted_name') {
          add(item.text, joinModule(module, dottedText(item)));
        }
      }
    }
  }
  return { names, starModules, callees: new Map() };
}

/** Convenience for callers without a pre-collected node list. */
export function buildImportMap(root: Node): ImportMap {
  return collectImports(root.descendantsOfType(['import_statement', 'import_from_statement']));
}

function joinModule(module: string, name: string): string {
  return module.endsWith('.') ? module + name : `${module}.${name}`;
}

/** `a . b` (a dotted_name or relative_import, possibly with spaces) → `a.b`. */
function dottedText(node: Node): string {
  if (node.type === 'identifier') return node.text;
  let out = '';
  for (const child of node.children) {
    if (child.type === 'identifier') out += child.text;
    else if (child.type === '.') out += '.';
    else if (child.type === 'import_prefix')
      out += child.text
        .split('')
        .filter((c) => c === '.')
        .join('');
    else if (child.type === 'dotted_name') out += dottedText(child);
  }
  return out;
}

/**
 * The written dotted name of an identifier or attribute chain (`a.b.c`), without resolving
 * imports; undefined when the chain contains anything else (a call, a subscript).
 */
export function dottedName(node: Node): string | undefined {
  const type = node.type;
  if (type === 'identifier') return node.text;
  if (type === 'attribute') {
    // Fast path: an attribute chain written without spaces or comments is its own dotted name,
    // and reading it whole saves two WebAssembly calls per link of the chain.
    const written = node.text;
    if (isPlainDotted(written)) return written;
    const object = node.childForFieldName('object');
    const attribute = node.childForFieldName('attribute');
    if (!object || !attribute) return undefined;
    const head = dottedName(object);
    return head === undefined ? undefined : `${head}.${attribute.text}`;
  }
  return undefined;
}

function isPlainDotted(text: string): boolean {
  if (text === '' || text.startsWith('.') || text.endsWith('.')) return false;
  let previousDot = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const dot = c === 46;
    if (dot && previousDot) return false;
    const word = (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c > 127;
    if (!dot && !word) return false;
    previousDot = dot;
  }
  return true;
}

/**
 * Every full name an identifier/attribute chain may stand for, most likely first: its imports
 * resolved (`pg.connect` → `psycopg2.connect`); when the head is not imported, the name as
 * written and the same name under each `from m import *` module.
 */
export function resolveNames(node: Node, imports: ImportMap): string[] {
  const written = dottedName(node);
  if (written === undefined) return [];
  const dot = written.indexOf('.');
  const head = dot >= 0 ? written.slice(0, dot) : written;
  const rest = dot >= 0 ? written.slice(dot) : '';
  const bound = imports.names.get(head);
  if (bound) return bound.map((full) => full + rest);
  return [written, ...imports.starModules.map((m) => `${m}.${written}`)];
}

/** The most likely full name (see resolveNames). */
export function resolveName(node: Node, imports: ImportMap): string | undefined {
  return resolveNames(node, imports)[0];
}

/**
 * Full names a call's callee may stand for; [] when the callee is not a plain name chain. Every
 * pass asks about the same calls, so the answer is kept in the file's own ImportMap.
 */
export function calleeNames(call: Node, imports: ImportMap): string[] {
  const cache = imports.callees;
  const hit = cache.get(call.id);
  if (hit) return hit;
  const fn = call.childForFieldName('function');
  const names = fn ? resolveNames(fn, imports) : [];
  cache.set(call.id, names);
  return names;
}

/** The first of `candidates` (full dotted names) that a call's callee may stand for. */
export function matchCallee(call: Node, imports: ImportMap, candidates: ReadonlySet<string>): string | undefined {
  for (const name of calleeNames(call, imports)) if (candidates.has(name)) return name;
  return undefined;
}
