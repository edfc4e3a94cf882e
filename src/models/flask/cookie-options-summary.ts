import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import type { DecideContext } from '../../project/decide-context.js';
import type { Summarizer } from '../../project/summarizer.js';
import type { ConstValue } from '../../project/types.js';
import { constantValue } from './config-values.js';

/** The summary domain for dicts of cookie options kept as constants (`COOKIE_OPTS = {...}`). */
export const COOKIE_OPTIONS = 'cookie-options';

/** The flags the cookie rules read. */
export type CookieFlagName = 'secure' | 'httponly' | 'samesite';
const FLAGS: readonly CookieFlagName[] = ['secure', 'httponly', 'samesite'];

/**
 * One dict constant of cookie options: each flag's constant value, `'?'` when it is written but
 * computed at run time; `open` when the dict may hold entries it does not list.
 */
export type CookieOptions = {
  readonly secure?: ConstValue | '?';
  readonly httponly?: ConstValue | '?';
  readonly samesite?: ConstValue | '?';
  readonly open?: true;
};

type CookieOptionsSection = Readonly<Record<string, CookieOptions>>;

/** Keys that mark a dict as `set_cookie()` options. */
const COOKIE_KEYS = /^(?:secure|httponly|samesite|max_age|expires|domain|path)$/;

/**
 * Records module-level and class-level dicts that look like `set_cookie()` options
 * (`COOKIE_OPTS = {"secure": True, "httponly": True}`), so a `set_cookie(..., **COOKIE_OPTS)` in
 * another module is read. Only the three flags' scalar values are kept.
 */
export const cookieOptionsSummarizer: Summarizer = {
  domain: COOKIE_OPTIONS,
  summarize: ({ python }) => {
    if (!python || !/secure|httponly|samesite/i.test(python.doc.text)) return undefined;
    const out: Record<string, CookieOptions> = {};
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
    return Object.keys(out).length > 0 ? (out as CookieOptionsSection) : undefined;
  },
};

function record(stmt: Node, prefix: string, py: PythonIndex, out: Record<string, CookieOptions>): void {
  for (const assignment of stmt.namedChildren) {
    if (assignment.type !== 'assignment') continue;
    const left = assignment.childForFieldName('left');
    const right = assignment.childForFieldName('right');
    if (left?.type !== 'identifier' || !right) continue;
    const v = py.evaluator.evaluate(right);
    if (v.kind !== 'dict') continue;
    const keys = [...v.entries.keys()];
    if (!keys.some((k) => COOKIE_KEYS.test(k))) continue;
    const opts: { -readonly [K in keyof CookieOptions]: CookieOptions[K] } = {};
    for (const flag of FLAGS) {
      const e = v.entries.get(flag);
      if (!e) continue;
      opts[flag] = constantValue(py, e.valueNode)?.value ?? '?';
    }
    if (v.open) opts.open = true;
    out[`${prefix}${left.text}`] = opts;
  }
}

/** The options dict an imported name stands for, read in the module that defines it. */
export function importedCookieOptions(ref: string, ctx: DecideContext): CookieOptions | undefined {
  const def = ctx.index.resolveLocal(ctx.path, ref);
  if (!def?.name) return undefined;
  return ctx.index.section<CookieOptionsSection>(def.path, COOKIE_OPTIONS)?.[def.name];
}
