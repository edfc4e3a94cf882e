/**
 * reviewdog's filter modes, deciding which findings lie on what a change touched:
 * - `added`: the finding's lines intersect lines the change added or modified;
 * - `diff_context`: they intersect the diff hunks, context lines included;
 * - `file`: the finding is in a file the change touched;
 * - `nofilter`: every finding.
 * A finding whose placement cannot be decided (no diff, a file without a patch, a file past the
 * API's file cap) is `unknown`, which callers treat as "not on a changed line".
 */
import { intersects } from './lines.js';
import type { ChangeSet } from './types.js';

export const FILTER_MODES = ['added', 'diff_context', 'file', 'nofilter'] as const;
export type FilterMode = (typeof FILTER_MODES)[number];

export type Placement = 'in' | 'out' | 'unknown';

/** Where a finding sits: its repository-relative path and its lines. */
export interface Located {
  readonly repoPath: string;
  readonly line: number;
  readonly endLine: number;
}

export function place(item: Located, mode: FilterMode, changes: ChangeSet | undefined): Placement {
  if (mode === 'nofilter') return 'in';
  if (!changes) return 'unknown';
  const file = changes.files.get(item.repoPath);
  if (!file) return changes.complete ? 'out' : 'unknown';
  if (mode === 'file') return 'in';
  const lines = mode === 'added' ? file.added : file.context;
  if (lines === undefined) return 'unknown';
  return intersects(lines, item.line, item.endLine) ? 'in' : 'out';
}
