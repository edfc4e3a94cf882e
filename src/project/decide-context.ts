import type { ProjectIndex } from './project-index.js';

/** What phase 2 gives a rule's `decide` (and the models it asks) about a held finding. */
export interface DecideContext {
  /** The held finding's file. */
  readonly path: string;
  readonly index: ProjectIndex;
}
