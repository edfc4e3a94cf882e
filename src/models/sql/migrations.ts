import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';

/** Decorators that hand a function or class to Alembic's migration runner. */
const ALEMBIC_REGISTRARS = ['.implementation_for', '.register_operation'];

/** Libraries whose classes only ever render migration DDL. */
const MIGRATION_BASES = ['alembic.', 'alembic_utils.'];

/**
 * Whether a node sits in code that Alembic runs while migrating, never while serving a request:
 * a function registered with `@Operations.implementation_for(...)` or a class registered with
 * `@Operations.register_operation(...)`, and methods of classes built on Alembic's or
 * alembic_utils' bases (`MigrateOperation`, `ReplaceableEntity`: views, functions, aggregates
 * rendered to DDL). The values such code interpolates come from migration scripts and the
 * developer's settings; DDL cannot bind them as parameters anyway.
 */
export function inMigrationMachinery(node: Node, py: PythonIndex): boolean {
  for (let cur: Node | null = node.parent; cur; cur = cur.parent) {
    if (cur.type === 'decorated_definition' && registeredWithAlembic(cur, py)) return true;
    if (cur.type === 'class_definition' && builtOnMigrationBase(cur, py)) return true;
  }
  return false;
}

function registeredWithAlembic(decorated: Node, py: PythonIndex): boolean {
  for (const decorator of decorated.namedChildren) {
    if (decorator.type !== 'decorator') continue;
    const call = decorator.namedChildren.find((c) => c.type === 'call');
    if (!call) continue;
    const names = calleeNames(call, py.imports);
    if (names.some((n) => n.startsWith('alembic.') && ALEMBIC_REGISTRARS.some((r) => n.endsWith(r)))) return true;
  }
  return false;
}

function builtOnMigrationBase(cls: Node, py: PythonIndex): boolean {
  const bases = cls.childForFieldName('superclasses');
  if (!bases) return false;
  for (const base of bases.namedChildren) {
    const written = dottedName(base);
    if (!written) continue;
    const [head, ...rest] = written.split('.');
    const full = (py.imports.names.get(head as string) ?? []).map((f) => [f, ...rest].join('.'));
    if (full.some((f) => MIGRATION_BASES.some((b) => f.startsWith(b)))) return true;
  }
  return false;
}
