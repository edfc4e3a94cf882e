import type { FileKind } from '../../core/types.js';
import { parseDockerfile } from './dockerfile.js';
import { parseDotenvFile } from './dotenv.js';
import { parseIni } from './ini.js';
import { parseJson } from './json.js';
import { parseMakefile } from './makefile.js';
import { isStackOverflow, NestingError } from './nesting.js';
import { parseProcfile } from './procfile.js';
import { parseProperties } from './properties.js';
import { parseShell } from './shell.js';
import { parseToml } from './toml.js';
import type { ConfigDoc } from './types.js';
import { parseYaml } from './yaml.js';
import { isCookiecutterTemplatePath, maskPlaceholders, restorePlaceholders } from './cookiecutter.js';

export type { ConfigDoc, ConfigEntry, Scalar } from './types.js';
export { configKindOf } from './kind.js';
export { parseBicep } from './bicep.js';

/**
 * Parses a non-Python file into entries (key paths and scalar values with their positions) and
 * command lines. Throws an Error with a one-line message naming the format and the line when the
 * text is not valid in its format; the engine reports the file as skipped with that reason.
 * `path` is used for messages, and to recognise a file inside a cookiecutter template directory.
 */
export function parseConfig(kind: FileKind, path: string, text: string): ConfigDoc {
  try {
    return parseKind(kind, path, text);
  } catch (e) {
    // A parser that recurses per level of nesting (smol-toml's arrays, say) and ran out of stack.
    if (isStackOverflow(e)) throw new NestingError();
    throw e;
  }
}

function parseKind(kind: FileKind, path: string, text: string): ConfigDoc {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text; // editors do not count a BOM as a column
  switch (kind) {
    case 'yaml':
      return isCookiecutterTemplatePath(path)
        ? restorePlaceholders(parseYaml(maskPlaceholders(body)))
        : parseYaml(body);
    case 'toml':
      return parseToml(body);
    case 'ini':
      return parseIni(body);
    case 'dotenv':
      return parseDotenvFile(body);
    case 'json':
      return parseJson(body);
    case 'dockerfile':
      return parseDockerfile(body);
    case 'shell':
      return parseShell(body);
    case 'procfile':
      return parseProcfile(body);
    case 'makefile':
      return parseMakefile(body);
    case 'properties':
      return parseProperties(body);
    case 'python':
    case 'bicep':
      throw new Error(`${path}: ${kind} files are parsed by tree-sitter (asynchronously), not here`);
  }
}
