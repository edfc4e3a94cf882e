// Counts and ratios over matched entries (see match.mjs). A location counts once however many
// findings the scanner reports there, as the ledger judges it once.
import { statusOf } from './match.mjs';

/**
 * @typedef {import('./match.mjs').Entry} Entry
 * @typedef {{ findings: number, tp: number, fp: number, unsure: number, unjudged: number,
 *   lost: number, fixed: number, misses: number, found: number }} Counts
 *   `findings`: locations reported; `misses`: miss rows, found or not; `found`: miss rows now
 *   reported; `lost`: tp rows no longer reported; `fixed`: fp rows no longer reported.
 */

/** @returns {Counts} */
export function emptyCounts() {
  return { findings: 0, tp: 0, fp: 0, unsure: 0, unjudged: 0, lost: 0, fixed: 0, misses: 0, found: 0 };
}

/**
 * @param {Entry[]} entries
 * @returns {Counts}
 */
export function countEntries(entries) {
  const counts = emptyCounts();
  for (const entry of entries) {
    if (entry.findings.length > 0) counts.findings += 1;
    const status = statusOf(entry);
    if (status === 'missed' || status === 'found') counts.misses += 1;
    if (status in counts) counts[status] += 1;
  }
  return counts;
}

/**
 * Share of reported, judged locations that are real weaknesses. A miss now found is one (its row
 * still says `miss` until someone turns it into `tp`), so it counts with the true positives.
 * @param {Counts} c
 * @returns {number | null} null when nothing judged is reported
 */
export function precision(c) {
  const right = c.tp + c.found;
  return right + c.fp === 0 ? null : right / (right + c.fp);
}

/**
 * Share of the known real weaknesses (tp rows, reported or lost, and miss rows) reported now.
 * @param {Counts} c
 * @returns {number | null} null when the ledger knows no weakness here
 */
export function recall(c) {
  const known = c.tp + c.lost + c.misses;
  return known === 0 ? null : (c.tp + c.found) / known;
}

/** Entries outside test code (the targets), in test code, and without `cross-file` rows. */
export const outsideTests = (entries) => entries.filter((e) => !e.test);
export const inTests = (entries) => entries.filter((e) => e.test);
export const withoutCrossFile = (entries) => entries.filter((e) => !e.crossFile);

const CLASS_COUNTED = ['fp', 'fixed', 'missed', 'found', 'tp'];

/**
 * Per `class:<slug>`: how many of its rows are still reported (fp) or fixed, still missed or found.
 * @param {{ repo: string, entries: Entry[] }[]} repos
 * Every fp and miss row has a class; some tp rows carry one too (a local-development setting that
 * is a real weakness all the same), so reported tp rows are counted beside them.
 * @returns {{ cls: string, fp: number, fixed: number, missed: number, found: number, tp: number,
 *   crossFile: number, test: number, repos: number }[]} most open rows first
 */
export function byClass(repos) {
  const classes = new Map();
  for (const { repo, entries } of repos) {
    for (const entry of entries) {
      if (entry.cls === null) continue;
      const row = classes.get(entry.cls) ?? {
        cls: entry.cls,
        fp: 0,
        fixed: 0,
        missed: 0,
        found: 0,
        tp: 0,
        crossFile: 0,
        test: 0,
        repoSet: new Set(),
      };
      const status = statusOf(entry);
      if (CLASS_COUNTED.includes(status)) row[status] += 1;
      if (entry.crossFile) row.crossFile += 1;
      if (entry.test) row.test += 1;
      row.repoSet.add(repo);
      classes.set(entry.cls, row);
    }
  }
  return [...classes.values()]
    .map(({ repoSet, ...row }) => ({ ...row, repos: repoSet.size }))
    .sort((a, b) => b.fp + b.missed - (a.fp + a.missed) || (a.cls < b.cls ? -1 : 1));
}

/**
 * Counts per rule id (or family, for misses no rule covers), in id order.
 * @param {Entry[]} entries
 * @returns {{ rule: string, counts: Counts }[]}
 */
export function byRule(entries) {
  const groups = new Map();
  for (const entry of entries) groups.set(entry.rule, [...(groups.get(entry.rule) ?? []), entry]);
  return [...groups.keys()].sort().map((rule) => ({ rule, counts: countEntries(groups.get(rule)) }));
}
