import type { Node } from '../parse/python.js';
import type { PythonIndex } from '../lang/python/file-index.js';
import type { Summarizer, SummaryInput } from './summarizer.js';
import { SUMMARIZERS } from './summarizers.js';
import type { ConstValue, Json, ModuleSummary } from './types.js';
import { addPhase, addRule, type Timings } from '../core/timing.js';

/** Builds one module's summary in phase 1, from the models the rules already built. */
export function summarizeModule(
  input: SummaryInput,
  summarizers: readonly Summarizer[] = SUMMARIZERS,
  /** Each summariser's time is added here when given (`--timing`), as `summary:<domain>`. */
  timing?: Timings,
): ModuleSummary {
  // A deferrable section the module does not look asked for waits for phase 2 to ask.
  const now: Summarizer[] = [];
  const deferred: string[] = [];
  for (const s of summarizers) {
    if (s.eager === undefined || s.eager(input)) now.push(s);
    else deferred.push(s.domain);
  }
  const sections = summarizeDomains(input, now, timing);
  const later = deferred.length > 0 ? { deferred } : {};
  const { python, file } = input;
  if (!python) {
    return {
      path: file.path,
      kind: 'config',
      imports: {},
      starImports: [],
      constants: {},
      defines: [],
      sections,
      ...later,
    };
  }
  const imports: Record<string, readonly string[]> = {};
  for (const [local, full] of python.imports.names) imports[local] = [...full];
  const { constants, defines } = topLevel(python, Object.keys(imports));
  return {
    path: file.path,
    kind: 'python',
    imports,
    starImports: [...python.imports.starModules],
    constants,
    defines,
    sections,
    ...later,
  };
}

/** The sections of the given summarisers for one module: phase 1's, and deferred ones built in phase 2. */
export function summarizeDomains(
  input: SummaryInput,
  summarizers: readonly Summarizer[],
  timing?: Timings,
): Record<string, Json> {
  const sections: Record<string, Json> = {};
  for (const s of summarizers) {
    const start = timing ? performance.now() : 0;
    const section = s.summarize(input);
    if (timing) {
      const ms = performance.now() - start;
      addRule(timing, `summary:${s.domain}`, ms);
      addPhase(timing, 'summaries', ms);
    }
    if (section !== undefined) sections[s.domain] = section;
  }
  return sections;
}

/** Names bound at module level, and the constants among them. */
function topLevel(
  python: PythonIndex,
  imported: readonly string[],
): { constants: Record<string, ConstValue>; defines: string[] } {
  const defines = new Set<string>(imported);
  const constants: Record<string, ConstValue> = {};
  for (const stmt of python.doc.root.namedChildren) statement(stmt);
  return { constants, defines: [...defines] };

  function statement(stmt: Node): void {
    switch (stmt.type) {
      case 'class_definition':
      case 'function_definition': {
        const name = stmt.childForFieldName('name');
        if (name) defines.add(name.text);
        return;
      }
      case 'decorated_definition': {
        const def = stmt.childForFieldName('definition');
        if (def) statement(def);
        return;
      }
      case 'expression_statement':
        for (const child of stmt.namedChildren) if (child.type === 'assignment') assignment(child);
        return;
      // Definitions guarded by a condition or a try (`try: from x import y except: y = None`)
      // still bind at module level.
      case 'if_statement':
      case 'try_statement':
      case 'else_clause':
      case 'elif_clause':
      case 'except_clause':
      case 'finally_clause':
      case 'block':
        for (const child of stmt.namedChildren) statement(child);
        return;
      default:
        return;
    }
  }

  function assignment(node: Node): void {
    const left = node.childForFieldName('left');
    if (!left) return;
    if (left.type === 'identifier') {
      defines.add(left.text);
      const right = node.childForFieldName('right');
      const value = right ? constantOf(python, right) : undefined;
      if (value !== undefined) constants[left.text] = value;
      else delete constants[left.text];
      return;
    }
    for (const id of left.descendantsOfType('identifier')) defines.add(id.text);
  }
}

/** Expressions that may evaluate to a constant; anything else (calls, dicts, lambdas) is not one. */
const CONSTANT_SHAPES = new Set([
  'string',
  'concatenated_string',
  'integer',
  'float',
  'true',
  'false',
  'none',
  'identifier',
  'attribute',
  'binary_operator',
  'unary_operator',
  'parenthesized_expression',
]);

function constantOf(python: PythonIndex, node: Node): ConstValue | undefined {
  if (!CONSTANT_SHAPES.has(node.type)) return undefined;
  const value = python.evaluator.evaluate(node);
  if (value.kind === 'const') return value.value;
  if (
    value.kind === 'str' &&
    value.segments.every((s) => (s.literal !== undefined && s.envFallbackOf === undefined) || s.text === '')
  ) {
    return value.segments.map((s) => s.text).join('');
  }
  return undefined;
}
