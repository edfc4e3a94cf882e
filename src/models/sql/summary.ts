import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { dottedName } from '../../lang/python/imports.js';
import { SqlFlow } from './flow.js';
import { routeOf, TYPED_CONVERTERS, type RouteInfo } from './route-params.js';
import { findSinks } from './sinks.js';
import type { Source } from './values.js';
import { rankOf } from './values.js';
import { importedFromLibrary } from '../../lang/python/known-libraries.js';
import type { Summarizer, SummaryInput } from '../../project/summarizer.js';
import { importsFlask } from '../flask/summary.js';
import type { Json } from '../../project/types.js';

/**
 * The SQL domain's module summary: what other modules need to follow SQL text and the values
 * written into it across imports.
 *
 * - `w` (wrappers): top-level functions that pass one of their parameters unchanged to a call that
 *   runs SQL (`def execute_pgscript(pgscript): cur.execute(pgscript)`), name → parameter indexes.
 * - `c` (calls): calls of a top-level function of this module or of an imported name that pass
 *   request data, a route parameter, or a parameter of the top-level function around the call.
 *   Calls passing only constants or values of unknown origin are left out: what phase 2 asks is
 *   whether some caller hands a function untrusted data, and those calls never do.
 *
 * Argument codes: `r` request data, `R` a route parameter, `t` a route parameter its converter
 * makes a number or a fixed choice, `p<i>` parameter i of the function around the call (whose
 * own callers phase 2 then looks up), `` anything else.
 */
export interface SqlSection {
  readonly w?: { readonly [fn: string]: readonly number[] };
  readonly c?: readonly CallFact[];
}

export interface CallFact {
  /** The callee as written (`controller.update_route`, `create_table`). */
  readonly f: string;
  /** The top-level function the call sits in, when its parameters are passed on (`p<i>` codes). */
  readonly in?: string;
  /** Line of the call (1-based), for messages. */
  readonly l: number;
  /** Positional arguments' codes. */
  readonly a: readonly string[];
  /** Keyword arguments' codes, when not empty. */
  readonly k?: { readonly [name: string]: string };
}

export const SQL_DOMAIN = 'sql';

export const sqlSummarizer: Summarizer = {
  domain: SQL_DOMAIN,
  summarize({ python }) {
    if (!python) return undefined;
    const section = summarizeSql(python);
    return section.w || section.c ? (section as unknown as Json) : undefined;
  },
  // Phase 2 reads `c` from the modules that import a helper's module (its callers), and in a
  // Flask application that is most modules: the section is deferred only while the project has
  // shown no Flask (Django's own source, a library), where questions about callers are rare.
  // Once a module importing Flask has been seen, every later module builds it.
  eager: onceFlaskIsSeen,
};

/** `eager` of the SQL sections: built in phase 1 once the project has shown Flask, else deferred. */
export function onceFlaskIsSeen({ python, seen }: SummaryInput): boolean {
  return !python || seen?.flask === true || importsFlask(python);
}

export function summarizeSql(index: PythonIndex): SqlSection {
  const flow = new SqlFlow(index);
  const wrappers = wrappersOf(index, flow);
  const calls = callFacts(index, flow);
  return {
    ...(Object.keys(wrappers).length > 0 ? { w: wrappers } : {}),
    ...(calls.length > 0 ? { c: calls } : {}),
  };
}

/** A `def` at module level (decorated or not). */
export function isTopLevel(fn: Node): boolean {
  const parent = fn.parent;
  if (parent?.type === 'module') return true;
  return parent?.type === 'decorated_definition' && parent.parent?.type === 'module';
}

function wrappersOf(index: PythonIndex, flow: SqlFlow): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const sink of findSinks(index, flow)) {
    if (sink.sql.type !== 'identifier' || sink.kind === 'builder') continue;
    const param = flow.parameterOf(sink.sql);
    if (!param || !isTopLevel(param.fn)) continue;
    const name = param.fn.childForFieldName('name')?.text;
    if (!name) continue;
    const list = out[name] ?? (out[name] = []);
    if (!list.includes(param.index)) list.push(param.index);
  }
  return out;
}

/**
 * Quick look before any flow work: in a function that never mentions `request`, an argument
 * naming none of its parameters carries neither request data nor a parameter.
 */
function mayCarry(arg: Node, params: ReadonlySet<string>, readsRequest: boolean): boolean {
  if (readsRequest || arg.text.includes('request')) return true;
  if (params.size === 0) return false;
  if (arg.type === 'identifier') return params.has(arg.text);
  return arg.descendantsOfType('identifier').some((id) => params.has(id.text));
}

