/**
 * What a pull request (or a push, or a merge queue entry) changed, line by line, on the new side
 * of the diff. Paths are repository-relative with forward slashes, as git and the GitHub API give
 * them.
 */

/** Inclusive 1-based line ranges, sorted and merged. */
export type LineRanges = readonly (readonly [number, number])[];

export interface FileChange {
  /** Repository-relative path on the new side (a renamed file's new name). */
  readonly path: string;
  /** The old name of a renamed or copied file. */
  readonly previousPath: string | undefined;
  /**
   * Lines added or modified on the new side; undefined when they are unknown (a binary file, or
   * a file the pull request files API gives no `patch` for because it is too large).
   */
  readonly added: LineRanges | undefined;
  /** Lines inside the diff hunks, context included; undefined when unknown (as `added`). */
  readonly context: LineRanges | undefined;
}

export type ChangeSource = 'git' | 'pulls-api' | 'compare-api';

export interface ChangeSet {
  readonly source: ChangeSource;
  /** One line for the log and the summary: what was compared with what, and how. */
  readonly description: string;
  /** Changed files on the new side, by repository-relative path. Deleted files are left out. */
  readonly files: ReadonlyMap<string, FileChange>;
  /**
   * False when the list of files may be cut short (the API's 3000-file cap for pull requests, 300
   * for comparisons): a file not in it may still have changed, so its lines are unknown.
   */
  readonly complete: boolean;
  /** Why `complete` is false, or other caveats worth a line in the summary. */
  readonly caveats: readonly string[];
}

/** The changed lines, or why there are none to go by. */
export type ChangedLines =
  | { readonly ok: true; readonly changes: ChangeSet; readonly attempts: readonly string[] }
  | {
      readonly ok: false;
      /** Why no diff could be had, one sentence per source tried. */
      readonly attempts: readonly string[];
      /** True when the event has a diff that could not be had (a failure), false when it has none at all. */
      readonly failed: boolean;
    };
