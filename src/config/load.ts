import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse as parseToml, TomlError } from 'smol-toml';
import { parseTomlTree } from '../parse/config/toml.js';
import type { TNode } from '../parse/config/tree.js';
import { validateConfig, type KnownRule } from './schema.js';
import { ConfigError, type GateConfig } from './types.js';
import { yamlTree } from './yaml-tree.js';

/** Looked for in the scanned directory, in this order. */
export const CONFIG_FILES = ['.flask-crdb-gate.yml', '.flask-crdb-gate.yaml'] as const;
export const PYPROJECT_TABLE = 'tool.flask-crdb-gate';

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
    const text = await readText(abs, options.explicit);
    const isToml = abs.toLowerCase().endsWith('.toml');
    const config = isToml
      ? fromToml(text, options.explicit, abs, options.rules, path.basename(abs).toLowerCase() === 'pyproject.toml')
      : fromYaml(text, options.explicit, abs, options.rules);
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
  const pyprojectText = existsSync(pyproject) ? await readText(pyproject, shown(pyproject)) : undefined;
  // pyproject.toml belongs to other tools too: parsed only when it mentions us.
  const pyprojectMentions = pyprojectText !== undefined && pyprojectText.includes('flask-crdb-gate');
  if (present.length === 1) {
    const abs = present[0] as string;
    if (pyprojectMentions && hasTable(pyprojectText)) {
      notes.push(`${shown(pyproject)} has a [${PYPROJECT_TABLE}] table; ${shown(abs)} is used instead.`);
    }
    return { config: fromYaml(await readText(abs, shown(abs)), shown(abs), abs, options.rules), notes };
  }
  if (pyprojectMentions) {
    const config = fromToml(pyprojectText, shown(pyproject), pyproject, options.rules, true);
    if (config) return { config, notes };
  }
  return undefined;
}

async function readText(abs: string, shown: string): Promise<string> {
  try {
    const text = await readFile(abs, 'utf8');
    return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  } catch (e) {
    throw new ConfigError([
      { file: shown, line: undefined, message: `could not be read: ${(e as NodeJS.ErrnoException).code ?? String(e)}` },
    ]);
  }
}

function fromYaml(text: string, shown: string, abs: string, rules: readonly KnownRule[]): GateConfig {
  const tree = yamlTree(text, { uniqueKeys: true });
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
