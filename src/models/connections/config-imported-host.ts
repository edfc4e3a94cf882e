import type { Span } from '../../core/types.js';
import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { isLocalHost } from './hosts.js';
import type { ProjectIndex } from '../../project/project-index.js';

/**
 * Connection settings kept in a settings module: `psycopg2.connect(host=DB_HOST)` after
 * `from config import DB_HOST`, `host=settings.DB_HOST`, or `host=self.host` where the class's
 * `__init__` stores a parameter that every construction in the file fills with such a name. Phase 1
 * finds the imported names the host comes from; phase 2 reads their constants in the other module.
 */

/** The node a span was taken from (a connect argument's value). */
function nodeAt(py: PythonIndex, span: Span): Node | undefined {
  let node: Node | null = py.doc.root.descendantForPosition({ row: span.line - 1, column: span.column - 1 });
  while (node) {
    if (
      node.startPosition.row === span.line - 1 &&
      node.startPosition.column === span.column - 1 &&
      node.endPosition.row === span.endLine - 1 &&
      node.endPosition.column === span.endColumn - 1
    ) {
      return node;
    }
    node = node.parent;
  }
  return undefined;
}

/** An imported name or an attribute of an imported module (`DB_HOST`, `settings.DB_HOST`). */
function importedName(py: PythonIndex, node: Node): string | undefined {
  const head = node.type === 'identifier' ? node.text : node.type === 'attribute' ? leftmost(node) : undefined;
  if (!head || !py.imports.names.has(head)) return undefined;
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(node.text) ? node.text : undefined;
}

function leftmost(node: Node): string | undefined {
  let n: Node | null = node;
  while (n?.type === 'attribute') n = n.childForFieldName('object');
  return n?.type === 'identifier' ? n.text : undefined;
}

function enclosing(node: Node, type: string): Node | undefined {
  let n: Node | null = node.parent;
  while (n && n.type !== type) n = n.parent;
  return n ?? undefined;
}

/**
 * The imported names a host argument comes from (every one must be known for an answer), or
 * undefined when it comes from anything else: a parameter, a computation, the environment.
 */
export function importedHostNames(py: PythonIndex, hostSpan: Span): string[] | undefined {
  const node = nodeAt(py, hostSpan);
  if (!node) return undefined;
  const direct = importedName(py, node);
  if (direct) return [direct];
  // `self.DB_HOST`: stored from an `__init__` parameter; every `Cls(...)` of the file fills it.
  if (node.type !== 'attribute' || node.childForFieldName('object')?.text !== 'self') return undefined;
  const attr = node.childForFieldName('attribute')?.text;
  const cls = enclosing(node, 'class_definition');
  const clsName = cls?.childForFieldName('name')?.text;
  if (!attr || !cls || !clsName) return undefined;
  let param: { index: number; name: string } | undefined;
  for (const a of py.assignments) {
    if (enclosing(a, 'class_definition')?.id !== cls.id) continue;
    const left = a.childForFieldName('left');
    if (left?.type !== 'attribute' || left.text !== `self.${attr}`) continue;
    const fn = enclosing(a, 'function_definition');
    const right = a.childForFieldName('right');
    if (!fn || fn.childForFieldName('name')?.text !== '__init__' || right?.type !== 'identifier' || param) {
      return undefined; // written more than once, or from something else
    }
    const params = (fn.childForFieldName('parameters')?.namedChildren ?? []).map((p) =>
      p.type === 'identifier' ? p.text : (p.childForFieldName('name')?.text ?? p.firstNamedChild?.text ?? ''),
    );
    const index = params.indexOf(right.text) - 1; // after self
    if (index < 0) return undefined;
    param = { index, name: right.text };
  }
  if (!param) return undefined;
  const names: string[] = [];
  for (const call of py.calls) {
    if (call.childForFieldName('function')?.text !== clsName) continue;
    const args = callArguments(call);
    const arg = args.keywords.get(param.name) ?? (args.listSplat ? undefined : args.positional[param.index]);
    const name = arg ? importedName(py, arg) : undefined;
    if (!name) return undefined;
    names.push(name);
  }
  return names.length > 0 ? names : undefined;
}

/** Phase 2: the hosts the imported names hold, when every one is a text constant of the project. */
export function importedHosts(index: ProjectIndex, path: string, names: readonly string[]): string[] | undefined {
  const hosts: string[] = [];
  for (const name of names) {
    const def = index.resolveLocal(path, name);
    const value = def ? index.constant(def) : undefined;
    if (typeof value !== 'string' || value.trim() === '') return undefined;
    hosts.push(...value.split(',').map((h) => h.trim()));
  }
  return hosts;
}

/** Whether every host is remote (a local one keeps the finding off, as for written-out hosts). */
export function allRemote(hosts: readonly string[]): boolean {
  return hosts.length > 0 && !hosts.every(isLocalHost);
}
