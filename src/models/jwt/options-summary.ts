import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { importedReference } from '../../lang/python/imported-reference.js';
import { isFalse, optionsOf, type JwtCall } from './calls.js';
import type { DecideContext } from '../../project/decide-context.js';
import type { Summarizer } from '../../project/summarizer.js';

/** The summary domain for JWT decode options kept as constants of a settings module. */
export const JWT_OPTIONS = 'jwt';

/** Constant name (`JWT_OPTIONS`, `Config.JWT_OPTIONS`) → the option keys it turns off. */
type JwtSection = Readonly<Record<string, readonly string[]>>;

/** Option keys the JWT rules read. */
const OPTION_KEY = /^(?:verify_\w+|require\w*)$/;

/**
 * Records the module-level (and class-level) dict constants that turn a JWT check off
 * (`JWT_DECODE_OPTIONS = {"verify_signature": False}`), so a decode in another module that
 * passes the imported constant is read. Only the names of the keys turned off are kept.
 */
export const jwtOptionsSummarizer: Summarizer = {
  domain: JWT_OPTIONS,
  summarize: ({ python }) => {
    if (!python || !/verify_|require/.test(python.doc.text)) return undefined;
    const out: Record<string, string[]> = {};
    for (const stmt of python.doc.root.namedChildren) {
      if (stmt.type === 'expression_statement') record(stmt, '', python, out);
      if (stmt.type === 'class_definition') {
        const cls = stmt.childForFieldName('name')?.text;
        const body = stmt.childForFieldName('body');
        if (!cls || !body) continue;
        for (const inner of body.namedChildren)
          if (inner.type === 'expression_statement') record(inner, `${cls}.`, python, out);
      }
    }
    return Object.keys(out).length > 0 ? out : undefined;
  },
};

function record(stmt: Node, prefix: string, py: PythonIndex, out: Record<string, string[]>): void {
  for (const assignment of stmt.namedChildren) {
    if (assignment.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const v = py.evaluator.evaluate(right);
    if (v.kind !== 'dict') continue;
    const off = [...v.entries.values()].filter((e) => OPTION_KEY.test(e.key) && isFalse(e.value)).map((e) => e.key);
    if (off.length > 0) out[`${prefix}${left.text}`] = off;
  }
}

/**
 * The option keys an imported constant turns off, read in the module that defines it; undefined
 * when the reference does not lead to a recorded constant of the project.
 */
export function importedOptionsOff(ref: string, ctx: DecideContext): readonly string[] | undefined {
  const def = ctx.index.resolveLocal(ctx.path, ref);
  if (!def?.name) return undefined;
  return ctx.index.section<JwtSection>(def.path, JWT_OPTIONS)?.[def.name];
}

/**
 * The imported name a decode's `options=` reads (`JWT_OPTIONS` after `from .settings import
 * JWT_OPTIONS`, `settings.JWT_OPTIONS`), when this file cannot see the dict itself.
 */
export function importedOptionsRef(j: JwtCall, py: PythonIndex): string | undefined {
  const node = j.args.keywords.get('options');
  if (!node || optionsOf(j, py)) return undefined;
  return importedReference(node, py);
}
