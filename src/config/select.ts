/**
 * Rule selection, as Ruff has it: `select` and `ignore` list rule ids (`FCG101`), id prefixes
 * (`FCG4`), family names (`transport`), rule names (`sslmode-disabled`) or `ALL`. A rule runs when
 * the most specific selector naming it comes from `select` (an exact id beats a prefix, a longer
 * prefix a shorter one, a family counts as its prefix `FCGn`); on a tie `ignore` wins. Without a
 * `select`, every rule is selected at the lowest specificity, so any `ignore` entry beats it.
 */
import { suggest } from '../core/suggest.js';
import type { Family } from '../core/types.js';

export interface SelectableRule {
  readonly id: string;
  readonly name: string;
  /** Rule metadata always has it; a family selector names no rule without it. */
  readonly family?: Family;
}

/** The families by the digit of their rule ids (FCG1xx transport … FCG5xx design). */
const FAMILY_PREFIX: Readonly<Record<Family, string>> = {
  transport: 'FCG1',
  secrets: 'FCG2',
  crypto: 'FCG3',
  auth: 'FCG4',
  design: 'FCG5',
};

const EXACT = 100;

interface Resolved {
  readonly ids: ReadonlySet<string>;
  readonly specificity: number;
}

/** What a selector names, or undefined when it names no rule. */
function resolveSelector(raw: string, rules: readonly SelectableRule[]): Resolved | undefined {
  const text = raw.trim();
  const upper = text.toUpperCase();
  const lower = text.toLowerCase();
  if (upper === 'ALL') return { ids: new Set(rules.map((r) => r.id)), specificity: 0 };
  if (Object.hasOwn(FAMILY_PREFIX, lower)) {
    const prefix = FAMILY_PREFIX[lower as Family];
    return { ids: new Set(rules.filter((r) => r.family === lower).map((r) => r.id)), specificity: prefix.length };
  }
  const exact = rules.find((r) => r.id.toUpperCase() === upper || r.name.toLowerCase() === lower);
  if (exact) return { ids: new Set([exact.id]), specificity: EXACT };
  if (!/^FCG\d{0,2}$/.test(upper)) return undefined;
  const ids = rules.filter((r) => r.id.toUpperCase().startsWith(upper)).map((r) => r.id);
  return ids.length > 0 ? { ids: new Set(ids), specificity: upper.length } : undefined;
}

/** Why a selector cannot be used (with the nearest valid one), or undefined when it names rules. */
export function selectorProblem(raw: string, rules: readonly SelectableRule[]): string | undefined {
  if (resolveSelector(raw, rules)) return undefined;
  const known = ['ALL', ...Object.keys(FAMILY_PREFIX), ...rules.map((r) => r.id), ...rules.map((r) => r.name)];
  const hint = suggest(raw.trim(), known);
  return (
    `${JSON.stringify(raw)} names no rule${hint ? ` (did you mean "${hint}"?)` : ''}: use a rule id (FCG101), ` +
    `an id prefix (FCG1), a family (${Object.keys(FAMILY_PREFIX).join(', ')}), a rule name or ALL`
  );
}

/**
 * The ids of the rules the selection turns off. `select` undefined selects every rule; a
 * selector that names no rule is ignored here (front doors check them with selectorProblem).
 */
export function deselectedRules(
  rules: readonly SelectableRule[],
  select: readonly string[] | undefined,
  ignore: readonly string[],
): string[] {
  const best = (selectors: readonly string[], id: string): number => {
    let top = -Infinity;
    for (const s of selectors) {
      const r = resolveSelector(s, rules);
      if (r?.ids.has(id)) top = Math.max(top, r.specificity);
    }
    return top;
  };
  return rules
    .filter((r) => {
      const selected = select === undefined ? -1 : best(select, r.id);
      const ignored = best(ignore, r.id);
      return !(selected > -Infinity && selected > ignored);
    })
    .map((r) => r.id);
}
