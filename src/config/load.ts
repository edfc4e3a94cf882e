import { existsSync } from 'node:fs';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseTomlTree } from '../parse/config/toml.js';
import { excerpt } from '../models/connections/excerpt.js';
import { confinedTo, MAX_CONFIG_BYTES, OwnFileError, readOwnFile } from '../read/own-file.js';
import type { TNode } from '../parse/config/tree.js';
import { validateConfig, type KnownRule } from './schema.js';
import { ConfigError, type GateConfig } from './types.js';
import { yamlTree } from './yaml-tree.js';

/** Looked for in the scanned directory, in this order. */
export const CONFIG_FILES = ['.flask-crdb-gate.yml', '.flask-crdb-gate.yaml'] as const;
export const PYPROJECT_TABLE = 'tool.flask-crdb-gate';
/** Unknown-tag notes listed before a count. */
const MAX_TAG_NOTES = 5;

export interface LoadedConfig {
  readonly config: GateConfig;
  /** Things the user should know (another configuration file was ignored). */
  readonly notes: readonly string[];
}

export interface LoadOptions {
  /** The scanned directory (absolute). */
  readonly root: string;
  /** `--config FILE` or the action's `config` input, as given; resolved against `cwd`. */
  readonly explicit?: string | undefined;
  /** Resolves `explicit` and shortens paths in messages. */
  readonly cwd: string;
  /** The rules `rules:` may name. */
  readonly rules: readonly KnownRule[];
  /**
   * A directory `explicit` must stay inside once links are resolved when it lies there (the
   * action's workspace, which a pull request controls); undefined: the user's choice is read.
   */
  readonly confine?: string | undefined;
}

/**
 * Finds and validates the configuration: the file given, else `.flask-crdb-gate.yml` (or `.yaml`)
 * in the scanned directory, else the `[tool.flask-crdb-gate]` table of its pyproject.toml.
 * Undefined when there is none. Throws ConfigError, naming the file and line of every problem.
 */
export async function loadConfig(options: LoadOptions): Promise<LoadedConfig | undefined> {
  const notes: string[] = [];
  const shown = (abs: string): string => {
    const rel = path.relative(options.cwd, abs);
    return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : abs;
  };
  if (options.explicit !== undefined) {
    const abs = path.resolve(options.cwd, options.explicit);
    if (!existsSync(abs)) throw new Error(`config file not found: ${options.explicit}`);
    const text = readText(abs, options.explicit, options.confine && confinedTo(abs, options.confine));
    const isToml = abs.toLowerCase().endsWith('.toml');
    const config = isToml
      ? fromToml(text, options.explicit, abs, options.rules, path.basename(abs).toLowerCase() === 'pyproject.toml')
      : fromYaml(text, options.explicit, abs, options.rules, notes);
    if (!config)
      throw new ConfigError([{ file: options.explicit, line: undefined, message: `no [${PYPROJECT_TABLE}] table` }]);
    return { config, notes };
  }

  const present = CONFIG_FILES.map((name) => path.join(options.root, name)).filter((p) => existsSync(p));
  if (present.length > 1) {
    throw new ConfigError([
      {
        file: shown(present[1] as string),
        line: undefined,
        message: `both ${CONFIG_FILES.join(' and ')} exist; keep one`,
      },
    ]);
  }
  const pyproject = path.join(options.root, 'pyproject.toml');
  // Found in the scanned directory, so planted there as likely as not: never followed out of it.
  const pyprojectText = existsSync(pyproject) ? readText(pyproject, shown(pyproject), options.root) : undefined;
  // pyproject.toml belongs to other tools too: parsed only when it mentions us.
  const pyprojectMentions = pyprojectText !== undefined && pyprojectText.includes('flask-crdb-gate');
  if (present.length === 1) {
    const abs = present[0] as string;
    if (pyprojectMentions && hasTable(pyprojectText)) {
      notes.push(`${shown(pyproject)} has a [${PYPROJECT_TABLE}] table; ${shown(abs)} is used instead.`);
    }
    const text = readText(abs, shown(abs), options.root);
    return { config: fromYaml(text, shown(abs), abs, options.rules, notes), notes };
  }
  if (pyprojectMentions) {
    const config = fromToml(pyprojectText, shown(pyproject), pyproject, options.rules, true);
    if (config) return { config, notes };
  }
  return undefined;
}

