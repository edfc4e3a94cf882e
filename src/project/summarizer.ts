import type { SourceFile } from '../core/types.js';
import type { ConfigDoc } from '../parse/config/types.js';
import type { PythonIndex } from '../lang/python/file-index.js';
import type { Json } from './types.js';

/** What a domain's summariser reads: the file's per-file models, never another file. */
export interface SummaryInput {
  readonly file: SourceFile;
  readonly python: PythonIndex | undefined;
  readonly config: ConfigDoc | undefined;
  /** What modules summarised before this one showed of the project: a hint for `eager` only. */
  readonly seen?: ProjectSeen;
}

/**
 * What the engine has seen of the project so far (the modules already summarised, in whatever
 * order the threads took them). It may decide whether a deferrable section is built now, never
 * what a section holds, so findings do not depend on it.
 */
export interface ProjectSeen {
  /** Some module imports Flask: the project is a Flask application. */
  readonly flask: boolean;
}

/**
 * A domain's contribution to module summaries: `summarize` returns the plain-JSON facts other
 * modules may need (or undefined when the file has none), stored under `domain`.
 */
export interface Summarizer {
  readonly domain: string;
  summarize(input: SummaryInput): Json | undefined;
  /**
   * For a section that is costly and asked about few modules: whether phase 1 builds it for this
   * module. Where it answers false the section is deferred, and phase 2 builds it only for the
   * modules a question reaches (the file is read and parsed again then). Absent: always built.
   */
  readonly eager?: (input: SummaryInput) => boolean;
}
