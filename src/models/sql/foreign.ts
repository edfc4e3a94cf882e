import { importedFromLibrary } from '../../lang/python/known-libraries.js';
import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { dottedName } from '../../lang/python/imports.js';
import { SqlFlow } from './flow.js';
import type { Sink } from './sinks.js';
import { braceFields, holePosition, HOLE, looksLikeSql, percentDirectives, type HolePosition } from './text.js';
import { short, type Construction, type Source } from './values.js';
import type { ProjectIndex } from '../../project/project-index.js';
import { isSqlWrapper } from './callers.js';
import { isTopLevel, onceFlaskIsSeen } from './summary.js';
import type { Summarizer } from '../../project/summarizer.js';
import type { Json } from '../../project/types.js';

/**
 * SQL whose text or whose sink lives in another module: `models.execute_pgscript(
 * querys.UPDATE_ROUTE.format(route_id, lon, lat))`, where the template is a constant of
 * querys.py and execute_pgscript passes its argument to `cur.execute` in models.py. One file
 * shows neither that the text is SQL nor that the call runs it; phase 1 records the building step
 * and its parts as plain JSON, phase 2 reads the template and the wrapper from the project index.
 */

/** A value written into the text, as phase 1 saw it. */
export interface ForeignPart {
  /** `.format()` field index or keyword, `%` tuple position; absent when the text is known. */
  readonly at?: number | string;
  /** Where it sits in the text, when the text is known. */
  readonly pos?: HolePosition;
  /** The expression as written (short). */
  readonly label: string;
  /** Line (1-based) of the expression. */
  readonly line: number;
  readonly kind: Source['kind'];
  /** What the origin is called (`request.json["lon"]`, a parameter's name). */
  readonly src: string;
  /** For a parameter of a top-level function: the function and the parameter's index. */
  readonly fn?: string;
  readonly i?: number;
  /** Quote characters the value was checked not to contain. */
  readonly q?: string;
}

export interface ForeignSql {
  readonly k: 'foreign';
  /** The imported function the text is passed to, as written, and the argument's position. */
  readonly callee?: string;
  readonly arg?: number;
  /** The sink's label when it is a call of this file (`cur.execute()`). */
  readonly sink?: string;
  /** The template's name as written, when it is an imported constant; else the known text. */
  readonly tpl?: string;
  readonly text?: string;
  readonly construction: Construction;
  readonly parts: readonly ForeignPart[];
}

/**
 * Built text handed to a function imported from the project, whose text phase 1 does not analyse:
 * most such calls (`raise ImproperlyConfigured("... %s" % name)`) pass no SQL, and only a
 * function that runs its argument as SQL makes the text matter. Phase 2 asks `isSqlWrapper` first
 * and reads the text from the module's `sql-texts` section only then.
 */
export interface ForeignText {
  readonly k: 'foreign-text';
  /** The imported function as written, and the argument's position. */
  readonly callee: string;
  readonly arg: number;
  /** Where the argument starts (`startIndex`): its key in the `sql-texts` section. */
  readonly at: number;
}

/** What `knownText` found in one argument: the `sql-texts` section's value, by `ForeignText.at`. */
export type KnownSql = Pick<ForeignSql, 'text' | 'construction' | 'parts'>;

/**
 * Candidates of this file: imported templates reaching a sink, and built SQL passed to an imported
 * function (as a `ForeignText` when the template is not an imported constant).
 */
export function foreignCandidates(
  index: PythonIndex,
  flow: SqlFlow,
  sinks: readonly Sink[],
): { node: Node; question: ForeignSql | ForeignText }[] {
  const out: { node: Node; question: ForeignSql | ForeignText }[] = [];
  const seen = new Set<number>();
  for (const sink of sinks) {
    seen.add(sink.call.id);
    const q = importedTemplate(sink.sql, index, flow);
    if (q) out.push({ node: sink.sql, question: { ...q, sink: sink.label } });
  }
  for (const { call, callee, arg, built } of builtArguments(index)) {
    if (seen.has(call.id)) continue;
    const q = importedTemplate(built, index, flow);
    out.push({
      node: built,
      question: q ? { ...q, callee, arg } : { k: 'foreign-text', callee, arg, at: built.startIndex },
    });
  }
  return out;
}

