/**
 * The project phase's data: what each module tells the others (its summary), and the question a
 * rule leaves open in phase 1 for phase 2 to answer. Everything here is plain JSON: summaries
 * and pending questions are built on worker threads and cross to the main thread by structured
 * clone, so no tree node, class instance or function may sit in them.
 */

export type Json = null | boolean | number | string | readonly Json[] | { readonly [key: string]: Json };

/** A constant's value as far as phase 1 could evaluate it: text, number, boolean or None. */
export type ConstValue = string | number | boolean | null;

/**
 * One module's summary: the names it binds at top level and what each domain model found worth
 * telling other modules (`sections`, keyed by domain: `flask`, `passwords`, `sql`, ...).
 */
export interface ModuleSummary {
  /** Repository-relative path with forward slashes (`app/models/user.py`, `config/app.ini`). */
  readonly path: string;
  readonly kind: 'python' | 'config';
  /**
   * Local name → the dotted names it was imported as, exactly as written: `.models.User` for
   * `from .models import User`, `app.config` for `import app.config as config`. Function-level
   * imports included, as the per-file import map does.
   */
  readonly imports: { readonly [local: string]: readonly string[] };
  /** Modules imported with `from m import *`, as written. */
  readonly starImports: readonly string[];
  /** Top-level `NAME = <expr>` whose value phase 1 evaluated to a constant; the last one wins. */
  readonly constants: { readonly [name: string]: ConstValue };
  /** Every name the module binds at top level (classes, functions, assignments, imports). */
  readonly defines: readonly string[];
  /** Per-domain facts: each domain's summariser owns its key and the shape under it. */
  readonly sections: { readonly [domain: string]: Json };
  /**
   * Domains whose section phase 1 left out because the module did not look like it would be asked
   * (src/project/summarizer.ts `eager`): phase 2 builds them when a question needs them.
   */
  readonly deferred?: readonly string[];
}

/**
 * What a rule reports in phase 1 when only the project can decide: the finding is held with these
 * arguments, and the rule's `decide` (src/rules/rule.ts) keeps, rewrites or drops it in phase 2.
 */
export type PendingQuestion = Json;
