import { Language, Parser, type Node } from 'web-tree-sitter';
import type { Span } from '../../core/types.js';
import { initTreeSitter, readWasm } from '../wasm.js';
import type { ConfigDoc, ConfigEntry, Scalar } from './types.js';

let parserPromise: Promise<Parser> | undefined;

/** One Bicep parser per thread, created on first use (tree-sitter-bicep's grammar). */
function getParser(): Promise<Parser> {
  parserPromise ??= (async () => {
    await initTreeSitter();
    const language = await Language.load(readWasm('tree-sitter-bicep.wasm', 'tree-sitter-bicep'));
    const parser = new Parser();
    parser.setLanguage(language);
    return parser;
  })();
  return parserPromise;
}

/** Top-level declarations whose value is read, by the name they declare. */
const DECLARATIONS = new Set([
  'module_declaration',
  'resource_declaration',
  'variable_declaration',
  'parameter_declaration',
  'output_declaration',
]);

function spanOf(node: Node): Span {
  return {
    line: node.startPosition.row + 1,
    column: node.startPosition.column + 1,
    endLine: node.endPosition.row + 1,
    endColumn: node.endPosition.column + 1,
  };
}

/** A string literal's text (escapes undone), or undefined when it interpolates `${…}`. */
function literalString(node: Node): string | undefined {
  let out = '';
  for (const c of node.namedChildren) {
    if (!c) continue;
    if (c.type === 'string_content') out += c.text;
    else if (c.type === 'escape_sequence') out += unescape(c.text);
    else return undefined;
  }
  return out;
}

function unescape(seq: string): string {
  switch (seq) {
    case '\\n':
      return '\n';
    case '\\r':
      return '\r';
    case '\\t':
      return '\t';
    case '\\$':
      return '$';
    default:
      return seq.slice(1);
  }
}

/** A literal scalar, or undefined for anything computed (a parameter, a function call, `${…}`). */
function scalarOf(node: Node): { value: Scalar } | undefined {
  switch (node.type) {
    case 'string': {
      const s = literalString(node);
      return s === undefined ? undefined : { value: s };
    }
    case 'multiline_string':
      return { value: node.text.slice(3, -3) };
    case 'number':
      return { value: Number(node.text) };
    case 'boolean':
      return { value: node.text === 'true' };
    case 'null':
      return { value: null };
    default:
      return undefined;
  }
}

function keyOf(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'string') return literalString(node);
  return undefined;
}

function firstError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const n = stack.pop() as Node;
    if (n.isError || n.isMissing) return n;
    for (let i = n.childCount - 1; i >= 0; i--) {
      const c = n.child(i);
      if (c?.hasError || c?.isMissing) stack.push(c);
    }
  }
  return root;
}

/**
 * Parses a Bicep file into entries: every literal scalar under a top-level declaration, with the
 * path from the declared name (`web.params.appSettings.POSTGRES_SSL` for an App Service setting
 * passed to a module). Values computed by Bicep (parameters, `${…}` interpolation, function calls)
 * are not entries. Bicep has no command lines. Throws on a syntax error, naming its line.
 */
export async function parseBicep(text: string): Promise<ConfigDoc> {
  const parser = await getParser();
  const tree = parser.parse(text);
  if (!tree) throw new Error('tree-sitter returned no tree');
  try {
    const root = tree.rootNode;
    const error = firstError(root);
    if (error) throw new Error(`Bicep syntax error at line ${error.startPosition.row + 1}`);
    const entries: ConfigEntry[] = [];
    const walk = (node: Node, path: (string | number)[], key: string, keyNode: Node): void => {
      if (node.type === 'object') {
        for (const prop of node.namedChildren) {
          if (prop?.type !== 'object_property') continue;
          const k = prop.namedChildren[0];
          const v = prop.namedChildren[prop.namedChildren.length - 1];
          const name = k ? keyOf(k) : undefined;
          if (!k || !v || v === k || name === undefined) continue;
          walk(v, [...path, name], name, k);
        }
        return;
      }
      if (node.type === 'array') {
        let i = 0;
        for (const item of node.namedChildren) {
          if (!item || item.type === 'comment') continue;
          walk(item, [...path, i], key, item);
          i++;
        }
        return;
      }
      if (node.type === 'parenthesized_expression' && node.namedChildren[0]) {
        walk(node.namedChildren[0], path, key, keyNode);
        return;
      }
      const scalar = scalarOf(node);
      if (scalar) entries.push({ path, key, value: scalar.value, span: spanOf(node), document: 0 });
    };
    for (const decl of root.namedChildren) {
      if (!decl || !DECLARATIONS.has(decl.type)) continue;
      const name = decl.namedChildren.find((c) => c?.type === 'identifier');
      if (!name) continue;
      // The declared value: after `=` (resources, modules, variables, outputs, parameter defaults).
      const value = decl.children.findIndex((c) => c?.type === '=');
      const valueNode = value >= 0 ? decl.children.slice(value + 1).find((c) => c?.isNamed) : undefined;
      if (valueNode) walk(valueNode, [name.text], name.text, name);
    }
    return { format: 'bicep', entries, commands: [] };
  } finally {
    tree.delete();
  }
}
