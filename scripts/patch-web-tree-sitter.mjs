// Rollup transform for web-tree-sitter's ES module: exact edits that make each step across
// the WebAssembly boundary cheaper, measured on Django's 859 files (see `npm run bench`):
//
// 1. marshalNode/unmarshalNode move a node's five 32-bit fields through HEAP32 directly, instead
//    of five calls each to emscripten's generic setValue/getValue (a switch on a type string and a
//    DataView call). On a little-endian host only: the generic path stays for a big-endian one.
// 2. Node's constructor assigns its fields instead of declaring them as class fields: the declared
//    `[0] = 0` and five `undefined` fields were redefined on every one of the millions of nodes a
//    scan creates. The wasm handle `[0]` becomes the named field `_other`: an indexed property
//    gave every node a separate elements store to allocate and collect.
// 3. Node#typeId and Node#parent remember their answer on the node object. A node's symbol and
//    parent never change while its tree is not edited, and the engine never edits a tree
//    (src/parse/python.ts parses each file once); Node#edit forgets them, for any other caller.
// 4. Node#childForFieldName and Node#childrenForFieldName find the field's id in a Map kept per
//    language, instead of `fields.indexOf(name)` over the grammar's field names on every call
//    (160,000 calls on Django), and Node#descendantsOfType tests each of the grammar's 270-odd
//    node types against a Set of the wanted ones, instead of `types.includes` over the list (the
//    file index asks for about 40 types in one walk). Counted with valgrind on Django, the two
//    linear searches were 250 million instructions, 1% of a scan.
//
// Every edit names the exact text it replaces: a web-tree-sitter release that changes any of
// them fails the build with the edit's name, rather than bundling a half-patched library.
// The tests run the library unpatched; __tests__/bundle/patch-web-tree-sitter.test.ts checks
// that the patched module parses and walks trees exactly as the original does.