/**
 * The module's `sql-texts` section: every argument `foreignCandidates` may leave as a
 * `ForeignText` whose text reads as SQL, by its start. Undefined when there is none.
 */
export function knownSqlTexts(index: PythonIndex): Record<string, KnownSql> | undefined {
  let flow: SqlFlow | undefined;
  let out: Record<string, KnownSql> | undefined;
  for (const { built } of builtArguments(index)) {
    flow ??= new SqlFlow(index);
    const known = knownText(built, flow);
    if (known) (out ??= {})[String(built.startIndex)] = known;
  }
  return out;
}

export const SQL_TEXTS_DOMAIN = 'sql-texts';

export const sqlTextsSummarizer: Summarizer = {
  domain: SQL_TEXTS_DOMAIN,
  summarize: ({ python }) => (python ? (knownSqlTexts(python) as Json | undefined) : undefined),
  // Read only for a call of a function that runs its argument as SQL. Built like the `sql`
  // section: deferred until the project shows Flask, where such functions are rare and reading
  // the text of every message built for an exception would cost more than reading a few
  // modules again.
  eager: onceFlaskIsSeen,
};

interface BuiltArgument {
  readonly call: Node;
  readonly callee: string;
  readonly arg: number;
  readonly built: Node;
}

/** FCG501 and, in a Flask application, the `sql-texts` summary both walk the same list. */
const BUILT_ARGUMENTS = new MemoSlot<readonly BuiltArgument[]>('sql.builtArguments');

/** Arguments built with `%`, `+`, an f-string or `.format()`, passed to a function imported from the project. */
function builtArguments(index: PythonIndex): readonly BuiltArgument[] {
  return BUILT_ARGUMENTS.of(index, () => findBuiltArguments(index));
}

function findBuiltArguments(index: PythonIndex): BuiltArgument[] {
  const out: BuiltArgument[] = [];
  const imported = index.imports.names;
  for (const call of index.calls) {
    // Cheapest tests first: most calls are to a local, a method of `self` or a library, which
    // can hand no SQL to another module of the project; only then are the arguments read.
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    // A plain name chain (`queries.run`), read whole; its head must be imported from the project.
    const written = dottedName(callee);
    if (!written) continue;
    const dot = written.indexOf('.');
    const fulls = imported.get(dot < 0 ? written : written.slice(0, dot));
    if (!fulls || importedFromLibrary(fulls)) continue;
    const list = call.childForFieldName('arguments');
    if (!list?.namedChildren.some((a) => isBuilding(unparenthesize(a)))) continue;
    const positional = callArguments(call).positional;
    for (let i = 0; i < positional.length; i++) {
      const built = unparenthesize(positional[i] as Node);
      if (isBuilding(built)) out.push({ call, callee: written, arg: i, built });
    }
  }
  return out;
}

function isBuilding(node: Node): boolean {
  if (node.type === 'binary_operator') return ['%', '+'].includes(node.childForFieldName('operator')?.type ?? '');
  if (node.type === 'string') return node.text.startsWith('f') || node.text.startsWith('F');
  if (node.type !== 'call') return false;
  const fn = node.childForFieldName('function');
  return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'format';
}

/** `querys.UPDATE_ROUTE.format(a, b)` / `Q.SELECT % (a,)` with the template imported. */
function importedTemplate(node: Node, index: PythonIndex, flow: SqlFlow): Omit<ForeignSql, 'sink'> | undefined {
  const n = unparenthesize(node);
  let template: Node | null;
  let values: { at: number | string; node: Node }[];
  let construction: Construction;
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'format') return undefined;
    template = fn.childForFieldName('object');
    const args = callArguments(n);
    if (args.listSplat || args.doubleSplats.length > 0) return undefined;
    values = [
      ...args.positional.map((a, i) => ({ at: i, node: a })),
      ...[...args.keywords].map(([k, v]) => ({ at: k, node: v })),
    ];
    construction = '.format()';
  } else if (n.type === 'binary_operator' && n.childForFieldName('operator')?.type === '%') {
    template = n.childForFieldName('left');
    const right = n.childForFieldName('right');
    if (!right) return undefined;
    const r = unparenthesize(right);
    values =
      r.type === 'tuple'
        ? r.namedChildren.filter((c) => c.type !== 'comment').map((c, i) => ({ at: i, node: c }))
        : [{ at: -1, node: r }];
    construction = '%-formatting';
  } else {
    return undefined;
  }
  if (!template || (template.type !== 'identifier' && template.type !== 'attribute')) return undefined;
  const name = dottedName(template);
  const head = name?.split('.')[0];
  if (!name || !head || !index.imports.names.has(head)) return undefined;
  // Only a template this file cannot read: a name bound here is the file's own business.
  if (flow.analyze(template).text !== null) return undefined;
  const parts = values.flatMap(({ at, node }) => partsOf(node, flow, { at }));
  return parts.length > 0 ? { k: 'foreign', tpl: name, construction, parts } : undefined;
}