function callFacts(index: PythonIndex, flow: SqlFlow): CallFact[] {
  const out: CallFact[] = [];
  const topLevel = new Set<string>();
  // Function ranges read once: walking up from every call costs a tree call per level.
  const fns = index.functions.map((fn) => ({ fn, start: fn.startIndex, end: fn.endIndex, top: isTopLevel(fn) }));
  for (const f of fns) if (f.top) topLevel.add(f.fn.childForFieldName('name')?.text ?? '');
  const enclosing = (call: Node): { fn: Node; top: boolean } | undefined => {
    const at = call.startIndex;
    let best: (typeof fns)[number] | undefined;
    for (const f of fns) if (f.start <= at && at < f.end && (!best || f.start > best.start)) best = f;
    return best;
  };
  const paramsCache = new Map<number, Set<string>>();
  const requestCache = new Map<number, boolean>();
  const routeCache = new Map<number, RouteInfo | null>();
  for (const call of index.calls) {
    const callee = call.childForFieldName('function');
    if (!callee || (callee.type !== 'identifier' && callee.type !== 'attribute')) continue;
    const written = dottedName(callee);
    if (!written) continue;
    const head = written.split('.')[0] as string;
    if (head === 'self' || head === 'cls') continue;
    const imported = index.imports.names.get(head);
    if (!imported && !(callee.type === 'identifier' && topLevel.has(head))) continue;
    // A library's function is never a project helper whose callers matter.
    if (imported && importedFromLibrary(imported)) continue;
    const around = enclosing(call);
    const fn = around?.fn;
    let params = fn ? paramsCache.get(fn.id) : undefined;
    if (fn && !params) {
      params = parameterNames(fn);
      paramsCache.set(fn.id, params);
    }
    let readsRequest = fn ? requestCache.get(fn.id) : false;
    if (fn && readsRequest === undefined) {
      readsRequest = fn.text.includes('request');
      requestCache.set(fn.id, readsRequest);
    }
    const args = callArguments(call);
    const carries = (a: Node): boolean => mayCarry(a, params ?? new Set(), readsRequest ?? false);
    if (!args.positional.some(carries) && ![...args.keywords.values()].some(carries)) {
      continue;
    }
    const top = around?.top ? fn : undefined;
    let route = fn ? routeCache.get(fn.id) : null;
    if (fn && route === undefined) {
      route = routeOf(fn, index) ?? null;
      routeCache.set(fn.id, route);
    }
    const codeOf = (a: Node): string => {
      const target = analysed(a);
      if (!target) return '';
      // A parameter passed on as it is: its position, or what Flask fills it with, without the flow.
      if (target.type === 'identifier' && params?.has(target.text)) {
        if (route) return TYPED_CONVERTERS.has(route.converters.get(target.text) ?? '') ? 't' : 'R';
        const i = top ? parameterIndex(top, target.text) : -1;
        return i >= 0 ? `p${i}` : '';
      }
      // Another name can only carry request data where the function reads some.
      if (target.type === 'identifier' && !params?.has(target.text) && !readsRequest) return '';
      return code(flow.analyze(target).sources, top);
    };
    const a = args.positional.map(codeOf);
    const k: Record<string, string> = {};
    for (const [name, value] of args.keywords) {
      const c = codeOf(value);
      if (c) k[name] = c;
    }
    if (!a.some((c) => c) && Object.keys(k).length === 0) continue;
    const inFn = top?.childForFieldName('name')?.text;
    out.push({
      f: written,
      ...(inFn && [...a, ...Object.values(k)].some((c) => c.startsWith('p')) ? { in: inFn } : {}),
      l: call.startPosition.row + 1,
      a,
      ...(Object.keys(k).length > 0 ? { k } : {}),
    });
  }
  return out;
}

function code(sources: readonly Source[], top: Node | undefined): string {
  let best: Source | undefined;
  for (const s of sources) {
    if (s.kind === 'unknown') continue;
    if (s.kind === 'param' && !(top && s.param && s.param.fn.id === top.id)) continue;
    if (!best || rankOf(s.kind) > rankOf(best.kind)) best = s;
  }
  if (!best) return '';
  switch (best.kind) {
    case 'request':
      return 'r';
    case 'route':
      return 'R';
    case 'typed-route':
      return 't';
    case 'param':
      return `p${best.param?.index ?? -1}`;
    default:
      return '';
  }
}

/**
 * The part of an argument whose origin is worth the flow analysis: a string being built whole;
 * else the name an access chain starts from (`coordinates` of `coordinates["lon"]`,
 * `request` of `request.args.get("q")`). Literals, containers and results of plain function calls
 * are left out: the flow has no origin for them beyond "not known", and analysing every
 * dictionary passed to a template would cost more than it tells.
 */
function analysed(arg: Node): Node | undefined {
  switch (arg.type) {
    case 'identifier':
    case 'string':
    case 'concatenated_string':
    case 'binary_operator':
      return arg;
    case 'parenthesized_expression': {
      const inner = arg.firstNamedChild;
      return inner ? analysed(inner) : undefined;
    }
    case 'attribute':
    case 'subscript': {
      let root: Node | null = arg;
      while (root && (root.type === 'attribute' || root.type === 'subscript' || root.type === 'call')) {
        root =
          root.type === 'attribute'
            ? root.childForFieldName('object')
            : root.type === 'subscript'
              ? root.childForFieldName('value')
              : root.childForFieldName('function');
      }
      if (root?.type !== 'identifier') return undefined;
      return root.text === 'request' ? arg : root;
    }
    case 'call': {
      const fn = arg.childForFieldName('function');
      if (fn?.type !== 'attribute') return undefined;
      if (fn.childForFieldName('attribute')?.text === 'format') return arg;
      return analysed(fn);
    }
    default:
      return undefined;
  }
}

/** Position of a parameter among the declared ones (`self` counted), or -1. */
function parameterIndex(fn: Node, name: string): number {
  const params = fn.childForFieldName('parameters')?.namedChildren.filter((c) => c.type !== 'comment') ?? [];
  return params.findIndex((p) => {
    if (p.type === 'list_splat_pattern' || p.type === 'dictionary_splat_pattern') return false;
    const id = p.type === 'identifier' ? p : p.descendantsOfType('identifier')[0];
    return id?.text === name;
  });
}

function parameterNames(fn: Node): Set<string> {
  const out = new Set<string>();
  for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
    const id = p.type === 'identifier' ? p : p.descendantsOfType('identifier')[0];
    if (id && id.text !== 'self' && id.text !== 'cls') out.add(id.text);
  }
  return out;
}
