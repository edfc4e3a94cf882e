import { parseTree, printParseErrorCode, type Node as JsonNode, type ParseError } from 'jsonc-parser';
import { jsonDepth, MAX_NESTING, NestingError } from './nesting.js';
import { LineIndex, syntaxError } from './positions.js';
import { walkTree, type TNode, type TScalar, type WalkOutput } from './tree.js';
import type { ConfigDoc } from './types.js';

/** Where a JSON text sits in a larger file (a JSON body inside a shell script). */
export interface Embedding {
  /** The file's lines. */
  readonly lines: LineIndex;
  /** The offset of the JSON text in the file. */
  readonly offset: number;
}

/**
 * JSON with `jsonc-parser`, which keeps the offset of every node (so positions are exact) and
 * accepts the comments and trailing commas of tsconfig/devcontainer/VS Code files. `within`
 * places the nodes of a JSON text found inside another file at their positions in that file.
 */
export function parseJson(text: string, within?: Embedding): ConfigDoc {
  if (jsonDepth(text) > MAX_NESTING) throw new NestingError();
  const errors: ParseError[] = [];
  const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
  const lines = within ? shifted(within) : new LineIndex(text);
  const err = errors[0];
  if (err) {
    const what = printParseErrorCode(err.error)
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase(); // ValueExpected → value expected
    throw syntaxError('JSON', lines.pos(err.offset).line, what);
  }
  const out: WalkOutput = { entries: [], commands: [] };
  walkTree(root ? convert(root, text, lines) : undefined, 0, out, 'JSON');
  return { format: 'json', entries: out.entries, commands: out.commands };
}

/** Positions of offsets in an embedded text, in the embedding file's lines. */
function shifted(within: Embedding): Pick<LineIndex, 'pos' | 'span'> {
  return {
    pos: (o) => within.lines.pos(within.offset + o),
    span: (s, e) => within.lines.span(within.offset + s, within.offset + e),
  };
}

function convert(n: JsonNode, text: string, lines: Pick<LineIndex, 'span'>): TNode | undefined {
  const span = lines.span(n.offset, n.offset + n.length);
  switch (n.type) {
    case 'object': {
      const pairs = [];
      for (const prop of n.children ?? []) {
        const [k, v] = prop.children ?? [];
        if (!k) continue;
        const keySpan = lines.span(k.offset, k.offset + k.length);
        const value = v ? convert(v, text, lines) : undefined;
        pairs.push({ key: String(k.value), keySpan, value });
      }
      return { kind: 'map', pairs, span };
    }
    case 'array':
      return { kind: 'seq', items: (n.children ?? []).map((c) => convert(c, text, lines)), span };
    case 'string': {
      const value = String(n.value);
      const from = n.offset + 1;
      const verbatim = text.slice(from, n.offset + n.length - 1) === value;
      const node: TScalar = verbatim
        ? { kind: 'scalar', value, span, place: (s, e) => lines.span(from + s, from + e) }
        : { kind: 'scalar', value, span };
      return node;
    }
    case 'number':
    case 'boolean':
      return { kind: 'scalar', value: n.value as number | boolean, span };
    case 'null':
      return { kind: 'scalar', value: null, span };
    default:
      return undefined;
  }
}