/** An f-string, `%` or `.format()` the file reads whole: the insertions it found. */
function knownText(node: Node, flow: SqlFlow): KnownSql | undefined {
  const v = flow.analyze(node);
  if (v.composable || v.text === null || v.insertions.length === 0 || !looksLikeSql(v.text)) return undefined;
  const parts: ForeignPart[] = v.insertions.map((ins) => ({
    ...partOf(ins.source, ins.expr),
    pos: ins.position,
  }));
  const construction = (v.insertions[v.insertions.length - 1] as { construction: Construction }).construction;
  return { text: v.text, construction, parts };
}

function partsOf(node: Node, flow: SqlFlow, extra: { at: number | string }): ForeignPart[] {
  const v = flow.analyze(node);
  let worst: Source | undefined;
  const order = { request: 5, route: 4, param: 3, unknown: 2, 'typed-route': 1 } as const;
  for (const s of v.sources) if (!worst || order[s.kind] > order[worst.kind]) worst = s;
  return worst ? [{ ...partOf(worst, node), ...extra }] : [];
}

function partOf(source: Source, expr: Node): ForeignPart {
  const fn = source.param && isTopLevel(source.param.fn) ? source.param : undefined;
  const q = source.quotesRejected ? [...source.quotesRejected].join('') : '';
  return {
    label: short(expr.text),
    line: expr.startPosition.row + 1,
    kind: source.kind,
    src: source.label,
    ...(fn ? { fn: fn.fn.childForFieldName('name')?.text ?? '', i: fn.index } : {}),
    ...(q ? { q } : {}),
  };
}

/** A part placed in the SQL text phase 2 resolved. */
export interface PlacedPart extends ForeignPart {
  readonly pos: HolePosition;
}

/**
 * Phase 2: the SQL text and where each part sits, when the sink and the template are confirmed.
 * Undefined when the call does not run SQL or the template is not a constant string of the project.
 */
export function resolveForeign(
  q: ForeignSql,
  path: string,
  index: ProjectIndex,
): { text: string; parts: PlacedPart[]; sinkLabel: string } | undefined {
  let sinkLabel = q.sink;
  if (!sinkLabel) {
    if (q.callee === undefined || q.arg === undefined || !isSqlWrapper(index, path, q.callee, q.arg)) return undefined;
    sinkLabel = `${q.callee}()`;
  }
  if (q.text !== undefined) {
    return { text: q.text, parts: q.parts.filter((p): p is PlacedPart => p.pos !== undefined), sinkLabel };
  }
  if (!q.tpl) return undefined;
  const def = index.resolveLocal(path, q.tpl);
  const value = def ? index.constant(def) : undefined;
  if (typeof value !== 'string') return undefined;
  const parts: PlacedPart[] = [];
  if (q.construction === '.format()') {
    for (const field of braceFields(value)) {
      if (field.numeric) continue;
      const part = q.parts.find((p) => p.at === (field.name ?? field.index));
      if (part) parts.push({ ...part, pos: holePosition(value.slice(0, field.offset)) });
    }
  } else {
    for (const d of percentDirectives(value)) {
      if (d.numeric) continue;
      const part = q.parts.find((p) => p.at === -1 || p.at === d.index);
      if (part) parts.push({ ...part, pos: holePosition(value.slice(0, d.offset)) });
    }
  }
  return { text: withHoles(value, q.construction), parts, sinkLabel };
}

/** The template with its fields as holes, for the SQL-shape tests. */
function withHoles(template: string, construction: Construction): string {
  if (construction === '.format()') return template.replace(/\{[^{}]*\}/g, HOLE);
  return template.replace(/%(?:\([^)]*\))?[-#0 +]*\d*(?:\.\d+)?[sdifr]/g, HOLE);
}
