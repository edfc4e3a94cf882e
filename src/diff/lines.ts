import type { LineRanges } from './types.js';

/** Sorts and merges ranges, joining those that touch (1–3 and 4–6 become 1–6). */
export function mergeRanges(ranges: Iterable<readonly [number, number]>): LineRanges {
  const sorted = [...ranges].filter(([a, b]) => b >= a).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  const out: [number, number][] = [];
  for (const [a, b] of sorted) {
    const last = out.at(-1);
    if (last && a <= last[1] + 1) last[1] = Math.max(last[1], b);
    else out.push([a, b]);
  }
  return out;
}

/** Whether lines start..end (inclusive) share at least one line with `ranges`. */
export function intersects(ranges: LineRanges, start: number, end: number): boolean {
  const lo = Math.min(start, end);
  const hi = Math.max(start, end);
  // Binary search for the first range ending at or after lo.
  let left = 0;
  let right = ranges.length;
  while (left < right) {
    const mid = (left + right) >> 1;
    if ((ranges[mid] as readonly [number, number])[1] < lo) left = mid + 1;
    else right = mid;
  }
  const candidate = ranges[left];
  return candidate !== undefined && candidate[0] <= hi;
}

/** Total number of lines the ranges cover. */
export function lineCount(ranges: LineRanges): number {
  return ranges.reduce((n, [a, b]) => n + b - a + 1, 0);
}
