import { suggest } from '../core/suggest.js';
import { renderRulePage } from '../docs/rule-page.js';
import type { RuleMeta } from '../rules/rule.js';
import { defaultConfidence } from '../core/confidence.js';
import { UsageError } from './errors.js';

const COLUMNS = ['ID', 'NAME', 'FAMILY', 'SEVERITY', 'CONFIDENCE', 'TITLE'] as const;

/**
 * `rules`: one row per rule (id, name, family, default severity, confidence, title), columns
 * aligned; the title is cut to the terminal's width when one is known.
 */
export function renderRulesTable(metas: readonly RuleMeta[], width?: number): string {
  const rows = metas.map((m) => [m.id, m.name, m.family, m.severity, defaultConfidence(m), m.title]);
  const widths = COLUMNS.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] as string).length)));
  const line = (cells: readonly string[]): string => {
    const fixed = cells
      .slice(0, -1)
      .map((c, i) => c.padEnd(widths[i] as number))
      .join('  ');
    let title = cells[cells.length - 1] as string;
    const room = width === undefined ? Infinity : width - fixed.length - 2;
    if (title.length > room) title = room > 1 ? `${title.slice(0, room - 1)}…` : '';
    return `${fixed}  ${title}`.trimEnd();
  };
  return `${[line(COLUMNS), ...rows.map(line)].join('\n')}\n`;
}

/** `rules --format json`: the same columns, for scripts. */
export function renderRulesJson(metas: readonly RuleMeta[]): string {
  const rows = metas.map((m) => ({
    id: m.id,
    name: m.name,
    family: m.family,
    severity: m.severity,
    confidence: defaultConfidence(m),
    cwe: m.cwe,
    title: m.title,
  }));
  return `${JSON.stringify(rows, null, 2)}\n`;
}

/** The rule a `rule` argument names (id or name, any case); a UsageError with the nearest one otherwise. */
export function findRule(metas: readonly RuleMeta[], wanted: string): RuleMeta {
  const w = wanted.trim();
  const meta = metas.find((m) => m.id.toUpperCase() === w.toUpperCase() || m.name === w.toLowerCase());
  if (meta) return meta;
  const hint = suggest(w, [...metas.map((m) => m.id), ...metas.map((m) => m.name)]);
  throw new UsageError(
    `no rule ${JSON.stringify(w)}${hint ? ` (did you mean ${hint}?)` : ''}; \`flask-crdb-gate rules\` lists them`,
  );
}

/** `rule FCGnnn`: the rule's docs page, as docs/rules/<name>.md holds it. */
export function renderRuleDoc(meta: RuleMeta): string {
  return renderRulePage(meta);
}
