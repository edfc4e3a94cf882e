import type { Span } from '../../core/types.js';
import type { CommandFact } from '../../models/connections/types.js';

export type Scalar = string | number | boolean | null;

/**
 * One key and its scalar value, from any config format: `DATABASE_URL=...` in a .env file,
 * `services.db.environment.PGSSLMODE` in compose, `[alembic] sqlalchemy.url` in INI.
 */
export interface ConfigEntry {
  /** Keys from the document root; list indexes are numbers. */
  readonly path: readonly (string | number)[];
  /** The key that names the value: the last string in `path` (for `env: [{name, value}]`, `name`). */
  readonly key: string;
  readonly value: Scalar;
  /** The value's position (the key's when the value has none of its own). */
  readonly span: Span;
  /** Index of the YAML document in a multi-document stream; 0 elsewhere. */
  readonly document: number;
}

export interface ConfigDoc {
  readonly format:
    | 'yaml'
    | 'toml'
    | 'ini'
    | 'dotenv'
    | 'json'
    | 'dockerfile'
    | 'shell'
    | 'procfile'
    | 'makefile'
    | 'properties'
    | 'bicep';
  readonly entries: readonly ConfigEntry[];
  /** Command lines found in the file, tokenised: Dockerfile RUN/CMD, compose command, shell lines. */
  readonly commands: readonly CommandFact[];
}
