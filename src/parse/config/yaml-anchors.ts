import { isAlias, isDocument, isMap, isPair, isSeq, type Alias, type Document, type Node } from 'yaml';

/**
 * The node each alias of a YAML document stands for: the last node before it (in document order)
 * carrying its anchor, as the `yaml` library's `Alias.resolve` finds it. That method walks the
 * whole document for every alias it resolves, so a file of many aliases cost the number of
 * aliases times the size of the document; here the document is walked once, without recursion.
 */
export class YamlAnchors {
  /** Per anchor name, its nodes and their places in document order, ascending. */
  private readonly anchored = new Map<string, { order: number; node: Node }[]>();
  private readonly aliasOrder = new Map<Alias, number>();

  constructor(doc: Document.Parsed) {
    let order = 0;
    const stack: unknown[] = [doc.contents];
    while (stack.length > 0) {
      const item = stack.pop();
      if (item === null || item === undefined || isDocument(item)) continue;
      if (isPair(item)) {
        stack.push(item.value, item.key); // the key first, as written
        continue;
      }
      const node = item as Node;
      order++;
      if (isAlias(node)) {
        this.aliasOrder.set(node, order);
        continue;
      }
      if (node.anchor) {
        let list = this.anchored.get(node.anchor);
        if (!list) this.anchored.set(node.anchor, (list = []));
        list.push({ order, node });
      }
      if (isMap(node) || isSeq(node)) {
        const items = node.items as unknown[];
        for (let k = items.length - 1; k >= 0; k--) stack.push(items[k]);
      }
    }
  }

  resolve(alias: Alias): Node | undefined {
    const list = this.anchored.get(alias.source);
    const at = this.aliasOrder.get(alias);
    if (!list || at === undefined) return undefined;
    // The last anchored node before the alias.
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((list[mid] as { order: number }).order < at) lo = mid + 1;
      else hi = mid;
    }
    return lo > 0 ? (list[lo - 1] as { node: Node }).node : undefined;
  }
}