const EDITS = [
  {
    name: 'marshalNode through HEAP32',
    from: `function marshalNode(node, index = 0) {
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;`,
    to: `function marshalNode(node, index = 0) {
  if (LITTLE_ENDIAN) {
    const heap = C.HEAP32;
    const at = (TRANSFER_BUFFER >> 2) + index * (SIZE_OF_NODE >> 2);
    heap[at] = node.id;
    heap[at + 1] = node.startIndex;
    heap[at + 2] = node.startPosition.row;
    heap[at + 3] = node.startPosition.column;
    heap[at + 4] = node._other;
    return;
  }
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;`,
  },
  {
    name: 'unmarshalNode through HEAP32',
    from: `function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  const id = C.getValue(address, "i32");`,
    to: `const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
function unmarshalNode(tree, address = TRANSFER_BUFFER) {
  if (LITTLE_ENDIAN) {
    const heap = C.HEAP32;
    const at = address >> 2;
    const id = heap[at];
    if (id === 0) return null;
    return new Node(INTERNAL, {
      id,
      tree,
      startIndex: heap[at + 1],
      startPosition: { row: heap[at + 2], column: heap[at + 3] },
      other: heap[at + 4]
    });
  }
  const id = C.getValue(address, "i32");`,
  },
  {
    name: 'Node fields assigned, not declared',
    from: `  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  _children;
  /** @internal */
  _namedChildren;
  /** @internal */
  constructor(internal, {
    id,
    tree,
    startIndex,
    startPosition,
    other
  }) {
    assertInternal(internal);
    this[0] = other;
    this.id = id;`,
    to: `  constructor(internal, {
    id,
    tree,
    startIndex,
    startPosition,
    other
  }) {
    assertInternal(internal);
    this._other = other;
    this._children = undefined;
    this._namedChildren = undefined;
    this._typeId = undefined;
    this._parent = undefined;
    this.id = id;`,
  },
  {
    name: 'marshalNode reads the named handle',
    from: `  C.setValue(address, node[0], "i32");
}`,
    to: `  C.setValue(address, node._other, "i32");
}`,
  },
  {
    name: 'Node field declarations dropped',
    from: `  id;
  /** The byte index where this node starts. */
  startIndex;
  /** The position where this node starts. */
  startPosition;
  /** The tree that this node belongs to. */
  tree;
  /** Get this node's type as a numerical id. */
  get typeId() {
    marshalNode(this);
    return C._ts_node_symbol_wasm(this.tree[0]);
  }`,
    to: `  get typeId() {
    if (this._typeId !== undefined) return this._typeId;
    marshalNode(this);
    return this._typeId = C._ts_node_symbol_wasm(this.tree[0]);
  }`,
  },
  {
    name: 'Node#parent remembered',
    from: `  get parent() {
    marshalNode(this);
    C._ts_node_parent_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }`,
    to: `  get parent() {
    if (this._parent !== undefined) return this._parent;
    marshalNode(this);
    C._ts_node_parent_wasm(this.tree[0]);
    return this._parent = unmarshalNode(this.tree);
  }`,
  },
  {
    name: 'field ids by name from a Map',
    from: `  childForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);`,
    to: `  childForFieldName(fieldName) {
    const fieldId = fieldIdOf(this.tree.language, fieldName);`,
  },
  {
    name: 'field ids by name from a Map (children)',
    from: `  childrenForFieldName(fieldName) {
    const fieldId = this.tree.language.fields.indexOf(fieldName);`,
    to: `  childrenForFieldName(fieldName) {
    const fieldId = fieldIdOf(this.tree.language, fieldName);`,
  },
  {
    name: 'the Map of field ids, per language',
    from: `const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;`,
    to: `const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
const FIELD_IDS = new WeakMap();
function fieldIdOf(language, fieldName) {
  let ids = FIELD_IDS.get(language);
  if (ids === undefined) {
    ids = new Map();
    language.fields.forEach((name, id) => {
      if (typeof name === "string" && !ids.has(name)) ids.set(name, id);
    });
    FIELD_IDS.set(language, ids);
  }
  return ids.get(fieldName) ?? -1;
}`,
  },
  {
    name: 'descendantsOfType tests types against a Set',
    from: `    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (types.includes(typesBySymbol[i2])) {`,
    to: `    const wanted = new Set(types);
    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (wanted.has(typesBySymbol[i2])) {`,
  },
  {
    name: 'Node#edit forgets what was remembered',
    from: `  edit(edit) {
    if (this.startIndex >= edit.oldEndIndex) {`,
    to: `  edit(edit) {
    this._typeId = undefined;
    this._parent = undefined;
    if (this.startIndex >= edit.oldEndIndex) {`,
  },
];

/** The patched module text; throws naming the first edit whose text the library no longer has. */
export function patchWebTreeSitter(code) {
  let out = code;
  for (const edit of EDITS) {
    const at = out.indexOf(edit.from);
    if (at < 0 || out.indexOf(edit.from, at + 1) >= 0) {
      throw new Error(
        `patch-web-tree-sitter: "${edit.name}" does not apply (its text is ${at < 0 ? 'missing' : 'not unique'}); ` +
          'review the edits against this web-tree-sitter release',
      );
    }
    out = out.slice(0, at) + edit.to + out.slice(at + edit.from.length);
  }
  return out;
}

/** The rollup plugin: applies the edits to web-tree-sitter's ES module, and fails if it never saw it. */
export function patchWebTreeSitterPlugin() {
  let patched = false;
  return {
    name: 'patch-web-tree-sitter',
    buildStart() {
      patched = false;
    },
    transform(code, id) {
      if (!/[\\/]web-tree-sitter[\\/]web-tree-sitter\.js$/.test(id)) return null;
      patched = true;
      return { code: patchWebTreeSitter(code), map: null };
    },
    buildEnd(error) {
      if (!error && !patched) this.error('patch-web-tree-sitter: web-tree-sitter.js was not bundled through the patch');
    },
  };
}
