import type { Node } from '../../parse/python.js';

/** A call's arguments, sorted the way Python binds them. */
export interface CallArgs {
  /** Positional arguments before any `*args`. */
  readonly positional: readonly Node[];
  /** True when a `*args` may shift or add positional arguments. */
  readonly listSplat: boolean;
  /** Keyword arguments by name: the value expressions. */
  readonly keywords: ReadonlyMap<string, Node>;
  /** The `keyword_argument` nodes, in order (for spans covering `name=value`). */
  readonly keywordNodes: ReadonlyMap<string, Node>;
  /** The expressions after `**`. */
  readonly doubleSplats: readonly Node[];
}

const EMPTY: CallArgs = {
  positional: [],
  listSplat: false,
  keywords: new Map(),
  keywordNodes: new Map(),
  doubleSplats: [],
};

export function callArguments(call: Node): CallArgs {
  const list = call.childForFieldName('arguments');
  if (!list || list.type !== 'argument_list') return EMPTY; // `f"..."` generator-call forms
  const positional: Node[] = [];
  const keywords = new Map<string, Node>();
  const keywordNodes = new Map<string, Node>();
  const doubleSplats: Node[] = [];
  let listSplat = false;
  for (const arg of list.namedChildren) {
    switch (arg.type) {
      case 'keyword_argument': {
        const name = arg.childForFieldName('name');
        const value = arg.childForFieldName('value');
        if (name && value) {
          keywords.set(name.text, value);
          keywordNodes.set(name.text, arg);
        }
        break;
      }
      case 'list_splat':
        listSplat = true;
        break;
      case 'dictionary_splat': {
        const inner = arg.firstNamedChild;
        if (inner) doubleSplats.push(inner);
        break;
      }
      case 'comment':
        break;
      default:
        if (!listSplat) positional.push(arg);
        break;
    }
  }
  return { positional, listSplat, keywords, keywordNodes, doubleSplats };
}

/** The argument bound to parameter `name` at `index`, passed by position or by keyword. */
export function argument(args: CallArgs, index: number, name: string): Node | undefined {
  return args.keywords.get(name) ?? args.positional[index];
}

/** Skips `(…)` around an expression. */
export function unparenthesize(node: Node): Node {
  let current = node;
  while (current.type === 'parenthesized_expression') {
    const inner = current.firstNamedChild;
    if (!inner || inner.type === 'comment') break;
    current = inner;
  }
  return current;
}
