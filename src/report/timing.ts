import { PHASES, type Timings } from '../core/timing.js';

/** What `--timing` / FLASK_CRDB_GATE_TIMING asks for: a table with the slowest `top` rules, or JSON. */
export type TimingRequest = { readonly format: 'table'; readonly top: number } | { readonly format: 'json' };

export const TIMING_ENV = 'FLASK_CRDB_GATE_TIMING';
const DEFAULT_TOP = 10;

/**
 * The request from the flag and the environment, as ESLint reads TIMING: `1` (or any other
 * value) for the ten slowest rules, a number for that many, `all` for every rule, `json` for the
 * numbers as one JSON object (what `npm run bench` records). Unset or `0` and no flag: none.
 */
export function timingRequest(flag: boolean, env: string | undefined): TimingRequest | undefined {
  const value = env?.trim().toLowerCase();
  if (value === 'json') return { format: 'json' };
  if (value === 'all') return { format: 'table', top: Number.POSITIVE_INFINITY };
  if (value && /^\d+$/.test(value) && value !== '0') return { format: 'table', top: Number(value) };
  if (value && value !== '0' && value !== 'false') return { format: 'table', top: DEFAULT_TOP };
  return flag ? { format: 'table', top: DEFAULT_TOP } : undefined;
}

function ms(n: number): string {
  return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}

/**
 * The phases in run order and the slowest rules, each with its share. Per-file phases are thread
 * time summed over the workers, so on a pooled scan they add up to more than the wall time.
 */
export function formatTimings(t: Timings, top: number): string {
  const lines: string[] = [];
  const phaseTotal = Object.values(t.phases).reduce((a, b) => a + b, 0) || 1;
  lines.push('Phase        Time (ms)  Relative');
  for (const p of PHASES) {
    const v = t.phases[p];
    if (v === undefined) continue;
    lines.push(`${p.padEnd(11)} ${ms(v).padStart(10)}  ${((100 * v) / phaseTotal).toFixed(1).padStart(7)}%`);
  }
  const rules = Object.entries(t.rules).sort((a, b) => b[1] - a[1]);
  const shown = Number.isFinite(top) ? rules.slice(0, top) : rules;
  if (shown.length > 0) {
    const ruleTotal = rules.reduce((a, [, v]) => a + v, 0) || 1;
    const width = Math.max(4, ...shown.map(([k]) => k.length));
    lines.push('');
    lines.push(`${'Rule'.padEnd(width)}  Time (ms)  Relative`);
    for (const [k, v] of shown)
      lines.push(`${k.padEnd(width)} ${ms(v).padStart(10)}  ${((100 * v) / ruleTotal).toFixed(1).padStart(7)}%`);
  }
  const { bytesRead, bytesScanned } = t.counts;
  if (bytesRead !== undefined || bytesScanned !== undefined) {
    lines.push('');
    lines.push(`Bytes read ${bytesRead ?? 0}, bytes scanned ${bytesScanned ?? 0}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The numbers as one JSON line, rounded to 0.1 ms. */
export function timingsJson(t: Timings): string {
  const round = (r: Record<string, number>): Record<string, number> =>
    Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 10) / 10]));
  return `${JSON.stringify({ timing: { phases: round(t.phases), rules: round(t.rules), counts: t.counts } })}\n`;
}