/** A configuration file's text: a regular file of at most MAX_CONFIG_BYTES, inside `within` when set. */
function readText(abs: string, shown: string, within: string | undefined): string {
  try {
    return readOwnFile(abs, { shown, maxBytes: MAX_CONFIG_BYTES, within });
  } catch (e) {
    const reason = e instanceof OwnFileError ? e.reason : `could not be read: ${String(e)}`;
    throw new ConfigError([{ file: shown, line: undefined, message: reason }]);
  }
}

function fromYaml(text: string, shown: string, abs: string, rules: readonly KnownRule[], notes: string[]): GateConfig {
  const tree = yamlTree(text, { uniqueKeys: true });
  // A tag asks a YAML loader to build an object (PyYAML's !!python/object runs code); this reader
  // builds none and reads the value as plain data, which may not be what the author meant.
  const tags = tree.unknownTags;
  for (const t of tags.slice(0, MAX_TAG_NOTES)) {
    notes.push(`${shown}:${t.line}: unknown YAML tag ${excerpt(t.tag)} ignored: the value is read as plain data.`);
  }
  if (tags.length > MAX_TAG_NOTES)
    notes.push(`${shown}: ${tags.length - MAX_TAG_NOTES} more unknown YAML tags ignored.`);
  if (tree.errors.length > 0) {
    throw new ConfigError(tree.errors.map((e) => ({ file: shown, line: e.line, message: `YAML: ${e.message}` })));
  }
  if (tree.documents.length > 1) {
    throw new ConfigError([{ file: shown, line: undefined, message: 'holds several YAML documents; write one' }]);
  }
  return validated(tree.documents[0], shown, abs, rules);
}

/**
 * The `[tool.flask-crdb-gate]` table of a pyproject.toml (undefined when it has none), or for any
 * other TOML file given with --config, the whole document.
 */
function fromToml(
  text: string,
  shown: string,
  abs: string,
  rules: readonly KnownRule[],
  pyproject: boolean,
): GateConfig | undefined {
  try {
    parseToml(text);
  } catch (e) {
    const line = e instanceof TomlError ? e.line : undefined;
    const message = ((e as Error).message.split('\n')[0] ?? '').replace(/\s+at line \d+,? column \d+:?\s*$/i, '');
    throw new ConfigError([{ file: shown, line, message: `TOML: ${message}` }]);
  }
  let root: TNode;
  try {
    root = parseTomlTree(text);
  } catch (e) {
    throw new ConfigError([{ file: shown, line: undefined, message: (e as Error).message }]);
  }
  let node: TNode | undefined = root;
  if (pyproject) {
    const tool = get(root, 'tool');
    node = tool ? get(tool, 'flask-crdb-gate') : undefined;
    if (!node) return undefined;
  }
  return validated(node, shown, abs, rules);
}

function hasTable(text: string): boolean {
  try {
    const tool = get(parseTomlTree(text), 'tool');
    return tool !== undefined && get(tool, 'flask-crdb-gate') !== undefined;
  } catch {
    return false;
  }
}

function get(node: TNode, key: string): TNode | undefined {
  if (node.kind !== 'map') return undefined;
  for (let i = node.pairs.length - 1; i >= 0; i--) {
    const p = node.pairs[i];
    if (p?.key === key) return p.value;
  }
  return undefined;
}

function validated(node: TNode | undefined, shown: string, abs: string, rules: readonly KnownRule[]): GateConfig {
  const { config, problems } = validateConfig(node, shown, path.dirname(abs), rules);
  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}
