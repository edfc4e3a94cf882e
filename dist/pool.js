import { existsSync, readFileSync, openSync, constants, fstatSync, readSync, closeSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { f as fileRole, s as showDynamic, D as DYNAMIC, a as isUnknownSslmode, p as parseConnectionString, b as isPlaceholder, m as matchCallee, d as callArguments, e as argument, g as spanOf$1, h as asStr, j as joinText, k as isDynamic, l as parseConnectionUri, n as segmentAt, o as isKnown, q as literalsOf, r as isWhollyDynamic, u as unparenthesize, t as constantStringValue, v as calleeNames, x as envLookupOfCall, y as resolveNames, z as DYNAMIC_SEGMENT, C as str, E as stringValue, G as isDocstring, H as spend, I as topStringNode, J as COSTLY, K as conditionalParts, L as mentionsAny, M as isPasswordColumnName, N as MemoSlot, O as nodesUnder, Q as isPasswordName, R as PASSWORDS_DOMAIN, T as flaskSummarizer, U as flaskFunctionsSummarizer, V as sqlSummarizer, W as sqlTextsSummarizer, X as proxiesSummarizer, Y as jwtOptionsSummarizer, Z as cookieOptionsSummarizer, _ as flaskConfigSummarizer, $ as helmTlsSummarizer, a0 as freshTokensSummarizer, a1 as deployEnvSummarizer, a2 as cryptoSummarizer, a3 as jwtCalls, a4 as flaskSettings, a5 as flaskRoutes, F as FILE_BUDGET_MS, w as withBudget, B as BudgetExceeded, i as indexPython, A as ALL_RULES, a6 as summaryImportsFlask } from './index2.js';
import { TextDecoder as TextDecoder$1 } from 'node:util';
import { n as notRegular } from './own-file.js';
import { d as defaultConfidence } from './confidence.js';
import { M as MASK, L as LIBPQ_KEYWORDS } from './redact.js';
import { s as splitShellScript, a as shellQuoteExports, L as LineIndex, b as syntaxError, d as scriptCommands, e as shellWords, w as wrapperCommands, j as jsonDepth, M as MAX_NESTING, N as NestingError, f as walkTree, g as distExports$1, h as isStackOverflow, Y as YamlAnchors, p as parseToml, k as parseTomlTree, y as yamlTree, D as DEFAULT_ANALYSIS, i as isRuleOff, c as configuredSeverity, r as roleOf } from './yaml-tree.js';
import fs__default from 'fs';
import path from 'path';
import os__default from 'os';
import require$$3 from 'url';
import { createRequire } from 'node:module';
import { a as addRule, d as addPhase, t as timedAsync, c as timed, e as emptyTimings, b as addCount, m as mergeTimings } from './timing.js';
import { b as banditId, r as rulesForBandit } from './bandit.js';
import { createHash } from 'node:crypto';

/** Letters, digits and the characters that extend a word inside a URI or identifier. */
const WORDISH = /[A-Za-z0-9_]/;
function wordish(c) {
    return c !== undefined && c !== '' && WORDISH.test(c);
}
/**
 * Masks every whole-token occurrence of a file's secrets in a text, in one pass over the text
 * whatever the number of secrets (an Aho-Corasick automaton over the secrets and their
 * URL-encoded forms, built once per file). Masking each secret in turn cost the number of secrets
 * times the length of the text, per text: a file of thousands of password URIs on one line
 * (a TOML array) took minutes.
 *
 * Whole tokens only, so a password such as `postgres` does not turn `postgresql://` into
 * `****ql://`, which would reveal it by its shape. Occurrences that overlap are masked as one.
 */
class SecretScrubber {
    /** Transitions: `node * 65536 + UTF-16 code unit` → child node. One map, not one per node: a trie of a megabyte of secrets has a million nodes. */
    edges = new Map();
    /** Length of the secret ending at a node, 0 when none does. */
    ends = [0];
    fail = [0];
    /** Nearest node on the failure chain (itself excluded) where a secret ends, 0 when none. */
    dict = [0];
    children = [[]];
    empty;
    constructor(secrets) {
        const forms = new Set();
        for (const s of secrets) {
            if (s.length < 3)
                continue;
            forms.add(s);
            const encoded = encodeURIComponent(s);
            if (encoded !== s)
                forms.add(encoded);
        }
        this.empty = forms.size === 0;
        for (const form of forms)
            this.insert(form);
        this.link();
    }
    /** The text with every whole-token occurrence of a secret replaced by the mask. */
    scrub(text) {
        if (this.empty)
            return text;
        // Occurrences in order of their end; the longest valid one ending at a place covers the shorter.
        const starts = [];
        const stops = [];
        let node = 0;
        for (let i = 0; i < text.length; i++) {
            node = this.step(node, text.charCodeAt(i));
            const end = i + 1;
            const endsWord = wordish(text[i]);
            const afterWord = endsWord && wordish(text[end]);
            if (afterWord)
                continue; // every secret ending here ends inside a word
            for (let t = this.ends[node] ? node : this.dict[node]; t !== 0; t = this.dict[t]) {
                const start = end - this.ends[t];
                if (wordish(text[start]) && start > 0 && wordish(text[start - 1]))
                    continue;
                starts.push(start);
                stops.push(end);
                break;
            }
        }
        if (starts.length === 0)
            return text;
        const order = starts.map((_, k) => k).sort((a, b) => starts[a] - starts[b]);
        let out = '';
        let from = 0;
        let open = -1;
        let close = -1;
        for (const k of order) {
            const s = starts[k];
            const e = stops[k];
            if (open >= 0 && s < close) {
                close = Math.max(close, e);
                continue;
            }
            if (open >= 0) {
                out += text.slice(from, open) + MASK;
                from = close;
            }
            open = s;
            close = e;
        }
        out += text.slice(from, open) + MASK;
        return out + text.slice(close);
    }
    insert(form) {
        let node = 0;
        for (let i = 0; i < form.length; i++) {
            const key = node * 65536 + form.charCodeAt(i);
            let child = this.edges.get(key);
            if (child === undefined) {
                child = this.ends.length;
                this.ends.push(0);
                this.fail.push(0);
                this.dict.push(0);
                this.children.push([]);
                this.edges.set(key, child);
                this.children[node].push(form.charCodeAt(i), child);
            }
            node = child;
        }
        this.ends[node] = form.length;
    }
    /** Failure and dictionary links, breadth first. */
    link() {
        const queue = [];
        const rootKids = this.children[0];
        for (let k = 1; k < rootKids.length; k += 2)
            queue.push(rootKids[k]);
        for (let q = 0; q < queue.length; q++) {
            const node = queue[q];
            const kids = this.children[node];
            for (let k = 0; k < kids.length; k += 2) {
                const c = kids[k];
                const child = kids[k + 1];
                const f = this.step(this.fail[node], c);
                this.fail[child] = f;
                this.dict[child] = this.ends[f] ? f : this.dict[f];
                queue.push(child);
            }
            this.children[node] = []; // no longer needed
        }
    }
    step(from, c) {
        for (let node = from;; node = this.fail[node]) {
            const next = this.edges.get(node * 65536 + c);
            if (next !== undefined)
                return next;
            if (node === 0)
                return 0;
        }
    }
}

var __defProp = Object.defineProperty;
var __name = (target, value) => __defProp(target, "name", { value, configurable: true });

// src/edit.ts
(class {
  static {
    __name(this, "Edit");
  }
  /** The start position of the change. */
  startPosition;
  /** The end position of the change before the edit. */
  oldEndPosition;
  /** The end position of the change after the edit. */
  newEndPosition;
  /** The start index of the change. */
  startIndex;
  /** The end index of the change before the edit. */
  oldEndIndex;
  /** The end index of the change after the edit. */
  newEndIndex;
  constructor({
    startIndex,
    oldEndIndex,
    newEndIndex,
    startPosition,
    oldEndPosition,
    newEndPosition
  }) {
    this.startIndex = startIndex >>> 0;
    this.oldEndIndex = oldEndIndex >>> 0;
    this.newEndIndex = newEndIndex >>> 0;
    this.startPosition = startPosition;
    this.oldEndPosition = oldEndPosition;
    this.newEndPosition = newEndPosition;
  }
  /**
   * Edit a point and index to keep it in-sync with source code that has been edited.
   *
   * This function updates a single point's byte offset and row/column position
   * based on an edit operation. This is useful for editing points without
   * requiring a tree or node instance.
   */
  editPoint(point, index) {
    let newIndex = index;
    const newPoint = { ...point };
    if (index >= this.oldEndIndex) {
      newIndex = this.newEndIndex + (index - this.oldEndIndex);
      const originalRow = point.row;
      newPoint.row = this.newEndPosition.row + (point.row - this.oldEndPosition.row);
      newPoint.column = originalRow === this.oldEndPosition.row ? this.newEndPosition.column + (point.column - this.oldEndPosition.column) : point.column;
    } else if (index > this.startIndex) {
      newIndex = this.newEndIndex;
      newPoint.row = this.newEndPosition.row;
      newPoint.column = this.newEndPosition.column;
    }
    return { point: newPoint, index: newIndex };
  }
  /**
   * Edit a range to keep it in-sync with source code that has been edited.
   *
   * This function updates a range's start and end positions based on an edit
   * operation. This is useful for editing ranges without requiring a tree
   * or node instance.
   */
  editRange(range) {
    const newRange = {
      startIndex: range.startIndex,
      startPosition: { ...range.startPosition },
      endIndex: range.endIndex,
      endPosition: { ...range.endPosition }
    };
    if (range.endIndex >= this.oldEndIndex) {
      if (range.endIndex !== Number.MAX_SAFE_INTEGER) {
        newRange.endIndex = this.newEndIndex + (range.endIndex - this.oldEndIndex);
        newRange.endPosition = {
          row: this.newEndPosition.row + (range.endPosition.row - this.oldEndPosition.row),
          column: range.endPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.endPosition.column - this.oldEndPosition.column) : range.endPosition.column
        };
        if (newRange.endIndex < this.newEndIndex) {
          newRange.endIndex = Number.MAX_SAFE_INTEGER;
          newRange.endPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
        }
      }
    } else if (range.endIndex > this.startIndex) {
      newRange.endIndex = this.startIndex;
      newRange.endPosition = { ...this.startPosition };
    }
    if (range.startIndex >= this.oldEndIndex) {
      newRange.startIndex = this.newEndIndex + (range.startIndex - this.oldEndIndex);
      newRange.startPosition = {
        row: this.newEndPosition.row + (range.startPosition.row - this.oldEndPosition.row),
        column: range.startPosition.row === this.oldEndPosition.row ? this.newEndPosition.column + (range.startPosition.column - this.oldEndPosition.column) : range.startPosition.column
      };
      if (newRange.startIndex < this.newEndIndex) {
        newRange.startIndex = Number.MAX_SAFE_INTEGER;
        newRange.startPosition = { row: Number.MAX_SAFE_INTEGER, column: Number.MAX_SAFE_INTEGER };
      }
    } else if (range.startIndex > this.startIndex) {
      newRange.startIndex = this.startIndex;
      newRange.startPosition = { ...this.startPosition };
    }
    return newRange;
  }
});

// src/constants.ts
var SIZE_OF_SHORT = 2;
var SIZE_OF_INT = 4;
var SIZE_OF_CURSOR = 4 * SIZE_OF_INT;
var SIZE_OF_NODE = 5 * SIZE_OF_INT;
var SIZE_OF_POINT = 2 * SIZE_OF_INT;
var SIZE_OF_RANGE = 2 * SIZE_OF_INT + 2 * SIZE_OF_POINT;
var ZERO_POINT = { row: 0, column: 0 };
var INTERNAL = /* @__PURE__ */ Symbol("INTERNAL");
function assertInternal(x) {
  if (x !== INTERNAL) throw new Error("Illegal constructor");
}
__name(assertInternal, "assertInternal");
function isPoint(point) {
  return !!point && typeof point.row === "number" && typeof point.column === "number";
}
__name(isPoint, "isPoint");
function setModule(module2) {
  C = module2;
}
__name(setModule, "setModule");
var C;

// src/finalization_registry.ts
function newFinalizer(handler) {
  try {
    return new FinalizationRegistry(handler);
  } catch (e) {
    console.error("Unsupported FinalizationRegistry:", e);
    return;
  }
}
__name(newFinalizer, "newFinalizer");

// src/lookahead_iterator.ts
var finalizer = newFinalizer((address) => {
  C._ts_lookahead_iterator_delete(address);
});
var LookaheadIterator = class {
  static {
    __name(this, "LookaheadIterator");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  language;
  /** @internal */
  positioned = false;
  /** @internal */
  constructor(internal, address, language) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    finalizer?.register(this, address, this);
  }
  /**
   * Get the current symbol of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol:
   *
   * - Before the first iteration step
   * - After the iterator is exhausted
   * - After a {@link reset} or {@link resetState} call
   */
  get currentTypeId() {
    return this.positioned ? C._ts_lookahead_iterator_current_symbol(this[0]) : null;
  }
  /**
   * Get the current symbol name of the lookahead iterator.
   *
   * Returns `null` if the iterator is not positioned on a symbol.
   */
  get currentType() {
    const id = this.currentTypeId;
    if (id === null) return null;
    return this.language.types[id] ?? C.UTF8ToString(C._ts_language_symbol_name(this.language[0], id));
  }
  /** Delete the lookahead iterator, freeing its resources. */
  delete() {
    finalizer?.unregister(this);
    C._ts_lookahead_iterator_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Reset the lookahead iterator.
   *
   * This returns `true` if the language was set successfully and `false`
   * otherwise.
   */
  reset(language, stateId) {
    if (C._ts_lookahead_iterator_reset(this[0], language[0], stateId)) {
      this.language = language;
      this.positioned = false;
      return true;
    }
    return false;
  }
  /**
   * Reset the lookahead iterator to another state.
   *
   * This returns `true` if the iterator was reset to the given state and
   * `false` otherwise.
   */
  resetState(stateId) {
    if (!C._ts_lookahead_iterator_reset_state(this[0], stateId)) return false;
    this.positioned = false;
    return true;
  }
  /**
   * Returns an iterator that iterates over the symbols of the lookahead iterator.
   *
   * The iterator will yield the current symbol name as a string for each step
   * until there are no more symbols to iterate over.
   */
  [Symbol.iterator]() {
    return {
      next: /* @__PURE__ */ __name(() => {
        this.positioned = Boolean(C._ts_lookahead_iterator_next(this[0]));
        const value = this.currentType;
        return value === null ? { done: true, value: "" } : { done: false, value };
      }, "next")
    };
  }
};

// src/tree.ts
function getText(tree, startIndex, endIndex, startPosition) {
  const length = endIndex - startIndex;
  let result = tree.textCallback(startIndex, startPosition);
  if (result) {
    startIndex += result.length;
    while (startIndex < endIndex) {
      const string = tree.textCallback(startIndex, startPosition);
      if (string && string.length > 0) {
        startIndex += string.length;
        result += string;
      } else {
        break;
      }
    }
    if (startIndex > endIndex) {
      result = result.slice(0, length);
    }
  }
  return result ?? "";
}
__name(getText, "getText");
var finalizer2 = newFinalizer((address) => {
  C._ts_tree_delete(address);
});
var Tree = class _Tree {
  static {
    __name(this, "Tree");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  textCallback;
  /** The language that was used to parse the syntax tree. */
  language;
  /** @internal */
  constructor(internal, address, language, textCallback) {
    assertInternal(internal);
    this[0] = address;
    this.language = language;
    this.textCallback = textCallback;
    finalizer2?.register(this, address, this);
  }
  /** Create a shallow copy of the syntax tree. This is very fast. */
  copy() {
    const address = C._ts_tree_copy(this[0]);
    return new _Tree(INTERNAL, address, this.language, this.textCallback);
  }
  /** Delete the syntax tree, freeing its resources. */
  delete() {
    finalizer2?.unregister(this);
    C._ts_tree_delete(this[0]);
    this[0] = 0;
  }
  /** Get the root node of the syntax tree. */
  get rootNode() {
    C._ts_tree_root_node_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Get the root node of the syntax tree, but with its position shifted
   * forward by the given offset.
   */
  rootNodeWithOffset(offsetBytes, offsetExtent) {
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, offsetBytes, "i32");
    marshalPoint(address + SIZE_OF_INT, offsetExtent);
    C._ts_tree_root_node_with_offset_wasm(this[0]);
    return unmarshalNode(this);
  }
  /**
   * Edit the syntax tree to keep it in sync with source code that has been
   * edited.
   *
   * You must describe the edit both in terms of byte offsets and in terms of
   * row/column coordinates.
   */
  edit(edit) {
    marshalEdit(edit);
    C._ts_tree_edit_wasm(this[0]);
  }
  /** Create a new {@link TreeCursor} starting from the root of the tree. */
  walk() {
    return this.rootNode.walk();
  }
  /**
   * Compare this old edited syntax tree to a new syntax tree representing
   * the same document, returning a sequence of ranges whose syntactic
   * structure has changed.
   *
   * For this to work correctly, this syntax tree must have been edited such
   * that its ranges match up to the new tree. Generally, you'll want to
   * call this method right after calling one of the [`Parser::parse`]
   * functions. Call it on the old tree that was passed to parse, and
   * pass the new tree that was returned from `parse`.
   */
  getChangedRanges(other) {
    if (!(other instanceof _Tree)) {
      throw new TypeError("Argument must be a Tree");
    }
    C._ts_tree_get_changed_ranges_wasm(this[0], other[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the included ranges that were used to parse the syntax tree. */
  getIncludedRanges() {
    C._ts_tree_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
};

// src/tree_cursor.ts
var finalizer3 = newFinalizer((address) => {
  C._ts_tree_cursor_delete_wasm(address);
});
var TreeCursor = class _TreeCursor {
  static {
    __name(this, "TreeCursor");
  }
  /** @internal */
  // @ts-expect-error: never read
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [2] = 0;
  // Internal handle for Wasm
  /** @internal */
  // @ts-expect-error: never read
  [3] = 0;
  // Internal handle for Wasm
  /** @internal */
  tree;
  /** @internal */
  constructor(internal, tree) {
    assertInternal(internal);
    this.tree = tree;
    unmarshalTreeCursor(this);
    finalizer3?.register(this, this.tree[0], this);
  }
  /** Creates a deep copy of the tree cursor. This allocates new memory. */
  copy() {
    const copy = new _TreeCursor(INTERNAL, this.tree);
    C._ts_tree_cursor_copy_wasm(this.tree[0]);
    unmarshalTreeCursor(copy);
    return copy;
  }
  /** Delete the tree cursor, freeing its resources. */
  delete() {
    finalizer3?.unregister(this);
    marshalTreeCursor(this);
    C._ts_tree_cursor_delete_wasm(this.tree[0]);
    this[0] = this[1] = this[2] = 0;
  }
  /** Get the tree cursor's current {@link Node}. */
  get currentNode() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_current_node_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the numerical field id of this tree cursor's current node.
   *
   * See also {@link TreeCursor#currentFieldName}.
   */
  get currentFieldId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_field_id_wasm(this.tree[0]);
  }
  /** Get the field name of this tree cursor's current node. */
  get currentFieldName() {
    return this.tree.language.fields[this.currentFieldId];
  }
  /**
   * Get the depth of the cursor's current node relative to the original
   * node that the cursor was constructed with.
   */
  get currentDepth() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_depth_wasm(this.tree[0]);
  }
  /**
   * Get the index of the cursor's current node out of all of the
   * descendants of the original node that the cursor was constructed with.
   */
  get currentDescendantIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_descendant_index_wasm(this.tree[0]);
  }
  /** Get the type of the cursor's current node. */
  get nodeType() {
    return this.tree.language.types[this.nodeTypeId] || "ERROR";
  }
  /** Get the type id of the cursor's current node. */
  get nodeTypeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_type_id_wasm(this.tree[0]);
  }
  /** Get the state id of the cursor's current node. */
  get nodeStateId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_state_id_wasm(this.tree[0]);
  }
  /** Get the id of the cursor's current node. */
  get nodeId() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_id_wasm(this.tree[0]);
  }
  /**
   * Check if the cursor's current node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get nodeIsNamed() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if the cursor's current node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get nodeIsMissing() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_current_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Get the string content of the cursor's current node. */
  get nodeText() {
    marshalTreeCursor(this);
    const startIndex = C._ts_tree_cursor_start_index_wasm(this.tree[0]);
    const endIndex = C._ts_tree_cursor_end_index_wasm(this.tree[0]);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    const startPosition = unmarshalPoint(TRANSFER_BUFFER);
    return getText(this.tree, startIndex, endIndex, startPosition);
  }
  /** Get the start position of the cursor's current node. */
  get startPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_start_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the end position of the cursor's current node. */
  get endPosition() {
    marshalTreeCursor(this);
    C._ts_tree_cursor_end_position_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the start index of the cursor's current node. */
  get startIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_start_index_wasm(this.tree[0]);
  }
  /** Get the end index of the cursor's current node. */
  get endIndex() {
    marshalTreeCursor(this);
    return C._ts_tree_cursor_end_index_wasm(this.tree[0]);
  }
  /**
   * Move this cursor to the first child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   */
  gotoFirstChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_first_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the last child of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there were no children.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoFirstChild} because it needs to
   * iterate through all the children to compute the child's position.
   */
  gotoLastChild() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_last_child_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the parent of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no parent node (the cursor was already on the
   * root node).
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoParent() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_parent_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the next sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no next sibling node.
   *
   * Note that the node the cursor was constructed with is considered the root
   * of the cursor, and the cursor cannot walk outside this node.
   */
  gotoNextSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_next_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the previous sibling of its current node.
   *
   * This returns `true` if the cursor successfully moved, and returns
   * `false` if there was no previous sibling node.
   *
   * Note that this function may be slower than
   * {@link TreeCursor#gotoNextSibling} due to how node
   * positions are stored. In the worst case, this will need to iterate
   * through all the children up to the previous sibling node to recalculate
   * its position. Also note that the node the cursor was constructed with is
   * considered the root of the cursor, and the cursor cannot walk outside this node.
   */
  gotoPreviousSibling() {
    marshalTreeCursor(this);
    const result = C._ts_tree_cursor_goto_previous_sibling_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move the cursor to the node that is the nth descendant of
   * the original node that the cursor was constructed with, where
   * zero represents the original node itself.
   */
  gotoDescendant(goalDescendantIndex) {
    marshalTreeCursor(this);
    C._ts_tree_cursor_goto_descendant_wasm(this.tree[0], goalDescendantIndex);
    unmarshalTreeCursor(this);
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns `true` if the cursor successfully moved to a child node, and returns
   * `false` if no such child was found.
   */
  gotoFirstChildForIndex(goalIndex) {
    marshalTreeCursor(this);
    C.setValue(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalIndex, "i32");
    const result = C._ts_tree_cursor_goto_first_child_for_index_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Move this cursor to the first child of its current node that contains or
   * starts after the given byte offset.
   *
   * This returns the index of the child node if one was found, and returns
   * `null` if no such child was found.
   */
  gotoFirstChildForPosition(goalPosition) {
    marshalTreeCursor(this);
    marshalPoint(TRANSFER_BUFFER + SIZE_OF_CURSOR, goalPosition);
    const result = C._ts_tree_cursor_goto_first_child_for_position_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
    return result === 1;
  }
  /**
   * Re-initialize this tree cursor to start at the original node that the
   * cursor was constructed with.
   */
  reset(node) {
    marshalNode(node);
    marshalTreeCursor(this, TRANSFER_BUFFER + SIZE_OF_NODE);
    C._ts_tree_cursor_reset_wasm(this.tree[0]);
    unmarshalTreeCursor(this);
  }
  /**
   * Re-initialize a tree cursor to the same position as another cursor.
   *
   * Unlike {@link TreeCursor#reset}, this will not lose parent
   * information and allows reusing already created cursors.
   */
  resetTo(cursor) {
    marshalTreeCursor(this, TRANSFER_BUFFER);
    marshalTreeCursor(cursor, TRANSFER_BUFFER + SIZE_OF_CURSOR);
    C._ts_tree_cursor_reset_to_wasm(this.tree[0], cursor.tree[0]);
    unmarshalTreeCursor(this);
  }
};

// src/node.ts
var Node = class {
  static {
    __name(this, "Node");
  }
  constructor(internal, {
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
    this.id = id;
    this.tree = tree;
    this.startIndex = startIndex;
    this.startPosition = startPosition;
  }
  /**
   * The numeric id for this node that is unique.
   *
   * Within a given syntax tree, no two nodes have the same id. However:
   *
   * * If a new tree is created based on an older tree, and a node from the old tree is reused in
   *   the process, then that node will have the same id in both trees.
   *
   * * A node not marked as having changes does not guarantee it was reused.
   *
   * * If a node is marked as having changed in the old tree, it will not be reused.
   */
  get typeId() {
    if (this._typeId !== undefined) return this._typeId;
    marshalNode(this);
    return this._typeId = C._ts_node_symbol_wasm(this.tree[0]);
  }
  /**
   * Get the node's type as a numerical id as it appears in the grammar,
   * ignoring aliases.
   */
  get grammarId() {
    marshalNode(this);
    return C._ts_node_grammar_symbol_wasm(this.tree[0]);
  }
  /** Get this node's type as a string. */
  get type() {
    return this.tree.language.types[this.typeId] || "ERROR";
  }
  /**
   * Get this node's symbol name as it appears in the grammar, ignoring
   * aliases as a string.
   */
  get grammarType() {
    return this.tree.language.types[this.grammarId] || "ERROR";
  }
  /**
   * Check if this node is *named*.
   *
   * Named nodes correspond to named rules in the grammar, whereas
   * *anonymous* nodes correspond to string literals in the grammar.
   */
  get isNamed() {
    marshalNode(this);
    return C._ts_node_is_named_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *extra*.
   *
   * Extra nodes represent things like comments, which are not required
   * by the grammar, but can appear anywhere.
   */
  get isExtra() {
    marshalNode(this);
    return C._ts_node_is_extra_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error.
   *
   * Syntax errors represent parts of the code that could not be incorporated
   * into a valid syntax tree.
   */
  get isError() {
    marshalNode(this);
    return C._ts_node_is_error_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node is *missing*.
   *
   * Missing nodes are inserted by the parser in order to recover from
   * certain kinds of syntax errors.
   */
  get isMissing() {
    marshalNode(this);
    return C._ts_node_is_missing_wasm(this.tree[0]) === 1;
  }
  /** Check if this node has been edited. */
  get hasChanges() {
    marshalNode(this);
    return C._ts_node_has_changes_wasm(this.tree[0]) === 1;
  }
  /**
   * Check if this node represents a syntax error or contains any syntax
   * errors anywhere within it.
   */
  get hasError() {
    marshalNode(this);
    return C._ts_node_has_error_wasm(this.tree[0]) === 1;
  }
  /** Get the byte index where this node ends. */
  get endIndex() {
    marshalNode(this);
    return C._ts_node_end_index_wasm(this.tree[0]);
  }
  /** Get the position where this node ends. */
  get endPosition() {
    marshalNode(this);
    C._ts_node_end_point_wasm(this.tree[0]);
    return unmarshalPoint(TRANSFER_BUFFER);
  }
  /** Get the string content of this node. */
  get text() {
    return getText(this.tree, this.startIndex, this.endIndex, this.startPosition);
  }
  /** Get this node's parse state. */
  get parseState() {
    marshalNode(this);
    return C._ts_node_parse_state_wasm(this.tree[0]);
  }
  /** Get the parse state after this node. */
  get nextParseState() {
    marshalNode(this);
    return C._ts_node_next_parse_state_wasm(this.tree[0]);
  }
  /** Check if this node is equal to another node. */
  equals(other) {
    return this.tree === other.tree && this.id === other.id;
  }
  /**
   * Get the node's child at the given index, where zero represents the first child.
   *
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#children} instead.
   */
  child(index) {
    marshalNode(this);
    C._ts_node_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's *named* child at the given index.
   *
   * See also {@link Node#isNamed}.
   * This method is fairly fast, but its cost is technically log(n), so if
   * you might be iterating over a long list of children, you should use
   * {@link Node#namedChildren} instead.
   */
  namedChild(index) {
    marshalNode(this);
    C._ts_node_named_child_wasm(this.tree[0], index);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's child with the given numerical field id.
   *
   * See also {@link Node#childForFieldName}. You can
   * convert a field name to an id using {@link Language#fieldIdForName}.
   */
  childForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_child_by_field_id_wasm(this.tree[0], fieldId);
    return unmarshalNode(this.tree);
  }
  /**
   * Get the first child with the given field name.
   *
   * If multiple children may have the same field name, access them using
   * {@link Node#childrenForFieldName}.
   */
  childForFieldName(fieldName) {
    const fieldId = fieldIdOf(this.tree.language, fieldName);
    if (fieldId !== -1) return this.childForFieldId(fieldId);
    return null;
  }
  /** Get the field name of this node's child at the given index. */
  fieldNameForChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /** Get the field name of this node's named child at the given index. */
  fieldNameForNamedChild(index) {
    marshalNode(this);
    const address = C._ts_node_field_name_for_named_child_wasm(this.tree[0], index);
    if (!address) return null;
    return C.AsciiToString(address);
  }
  /**
   * Get an array of this node's children with a given field name.
   *
   * See also {@link Node#children}.
   */
  childrenForFieldName(fieldName) {
    const fieldId = fieldIdOf(this.tree.language, fieldName);
    if (fieldId !== -1 && fieldId !== 0) return this.childrenForFieldId(fieldId);
    return [];
  }
  /**
    * Get an array of this node's children with a given field id.
    *
    * See also {@link Node#childrenForFieldName}.
    */
  childrenForFieldId(fieldId) {
    marshalNode(this);
    C._ts_node_children_by_field_id_wasm(this.tree[0], fieldId);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Get the node's first child that contains or starts after the given byte offset. */
  firstChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's first named child that contains or starts after the given byte offset. */
  firstNamedChildForIndex(index) {
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, index, "i32");
    C._ts_node_first_named_child_for_byte_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's number of children. */
  get childCount() {
    marshalNode(this);
    return C._ts_node_child_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's number of *named* children.
   *
   * See also {@link Node#isNamed}.
   */
  get namedChildCount() {
    marshalNode(this);
    return C._ts_node_named_child_count_wasm(this.tree[0]);
  }
  /** Get this node's first child. */
  get firstChild() {
    return this.child(0);
  }
  /**
   * Get this node's first named child.
   *
   * See also {@link Node#isNamed}.
   */
  get firstNamedChild() {
    return this.namedChild(0);
  }
  /** Get this node's last child. */
  get lastChild() {
    return this.child(this.childCount - 1);
  }
  /**
   * Get this node's last named child.
   *
   * See also {@link Node#isNamed}.
   */
  get lastNamedChild() {
    return this.namedChild(this.namedChildCount - 1);
  }
  /**
   * Iterate over this node's children.
   *
   * If you're walking the tree recursively, you may want to use the
   * {@link TreeCursor} APIs directly instead.
   */
  get children() {
    if (!this._children) {
      marshalNode(this);
      C._ts_node_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._children = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._children[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._children;
  }
  /**
   * Iterate over this node's named children.
   *
   * See also {@link Node#children}.
   */
  get namedChildren() {
    if (!this._namedChildren) {
      marshalNode(this);
      C._ts_node_named_children_wasm(this.tree[0]);
      const count = C.getValue(TRANSFER_BUFFER, "i32");
      const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      this._namedChildren = new Array(count);
      if (count > 0) {
        let address = buffer;
        for (let i2 = 0; i2 < count; i2++) {
          this._namedChildren[i2] = unmarshalNode(this.tree, address);
          address += SIZE_OF_NODE;
        }
        C._free(buffer);
      }
    }
    return this._namedChildren;
  }
  /**
   * Get the descendants of this node that are the given type, or in the given types array.
   *
   * The types array should contain node type strings, which can be retrieved from {@link Language#types}.
   *
   * Additionally, a `startPosition` and `endPosition` can be passed in to restrict the search to a byte range.
   */
  descendantsOfType(types, startPosition = ZERO_POINT, endPosition = ZERO_POINT) {
    if (!Array.isArray(types)) types = [types];
    const symbols = [];
    const typesBySymbol = this.tree.language.types;
    for (const node_type of types) {
      if (node_type == "ERROR") {
        symbols.push(65535);
      }
    }
    const wanted = new Set(types);
    for (let i2 = 0, n = typesBySymbol.length; i2 < n; i2++) {
      if (wanted.has(typesBySymbol[i2])) {
        symbols.push(i2);
      }
    }
    const symbolsAddress = C._malloc(SIZE_OF_INT * symbols.length);
    for (let i2 = 0, n = symbols.length; i2 < n; i2++) {
      C.setValue(symbolsAddress + i2 * SIZE_OF_INT, symbols[i2], "i32");
    }
    marshalNode(this);
    C._ts_node_descendants_of_type_wasm(
      this.tree[0],
      symbolsAddress,
      symbols.length,
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column
    );
    const descendantCount = C.getValue(TRANSFER_BUFFER, "i32");
    const descendantAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(descendantCount);
    if (descendantCount > 0) {
      let address = descendantAddress;
      for (let i2 = 0; i2 < descendantCount; i2++) {
        result[i2] = unmarshalNode(this.tree, address);
        address += SIZE_OF_NODE;
      }
    }
    C._free(descendantAddress);
    C._free(symbolsAddress);
    return result;
  }
  /** Get this node's next sibling. */
  get nextSibling() {
    marshalNode(this);
    C._ts_node_next_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get this node's previous sibling. */
  get previousSibling() {
    marshalNode(this);
    C._ts_node_prev_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's next *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get nextNamedSibling() {
    marshalNode(this);
    C._ts_node_next_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Get this node's previous *named* sibling.
   *
   * See also {@link Node#isNamed}.
   */
  get previousNamedSibling() {
    marshalNode(this);
    C._ts_node_prev_named_sibling_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the node's number of descendants, including one for the node itself. */
  get descendantCount() {
    marshalNode(this);
    return C._ts_node_descendant_count_wasm(this.tree[0]);
  }
  /**
   * Get this node's immediate parent.
   * Prefer {@link Node#childWithDescendant} for iterating over this node's ancestors.
   */
  get parent() {
    if (this._parent !== undefined) return this._parent;
    marshalNode(this);
    C._ts_node_parent_wasm(this.tree[0]);
    return this._parent = unmarshalNode(this.tree);
  }
  /**
   * Get the node that contains `descendant`.
   *
   * Note that this can return `descendant` itself.
   */
  childWithDescendant(descendant) {
    marshalNode(this);
    marshalNode(descendant, 1);
    C._ts_node_child_with_descendant_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given byte range. */
  descendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given byte range. */
  namedDescendantForIndex(start2, end = start2) {
    if (typeof start2 !== "number" || typeof end !== "number") {
      throw new Error("Arguments must be numbers");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    C.setValue(address, start2, "i32");
    C.setValue(address + SIZE_OF_INT, end, "i32");
    C._ts_node_named_descendant_for_index_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest node within this node that spans the given point range. */
  descendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /** Get the smallest named node within this node that spans the given point range. */
  namedDescendantForPosition(start2, end = start2) {
    if (!isPoint(start2) || !isPoint(end)) {
      throw new Error("Arguments must be {row, column} objects");
    }
    marshalNode(this);
    const address = TRANSFER_BUFFER + SIZE_OF_NODE;
    marshalPoint(address, start2);
    marshalPoint(address + SIZE_OF_POINT, end);
    C._ts_node_named_descendant_for_position_wasm(this.tree[0]);
    return unmarshalNode(this.tree);
  }
  /**
   * Create a new {@link TreeCursor} starting from this node.
   *
   * Note that the given node is considered the root of the cursor,
   * and the cursor cannot walk outside this node.
   */
  walk() {
    marshalNode(this);
    C._ts_tree_cursor_new_wasm(this.tree[0]);
    return new TreeCursor(INTERNAL, this.tree);
  }
  /**
   * Edit this node to keep it in-sync with source code that has been edited.
   *
   * This function is only rarely needed. When you edit a syntax tree with
   * the {@link Tree#edit} method, all of the nodes that you retrieve from
   * the tree afterward will already reflect the edit. You only need to
   * use {@link Node#edit} when you have a specific {@link Node} instance that
   * you want to keep and continue to use after an edit.
   */
  edit(edit) {
    this._typeId = undefined;
    this._parent = undefined;
    if (this.startIndex >= edit.oldEndIndex) {
      this.startIndex = edit.newEndIndex + (this.startIndex - edit.oldEndIndex);
      let subbedPointRow;
      let subbedPointColumn;
      if (this.startPosition.row > edit.oldEndPosition.row) {
        subbedPointRow = this.startPosition.row - edit.oldEndPosition.row;
        subbedPointColumn = this.startPosition.column;
      } else {
        subbedPointRow = 0;
        subbedPointColumn = this.startPosition.column;
        if (this.startPosition.column >= edit.oldEndPosition.column) {
          subbedPointColumn = this.startPosition.column - edit.oldEndPosition.column;
        }
      }
      if (subbedPointRow > 0) {
        this.startPosition.row += subbedPointRow;
        this.startPosition.column = subbedPointColumn;
      } else {
        this.startPosition.column += subbedPointColumn;
      }
    } else if (this.startIndex > edit.startIndex) {
      this.startIndex = edit.newEndIndex;
      this.startPosition.row = edit.newEndPosition.row;
      this.startPosition.column = edit.newEndPosition.column;
    }
  }
  /** Get the S-expression representation of this node. */
  toString() {
    marshalNode(this);
    const address = C._ts_node_to_string_wasm(this.tree[0]);
    const result = C.AsciiToString(address);
    C._free(address);
    return result;
  }
};

// src/marshal.ts
function unmarshalCaptures(query, tree, address, patternIndex, result) {
  for (let i2 = 0, n = result.length; i2 < n; i2++) {
    const captureIndex = C.getValue(address, "i32");
    address += SIZE_OF_INT;
    const node = unmarshalNode(tree, address);
    address += SIZE_OF_NODE;
    result[i2] = { patternIndex, name: query.captureNames[captureIndex], node };
  }
  return address;
}
__name(unmarshalCaptures, "unmarshalCaptures");
function marshalNode(node, index = 0) {
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
  let address = TRANSFER_BUFFER + index * SIZE_OF_NODE;
  C.setValue(address, node.id, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.row, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node.startPosition.column, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, node._other, "i32");
}
__name(marshalNode, "marshalNode");
const LITTLE_ENDIAN = new Uint8Array(new Uint32Array([1]).buffer)[0] === 1;
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
}
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
  const id = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  if (id === 0) return null;
  const index = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const row = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const column = C.getValue(address, "i32");
  address += SIZE_OF_INT;
  const other = C.getValue(address, "i32");
  const result = new Node(INTERNAL, {
    id,
    tree,
    startIndex: index,
    startPosition: { row, column },
    other
  });
  return result;
}
__name(unmarshalNode, "unmarshalNode");
function marshalTreeCursor(cursor, address = TRANSFER_BUFFER) {
  C.setValue(address + 0 * SIZE_OF_INT, cursor[0], "i32");
  C.setValue(address + 1 * SIZE_OF_INT, cursor[1], "i32");
  C.setValue(address + 2 * SIZE_OF_INT, cursor[2], "i32");
  C.setValue(address + 3 * SIZE_OF_INT, cursor[3], "i32");
}
__name(marshalTreeCursor, "marshalTreeCursor");
function unmarshalTreeCursor(cursor) {
  cursor[0] = C.getValue(TRANSFER_BUFFER + 0 * SIZE_OF_INT, "i32");
  cursor[1] = C.getValue(TRANSFER_BUFFER + 1 * SIZE_OF_INT, "i32");
  cursor[2] = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
  cursor[3] = C.getValue(TRANSFER_BUFFER + 3 * SIZE_OF_INT, "i32");
}
__name(unmarshalTreeCursor, "unmarshalTreeCursor");
function marshalPoint(address, point) {
  C.setValue(address, point.row, "i32");
  C.setValue(address + SIZE_OF_INT, point.column, "i32");
}
__name(marshalPoint, "marshalPoint");
function unmarshalPoint(address) {
  const result = {
    row: C.getValue(address, "i32") >>> 0,
    column: C.getValue(address + SIZE_OF_INT, "i32") >>> 0
  };
  return result;
}
__name(unmarshalPoint, "unmarshalPoint");
function marshalRange(address, range) {
  marshalPoint(address, range.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, range.endPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, range.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, range.endIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalRange, "marshalRange");
function unmarshalRange(address) {
  const result = {};
  result.startPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.endPosition = unmarshalPoint(address);
  address += SIZE_OF_POINT;
  result.startIndex = C.getValue(address, "i32") >>> 0;
  address += SIZE_OF_INT;
  result.endIndex = C.getValue(address, "i32") >>> 0;
  return result;
}
__name(unmarshalRange, "unmarshalRange");
function marshalEdit(edit, address = TRANSFER_BUFFER) {
  marshalPoint(address, edit.startPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.oldEndPosition);
  address += SIZE_OF_POINT;
  marshalPoint(address, edit.newEndPosition);
  address += SIZE_OF_POINT;
  C.setValue(address, edit.startIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.oldEndIndex, "i32");
  address += SIZE_OF_INT;
  C.setValue(address, edit.newEndIndex, "i32");
  address += SIZE_OF_INT;
}
__name(marshalEdit, "marshalEdit");
function unmarshalLanguageMetadata(address) {
  const major_version = C.getValue(address, "i32");
  const minor_version = C.getValue(address += SIZE_OF_INT, "i32");
  const patch_version = C.getValue(address += SIZE_OF_INT, "i32");
  return { major_version, minor_version, patch_version };
}
__name(unmarshalLanguageMetadata, "unmarshalLanguageMetadata");

// src/language.ts
var LANGUAGE_FUNCTION_REGEX = /^tree_sitter_\w+$/;
var Language = class _Language {
  static {
    __name(this, "Language");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /**
   * A list of all node types in the language. The index of each type in this
   * array is its node type id.
   */
  types;
  /**
   * A list of all field names in the language. The index of each field name in
   * this array is its field id.
   */
  fields;
  /** @internal */
  constructor(internal, address) {
    assertInternal(internal);
    this[0] = address;
    this.types = new Array(C._ts_language_symbol_count(this[0]));
    for (let i2 = 0, n = this.types.length; i2 < n; i2++) {
      if (C._ts_language_symbol_type(this[0], i2) < 2) {
        this.types[i2] = C.UTF8ToString(C._ts_language_symbol_name(this[0], i2));
      }
    }
    this.fields = new Array(C._ts_language_field_count(this[0]) + 1);
    for (let i2 = 0, n = this.fields.length; i2 < n; i2++) {
      const fieldName = C._ts_language_field_name_for_id(this[0], i2);
      if (fieldName !== 0) {
        this.fields[i2] = C.UTF8ToString(fieldName);
      } else {
        this.fields[i2] = null;
      }
    }
  }
  /**
   * Gets the name of the language.
   */
  get name() {
    const ptr = C._ts_language_name(this[0]);
    if (ptr === 0) return null;
    return C.UTF8ToString(ptr);
  }
  /**
   * Gets the ABI version of the language.
   */
  get abiVersion() {
    return C._ts_language_abi_version(this[0]);
  }
  /**
  * Get the metadata for this language. This information is generated by the
  * CLI, and relies on the language author providing the correct metadata in
  * the language's `tree-sitter.json` file.
  */
  get metadata() {
    C._ts_language_metadata_wasm(this[0]);
    const length = C.getValue(TRANSFER_BUFFER, "i32");
    if (length === 0) return null;
    return unmarshalLanguageMetadata(TRANSFER_BUFFER + SIZE_OF_INT);
  }
  /**
   * Gets the number of fields in the language.
   */
  get fieldCount() {
    return this.fields.length - 1;
  }
  /**
   * Gets the number of states in the language.
   */
  get stateCount() {
    return C._ts_language_state_count(this[0]);
  }
  /**
   * Get the field id for a field name.
   */
  fieldIdForName(fieldName) {
    const result = this.fields.indexOf(fieldName);
    return result !== -1 ? result : null;
  }
  /**
   * Get the field name for a field id.
   */
  fieldNameForId(fieldId) {
    return this.fields[fieldId] ?? null;
  }
  /**
   * Get the node type id for a node type name.
   */
  idForNodeType(type, named) {
    const typeLength = C.lengthBytesUTF8(type);
    const typeAddress = C._malloc(typeLength + 1);
    C.stringToUTF8(type, typeAddress, typeLength + 1);
    const result = C._ts_language_symbol_for_name(this[0], typeAddress, typeLength, named ? 1 : 0);
    C._free(typeAddress);
    return result || null;
  }
  /**
   * Gets the number of node types in the language.
   */
  get nodeTypeCount() {
    return C._ts_language_symbol_count(this[0]);
  }
  /**
   * Get the node type name for a node type id.
   */
  nodeTypeForId(typeId) {
    const name2 = C._ts_language_symbol_name(this[0], typeId);
    return name2 ? C.UTF8ToString(name2) : null;
  }
  /**
   * Check if a node type is named.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/2-basic-parsing.html#named-vs-anonymous-nodes}
   */
  nodeTypeIsNamed(typeId) {
    return C._ts_language_type_is_named_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Check if a node type is visible.
   */
  nodeTypeIsVisible(typeId) {
    return C._ts_language_type_is_visible_wasm(this[0], typeId) ? true : false;
  }
  /**
   * Get the supertypes ids of this language.
   *
   * @see {@link https://tree-sitter.github.io/tree-sitter/using-parsers/6-static-node-types.html?highlight=supertype#supertype-nodes}
   */
  get supertypes() {
    C._ts_language_supertypes_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the subtype ids for a given supertype node id.
   */
  subtypes(supertype) {
    C._ts_language_subtypes_wasm(this[0], supertype);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = C.getValue(address, "i16");
        address += SIZE_OF_SHORT;
      }
    }
    return result;
  }
  /**
   * Get the next state id for a given state id and node type id.
   */
  nextState(stateId, typeId) {
    return C._ts_language_next_state(this[0], stateId, typeId);
  }
  /**
   * Create a new lookahead iterator for this language and parse state.
   *
   * This returns `null` if state is invalid for this language.
   *
   * Iterating {@link LookaheadIterator} will yield valid symbols in the given
   * parse state. A newly created iterator is not positioned on a symbol, so
   * {@link LookaheadIterator#currentType} returns `null` until the first
   * iteration step.
   *
   * Lookahead iterators can be useful for generating suggestions and improving
   * syntax error diagnostics. To get symbols valid in an `ERROR` node, use the
   * lookahead iterator on its first leaf node state. For `MISSING` nodes, a
   * lookahead iterator created on the previous non-extra leaf node may be
   * appropriate.
   */
  lookaheadIterator(stateId) {
    const address = C._ts_lookahead_iterator_new(this[0], stateId);
    if (address) return new LookaheadIterator(INTERNAL, address, this);
    return null;
  }
  /**
   * Load a language from a WebAssembly module.
   * The module can be provided as a path to a file, a `URL` to a file, or as a
   * buffer.
   */
  static async load(input) {
    let binary2;
    if (input instanceof Uint8Array) {
      binary2 = input;
    } else if (globalThis.process?.versions.node) {
      const fs2 = await import('fs/promises');
      binary2 = await fs2.readFile(input);
    } else {
      const response = await fetch(input);
      if (!response.ok) {
        const body2 = await response.text();
        throw new Error(`Language.load failed with status ${response.status}.

${body2}`);
      }
      const retryResp = response.clone();
      try {
        binary2 = await WebAssembly.compileStreaming(response);
      } catch (reason) {
        console.error("wasm streaming compile failed:", reason);
        console.error("falling back to ArrayBuffer instantiation");
        binary2 = new Uint8Array(await retryResp.arrayBuffer());
      }
    }
    const mod = await C.loadWebAssemblyModule(binary2, { loadAsync: true });
    return _Language.loadFromWasmExports(mod, { sync: false });
  }
  static loadFromWasmExports(mod, { sync }) {
    const symbolNames = Object.keys(mod);
    const functionName = symbolNames.find((key) => LANGUAGE_FUNCTION_REGEX.test(key) && !key.includes("external_scanner_"));
    if (!functionName) {
      console.log(`Couldn't find language function in Wasm file. Symbols:
${JSON.stringify(symbolNames, null, 2)}`);
      throw new Error(`Language.${sync ? "loadSync" : "load"} failed: no language function found in Wasm file`);
    }
    const languageAddress = mod[functionName]();
    return new _Language(INTERNAL, languageAddress);
  }
  /**
   * Load a language synchronously from a pre-compiled WebAssembly module.
   * Use this when the host environment provides a `WebAssembly.Module` directly.
   */
  static loadSync(wasmModule) {
    const mod = C.loadWebAssemblyModule(wasmModule, { loadAsync: false });
    return _Language.loadFromWasmExports(mod, { sync: true });
  }
};

// lib/web-tree-sitter.mjs
async function Module2(moduleArg = {}) {
  var moduleRtn;
  var Module = moduleArg;
  var ENVIRONMENT_IS_WEB = typeof window == "object";
  var ENVIRONMENT_IS_WORKER = typeof WorkerGlobalScope != "undefined";
  var ENVIRONMENT_IS_NODE = typeof process == "object" && process.versions?.node && process.type != "renderer";
  if (ENVIRONMENT_IS_NODE) {
    const { createRequire } = await import('module');
    var require = createRequire(import.meta.url);
  }
  Module.currentQueryProgressCallback = null;
  Module.currentProgressCallback = null;
  Module.currentLogCallback = null;
  Module.currentParseCallback = null;
  var arguments_ = [];
  var thisProgram = "./this.program";
  var quit_ = /* @__PURE__ */ __name((status, toThrow) => {
    throw toThrow;
  }, "quit_");
  var _scriptName = import.meta.url;
  var scriptDirectory = "";
  function locateFile(path) {
    if (Module["locateFile"]) {
      return Module["locateFile"](path, scriptDirectory);
    }
    return scriptDirectory + path;
  }
  __name(locateFile, "locateFile");
  var readAsync, readBinary;
  if (ENVIRONMENT_IS_NODE) {
    var fs = require("fs");
    if (_scriptName.startsWith("file:")) {
      scriptDirectory = require("path").dirname(require("url").fileURLToPath(_scriptName)) + "/";
    }
    readBinary = /* @__PURE__ */ __name((filename) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename);
      return ret;
    }, "readBinary");
    readAsync = /* @__PURE__ */ __name(async (filename, binary2 = true) => {
      filename = isFileURI(filename) ? new URL(filename) : filename;
      var ret = fs.readFileSync(filename, binary2 ? void 0 : "utf8");
      return ret;
    }, "readAsync");
    if (process.argv.length > 1) {
      thisProgram = process.argv[1].replace(/\\/g, "/");
    }
    arguments_ = process.argv.slice(2);
    quit_ = /* @__PURE__ */ __name((status, toThrow) => {
      process.exitCode = status;
      throw toThrow;
    }, "quit_");
  } else if (ENVIRONMENT_IS_WEB || ENVIRONMENT_IS_WORKER) {
    try {
      scriptDirectory = new URL(".", _scriptName).href;
    } catch {
    }
    {
      if (ENVIRONMENT_IS_WORKER) {
        readBinary = /* @__PURE__ */ __name((url) => {
          var xhr = new XMLHttpRequest();
          xhr.open("GET", url, false);
          xhr.responseType = "arraybuffer";
          xhr.send(null);
          return new Uint8Array(
            /** @type{!ArrayBuffer} */
            xhr.response
          );
        }, "readBinary");
      }
      readAsync = /* @__PURE__ */ __name(async (url) => {
        if (isFileURI(url)) {
          return new Promise((resolve, reject) => {
            var xhr = new XMLHttpRequest();
            xhr.open("GET", url, true);
            xhr.responseType = "arraybuffer";
            xhr.onload = () => {
              if (xhr.status == 200 || xhr.status == 0 && xhr.response) {
                resolve(xhr.response);
                return;
              }
              reject(xhr.status);
            };
            xhr.onerror = reject;
            xhr.send(null);
          });
        }
        var response = await fetch(url, {
          credentials: "same-origin"
        });
        if (response.ok) {
          return response.arrayBuffer();
        }
        throw new Error(response.status + " : " + response.url);
      }, "readAsync");
    }
  } else ;
  var out = console.log.bind(console);
  var err = console.error.bind(console);
  var dynamicLibraries = [];
  var wasmBinary;
  var ABORT = false;
  var EXITSTATUS;
  var isFileURI = /* @__PURE__ */ __name((filename) => filename.startsWith("file://"), "isFileURI");
  var readyPromiseResolve, readyPromiseReject;
  var wasmMemory;
  var HEAP8, HEAPU8, HEAPU16, HEAPU32;
  var HEAP_DATA_VIEW;
  var runtimeInitialized = false;
  function updateMemoryViews() {
    var b = wasmMemory.buffer;
    Module["HEAP8"] = HEAP8 = new Int8Array(b);
    Module["HEAP16"] = new Int16Array(b);
    Module["HEAPU8"] = HEAPU8 = new Uint8Array(b);
    Module["HEAPU16"] = HEAPU16 = new Uint16Array(b);
    Module["HEAP32"] = new Int32Array(b);
    Module["HEAPU32"] = HEAPU32 = new Uint32Array(b);
    Module["HEAPF32"] = new Float32Array(b);
    Module["HEAPF64"] = new Float64Array(b);
    Module["HEAP64"] = new BigInt64Array(b);
    Module["HEAPU64"] = new BigUint64Array(b);
    Module["HEAP_DATA_VIEW"] = HEAP_DATA_VIEW = new DataView(b);
    LE_HEAP_UPDATE();
  }
  __name(updateMemoryViews, "updateMemoryViews");
  function initMemory() {
    if (Module["wasmMemory"]) {
      wasmMemory = Module["wasmMemory"];
    } else {
      var INITIAL_MEMORY = Module["INITIAL_MEMORY"] || 33554432;
      wasmMemory = new WebAssembly.Memory({
        "initial": INITIAL_MEMORY / 65536,
        // In theory we should not need to emit the maximum if we want "unlimited"
        // or 4GB of memory, but VMs error on that atm, see
        // https://github.com/emscripten-core/emscripten/issues/14130
        // And in the pthreads case we definitely need to emit a maximum. So
        // always emit one.
        "maximum": 32768
      });
    }
    updateMemoryViews();
  }
  __name(initMemory, "initMemory");
  var __RELOC_FUNCS__ = [];
  function preRun() {
    if (Module["preRun"]) {
      if (typeof Module["preRun"] == "function") Module["preRun"] = [Module["preRun"]];
      while (Module["preRun"].length) {
        addOnPreRun(Module["preRun"].shift());
      }
    }
    callRuntimeCallbacks(onPreRuns);
  }
  __name(preRun, "preRun");
  function initRuntime() {
    runtimeInitialized = true;
    callRuntimeCallbacks(__RELOC_FUNCS__);
    wasmExports["__wasm_call_ctors"]();
    callRuntimeCallbacks(onPostCtors);
  }
  __name(initRuntime, "initRuntime");
  function preMain() {
  }
  __name(preMain, "preMain");
  function postRun() {
    if (Module["postRun"]) {
      if (typeof Module["postRun"] == "function") Module["postRun"] = [Module["postRun"]];
      while (Module["postRun"].length) {
        addOnPostRun(Module["postRun"].shift());
      }
    }
    callRuntimeCallbacks(onPostRuns);
  }
  __name(postRun, "postRun");
  function abort(what) {
    Module["onAbort"]?.(what);
    what = "Aborted(" + what + ")";
    err(what);
    ABORT = true;
    what += ". Build with -sASSERTIONS for more info.";
    var e = new WebAssembly.RuntimeError(what);
    readyPromiseReject?.(e);
    throw e;
  }
  __name(abort, "abort");
  var wasmBinaryFile;
  function findWasmBinary() {
    if (Module["locateFile"]) {
      return locateFile("web-tree-sitter.wasm");
    }
    return new URL("web-tree-sitter.wasm", import.meta.url).href;
  }
  __name(findWasmBinary, "findWasmBinary");
  function getBinarySync(file) {
    if (file == wasmBinaryFile && wasmBinary) {
      return new Uint8Array(wasmBinary);
    }
    if (readBinary) {
      return readBinary(file);
    }
    throw "both async and sync fetching of the wasm failed";
  }
  __name(getBinarySync, "getBinarySync");
  async function getWasmBinary(binaryFile) {
    if (!wasmBinary) {
      try {
        var response = await readAsync(binaryFile);
        return new Uint8Array(response);
      } catch {
      }
    }
    return getBinarySync(binaryFile);
  }
  __name(getWasmBinary, "getWasmBinary");
  async function instantiateArrayBuffer(binaryFile, imports) {
    try {
      var binary2 = await getWasmBinary(binaryFile);
      var instance2 = await WebAssembly.instantiate(binary2, imports);
      return instance2;
    } catch (reason) {
      err(`failed to asynchronously prepare wasm: ${reason}`);
      abort(reason);
    }
  }
  __name(instantiateArrayBuffer, "instantiateArrayBuffer");
  async function instantiateAsync(binary2, binaryFile, imports) {
    if (!binary2 && !isFileURI(binaryFile) && !ENVIRONMENT_IS_NODE) {
      try {
        var response = fetch(binaryFile, {
          credentials: "same-origin"
        });
        var instantiationResult = await WebAssembly.instantiateStreaming(response, imports);
        return instantiationResult;
      } catch (reason) {
        err(`wasm streaming compile failed: ${reason}`);
        err("falling back to ArrayBuffer instantiation");
      }
    }
    return instantiateArrayBuffer(binaryFile, imports);
  }
  __name(instantiateAsync, "instantiateAsync");
  function getWasmImports() {
    return {
      "env": wasmImports,
      "wasi_snapshot_preview1": wasmImports,
      "GOT.mem": new Proxy(wasmImports, GOTHandler),
      "GOT.func": new Proxy(wasmImports, GOTHandler)
    };
  }
  __name(getWasmImports, "getWasmImports");
  async function createWasm() {
    function receiveInstance(instance2, module2) {
      wasmExports = instance2.exports;
      wasmExports = relocateExports(wasmExports, 1024);
      var metadata2 = getDylinkMetadata(module2);
      if (metadata2.neededDynlibs) {
        dynamicLibraries = metadata2.neededDynlibs.concat(dynamicLibraries);
      }
      mergeLibSymbols(wasmExports, "main");
      LDSO.init();
      loadDylibs();
      __RELOC_FUNCS__.push(wasmExports["__wasm_apply_data_relocs"]);
      assignWasmExports(wasmExports);
      return wasmExports;
    }
    __name(receiveInstance, "receiveInstance");
    function receiveInstantiationResult(result2) {
      return receiveInstance(result2["instance"], result2["module"]);
    }
    __name(receiveInstantiationResult, "receiveInstantiationResult");
    var info2 = getWasmImports();
    if (Module["instantiateWasm"]) {
      return new Promise((resolve, reject) => {
        Module["instantiateWasm"](info2, (mod, inst) => {
          resolve(receiveInstance(mod, inst));
        });
      });
    }
    wasmBinaryFile ??= findWasmBinary();
    var result = await instantiateAsync(wasmBinary, wasmBinaryFile, info2);
    var exports = receiveInstantiationResult(result);
    return exports;
  }
  __name(createWasm, "createWasm");
  class ExitStatus {
    static {
      __name(this, "ExitStatus");
    }
    name = "ExitStatus";
    constructor(status) {
      this.message = `Program terminated with exit(${status})`;
      this.status = status;
    }
  }
  var GOT = {};
  var currentModuleWeakSymbols = /* @__PURE__ */ new Set([]);
  var GOTHandler = {
    get(obj, symName) {
      var rtn = GOT[symName];
      if (!rtn) {
        rtn = GOT[symName] = new WebAssembly.Global({
          "value": "i32",
          "mutable": true
        });
      }
      if (!currentModuleWeakSymbols.has(symName)) {
        rtn.required = true;
      }
      return rtn;
    }
  };
  var LE_HEAP_LOAD_F32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat32(byteOffset, true), "LE_HEAP_LOAD_F32");
  var LE_HEAP_LOAD_F64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getFloat64(byteOffset, true), "LE_HEAP_LOAD_F64");
  var LE_HEAP_LOAD_I16 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt16(byteOffset, true), "LE_HEAP_LOAD_I16");
  var LE_HEAP_LOAD_I32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getInt32(byteOffset, true), "LE_HEAP_LOAD_I32");
  var LE_HEAP_LOAD_I64 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getBigInt64(byteOffset, true), "LE_HEAP_LOAD_I64");
  var LE_HEAP_LOAD_U32 = /* @__PURE__ */ __name((byteOffset) => HEAP_DATA_VIEW.getUint32(byteOffset, true), "LE_HEAP_LOAD_U32");
  var LE_HEAP_STORE_F32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat32(byteOffset, value, true), "LE_HEAP_STORE_F32");
  var LE_HEAP_STORE_F64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setFloat64(byteOffset, value, true), "LE_HEAP_STORE_F64");
  var LE_HEAP_STORE_I16 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt16(byteOffset, value, true), "LE_HEAP_STORE_I16");
  var LE_HEAP_STORE_I32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setInt32(byteOffset, value, true), "LE_HEAP_STORE_I32");
  var LE_HEAP_STORE_I64 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setBigInt64(byteOffset, value, true), "LE_HEAP_STORE_I64");
  var LE_HEAP_STORE_U32 = /* @__PURE__ */ __name((byteOffset, value) => HEAP_DATA_VIEW.setUint32(byteOffset, value, true), "LE_HEAP_STORE_U32");
  var callRuntimeCallbacks = /* @__PURE__ */ __name((callbacks) => {
    while (callbacks.length > 0) {
      callbacks.shift()(Module);
    }
  }, "callRuntimeCallbacks");
  var onPostRuns = [];
  var addOnPostRun = /* @__PURE__ */ __name((cb) => onPostRuns.push(cb), "addOnPostRun");
  var onPreRuns = [];
  var addOnPreRun = /* @__PURE__ */ __name((cb) => onPreRuns.push(cb), "addOnPreRun");
  var UTF8Decoder = typeof TextDecoder != "undefined" ? new TextDecoder() : void 0;
  var findStringEnd = /* @__PURE__ */ __name((heapOrArray, idx, maxBytesToRead, ignoreNul) => {
    var maxIdx = idx + maxBytesToRead;
    if (ignoreNul) return maxIdx;
    while (heapOrArray[idx] && !(idx >= maxIdx)) ++idx;
    return idx;
  }, "findStringEnd");
  var UTF8ArrayToString = /* @__PURE__ */ __name((heapOrArray, idx = 0, maxBytesToRead, ignoreNul) => {
    var endPtr = findStringEnd(heapOrArray, idx, maxBytesToRead, ignoreNul);
    if (endPtr - idx > 16 && heapOrArray.buffer && UTF8Decoder) {
      return UTF8Decoder.decode(heapOrArray.subarray(idx, endPtr));
    }
    var str = "";
    while (idx < endPtr) {
      var u0 = heapOrArray[idx++];
      if (!(u0 & 128)) {
        str += String.fromCharCode(u0);
        continue;
      }
      var u1 = heapOrArray[idx++] & 63;
      if ((u0 & 224) == 192) {
        str += String.fromCharCode((u0 & 31) << 6 | u1);
        continue;
      }
      var u2 = heapOrArray[idx++] & 63;
      if ((u0 & 240) == 224) {
        u0 = (u0 & 15) << 12 | u1 << 6 | u2;
      } else {
        u0 = (u0 & 7) << 18 | u1 << 12 | u2 << 6 | heapOrArray[idx++] & 63;
      }
      if (u0 < 65536) {
        str += String.fromCharCode(u0);
      } else {
        var ch = u0 - 65536;
        str += String.fromCharCode(55296 | ch >> 10, 56320 | ch & 1023);
      }
    }
    return str;
  }, "UTF8ArrayToString");
  var getDylinkMetadata = /* @__PURE__ */ __name((binary2) => {
    var offset = 0;
    var end = 0;
    function getU8() {
      return binary2[offset++];
    }
    __name(getU8, "getU8");
    function getLEB() {
      var ret = 0;
      var mul = 1;
      while (1) {
        var byte = binary2[offset++];
        ret += (byte & 127) * mul;
        mul *= 128;
        if (!(byte & 128)) break;
      }
      return ret;
    }
    __name(getLEB, "getLEB");
    function getString() {
      var len = getLEB();
      offset += len;
      return UTF8ArrayToString(binary2, offset - len, len);
    }
    __name(getString, "getString");
    function getStringList() {
      var count2 = getLEB();
      var rtn = [];
      while (count2--) rtn.push(getString());
      return rtn;
    }
    __name(getStringList, "getStringList");
    function failIf(condition, message) {
      if (condition) throw new Error(message);
    }
    __name(failIf, "failIf");
    if (binary2 instanceof WebAssembly.Module) {
      var dylinkSection = WebAssembly.Module.customSections(binary2, "dylink.0");
      failIf(dylinkSection.length === 0, "need dylink section");
      binary2 = new Uint8Array(dylinkSection[0]);
      end = binary2.length;
    } else {
      var int32View = new Uint32Array(new Uint8Array(binary2.subarray(0, 24)).buffer);
      var magicNumberFound = int32View[0] == 1836278016 || int32View[0] == 6386541;
      failIf(!magicNumberFound, "need to see wasm magic number");
      failIf(binary2[8] !== 0, "need the dylink section to be first");
      offset = 9;
      var section_size = getLEB();
      end = offset + section_size;
      var name2 = getString();
      failIf(name2 !== "dylink.0");
    }
    var customSection = {
      neededDynlibs: [],
      tlsExports: /* @__PURE__ */ new Set(),
      weakImports: /* @__PURE__ */ new Set(),
      runtimePaths: []
    };
    var WASM_DYLINK_MEM_INFO = 1;
    var WASM_DYLINK_NEEDED = 2;
    var WASM_DYLINK_EXPORT_INFO = 3;
    var WASM_DYLINK_IMPORT_INFO = 4;
    var WASM_DYLINK_RUNTIME_PATH = 5;
    var WASM_SYMBOL_TLS = 256;
    var WASM_SYMBOL_BINDING_MASK = 3;
    var WASM_SYMBOL_BINDING_WEAK = 1;
    while (offset < end) {
      var subsectionType = getU8();
      var subsectionSize = getLEB();
      if (subsectionType === WASM_DYLINK_MEM_INFO) {
        customSection.memorySize = getLEB();
        customSection.memoryAlign = getLEB();
        customSection.tableSize = getLEB();
        customSection.tableAlign = getLEB();
      } else if (subsectionType === WASM_DYLINK_NEEDED) {
        customSection.neededDynlibs = getStringList();
      } else if (subsectionType === WASM_DYLINK_EXPORT_INFO) {
        var count = getLEB();
        while (count--) {
          var symname = getString();
          var flags2 = getLEB();
          if (flags2 & WASM_SYMBOL_TLS) {
            customSection.tlsExports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_IMPORT_INFO) {
        var count = getLEB();
        while (count--) {
          getString();
          var symname = getString();
          var flags2 = getLEB();
          if ((flags2 & WASM_SYMBOL_BINDING_MASK) == WASM_SYMBOL_BINDING_WEAK) {
            customSection.weakImports.add(symname);
          }
        }
      } else if (subsectionType === WASM_DYLINK_RUNTIME_PATH) {
        customSection.runtimePaths = getStringList();
      } else {
        offset += subsectionSize;
      }
    }
    return customSection;
  }, "getDylinkMetadata");
  function getValue(ptr, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        return HEAP8[ptr];
      case "i8":
        return HEAP8[ptr];
      case "i16":
        return LE_HEAP_LOAD_I16((ptr >> 1) * 2);
      case "i32":
        return LE_HEAP_LOAD_I32((ptr >> 2) * 4);
      case "i64":
        return LE_HEAP_LOAD_I64((ptr >> 3) * 8);
      case "float":
        return LE_HEAP_LOAD_F32((ptr >> 2) * 4);
      case "double":
        return LE_HEAP_LOAD_F64((ptr >> 3) * 8);
      case "*":
        return LE_HEAP_LOAD_U32((ptr >> 2) * 4);
      default:
        abort(`invalid type for getValue: ${type}`);
    }
  }
  __name(getValue, "getValue");
  var newDSO = /* @__PURE__ */ __name((name2, handle2, syms) => {
    var dso = {
      refcount: Infinity,
      name: name2,
      exports: syms,
      global: true
    };
    LDSO.loadedLibsByName[name2] = dso;
    if (handle2 != void 0) {
      LDSO.loadedLibsByHandle[handle2] = dso;
    }
    return dso;
  }, "newDSO");
  var LDSO = {
    loadedLibsByName: {},
    loadedLibsByHandle: {},
    init() {
      newDSO("__main__", 0, wasmImports);
    }
  };
  var ___heap_base = 82240;
  var alignMemory = /* @__PURE__ */ __name((size, alignment) => Math.ceil(size / alignment) * alignment, "alignMemory");
  var getMemory = /* @__PURE__ */ __name((size) => {
    if (runtimeInitialized) {
      return _calloc(size, 1);
    }
    var ret = ___heap_base;
    var end = ret + alignMemory(size, 16);
    ___heap_base = end;
    GOT["__heap_base"].value = end;
    return ret;
  }, "getMemory");
  var isInternalSym = /* @__PURE__ */ __name((symName) => ["__cpp_exception", "__c_longjmp", "__wasm_apply_data_relocs", "__dso_handle", "__tls_size", "__tls_align", "__set_stack_limits", "_emscripten_tls_init", "__wasm_init_tls", "__wasm_call_ctors", "__start_em_asm", "__stop_em_asm", "__start_em_js", "__stop_em_js"].includes(symName) || symName.startsWith("__em_js__"), "isInternalSym");
  var uleb128EncodeWithLen = /* @__PURE__ */ __name((arr) => {
    const n = arr.length;
    return [n % 128 | 128, n >> 7, ...arr];
  }, "uleb128EncodeWithLen");
  var wasmTypeCodes = {
    "i": 127,
    // i32
    "p": 127,
    // i32
    "j": 126,
    // i64
    "f": 125,
    // f32
    "d": 124,
    // f64
    "e": 111
  };
  var generateTypePack = /* @__PURE__ */ __name((types) => uleb128EncodeWithLen(Array.from(types, (type) => {
    var code = wasmTypeCodes[type];
    return code;
  })), "generateTypePack");
  var convertJsFunctionToWasm = /* @__PURE__ */ __name((func2, sig) => {
    var bytes = Uint8Array.of(
      0,
      97,
      115,
      109,
      // magic ("\0asm")
      1,
      0,
      0,
      0,
      // version: 1
      1,
      ...uleb128EncodeWithLen([
        1,
        // count: 1
        96,
        // param types
        ...generateTypePack(sig.slice(1)),
        // return types (for now only supporting [] if `void` and single [T] otherwise)
        ...generateTypePack(sig[0] === "v" ? "" : sig[0])
      ]),
      // The rest of the module is static
      2,
      7,
      // import section
      // (import "e" "f" (func 0 (type 0)))
      1,
      1,
      101,
      1,
      102,
      0,
      0,
      7,
      5,
      // export section
      // (export "f" (func 0 (type 0)))
      1,
      1,
      102,
      0,
      0
    );
    var module2 = new WebAssembly.Module(bytes);
    var instance2 = new WebAssembly.Instance(module2, {
      "e": {
        "f": func2
      }
    });
    var wrappedFunc = instance2.exports["f"];
    return wrappedFunc;
  }, "convertJsFunctionToWasm");
  var wasmTableMirror = [];
  var wasmTable = new WebAssembly.Table({
    "initial": 31,
    "element": "anyfunc"
  });
  var getWasmTableEntry = /* @__PURE__ */ __name((funcPtr) => {
    var func2 = wasmTableMirror[funcPtr];
    if (!func2) {
      wasmTableMirror[funcPtr] = func2 = wasmTable.get(funcPtr);
    }
    return func2;
  }, "getWasmTableEntry");
  var updateTableMap = /* @__PURE__ */ __name((offset, count) => {
    if (functionsInTableMap) {
      for (var i2 = offset; i2 < offset + count; i2++) {
        var item = getWasmTableEntry(i2);
        if (item) {
          functionsInTableMap.set(item, i2);
        }
      }
    }
  }, "updateTableMap");
  var functionsInTableMap;
  var getFunctionAddress = /* @__PURE__ */ __name((func2) => {
    if (!functionsInTableMap) {
      functionsInTableMap = /* @__PURE__ */ new WeakMap();
      updateTableMap(0, wasmTable.length);
    }
    return functionsInTableMap.get(func2) || 0;
  }, "getFunctionAddress");
  var freeTableIndexes = [];
  var getEmptyTableSlot = /* @__PURE__ */ __name(() => {
    if (freeTableIndexes.length) {
      return freeTableIndexes.pop();
    }
    return wasmTable["grow"](1);
  }, "getEmptyTableSlot");
  var setWasmTableEntry = /* @__PURE__ */ __name((idx, func2) => {
    wasmTable.set(idx, func2);
    wasmTableMirror[idx] = wasmTable.get(idx);
  }, "setWasmTableEntry");
  var addFunction = /* @__PURE__ */ __name((func2, sig) => {
    var rtn = getFunctionAddress(func2);
    if (rtn) {
      return rtn;
    }
    var ret = getEmptyTableSlot();
    try {
      setWasmTableEntry(ret, func2);
    } catch (err2) {
      if (!(err2 instanceof TypeError)) {
        throw err2;
      }
      var wrapped = convertJsFunctionToWasm(func2, sig);
      setWasmTableEntry(ret, wrapped);
    }
    functionsInTableMap.set(func2, ret);
    return ret;
  }, "addFunction");
  var updateGOT = /* @__PURE__ */ __name((exports, replace) => {
    for (var symName in exports) {
      if (isInternalSym(symName)) {
        continue;
      }
      var value = exports[symName];
      GOT[symName] ||= new WebAssembly.Global({
        "value": "i32",
        "mutable": true
      });
      if (replace || GOT[symName].value == 0) {
        if (typeof value == "function") {
          GOT[symName].value = addFunction(value);
        } else if (typeof value == "number") {
          GOT[symName].value = value;
        } else {
          err(`unhandled export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "updateGOT");
  var relocateExports = /* @__PURE__ */ __name((exports, memoryBase2, replace) => {
    var relocated = {};
    for (var e in exports) {
      var value = exports[e];
      if (typeof value == "object") {
        value = value.value;
      }
      if (typeof value == "number") {
        value += memoryBase2;
      }
      relocated[e] = value;
    }
    updateGOT(relocated, replace);
    return relocated;
  }, "relocateExports");
  var isSymbolDefined = /* @__PURE__ */ __name((symName) => {
    var existing = wasmImports[symName];
    if (!existing || existing.stub) {
      return false;
    }
    return true;
  }, "isSymbolDefined");
  var dynCall = /* @__PURE__ */ __name((sig, ptr, args2 = [], promising = false) => {
    var func2 = getWasmTableEntry(ptr);
    var rtn = func2(...args2);
    function convert(rtn2) {
      return rtn2;
    }
    __name(convert, "convert");
    return convert(rtn);
  }, "dynCall");
  var stackSave = /* @__PURE__ */ __name(() => _emscripten_stack_get_current(), "stackSave");
  var stackRestore = /* @__PURE__ */ __name((val) => __emscripten_stack_restore(val), "stackRestore");
  var createInvokeFunction = /* @__PURE__ */ __name((sig) => (ptr, ...args2) => {
    var sp = stackSave();
    try {
      return dynCall(sig, ptr, args2);
    } catch (e) {
      stackRestore(sp);
      if (e !== e + 0) throw e;
      _setThrew(1, 0);
      if (sig[0] == "j") return 0n;
    }
  }, "createInvokeFunction");
  var resolveGlobalSymbol = /* @__PURE__ */ __name((symName, direct = false) => {
    var sym;
    if (isSymbolDefined(symName)) {
      sym = wasmImports[symName];
    } else if (symName.startsWith("invoke_")) {
      sym = wasmImports[symName] = createInvokeFunction(symName.split("_")[1]);
    }
    return {
      sym,
      name: symName
    };
  }, "resolveGlobalSymbol");
  var onPostCtors = [];
  var addOnPostCtor = /* @__PURE__ */ __name((cb) => onPostCtors.push(cb), "addOnPostCtor");
  var UTF8ToString = /* @__PURE__ */ __name((ptr, maxBytesToRead, ignoreNul) => ptr ? UTF8ArrayToString(HEAPU8, ptr, maxBytesToRead, ignoreNul) : "", "UTF8ToString");
  var loadWebAssemblyModule = /* @__PURE__ */ __name((binary, flags, libName, localScope, handle) => {
    var metadata = getDylinkMetadata(binary);
    function loadModule() {
      var memAlign = Math.pow(2, metadata.memoryAlign);
      var memoryBase = metadata.memorySize ? alignMemory(getMemory(metadata.memorySize + memAlign), memAlign) : 0;
      var tableBase = metadata.tableSize ? wasmTable.length : 0;
      if (handle) {
        HEAP8[handle + 8] = 1;
        LE_HEAP_STORE_U32((handle + 12 >> 2) * 4, memoryBase);
        LE_HEAP_STORE_I32((handle + 16 >> 2) * 4, metadata.memorySize);
        LE_HEAP_STORE_U32((handle + 20 >> 2) * 4, tableBase);
        LE_HEAP_STORE_I32((handle + 24 >> 2) * 4, metadata.tableSize);
      }
      if (metadata.tableSize) {
        wasmTable.grow(metadata.tableSize);
      }
      var moduleExports;
      function resolveSymbol(sym) {
        var resolved = resolveGlobalSymbol(sym).sym;
        if (!resolved && localScope) {
          resolved = localScope[sym];
        }
        if (!resolved) {
          resolved = moduleExports[sym];
        }
        return resolved;
      }
      __name(resolveSymbol, "resolveSymbol");
      var proxyHandler = {
        get(stubs, prop) {
          switch (prop) {
            case "__memory_base":
              return memoryBase;
            case "__table_base":
              return tableBase;
          }
          if (prop in wasmImports && !wasmImports[prop].stub) {
            var res = wasmImports[prop];
            return res;
          }
          if (!(prop in stubs)) {
            var resolved;
            stubs[prop] = (...args2) => {
              resolved ||= resolveSymbol(prop);
              return resolved(...args2);
            };
          }
          return stubs[prop];
        }
      };
      var proxy = new Proxy({}, proxyHandler);
      currentModuleWeakSymbols = metadata.weakImports;
      var info = {
        "GOT.mem": new Proxy({}, GOTHandler),
        "GOT.func": new Proxy({}, GOTHandler),
        "env": proxy,
        "wasi_snapshot_preview1": proxy
      };
      function postInstantiation(module, instance) {
        updateTableMap(tableBase, metadata.tableSize);
        moduleExports = relocateExports(instance.exports, memoryBase);
        if (!flags.allowUndefined) {
          reportUndefinedSymbols();
        }
        function addEmAsm(addr, body) {
          var args = [];
          var arity = 0;
          for (; arity < 16; arity++) {
            if (body.indexOf("$" + arity) != -1) {
              args.push("$" + arity);
            } else {
              break;
            }
          }
          args = args.join(",");
          var func = `(${args}) => { ${body} };`;
          eval(func);
        }
        __name(addEmAsm, "addEmAsm");
        if ("__start_em_asm" in moduleExports) {
          var start = moduleExports["__start_em_asm"];
          var stop = moduleExports["__stop_em_asm"];
          while (start < stop) {
            var jsString = UTF8ToString(start);
            addEmAsm(start, jsString);
            start = HEAPU8.indexOf(0, start) + 1;
          }
        }
        function addEmJs(name, cSig, body) {
          var jsArgs = [];
          cSig = cSig.slice(1, -1);
          if (cSig != "void") {
            cSig = cSig.split(",");
            for (var i in cSig) {
              var jsArg = cSig[i].split(" ").pop();
              jsArgs.push(jsArg.replace("*", ""));
            }
          }
          var func = `(${jsArgs}) => ${body};`;
          moduleExports[name] = eval(func);
        }
        __name(addEmJs, "addEmJs");
        for (var name in moduleExports) {
          if (name.startsWith("__em_js__")) {
            var start = moduleExports[name];
            var jsString = UTF8ToString(start);
            var parts = jsString.split("<::>");
            addEmJs(name.replace("__em_js__", ""), parts[0], parts[1]);
            delete moduleExports[name];
          }
        }
        var applyRelocs = moduleExports["__wasm_apply_data_relocs"];
        if (applyRelocs) {
          if (runtimeInitialized) {
            applyRelocs();
          } else {
            __RELOC_FUNCS__.push(applyRelocs);
          }
        }
        var init = moduleExports["__wasm_call_ctors"];
        if (init) {
          if (runtimeInitialized) {
            init();
          } else {
            addOnPostCtor(init);
          }
        }
        return moduleExports;
      }
      __name(postInstantiation, "postInstantiation");
      if (flags.loadAsync) {
        return (async () => {
          var instance2;
          if (binary instanceof WebAssembly.Module) {
            instance2 = new WebAssembly.Instance(binary, info);
          } else {
            ({ module: binary, instance: instance2 } = await WebAssembly.instantiate(binary, info));
          }
          return postInstantiation(binary, instance2);
        })();
      }
      var module = binary instanceof WebAssembly.Module ? binary : new WebAssembly.Module(binary);
      var instance = new WebAssembly.Instance(module, info);
      return postInstantiation(module, instance);
    }
    __name(loadModule, "loadModule");
    flags = {
      ...flags,
      rpath: {
        parentLibPath: libName,
        paths: metadata.runtimePaths
      }
    };
    if (flags.loadAsync) {
      return metadata.neededDynlibs.reduce((chain, dynNeeded) => chain.then(() => loadDynamicLibrary(dynNeeded, flags, localScope)), Promise.resolve()).then(loadModule);
    }
    metadata.neededDynlibs.forEach((needed) => loadDynamicLibrary(needed, flags, localScope));
    return loadModule();
  }, "loadWebAssemblyModule");
  var mergeLibSymbols = /* @__PURE__ */ __name((exports, libName2) => {
    for (var [sym, exp] of Object.entries(exports)) {
      const setImport = /* @__PURE__ */ __name((target) => {
        if (!isSymbolDefined(target)) {
          wasmImports[target] = exp;
        }
      }, "setImport");
      setImport(sym);
      const main_alias = "__main_argc_argv";
      if (sym == "main") {
        setImport(main_alias);
      }
      if (sym == main_alias) {
        setImport("main");
      }
    }
  }, "mergeLibSymbols");
  var asyncLoad = /* @__PURE__ */ __name(async (url) => {
    var arrayBuffer = await readAsync(url);
    return new Uint8Array(arrayBuffer);
  }, "asyncLoad");
  function loadDynamicLibrary(libName2, flags2 = {
    global: true,
    nodelete: true
  }, localScope2, handle2) {
    var dso = LDSO.loadedLibsByName[libName2];
    if (dso) {
      if (!flags2.global) {
        if (localScope2) {
          Object.assign(localScope2, dso.exports);
        }
      } else if (!dso.global) {
        dso.global = true;
        mergeLibSymbols(dso.exports, libName2);
      }
      if (flags2.nodelete && dso.refcount !== Infinity) {
        dso.refcount = Infinity;
      }
      dso.refcount++;
      if (handle2) {
        LDSO.loadedLibsByHandle[handle2] = dso;
      }
      return flags2.loadAsync ? Promise.resolve(true) : true;
    }
    dso = newDSO(libName2, handle2, "loading");
    dso.refcount = flags2.nodelete ? Infinity : 1;
    dso.global = flags2.global;
    function loadLibData() {
      if (handle2) {
        var data = LE_HEAP_LOAD_U32((handle2 + 28 >> 2) * 4);
        var dataSize = LE_HEAP_LOAD_U32((handle2 + 32 >> 2) * 4);
        if (data && dataSize) {
          var libData = HEAP8.slice(data, data + dataSize);
          return flags2.loadAsync ? Promise.resolve(libData) : libData;
        }
      }
      var libFile = locateFile(libName2);
      if (flags2.loadAsync) {
        return asyncLoad(libFile);
      }
      if (!readBinary) {
        throw new Error(`${libFile}: file not found, and synchronous loading of external files is not available`);
      }
      return readBinary(libFile);
    }
    __name(loadLibData, "loadLibData");
    function getExports() {
      if (flags2.loadAsync) {
        return loadLibData().then((libData) => loadWebAssemblyModule(libData, flags2, libName2, localScope2, handle2));
      }
      return loadWebAssemblyModule(loadLibData(), flags2, libName2, localScope2, handle2);
    }
    __name(getExports, "getExports");
    function moduleLoaded(exports) {
      if (dso.global) {
        mergeLibSymbols(exports, libName2);
      } else if (localScope2) {
        Object.assign(localScope2, exports);
      }
      dso.exports = exports;
    }
    __name(moduleLoaded, "moduleLoaded");
    if (flags2.loadAsync) {
      return getExports().then((exports) => {
        moduleLoaded(exports);
        return true;
      });
    }
    moduleLoaded(getExports());
    return true;
  }
  __name(loadDynamicLibrary, "loadDynamicLibrary");
  var reportUndefinedSymbols = /* @__PURE__ */ __name(() => {
    for (var [symName, entry] of Object.entries(GOT)) {
      if (entry.value == 0) {
        var value = resolveGlobalSymbol(symName, true).sym;
        if (!value && !entry.required) {
          continue;
        }
        if (typeof value == "function") {
          entry.value = addFunction(value, value.sig);
        } else if (typeof value == "number") {
          entry.value = value;
        } else {
          throw new Error(`bad export type for '${symName}': ${typeof value}`);
        }
      }
    }
  }, "reportUndefinedSymbols");
  var runDependencies = 0;
  var dependenciesFulfilled = null;
  var removeRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies--;
    Module["monitorRunDependencies"]?.(runDependencies);
    if (runDependencies == 0) {
      if (dependenciesFulfilled) {
        var callback = dependenciesFulfilled;
        dependenciesFulfilled = null;
        callback();
      }
    }
  }, "removeRunDependency");
  var addRunDependency = /* @__PURE__ */ __name((id) => {
    runDependencies++;
    Module["monitorRunDependencies"]?.(runDependencies);
  }, "addRunDependency");
  var loadDylibs = /* @__PURE__ */ __name(async () => {
    if (!dynamicLibraries.length) {
      reportUndefinedSymbols();
      return;
    }
    addRunDependency("loadDylibs");
    for (var lib of dynamicLibraries) {
      await loadDynamicLibrary(lib, {
        loadAsync: true,
        global: true,
        nodelete: true,
        allowUndefined: true
      });
    }
    reportUndefinedSymbols();
    removeRunDependency("loadDylibs");
  }, "loadDylibs");
  var noExitRuntime = true;
  function setValue(ptr, value, type = "i8") {
    if (type.endsWith("*")) type = "*";
    switch (type) {
      case "i1":
        HEAP8[ptr] = value;
        break;
      case "i8":
        HEAP8[ptr] = value;
        break;
      case "i16":
        LE_HEAP_STORE_I16((ptr >> 1) * 2, value);
        break;
      case "i32":
        LE_HEAP_STORE_I32((ptr >> 2) * 4, value);
        break;
      case "i64":
        LE_HEAP_STORE_I64((ptr >> 3) * 8, BigInt(value));
        break;
      case "float":
        LE_HEAP_STORE_F32((ptr >> 2) * 4, value);
        break;
      case "double":
        LE_HEAP_STORE_F64((ptr >> 3) * 8, value);
        break;
      case "*":
        LE_HEAP_STORE_U32((ptr >> 2) * 4, value);
        break;
      default:
        abort(`invalid type for setValue: ${type}`);
    }
  }
  __name(setValue, "setValue");
  var ___memory_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1024);
  var ___stack_high = 82240;
  var ___stack_low = 16704;
  var ___stack_pointer = new WebAssembly.Global({
    "value": "i32",
    "mutable": true
  }, 82240);
  var ___table_base = new WebAssembly.Global({
    "value": "i32",
    "mutable": false
  }, 1);
  var __abort_js = /* @__PURE__ */ __name(() => abort(""), "__abort_js");
  __abort_js.sig = "v";
  var getHeapMax = /* @__PURE__ */ __name(() => (
    // Stay one Wasm page short of 4GB: while e.g. Chrome is able to allocate
    // full 4GB Wasm memories, the size will wrap back to 0 bytes in Wasm side
    // for any code that deals with heap sizes, which would require special
    // casing all heap size related code to treat 0 specially.
    2147483648
  ), "getHeapMax");
  var growMemory = /* @__PURE__ */ __name((size) => {
    var oldHeapSize = wasmMemory.buffer.byteLength;
    var pages = (size - oldHeapSize + 65535) / 65536 | 0;
    try {
      wasmMemory.grow(pages);
      updateMemoryViews();
      return 1;
    } catch (e) {
    }
  }, "growMemory");
  var _emscripten_resize_heap = /* @__PURE__ */ __name((requestedSize) => {
    var oldSize = HEAPU8.length;
    requestedSize >>>= 0;
    var maxHeapSize = getHeapMax();
    if (requestedSize > maxHeapSize) {
      return false;
    }
    for (var cutDown = 1; cutDown <= 4; cutDown *= 2) {
      var overGrownHeapSize = oldSize * (1 + 0.2 / cutDown);
      overGrownHeapSize = Math.min(overGrownHeapSize, requestedSize + 100663296);
      var newSize = Math.min(maxHeapSize, alignMemory(Math.max(requestedSize, overGrownHeapSize), 65536));
      var replacement = growMemory(newSize);
      if (replacement) {
        return true;
      }
    }
    return false;
  }, "_emscripten_resize_heap");
  _emscripten_resize_heap.sig = "ip";
  var _fd_close = /* @__PURE__ */ __name((fd) => 52, "_fd_close");
  _fd_close.sig = "ii";
  var INT53_MAX = 9007199254740992;
  var INT53_MIN = -9007199254740992;
  var bigintToI53Checked = /* @__PURE__ */ __name((num) => num < INT53_MIN || num > INT53_MAX ? NaN : Number(num), "bigintToI53Checked");
  function _fd_seek(fd, offset, whence, newOffset) {
    offset = bigintToI53Checked(offset);
    return 70;
  }
  __name(_fd_seek, "_fd_seek");
  _fd_seek.sig = "iijip";
  var printCharBuffers = [null, [], []];
  var printChar = /* @__PURE__ */ __name((stream, curr) => {
    var buffer = printCharBuffers[stream];
    if (curr === 0 || curr === 10) {
      (stream === 1 ? out : err)(UTF8ArrayToString(buffer));
      buffer.length = 0;
    } else {
      buffer.push(curr);
    }
  }, "printChar");
  var _fd_write = /* @__PURE__ */ __name((fd, iov, iovcnt, pnum) => {
    var num = 0;
    for (var i2 = 0; i2 < iovcnt; i2++) {
      var ptr = LE_HEAP_LOAD_U32((iov >> 2) * 4);
      var len = LE_HEAP_LOAD_U32((iov + 4 >> 2) * 4);
      iov += 8;
      for (var j = 0; j < len; j++) {
        printChar(fd, HEAPU8[ptr + j]);
      }
      num += len;
    }
    LE_HEAP_STORE_U32((pnum >> 2) * 4, num);
    return 0;
  }, "_fd_write");
  _fd_write.sig = "iippp";
  function _tree_sitter_log_callback(isLexMessage, messageAddress) {
    if (Module.currentLogCallback) {
      const message = UTF8ToString(messageAddress);
      Module.currentLogCallback(message, isLexMessage !== 0);
    }
  }
  __name(_tree_sitter_log_callback, "_tree_sitter_log_callback");
  function _tree_sitter_parse_callback(inputBufferAddress, index, row, column, lengthAddress) {
    const INPUT_BUFFER_SIZE = 10 * 1024;
    const string = Module.currentParseCallback(index, {
      row,
      column
    });
    if (typeof string === "string") {
      setValue(lengthAddress, string.length, "i32");
      stringToUTF16(string, inputBufferAddress, INPUT_BUFFER_SIZE);
    } else {
      setValue(lengthAddress, 0, "i32");
    }
  }
  __name(_tree_sitter_parse_callback, "_tree_sitter_parse_callback");
  function _tree_sitter_progress_callback(currentOffset, hasError) {
    if (Module.currentProgressCallback) {
      return Module.currentProgressCallback({
        currentOffset,
        hasError
      });
    }
    return false;
  }
  __name(_tree_sitter_progress_callback, "_tree_sitter_progress_callback");
  function _tree_sitter_query_progress_callback(currentOffset) {
    if (Module.currentQueryProgressCallback) {
      return Module.currentQueryProgressCallback({
        currentOffset
      });
    }
    return false;
  }
  __name(_tree_sitter_query_progress_callback, "_tree_sitter_query_progress_callback");
  var runtimeKeepaliveCounter = 0;
  var keepRuntimeAlive = /* @__PURE__ */ __name(() => noExitRuntime || runtimeKeepaliveCounter > 0, "keepRuntimeAlive");
  var _proc_exit = /* @__PURE__ */ __name((code) => {
    EXITSTATUS = code;
    if (!keepRuntimeAlive()) {
      Module["onExit"]?.(code);
      ABORT = true;
    }
    quit_(code, new ExitStatus(code));
  }, "_proc_exit");
  _proc_exit.sig = "vi";
  var exitJS = /* @__PURE__ */ __name((status, implicit) => {
    EXITSTATUS = status;
    _proc_exit(status);
  }, "exitJS");
  var handleException = /* @__PURE__ */ __name((e) => {
    if (e instanceof ExitStatus || e == "unwind") {
      return EXITSTATUS;
    }
    quit_(1, e);
  }, "handleException");
  var lengthBytesUTF8 = /* @__PURE__ */ __name((str) => {
    var len = 0;
    for (var i2 = 0; i2 < str.length; ++i2) {
      var c = str.charCodeAt(i2);
      if (c <= 127) {
        len++;
      } else if (c <= 2047) {
        len += 2;
      } else if (c >= 55296 && c <= 57343) {
        len += 4;
        ++i2;
      } else {
        len += 3;
      }
    }
    return len;
  }, "lengthBytesUTF8");
  var stringToUTF8Array = /* @__PURE__ */ __name((str, heap, outIdx, maxBytesToWrite) => {
    if (!(maxBytesToWrite > 0)) return 0;
    var startIdx = outIdx;
    var endIdx = outIdx + maxBytesToWrite - 1;
    for (var i2 = 0; i2 < str.length; ++i2) {
      var u = str.codePointAt(i2);
      if (u <= 127) {
        if (outIdx >= endIdx) break;
        heap[outIdx++] = u;
      } else if (u <= 2047) {
        if (outIdx + 1 >= endIdx) break;
        heap[outIdx++] = 192 | u >> 6;
        heap[outIdx++] = 128 | u & 63;
      } else if (u <= 65535) {
        if (outIdx + 2 >= endIdx) break;
        heap[outIdx++] = 224 | u >> 12;
        heap[outIdx++] = 128 | u >> 6 & 63;
        heap[outIdx++] = 128 | u & 63;
      } else {
        if (outIdx + 3 >= endIdx) break;
        heap[outIdx++] = 240 | u >> 18;
        heap[outIdx++] = 128 | u >> 12 & 63;
        heap[outIdx++] = 128 | u >> 6 & 63;
        heap[outIdx++] = 128 | u & 63;
        i2++;
      }
    }
    heap[outIdx] = 0;
    return outIdx - startIdx;
  }, "stringToUTF8Array");
  var stringToUTF8 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => stringToUTF8Array(str, HEAPU8, outPtr, maxBytesToWrite), "stringToUTF8");
  var stackAlloc = /* @__PURE__ */ __name((sz) => __emscripten_stack_alloc(sz), "stackAlloc");
  var stringToUTF8OnStack = /* @__PURE__ */ __name((str) => {
    var size = lengthBytesUTF8(str) + 1;
    var ret = stackAlloc(size);
    stringToUTF8(str, ret, size);
    return ret;
  }, "stringToUTF8OnStack");
  var AsciiToString = /* @__PURE__ */ __name((ptr) => {
    var str = "";
    while (1) {
      var ch = HEAPU8[ptr++];
      if (!ch) return str;
      str += String.fromCharCode(ch);
    }
  }, "AsciiToString");
  var stringToUTF16 = /* @__PURE__ */ __name((str, outPtr, maxBytesToWrite) => {
    maxBytesToWrite ??= 2147483647;
    if (maxBytesToWrite < 2) return 0;
    maxBytesToWrite -= 2;
    var startPtr = outPtr;
    var numCharsToWrite = maxBytesToWrite < str.length * 2 ? maxBytesToWrite / 2 : str.length;
    for (var i2 = 0; i2 < numCharsToWrite; ++i2) {
      var codeUnit = str.charCodeAt(i2);
      LE_HEAP_STORE_I16((outPtr >> 1) * 2, codeUnit);
      outPtr += 2;
    }
    LE_HEAP_STORE_I16((outPtr >> 1) * 2, 0);
    return outPtr - startPtr;
  }, "stringToUTF16");
  new Int8Array(new Int16Array([1]).buffer)[0] === 1 ? [
    /* little endian */
    ((x) => x),
    ((x) => x),
    void 0,
    ((x) => x)
  ] : [
    /* big endian */
    ((x) => x),
    ((x) => ((x & 65280) << 8 | (x & 255) << 24) >> 16),
    void 0,
    ((x) => x >> 24 & 255 | x >> 8 & 65280 | (x & 65280) << 8 | (x & 255) << 24)
  ];
  function LE_HEAP_UPDATE() {
    HEAPU16.unsigned = ((x) => x & 65535);
    HEAPU32.unsigned = ((x) => x >>> 0);
  }
  __name(LE_HEAP_UPDATE, "LE_HEAP_UPDATE");
  {
    initMemory();
    if (Module["noExitRuntime"]) noExitRuntime = Module["noExitRuntime"];
    if (Module["print"]) out = Module["print"];
    if (Module["printErr"]) err = Module["printErr"];
    if (Module["dynamicLibraries"]) dynamicLibraries = Module["dynamicLibraries"];
    if (Module["wasmBinary"]) wasmBinary = Module["wasmBinary"];
    if (Module["arguments"]) arguments_ = Module["arguments"];
    if (Module["thisProgram"]) thisProgram = Module["thisProgram"];
    if (Module["preInit"]) {
      if (typeof Module["preInit"] == "function") Module["preInit"] = [Module["preInit"]];
      while (Module["preInit"].length > 0) {
        Module["preInit"].shift()();
      }
    }
  }
  Module["setValue"] = setValue;
  Module["getValue"] = getValue;
  Module["UTF8ToString"] = UTF8ToString;
  Module["stringToUTF8"] = stringToUTF8;
  Module["lengthBytesUTF8"] = lengthBytesUTF8;
  Module["AsciiToString"] = AsciiToString;
  Module["stringToUTF16"] = stringToUTF16;
  Module["loadWebAssemblyModule"] = loadWebAssemblyModule;
  Module["LE_HEAP_STORE_I64"] = LE_HEAP_STORE_I64;
  var _calloc, _setThrew, __emscripten_stack_restore, __emscripten_stack_alloc, _emscripten_stack_get_current;
  function assignWasmExports(wasmExports2) {
    Module["_malloc"] = wasmExports2["malloc"];
    Module["_calloc"] = _calloc = wasmExports2["calloc"];
    Module["_realloc"] = wasmExports2["realloc"];
    Module["_free"] = wasmExports2["free"];
    Module["_ts_range_edit"] = wasmExports2["ts_range_edit"];
    Module["_memcmp"] = wasmExports2["memcmp"];
    Module["_ts_language_symbol_count"] = wasmExports2["ts_language_symbol_count"];
    Module["_ts_language_state_count"] = wasmExports2["ts_language_state_count"];
    Module["_ts_language_abi_version"] = wasmExports2["ts_language_abi_version"];
    Module["_ts_language_name"] = wasmExports2["ts_language_name"];
    Module["_ts_language_field_count"] = wasmExports2["ts_language_field_count"];
    Module["_ts_language_next_state"] = wasmExports2["ts_language_next_state"];
    Module["_ts_language_symbol_name"] = wasmExports2["ts_language_symbol_name"];
    Module["_ts_language_symbol_for_name"] = wasmExports2["ts_language_symbol_for_name"];
    Module["_strncmp"] = wasmExports2["strncmp"];
    Module["_ts_language_symbol_type"] = wasmExports2["ts_language_symbol_type"];
    Module["_ts_language_field_name_for_id"] = wasmExports2["ts_language_field_name_for_id"];
    Module["_ts_lookahead_iterator_new"] = wasmExports2["ts_lookahead_iterator_new"];
    Module["_ts_lookahead_iterator_delete"] = wasmExports2["ts_lookahead_iterator_delete"];
    Module["_ts_lookahead_iterator_reset_state"] = wasmExports2["ts_lookahead_iterator_reset_state"];
    Module["_ts_lookahead_iterator_reset"] = wasmExports2["ts_lookahead_iterator_reset"];
    Module["_ts_lookahead_iterator_next"] = wasmExports2["ts_lookahead_iterator_next"];
    Module["_ts_lookahead_iterator_current_symbol"] = wasmExports2["ts_lookahead_iterator_current_symbol"];
    Module["_ts_point_edit"] = wasmExports2["ts_point_edit"];
    Module["_ts_parser_delete"] = wasmExports2["ts_parser_delete"];
    Module["_ts_parser_reset"] = wasmExports2["ts_parser_reset"];
    Module["_ts_parser_set_language"] = wasmExports2["ts_parser_set_language"];
    Module["_ts_parser_set_included_ranges"] = wasmExports2["ts_parser_set_included_ranges"];
    Module["_ts_query_new"] = wasmExports2["ts_query_new"];
    Module["_ts_query_delete"] = wasmExports2["ts_query_delete"];
    Module["_iswspace"] = wasmExports2["iswspace"];
    Module["_iswalnum"] = wasmExports2["iswalnum"];
    Module["_ts_query_copy"] = wasmExports2["ts_query_copy"];
    Module["_ts_query_pattern_count"] = wasmExports2["ts_query_pattern_count"];
    Module["_ts_query_capture_count"] = wasmExports2["ts_query_capture_count"];
    Module["_ts_query_string_count"] = wasmExports2["ts_query_string_count"];
    Module["_ts_query_capture_name_for_id"] = wasmExports2["ts_query_capture_name_for_id"];
    Module["_ts_query_capture_quantifier_for_id"] = wasmExports2["ts_query_capture_quantifier_for_id"];
    Module["_ts_query_string_value_for_id"] = wasmExports2["ts_query_string_value_for_id"];
    Module["_ts_query_predicates_for_pattern"] = wasmExports2["ts_query_predicates_for_pattern"];
    Module["_ts_query_start_byte_for_pattern"] = wasmExports2["ts_query_start_byte_for_pattern"];
    Module["_ts_query_end_byte_for_pattern"] = wasmExports2["ts_query_end_byte_for_pattern"];
    Module["_ts_query_is_pattern_rooted"] = wasmExports2["ts_query_is_pattern_rooted"];
    Module["_ts_query_is_pattern_non_local"] = wasmExports2["ts_query_is_pattern_non_local"];
    Module["_ts_query_is_pattern_guaranteed_at_step"] = wasmExports2["ts_query_is_pattern_guaranteed_at_step"];
    Module["_ts_query_disable_capture"] = wasmExports2["ts_query_disable_capture"];
    Module["_ts_query_disable_pattern"] = wasmExports2["ts_query_disable_pattern"];
    Module["_ts_tree_copy"] = wasmExports2["ts_tree_copy"];
    Module["_ts_tree_delete"] = wasmExports2["ts_tree_delete"];
    Module["_ts_init"] = wasmExports2["ts_init"];
    Module["_ts_parser_new_wasm"] = wasmExports2["ts_parser_new_wasm"];
    Module["_ts_parser_enable_logger_wasm"] = wasmExports2["ts_parser_enable_logger_wasm"];
    Module["_ts_parser_parse_wasm"] = wasmExports2["ts_parser_parse_wasm"];
    Module["_ts_parser_included_ranges_wasm"] = wasmExports2["ts_parser_included_ranges_wasm"];
    Module["_ts_language_type_is_named_wasm"] = wasmExports2["ts_language_type_is_named_wasm"];
    Module["_ts_language_type_is_visible_wasm"] = wasmExports2["ts_language_type_is_visible_wasm"];
    Module["_ts_language_metadata_wasm"] = wasmExports2["ts_language_metadata_wasm"];
    Module["_ts_language_supertypes_wasm"] = wasmExports2["ts_language_supertypes_wasm"];
    Module["_ts_language_subtypes_wasm"] = wasmExports2["ts_language_subtypes_wasm"];
    Module["_ts_tree_root_node_wasm"] = wasmExports2["ts_tree_root_node_wasm"];
    Module["_ts_tree_root_node_with_offset_wasm"] = wasmExports2["ts_tree_root_node_with_offset_wasm"];
    Module["_ts_tree_edit_wasm"] = wasmExports2["ts_tree_edit_wasm"];
    Module["_ts_tree_included_ranges_wasm"] = wasmExports2["ts_tree_included_ranges_wasm"];
    Module["_ts_tree_get_changed_ranges_wasm"] = wasmExports2["ts_tree_get_changed_ranges_wasm"];
    Module["_ts_tree_cursor_new_wasm"] = wasmExports2["ts_tree_cursor_new_wasm"];
    Module["_ts_tree_cursor_copy_wasm"] = wasmExports2["ts_tree_cursor_copy_wasm"];
    Module["_ts_tree_cursor_delete_wasm"] = wasmExports2["ts_tree_cursor_delete_wasm"];
    Module["_ts_tree_cursor_reset_wasm"] = wasmExports2["ts_tree_cursor_reset_wasm"];
    Module["_ts_tree_cursor_reset_to_wasm"] = wasmExports2["ts_tree_cursor_reset_to_wasm"];
    Module["_ts_tree_cursor_goto_first_child_wasm"] = wasmExports2["ts_tree_cursor_goto_first_child_wasm"];
    Module["_ts_tree_cursor_goto_last_child_wasm"] = wasmExports2["ts_tree_cursor_goto_last_child_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_index_wasm"] = wasmExports2["ts_tree_cursor_goto_first_child_for_index_wasm"];
    Module["_ts_tree_cursor_goto_first_child_for_position_wasm"] = wasmExports2["ts_tree_cursor_goto_first_child_for_position_wasm"];
    Module["_ts_tree_cursor_goto_next_sibling_wasm"] = wasmExports2["ts_tree_cursor_goto_next_sibling_wasm"];
    Module["_ts_tree_cursor_goto_previous_sibling_wasm"] = wasmExports2["ts_tree_cursor_goto_previous_sibling_wasm"];
    Module["_ts_tree_cursor_goto_descendant_wasm"] = wasmExports2["ts_tree_cursor_goto_descendant_wasm"];
    Module["_ts_tree_cursor_goto_parent_wasm"] = wasmExports2["ts_tree_cursor_goto_parent_wasm"];
    Module["_ts_tree_cursor_current_node_type_id_wasm"] = wasmExports2["ts_tree_cursor_current_node_type_id_wasm"];
    Module["_ts_tree_cursor_current_node_state_id_wasm"] = wasmExports2["ts_tree_cursor_current_node_state_id_wasm"];
    Module["_ts_tree_cursor_current_node_is_named_wasm"] = wasmExports2["ts_tree_cursor_current_node_is_named_wasm"];
    Module["_ts_tree_cursor_current_node_is_missing_wasm"] = wasmExports2["ts_tree_cursor_current_node_is_missing_wasm"];
    Module["_ts_tree_cursor_current_node_id_wasm"] = wasmExports2["ts_tree_cursor_current_node_id_wasm"];
    Module["_ts_tree_cursor_start_position_wasm"] = wasmExports2["ts_tree_cursor_start_position_wasm"];
    Module["_ts_tree_cursor_end_position_wasm"] = wasmExports2["ts_tree_cursor_end_position_wasm"];
    Module["_ts_tree_cursor_start_index_wasm"] = wasmExports2["ts_tree_cursor_start_index_wasm"];
    Module["_ts_tree_cursor_end_index_wasm"] = wasmExports2["ts_tree_cursor_end_index_wasm"];
    Module["_ts_tree_cursor_current_field_id_wasm"] = wasmExports2["ts_tree_cursor_current_field_id_wasm"];
    Module["_ts_tree_cursor_current_depth_wasm"] = wasmExports2["ts_tree_cursor_current_depth_wasm"];
    Module["_ts_tree_cursor_current_descendant_index_wasm"] = wasmExports2["ts_tree_cursor_current_descendant_index_wasm"];
    Module["_ts_tree_cursor_current_node_wasm"] = wasmExports2["ts_tree_cursor_current_node_wasm"];
    Module["_ts_node_symbol_wasm"] = wasmExports2["ts_node_symbol_wasm"];
    Module["_ts_node_field_name_for_child_wasm"] = wasmExports2["ts_node_field_name_for_child_wasm"];
    Module["_ts_node_field_name_for_named_child_wasm"] = wasmExports2["ts_node_field_name_for_named_child_wasm"];
    Module["_ts_node_children_by_field_id_wasm"] = wasmExports2["ts_node_children_by_field_id_wasm"];
    Module["_ts_node_first_child_for_byte_wasm"] = wasmExports2["ts_node_first_child_for_byte_wasm"];
    Module["_ts_node_first_named_child_for_byte_wasm"] = wasmExports2["ts_node_first_named_child_for_byte_wasm"];
    Module["_ts_node_grammar_symbol_wasm"] = wasmExports2["ts_node_grammar_symbol_wasm"];
    Module["_ts_node_child_count_wasm"] = wasmExports2["ts_node_child_count_wasm"];
    Module["_ts_node_named_child_count_wasm"] = wasmExports2["ts_node_named_child_count_wasm"];
    Module["_ts_node_child_wasm"] = wasmExports2["ts_node_child_wasm"];
    Module["_ts_node_named_child_wasm"] = wasmExports2["ts_node_named_child_wasm"];
    Module["_ts_node_child_by_field_id_wasm"] = wasmExports2["ts_node_child_by_field_id_wasm"];
    Module["_ts_node_next_sibling_wasm"] = wasmExports2["ts_node_next_sibling_wasm"];
    Module["_ts_node_prev_sibling_wasm"] = wasmExports2["ts_node_prev_sibling_wasm"];
    Module["_ts_node_next_named_sibling_wasm"] = wasmExports2["ts_node_next_named_sibling_wasm"];
    Module["_ts_node_prev_named_sibling_wasm"] = wasmExports2["ts_node_prev_named_sibling_wasm"];
    Module["_ts_node_descendant_count_wasm"] = wasmExports2["ts_node_descendant_count_wasm"];
    Module["_ts_node_parent_wasm"] = wasmExports2["ts_node_parent_wasm"];
    Module["_ts_node_child_with_descendant_wasm"] = wasmExports2["ts_node_child_with_descendant_wasm"];
    Module["_ts_node_descendant_for_index_wasm"] = wasmExports2["ts_node_descendant_for_index_wasm"];
    Module["_ts_node_named_descendant_for_index_wasm"] = wasmExports2["ts_node_named_descendant_for_index_wasm"];
    Module["_ts_node_descendant_for_position_wasm"] = wasmExports2["ts_node_descendant_for_position_wasm"];
    Module["_ts_node_named_descendant_for_position_wasm"] = wasmExports2["ts_node_named_descendant_for_position_wasm"];
    Module["_ts_node_start_point_wasm"] = wasmExports2["ts_node_start_point_wasm"];
    Module["_ts_node_end_point_wasm"] = wasmExports2["ts_node_end_point_wasm"];
    Module["_ts_node_start_index_wasm"] = wasmExports2["ts_node_start_index_wasm"];
    Module["_ts_node_end_index_wasm"] = wasmExports2["ts_node_end_index_wasm"];
    Module["_ts_node_to_string_wasm"] = wasmExports2["ts_node_to_string_wasm"];
    Module["_ts_node_children_wasm"] = wasmExports2["ts_node_children_wasm"];
    Module["_ts_node_named_children_wasm"] = wasmExports2["ts_node_named_children_wasm"];
    Module["_ts_node_descendants_of_type_wasm"] = wasmExports2["ts_node_descendants_of_type_wasm"];
    Module["_ts_node_is_named_wasm"] = wasmExports2["ts_node_is_named_wasm"];
    Module["_ts_node_has_changes_wasm"] = wasmExports2["ts_node_has_changes_wasm"];
    Module["_ts_node_has_error_wasm"] = wasmExports2["ts_node_has_error_wasm"];
    Module["_ts_node_is_error_wasm"] = wasmExports2["ts_node_is_error_wasm"];
    Module["_ts_node_is_missing_wasm"] = wasmExports2["ts_node_is_missing_wasm"];
    Module["_ts_node_is_extra_wasm"] = wasmExports2["ts_node_is_extra_wasm"];
    Module["_ts_node_parse_state_wasm"] = wasmExports2["ts_node_parse_state_wasm"];
    Module["_ts_node_next_parse_state_wasm"] = wasmExports2["ts_node_next_parse_state_wasm"];
    Module["_ts_query_matches_wasm"] = wasmExports2["ts_query_matches_wasm"];
    Module["_ts_query_captures_wasm"] = wasmExports2["ts_query_captures_wasm"];
    Module["_memset"] = wasmExports2["memset"];
    Module["_memcpy"] = wasmExports2["memcpy"];
    Module["_memmove"] = wasmExports2["memmove"];
    Module["_iswalpha"] = wasmExports2["iswalpha"];
    Module["_iswblank"] = wasmExports2["iswblank"];
    Module["_iswdigit"] = wasmExports2["iswdigit"];
    Module["_iswlower"] = wasmExports2["iswlower"];
    Module["_iswpunct"] = wasmExports2["iswpunct"];
    Module["_iswupper"] = wasmExports2["iswupper"];
    Module["_iswxdigit"] = wasmExports2["iswxdigit"];
    Module["_memchr"] = wasmExports2["memchr"];
    Module["_strlen"] = wasmExports2["strlen"];
    Module["_strcmp"] = wasmExports2["strcmp"];
    Module["_strncat"] = wasmExports2["strncat"];
    Module["_strncpy"] = wasmExports2["strncpy"];
    Module["_towlower"] = wasmExports2["towlower"];
    Module["_towupper"] = wasmExports2["towupper"];
    _setThrew = wasmExports2["setThrew"];
    __emscripten_stack_restore = wasmExports2["_emscripten_stack_restore"];
    __emscripten_stack_alloc = wasmExports2["_emscripten_stack_alloc"];
    _emscripten_stack_get_current = wasmExports2["emscripten_stack_get_current"];
    wasmExports2["__wasm_apply_data_relocs"];
  }
  __name(assignWasmExports, "assignWasmExports");
  var wasmImports = {
    /** @export */
    __heap_base: ___heap_base,
    /** @export */
    __indirect_function_table: wasmTable,
    /** @export */
    __memory_base: ___memory_base,
    /** @export */
    __stack_high: ___stack_high,
    /** @export */
    __stack_low: ___stack_low,
    /** @export */
    __stack_pointer: ___stack_pointer,
    /** @export */
    __table_base: ___table_base,
    /** @export */
    _abort_js: __abort_js,
    /** @export */
    emscripten_resize_heap: _emscripten_resize_heap,
    /** @export */
    fd_close: _fd_close,
    /** @export */
    fd_seek: _fd_seek,
    /** @export */
    fd_write: _fd_write,
    /** @export */
    memory: wasmMemory,
    /** @export */
    tree_sitter_log_callback: _tree_sitter_log_callback,
    /** @export */
    tree_sitter_parse_callback: _tree_sitter_parse_callback,
    /** @export */
    tree_sitter_progress_callback: _tree_sitter_progress_callback,
    /** @export */
    tree_sitter_query_progress_callback: _tree_sitter_query_progress_callback
  };
  function callMain(args2 = []) {
    var entryFunction = resolveGlobalSymbol("main").sym;
    if (!entryFunction) return;
    args2.unshift(thisProgram);
    var argc = args2.length;
    var argv = stackAlloc((argc + 1) * 4);
    var argv_ptr = argv;
    args2.forEach((arg) => {
      LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, stringToUTF8OnStack(arg));
      argv_ptr += 4;
    });
    LE_HEAP_STORE_U32((argv_ptr >> 2) * 4, 0);
    try {
      var ret = entryFunction(argc, argv);
      exitJS(
        ret,
        /* implicit = */
        true
      );
      return ret;
    } catch (e) {
      return handleException(e);
    }
  }
  __name(callMain, "callMain");
  function run(args2 = arguments_) {
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    preRun();
    if (runDependencies > 0) {
      dependenciesFulfilled = run;
      return;
    }
    function doRun() {
      Module["calledRun"] = true;
      if (ABORT) return;
      initRuntime();
      readyPromiseResolve?.(Module);
      Module["onRuntimeInitialized"]?.();
      var noInitialRun = Module["noInitialRun"] || false;
      if (!noInitialRun) callMain(args2);
      postRun();
    }
    __name(doRun, "doRun");
    if (Module["setStatus"]) {
      Module["setStatus"]("Running...");
      setTimeout(() => {
        setTimeout(() => Module["setStatus"](""), 1);
        doRun();
      }, 1);
    } else {
      doRun();
    }
  }
  __name(run, "run");
  var wasmExports;
  wasmExports = await createWasm();
  run();
  if (runtimeInitialized) {
    moduleRtn = Module;
  } else {
    moduleRtn = new Promise((resolve, reject) => {
      readyPromiseResolve = resolve;
      readyPromiseReject = reject;
    });
  }
  return moduleRtn;
}
__name(Module2, "Module");
var web_tree_sitter_default = Module2;

// src/bindings.ts
var Module3 = null;
async function initializeBinding(moduleOptions) {
  return Module3 ??= await web_tree_sitter_default(moduleOptions);
}
__name(initializeBinding, "initializeBinding");
function checkModule() {
  return !!Module3;
}
__name(checkModule, "checkModule");

// src/parser.ts
var TRANSFER_BUFFER;
var LANGUAGE_VERSION;
var MIN_COMPATIBLE_VERSION;
var finalizer4 = newFinalizer((addresses) => {
  C._ts_parser_delete(addresses[0]);
  C._free(addresses[1]);
});
var Parser = class {
  static {
    __name(this, "Parser");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  [1] = 0;
  // Internal handle for Wasm
  /** @internal */
  logCallback = null;
  /** The parser's current language. */
  language = null;
  /**
   * This must always be called before creating a Parser.
   *
   * You can optionally pass in options to configure the Wasm module, the most common
   * one being `locateFile` to help the module find the `.wasm` file.
   */
  static async init(moduleOptions) {
    setModule(await initializeBinding(moduleOptions));
    TRANSFER_BUFFER = C._ts_init();
    LANGUAGE_VERSION = C.getValue(TRANSFER_BUFFER, "i32");
    MIN_COMPATIBLE_VERSION = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /**
   * Create a new parser.
   */
  constructor() {
    this.initialize();
    finalizer4?.register(this, [this[0], this[1]], this);
  }
  /** @internal */
  initialize() {
    if (!checkModule()) {
      throw new Error("cannot construct a Parser before calling `init()`");
    }
    C._ts_parser_new_wasm();
    this[0] = C.getValue(TRANSFER_BUFFER, "i32");
    this[1] = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
  }
  /** Delete the parser, freeing its resources. */
  delete() {
    finalizer4?.unregister(this);
    C._ts_parser_delete(this[0]);
    C._free(this[1]);
    this[0] = 0;
    this[1] = 0;
  }
  /**
   * Set the language that the parser should use for parsing.
   *
   * If the language was not successfully assigned, an error will be thrown.
   * This happens if the language was generated with an incompatible
   * version of the Tree-sitter CLI. Check the language's version using
   * {@link Language#version} and compare it to this library's
   * {@link LANGUAGE_VERSION} and {@link MIN_COMPATIBLE_VERSION} constants.
   */
  setLanguage(language) {
    let address;
    if (!language) {
      address = 0;
      this.language = null;
    } else if (language.constructor === Language) {
      address = language[0];
      const version = C._ts_language_abi_version(address);
      if (version < MIN_COMPATIBLE_VERSION || LANGUAGE_VERSION < version) {
        throw new Error(
          `Incompatible language version ${version}. Compatibility range ${MIN_COMPATIBLE_VERSION} through ${LANGUAGE_VERSION}.`
        );
      }
      this.language = language;
    } else {
      throw new Error("Argument must be a Language");
    }
    C._ts_parser_set_language(this[0], address);
    return this;
  }
  /**
   * Parse a slice of UTF8 text.
   *
   * @param {string | ParseCallback} callback - The UTF8-encoded text to parse or a callback function.
   *
   * @param {Tree | null} [oldTree] - A previous syntax tree parsed from the same document. If the text of the
   *   document has changed since `oldTree` was created, then you must edit `oldTree` to match
   *   the new text using {@link Tree#edit}.
   *
   * @param {ParseOptions} [options] - Options for parsing the text.
   *  This can be used to set the included ranges, or a progress callback.
   *
   * @returns {Tree | null} A {@link Tree} if parsing succeeded, or `null` if:
   *  - The parser has not yet had a language assigned with {@link Parser#setLanguage}.
   *  - The progress callback returned true.
   */
  parse(callback, oldTree, options) {
    if (typeof callback === "string") {
      C.currentParseCallback = (index) => callback.slice(index);
    } else if (typeof callback === "function") {
      C.currentParseCallback = callback;
    } else {
      throw new Error("Argument must be a string or a function");
    }
    if (options?.progressCallback) {
      C.currentProgressCallback = options.progressCallback;
    } else {
      C.currentProgressCallback = null;
    }
    if (this.logCallback) {
      C.currentLogCallback = this.logCallback;
      C._ts_parser_enable_logger_wasm(this[0], 1);
    } else {
      C.currentLogCallback = null;
      C._ts_parser_enable_logger_wasm(this[0], 0);
    }
    let rangeCount = 0;
    let rangeAddress = 0;
    if (options?.includedRanges) {
      rangeCount = options.includedRanges.length;
      rangeAddress = C._calloc(rangeCount, SIZE_OF_RANGE);
      let address = rangeAddress;
      for (let i2 = 0; i2 < rangeCount; i2++) {
        marshalRange(address, options.includedRanges[i2]);
        address += SIZE_OF_RANGE;
      }
    }
    const treeAddress = C._ts_parser_parse_wasm(
      this[0],
      this[1],
      oldTree ? oldTree[0] : 0,
      rangeAddress,
      rangeCount
    );
    if (!treeAddress) {
      C.currentParseCallback = null;
      C.currentLogCallback = null;
      C.currentProgressCallback = null;
      return null;
    }
    if (!this.language) {
      throw new Error("Parser must have a language to parse");
    }
    const result = new Tree(INTERNAL, treeAddress, this.language, C.currentParseCallback);
    C.currentParseCallback = null;
    C.currentLogCallback = null;
    C.currentProgressCallback = null;
    return result;
  }
  /**
   * Instruct the parser to start the next parse from the beginning.
   *
   * If the parser previously failed because of a callback, 
   * then by default, it will resume where it left off on the
   * next call to {@link Parser#parse} or other parsing functions.
   * If you don't want to resume, and instead intend to use this parser to
   * parse some other document, you must call `reset` first.
   */
  reset() {
    C._ts_parser_reset(this[0]);
  }
  /** Get the ranges of text that the parser will include when parsing. */
  getIncludedRanges() {
    C._ts_parser_included_ranges_wasm(this[0]);
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const buffer = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const result = new Array(count);
    if (count > 0) {
      let address = buffer;
      for (let i2 = 0; i2 < count; i2++) {
        result[i2] = unmarshalRange(address);
        address += SIZE_OF_RANGE;
      }
      C._free(buffer);
    }
    return result;
  }
  /** Set the logging callback that a parser should use during parsing. */
  setLogger(callback) {
    if (!callback) {
      this.logCallback = null;
    } else if (typeof callback !== "function") {
      throw new Error("Logger callback must be a function");
    } else {
      this.logCallback = callback;
    }
    return this;
  }
  /** Get the parser's current logger. */
  getLogger() {
    return this.logCallback;
  }
};

// src/query.ts
var PREDICATE_STEP_TYPE_CAPTURE = 1;
var PREDICATE_STEP_TYPE_STRING = 2;
var QUERY_WORD_REGEX = /[\w-]+/g;
var isCaptureStep = /* @__PURE__ */ __name((step) => step.type === "capture", "isCaptureStep");
var isStringStep = /* @__PURE__ */ __name((step) => step.type === "string", "isStringStep");
var QueryErrorKind = {
  Syntax: 1,
  NodeName: 2,
  FieldName: 3,
  CaptureName: 4,
  PatternStructure: 5
};
var QueryError = class _QueryError extends Error {
  constructor(kind, info2, index, length) {
    super(_QueryError.formatMessage(kind, info2));
    this.kind = kind;
    this.info = info2;
    this.index = index;
    this.length = length;
    this.name = "QueryError";
  }
  kind;
  info;
  index;
  length;
  static {
    __name(this, "QueryError");
  }
  /** Formats an error message based on the error kind and info */
  static formatMessage(kind, info2) {
    switch (kind) {
      case QueryErrorKind.NodeName:
        return `Bad node name '${info2.word}'`;
      case QueryErrorKind.FieldName:
        return `Bad field name '${info2.word}'`;
      case QueryErrorKind.CaptureName:
        return `Bad capture name @${info2.word}`;
      case QueryErrorKind.PatternStructure:
        return `Bad pattern structure at offset ${info2.suffix}`;
      case QueryErrorKind.Syntax:
        return `Bad syntax at offset ${info2.suffix}`;
    }
  }
};
function parseAnyPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}`
    );
  }
  if (!isCaptureStep(steps[1])) {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}"`
    );
  }
  const isPositive = operator === "eq?" || operator === "any-eq?";
  const matchAll = !operator.startsWith("any-");
  if (isCaptureStep(steps[2])) {
    const captureName1 = steps[1].name;
    const captureName2 = steps[2].name;
    textPredicates[index].push((captures) => {
      const nodes1 = [];
      const nodes2 = [];
      for (const c of captures) {
        if (c.name === captureName1) nodes1.push(c.node);
        if (c.name === captureName2) nodes2.push(c.node);
      }
      const compare = /* @__PURE__ */ __name((n1, n2, positive) => {
        return positive ? n1.text === n2.text : n1.text !== n2.text;
      }, "compare");
      return matchAll ? nodes1.every((n1) => nodes2.some((n2) => compare(n1, n2, isPositive))) : nodes1.some((n1) => nodes2.some((n2) => compare(n1, n2, isPositive)));
    });
  } else {
    const captureName = steps[1].name;
    const stringValue = steps[2].value;
    const matches = /* @__PURE__ */ __name((n) => n.text === stringValue, "matches");
    const doesNotMatch = /* @__PURE__ */ __name((n) => n.text !== stringValue, "doesNotMatch");
    textPredicates[index].push((captures) => {
      const nodes = [];
      for (const c of captures) {
        if (c.name === captureName) nodes.push(c.node);
      }
      const test = isPositive ? matches : doesNotMatch;
      return matchAll ? nodes.every(test) : nodes.some(test);
    });
  }
}
__name(parseAnyPredicate, "parseAnyPredicate");
function parseMatchPredicate(steps, index, operator, textPredicates) {
  if (steps.length !== 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 2, got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  if (steps[2].type !== "string") {
    throw new Error(
      `Second argument of \`#${operator}\` predicate must be a string. Got @${steps[2].name}.`
    );
  }
  const isPositive = operator === "match?" || operator === "any-match?";
  const matchAll = !operator.startsWith("any-");
  const captureName = steps[1].name;
  const regex = new RegExp(steps[2].value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    const test = /* @__PURE__ */ __name((text, positive) => {
      return positive ? regex.test(text) : !regex.test(text);
    }, "test");
    if (nodes.length === 0) return !isPositive;
    return matchAll ? nodes.every((text) => test(text, isPositive)) : nodes.some((text) => test(text, isPositive));
  });
}
__name(parseMatchPredicate, "parseMatchPredicate");
function parseAnyOfPredicate(steps, index, operator, textPredicates) {
  if (steps.length < 2) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected at least 1. Got ${steps.length - 1}.`
    );
  }
  if (steps[1].type !== "capture") {
    throw new Error(
      `First argument of \`#${operator}\` predicate must be a capture. Got "${steps[1].value}".`
    );
  }
  const isPositive = operator === "any-of?";
  const captureName = steps[1].name;
  const stringSteps = steps.slice(2);
  if (!stringSteps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const values = stringSteps.map((s) => s.value);
  textPredicates[index].push((captures) => {
    const nodes = [];
    for (const c of captures) {
      if (c.name === captureName) nodes.push(c.node.text);
    }
    if (nodes.length === 0) return !isPositive;
    return nodes.every((text) => values.includes(text)) === isPositive;
  });
}
__name(parseAnyOfPredicate, "parseAnyOfPredicate");
function parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(
      `Wrong number of arguments to \`#${operator}\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`
    );
  }
  if (!steps.every(isStringStep)) {
    throw new Error(
      `Arguments to \`#${operator}\` predicate must be strings.".`
    );
  }
  const properties = operator === "is?" ? assertedProperties : refutedProperties;
  if (!properties[index]) properties[index] = {};
  properties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseIsPredicate, "parseIsPredicate");
function parseSetDirective(steps, index, setProperties) {
  if (steps.length < 2 || steps.length > 3) {
    throw new Error(`Wrong number of arguments to \`#set!\` predicate. Expected 1 or 2. Got ${steps.length - 1}.`);
  }
  if (!steps.every(isStringStep)) {
    throw new Error(`Arguments to \`#set!\` predicate must be strings.".`);
  }
  if (!setProperties[index]) setProperties[index] = {};
  setProperties[index][steps[1].value] = steps[2]?.value ?? null;
}
__name(parseSetDirective, "parseSetDirective");
function parsePattern(index, stepType, stepValueId, captureNames, stringValues, steps, textPredicates, predicates, setProperties, assertedProperties, refutedProperties) {
  if (stepType === PREDICATE_STEP_TYPE_CAPTURE) {
    const name2 = captureNames[stepValueId];
    steps.push({ type: "capture", name: name2 });
  } else if (stepType === PREDICATE_STEP_TYPE_STRING) {
    steps.push({ type: "string", value: stringValues[stepValueId] });
  } else if (steps.length > 0) {
    if (steps[0].type !== "string") {
      throw new Error("Predicates must begin with a literal value");
    }
    const operator = steps[0].value;
    switch (operator) {
      case "any-not-eq?":
      case "not-eq?":
      case "any-eq?":
      case "eq?":
        parseAnyPredicate(steps, index, operator, textPredicates);
        break;
      case "any-not-match?":
      case "not-match?":
      case "any-match?":
      case "match?":
        parseMatchPredicate(steps, index, operator, textPredicates);
        break;
      case "not-any-of?":
      case "any-of?":
        parseAnyOfPredicate(steps, index, operator, textPredicates);
        break;
      case "is?":
      case "is-not?":
        parseIsPredicate(steps, index, operator, assertedProperties, refutedProperties);
        break;
      case "set!":
        parseSetDirective(steps, index, setProperties);
        break;
      default:
        predicates[index].push({ operator, operands: steps.slice(1) });
    }
    steps.length = 0;
  }
}
__name(parsePattern, "parsePattern");
var finalizer5 = newFinalizer((address) => {
  C._ts_query_delete(address);
});
(class {
  static {
    __name(this, "Query");
  }
  /** @internal */
  [0] = 0;
  // Internal handle for Wasm
  /** @internal */
  exceededMatchLimit;
  /** @internal */
  textPredicates;
  /** The names of the captures used in the query. */
  captureNames;
  /** The quantifiers of the captures used in the query. */
  captureQuantifiers;
  /**
   * The other user-defined predicates associated with the given index.
   *
   * This includes predicates with operators other than:
   * - `match?`
   * - `eq?` and `not-eq?`
   * - `any-of?` and `not-any-of?`
   * - `is?` and `is-not?`
   * - `set!`
   */
  predicates;
  /** The properties for predicates with the operator `set!`. */
  setProperties;
  /** The properties for predicates with the operator `is?`. */
  assertedProperties;
  /** The properties for predicates with the operator `is-not?`. */
  refutedProperties;
  /** The maximum number of in-progress matches for this cursor. */
  matchLimit;
  /**
   * Create a new query from a string containing one or more S-expression
   * patterns.
   *
   * The query is associated with a particular language, and can only be run
   * on syntax nodes parsed with that language. References to Queries can be
   * shared between multiple threads.
   *
   * @link {@see https://tree-sitter.github.io/tree-sitter/using-parsers/queries}
   */
  constructor(language, source) {
    const sourceLength = C.lengthBytesUTF8(source);
    const sourceAddress = C._malloc(sourceLength + 1);
    C.stringToUTF8(source, sourceAddress, sourceLength + 1);
    const address = C._ts_query_new(
      language[0],
      sourceAddress,
      sourceLength,
      TRANSFER_BUFFER,
      TRANSFER_BUFFER + SIZE_OF_INT
    );
    if (!address) {
      const errorId = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
      const errorByte = C.getValue(TRANSFER_BUFFER, "i32");
      const errorIndex = C.UTF8ToString(sourceAddress, errorByte).length;
      const suffix = source.slice(errorIndex, errorIndex + 100).split("\n")[0];
      const word = suffix.match(QUERY_WORD_REGEX)?.[0] ?? "";
      C._free(sourceAddress);
      switch (errorId) {
        case QueryErrorKind.Syntax:
          throw new QueryError(QueryErrorKind.Syntax, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
        case QueryErrorKind.NodeName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.FieldName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.CaptureName:
          throw new QueryError(errorId, { word }, errorIndex, word.length);
        case QueryErrorKind.PatternStructure:
          throw new QueryError(errorId, { suffix: `${errorIndex}: '${suffix}'...` }, errorIndex, 0);
      }
    }
    const stringCount = C._ts_query_string_count(address);
    const captureCount = C._ts_query_capture_count(address);
    const patternCount = C._ts_query_pattern_count(address);
    const captureNames = new Array(captureCount);
    const captureQuantifiers = new Array(patternCount);
    const stringValues = new Array(stringCount);
    for (let i2 = 0; i2 < captureCount; i2++) {
      const nameAddress = C._ts_query_capture_name_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      captureNames[i2] = C.UTF8ToString(nameAddress, nameLength);
    }
    for (let i2 = 0; i2 < patternCount; i2++) {
      const captureQuantifiersArray = new Array(captureCount);
      for (let j = 0; j < captureCount; j++) {
        const quantifier = C._ts_query_capture_quantifier_for_id(address, i2, j);
        captureQuantifiersArray[j] = quantifier;
      }
      captureQuantifiers[i2] = captureQuantifiersArray;
    }
    for (let i2 = 0; i2 < stringCount; i2++) {
      const valueAddress = C._ts_query_string_value_for_id(
        address,
        i2,
        TRANSFER_BUFFER
      );
      const nameLength = C.getValue(TRANSFER_BUFFER, "i32");
      stringValues[i2] = C.UTF8ToString(valueAddress, nameLength);
    }
    const setProperties = new Array(patternCount);
    const assertedProperties = new Array(patternCount);
    const refutedProperties = new Array(patternCount);
    const predicates = new Array(patternCount);
    const textPredicates = new Array(patternCount);
    for (let i2 = 0; i2 < patternCount; i2++) {
      const predicatesAddress = C._ts_query_predicates_for_pattern(address, i2, TRANSFER_BUFFER);
      const stepCount = C.getValue(TRANSFER_BUFFER, "i32");
      predicates[i2] = [];
      textPredicates[i2] = [];
      const steps = new Array();
      let stepAddress = predicatesAddress;
      for (let j = 0; j < stepCount; j++) {
        const stepType = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        const stepValueId = C.getValue(stepAddress, "i32");
        stepAddress += SIZE_OF_INT;
        parsePattern(
          i2,
          stepType,
          stepValueId,
          captureNames,
          stringValues,
          steps,
          textPredicates,
          predicates,
          setProperties,
          assertedProperties,
          refutedProperties
        );
      }
      Object.freeze(textPredicates[i2]);
      Object.freeze(predicates[i2]);
      Object.freeze(setProperties[i2]);
      Object.freeze(assertedProperties[i2]);
      Object.freeze(refutedProperties[i2]);
    }
    C._free(sourceAddress);
    this[0] = address;
    this.captureNames = captureNames;
    this.captureQuantifiers = captureQuantifiers;
    this.textPredicates = textPredicates;
    this.predicates = predicates;
    this.setProperties = setProperties;
    this.assertedProperties = assertedProperties;
    this.refutedProperties = refutedProperties;
    this.exceededMatchLimit = false;
    finalizer5?.register(this, address, this);
  }
  /** Delete the query, freeing its resources. */
  delete() {
    finalizer5?.unregister(this);
    C._ts_query_delete(this[0]);
    this[0] = 0;
  }
  /**
   * Iterate over all of the matches in the order that they were found.
   *
   * Each match contains the index of the pattern that matched, and a list of
   * captures. Because multiple patterns can match the same set of nodes,
   * one match may contain captures that appear *before* some of the
   * captures from a previous match.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  matches(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_matches_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const rawCount = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array(rawCount);
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    let filteredCount = 0;
    let address = startAddress;
    for (let i2 = 0; i2 < rawCount; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captures = new Array(captureCount);
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        result[filteredCount] = { patternIndex, captures };
        const setProperties = this.setProperties[patternIndex];
        result[filteredCount].setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        result[filteredCount].assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        result[filteredCount].refutedProperties = refutedProperties;
        filteredCount++;
      }
    }
    result.length = filteredCount;
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /**
   * Iterate over all of the individual captures in the order that they
   * appear.
   *
   * This is useful if you don't care about which pattern matched, and just
   * want a single, ordered sequence of captures.
   *
   * @param {Node} node - The node to execute the query on.
   *
   * @param {QueryOptions} options - Options for query execution.
   */
  captures(node, options = {}) {
    const startPosition = options.startPosition ?? ZERO_POINT;
    const endPosition = options.endPosition ?? ZERO_POINT;
    const startIndex = options.startIndex ?? 0;
    const endIndex = options.endIndex ?? 0;
    const startContainingPosition = options.startContainingPosition ?? ZERO_POINT;
    const endContainingPosition = options.endContainingPosition ?? ZERO_POINT;
    const startContainingIndex = options.startContainingIndex ?? 0;
    const endContainingIndex = options.endContainingIndex ?? 0;
    const matchLimit = options.matchLimit ?? 4294967295;
    const maxStartDepth = options.maxStartDepth ?? 4294967295;
    const progressCallback = options.progressCallback;
    if (typeof matchLimit !== "number") {
      throw new Error("Arguments must be numbers");
    }
    this.matchLimit = matchLimit;
    if (endIndex !== 0 && startIndex > endIndex) {
      throw new Error("`startIndex` cannot be greater than `endIndex`");
    }
    if (endPosition !== ZERO_POINT && (startPosition.row > endPosition.row || startPosition.row === endPosition.row && startPosition.column > endPosition.column)) {
      throw new Error("`startPosition` cannot be greater than `endPosition`");
    }
    if (endContainingIndex !== 0 && startContainingIndex > endContainingIndex) {
      throw new Error("`startContainingIndex` cannot be greater than `endContainingIndex`");
    }
    if (endContainingPosition !== ZERO_POINT && (startContainingPosition.row > endContainingPosition.row || startContainingPosition.row === endContainingPosition.row && startContainingPosition.column > endContainingPosition.column)) {
      throw new Error("`startContainingPosition` cannot be greater than `endContainingPosition`");
    }
    if (progressCallback) {
      C.currentQueryProgressCallback = progressCallback;
    }
    marshalNode(node);
    C._ts_query_captures_wasm(
      this[0],
      node.tree[0],
      startPosition.row,
      startPosition.column,
      endPosition.row,
      endPosition.column,
      startIndex,
      endIndex,
      startContainingPosition.row,
      startContainingPosition.column,
      endContainingPosition.row,
      endContainingPosition.column,
      startContainingIndex,
      endContainingIndex,
      matchLimit,
      maxStartDepth
    );
    const count = C.getValue(TRANSFER_BUFFER, "i32");
    const startAddress = C.getValue(TRANSFER_BUFFER + SIZE_OF_INT, "i32");
    const didExceedMatchLimit = C.getValue(TRANSFER_BUFFER + 2 * SIZE_OF_INT, "i32");
    const result = new Array();
    this.exceededMatchLimit = Boolean(didExceedMatchLimit);
    const captures = new Array();
    let address = startAddress;
    for (let i2 = 0; i2 < count; i2++) {
      const patternIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureCount = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      const captureIndex = C.getValue(address, "i32");
      address += SIZE_OF_INT;
      captures.length = captureCount;
      address = unmarshalCaptures(this, node.tree, address, patternIndex, captures);
      if (this.textPredicates[patternIndex].every((p) => p(captures))) {
        const capture = captures[captureIndex];
        const setProperties = this.setProperties[patternIndex];
        capture.setProperties = setProperties;
        const assertedProperties = this.assertedProperties[patternIndex];
        capture.assertedProperties = assertedProperties;
        const refutedProperties = this.refutedProperties[patternIndex];
        capture.refutedProperties = refutedProperties;
        result.push(capture);
      }
    }
    C._free(startAddress);
    C.currentQueryProgressCallback = null;
    return result;
  }
  /** Get the predicates for a given pattern. */
  predicatesForPattern(patternIndex) {
    return this.predicates[patternIndex];
  }
  /**
   * Disable a certain capture within a query.
   *
   * This prevents the capture from being returned in matches, and also
   * avoids any resource usage associated with recording the capture.
   */
  disableCapture(captureName) {
    const captureNameLength = C.lengthBytesUTF8(captureName);
    const captureNameAddress = C._malloc(captureNameLength + 1);
    C.stringToUTF8(captureName, captureNameAddress, captureNameLength + 1);
    C._ts_query_disable_capture(this[0], captureNameAddress, captureNameLength);
    C._free(captureNameAddress);
  }
  /**
   * Disable a certain pattern within a query.
   *
   * This prevents the pattern from matching, and also avoids any resource
   * usage associated with the pattern. This throws an error if the pattern
   * index is out of bounds.
   */
  disablePattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    C._ts_query_disable_pattern(this[0], patternIndex);
  }
  /**
   * Check if, on its last execution, this cursor exceeded its maximum number
   * of in-progress matches.
   */
  didExceedMatchLimit() {
    return this.exceededMatchLimit;
  }
  /** Get the byte offset where the given pattern starts in the query's source. */
  startIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C._ts_query_start_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the byte offset where the given pattern ends in the query's source. */
  endIndexForPattern(patternIndex) {
    if (patternIndex >= this.predicates.length) {
      throw new Error(
        `Pattern index is ${patternIndex} but the pattern count is ${this.predicates.length}`
      );
    }
    return C._ts_query_end_byte_for_pattern(this[0], patternIndex);
  }
  /** Get the number of patterns in the query. */
  patternCount() {
    return C._ts_query_pattern_count(this[0]);
  }
  /** Get the index for a given capture name. */
  captureIndexForName(captureName) {
    return this.captureNames.indexOf(captureName);
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternRooted(patternIndex) {
    return C._ts_query_is_pattern_rooted(this[0], patternIndex) === 1;
  }
  /** Check if a given pattern within a query has a single root node. */
  isPatternNonLocal(patternIndex) {
    return C._ts_query_is_pattern_non_local(this[0], patternIndex) === 1;
  }
  /**
   * Check if a given step in a query is 'definite'.
   *
   * A query step is 'definite' if its parent pattern will be guaranteed to
   * match successfully once it reaches the step.
   */
  isPatternGuaranteedAtStep(byteIndex) {
    return C._ts_query_is_pattern_guaranteed_at_step(this[0], byteIndex) === 1;
  }
});

/**
 * Reads a WebAssembly file shipped beside the running module (the rollup bundle copies them into
 * dist/), else from its npm package (running from sources, under Jest).
 */
function readWasm(fileName, packageName) {
    const beside = fileURLToPath(new URL(`./${fileName}`, import.meta.url));
    if (existsSync(beside))
        return readFileSync(beside);
    const require = createRequire(import.meta.url);
    return readFileSync(require.resolve(`${packageName}/${fileName}`));
}
let runtime;
/** Loads web-tree-sitter's runtime once per thread, for every grammar (Python, Bicep). */
function initTreeSitter() {
    runtime ??= Parser.init({ wasmBinary: readWasm('web-tree-sitter.wasm', 'web-tree-sitter') });
    return runtime;
}

let parserPromise$1;
/** One parser per thread, created on first use: loading the grammar costs ~30 ms. */
function getParser$1() {
    parserPromise$1 ??= (async () => {
        await initTreeSitter();
        const language = await Language.load(readWasm('tree-sitter-python.wasm', 'tree-sitter-python'));
        const parser = new Parser();
        parser.setLanguage(language);
        return parser;
    })();
    return parserPromise$1;
}
/**
 * Loads the Python grammar now rather than at the first parse: a worker calls it on start, so the
 * WebAssembly compilation overlaps discovery on the main thread.
 */
async function preparePython() {
    await getParser$1();
}
/**
 * Parses Python source. tree-sitter recovers from syntax errors (Python 2 files, templates), so
 * a tree with ERROR nodes is still analysed; only a parser failure is an error.
 * The caller must call `tree.delete()` when done: trees live in WebAssembly memory.
 */
async function parsePython(text) {
    const parser = await getParser$1();
    const tree = parser.parse(text);
    if (!tree)
        throw new Error('tree-sitter returned no tree');
    return { tree, root: tree.rootNode, text };
}

/**
 * The kind of a file from its name (the engine decides which files to read; this only names
 * what a file is). Case-insensitive for extensions; `Dockerfile`, `Containerfile`, `Procfile`,
 * `Makefile` and `GNUmakefile` also in lower case.
 */
function configKindOf(path) {
    const name = path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1);
    const lower = name.toLowerCase();
    const ext = lower.includes('.') ? lower.slice(lower.lastIndexOf('.') + 1) : '';
    if (lower === 'dockerfile' ||
        lower.startsWith('dockerfile.') ||
        lower === 'containerfile' ||
        lower.startsWith('containerfile.') ||
        ext === 'dockerfile') {
        return 'dockerfile';
    }
    if (lower === '.env' || lower.startsWith('.env.') || lower === '.flaskenv' || ext === 'env')
        return 'dotenv';
    if (lower === 'procfile' || lower.startsWith('procfile.'))
        return 'procfile';
    if (lower === 'makefile' || lower === 'gnumakefile' || ext === 'mk')
        return 'makefile';
    switch (ext) {
        case 'py':
            return 'python';
        case 'ini':
        case 'cfg':
            return 'ini';
        case 'toml':
            return 'toml';
        case 'yml':
        case 'yaml':
            return 'yaml';
        case 'json':
            return 'json';
        case 'sh':
        case 'bash':
            return 'shell';
        case 'properties':
            return 'properties';
        case 'bicep':
            return 'bicep';
        default:
            return undefined;
    }
}

/**
 * Files whose name does not say what they are, read by their first lines instead: a script
 * without extension (`docker/entrypoint`), environment files named for what they configure
 * (`docker/pgsql-env`, handed to compose as `env_file:`), a shell script saved as `.sql`, an
 * RabbitMQ-style `.conf` of `key = value` lines. Only names `configKindOf` leaves undecided are
 * looked at, so a file is never read as something other than its extension says.
 */
/** Extensions that say nothing decisive about the format (or nothing at all). */
const UNDECIDED_EXTENSIONS = new Set(['', 'sql', 'conf']);
function baseName(path) {
    return path.slice(path.replace(/\\/g, '/').lastIndexOf('/') + 1).toLowerCase();
}
function extensionOf(base) {
    const dot = base.lastIndexOf('.');
    return dot > 0 ? base.slice(dot + 1) : '';
}
/** `env`, `pgsql-env`, `app_env`, `prod.env.local`: named as an environment file. */
function envName(base) {
    return base === 'env' || /[-_]env$/.test(base) || /\.env\./.test(base);
}
/** Whether the kind of a file that `configKindOf` does not know may be decided by its text. */
function mayHaveKindByContent(path) {
    const base = baseName(path);
    if (base.startsWith('.'))
        return false; // dotfiles (.gitignore, .editorconfig) are tools' own formats
    return UNDECIDED_EXTENSIONS.has(extensionOf(base)) || envName(base);
}
/** `#!/bin/sh`, `#!/usr/bin/env bash`, `#!/bin/bash -e`: a POSIX-family shell. */
const SHELL_SHEBANG = /^#!\s*(?:\/usr)?\/bin\/(?:env\s+(?:-\S+\s+)*)?(?:ba|da|k|z|a)?sh(?:\s|$)/;
const ASSIGNMENT$1 = /^(export\s+)?[A-Za-z_][A-Za-z0-9_]*=/;
const EXPORT = /^export\s+[A-Za-z_][A-Za-z0-9_]*=/;
/** `key = value` with a plain (dotted) key, `[section]`: sysctl-style and INI-style lines. */
const INI_LINE = /^(?:\[[^\]\n]+\]|[A-Za-z0-9_][A-Za-z0-9_.-]*[ \t]*=.*)$/;
/** Lines that say something: neither blank nor a `#`/`;` comment. */
function meaningfulLines(text) {
    return text
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== '' && !l.startsWith('#') && !l.startsWith(';'));
}
/**
 * What a file's text says of its kind, for names `mayHaveKindByContent` accepts: the kind, if the
 * text settles it, and whether lines after these could still change the answer (`open`).
 *   - a shell shebang on the first line: shell;
 *   - a first statement `export NAME=...` (no SQL, INI or nginx statement starts so): shell;
 *   - an environment-file name whose every line is `NAME=value`: dotenv;
 *   - a `.conf` whose every line is `key = value` or `[section]`: INI (configparser's reading
 *     of sysctl-style files such as rabbitmq.conf and of supervisord's INI).
 * Anything else (licences, SQL, nginx configs) has no kind, and a line that breaks the form the
 * name needs closes the question.
 */
function readKind(path, text) {
    const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
    const firstLine = body.slice(0, body.indexOf('\n') >= 0 ? body.indexOf('\n') : body.length);
    if (SHELL_SHEBANG.test(firstLine))
        return { kind: 'shell', open: false };
    const lines = meaningfulLines(body);
    if (lines.length === 0)
        return { kind: undefined, open: true };
    if (EXPORT.test(lines[0]))
        return { kind: 'shell', open: false };
    const base = baseName(path);
    if (envName(base) && lines.every((l) => ASSIGNMENT$1.test(l)))
        return { kind: 'dotenv', open: true };
    if (extensionOf(base) === 'conf' && lines.every((l) => INI_LINE.test(l)))
        return { kind: lines.some((l) => !l.startsWith('[')) ? 'ini' : undefined, open: true };
    return { kind: undefined, open: false };
}
/** The kind of a file from its whole text; undefined when the text does not settle it (the file is not scanned). */
function kindByContent(path, text) {
    return readKind(path, text).kind;
}
/**
 * Whether the first lines of a file (`head`, whole lines only) already rule out every kind, so
 * the rest need not be read. A head with nothing meaningful in it rules nothing out.
 */
function ruledOutByHead(path, head) {
    const { kind, open } = readKind(path, head);
    return kind === undefined && !open;
}

const SNIFF_BYTES = 8000;
/**
 * Decodes UTF-8 (with or without BOM) and UTF-16 (with BOM). Python files may also declare
 * another encoding in their first two lines (PEP 263). Anything else is reported, not guessed.
 */
function decode(bytes, isPython) {
    if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe)
        return decodeWith('utf-16le', bytes.subarray(2));
    if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff)
        return decodeWith('utf-16be', bytes.subarray(2));
    const body = bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes;
    if (body.subarray(0, SNIFF_BYTES).includes(0))
        return { ok: false, reason: 'binary file (NUL byte)' };
    const utf8 = decodeWith('utf-8', body);
    if (utf8.ok || !isPython)
        return utf8.ok ? utf8 : { ok: false, reason: 'not valid UTF-8 or UTF-16 text' };
    const declared = pep263Encoding(body);
    if (declared) {
        const other = decodeWith(declared, body);
        if (other.ok)
            return other;
        return { ok: false, reason: `not valid ${declared} text (declared in a coding comment)` };
    }
    return { ok: false, reason: 'not valid UTF-8 and no PEP 263 coding declaration' };
}
function decodeWith(encoding, bytes) {
    // Node supports `fatal` only for the UTF encodings; legacy ones (latin-1, cp1252) map every byte.
    const fatal = encoding.startsWith('utf');
    let decoder;
    try {
        decoder = new TextDecoder$1(encoding, { fatal });
    }
    catch {
        return { ok: false, reason: `unsupported encoding ${encoding}` };
    }
    try {
        return { ok: true, text: decoder.decode(bytes) };
    }
    catch {
        return { ok: false, reason: `not valid ${encoding} text` };
    }
}
/** The encoding named by a PEP 263 comment on line 1 or 2 (the PEP's own pattern). */
function pep263Encoding(bytes) {
    const head = new TextDecoder$1('latin1').decode(bytes.subarray(0, 400)).split(/\r?\n/).slice(0, 2);
    for (const line of head) {
        const m = /^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)/.exec(line);
        if (m)
            return whatwgLabel(m[1]);
        if (!/^[ \t\f]*(#.*)?$/.test(line))
            break; // the declaration must come before any code
    }
    return undefined;
}
// Python codec names that the WHATWG Encoding Standard (TextDecoder) spells differently.
const PYTHON_ALIASES = {
    'latin-1': 'latin1',
    latin: 'latin1',
    'iso-8859-1': 'latin1',
    utf8: 'utf-8',
    'utf-8-sig': 'utf-8',
    cp1252: 'windows-1252',
    cp1251: 'windows-1251',
    cp1250: 'windows-1250',
};
function whatwgLabel(pythonName) {
    const name = pythonName.toLowerCase().replace(/_/g, '-');
    return PYTHON_ALIASES[name] ?? name;
}

/** Files above this are generated or data, not configuration someone wrote. */
const MAX_FILE_BYTES = 2 * 1024 * 1024;
class NotRegular extends Error {
}
/**
 * The bytes of a regular file, at most MAX_FILE_BYTES of them. Discovery checked the file's type,
 * but the tree may change before it is read: a FIFO put in its place would block the scan, so the
 * file is opened without blocking and checked again on the open descriptor.
 */
function readRegularFile(path) {
    // A path in bytes (a name that is not UTF-8) arrives from a worker thread as a plain Uint8Array.
    const p = typeof path === 'string' ? path : Buffer.from(path.buffer, path.byteOffset, path.byteLength);
    const fd = openSync(p, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
        const info = fstatSync(fd);
        const kind = notRegular(info);
        if (kind)
            throw new NotRegular(`${kind}, not a regular file (not read)`);
        const buf = Buffer.alloc(Math.min(info.size, MAX_FILE_BYTES));
        let length = 0;
        for (let n = 1; n > 0 && length < buf.length; length += n)
            n = readSync(fd, buf, length, buf.length - length, null);
        return buf.subarray(0, length);
    }
    finally {
        closeSync(fd);
    }
}
/** Bytes read for a file's first lines, when its name does not tell its kind. */
const HEAD_BYTES = 4096;
/**
 * The first lines of a file, up to HEAD_BYTES: whole lines only (the last, cut one is dropped
 * unless the file ends there). Undefined when it cannot be read, or when no line ends within the
 * head (a caller must then read the file to decide). Also returns how many bytes were read.
 */
function readHead(candidate) {
    const p = candidate.absPath;
    let fd;
    try {
        fd = openSync(typeof p === 'string' ? p : Buffer.from(p.buffer, p.byteOffset, p.byteLength), constants.O_RDONLY | constants.O_NONBLOCK);
    }
    catch {
        return { text: undefined, bytes: 0 };
    }
    try {
        const info = fstatSync(fd);
        if (notRegular(info))
            return { text: undefined, bytes: 0 };
        const buf = Buffer.alloc(Math.min(info.size, HEAD_BYTES));
        let length = 0;
        for (let n = 1; n > 0 && length < buf.length; length += n)
            n = readSync(fd, buf, length, buf.length - length, null);
        const whole = length >= info.size;
        const end = whole ? length : buf.lastIndexOf(0x0a, length - 1) + 1;
        if (end <= 0)
            return { text: undefined, bytes: length };
        return { text: buf.subarray(0, end).toString('utf8'), bytes: length };
    }
    catch {
        return { text: undefined, bytes: 0 };
    }
    finally {
        closeSync(fd);
    }
}
async function readSource(candidate, kind) {
    if (candidate.size > MAX_FILE_BYTES) {
        return {
            ok: false,
            reason: `larger than ${MAX_FILE_BYTES / 1024 / 1024} MiB (${(candidate.size / 1024 / 1024).toFixed(1)} MiB)`,
        };
    }
    let bytes;
    try {
        // Synchronous: awaiting one readFile at a time costs four thread-pool round trips per file
        // (open, fstat, read, close) and left the thread idle ~1 ms per file; nothing else runs meanwhile.
        bytes = candidate.content ?? readRegularFile(candidate.absPath);
    }
    catch (e) {
        if (e instanceof NotRegular)
            return { ok: false, reason: e.message };
        return { ok: false, reason: `could not be read: ${e.code ?? String(e)}` };
    }
    const decoded = decode(bytes, kind === 'python');
    if (!decoded.ok)
        return { ok: false, reason: decoded.reason };
    const text = decoded.text;
    return {
        ok: true,
        file: { path: candidate.path, kind, role: fileRole(candidate.path), text, lines: text.split(/\r\n|\r|\n/) },
    };
}

/**
 * Npgsql (.NET) connection strings, as `appsettings.json` `ConnectionStrings` hold them:
 * `Host=db;Port=26257;Database=bank;Username=app;Password=...;SSL Mode=VerifyFull`. ADO.NET's
 * grammar: `key=value` pairs separated by `;`, keys case-insensitive (Npgsql also accepts them
 * without their blanks: `SslMode`), values optionally in double or single quotes with the quote
 * doubled inside. Only Npgsql's own keywords are accepted, so SQL Server's and MySQL's strings
 * (`Initial Catalog`, `Encrypt`, `Uid`) are not read as PostgreSQL's.
 */
/** Npgsql keywords (spaces removed, lower case) → the libpq parameter they stand for, if any. */
const KEYWORDS = new Map([
    ['host', 'host'],
    ['server', 'host'],
    ['port', 'port'],
    ['database', 'dbname'],
    ['db', 'dbname'],
    ['username', 'user'],
    ['user', 'user'],
    ['userid', 'user'],
    ['password', 'password'],
    ['psw', 'password'],
    ['pwd', 'password'],
    ['passfile', 'passfile'],
    ['sslmode', 'sslmode'],
    ['trustservercertificate', undefined],
    ['rootcertificate', 'sslrootcert'],
    ['sslcertificate', 'sslcert'],
    ['sslkey', 'sslkey'],
    ['sslpassword', 'sslpassword'],
    ['checkcertificaterevocation', undefined],
    ['gssencryptionmode', 'gssencmode'],
    ['applicationname', 'application_name'],
    ['searchpath', undefined],
    ['timeout', 'connect_timeout'],
    ['commandtimeout', undefined],
    ['pooling', undefined],
    ['minpoolsize', undefined],
    ['maxpoolsize', undefined],
    ['connectionidlelifetime', undefined],
    ['connectionlifetime', undefined],
    ['keepalive', undefined],
    ['includeerrordetail', undefined],
    ['targetsessionattributes', 'target_session_attrs'],
    ['loadbalancehosts', 'load_balance_hosts'],
    ['multiplexing', undefined],
    ['enlist', undefined],
    ['encoding', 'client_encoding'],
    ['servercompatibilitymode', undefined],
    ['integratedsecurity', undefined],
    ['options', 'options'],
]);
/** Npgsql's SslMode names → libpq's. */
const SSL_MODES$1 = new Map([
    ['disable', 'disable'],
    ['allow', 'allow'],
    ['prefer', 'prefer'],
    ['require', 'require'],
    ['verifyca', 'verify-ca'],
    ['verify-ca', 'verify-ca'],
    ['verifyfull', 'verify-full'],
    ['verify-full', 'verify-full'],
]);
/** The pairs of an ADO.NET connection string, or undefined when the text is not one. */
function pairsOf(text) {
    const pairs = [];
    let i = 0;
    const n = text.length;
    while (i < n) {
        while (i < n && (text[i] === ';' || /\s/.test(text[i])))
            i++;
        if (i >= n)
            break;
        const eq = text.indexOf('=', i);
        if (eq < 0)
            return undefined;
        const key = text.slice(i, eq).trim();
        if (key === '' || key.includes(';'))
            return undefined;
        i = eq + 1;
        while (i < n && (text[i] === ' ' || text[i] === '\t'))
            i++;
        let value = '';
        const q = text[i];
        if (q === '"' || q === "'") {
            i++;
            let closed = false;
            while (i < n) {
                if (text[i] === q && text[i + 1] === q) {
                    value += q;
                    i += 2;
                }
                else if (text[i] === q) {
                    i++;
                    closed = true;
                    break;
                }
                else
                    value += text[i++];
            }
            if (!closed)
                return undefined;
            while (i < n && text[i] !== ';')
                if (!/\s/.test(text[i++]))
                    return undefined;
        }
        else {
            const semi = text.indexOf(';', i);
            value = text.slice(i, semi < 0 ? n : semi).trim();
            i = semi < 0 ? n : semi;
        }
        pairs.push({ key, value });
    }
    return pairs;
}
function canonical(key) {
    return key.toLowerCase().replace(/\s+/g, '');
}
/**
 * Parses an Npgsql connection string: at least two pairs, every key an Npgsql keyword, a host
 * named. Parameters come out under their libpq names with libpq's values (`SSL Mode=VerifyFull`
 * → `sslmode=verify-full`); `Trust Server Certificate=true` turns certificate checks off, which
 * is libpq's `require` for any mode that encrypts.
 */
function parseNpgsqlConnectionString(text) {
    if (!text.includes(';') || !text.includes('='))
        return undefined;
    const pairs = pairsOf(text);
    if (!pairs || pairs.length < 2)
        return undefined;
    const params = new Map();
    let trustAny = false;
    for (const p of pairs) {
        const key = canonical(p.key);
        if (!KEYWORDS.has(key))
            return undefined;
        const libpq = KEYWORDS.get(key);
        if (key === 'trustservercertificate')
            trustAny = p.value.toLowerCase() === 'true';
        if (libpq === undefined)
            continue;
        if (libpq === 'sslmode') {
            const mode = SSL_MODES$1.get(p.value.toLowerCase());
            if (mode !== undefined)
                params.set('sslmode', mode);
            continue;
        }
        params.set(libpq, p.value);
    }
    const host = params.get('host');
    if (host === undefined || host === '')
        return undefined;
    const mode = params.get('sslmode');
    if (trustAny && (mode === 'verify-ca' || mode === 'verify-full'))
        params.set('sslmode', 'require');
    const redacted = pairs
        .map((p) => KEYWORDS.get(canonical(p.key)) === 'password' || canonical(p.key) === 'sslpassword'
        ? `${p.key}=${MASK}`
        : `${p.key}=${p.value}`)
        .join(';');
    return {
        form: 'keyword-dsn',
        scheme: undefined,
        driver: 'npgsql',
        // Npgsql's Host may carry a port (`db:26257`) and list several hosts.
        hosts: host.split(',').map((h) => h.trim().replace(/:\d+$/, '')),
        user: params.get('user'),
        password: params.get('password'),
        database: params.get('dbname'),
        params,
        redacted: showDynamic(redacted),
    };
}
/** The ports PostgreSQL and CockroachDB listen on by default. */
const POSTGRES_PORTS$1 = new Set(['5432', '26257']);
/**
 * An ADO.NET string with Npgsql's keywords could be another provider's (`Server=...;Database=...`
 * is also SQL Server's): it is PostgreSQL's when it names a PostgreSQL/CockroachDB port, or an
 * SSL mode only Npgsql spells so (`Disable`, `Allow`, `Prefer`, `Require`; MySQL says `None`,
 * `Preferred`, `Required`), or when its setting's name says so (`ConnectionStrings:Postgres`).
 */
function isPostgresNpgsql(parsed, text, settingName) {
    const port = parsed.params.get('port');
    if (port !== undefined && POSTGRES_PORTS$1.has(port.trim()))
        return true;
    if (/:(?:5432|26257)(?:,|$)/.test(parsed.params.get('host') ?? ''))
        return true;
    if (/ssl\s*mode\s*=\s*["']?(?:disable|allow|prefer|require)["']?\s*(?:;|$)/i.test(text))
        return true;
    return /postgres|npgsql|cockroach|crdb|pgsql/i.test(settingName);
}

/**
 * Keys whose values are prose for people: an operator bundle's `spec.description` markdown, a
 * Helm chart's `description`, a JSON schema's `help`. Their connection strings and command lines
 * are sample output and examples (`kubectl logs` quoted in a README block), not settings.
 * Compared without case, `_`, `-` or blanks (`longDescription`, `help_text`).
 */
const DOC_KEYS = new Set([
    'description',
    'longdescription',
    'shortdescription',
    'summary',
    'notes',
    'note',
    'help',
    'helptext',
    'readme',
    'documentation',
    'usage',
]);
const STRUCTURED = new Set(['yaml', 'json', 'toml']);
/** True when the entry is free text under a documentation key of a structured file. */
function isDocumentationText(entry, format) {
    if (!STRUCTURED.has(format))
        return false;
    return DOC_KEYS.has(entry.key.toLowerCase().replace(/[-_\s]/g, ''));
}

/** The ports PostgreSQL and CockroachDB listen on by default. */
const POSTGRES_PORTS = new Set(['5432', '26257']);
const HOST_KEYS = new Set(['host', 'hostname', 'server']);
/** A sibling that names the database engine (`"dialect": "postgres"`, `"client": "pg"`). */
const ENGINE_KEYS = new Set(['dialect', 'driver', 'client', 'engine', 'type', 'adapter', 'provider']);
const POSTGRES_ENGINE = /^(?:postgres(?:ql)?|pg|cockroach(?:db)?|crdb|psycopg2?|asyncpg|npgsql)$/i;
/**
 * `"ssl": false` in a JSON object that is plainly a PostgreSQL/CockroachDB connection's settings:
 * it names a host and either a PostgreSQL/CockroachDB port (5432, 26257) or a PostgreSQL engine
 * (`"dialect": "postgres"`). Client libraries that read such files (node-postgres, Sequelize,
 * TypeORM, Swift's PostgresNIO) connect in plaintext when `ssl` is false. An object with an `ssl`
 * flag but no such host and port (a web server's, a mail server's) is someone else's setting.
 */
function jsonDriverTls(doc) {
    if (doc.format !== 'json')
        return [];
    const objects = new Map();
    for (const e of doc.entries) {
        const parent = `${e.document}\0${JSON.stringify(e.path.slice(0, -1))}`;
        const group = objects.get(parent);
        if (group)
            group.push(e);
        else
            objects.set(parent, [e]);
    }
    const out = [];
    for (const entries of objects.values()) {
        const ssl = entries.find((e) => e.key.toLowerCase() === 'ssl' && e.value === false);
        const host = entries.find((e) => HOST_KEYS.has(e.key.toLowerCase()));
        if (!ssl || typeof host?.value !== 'string' || host.value === '')
            continue;
        const port = entries.find((e) => e.key.toLowerCase() === 'port');
        const engine = entries.find((e) => ENGINE_KEYS.has(e.key.toLowerCase()) && typeof e.value === 'string');
        const postgresPort = port !== undefined && POSTGRES_PORTS.has(String(port.value).trim());
        const postgresEngine = engine !== undefined && POSTGRES_ENGINE.test(String(engine.value).trim());
        if (!postgresPort && !postgresEngine)
            continue;
        out.push({
            span: ssl.span,
            detail: '"ssl": false in the database connection settings',
            hosts: [host.value],
        });
    }
    return out;
}

/** Formats whose values go through a shell or compose-style interpolation of bare `$NAME`. */
const BARE_VARIABLES = new Set(['yaml', 'shell', 'dockerfile', 'makefile', 'procfile']);
const FALLBACK = /^([A-Za-z_][A-Za-z0-9_]*)(:?[-=])([\s\S]*)$/;
/**
 * What a config value is when it runs, as far as the file tells. Compose, shell, dotenv and
 * Dockerfile interpolation: `${VAR:-default}` / `${VAR-default}` / `${VAR:=default}` become the
 * default (what runs when VAR is unset); `${VAR}`, `$(cmd)`, `{{ .Values.x }}`, `${{ secrets.X }}`,
 * `%(here)s` and, where the format expands them, bare `$VAR` become DYNAMIC. Compose writes a
 * literal `$` as `$$`.
 */
function resolveValue(value, format) {
    const v = value.trim();
    if (v.startsWith('${')) {
        const close = matching(v, 1, '{', '}');
        if (close === v.length - 1) {
            const m = FALLBACK.exec(v.slice(2, -1));
            if (m)
                return { text: resolveInner(m[3], format), envFallbackOf: m[1] };
        }
    }
    return { text: resolveInner(v, format) };
}
function resolveInner(s, format) {
    let out = '';
    for (let i = 0; i < s.length; i++) {
        const c = s[i];
        const next = s[i + 1];
        if (c === '$' && next === '$' && format === 'yaml') {
            out += '$';
            i++;
        }
        else if (c === '$' && (next === '{' || next === '(')) {
            const close = matching(s, i + 1, next, next === '{' ? '}' : ')');
            if (close < 0) {
                out += c;
                continue;
            }
            const m = next === '{' ? FALLBACK.exec(s.slice(i + 2, close)) : null;
            out += m ? resolveInner(m[3], format) : DYNAMIC;
            i = close;
        }
        else if (c === '{' && next === '{') {
            const close = s.indexOf('}}', i + 2);
            if (close < 0) {
                out += c;
                continue;
            }
            out += DYNAMIC;
            i = close + 1;
        }
        else if (c === '%' && next === '(') {
            const close = s.indexOf(')', i + 2);
            if (close >= 0 && /^[A-Za-z0-9_.-]+$/.test(s.slice(i + 2, close)) && s[close + 1] === 's') {
                out += DYNAMIC;
                i = close + 1;
            }
            else
                out += c;
        }
        else if (c === '$' && next !== undefined && /[A-Za-z_]/.test(next) && BARE_VARIABLES.has(format)) {
            let j = i + 1;
            while (j < s.length && /[A-Za-z0-9_]/.test(s[j]))
                j++;
            out += DYNAMIC;
            i = j - 1;
        }
        else
            out += c;
    }
    return out;
}
/** Index of the closer matching the opener at `open` (nesting counted); -1 when none. */
function matching(s, open, opener, closer) {
    let depth = 0;
    for (let i = open; i < s.length; i++) {
        if (s[i] === opener)
            depth++;
        else if (s[i] === closer && --depth === 0)
            return i;
    }
    return -1;
}

/**
 * libpq settings written the way shells write them, where the config parsers do not make them
 * entries of their own:
 *   - a command's prefix assignments, `PGSSLMODE=disable pg_dump ...` and
 *     `env PGSSLMODE=disable psql ...` (a Makefile recipe, a Procfile process, a script line,
 *     a CI `run:` line): the setting holds for that command only;
 *   - `docker run -e PGSSLMODE=disable ...`: the container's setting;
 *   - `export PGSSLMODE=disable` / `PGSSLMODE=disable` lines inside a script held by a YAML,
 *     JSON or TOML string (a workflow `run: |` block, a GitLab `script:` item).
 * Both come back as config entries (key, value, span), for the caller to read like any other.
 */
const ASSIGNMENT = /^([A-Za-z_][A-Za-z0-9_]*)=([\s\S]*)$/;
/** Only settings of this kind are looked for: the cheap filter before any script is split. */
const SSL_KEY = /ssl_?-?mode/i;
/** The `K=V` words before a command's program (after `env` and its options too). */
function prefixAssignments(argv) {
    const out = [];
    let i = 0;
    const take = () => {
        for (; i < argv.length; i++) {
            const m = ASSIGNMENT.exec(argv[i]);
            if (!m)
                break;
            out.push({ key: m[1], value: m[2] });
        }
    };
    take();
    if (argv[i] === 'env') {
        i++;
        // `env -i`, `env -u NAME`, `env --`: options before the assignments.
        while (i < argv.length && argv[i].startsWith('-')) {
            if (argv[i] === '-u' || argv[i] === '--unset')
                i++;
            i++;
        }
        take();
    }
    // Assignments alone are not a prefix: the line sets shell variables (read as entries already).
    return i < argv.length ? out : [];
}
/** `docker run -e K=V` / `--env K=V` / `--env=K=V` (also `podman`, `docker compose run`). */
function containerEnvAssignments(argv) {
    if (!/(^|\/)(docker|podman|nerdctl)$/.test(argv[0] ?? ''))
        return [];
    const out = [];
    for (let i = 1; i < argv.length; i++) {
        const a = argv[i];
        let text;
        if ((a === '-e' || a === '--env') && i + 1 < argv.length)
            text = argv[++i];
        else if (a.startsWith('--env='))
            text = a.slice('--env='.length);
        else if (/^-e[A-Za-z_]/.test(a))
            text = a.slice(2);
        const m = text === undefined ? null : ASSIGNMENT.exec(text);
        if (m)
            out.push({ key: m[1], value: m[2] });
    }
    return out;
}
/**
 * Prefix assignments of `cmd`, and the `-e` settings of a container it starts, naming an
 * sslmode setting, as entries at the command's span.
 */
function commandSslEntries(cmd) {
    if (!cmd.argv.some((a) => SSL_KEY.test(a)))
        return [];
    return [...prefixAssignments(cmd.argv), ...containerEnvAssignments(cmd.argv)]
        .filter((a) => SSL_KEY.test(a.key))
        .map((a) => ({ path: [a.key], key: a.key, value: a.value, span: cmd.span, document: 0 }));
}
const SCRIPT_FORMATS = new Set(['yaml', 'json', 'toml']);
/**
 * `PGSSLMODE=...` assignments inside script strings of a YAML/JSON/TOML file. Each comes back
 * with the script entry's path (so its scope is that script, not its neighbours) and, where the
 * string's lines are the file's lines, its own line.
 */
function scriptSslEntries(doc, skip, placeInValue) {
    if (!SCRIPT_FORMATS.has(doc.format))
        return [];
    const out = [];
    for (const e of doc.entries) {
        if (typeof e.value !== 'string' || !SSL_KEY.test(e.value) || !/=/.test(e.value) || SSL_KEY.test(e.key))
            continue;
        if (!/\s/.test(e.value.trim()) && !/^[A-Za-z_][A-Za-z0-9_]*=/.test(e.value.trim()))
            continue;
        if (skip(e))
            continue;
        const spanOf = placeInValue(e.value, e.span);
        const script = splitShellScript(e.value);
        if (script.unterminated !== undefined)
            continue;
        // A keyword DSN (`host=db sslmode=disable`) also reads as a line of assignments: only a
        // script (something runs, or the line exports) is one.
        const isScript = script.commands.length > 0;
        for (const a of script.assignments) {
            if (!SSL_KEY.test(a.key) || !(a.exported || isScript))
                continue;
            out.push({
                path: [...e.path, a.key],
                key: a.key,
                value: a.value,
                span: spanOf(a.start, a.end),
                document: e.document,
            });
        }
    }
    return out;
}

/**
 * Facts of a config file (.env, YAML, TOML, INI, JSON, Dockerfile, shell, Procfile, Makefile):
 *   - every string entry holding a connection URI or a keyword DSN (two libpq pairs or more);
 *   - every `PGSSLMODE` / `*SSLMODE` / `*SSL_MODE` / `sslmode` entry, as a lone setting; it also
 *     counts for the URIs of its scope (the file, or the same compose service / Kubernetes
 *     container / workflow job / INI section), as `PGSSLROOTCERT`-style settings do;
 *   - the file's commands, plus the command lines inside YAML/JSON/TOML strings that run
 *     `cockroach` with `--insecure` (a healthcheck, a script in a ConfigMap), and the connection
 *     strings passed on command lines (`cockroach sql --url postgresql://...`);
 *   - .NET (Npgsql) connection strings (`Host=...;SSL Mode=Disable`) when they are PostgreSQL's;
 *   - `driverTls`: a JSON database settings object with `"ssl": false` (`driver-tls.ts`).
 * Free text under documentation keys (`description`, `help`, ...) is prose, not settings: its
 * connection strings and command lines are not read.
 */
function extractConfigFacts(doc) {
    const uris = [];
    const settings = [];
    /** Entry facts by the entry's text, so a command line using the same string reuses them. */
    const byText = new Map();
    const templates = composeTemplates(doc);
    // A connection string parsed once per file however often it recurs (aliases, repeated lines).
    const parses = new Map();
    doc.entries.forEach((entry, order) => {
        if (typeof entry.value !== 'string' || entry.value === '' || templates.has(entry))
            return;
        if (isDocumentationText(entry, doc.format))
            return;
        const setting = settingOf(entry, doc.format, order);
        if (setting) {
            settings.push(setting);
            return;
        }
        const fact = connectionOf(entry.value, doc.format, entry.span, reachesDriver(entry), parses, entry.key);
        if (!fact)
            return;
        const draft = { ...fact, scope: entry.path, document: entry.document };
        uris.push(draft);
        const same = byText.get(entry.value);
        if (same)
            same.push(draft);
        else
            byText.set(entry.value, [draft]);
    });
    // `export PGSSLMODE=...` inside a workflow `run:` script or another script string.
    for (const entry of scriptSslEntries(doc, (e) => isDocumentationText(e, doc.format), placeInValue)) {
        const setting = settingOf(entry, doc.format, settings.length + doc.entries.length);
        if (setting)
            settings.push(setting);
    }
    // Connection strings on command lines (`cockroach sql --url ...`, `psql "host=..."`,
    // `docker run -e DATABASE_URL=...`): the program connects with them.
    const commands = [...doc.commands, ...embeddedCommands(doc)];
    /** Settings a command sets for itself alone (`PGSSLMODE=disable pg_dump ...`). */
    const own = [];
    for (const cmd of commands) {
        const prefix = [];
        for (const entry of commandSslEntries(cmd)) {
            const setting = settingOf(entry, doc.format, own.length);
            if (setting)
                prefix.push(setting);
        }
        own.push(...prefix);
        for (const token of cmd.argv) {
            for (const { text, key } of commandValues(token)) {
                const known = byText.get(text);
                if (known) {
                    for (const d of known)
                        d.reachesDriver = true;
                    break;
                }
                const fact = connectionOf(text, doc.format, cmd.span, key === undefined || isDatabaseUrlKey(key), parses);
                if (fact) {
                    // The command's own PGSSLMODE first; libpq reads it when the string names no sslmode.
                    const mode = prefix.find((p) => p.param === 'sslmode');
                    if (mode && !fact.params.has('sslmode'))
                        fact.params.set('sslmode', mode.fact);
                    // In a flat file (script, Dockerfile, Makefile) a PGSSLMODE set above applies to it too.
                    uris.push({ ...fact, scope: FLAT_FORMATS.has(doc.format) ? [] : undefined, document: 0 });
                    break;
                }
            }
        }
    }
    const connections = [];
    for (const u of uris)
        connections.push(withScopeSettings(u, settings));
    for (const s of [...settings, ...own]) {
        if (s.param !== 'sslmode')
            continue;
        const params = new Map([['sslmode', s.fact]]);
        const root = nearest(settings, 'sslrootcert', s.scope, s.document);
        if (root)
            params.set('sslrootcert', root.fact);
        connections.push({
            origin: 'setting',
            span: s.span,
            display: `set by ${s.key}`,
            hosts: undefined,
            params,
            password: undefined,
            driver: 'libpq',
            reachesDriver: s.key.toUpperCase() === 'PGSSLMODE',
            ...(s.fact.envFallbackOf ? { envFallbackOf: s.fact.envFallbackOf } : {}),
        });
    }
    return { connections: dedupe(connections), driverTls: jsonDriverTls(doc), commands };
}
/**
 * Entries of compose extension fields (`x-db-env: &env`) that are also reached through a service
 * (`environment: *env`, `<<: *env`): the service's copy, which knows its neighbours (a
 * PGSSLMODE of the same service), stands for the literal.
 */
function composeTemplates(doc) {
    const out = new Set();
    if (doc.format !== 'yaml')
        return out;
    const isTemplate = (e) => typeof e.path[0] === 'string' && e.path[0].startsWith('x-');
    const used = new Set();
    for (const e of doc.entries)
        if (!isTemplate(e))
            used.add(`${e.document}:${e.span.line}:${e.span.column}`);
    for (const e of doc.entries)
        if (isTemplate(e) && used.has(`${e.document}:${e.span.line}:${e.span.column}`))
            out.add(e);
    return out;
}
// ---------------------------------------------------------------------------------------------
// Connection strings
const FLAT_FORMATS = new Set([
    'dotenv',
    'shell',
    'dockerfile',
    'makefile',
    'procfile',
]);
function connectionOf(value, format, span, reaches, parses, settingName = '') {
    if (!/:\/\/|=/.test(value))
        return undefined; // cheap: neither a URI nor a keyword DSN
    const resolved = resolveValue(value, format);
    let parsed = parses.get(resolved.text);
    if (parsed === undefined && !parses.has(resolved.text)) {
        parsed = parseConnectionString(resolved.text, 2) ?? npgsqlOf(resolved.text, settingName);
        parses.set(resolved.text, parsed);
    }
    if (!parsed)
        return undefined;
    const fallback = resolved.envFallbackOf;
    const withFallback = fallback ? { envFallbackOf: fallback } : {};
    const params = new Map();
    for (const [k, v] of parsed.params) {
        if (k === 'password' || k === 'sslpassword')
            continue;
        params.set(k, { value: v.includes(DYNAMIC) ? undefined : v, span, ...withFallback });
    }
    let password;
    if (parsed.password !== undefined && !isPlaceholder(parsed.password)) {
        password = { value: parsed.password, span, source: 'connection-string', ...withFallback };
    }
    return {
        origin: parsed.form,
        span,
        display: parsed.redacted,
        hosts: parsed.hosts.some((h) => h.includes(DYNAMIC)) ? undefined : parsed.hosts,
        params,
        password,
        driver: driverOf$1(parsed),
        reachesDriver: reaches,
        ...withFallback,
    };
}
/** A .NET connection string (`Host=...;Port=26257;SSL Mode=Disable`) when it is PostgreSQL's. */
function npgsqlOf(text, settingName) {
    if (!text.includes(';'))
        return undefined;
    const parsed = parseNpgsqlConnectionString(text);
    return parsed && isPostgresNpgsql(parsed, text, settingName) ? parsed : undefined;
}
function driverOf$1(parsed) {
    if (parsed.form === 'keyword-dsn')
        return 'libpq';
    const d = parsed.driver;
    if (d === 'asyncpg')
        return 'asyncpg';
    if (d === undefined || d === 'psycopg2' || d === 'psycopg' || d === 'psycopg2cffi')
        return 'libpq';
    return 'unknown';
}
/** DATABASE_URL, TEST_DATABASE_URL, DB_URI, PG_DSN, POSTGRES_URL, COCKROACH_URL, *_DSN ... */
const DB_URL_KEY = /^(?:[A-Za-z0-9]+[_.-])*(?:DATABASE|DB|PG|POSTGRES|POSTGRESQL|COCKROACH|COCKROACHDB|CRDB|SQL)[_.-]?(?:URL|URI|DSN)$/i;
function isDatabaseUrlKey(key) {
    return (DB_URL_KEY.test(key) || /(^|[_.-])DSN$/i.test(key) || /^SQLALCHEMY_/i.test(key) || /^sqlalchemy\.url$/i.test(key));
}
/**
 * True when the entry is a setting a framework hands to a driver: its key names a database URL,
 * it sits under `SQLALCHEMY_BINDS` (or another SQLALCHEMY_ setting), or it is the `url`/`uri`/
 * `dsn` of a database section (`[database] url = ...`).
 */
function reachesDriver(entry) {
    if (isDatabaseUrlKey(entry.key))
        return true;
    const strings = entry.path.filter((p) => typeof p === 'string');
    if (strings.some((p) => /^SQLALCHEMY_/i.test(p)))
        return true;
    // .NET: `ConnectionStrings` in appsettings.json, `ConnectionStrings__Db` in the environment.
    if (strings.some((p) => /^ConnectionStrings(?:$|__|:)/i.test(p)))
        return true;
    if (/^(url|uri|dsn|database_url|connection_string)$/i.test(entry.key)) {
        const parent = strings[strings.length - 2];
        return parent !== undefined && /(database|^db$|sqlalchemy|postgres|cockroach|crdb)/i.test(parent);
    }
    return false;
}
/** The connection-string candidates of a command word: itself, then what follows `KEY=` / `--flag=`. */
function commandValues(token) {
    const out = [{ text: token, key: undefined }];
    const eq = /^(--?[A-Za-z][A-Za-z0-9-]*|[A-Za-z_][A-Za-z0-9_.-]*)=/.exec(token);
    if (eq) {
        const name = eq[1];
        out.push({ text: token.slice(eq[0].length), key: name.startsWith('-') ? undefined : name });
    }
    return out;
}
const SSL_MODES = new Set(['disable', 'allow', 'prefer', 'require', 'verify-ca', 'verify-full']);
const ENV_KEYS = new Set(['env', 'environment', 'variables', 'vars']);
function settingOf(entry, format, order) {
    const lower = entry.key.toLowerCase();
    let param;
    if (lower.endsWith('sslmode') || lower.endsWith('ssl_mode') || lower.endsWith('ssl-mode'))
        param = 'sslmode';
    else if (lower.endsWith('sslrootcert') || lower.endsWith('ssl_root_cert') || lower.endsWith('ssl_rootcert'))
        param = 'sslrootcert';
    else
        return undefined;
    const resolved = resolveValue(entry.value, format);
    const text = resolved.text.trim();
    let value;
    if (param === 'sslmode') {
        // Only libpq's modes: MySQL's ssl_mode=DISABLED and friends are someone else's setting.
        // PGSSLMODE is libpq's own variable: any other value in it is one libpq refuses (reported).
        const libpqOwn = entry.key.toUpperCase() === 'PGSSLMODE' && isUnknownSslmode(text);
        if (text.includes(DYNAMIC) || (!SSL_MODES.has(text.toLowerCase()) && !libpqOwn))
            return undefined;
        value = text;
    }
    else {
        if (text === '')
            return undefined;
        value = text.includes(DYNAMIC) ? undefined : text;
    }
    const fact = {
        value,
        span: entry.span,
        ...(resolved.envFallbackOf ? { envFallbackOf: resolved.envFallbackOf } : {}),
    };
    return { param, key: entry.key, span: entry.span, scope: scopeOf(entry.path), document: entry.document, order, fact };
}
/**
 * Where a setting applies: the map holding it, or for an environment block (`environment:`,
 * `env:`, a Kubernetes `env` list item) the service, container, job or step owning that block.
 * A dotenv/shell/Dockerfile/Makefile variable has the file as scope.
 */
function scopeOf(path) {
    let p = path.slice(0, -1);
    const isEnv = (x) => typeof x === 'string' && ENV_KEYS.has(x.toLowerCase());
    if (p[p.length - 1] === 'value' && typeof p[p.length - 2] === 'number' && isEnv(p[p.length - 3]))
        p = p.slice(0, -3);
    else if (typeof p[p.length - 1] === 'number' && isEnv(p[p.length - 2]))
        p = p.slice(0, -2);
    else if (isEnv(p[p.length - 1]))
        p = p.slice(0, -1);
    return p;
}
function within$1(path, scope) {
    return scope.length <= path.length && scope.every((s, i) => path[i] === s);
}
/** The setting for `param` closest to `path` (deepest scope; the later one on a tie). */
function nearest(settings, param, path, document) {
    let best;
    for (const s of settings) {
        if (s.param !== param || s.document !== document || !within$1(path, s.scope))
            continue;
        if (!best || s.scope.length > best.scope.length || (s.scope.length === best.scope.length && s.order > best.order))
            best = s;
    }
    return best;
}
/** A URI's own parameters win; what it lacks comes from settings of its scope (libpq's order). */
function withScopeSettings(u, settings) {
    const { scope, document, ...fact } = u;
    if (scope !== undefined) {
        for (const param of ['sslmode', 'sslrootcert']) {
            if (fact.params.has(param))
                continue;
            const s = nearest(settings, param, scope, document);
            if (s)
                fact.params.set(param, s.fact);
        }
    }
    return fact;
}
function dedupe(facts) {
    // A YAML anchor merged into several services is one literal in one place: one fact per
    // distinct context (a service with its own PGSSLMODE keeps its own fact; the engine reports a
    // rule once per place anyway).
    const byKey = new Map();
    for (const f of facts) {
        const params = [...f.params].map(([k, p]) => `${k}=${p.value ?? ''}@${p.span.line}:${p.span.column}`).join('&');
        const key = `${f.origin}:${f.span.line}:${f.span.column}:${f.display}:${params}:${f.envFallbackOf ?? ''}`;
        const prev = byKey.get(key);
        if (!prev)
            byKey.set(key, f);
        else if (f.reachesDriver && !prev.reachesDriver)
            byKey.set(key, { ...prev, reachesDriver: true });
    }
    return [...byKey.values()];
}
// ---------------------------------------------------------------------------------------------
// Command lines inside strings
const EMBEDDED_FORMATS = new Set(['yaml', 'json', 'toml']);
/**
 * Strings of YAML/JSON/TOML that mention both `cockroach` and `--insecure` are read as shell
 * command lines. A multi-line string whose lines match the lines of its span one to one (a YAML
 * literal block) places each command on its own line; otherwise commands take the string's span.
 * Commands the parser already found (same words, within the string's lines) are not repeated.
 */
function embeddedCommands(doc) {
    if (!EMBEDDED_FORMATS.has(doc.format))
        return [];
    const out = [];
    const known = new Map();
    const remember = (k, span) => {
        const spans = known.get(k);
        if (spans)
            spans.push(span);
        else
            known.set(k, [span]);
    };
    for (const c of doc.commands)
        remember(c.argv.join('\0'), c.span);
    const seen = new Set();
    for (const e of doc.entries) {
        if (typeof e.value !== 'string' || !e.value.includes('cockroach') || !e.value.includes('--insecure'))
            continue;
        if (isDocumentationText(e, doc.format))
            continue;
        const key = `${e.span.line}:${e.span.column}:${e.value}`;
        if (seen.has(key))
            continue; // one anchor, several paths
        seen.add(key);
        const spanOf = placeInValue(e.value, e.span);
        for (const c of splitShellScript(e.value).commands) {
            const k = c.argv.join('\0');
            if ((known.get(k) ?? []).some((s) => s.line >= e.span.line && s.line <= e.span.endLine))
                continue;
            const span = spanOf(c.start, c.end);
            remember(k, span);
            out.push({ argv: c.argv, span, image: undefined });
        }
    }
    return out;
}
function placeInValue(value, span) {
    const body = value.replace(/\n+$/, '');
    const lines = body.split('\n');
    if (lines.length < 2 || lines.length !== span.endLine - span.line + 1)
        return () => span;
    const lead = lines[0].length - lines[0].trimStart().length;
    const base = span.column - lead;
    const starts = [];
    let o = 0;
    for (const l of lines) {
        starts.push(o);
        o += l.length + 1;
    }
    const pos = (offset) => {
        let k = starts.length - 1;
        while (k > 0 && starts[k] > offset)
            k--;
        return { line: span.line + k, column: base + offset - starts[k] };
    };
    return (s, e) => {
        const a = pos(s);
        const b = pos(e);
        return { line: a.line, column: a.column, endLine: b.line, endColumn: b.column };
    };
}

/**
 * Command lines Python starts: `subprocess.run(["cockroach", "start", "--insecure"])`,
 * `os.system("cockroach sql --insecure")`. Argument lists keep their items (unknown items as
 * DYNAMIC); command strings are split as the shell would split them.
 */
/** Calls whose first argument is an argv list, or a command string when `shell=True`. */
const SUBPROCESS = new Set([
    'subprocess.run',
    'subprocess.Popen',
    'subprocess.call',
    'subprocess.check_call',
    'subprocess.check_output',
]);
/** Calls whose first argument is always a shell command string. */
const SHELL = new Set([
    'os.system',
    'os.popen',
    'subprocess.getoutput',
    'subprocess.getstatusoutput',
    'asyncio.create_subprocess_shell',
]);
/** Calls whose positional arguments are the argv. */
const EXEC_ARGS = new Set(['asyncio.create_subprocess_exec']);
const ALL = new Set([...SUBPROCESS, ...SHELL, ...EXEC_ARGS]);
/** Every callee above lives in one of these modules, which an import or the written name spells. */
const MODULE_SPELLINGS = /\bos\b|subprocess|asyncio/;
function commandFacts(ctx) {
    const out = [];
    if (!MODULE_SPELLINGS.test(ctx.doc.text))
        return out;
    for (const call of ctx.calls) {
        const name = matchCallee(call, ctx.imports, ALL);
        if (!name)
            continue;
        const args = callArguments(call);
        let argv;
        let at;
        if (EXEC_ARGS.has(name)) {
            if (args.positional.length === 0)
                continue;
            argv = args.positional.map((a) => tokenOf(ctx.evaluator.evaluate(a)));
            if (args.listSplat)
                argv.push(DYNAMIC);
            at = call;
        }
        else {
            at = argument(args, 0, SHELL.has(name) ? 'cmd' : 'args') ?? args.positional[0];
            if (!at)
                continue;
            argv = argvOf(ctx.evaluator.evaluate(at));
        }
        if (!argv || !argv.some((t) => t !== '' && !t.includes(DYNAMIC)))
            continue;
        out.push({ argv, span: spanOf$1(at), image: undefined });
    }
    return out;
}
function tokenOf(value) {
    const s = asStr(value);
    return s ? joinText(s) : DYNAMIC;
}
function argvOf(value) {
    if (value.kind === 'list') {
        const argv = value.items.map((i) => tokenOf(i.value));
        if (value.open)
            argv.push(DYNAMIC);
        return argv;
    }
    const s = asStr(value);
    return s ? splitShell(joinText(s)) : undefined;
}
/** Shell words of a command string; `$VAR` stays as written, operators become their text. */
function splitShell(command) {
    const out = [];
    for (const entry of shellQuoteExports.parse(command, (key) => `$${key}`)) {
        if (typeof entry === 'string')
            out.push(entry);
        else if ('op' in entry)
            out.push(entry.op === 'glob' ? entry.pattern : entry.op);
    }
    return out;
}

/** Parameter names as libpq spells them (psycopg2 accepts `database`, `passwd` as aliases). */
const ALIASES = {
    database: 'dbname',
    db: 'dbname',
    passwd: 'password',
    username: 'user',
    ssl_context: 'sslcontext',
};
function normalizeParam(name) {
    const lower = name.toLowerCase();
    return ALIASES[lower] ?? lower;
}
/** Secrets: kept out of `params` (and so out of every display). */
const SECRET_PARAMS = new Set(['password', 'sslpassword']);
/** Arguments that carry a driver's own TLS setting (asyncpg `ssl=`, an SSLContext). */
const TLS_OBJECT_KEYS = new Set(['ssl', 'sslcontext']);
/** Adds a dict's entries as settings; true when it may hold more than is known. */
function addDict(settings, value) {
    if (value.kind !== 'dict')
        return true;
    for (const e of value.entries.values())
        settings.push({ name: e.key, value: e.value, node: e.valueNode });
    return value.open;
}

/** undefined: not a connection string; 'template': a documented example with placeholders. */
function readConnectionString(s, options) {
    const text = joinText(s);
    const parsed = parseConnectionString(text, options.minPairs) ?? (options.expected ? parseDynamicQuery(text) : undefined);
    if (!parsed)
        return undefined;
    if (!options.expected && isTemplate(parsed))
        return 'template';
    // `f"host={h} port={p}"` in a log message: the shape of a DSN with nothing known in it.
    if (!options.expected && parsed.form === 'keyword-dsn' && [...parsed.params.values()].every(isDynamic)) {
        return undefined;
    }
    const anchorSegment = s.segments.find((seg) => seg.text !== DYNAMIC && seg.literal);
    const anchor = anchorSegment?.literal;
    const anchorNode = anchor ?? options.fallback;
    if (!anchorNode)
        return undefined;
    const anchorSpan = spanOf$1(anchorNode);
    /** Span and provenance of the literal piece at an offset of the text. */
    const origin = (at) => {
        const seg = at === undefined ? undefined : segmentAt(s, at);
        return {
            span: seg?.literal ? spanOf$1(seg.literal) : anchorSpan,
            ...(seg?.envFallbackOf ? { envFallbackOf: seg.envFallbackOf } : {}),
        };
    };
    const params = new Map();
    for (const [key, v] of parsed.params) {
        if (SECRET_PARAMS.has(key))
            continue;
        params.set(key, { value: isDynamic(v) ? undefined : v, ...origin(locateParam(text, key, parsed.form)) });
    }
    let password;
    if (parsed.password !== undefined && !isPlaceholder(parsed.password)) {
        const at = parsed.form === 'uri' ? locateUriPassword(text) : locateParam(text, 'password', parsed.form);
        password = { value: parsed.password, source: 'connection-string', ...origin(at) };
    }
    return {
        parsed,
        anchor,
        envFallbackOf: anchorSegment?.envFallbackOf,
        hosts: parsed.hosts.some(isDynamic) ? undefined : [...parsed.hosts],
        params,
        password,
        hidden: mayHideParams(text, parsed.form),
    };
}
/** Written placeholders (not unknown parts) in the password, user or a host. */
function isTemplate(parsed) {
    const slots = [parsed.password, parsed.user, ...parsed.hosts];
    return slots.some((v) => v !== undefined && v !== '' && !isDynamic(v) && isPlaceholder(v));
}
/** `f"{BASE}?sslmode=disable"`: the query of a URI whose front is not known. */
function parseDynamicQuery(text) {
    if (!text.startsWith(DYNAMIC))
        return undefined;
    const q = text.indexOf('?');
    if (q < 0)
        return undefined;
    const prefix = 'postgresql://';
    const parsed = parseConnectionUri(prefix + DYNAMIC + text.slice(q));
    if (!parsed || parsed.params.size === 0)
        return undefined;
    return {
        ...parsed,
        scheme: undefined,
        redacted: showDynamic(DYNAMIC) + parsed.redacted.slice(prefix.length + 3),
    };
}
/**
 * Could unknown parts of the string carry settings the analysis cannot see? In a URI, an unknown
 * query part that is not just a value (`?{opts}`, `&{extra}`), or an unknown tail right after
 * the database name; an unknown database name after `/` is taken to be just that. In a keyword
 * DSN every key was read (the tokenizer rejects unknown keys), so unknown values hide nothing.
 */
function mayHideParams(text, form) {
    if (!isDynamic(text) || form === 'keyword-dsn')
        return false;
    const q = text.indexOf('?');
    if (q >= 0) {
        return text
            .slice(q + 1)
            .split('&')
            .some((part) => {
            const eq = part.indexOf('=');
            return eq < 0 ? isDynamic(part) : isDynamic(part.slice(0, eq));
        });
    }
    const at = text.lastIndexOf(DYNAMIC);
    return at === text.length - DYNAMIC.length && text[at - 1] !== '/';
}
/** Offset in `text` where the value of setting `key` starts. */
function locateParam(text, key, form) {
    if (form === 'uri') {
        const q = text.indexOf('?');
        if (q < 0)
            return undefined;
        let pos = q + 1;
        for (const part of text.slice(q + 1).split('&')) {
            const eq = part.indexOf('=');
            if (eq >= 0 && safeDecode(part.slice(0, eq)).toLowerCase() === key)
                return pos + eq + 1;
            pos += part.length + 1;
        }
        return undefined;
    }
    // Keyword DSN: `key = value` at the start or after whitespace.
    const lower = text.toLowerCase();
    for (let i = lower.indexOf(key); i >= 0; i = lower.indexOf(key, i + 1)) {
        if (i > 0 && !/\s/.test(lower[i - 1]))
            continue;
        let j = i + key.length;
        while (lower[j] === ' ' || lower[j] === '\t')
            j++;
        if (lower[j] !== '=')
            continue;
        j++;
        while (lower[j] === ' ' || lower[j] === '\t')
            j++;
        return lower[j] === "'" ? j + 1 : j;
    }
    return undefined;
}
/** Offset where a URI's password starts (mirrors parseConnectionUri's reading of userinfo). */
function locateUriPassword(text) {
    const start = text.indexOf('://');
    if (start < 0)
        return undefined;
    const rest = text.slice(start + 3);
    let cut = rest.length;
    for (const c of ['#', '?']) {
        const at = rest.indexOf(c);
        if (at >= 0 && at < cut)
            cut = at;
    }
    const at = rest.slice(0, cut).lastIndexOf('@');
    if (at < 0)
        return undefined;
    const colon = rest.slice(0, at).indexOf(':');
    return colon < 0 ? undefined : start + 3 + colon + 1;
}
function safeDecode(s) {
    try {
        return decodeURIComponent(s);
    }
    catch {
        return s;
    }
}

/**
 * Display forms for connections that are not one string (a string's display is the redacted
 * string itself). A password is only ever shown as the mask; unknown values as `{…}`.
 */
function shown(p) {
    return p?.value === undefined ? '{…}' : showDynamic(p.value);
}
const URL_PARTS = new Set(['user', 'host', 'port', 'dbname']);
/** `postgresql+psycopg2://app:****@db:26257/app?sslmode=disable` for URL.create(). */
function urlDisplay(scheme, driver, params, hosts, hasPassword) {
    const user = params.has('user') ? shown(params.get('user')) : '';
    const auth = user || hasPassword ? `${user}${hasPassword ? `:${MASK}` : ''}@` : '';
    const host = hosts ? hosts.join(',') : '{…}';
    const port = params.has('port') ? `:${shown(params.get('port'))}` : '';
    const db = params.has('dbname') ? shown(params.get('dbname')) : '';
    const query = [...params]
        .filter(([k]) => !URL_PARTS.has(k))
        .map(([k, p]) => `${k}=${shown(p)}`)
        .join('&');
    const name = scheme === undefined ? '{…}' : driver ? `${scheme}+${driver}` : scheme;
    return `${name}://${auth}${host}${port}/${db}${query ? `?${query}` : ''}`;
}
/** `host=db dbname=app sslmode=disable password=****` for keyword arguments. */
function argumentDisplay(params, hasPassword, unknownString) {
    const parts = unknownString ? ['{…}'] : [];
    for (const [k, p] of params)
        parts.push(`${k}=${shown(p)}`);
    if (hasPassword)
        parts.push(`password=${MASK}`);
    return parts.join(' ');
}

/** asyncpg `ssl=` modes that may run without TLS. */
const WEAK_SSL_STRINGS = new Set(['disable', 'allow', 'prefer']);
function fallbackNote(value) {
    const v = value.toLowerCase();
    return v === 'allow' || v === 'prefer' ? ' (falls back to plaintext)' : '';
}
/** `ssl=False`, `ssl="prefer"`, or an unverifying SSLContext handed to the driver. */
function tlsFromSettings(ctx, settings, driver, hosts) {
    const out = [];
    const label = driver === 'asyncpg' ? 'asyncpg' : 'driver';
    for (const st of settings) {
        const name = normalizeParam(st.name);
        if (!TLS_OBJECT_KEYS.has(name))
            continue;
        // libpq drivers take no `ssl` argument: only an SSLContext matters there.
        if (driver !== 'libpq') {
            if (st.value.kind === 'const' && st.value.value === false) {
                out.push({ span: spanOf$1(st.node), detail: `${label} ${name}=False: TLS is off`, hosts });
                continue;
            }
            const s = asStr(st.value);
            if (st.value.kind === 'str' && s && isKnown(s)) {
                const v = joinText(s);
                if (WEAK_SSL_STRINGS.has(v.toLowerCase())) {
                    const single = s.segments.length === 1 ? s.segments[0] : undefined;
                    out.push({
                        span: single?.literal ? spanOf$1(single.literal) : spanOf$1(st.node),
                        detail: `${label} ${name}="${v}"${fallbackNote(v)}`,
                        hosts,
                    });
                }
                continue;
            }
        }
        const weak = ctx.ssl.weaknessOf(st.node);
        if (weak)
            out.push({ span: spanOf$1(weak.node), detail: weak.detail, hosts });
    }
    return out;
}
/**
 * asyncpg reads `?ssl=` from a SQLAlchemy URL the way it reads its `ssl=` argument (which,
 * when also given, overrides it and is checked by tlsFromSettings).
 */
function tlsFromUriParam(ssl, hosts) {
    if (!ssl?.value || !WEAK_SSL_STRINGS.has(ssl.value.toLowerCase()))
        return [];
    return [{ span: ssl.span, detail: `asyncpg ssl=${ssl.value}${fallbackNote(ssl.value)}`, hosts }];
}

/** `URL.create` and the pre-1.4 `URL(...)` constructor: SQLAlchemy URLs from parts. */
const URL_CREATE = new Set([
    'sqlalchemy.URL.create',
    'sqlalchemy.engine.URL.create',
    'sqlalchemy.engine.url.URL.create',
    'sqlalchemy.engine.url.URL',
    'sqlalchemy.engine.URL',
]);
// URL.create(drivername, username, password, host, port, database, query): positions 1..5.
const FIELDS = [
    ['username', 'user'],
    ['password', 'password'],
    ['host', 'host'],
    ['port', 'port'],
    ['database', 'dbname'],
];
/** A `URL.create(...)` call's parts as connection settings under libpq names. */
function urlSettings(ctx, call) {
    const args = callArguments(call);
    const settings = [];
    let scheme;
    let driver;
    const driverNode = argument(args, 0, 'drivername');
    const driverValue = driverNode ? asStr(ctx.evaluator.evaluate(driverNode)) : undefined;
    if (driverValue && isKnown(driverValue)) {
        const name = joinText(driverValue).toLowerCase();
        const plus = name.indexOf('+');
        scheme = plus >= 0 ? name.slice(0, plus) : name;
        driver = plus >= 0 ? name.slice(plus + 1) : undefined;
    }
    FIELDS.forEach(([param, setting], i) => {
        const node = argument(args, i + 1, param);
        if (node)
            settings.push({ name: setting, value: ctx.evaluator.evaluate(node), node });
    });
    let open = args.listSplat || args.doubleSplats.length > 0;
    const queryNode = argument(args, 6, 'query');
    if (queryNode)
        open = addDict(settings, ctx.evaluator.evaluate(queryNode)) || open;
    return { scheme, driver, settings, open };
}

/** SQLAlchemy dialects whose DBAPI is libpq underneath. */
const LIBPQ_DBAPIS = new Set(['psycopg2', 'psycopg', 'psycopg_async', 'psycopg2cffi', 'pygresql', 'aiopg']);
/**
 * A connection string that no connect call is seen to use (anywhere in a file, or one of several
 * inside a configuration-text literal): judged as written, never as reaching a driver, and a
 * keyword DSN only with two libpq pairs or more.
 */
function buildStandaloneConnection(ctx, conninfo) {
    return buildConnection(ctx, {
        conninfo,
        settings: [],
        open: false,
        sink: 'standalone',
        reachesDriver: false,
        call: undefined,
        minPairs: 2,
    });
}
function buildConnection(ctx, input) {
    const consumed = [];
    const base = readBase(ctx, input, consumed);
    if (base === undefined)
        return undefined;
    if ((input.sink === 'standalone' || input.sink === 'config') && !base.read)
        return undefined;
    const { params } = base;
    let { hosts, password } = base;
    // The URI's own `ssl` before any argument overrides it (see tlsFromUriParam).
    const uriSsl = base.form === 'uri' ? params.get('ssl') : undefined;
    const settings = [...base.settings, ...input.settings];
    let hostSet = false;
    let hostKnown = true;
    for (const st of settings) {
        for (const lit of literalsOf(st.value))
            consumed.push(lit.id);
        const name = normalizeParam(st.name);
        if (name === 'sslpassword')
            continue; // a secret: kept out of params and displays
        const str = asStr(st.value);
        const known = str && isKnown(str) ? joinText(str) : undefined;
        const envFallbackOf = str?.segments.find((x) => x.text !== DYNAMIC)?.envFallbackOf;
        const provenance = envFallbackOf ? { envFallbackOf } : {};
        if (name === 'password') {
            if (known !== undefined && !isPlaceholder(known)) {
                password = { value: known, span: spanOf$1(st.node), source: 'argument', ...provenance };
            }
            continue;
        }
        if (name === 'host' || name === 'hostaddr') {
            // An argument replaces the string's hosts (libpq: later settings win).
            if (!hostSet)
                hosts = [];
            hostSet = true;
            if (known === undefined)
                hostKnown = false;
            else
                hosts?.push(...known.split(',').map((h) => h.trim()));
        }
        // Where the value was written: its literal (a constant's, an env fallback's), else the argument.
        const single = str && str.segments.length === 1 ? str.segments[0] : undefined;
        const objectValue = TLS_OBJECT_KEYS.has(name) && st.value.kind !== 'str' && st.value.kind !== 'const';
        params.set(name, {
            value: objectValue ? undefined : known,
            span: single?.literal ? spanOf$1(single.literal) : spanOf$1(st.node),
            ...provenance,
        });
    }
    if (!hostKnown)
        hosts = undefined;
    // Settings the analysis cannot see may name another host or set sslmode: stay silent on hosts.
    if (!hostSet && (base.hidden || base.open || input.open))
        hosts = undefined;
    if (!base.read && params.size === 0 && password === undefined)
        return undefined;
    const anchorNode = base.anchor ?? input.call;
    if (!anchorNode)
        return undefined;
    const driver = driverOf(input.sink, base.form, base.scheme, base.schemeDriver);
    const display = base.display ??
        (base.urlCall
            ? urlDisplay(base.scheme, base.schemeDriver, params, hosts, password !== undefined)
            : argumentDisplay(params, password !== undefined, input.conninfo !== undefined && !base.read));
    const sslArgument = settings.some((st) => TLS_OBJECT_KEYS.has(normalizeParam(st.name)));
    const driverTls = [
        ...(driver === 'asyncpg' && !sslArgument ? tlsFromUriParam(uriSsl, hosts) : []),
        ...tlsFromSettings(ctx, settings, driver, hosts),
    ];
    const fact = {
        origin: base.origin,
        span: spanOf$1(anchorNode),
        display,
        hosts,
        params,
        password,
        driver,
        reachesDriver: input.reachesDriver,
        ...(base.envFallbackOf ? { envFallbackOf: base.envFallbackOf } : {}),
    };
    return { fact, anchor: anchorNode.id, driverTls, consumed };
}
/** The string or URL.create part; undefined when a free-standing string is a template. */
function readBase(ctx, input, consumed) {
    const base = {
        origin: 'arguments',
        display: undefined,
        anchor: undefined,
        envFallbackOf: undefined,
        scheme: undefined,
        schemeDriver: undefined,
        form: undefined,
        // No host anywhere means libpq's default, the local socket: [] until something says otherwise.
        hosts: [],
        params: new Map(),
        password: undefined,
        hidden: false,
        read: false,
        settings: [],
        open: false,
        urlCall: undefined,
    };
    const value = input.conninfo;
    if (!value)
        return base;
    for (const lit of literalsOf(value))
        consumed.push(lit.id);
    if (value.kind === 'call' && value.callee.some((c) => URL_CREATE.has(c))) {
        consumed.push(value.node.id);
        const url = urlSettings(ctx, value.node);
        return {
            ...base,
            anchor: value.node,
            urlCall: value.node,
            scheme: url.scheme,
            schemeDriver: url.driver,
            settings: url.settings,
            open: url.open,
            read: true,
        };
    }
    const s = asStr(value);
    // A string we cannot read (or none at all) may still carry settings.
    if (!s || isWhollyDynamic(s))
        return { ...base, hidden: true };
    const reading = readConnectionString(s, {
        minPairs: input.minPairs,
        expected: input.sink !== 'standalone',
        fallback: input.call,
    });
    if (reading === 'template')
        return undefined;
    if (!reading)
        return { ...base, hidden: true };
    return {
        ...base,
        origin: reading.parsed.form,
        display: reading.parsed.redacted,
        anchor: reading.anchor,
        envFallbackOf: reading.envFallbackOf,
        scheme: reading.parsed.scheme,
        schemeDriver: reading.parsed.driver,
        form: reading.parsed.form,
        hosts: reading.hosts,
        params: reading.params,
        password: reading.password,
        hidden: reading.hidden,
        read: true,
    };
}
function driverOf(sink, form, scheme, schemeDriver) {
    if (sink === 'libpq')
        return 'libpq';
    if (sink === 'asyncpg')
        return 'asyncpg';
    // Only libpq reads keyword DSNs; SQLAlchemy and asyncpg want URLs.
    if (form === 'keyword-dsn')
        return sink === 'standalone' ? 'libpq' : 'unknown';
    if (scheme === undefined)
        return 'unknown';
    // A bare postgresql:// or cockroachdb:// means psycopg2 to SQLAlchemy; a free string says nothing.
    if (schemeDriver === undefined)
        return sink === 'standalone' ? 'unknown' : 'libpq';
    if (schemeDriver === 'asyncpg')
        return 'asyncpg';
    return LIBPQ_DBAPIS.has(schemeDriver) ? 'libpq' : 'unknown';
}

/**
 * Identifies a connection string by where it was written and what it evaluates to: the first
 * literal it was built from plus its text. The same constant reaching a config key and a connect
 * call has one key (one fact); `BASE + "?sslmode=a"` and `BASE + "?sslmode=b"` have two.
 */
function valueKey(value) {
    if (value.kind === 'call')
        return `call:${value.node.id}`;
    if (value.kind !== 'str')
        return undefined;
    const first = literalsOf(value)[0];
    return first ? `${first.id}|${joinText(value)}` : undefined;
}

const DB_WORDS = new Set([
    'DATABASE',
    'DB',
    'POSTGRES',
    'POSTGRESQL',
    'PG',
    'PSQL',
    'COCKROACH',
    'COCKROACHDB',
    'CRDB',
    'SQLALCHEMY',
]);
const URL_WORDS = new Set(['URL', 'URI', 'DSN']);
/** `DATABASE_URL`, `SQLALCHEMY_DATABASE_URI`, `db_dsn`, `COCKROACH_URL`… */
function isDatabaseUrlName(name) {
    const words = name.toUpperCase().split('_');
    return words.some((w) => DB_WORDS.has(w)) && words.some((w) => URL_WORDS.has(w));
}
function kindOfKey(key) {
    if (key === 'SQLALCHEMY_BINDS')
        return 'binds';
    if (key === 'SQLALCHEMY_ENGINE_OPTIONS')
        return 'engine';
    return isDatabaseUrlName(key) ? 'uri' : undefined;
}
/**
 * What every key kindOfKey accepts spells: a database word and a URL word as two `_`-separated
 * parts of one name (`DATABASE_URL`, `url_of_db`, `"DB_my-app_URL"`), SQLALCHEMY_BINDS or
 * SQLALCHEMY_ENGINE_OPTIONS, or the `engine_options` keyword. Keys are identifiers, keywords or
 * constant strings, so a file that spells none of these has no entry.
 */
const ENTRY_SPELLINGS = (() => {
    const db = [...DB_WORDS].join('|');
    const url = [...URL_WORDS].join('|');
    // Parts between the two may hold any character but a quote or a line break (a string key).
    return new RegExp(`(?:${db})[^'"\\n]*?_(?:${url})|(?:${url})_[^'"\\n]*?(?:${db})|engine_options|sqlalchemy_binds`, 'i');
})();
function collectEntries(ctx) {
    const out = [];
    if (!ENTRY_SPELLINGS.test(ctx.doc.text))
        return out;
    // Keys first, values only for matching keys: most assignments and arguments are not settings,
    // and each child lookup is a WebAssembly call.
    for (const a of ctx.assignments) {
        const left = a.childForFieldName('left');
        if (!left)
            continue;
        let key;
        const leftType = left.type;
        if (leftType === 'identifier')
            key = left.text;
        else if (leftType === 'subscript') {
            const sub = left.childForFieldName('subscript');
            key = sub ? constantStringValue(sub) : undefined;
        }
        const kind = key === undefined ? undefined : kindOfKey(key);
        if (!kind)
            continue;
        let right = a.childForFieldName('right');
        while (right?.type === 'assignment')
            right = right.childForFieldName('right');
        if (right)
            out.push({ kind, value: right });
    }
    for (const kw of ctx.keywordArguments) {
        const name = kw.childForFieldName('name')?.text;
        if (!name)
            continue;
        let kind = kindOfKey(name);
        // Flask-SQLAlchemy's SQLAlchemy(app, engine_options={...}).
        if (!kind && name === 'engine_options') {
            const call = kw.parent?.parent;
            if (call?.type === 'call' && calleeNames(call, ctx.imports).some((n) => n.endsWith('SQLAlchemy')))
                kind = 'engine';
        }
        const value = kind ? kw.childForFieldName('value') : null;
        if (kind && value)
            out.push({ kind, value });
    }
    for (const pair of ctx.pairs) {
        const keyNode = pair.childForFieldName('key');
        const key = keyNode ? constantStringValue(keyNode) : undefined;
        const kind = key === undefined ? undefined : kindOfKey(key);
        const value = kind ? pair.childForFieldName('value') : null;
        if (kind && value)
            out.push({ kind, value });
    }
    // os.getenv("DATABASE_URL", "postgresql://...") and os.environ.setdefault(...): the URL the
    // program runs with whenever the variable is missing.
    for (const call of ctx.calls) {
        const env = envLookupOfCall(call, ctx.imports);
        if (env?.name !== undefined && env.fallback && isDatabaseUrlName(env.name)) {
            out.push({ kind: 'uri', value: call });
        }
    }
    return out;
}
/**
 * Connection facts for the file's framework settings. `callKeys` are the valueKeys of strings
 * that reach a connect call: those already have a fact there and get none here.
 */
function configConnections(ctx, callKeys) {
    const entries = collectEntries(ctx);
    if (entries.length === 0)
        return [];
    const engineSettings = [];
    let engineOpen = false;
    let engineNode;
    const items = [];
    const addUri = (value, settings, open) => {
        const key = valueKey(value);
        if (key !== undefined)
            items.push({ value, key, settings, open });
    };
    for (const entry of entries) {
        const value = ctx.evaluator.evaluate(entry.value);
        if (entry.kind === 'uri') {
            addUri(value, [], false);
        }
        else if (entry.kind === 'engine') {
            const ca = value.kind === 'dict' ? value.entries.get('connect_args') : undefined;
            if (value.kind !== 'dict')
                engineOpen = true;
            if (ca) {
                engineOpen = addDict(engineSettings, ca.value) || engineOpen;
                engineNode ??= unparenthesize(ca.valueNode);
            }
        }
        else if (value.kind === 'dict') {
            for (const bind of value.entries.values()) {
                if (bind.value.kind === 'dict') {
                    // Flask-SQLAlchemy 3: {"url": ..., "connect_args": {...}, ...engine options}
                    const url = bind.value.entries.get('url');
                    if (!url)
                        continue;
                    const own = [];
                    const ca = bind.value.entries.get('connect_args');
                    const open = ca ? addDict(own, ca.value) : false;
                    addUri(url.value, own, open);
                }
                else {
                    addUri(bind.value, [], false);
                }
            }
        }
    }
    const out = [];
    const seen = new Set();
    let anyUri = false;
    for (const item of items) {
        anyUri = true;
        if (seen.has(item.key))
            continue;
        seen.add(item.key);
        const built = buildConnection(ctx, {
            conninfo: item.value,
            settings: [...engineSettings, ...item.settings],
            open: engineOpen || item.open,
            sink: 'config',
            reachesDriver: true,
            call: undefined,
            minPairs: 1,
        });
        if (!built)
            continue;
        if (callKeys.has(item.key)) {
            // The connect call's fact stands for this string; only account for its literals here.
            for (const id of built.consumed)
                ctx.consumed.add(id);
            continue;
        }
        out.push(built);
    }
    // connect_args with the URI itself from the environment: still settings on their way to the driver.
    if (!anyUri && engineNode && engineSettings.length > 0) {
        const built = buildConnection(ctx, {
            conninfo: undefined,
            settings: engineSettings,
            open: true,
            sink: 'sqlalchemy',
            reachesDriver: true,
            call: engineNode,
            minPairs: 1,
        });
        if (built)
            out.push(built);
    }
    return out;
}

const CREATE_DEFAULT = new Set(['ssl.create_default_context']);
const SSL_CONTEXT = new Set(['ssl.SSLContext']);
const UNVERIFIED = new Set(['ssl._create_unverified_context']);
const CREATORS = new Set([...CREATE_DEFAULT, ...SSL_CONTEXT, ...UNVERIFIED]);
class SslContexts {
    scopes;
    imports;
    /** Creation call id → attribute assignments made on the variable holding it. */
    settings = new Map();
    pending;
    /**
     * `assignments` are the file's assignment nodes (those with other targets are skipped). They
     * are indexed on the first question: most files hand no TLS object to a driver.
     */
    constructor(scopes, imports, assignments) {
        this.scopes = scopes;
        this.imports = imports;
        this.pending = assignments;
    }
    ensureBuilt() {
        const pending = this.pending;
        if (pending === undefined)
            return;
        this.pending = undefined;
        for (const a of pending)
            this.record(a);
    }
    record(assignment) {
        const left = assignment.childForFieldName('left');
        const right = assignment.childForFieldName('right');
        if (left?.type !== 'attribute' || !right)
            return;
        const attribute = left.childForFieldName('attribute')?.text;
        if (attribute !== 'check_hostname' && attribute !== 'verify_mode')
            return;
        const object = left.childForFieldName('object');
        if (object?.type !== 'identifier')
            return;
        const creation = this.creationOf(object);
        if (!creation)
            return;
        const verifies = attribute === 'check_hostname' ? booleanOf(right) : this.verifyModeVerifies(right);
        const list = this.settings.get(creation.id) ?? [];
        list.push({ attribute, verifies, node: assignment });
        this.settings.set(creation.id, list);
    }
    /** The context-creating call a variable holds (assigned once), if any. */
    creationOf(expr) {
        const e = unparenthesize(expr);
        if (e.type === 'call')
            return matchCallee(e, this.imports, CREATORS) ? e : undefined;
        if (e.type !== 'identifier')
            return undefined;
        const found = this.scopes.lookup(e);
        if (found.kind !== 'value')
            return undefined;
        const value = unparenthesize(found.value);
        return value.type === 'call' && matchCallee(value, this.imports, CREATORS) ? value : undefined;
    }
    verifyModeVerifies(node) {
        const names = resolveNames(unparenthesize(node), this.imports);
        if (names.some((n) => n.endsWith('CERT_NONE')))
            return false;
        if (names.some((n) => n.endsWith('CERT_REQUIRED') || n.endsWith('CERT_OPTIONAL')))
            return true;
        if (node.type === 'integer')
            return node.text !== '0';
        return undefined;
    }
    /** Why the context passed as `expr` does not verify the server; undefined if it does or is unknown. */
    weaknessOf(expr) {
        this.ensureBuilt();
        const creation = this.creationOf(expr);
        if (!creation)
            return undefined;
        const callee = matchCallee(creation, this.imports, CREATORS);
        const inline = unparenthesize(expr).type === 'call';
        const at = inline ? expr : creation;
        if (callee && UNVERIFIED.has(callee)) {
            return {
                node: at,
                detail: 'ssl._create_unverified_context(): neither the certificate nor the host name is verified',
            };
        }
        const settings = this.settings.get(creation.id) ?? [];
        const last = (attribute) => settings.filter((s) => s.attribute === attribute).pop();
        const hostname = last('check_hostname');
        const mode = last('verify_mode');
        const weakened = [hostname, mode].filter((s) => s?.verifies === false);
        if (weakened.length > 0) {
            const first = weakened.sort((a, b) => a.node.startIndex - b.node.startIndex)[0];
            const what = weakened
                .map((s) => (s.attribute === 'check_hostname' ? 'check_hostname = False' : 'verify_mode = CERT_NONE'))
                .join(' and ');
            return { node: first.node, detail: `SSLContext with ${what}` };
        }
        const args = callArguments(creation);
        if (callee && CREATE_DEFAULT.has(callee)) {
            // Purpose.CLIENT_AUTH makes a server-side context: it does not check the server it talks to.
            const purpose = argument(args, 0, 'purpose');
            if (purpose && resolveNames(purpose, this.imports).some((n) => n.endsWith('Purpose.CLIENT_AUTH'))) {
                return {
                    node: at,
                    detail: 'create_default_context(Purpose.CLIENT_AUTH): a server-side context that does not verify the server',
                };
            }
            return undefined;
        }
        // ssl.SSLContext(): only PROTOCOL_TLS_CLIENT verifies by default; PROTOCOL_TLS and the
        // versioned protocols start with verify_mode = CERT_NONE and check_hostname = False.
        const protocol = argument(args, 0, 'protocol');
        const client = protocol && resolveNames(protocol, this.imports).some((n) => n.endsWith('PROTOCOL_TLS_CLIENT'));
        if (client || hostname?.verifies === true)
            return undefined;
        if (mode?.verifies === true) {
            return { node: at, detail: 'SSLContext without PROTOCOL_TLS_CLIENT leaves check_hostname = False' };
        }
        return { node: at, detail: 'SSLContext without PROTOCOL_TLS_CLIENT defaults to verify_mode = CERT_NONE' };
    }
}
function booleanOf(node) {
    const e = unparenthesize(node);
    if (e.type === 'true')
        return true;
    if (e.type === 'false')
        return false;
    return undefined;
}

function createContext(index, path) {
    // Inherit rather than spread: spreading would run the index's lazy getters (attributes).
    const ctx = {
        path,
        ssl: new SslContexts(index.scopes, index.imports, index.assignments),
        consumed: new Set(),
    };
    return Object.assign(Object.create(index), ctx);
}

/**
 * Connection URIs inside a multi-line string that is itself configuration text: lemur's
 * `CONFIG_TEMPLATE = """...SQLALCHEMY_DATABASE_URI = 'postgresql://lemur:lemur@localhost/lemur'..."""`,
 * written out as the user's config file. The string as a whole is no connection string; each URI
 * in it is one, reported on its own line. (This reads the string's text, which is data: not Python
 * source.)
 */
// A PostgreSQL/CockroachDB URI up to the first quote or blank, as a config line delimits it.
const EMBEDDED_URI = /(?:postgres(?:ql)?|cockroachdb)(?:\+[A-Za-z0-9_]+)?:\/\/[^\s'"`]+/g;
function embeddedConnections(ctx, literal) {
    const out = [];
    // The literal's source text: its line breaks are the lines a reader sees.
    const source = literal.text;
    const start = literal.startPosition;
    for (const m of source.matchAll(EMBEDDED_URI)) {
        const at = m.index;
        const before = source.slice(0, at);
        const lineOffset = before.split('\n').length - 1;
        const column = lineOffset === 0 ? start.column + at : at - before.lastIndexOf('\n') - 1;
        const span = {
            line: start.row + 1 + lineOffset,
            column: column + 1,
            endLine: start.row + 1 + lineOffset,
            endColumn: column + 1 + m[0].length,
        };
        const built = buildStandaloneConnection(ctx, withFields(m[0], literal));
        if (built)
            out.push({ ...built, fact: placed(built.fact, spanOf$1(literal), span) });
    }
    return out;
}
// `{name}` / `%(name)s`: a field the template is formatted with, not text (`.format(password=...)`).
const FIELD = /\{[^{}\s]*\}|%\([^)\s]*\)[a-z]/g;
/** The URI's text with its format fields as unknown parts. */
function withFields(uri, literal) {
    const segments = [];
    let last = 0;
    for (const f of uri.matchAll(FIELD)) {
        segments.push({ text: uri.slice(last, f.index), literal, envFallbackOf: undefined }, DYNAMIC_SEGMENT);
        last = f.index + f[0].length;
    }
    segments.push({ text: uri.slice(last), literal, envFallbackOf: undefined });
    return str(segments);
}
/** The fact with every span that pointed at the whole literal moved to the URI's own line. */
function placed(fact, whole, span) {
    const move = (s) => s.line === whole.line && s.column === whole.column && s.endLine === whole.endLine ? span : s;
    const params = new Map();
    for (const [k, p] of fact.params)
        params.set(k, { ...p, span: move(p.span) });
    return {
        ...fact,
        span: move(fact.span),
        params,
        password: fact.password ? { ...fact.password, span: move(fact.password.span) } : undefined,
    };
}

/**
 * Connection strings that reach no connect call the analysis can see: a URI (or a keyword DSN
 * with two or more libpq pairs) anywhere in the file, except in docstrings. The whole string
 * expression around the literal is evaluated (`"postgresql://" + HOST + "/db"`, an f-string,
 * `.format()`, an env fallback), so a piece is never mistaken for the whole.
 */
function standaloneConnections(ctx) {
    const out = [];
    for (const literal of ctx.strings) {
        if (ctx.consumed.has(literal.id))
            continue;
        // Cheap test before decoding (most literals are messages, keys and docstrings): a URI has
        // "://", a keyword DSN has "=", and only an escape sequence could spell either differently.
        // (Pieces of an implicit concatenation may split a "://" between them: those are decoded.)
        const written = literal.text;
        const maybe = written.includes('://') || written.includes('=') || written.includes('\\');
        if (!maybe && literal.type !== 'concatenated_string')
            continue;
        const text = stringValue(literal);
        if (text === undefined || !mightHoldConnection(text))
            continue;
        if (isDocstring(literal))
            continue;
        const root = expressionRoot(ctx, literal);
        const built = buildStandaloneConnection(ctx, ctx.evaluator.evaluate(root));
        ctx.consumed.add(literal.id);
        if (!built) {
            // A multi-line string of configuration text may hold URIs of its own.
            if (text.includes('\n'))
                out.push(...embeddedConnections(ctx, literal));
            continue;
        }
        for (const id of built.consumed)
            ctx.consumed.add(id);
        out.push(built);
    }
    return out;
}
const SCHEME_BEFORE = /(postgres|cockroach)[a-z0-9+_]*:\/\//i;
const KEYWORD_PAIR = /(?:^|[\s'"])([a-z_]+)\s*=/gi;
/**
 * Could this literal be (part of) a connection string? Checked on its decoded value before the
 * expression around it is evaluated, because evaluation follows names and most literals with a
 * "=" or "://" are messages, SQL or web URLs. A "://" after an unknown part or at the start
 * (`f"{scheme}://..."`, `SCHEME + "://..."`) or a libpq keyword before "=" keeps it.
 */
function mightHoldConnection(text) {
    const sep = text.indexOf('://');
    if (sep >= 0) {
        if (SCHEME_BEFORE.test(text) || sep === 0 || text.slice(0, sep).includes(DYNAMIC))
            return true;
    }
    if (!text.includes('='))
        return false;
    for (const m of text.matchAll(KEYWORD_PAIR)) {
        if (LIBPQ_KEYWORDS.has(m[1].toLowerCase()))
            return true;
    }
    return false;
}
function isMethodCall(call, method) {
    if (call?.type !== 'call')
        return false;
    const fn = call.childForFieldName('function');
    return fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === method;
}
/** Climbs from a literal to the largest string-building expression it is part of. */
function expressionRoot(ctx, literal) {
    const parentOf = ancestry(literal);
    let node = literal;
    for (;;) {
        spend();
        const parent = parentOf(node);
        if (!parent)
            return node;
        switch (parent.type) {
            case 'binary_operator': {
                const op = parent.childForFieldName('operator')?.type;
                if (op !== '+' && op !== '%')
                    return node;
                node = parent;
                break;
            }
            case 'parenthesized_expression':
                node = parent;
                break;
            case 'interpolation': {
                const s = parentOf(parent);
                if (s?.type !== 'string')
                    return node;
                node = topStringNode(s);
                break;
            }
            case 'attribute': {
                // "...{}...".format(...)
                const call = parentOf(parent);
                if (parent.childForFieldName('object')?.id !== node.id || !isMethodCall(call, 'format'))
                    return node;
                node = call;
                break;
            }
            case 'list':
            case 'tuple': {
                // " ".join(["host=db", "sslmode=disable"])
                const args = parentOf(parent);
                const call = args ? parentOf(args) : null;
                if (args?.type !== 'argument_list' || !isMethodCall(call, 'join'))
                    return node;
                node = call;
                break;
            }
            case 'argument_list':
            case 'keyword_argument': {
                const up = parentOf(parent);
                const call = parent.type === 'argument_list' ? up : up ? parentOf(up) : null;
                if (call?.type !== 'call')
                    return node;
                const isFormatArg = isMethodCall(call, 'format');
                const isFallback = envLookupOfCall(call, ctx.imports)?.fallback?.id === node.id;
                if (!isFormatArg && !isFallback)
                    return node;
                node = call;
                break;
            }
            case 'boolean_operator': {
                if (parent.childForFieldName('operator')?.type !== 'or' || parent.childForFieldName('right')?.id !== node.id) {
                    return node;
                }
                node = parent;
                break;
            }
            default:
                return node;
        }
    }
}
/**
 * A parent lookup along the literal's ancestors. web-tree-sitter finds a node's `.parent` by
 * descending from the root, so climbing n parents one by one costs about n² steps: a connect call
 * around `"postgresql://..." + "x" + ... + "x"` (thousands of terms, a left-deep tree) took
 * minutes. Past a short climb, one descent with a tree cursor lists every ancestor at once; other
 * nodes (none on the climb above) fall back to `.parent`.
 */
function ancestry(literal) {
    // Most climbs end after a step or two, where `.parent` is cheaper than a descent that walks the
    // siblings of every ancestor (the module's statements among them, for every literal).
    let steps = 0;
    let listed;
    return (node) => {
        if (listed)
            return listed(node);
        if (++steps <= SHORT_CLIMB)
            return node.parent;
        listed = listAncestors(literal);
        return listed(node);
    };
}
/** Steps climbed with `.parent` before the ancestors are listed at once. */
const SHORT_CLIMB = 32;
function listAncestors(literal) {
    const chain = [];
    const cursor = literal.tree.walk();
    try {
        for (;;) {
            spend();
            const current = cursor.currentNode;
            if (current.id === literal.id)
                break;
            chain.push(current);
            // Into the child that holds the literal: the first that ends after the literal starts.
            // (The cursor's gotoFirstChildForIndex finds none in this web-tree-sitter build.)
            let found = cursor.gotoFirstChild();
            while (found && cursor.endIndex <= literal.startIndex)
                found = cursor.gotoNextSibling();
            if (!found || chain.length > MAX_DESCENT)
                return (node) => node.parent;
        }
    }
    finally {
        cursor.delete();
    }
    chain.reverse(); // nearest first
    const position = new Map([[literal.id, -1]]);
    chain.forEach((n, i) => position.set(n.id, i));
    return (node) => {
        const i = position.get(node.id);
        return i === undefined ? node.parent : (chain[i + 1] ?? null);
    };
}
/** Far deeper than any expression tree-sitter can parse without running out of stack. */
const MAX_DESCENT = 1_000_000;

/**
 * A dict literal whose `sslmode` key holds a literal mode (`Server(...,
 * connection_params={"sslmode": "prefer"})`, `PARAMS = {"host": "db", "sslmode": "disable"}`)
 * that no connect call consumed: connection settings kept for later (a stored server, a
 * settings table), so a setting of its own. The key is libpq's own name, which nothing but a
 * connection setting spells. The host is the dict's `host` key, else a `host=` keyword of the
 * call the dict is an argument of (both written beside the mode, both describe the same server).
 */
function dictSslmodes(ctx) {
    const out = [];
    if (!ctx.doc.text.includes('sslmode'))
        return out;
    for (const pair of ctx.pairs) {
        const keyNode = pair.childForFieldName('key');
        const valueNode = pair.childForFieldName('value');
        const dict = pair.parent;
        if (!keyNode || !valueNode || dict?.type !== 'dictionary')
            continue;
        const key = asStr(ctx.evaluator.evaluate(keyNode));
        if (!key || !isKnown(key) || normalizeParam(joinText(key)) !== 'sslmode')
            continue;
        const value = ctx.evaluator.evaluate(valueNode);
        const text = asStr(value);
        const literals = literalsOf(value);
        const literal = literals[0];
        if (!text || !isKnown(text) || joinText(text) === '' || !literal)
            continue;
        if (literals.some((l) => ctx.consumed.has(l.id)))
            continue;
        for (const l of literals)
            ctx.consumed.add(l.id);
        const mode = joinText(text);
        const envFallbackOf = text.segments.find((s) => s.envFallbackOf)?.envFallbackOf;
        const span = spanOf$1(literal);
        const params = siblingParams(ctx, dict);
        params.set('sslmode', { value: mode, span, ...(envFallbackOf ? { envFallbackOf } : {}) });
        out.push({
            origin: 'setting',
            span,
            display: `connection settings {sslmode: ${mode}}`,
            hosts: hostsBeside(ctx, dict),
            params,
            password: undefined,
            driver: 'unknown',
            reachesDriver: false,
        });
    }
    return out;
}
/**
 * The dict's other literal settings (`sslrootcert` beside `sslmode: require` makes libpq verify the
 * CA): known strings only, never a password.
 */
function siblingParams(ctx, dict) {
    const params = new Map();
    const value = ctx.evaluator.evaluate(dict);
    if (value.kind !== 'dict')
        return params;
    for (const e of value.entries.values()) {
        const name = normalizeParam(e.key);
        const text = asStr(e.value);
        if (SECRET_PARAMS.has(name) || name === 'sslmode' || !text || !isKnown(text))
            continue;
        params.set(name, { value: joinText(text), span: spanOf$1(e.valueNode) });
    }
    return params;
}
/** The literal host written beside the dict's sslmode; undefined when there is none or it is not known. */
function hostsBeside(ctx, dict) {
    let hostNode = hostKeyOf(ctx, dict);
    // Django's `DATABASES = {"default": {"HOST": "localhost", "OPTIONS": {"sslmode": ...}}}`.
    const outer = dict.parent?.type === 'pair' ? dict.parent.parent : undefined;
    if (!hostNode && outer?.type === 'dictionary')
        hostNode = hostKeyOf(ctx, outer);
    if (!hostNode) {
        // dict -> keyword_argument -> argument_list -> call
        const kw = dict.parent;
        const call = kw?.type === 'keyword_argument' ? kw.parent?.parent : undefined;
        if (call?.type === 'call')
            hostNode = callArguments(call).keywords.get('host');
    }
    if (!hostNode)
        return undefined;
    const host = asStr(ctx.evaluator.evaluate(hostNode));
    if (!host || !isKnown(host))
        return undefined;
    return joinText(host)
        .split(',')
        .map((h) => h.trim());
}
/** The value of a dict literal's `host` key (any case), if it has one. */
function hostKeyOf(ctx, dict) {
    let hostNode;
    for (const pair of dict.namedChildren) {
        if (pair.type !== 'pair')
            continue;
        const k = pair.childForFieldName('key');
        const s = k ? asStr(ctx.evaluator.evaluate(k)) : undefined;
        if (s && isKnown(s) && normalizeParam(joinText(s)) === 'host')
            hostNode = pair.childForFieldName('value') ?? undefined;
    }
    return hostNode;
}

/**
 * Lone settings: libpq's environment variables set from Python (`os.environ["PGSSLMODE"] =
 * "disable"`), which every later connection of the process obeys, or written into the
 * environment a subprocess gets (`env["PGSSLMODE"] = ...` for pg_dump: only libpq reads that
 * name, so any dict keyed by it is an environment), and the fallbacks of
 * `*SSLMODE*` variables (`os.environ.get("DB_SSLMODE", "disable")`) that were not traced into
 * a connection.
 */
const PG_ENV = {
    PGSSLMODE: 'sslmode',
    PGSSLROOTCERT: 'sslrootcert',
    PGSSLCERT: 'sslcert',
    PGSSLKEY: 'sslkey',
    PGREQUIRESSL: 'requiressl',
    PGPASSWORD: 'password',
};
const PUTENV = new Set(['os.putenv']);
const ENVIRON_UPDATE = new Set(['os.environ.update', 'environ.update']);
function envWrites(ctx) {
    const out = [];
    // Every name of PG_ENV starts with "PG", and a write names its variable with a constant: a file
    // that never spells "PG" writes none, and its assignments and calls need no look.
    if (!ctx.doc.text.includes('PG'))
        return out;
    for (const a of ctx.assignments) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'subscript' || !right)
            continue;
        const object = left.childForFieldName('value');
        const key = left.childForFieldName('subscript');
        const name = key ? constantStringValue(key) : undefined;
        if (object && name && name in PG_ENV) {
            out.push({ name, value: right, at: right, fallback: false });
        }
    }
    for (const call of ctx.calls) {
        const env = envLookupOfCall(call, ctx.imports);
        if (env) {
            if (env.form === 'setdefault' && env.name && env.name in PG_ENV && env.fallback) {
                out.push({ name: env.name, value: call, at: env.fallback, fallback: true });
            }
            continue;
        }
        if (matchCallee(call, ctx.imports, PUTENV)) {
            const args = callArguments(call);
            const key = argument(args, 0, 'key');
            const value = argument(args, 1, 'value');
            const name = key ? constantStringValue(key) : undefined;
            if (name && value && name in PG_ENV)
                out.push({ name, value, at: value, fallback: false });
        }
        else if (matchCallee(call, ctx.imports, ENVIRON_UPDATE)) {
            const args = callArguments(call);
            for (const [k, v] of args.keywords)
                if (k in PG_ENV)
                    out.push({ name: k, value: v, at: v, fallback: false });
            const first = args.positional[0];
            const dict = first ? ctx.evaluator.evaluate(first) : undefined;
            if (dict?.kind === 'dict') {
                for (const e of dict.entries.values()) {
                    if (e.key in PG_ENV)
                        out.push({ name: e.key, value: e.valueNode, at: e.valueNode, fallback: false });
                }
            }
        }
    }
    return out;
}
function knownText(v) {
    const s = asStr(v);
    return s && isKnown(s) ? joinText(s) : undefined;
}
/**
 * The one branch of `x if c else "prefer"` or `x or "prefer"` that is a literal when the other
 * is not known: the value that runs whenever the other does not apply (pgAdmin's "the server's
 * own sslmode if it has one, else prefer"). Two literal branches are a deliberate choice
 * between known values (`"require" if prod else "disable"`) and stay unknown.
 */
function literalBranch(ctx, node) {
    const expr = unparenthesize(node);
    let branches = [];
    if (expr.type === 'conditional_expression') {
        const parts = conditionalParts(expr);
        branches = [parts[0] ?? null, parts[2] ?? null];
    }
    else if (expr.type === 'boolean_operator' && expr.childForFieldName('operator')?.type === 'or') {
        branches = [expr.childForFieldName('left'), expr.childForFieldName('right')];
    }
    const values = branches.flatMap((b) => (b ? [ctx.evaluator.evaluate(b)] : []));
    if (values.length !== 2)
        return undefined;
    const known = values.filter((v) => knownText(v) !== undefined && literalsOf(v).length > 0);
    return known.length === 1 ? known[0] : undefined;
}
/** One 'setting' fact for all the libpq variables the file sets (they act together). */
function pgEnvSettings(ctx) {
    const writes = envWrites(ctx);
    if (writes.length === 0)
        return undefined;
    const params = new Map();
    let password;
    const shown = [];
    for (const w of writes) {
        const whole = ctx.evaluator.evaluate(w.value);
        const branch = knownText(whole) === undefined ? literalBranch(ctx, w.value) : undefined;
        const value = branch ?? whole;
        for (const lit of literalsOf(value))
            ctx.consumed.add(lit.id);
        const text = knownText(value);
        const param = PG_ENV[w.name];
        const inner = value.kind === 'str' ? value.segments.find((seg) => seg.envFallbackOf)?.envFallbackOf : undefined;
        const fallbackOf = w.fallback ? w.name : inner;
        const fallback = fallbackOf ? { envFallbackOf: fallbackOf } : {};
        if (param === 'password') {
            if (text !== undefined && !isPlaceholder(text))
                password = { value: text, span: spanOf$1(w.at), source: 'argument', ...fallback };
            shown.push(`${w.name}=****`);
            continue;
        }
        const at = branch ? (literalsOf(branch)[0] ?? w.at) : w.at;
        params.set(param, { value: text, span: spanOf$1(at), ...fallback });
        shown.push(`${w.name}=${branch ? '{…} or ' : ''}${text ?? '{…}'}`);
    }
    const first = writes[0];
    return {
        origin: 'setting',
        span: spanOf$1(first.at),
        display: shown.join(' '),
        hosts: undefined,
        params,
        password,
        driver: 'libpq',
        // libpq reads these for every connection the process opens.
        reachesDriver: true,
    };
}
/** What every name isSslmodeVariable accepts spells, whatever its case. */
const SSLMODE_SPELLING = /ssl_?mode/i;
/** Environment variable names that hold an sslmode (DB_SSLMODE, PG_SSL_MODE…). */
function isSslmodeVariable(name) {
    const upper = name.toUpperCase();
    return upper.includes('SSLMODE') || upper.includes('SSL_MODE');
}
/**
 * `os.environ.get("DB_SSLMODE", "disable")` and `os.environ.get("DB_SSLMODE") or "disable"`
 * whose fallback no connection fact accounts for: a setting of its own.
 */
function sslmodeFallbacks(ctx) {
    const out = [];
    // The variable's name is a constant that isSslmodeVariable accepts, so the text spells it.
    if (!SSLMODE_SPELLING.test(ctx.doc.text))
        return out;
    for (const call of ctx.calls) {
        const env = envLookupOfCall(call, ctx.imports);
        if (!env?.name || !isSslmodeVariable(env.name))
            continue;
        let expr;
        if (env.fallback)
            expr = call;
        else {
            // `lookup or "default"`, possibly parenthesised.
            let node = call;
            while (node.parent?.type === 'parenthesized_expression') {
                spend(COSTLY);
                node = node.parent;
            }
            const parent = node.parent;
            if (parent?.type === 'boolean_operator' &&
                parent.childForFieldName('operator')?.type === 'or' &&
                parent.childForFieldName('left')?.id === node.id) {
                expr = parent;
            }
        }
        if (!expr)
            continue;
        const value = ctx.evaluator.evaluate(expr);
        const text = knownText(value);
        const literals = literalsOf(value);
        const literal = literals[0];
        if (text === undefined || text === '' || !literal || literals.some((l) => ctx.consumed.has(l.id)))
            continue;
        for (const l of literals)
            ctx.consumed.add(l.id);
        const span = spanOf$1(unparenthesize(literal));
        out.push({
            origin: 'setting',
            span,
            display: `${env.name} (fallback: sslmode=${text})`,
            hosts: undefined,
            params: new Map([['sslmode', { value: text, span, envFallbackOf: env.name }]]),
            password: undefined,
            driver: 'unknown',
            reachesDriver: false,
            envFallbackOf: env.name,
        });
    }
    return out;
}

/** psycopg2/psycopg pass any libpq keyword through; `database`/`passwd` are psycopg2 aliases. */
const LIBPQ_KWARGS = new Set([...LIBPQ_KEYWORDS, 'database', 'passwd']);
/** asyncpg.connect's connection arguments (not pool sizes, timeouts, codecs). */
const ASYNCPG_KWARGS = new Set([
    'host',
    'port',
    'user',
    'password',
    'passfile',
    'database',
    'ssl',
    'ssl_context',
    'sslcontext',
    'direct_tls',
    'target_session_attrs',
    'krbsrvname',
    'gsslib',
]);
const PSYCOPG2 = { kind: 'libpq', conninfo: { index: 0, keyword: 'dsn' }, keywords: LIBPQ_KWARGS };
const PSYCOPG = { kind: 'libpq', conninfo: { index: 0, keyword: 'conninfo' }, keywords: LIBPQ_KWARGS };
const PSYCOPG_POOL = {
    kind: 'libpq',
    conninfo: { index: 0, keyword: 'conninfo' },
    keywords: undefined,
    kwargsDict: 'kwargs',
};
// psycopg2.pool.*ConnectionPool(minconn, maxconn, *args, **kwargs): the rest goes to connect().
const PSYCOPG2_POOL = { kind: 'libpq', conninfo: { index: 2, keyword: 'dsn' }, keywords: LIBPQ_KWARGS };
const ASYNCPG = { kind: 'asyncpg', conninfo: { index: 0, keyword: 'dsn' }, keywords: ASYNCPG_KWARGS };
const SQLALCHEMY = {
    kind: 'sqlalchemy',
    conninfo: { index: 0, keyword: 'url' },
    keywords: undefined,
    connectArgs: 'connect_args',
};
const SINKS = new Map([
    ['psycopg2.connect', PSYCOPG2],
    ['aiopg.connect', PSYCOPG2],
    ['aiopg.create_pool', PSYCOPG2],
    ['psycopg.connect', PSYCOPG],
    ['psycopg.Connection.connect', PSYCOPG],
    ['psycopg.AsyncConnection.connect', PSYCOPG],
    ['psycopg_pool.ConnectionPool', PSYCOPG_POOL],
    ['psycopg_pool.AsyncConnectionPool', PSYCOPG_POOL],
    ['psycopg_pool.NullConnectionPool', PSYCOPG_POOL],
    ['psycopg_pool.AsyncNullConnectionPool', PSYCOPG_POOL],
    ['psycopg2.pool.SimpleConnectionPool', PSYCOPG2_POOL],
    ['psycopg2.pool.ThreadedConnectionPool', PSYCOPG2_POOL],
    ['psycopg2.pool.PersistentConnectionPool', PSYCOPG2_POOL],
    ['psycopg2.pool.AbstractConnectionPool', PSYCOPG2_POOL],
    ['asyncpg.connect', ASYNCPG],
    ['asyncpg.create_pool', ASYNCPG],
    ['asyncpg.pool.create_pool', ASYNCPG],
    ['asyncpg.connection.connect', ASYNCPG],
    ['sqlalchemy.create_engine', SQLALCHEMY],
    ['sqlalchemy.engine.create_engine', SQLALCHEMY],
    ['sqlalchemy.ext.asyncio.create_async_engine', SQLALCHEMY],
    ['sqlalchemy.ext.asyncio.engine.create_async_engine', SQLALCHEMY],
    ['sqlmodel.create_engine', SQLALCHEMY],
]);
const SINK_NAMES = new Set(SINKS.keys());
/**
 * A callee resolves to a full name through an import that spells its module, or is written out
 * in full: a file that never spells a sink's top-level module calls none of them.
 */
const SINK_MODULES = [...new Set([...SINK_NAMES].map((n) => n.slice(0, n.indexOf('.'))))];
/** Every connect/pool/engine call of the file that tells something about its connection. */
function callSinks(ctx) {
    const out = [];
    if (!mentionsAny(ctx.doc.text, SINK_MODULES))
        return out;
    for (const call of ctx.calls) {
        const name = matchCallee(call, ctx.imports, SINK_NAMES);
        if (!name)
            continue;
        const result = sinkConnection(ctx, call, SINKS.get(name));
        if (result)
            out.push(result);
    }
    return out;
}
function sinkConnection(ctx, call, spec) {
    const args = callArguments(call);
    const conninfoNode = argument(args, spec.conninfo.index, spec.conninfo.keyword);
    const conninfo = conninfoNode ? ctx.evaluator.evaluate(conninfoNode) : undefined;
    const settings = [];
    let open = false;
    if (spec.keywords) {
        for (const [k, v] of args.keywords) {
            if (spec.keywords.has(k))
                settings.push({ name: k, value: ctx.evaluator.evaluate(v), node: v });
        }
    }
    for (const splat of args.doubleSplats) {
        const v = ctx.evaluator.evaluate(splat);
        if (spec.kind === 'sqlalchemy') {
            // create_engine(**options): only a connect_args entry in it concerns the connection.
            const ca = v.kind === 'dict' ? v.entries.get('connect_args') : undefined;
            if (ca)
                open = addDict(settings, ca.value) || open;
        }
        else {
            open = addDict(settings, v) || open;
        }
    }
    for (const keyword of [spec.kwargsDict, spec.connectArgs]) {
        const node = keyword ? args.keywords.get(keyword) : undefined;
        if (node)
            open = addDict(settings, ctx.evaluator.evaluate(node)) || open;
    }
    const built = buildConnection(ctx, {
        conninfo,
        settings,
        open,
        sink: spec.kind,
        reachesDriver: true,
        call,
        minPairs: 1,
    });
    if (!built)
        return undefined;
    return { built, key: conninfo ? valueKey(conninfo) : undefined };
}

/**
 * Connection, driver-TLS and command facts of one Python file.
 *
 * Passes run in an order that lets the most specific one claim a literal first (a claimed
 * literal is never reported again):
 *   1. connect/pool/engine calls (the string, keyword arguments, `connect_args`, `**kwargs`);
 *   2. framework settings (SQLALCHEMY_DATABASE_URI, BINDS, DATABASE_URL-style names,
 *      ENGINE_OPTIONS' connect_args merged into them);
 *   3. `URL.create()` calls nothing above consumed;
 *   4. libpq variables set in os.environ (PGSSLMODE…);
 *   5. any other connection string literal (reachesDriver=false);
 *   6. dict literals with a literal `sslmode` that no connection accounts for;
 *   7. `*SSLMODE*` variable fallbacks no connection accounts for;
 *   8. subprocess/os.system command lines.
 *
 * Deduplication: one fact per literal origin. When one constant reaches several connect calls
 * with the same settings there is one fact; when the calls add different settings there is one
 * fact per distinct combination, each reported at the literal's span. A string that reaches a
 * connect call gets no second fact from a config key naming the same string.
 */
function extractPythonFacts(index, path) {
    const ctx = createContext(index, path);
    const connections = [];
    const driverTls = [];
    const tlsSeen = new Set();
    const factSeen = new Set();
    const add = (built) => {
        for (const id of built.consumed)
            ctx.consumed.add(id);
        const key = `${built.anchor}|${factSignature(built.fact)}`;
        if (!factSeen.has(key)) {
            factSeen.add(key);
            connections.push(built.fact);
        }
        for (const t of built.driverTls) {
            const k = `${t.span.line}:${t.span.column}:${t.detail}`;
            if (tlsSeen.has(k))
                continue;
            tlsSeen.add(k);
            driverTls.push(t);
        }
    };
    const sinks = callSinks(ctx);
    const callKeys = new Set();
    for (const s of sinks) {
        add(s.built);
        if (s.key !== undefined)
            callKeys.add(s.key);
    }
    for (const built of configConnections(ctx, callKeys))
        add(built);
    for (const built of urlCreates(ctx))
        add(built);
    const pg = pgEnvSettings(ctx);
    if (pg)
        connections.push(pg);
    for (const built of standaloneConnections(ctx))
        add(built);
    connections.push(...dictSslmodes(ctx));
    connections.push(...sslmodeFallbacks(ctx));
    const commands = commandFacts(ctx);
    // Passes find facts in their own order; report them in file order.
    connections.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
    driverTls.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
    return { connections, driverTls, commands };
}
/** `URL.create(...)` builds a connection even when the analysis cannot see where it goes. */
function urlCreates(ctx) {
    const out = [];
    // Every URL_CREATE name lives in sqlalchemy, which an import or the written name spells.
    if (!ctx.doc.text.includes('sqlalchemy'))
        return out;
    for (const call of ctx.calls) {
        if (ctx.consumed.has(call.id))
            continue;
        const callee = matchCallee(call, ctx.imports, URL_CREATE);
        if (!callee)
            continue;
        // URL(...) without arguments is a type reference in disguise, not a connection.
        const args = callArguments(call);
        if (args.positional.length === 0 && args.keywords.size === 0)
            continue;
        const built = buildConnection(ctx, {
            conninfo: { kind: 'call', callee: [callee], node: call },
            settings: [],
            open: false,
            sink: 'sqlalchemy',
            reachesDriver: true,
            call,
            minPairs: 1,
        });
        if (built)
            out.push(built);
    }
    return out;
}
/** What makes two facts at one anchor the same fact. */
function factSignature(f) {
    const params = [...f.params].map(([k, p]) => `${k}=${p.value ?? '\u0000'}@${p.span.line}:${p.span.column}`);
    return JSON.stringify([
        f.origin,
        f.display,
        f.hosts ?? null,
        params,
        f.password ? [f.password.span.line, f.password.span.column, f.password.source] : null,
        f.driver,
        f.reachesDriver,
    ]);
}

const INSTRUCTIONS = new Set([
    'FROM',
    'RUN',
    'CMD',
    'LABEL',
    'MAINTAINER',
    'EXPOSE',
    'ENV',
    'ADD',
    'COPY',
    'ENTRYPOINT',
    'VOLUME',
    'USER',
    'WORKDIR',
    'ARG',
    'ONBUILD',
    'STOPSIGNAL',
    'HEALTHCHECK',
    'SHELL',
]);
const HEREDOC$1 = /<<(-?)\s*(?:"([^"\s]+)"|'([^'\s]+)'|([A-Za-z_][A-Za-z0-9_]*))/g;
/** One instruction with its continuation lines joined, and where each joined piece came from. */
class Logical {
    pieces = [];
    text = '';
    append(s, fileOffset) {
        this.pieces.push({ at: this.text.length, file: fileOffset });
        this.text += s;
    }
    /** File offset of a joined offset; an end offset stays on the piece it ends. */
    file(o, isEnd) {
        let k = this.pieces.length - 1;
        while (k > 0 && (isEnd ? this.pieces[k].at >= o : this.pieces[k].at > o))
            k--;
        const p = this.pieces[k];
        return p.file + (o - p.at);
    }
}
/**
 * Dockerfiles (`Dockerfile`, `Dockerfile.*`, `*.dockerfile`, `Containerfile`), following the
 * BuildKit frontend's rules: the `# escape=` directive, line continuations (comment and empty
 * lines inside one are dropped), here-documents. `ENV K=V` / `ENV K V` / `ARG K=V` are entries;
 * `RUN`, `CMD`, `ENTRYPOINT` and `HEALTHCHECK CMD`, in shell form (split into simple commands) or
 * JSON exec form, are commands. `CMD`/`ENTRYPOINT` carry the stage's `FROM` image, whose
 * entrypoint may supply the program. An unknown instruction is an error.
 */
function parseDockerfile(text) {
    const lines = new LineIndex(text);
    const raw = text.split('\n').map((l) => l.replace(/\r$/, ''));
    const starts = [];
    let off = 0;
    for (const l of text.split('\n')) {
        starts.push(off);
        off += l.length + 1;
    }
    const entries = [];
    const commands = [];
    const stages = new Map();
    let image;
    let escape = '\\';
    let directives = true;
    for (let k = 0; k < raw.length; k++) {
        const line = raw[k];
        const trimmed = line.trim();
        if (directives) {
            const d = /^#\s*([A-Za-z]+)\s*=\s*(\S+)\s*$/.exec(trimmed);
            if (d && d[1].toLowerCase() === 'escape')
                escape = d[2][0] ?? '\\';
            if (d)
                continue;
            directives = false;
        }
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        const startLine = k;
        const logical = new Logical();
        const lead = line.length - line.trimStart().length;
        let piece = line.slice(lead);
        let pieceFile = starts[k] + lead;
        for (;;) {
            const cont = continuation(piece, escape);
            if (cont === undefined || k + 1 >= raw.length) {
                logical.append(piece.replace(/\s+$/, ''), pieceFile);
                break;
            }
            logical.append(piece.slice(0, cont), pieceFile);
            k++;
            while (k + 1 < raw.length && /^\s*(#.*)?$/.test(raw[k]))
                k++; // comments and blanks inside
            piece = raw[k];
            pieceFile = starts[k];
        }
        const m = /^([A-Za-z]+)(\s+|$)/.exec(logical.text);
        const word = m?.[1]?.toUpperCase();
        if (!m || !word || !INSTRUCTIONS.has(word)) {
            throw syntaxError('Dockerfile', startLine + 1, 
            // The line says where; the text itself is not quoted (it may be a secret on a broken line).
            'unknown instruction');
        }
        const argsAt = m[0].length;
        const args = logical.text.slice(argsAt);
        const spanOf = (s, e) => lines.span(logical.file(argsAt + s, false), logical.file(argsAt + e, true));
        // Here-documents: their bodies follow the instruction; a `RUN <<EOF` body is the script.
        const heredocs = [...args.matchAll(HEREDOC$1)];
        let heredocScript;
        for (const h of heredocs) {
            const delim = h[2] ?? h[3] ?? h[4] ?? '';
            const bodyStart = k + 1;
            let j = bodyStart;
            while (j < raw.length && (h[1] === '-' ? raw[j].replace(/^\t+/, '') : raw[j]) !== delim)
                j++;
            if (word === 'RUN' && heredocs.length === 1 && stripFlags(args).trim() === h[0] && j > bodyStart) {
                const from = starts[bodyStart];
                const to = starts[j - 1] + raw[j - 1].length;
                const body = text.slice(from, to);
                if (!/^#!\s*\S*(python|node|perl|ruby)/.test(body))
                    heredocScript = { text: body, start: from };
            }
            k = Math.min(j, raw.length - 1);
        }
        switch (word) {
            case 'FROM': {
                const words = shellWords(args).filter((w) => !w.startsWith('--'));
                const ref = words[0];
                image = ref !== undefined ? (stages.get(ref.toLowerCase()) ?? ref) : undefined;
                if (words[1]?.toLowerCase() === 'as' && words[2] && image)
                    stages.set(words[2].toLowerCase(), image);
                break;
            }
            case 'ENV':
            case 'ARG':
                for (const x of assignments(word, args, spanOf))
                    entries.push(x);
                break;
            case 'RUN':
                // Loops, not push(...list): a RUN of 200,000 commands would overflow the stack.
                if (heredocScript) {
                    const base = heredocScript.start;
                    const found = scriptCommands(heredocScript.text, (s, e) => lines.span(base + s, base + e));
                    for (const x of found)
                        commands.push(x);
                }
                else {
                    const found = runForm(stripFlags(args), args.length - stripFlags(args).length, spanOf, undefined);
                    for (const x of found)
                        commands.push(x);
                }
                break;
            case 'CMD':
            case 'ENTRYPOINT':
                for (const x of runForm(args, 0, spanOf, image))
                    commands.push(x);
                break;
            case 'HEALTHCHECK': {
                const cmd = /^(?:--\S+\s+)*CMD\s+/i.exec(args);
                if (cmd)
                    for (const x of runForm(args.slice(cmd[0].length), cmd[0].length, spanOf, undefined))
                        commands.push(x);
                break;
            }
        }
    }
    return { format: 'dockerfile', entries, commands };
}
/** Index where the continuation escape starts, when the line ends with one. */
function continuation(line, escape) {
    const t = line.replace(/[ \t]+$/, '');
    if (!t.endsWith(escape))
        return undefined;
    // an escaped escape (`\\`) does not continue
    let n = 0;
    for (let i = t.length - 1; i >= 0 && t[i] === escape; i--)
        n++;
    return n % 2 === 1 ? t.length - 1 : undefined;
}
/** `RUN --mount=... --network=none cmd` → `cmd`. */
function stripFlags(args) {
    return args.replace(/^(?:--[A-Za-z-]+(?:=(?:"[^"]*"|'[^']*'|\S)*)?\s+)*/, '');
}
/** Exec form (a JSON array of strings) or shell form. `skip` is where `text` starts in the args. */
function runForm(text, skip, spanOf, image) {
    const t = text.trimEnd();
    if (t.startsWith('[')) {
        try {
            const arr = JSON.parse(t);
            if (Array.isArray(arr) && arr.every((a) => typeof a === 'string')) {
                const span = spanOf(skip, skip + t.length);
                return arr.length > 0
                    ? [{ argv: arr, span, image }, ...wrapperCommands(arr, span)]
                    : [];
            }
        }
        catch {
            // not JSON: Docker runs it in shell form
        }
    }
    return scriptCommands(t, (s, e) => spanOf(skip + s, skip + e), image);
}
/** `ENV A=1 B="two words"`, legacy `ENV A one two`, `ARG A=1`: one entry per assignment. */
function assignments(word, args, spanOf) {
    const out = [];
    const body = args.trimEnd();
    const firstWord = /^\S+/.exec(body)?.[0] ?? '';
    if (!firstWord.includes('=')) {
        if (word !== 'ENV')
            return out; // `ARG NAME`: no default
        const sp = /^(\S+)\s+/.exec(body);
        if (!sp)
            return out;
        const key = sp[1];
        const raw = body.slice(sp[0].length);
        const value = raw.length >= 2 && (raw[0] === '"' || raw[0] === "'") && raw[raw.length - 1] === raw[0] ? raw.slice(1, -1) : raw;
        out.push({ path: [key], key, value, span: spanOf(sp[0].length, body.length), document: 0 });
        return out;
    }
    const words = shellWords(body);
    let cursor = 0;
    for (const w of words) {
        const eq = w.indexOf('=');
        if (eq <= 0)
            continue;
        const key = w.slice(0, eq);
        const at = findWord(body, `${key}=`, cursor);
        const valueStart = at < 0 ? 0 : at + key.length + 1;
        const valueEnd = at < 0 ? body.length : wordEnd(body, valueStart);
        cursor = valueEnd;
        out.push({ path: [key], key, value: w.slice(eq + 1), span: spanOf(valueStart, valueEnd), document: 0 });
    }
    return out;
}
/** Offset of `needle` at a word start at or after `from`; -1 when absent. */
function findWord(s, needle, from) {
    for (let i = s.indexOf(needle, from); i >= 0; i = s.indexOf(needle, i + 1)) {
        if (i === 0 || /\s/.test(s[i - 1]))
            return i;
    }
    return -1;
}
/** End of the word starting at `i`: the first blank outside quotes. */
function wordEnd(s, i) {
    let quote = '';
    for (; i < s.length; i++) {
        const c = s[i];
        if (quote) {
            if (c === '\\' && quote === '"')
                i++;
            else if (c === quote)
                quote = '';
        }
        else if (c === '\\')
            i++;
        else if (c === '"' || c === "'")
            quote = c;
        else if (/\s/.test(c))
            break;
    }
    return Math.min(i, s.length);
}

var dist = {exports: {}};

var hasRequiredDist;

function requireDist () {
	if (hasRequiredDist) return dist.exports;
	hasRequiredDist = 1;
	var j=(e,n)=>()=>{try{return n||e((n={exports:{}}).exports,n),n.exports}catch(t){throw n=0,t}};var R=j((Z,N)=>{function T(e){return typeof e=="string"?!["false","0","no","off",""].includes(e.toLowerCase()):!!e}function U(e=process.env){let n={};for(let t of ["ENCODING","PATH","QUIET","DEBUG","OVERRIDE","FAST"]){let r=e[`DOTENV_${t}`]!=null?e[`DOTENV_${t}`]:e[`DOTENV_CONFIG_${t}`];r!=null&&(n[t.toLowerCase()]=t==="ENCODING"||t==="PATH"?r:T(r));}return n}N.exports={parseBoolean:T,optionsFromEnv:U};});var P=j((ee,b)=>{var F=fs__default,_=path,B=os__default,{URL:L,fileURLToPath:Q}=require$$3,{parseBoolean:$,optionsFromEnv:I}=R(),G=/(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/mg,y=new Uint8Array(256);for(let e=48;e<=57;e++)y[e]=1;for(let e=65;e<=90;e++)y[e]=1;for(let e=97;e<=122;e++)y[e]=1;y[45]=1;y[46]=1;y[95]=1;function H(e){let n={},t=e.toString();t=t.replace(/\r\n?/mg,`
`);let r;for(;(r=G.exec(t))!=null;){let o=r[1],i=r[2]||"";i=i.trim();let c=i[0];i=i.replace(/^(['"`])([\s\S]*)\1$/mg,"$2"),c==='"'&&(i=i.replace(/\\n/g,`
`),i=i.replace(/\\r/g,"\r")),n[o]=i;}return n}function g(e){return e<=32?e===32||e>=9&&e<=13:e>=160&&(e===160||e===5760||e>=8192&&e<=8202||e===8232||e===8233||e===8239||e===8287||e===12288||e===65279)}function O(e){return e===10||e===8232||e===8233}function V(e){let n={},t=typeof e=="string"?e:e.toString();t.indexOf("\r")!==-1&&(t=t.replace(/\r\n?/g,`
`));let r=t.length,o=0;for(;o<r;){let i=t.charCodeAt(o);for(;o<r&&g(i);)o++,i=t.charCodeAt(o);if(o>=r)break;if(i===35){for(;o<r&&!O(t.charCodeAt(o));)o++;continue}let c=-1;if(i===101&&o+6<r&&t.charCodeAt(o+1)===120&&t.charCodeAt(o+2)===112&&t.charCodeAt(o+3)===111&&t.charCodeAt(o+4)===114&&t.charCodeAt(o+5)===116){let u=t.charCodeAt(o+6);if(g(u)){let s=o+7;for(;s<r&&g(t.charCodeAt(s));)s++;y[t.charCodeAt(s)]&&(c=o+6,o=s);}else i=t.charCodeAt(o);}let E=o,p=0;for(;o<r&&(p=t.charCodeAt(o),y[p]);)o++;if(o===E){for(;o<r&&!O(t.charCodeAt(o));)o++;continue}let k=t.slice(E,o),D=o;if(o>=r&&(p=0),g(p))do o++,p=o<r?t.charCodeAt(o):0;while(g(p));if(p===61)o++;else if(p===58&&o===D&&o+1<r&&g(t.charCodeAt(o+1)))o+=2;else {for(o=c===-1?D:c;o<r&&!O(t.charCodeAt(o));)o++;continue}let d=o,l=o;for(;l<r&&g(t.charCodeAt(l));)l++;let C=t.charCodeAt(l),a,q=!1;if(C===39||C===34||C===96){let u=t[l],s=t.indexOf(u,l+1),f=-1,h=-1;for(;s!==-1;){let x=t.charCodeAt(s-1)===92,w=s+1;for(;w<r&&!O(t.charCodeAt(w))&&g(t.charCodeAt(w));)w++;if((w===r||O(t.charCodeAt(w))||t.charCodeAt(w)===35)&&(f=s,h=w),!x)break;s=t.indexOf(u,s+1);}if(f!==-1){if(a=t.slice(l+1,f),o=h,t.charCodeAt(o)===35)for(;o<r&&!O(t.charCodeAt(o));)o++;q=!0;}}if(!q){let u=t.indexOf(`
`,d);u===-1&&(u=r);let s;if(r<4096)s=t.indexOf("#",d),(s===-1||s>u)&&(s=u);else for(s=d;s<u&&t.charCodeAt(s)!==35;)s++;let f=d,h=s;for(;f<h&&g(t.charCodeAt(f));)f++;for(;h>f&&g(t.charCodeAt(h-1));)h--;let x=t.charCodeAt(f);if(a=t.slice(f,h),a.includes("\u2028")||a.includes("\u2029")?a=a.replace(/^(['"`])([\s\S]*)\1$/mg,"$2"):h-f>=2&&(x===39||x===34||x===96)&&t.charCodeAt(h-1)===x&&(a=t.slice(f+1,h-1)),o=s,s<u)for(;o<r&&!O(t.charCodeAt(o));)o++;}C===34&&(q||l<o)&&a.indexOf("\\")!==-1&&(a=a.replace(/\\n/g,`
`).replace(/\\r/g,"\r")),n[k]=a;}return n}function J(e,n){return n&&$(n.fast)?V(e):H(e)}function v(e){console.log(`\u2506 ${e}`);}function W(e){console.error(`\u25C7 ${e}`);}function S(e){return e[0]==="~"?_.join(B.homedir(),e.slice(1)):e}function K(e={}){let n={...e};for(let t of Object.keys(n))n[t]===void 0&&delete n[t];return {...I(),...n}}function M(e){e=K(e);let n=_.resolve(process.cwd(),".env"),t="utf8",r=process.env;e&&e.processEnv!=null&&(r=e.processEnv);let o=$(e&&e.debug);e&&e.encoding?t=e.encoding:o&&v("no encoding is specified (UTF-8 is used by default)");let i=[n];if(e&&e.path)if(!Array.isArray(e.path))i=[S(e.path)];else {i=[];for(let d of e.path)i.push(S(d));}let c,E={},p={fast:e.fast};for(let d of i)try{let l=A.parse(F.readFileSync(d,{encoding:t}),p);A.populate(E,l,e);}catch(l){o&&v(`failed to load ${d} ${l.message}`),c=l;}let k=A.populate(r,E,e),D=$(Object.prototype.hasOwnProperty.call(e,"quiet")?e.quiet:I(r).quiet);if(o||!D){let d=Object.keys(k).length,l=[];for(let C of i)try{let a=_.relative(process.cwd(),C instanceof L?Q(C):C);l.push(a);}catch(a){o&&v(`failed to load ${C} ${a.message}`),c=a;}W(`injected env (${d}) from ${l.join(",")}`);}return c?{parsed:E,error:c}:{parsed:E}}function Y(e){return A.configDotenv(e)}function z(e,n,t={}){let r=$(t&&t.debug),o=$(t&&t.override),i={};if(e===null||typeof e!="object"||n===null||typeof n!="object"){let c=new Error("OBJECT_REQUIRED: Please check the processEnv argument being passed to populate");throw c.code="OBJECT_REQUIRED",c}for(let c of Object.keys(n))Object.prototype.hasOwnProperty.call(e,c)?(o===!0&&(e[c]=n[c],i[c]=n[c]),r&&v(o===!0?`"${c}" is already defined and WAS overwritten`:`"${c}" is already defined and was NOT overwritten`)):(e[c]=n[c],i[c]=n[c]);return i}var A={configDotenv:M,config:Y,parse:J,populate:z};b.exports.configDotenv=A.configDotenv;b.exports.config=A.config;b.exports.parse=A.parse;b.exports.populate=A.populate;b.exports=A;});var m=P();dist.exports=m;dist.exports.config=m.config;dist.exports.configDotenv=m.configDotenv;dist.exports.parse=m.parse;dist.exports.populate=m.populate;
	return dist.exports;
}

var distExports = requireDist();

/**
 * dotenv's own line grammar (dotenv 16–18 `parse`, copied verbatim, plus the `d` flag for match
 * indices): `[export] KEY=value` or `KEY: value`, values single-, double- or back-quoted (spanning
 * lines) or bare up to a `#`. It locates each assignment and its value in the raw text; the value
 * itself is decoded by the `dotenv` library, which parses the matched text alone. Every
 * assignment is an entry (dotenv keeps the last of a repeated key; an earlier one is still in the
 * repository). Comment lines never match.
 */
const LINE = /(?:^|^)\s*(?:export\s+)?([\w.-]+)(?:\s*=\s*?|:\s+?)(\s*'(?:\\'|[^'])*'|\s*"(?:\\"|[^"])*"|\s*`(?:\\`|[^`])*`|[^#\r\n]+)?\s*(?:#.*)?(?:$|$)/dgm;
function parseDotenvFile(text) {
    const lines = new LineIndex(text);
    // dotenv turns \r\n into \n before matching; a space keeps every offset in place.
    const src = text.replace(/\r(?=\n)/g, ' ');
    const entries = [];
    LINE.lastIndex = 0;
    for (let m = LINE.exec(src); m; m = LINE.exec(src)) {
        if (m[0] === '') {
            LINE.lastIndex++;
            continue;
        }
        const key = m[1];
        const value = distExports.parse(text.slice(m.index, m.index + m[0].length))[key];
        if (value === undefined)
            continue;
        const keyAt = m.indices?.[1] ?? [m.index, m.index];
        const valueAt = m.indices?.[2];
        let span = lines.span(keyAt[0], keyAt[1]);
        if (valueAt) {
            let [s, e] = valueAt;
            while (s < e && /\s/.test(src[s]))
                s++;
            while (e > s && /\s/.test(src[e - 1]))
                e--;
            if (e > s)
                span = lines.span(s, e);
        }
        entries.push({ path: [key], key, value, span, document: 0 });
    }
    return { format: 'dotenv', entries, commands: [] };
}

var ini;
var hasRequiredIni;

function requireIni () {
	if (hasRequiredIni) return ini;
	hasRequiredIni = 1;
	const { hasOwnProperty } = Object.prototype;

	const encode = (obj, opt = {}) => {
	  if (typeof opt === 'string') {
	    opt = { section: opt };
	  }
	  opt.align = opt.align === true;
	  opt.newline = opt.newline === true;
	  opt.sort = opt.sort === true;
	  opt.whitespace = opt.whitespace === true || opt.align === true;
	  // The `typeof` check is required because accessing the `process` directly fails on browsers.
	  /* istanbul ignore next */
	  opt.platform = opt.platform || (typeof process !== 'undefined' && process.platform);
	  opt.bracketedArray = opt.bracketedArray !== false;

	  /* istanbul ignore next */
	  const eol = opt.platform === 'win32' ? '\r\n' : '\n';
	  const separator = opt.whitespace ? ' = ' : '=';
	  const children = [];

	  const keys = opt.sort ? Object.keys(obj).sort() : Object.keys(obj);

	  let padToChars = 0;
	  // If aligning on the separator, then padToChars is determined as follows:
	  // 1. Get the keys
	  // 2. Exclude keys pointing to objects unless the value is null or an array
	  // 3. Add `[]` to array keys
	  // 4. Ensure non empty set of keys
	  // 5. Reduce the set to the longest `safe` key
	  // 6. Get the `safe` length
	  if (opt.align) {
	    padToChars = safe(
	      (
	        keys
	          .filter(k => obj[k] === null || Array.isArray(obj[k]) || typeof obj[k] !== 'object')
	          .map(k => Array.isArray(obj[k]) ? `${k}[]` : k)
	      )
	        .concat([''])
	        .reduce((a, b) => safe(a).length >= safe(b).length ? a : b)
	    ).length;
	  }

	  let out = '';
	  const arraySuffix = opt.bracketedArray ? '[]' : '';

	  for (const k of keys) {
	    const val = obj[k];
	    if (val && Array.isArray(val)) {
	      for (const item of val) {
	        out += safe(`${k}${arraySuffix}`).padEnd(padToChars, ' ') + separator + safe(item) + eol;
	      }
	    } else if (val && typeof val === 'object') {
	      children.push(k);
	    } else {
	      out += safe(k).padEnd(padToChars, ' ') + separator + safe(val) + eol;
	    }
	  }

	  if (opt.section && out.length) {
	    out = '[' + safe(opt.section) + ']' + (opt.newline ? eol + eol : eol) + out;
	  }

	  for (const k of children) {
	    const nk = splitSections(k, '.').join('\\.');
	    const section = (opt.section ? opt.section + '.' : '') + nk;
	    const child = encode(obj[k], {
	      ...opt,
	      section,
	    });
	    if (out.length && child.length) {
	      out += eol;
	    }

	    out += child;
	  }

	  return out
	};

	function splitSections (str, separator) {
	  var lastMatchIndex = 0;
	  var lastSeparatorIndex = 0;
	  var nextIndex = 0;
	  var sections = [];

	  do {
	    nextIndex = str.indexOf(separator, lastMatchIndex);

	    if (nextIndex !== -1) {
	      lastMatchIndex = nextIndex + separator.length;

	      if (nextIndex > 0 && str[nextIndex - 1] === '\\') {
	        continue
	      }

	      sections.push(str.slice(lastSeparatorIndex, nextIndex));
	      lastSeparatorIndex = nextIndex + separator.length;
	    }
	  } while (nextIndex !== -1)

	  sections.push(str.slice(lastSeparatorIndex));

	  return sections
	}

	const decode = (str, opt = {}) => {
	  opt.bracketedArray = opt.bracketedArray !== false;
	  const out = Object.create(null);
	  let p = out;
	  let section = null;
	  //          section          |key      = value
	  const re = /^\[([^\]]*)\]\s*$|^([^=]+)(=(.*))?$/i;
	  const lines = str.split(/[\r\n]+/g);
	  const duplicates = {};

	  for (const line of lines) {
	    if (!line || line.match(/^\s*[;#]/) || line.match(/^\s*$/)) {
	      continue
	    }
	    const match = line.match(re);
	    if (!match) {
	      continue
	    }
	    if (match[1] !== undefined) {
	      section = unsafe(match[1]);
	      if (section === '__proto__') {
	        // not allowed
	        // keep parsing the section, but don't attach it.
	        p = Object.create(null);
	        continue
	      }
	      p = out[section] = out[section] || Object.create(null);
	      continue
	    }
	    const keyRaw = unsafe(match[2]);
	    let isArray;
	    if (opt.bracketedArray) {
	      isArray = keyRaw.length > 2 && keyRaw.slice(-2) === '[]';
	    } else {
	      duplicates[keyRaw] = (duplicates?.[keyRaw] || 0) + 1;
	      isArray = duplicates[keyRaw] > 1;
	    }
	    const key = isArray && keyRaw.endsWith('[]')
	      ? keyRaw.slice(0, -2) : keyRaw;

	    if (key === '__proto__') {
	      continue
	    }
	    const valueRaw = match[3] ? unsafe(match[4]) : true;
	    const value = valueRaw === 'true' ||
	      valueRaw === 'false' ||
	      valueRaw === 'null' ? JSON.parse(valueRaw)
	      : valueRaw;

	    // Convert keys with '[]' suffix to an array
	    if (isArray) {
	      if (!hasOwnProperty.call(p, key)) {
	        p[key] = [];
	      } else if (!Array.isArray(p[key])) {
	        p[key] = [p[key]];
	      }
	    }

	    // safeguard against resetting a previously defined
	    // array by accidentally forgetting the brackets
	    if (Array.isArray(p[key])) {
	      p[key].push(value);
	    } else {
	      p[key] = value;
	    }
	  }

	  // {a:{y:1},"a.b":{x:2}} --> {a:{y:1,b:{x:2}}}
	  // use a filter to return the keys that have to be deleted.
	  const remove = [];
	  for (const k of Object.keys(out)) {
	    if (!hasOwnProperty.call(out, k) ||
	      typeof out[k] !== 'object' ||
	      Array.isArray(out[k])) {
	      continue
	    }

	    // see if the parent section is also an object.
	    // if so, add it to that, and mark this one for deletion
	    const parts = splitSections(k, '.');
	    p = out;
	    const l = parts.pop();
	    const nl = l.replace(/\\\./g, '.');
	    for (const part of parts) {
	      if (part === '__proto__') {
	        continue
	      }
	      if (!hasOwnProperty.call(p, part) || typeof p[part] !== 'object') {
	        p[part] = Object.create(null);
	      }
	      p = p[part];
	    }
	    if (p === out && nl === l) {
	      continue
	    }

	    p[nl] = out[k];
	    remove.push(k);
	  }
	  for (const del of remove) {
	    delete out[del];
	  }

	  return out
	};

	const isQuoted = val => {
	  return (val.startsWith('"') && val.endsWith('"')) ||
	    (val.startsWith("'") && val.endsWith("'"))
	};

	const safe = val => {
	  if (
	    typeof val !== 'string' ||
	    val.match(/[=\r\n]/) ||
	    val.match(/^\[/) ||
	    (val.length > 1 && isQuoted(val)) ||
	    val !== val.trim()
	  ) {
	    return JSON.stringify(val)
	  }
	  return val.split(';').join('\\;').split('#').join('\\#')
	};

	const unsafe = val => {
	  val = (val || '').trim();
	  if (isQuoted(val)) {
	    // remove the single quotes before calling JSON.parse
	    if (val.charAt(0) === "'") {
	      val = val.slice(1, -1);
	    }
	    try {
	      val = JSON.parse(val);
	    } catch {
	      // ignore errors
	    }
	  } else {
	    // walk the val to find the first not-escaped ; character
	    let esc = false;
	    let unesc = '';
	    for (let i = 0, l = val.length; i < l; i++) {
	      const c = val.charAt(i);
	      if (esc) {
	        if ('\\;#'.indexOf(c) !== -1) {
	          unesc += c;
	        } else {
	          unesc += '\\' + c;
	        }

	        esc = false;
	      } else if (';#'.indexOf(c) !== -1) {
	        break
	      } else if (c === '\\') {
	        esc = true;
	      } else {
	        unesc += c;
	      }
	    }
	    if (esc) {
	      unesc += '\\';
	    }

	    return unesc.trim()
	  }
	  return val
	};

	ini = {
	  parse: decode,
	  decode,
	  stringify: encode,
	  encode,
	  safe,
	  unsafe,
	};
	return ini;
}

var iniExports = requireIni();

/**
 * INI/CFG (alembic.ini, setup.cfg, tox.ini, uwsgi.ini) read the way Python's configparser reads
 * them, since that is what the application sees. Values are decoded by the `ini` library
 * (`unsafe`: quotes, escapes, inline `;`/`#` comments); it gives no positions (and drops blank
 * lines before splitting), so the lines are found by a tokenizer over the raw lines:
 *   - a line whose first non-blank character is `#` or `;` is a comment;
 *   - `[name]` opens a section (an unclosed `[` is an error);
 *   - `key = value` or `key: value` (the first of `=`/`:` separates) is an entry;
 *   - a line indented deeper than its entry's key continues that value (configparser's multi-line
 *     values, `%%` is configparser's escape for `%`); a blank line ends it.
 * Entries have the path `[section, key]` (`[key]` before the first section).
 */
function parseIni(text) {
    const lines = new LineIndex(text);
    const entries = [];
    const raw = text.split('\n');
    let section;
    let cur;
    const flush = () => {
        if (!cur)
            return;
        const first = iniExports.unsafe(cur.first);
        const value = [first, ...cur.more]
            .filter((v, i) => i > 0 || v !== '' || cur?.more.length === 0)
            .join('\n')
            .replace(/%%/g, '%');
        const span = cur.end > cur.start ? lines.span(cur.start, cur.end) : cur.keySpan;
        entries.push({
            path: section === undefined ? [cur.key] : [section, cur.key],
            key: cur.key,
            value,
            span,
            document: 0,
        });
        cur = undefined;
    };
    let offset = 0;
    raw.forEach((full, idx) => {
        const lineStart = offset;
        offset += full.length + 1;
        const line = full.replace(/\r$/, '');
        const trimmed = line.trim();
        if (trimmed === '') {
            flush();
            return;
        }
        if (trimmed.startsWith('#') || trimmed.startsWith(';'))
            return;
        const indent = line.length - line.trimStart().length;
        if (cur && indent > cur.indent) {
            cur.more.push(trimmed);
            cur.end = lineStart + line.trimEnd().length;
            return;
        }
        flush();
        if (trimmed.startsWith('[')) {
            const close = trimmed.indexOf(']');
            if (close < 0)
                throw syntaxError('INI', idx + 1, 'unterminated section header');
            section = trimmed.slice(1, close);
            return;
        }
        const m = /[=:]/.exec(line);
        if (!m)
            return; // a key without a value (allow_no_value): nothing to check
        const key = line.slice(indent, m.index).trim();
        if (key === '')
            return;
        const after = line.slice(m.index + 1);
        const lead = after.length - after.trimStart().length;
        const start = lineStart + m.index + 1 + lead;
        const end = lineStart + line.trimEnd().length;
        const keySpan = lines.span(lineStart + indent, lineStart + indent + key.length);
        cur = { key, indent, first: after.trim(), more: [], start, end: Math.max(start, end), keySpan };
    });
    flush();
    return { format: 'ini', entries, commands: [] };
}

/*---------------------------------------------------------------------------------------------
 *  Copyright (c) Microsoft Corporation. All rights reserved.
 *  Licensed under the MIT License. See License.txt in the project root for license information.
 *--------------------------------------------------------------------------------------------*/
/**
 * Creates a JSON scanner on the given text.
 * If ignoreTrivia is set, whitespaces or comments are ignored.
 */
function createScanner(text, ignoreTrivia = false) {
    const len = text.length;
    let pos = 0, value = '', tokenOffset = 0, token = 16 /* SyntaxKind.Unknown */, lineNumber = 0, lineStartOffset = 0, tokenLineStartOffset = 0, prevTokenLineStartOffset = 0, scanError = 0 /* ScanError.None */;
    function scanHexDigits(count, exact) {
        let digits = 0;
        let value = 0;
        while (digits < count || false) {
            let ch = text.charCodeAt(pos);
            if (ch >= 48 /* CharacterCodes._0 */ && ch <= 57 /* CharacterCodes._9 */) {
                value = value * 16 + ch - 48 /* CharacterCodes._0 */;
            }
            else if (ch >= 65 /* CharacterCodes.A */ && ch <= 70 /* CharacterCodes.F */) {
                value = value * 16 + ch - 65 /* CharacterCodes.A */ + 10;
            }
            else if (ch >= 97 /* CharacterCodes.a */ && ch <= 102 /* CharacterCodes.f */) {
                value = value * 16 + ch - 97 /* CharacterCodes.a */ + 10;
            }
            else {
                break;
            }
            pos++;
            digits++;
        }
        if (digits < count) {
            value = -1;
        }
        return value;
    }
    function setPosition(newPosition) {
        pos = newPosition;
        value = '';
        tokenOffset = 0;
        token = 16 /* SyntaxKind.Unknown */;
        scanError = 0 /* ScanError.None */;
    }
    function scanNumber() {
        let start = pos;
        if (text.charCodeAt(pos) === 48 /* CharacterCodes._0 */) {
            pos++;
        }
        else {
            pos++;
            while (pos < text.length && isDigit(text.charCodeAt(pos))) {
                pos++;
            }
        }
        if (pos < text.length && text.charCodeAt(pos) === 46 /* CharacterCodes.dot */) {
            pos++;
            if (pos < text.length && isDigit(text.charCodeAt(pos))) {
                pos++;
                while (pos < text.length && isDigit(text.charCodeAt(pos))) {
                    pos++;
                }
            }
            else {
                scanError = 3 /* ScanError.UnexpectedEndOfNumber */;
                return text.substring(start, pos);
            }
        }
        let end = pos;
        if (pos < text.length && (text.charCodeAt(pos) === 69 /* CharacterCodes.E */ || text.charCodeAt(pos) === 101 /* CharacterCodes.e */)) {
            pos++;
            if (pos < text.length && text.charCodeAt(pos) === 43 /* CharacterCodes.plus */ || text.charCodeAt(pos) === 45 /* CharacterCodes.minus */) {
                pos++;
            }
            if (pos < text.length && isDigit(text.charCodeAt(pos))) {
                pos++;
                while (pos < text.length && isDigit(text.charCodeAt(pos))) {
                    pos++;
                }
                end = pos;
            }
            else {
                scanError = 3 /* ScanError.UnexpectedEndOfNumber */;
            }
        }
        return text.substring(start, end);
    }
    function scanString() {
        let result = '', start = pos;
        while (true) {
            if (pos >= len) {
                result += text.substring(start, pos);
                scanError = 2 /* ScanError.UnexpectedEndOfString */;
                break;
            }
            const ch = text.charCodeAt(pos);
            if (ch === 34 /* CharacterCodes.doubleQuote */) {
                result += text.substring(start, pos);
                pos++;
                break;
            }
            if (ch === 92 /* CharacterCodes.backslash */) {
                result += text.substring(start, pos);
                pos++;
                if (pos >= len) {
                    scanError = 2 /* ScanError.UnexpectedEndOfString */;
                    break;
                }
                const ch2 = text.charCodeAt(pos++);
                switch (ch2) {
                    case 34 /* CharacterCodes.doubleQuote */:
                        result += '\"';
                        break;
                    case 92 /* CharacterCodes.backslash */:
                        result += '\\';
                        break;
                    case 47 /* CharacterCodes.slash */:
                        result += '/';
                        break;
                    case 98 /* CharacterCodes.b */:
                        result += '\b';
                        break;
                    case 102 /* CharacterCodes.f */:
                        result += '\f';
                        break;
                    case 110 /* CharacterCodes.n */:
                        result += '\n';
                        break;
                    case 114 /* CharacterCodes.r */:
                        result += '\r';
                        break;
                    case 116 /* CharacterCodes.t */:
                        result += '\t';
                        break;
                    case 117 /* CharacterCodes.u */:
                        const ch3 = scanHexDigits(4);
                        if (ch3 >= 0) {
                            result += String.fromCharCode(ch3);
                        }
                        else {
                            scanError = 4 /* ScanError.InvalidUnicode */;
                        }
                        break;
                    default:
                        scanError = 5 /* ScanError.InvalidEscapeCharacter */;
                }
                start = pos;
                continue;
            }
            if (ch >= 0 && ch <= 0x1f) {
                if (isLineBreak(ch)) {
                    result += text.substring(start, pos);
                    scanError = 2 /* ScanError.UnexpectedEndOfString */;
                    break;
                }
                else {
                    scanError = 6 /* ScanError.InvalidCharacter */;
                    // mark as error but continue with string
                }
            }
            pos++;
        }
        return result;
    }
    function scanNext() {
        value = '';
        scanError = 0 /* ScanError.None */;
        tokenOffset = pos;
        lineStartOffset = lineNumber;
        prevTokenLineStartOffset = tokenLineStartOffset;
        if (pos >= len) {
            // at the end
            tokenOffset = len;
            return token = 17 /* SyntaxKind.EOF */;
        }
        let code = text.charCodeAt(pos);
        // trivia: whitespace
        if (isWhiteSpace(code)) {
            do {
                pos++;
                value += String.fromCharCode(code);
                code = text.charCodeAt(pos);
            } while (isWhiteSpace(code));
            return token = 15 /* SyntaxKind.Trivia */;
        }
        // trivia: newlines
        if (isLineBreak(code)) {
            pos++;
            value += String.fromCharCode(code);
            if (code === 13 /* CharacterCodes.carriageReturn */ && text.charCodeAt(pos) === 10 /* CharacterCodes.lineFeed */) {
                pos++;
                value += '\n';
            }
            lineNumber++;
            tokenLineStartOffset = pos;
            return token = 14 /* SyntaxKind.LineBreakTrivia */;
        }
        switch (code) {
            // tokens: []{}:,
            case 123 /* CharacterCodes.openBrace */:
                pos++;
                return token = 1 /* SyntaxKind.OpenBraceToken */;
            case 125 /* CharacterCodes.closeBrace */:
                pos++;
                return token = 2 /* SyntaxKind.CloseBraceToken */;
            case 91 /* CharacterCodes.openBracket */:
                pos++;
                return token = 3 /* SyntaxKind.OpenBracketToken */;
            case 93 /* CharacterCodes.closeBracket */:
                pos++;
                return token = 4 /* SyntaxKind.CloseBracketToken */;
            case 58 /* CharacterCodes.colon */:
                pos++;
                return token = 6 /* SyntaxKind.ColonToken */;
            case 44 /* CharacterCodes.comma */:
                pos++;
                return token = 5 /* SyntaxKind.CommaToken */;
            // strings
            case 34 /* CharacterCodes.doubleQuote */:
                pos++;
                value = scanString();
                return token = 10 /* SyntaxKind.StringLiteral */;
            // comments
            case 47 /* CharacterCodes.slash */:
                const start = pos - 1;
                // Single-line comment
                if (text.charCodeAt(pos + 1) === 47 /* CharacterCodes.slash */) {
                    pos += 2;
                    while (pos < len) {
                        if (isLineBreak(text.charCodeAt(pos))) {
                            break;
                        }
                        pos++;
                    }
                    value = text.substring(start, pos);
                    return token = 12 /* SyntaxKind.LineCommentTrivia */;
                }
                // Multi-line comment
                if (text.charCodeAt(pos + 1) === 42 /* CharacterCodes.asterisk */) {
                    pos += 2;
                    const safeLength = len - 1; // For lookahead.
                    let commentClosed = false;
                    while (pos < safeLength) {
                        const ch = text.charCodeAt(pos);
                        if (ch === 42 /* CharacterCodes.asterisk */ && text.charCodeAt(pos + 1) === 47 /* CharacterCodes.slash */) {
                            pos += 2;
                            commentClosed = true;
                            break;
                        }
                        pos++;
                        if (isLineBreak(ch)) {
                            if (ch === 13 /* CharacterCodes.carriageReturn */ && text.charCodeAt(pos) === 10 /* CharacterCodes.lineFeed */) {
                                pos++;
                            }
                            lineNumber++;
                            tokenLineStartOffset = pos;
                        }
                    }
                    if (!commentClosed) {
                        pos++;
                        scanError = 1 /* ScanError.UnexpectedEndOfComment */;
                    }
                    value = text.substring(start, pos);
                    return token = 13 /* SyntaxKind.BlockCommentTrivia */;
                }
                // just a single slash
                value += String.fromCharCode(code);
                pos++;
                return token = 16 /* SyntaxKind.Unknown */;
            // numbers
            case 45 /* CharacterCodes.minus */:
                value += String.fromCharCode(code);
                pos++;
                if (pos === len || !isDigit(text.charCodeAt(pos))) {
                    return token = 16 /* SyntaxKind.Unknown */;
                }
            // found a minus, followed by a number so
            // we fall through to proceed with scanning
            // numbers
            case 48 /* CharacterCodes._0 */:
            case 49 /* CharacterCodes._1 */:
            case 50 /* CharacterCodes._2 */:
            case 51 /* CharacterCodes._3 */:
            case 52 /* CharacterCodes._4 */:
            case 53 /* CharacterCodes._5 */:
            case 54 /* CharacterCodes._6 */:
            case 55 /* CharacterCodes._7 */:
            case 56 /* CharacterCodes._8 */:
            case 57 /* CharacterCodes._9 */:
                value += scanNumber();
                return token = 11 /* SyntaxKind.NumericLiteral */;
            // literals and unknown symbols
            default:
                // is a literal? Read the full word.
                while (pos < len && isUnknownContentCharacter(code)) {
                    pos++;
                    code = text.charCodeAt(pos);
                }
                if (tokenOffset !== pos) {
                    value = text.substring(tokenOffset, pos);
                    // keywords: true, false, null
                    switch (value) {
                        case 'true': return token = 8 /* SyntaxKind.TrueKeyword */;
                        case 'false': return token = 9 /* SyntaxKind.FalseKeyword */;
                        case 'null': return token = 7 /* SyntaxKind.NullKeyword */;
                    }
                    return token = 16 /* SyntaxKind.Unknown */;
                }
                // some
                value += String.fromCharCode(code);
                pos++;
                return token = 16 /* SyntaxKind.Unknown */;
        }
    }
    function isUnknownContentCharacter(code) {
        if (isWhiteSpace(code) || isLineBreak(code)) {
            return false;
        }
        switch (code) {
            case 125 /* CharacterCodes.closeBrace */:
            case 93 /* CharacterCodes.closeBracket */:
            case 123 /* CharacterCodes.openBrace */:
            case 91 /* CharacterCodes.openBracket */:
            case 34 /* CharacterCodes.doubleQuote */:
            case 58 /* CharacterCodes.colon */:
            case 44 /* CharacterCodes.comma */:
            case 47 /* CharacterCodes.slash */:
                return false;
        }
        return true;
    }
    function scanNextNonTrivia() {
        let result;
        do {
            result = scanNext();
        } while (result >= 12 /* SyntaxKind.LineCommentTrivia */ && result <= 15 /* SyntaxKind.Trivia */);
        return result;
    }
    return {
        setPosition: setPosition,
        getPosition: () => pos,
        scan: ignoreTrivia ? scanNextNonTrivia : scanNext,
        getToken: () => token,
        getTokenValue: () => value,
        getTokenOffset: () => tokenOffset,
        getTokenLength: () => pos - tokenOffset,
        getTokenStartLine: () => lineStartOffset,
        getTokenStartCharacter: () => tokenOffset - prevTokenLineStartOffset,
        getTokenError: () => scanError,
    };
}
function isWhiteSpace(ch) {
    return ch === 32 /* CharacterCodes.space */ || ch === 9 /* CharacterCodes.tab */;
}
function isLineBreak(ch) {
    return ch === 10 /* CharacterCodes.lineFeed */ || ch === 13 /* CharacterCodes.carriageReturn */;
}
function isDigit(ch) {
    return ch >= 48 /* CharacterCodes._0 */ && ch <= 57 /* CharacterCodes._9 */;
}
var CharacterCodes;
(function (CharacterCodes) {
    CharacterCodes[CharacterCodes["lineFeed"] = 10] = "lineFeed";
    CharacterCodes[CharacterCodes["carriageReturn"] = 13] = "carriageReturn";
    CharacterCodes[CharacterCodes["space"] = 32] = "space";
    CharacterCodes[CharacterCodes["_0"] = 48] = "_0";
    CharacterCodes[CharacterCodes["_1"] = 49] = "_1";
    CharacterCodes[CharacterCodes["_2"] = 50] = "_2";
    CharacterCodes[CharacterCodes["_3"] = 51] = "_3";
    CharacterCodes[CharacterCodes["_4"] = 52] = "_4";
    CharacterCodes[CharacterCodes["_5"] = 53] = "_5";
    CharacterCodes[CharacterCodes["_6"] = 54] = "_6";
    CharacterCodes[CharacterCodes["_7"] = 55] = "_7";
    CharacterCodes[CharacterCodes["_8"] = 56] = "_8";
    CharacterCodes[CharacterCodes["_9"] = 57] = "_9";
    CharacterCodes[CharacterCodes["a"] = 97] = "a";
    CharacterCodes[CharacterCodes["b"] = 98] = "b";
    CharacterCodes[CharacterCodes["c"] = 99] = "c";
    CharacterCodes[CharacterCodes["d"] = 100] = "d";
    CharacterCodes[CharacterCodes["e"] = 101] = "e";
    CharacterCodes[CharacterCodes["f"] = 102] = "f";
    CharacterCodes[CharacterCodes["g"] = 103] = "g";
    CharacterCodes[CharacterCodes["h"] = 104] = "h";
    CharacterCodes[CharacterCodes["i"] = 105] = "i";
    CharacterCodes[CharacterCodes["j"] = 106] = "j";
    CharacterCodes[CharacterCodes["k"] = 107] = "k";
    CharacterCodes[CharacterCodes["l"] = 108] = "l";
    CharacterCodes[CharacterCodes["m"] = 109] = "m";
    CharacterCodes[CharacterCodes["n"] = 110] = "n";
    CharacterCodes[CharacterCodes["o"] = 111] = "o";
    CharacterCodes[CharacterCodes["p"] = 112] = "p";
    CharacterCodes[CharacterCodes["q"] = 113] = "q";
    CharacterCodes[CharacterCodes["r"] = 114] = "r";
    CharacterCodes[CharacterCodes["s"] = 115] = "s";
    CharacterCodes[CharacterCodes["t"] = 116] = "t";
    CharacterCodes[CharacterCodes["u"] = 117] = "u";
    CharacterCodes[CharacterCodes["v"] = 118] = "v";
    CharacterCodes[CharacterCodes["w"] = 119] = "w";
    CharacterCodes[CharacterCodes["x"] = 120] = "x";
    CharacterCodes[CharacterCodes["y"] = 121] = "y";
    CharacterCodes[CharacterCodes["z"] = 122] = "z";
    CharacterCodes[CharacterCodes["A"] = 65] = "A";
    CharacterCodes[CharacterCodes["B"] = 66] = "B";
    CharacterCodes[CharacterCodes["C"] = 67] = "C";
    CharacterCodes[CharacterCodes["D"] = 68] = "D";
    CharacterCodes[CharacterCodes["E"] = 69] = "E";
    CharacterCodes[CharacterCodes["F"] = 70] = "F";
    CharacterCodes[CharacterCodes["G"] = 71] = "G";
    CharacterCodes[CharacterCodes["H"] = 72] = "H";
    CharacterCodes[CharacterCodes["I"] = 73] = "I";
    CharacterCodes[CharacterCodes["J"] = 74] = "J";
    CharacterCodes[CharacterCodes["K"] = 75] = "K";
    CharacterCodes[CharacterCodes["L"] = 76] = "L";
    CharacterCodes[CharacterCodes["M"] = 77] = "M";
    CharacterCodes[CharacterCodes["N"] = 78] = "N";
    CharacterCodes[CharacterCodes["O"] = 79] = "O";
    CharacterCodes[CharacterCodes["P"] = 80] = "P";
    CharacterCodes[CharacterCodes["Q"] = 81] = "Q";
    CharacterCodes[CharacterCodes["R"] = 82] = "R";
    CharacterCodes[CharacterCodes["S"] = 83] = "S";
    CharacterCodes[CharacterCodes["T"] = 84] = "T";
    CharacterCodes[CharacterCodes["U"] = 85] = "U";
    CharacterCodes[CharacterCodes["V"] = 86] = "V";
    CharacterCodes[CharacterCodes["W"] = 87] = "W";
    CharacterCodes[CharacterCodes["X"] = 88] = "X";
    CharacterCodes[CharacterCodes["Y"] = 89] = "Y";
    CharacterCodes[CharacterCodes["Z"] = 90] = "Z";
    CharacterCodes[CharacterCodes["asterisk"] = 42] = "asterisk";
    CharacterCodes[CharacterCodes["backslash"] = 92] = "backslash";
    CharacterCodes[CharacterCodes["closeBrace"] = 125] = "closeBrace";
    CharacterCodes[CharacterCodes["closeBracket"] = 93] = "closeBracket";
    CharacterCodes[CharacterCodes["colon"] = 58] = "colon";
    CharacterCodes[CharacterCodes["comma"] = 44] = "comma";
    CharacterCodes[CharacterCodes["dot"] = 46] = "dot";
    CharacterCodes[CharacterCodes["doubleQuote"] = 34] = "doubleQuote";
    CharacterCodes[CharacterCodes["minus"] = 45] = "minus";
    CharacterCodes[CharacterCodes["openBrace"] = 123] = "openBrace";
    CharacterCodes[CharacterCodes["openBracket"] = 91] = "openBracket";
    CharacterCodes[CharacterCodes["plus"] = 43] = "plus";
    CharacterCodes[CharacterCodes["slash"] = 47] = "slash";
    CharacterCodes[CharacterCodes["formFeed"] = 12] = "formFeed";
    CharacterCodes[CharacterCodes["tab"] = 9] = "tab";
})(CharacterCodes || (CharacterCodes = {}));

new Array(20).fill(0).map((_, index) => {
    return ' '.repeat(index);
});
const maxCachedValues = 200;
({
    ' ': {
        '\n': new Array(maxCachedValues).fill(0).map((_, index) => {
            return '\n' + ' '.repeat(index);
        }),
        '\r': new Array(maxCachedValues).fill(0).map((_, index) => {
            return '\r' + ' '.repeat(index);
        }),
        '\r\n': new Array(maxCachedValues).fill(0).map((_, index) => {
            return '\r\n' + ' '.repeat(index);
        }),
    },
    '\t': {
        '\n': new Array(maxCachedValues).fill(0).map((_, index) => {
            return '\n' + '\t'.repeat(index);
        }),
        '\r': new Array(maxCachedValues).fill(0).map((_, index) => {
            return '\r' + '\t'.repeat(index);
        }),
        '\r\n': new Array(maxCachedValues).fill(0).map((_, index) => {
            return '\r\n' + '\t'.repeat(index);
        }),
    }
});

/*---------------------------------------------------------------------------------------------
 *  Copyright (c) Microsoft Corporation. All rights reserved.
 *  Licensed under the MIT License. See License.txt in the project root for license information.
 *--------------------------------------------------------------------------------------------*/
var ParseOptions;
(function (ParseOptions) {
    ParseOptions.DEFAULT = {
        allowTrailingComma: false
    };
})(ParseOptions || (ParseOptions = {}));
/**
 * Parses the given text and returns a tree representation the JSON content. On invalid input, the parser tries to be as fault tolerant as possible, but still return a result.
 */
function parseTree$1(text, errors = [], options = ParseOptions.DEFAULT) {
    let currentParent = { type: 'array', offset: -1, length: -1, children: [], parent: undefined }; // artificial root
    function ensurePropertyComplete(endOffset) {
        if (currentParent.type === 'property') {
            currentParent.length = endOffset - currentParent.offset;
            currentParent = currentParent.parent;
        }
    }
    function onValue(valueNode) {
        currentParent.children.push(valueNode);
        return valueNode;
    }
    const visitor = {
        onObjectBegin: (offset) => {
            currentParent = onValue({ type: 'object', offset, length: -1, parent: currentParent, children: [] });
        },
        onObjectProperty: (name, offset, length) => {
            currentParent = onValue({ type: 'property', offset, length: -1, parent: currentParent, children: [] });
            currentParent.children.push({ type: 'string', value: name, offset, length, parent: currentParent });
        },
        onObjectEnd: (offset, length) => {
            ensurePropertyComplete(offset + length); // in case of a missing value for a property: make sure property is complete
            currentParent.length = offset + length - currentParent.offset;
            currentParent = currentParent.parent;
            ensurePropertyComplete(offset + length);
        },
        onArrayBegin: (offset, length) => {
            currentParent = onValue({ type: 'array', offset, length: -1, parent: currentParent, children: [] });
        },
        onArrayEnd: (offset, length) => {
            currentParent.length = offset + length - currentParent.offset;
            currentParent = currentParent.parent;
            ensurePropertyComplete(offset + length);
        },
        onLiteralValue: (value, offset, length) => {
            onValue({ type: getNodeType(value), offset, length, parent: currentParent, value });
            ensurePropertyComplete(offset + length);
        },
        onSeparator: (sep, offset, length) => {
            if (currentParent.type === 'property') {
                if (sep === ':') {
                    currentParent.colonOffset = offset;
                }
                else if (sep === ',') {
                    ensurePropertyComplete(offset);
                }
            }
        },
        onError: (error, offset, length) => {
            errors.push({ error, offset, length });
        }
    };
    visit(text, visitor, options);
    const result = currentParent.children[0];
    if (result) {
        delete result.parent;
    }
    return result;
}
/**
 * Parses the given text and invokes the visitor functions for each object, array and literal reached.
 */
function visit(text, visitor, options = ParseOptions.DEFAULT) {
    const _scanner = createScanner(text, false);
    // Important: Only pass copies of this to visitor functions to prevent accidental modification, and
    // to not affect visitor functions which stored a reference to a previous JSONPath
    const _jsonPath = [];
    // Depth of onXXXBegin() callbacks suppressed. onXXXEnd() decrements this if it isn't 0 already.
    // Callbacks are only called when this value is 0.
    let suppressedCallbacks = 0;
    function toNoArgVisit(visitFunction) {
        return visitFunction ? () => suppressedCallbacks === 0 && visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
    }
    function toOneArgVisit(visitFunction) {
        return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter()) : () => true;
    }
    function toOneArgVisitWithPath(visitFunction) {
        return visitFunction ? (arg) => suppressedCallbacks === 0 && visitFunction(arg, _scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice()) : () => true;
    }
    function toBeginVisit(visitFunction) {
        return visitFunction ?
            () => {
                if (suppressedCallbacks > 0) {
                    suppressedCallbacks++;
                }
                else {
                    let cbReturn = visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter(), () => _jsonPath.slice());
                    if (cbReturn === false) {
                        suppressedCallbacks = 1;
                    }
                }
            }
            : () => true;
    }
    function toEndVisit(visitFunction) {
        return visitFunction ?
            () => {
                if (suppressedCallbacks > 0) {
                    suppressedCallbacks--;
                }
                if (suppressedCallbacks === 0) {
                    visitFunction(_scanner.getTokenOffset(), _scanner.getTokenLength(), _scanner.getTokenStartLine(), _scanner.getTokenStartCharacter());
                }
            }
            : () => true;
    }
    const onObjectBegin = toBeginVisit(visitor.onObjectBegin), onObjectProperty = toOneArgVisitWithPath(visitor.onObjectProperty), onObjectEnd = toEndVisit(visitor.onObjectEnd), onArrayBegin = toBeginVisit(visitor.onArrayBegin), onArrayEnd = toEndVisit(visitor.onArrayEnd), onLiteralValue = toOneArgVisitWithPath(visitor.onLiteralValue), onSeparator = toOneArgVisit(visitor.onSeparator), onComment = toNoArgVisit(visitor.onComment), onError = toOneArgVisit(visitor.onError);
    const disallowComments = options && options.disallowComments;
    const allowTrailingComma = options && options.allowTrailingComma;
    function scanNext() {
        while (true) {
            const token = _scanner.scan();
            switch (_scanner.getTokenError()) {
                case 4 /* ScanError.InvalidUnicode */:
                    handleError(14 /* ParseErrorCode.InvalidUnicode */);
                    break;
                case 5 /* ScanError.InvalidEscapeCharacter */:
                    handleError(15 /* ParseErrorCode.InvalidEscapeCharacter */);
                    break;
                case 3 /* ScanError.UnexpectedEndOfNumber */:
                    handleError(13 /* ParseErrorCode.UnexpectedEndOfNumber */);
                    break;
                case 1 /* ScanError.UnexpectedEndOfComment */:
                    if (!disallowComments) {
                        handleError(11 /* ParseErrorCode.UnexpectedEndOfComment */);
                    }
                    break;
                case 2 /* ScanError.UnexpectedEndOfString */:
                    handleError(12 /* ParseErrorCode.UnexpectedEndOfString */);
                    break;
                case 6 /* ScanError.InvalidCharacter */:
                    handleError(16 /* ParseErrorCode.InvalidCharacter */);
                    break;
            }
            switch (token) {
                case 12 /* SyntaxKind.LineCommentTrivia */:
                case 13 /* SyntaxKind.BlockCommentTrivia */:
                    if (disallowComments) {
                        handleError(10 /* ParseErrorCode.InvalidCommentToken */);
                    }
                    else {
                        onComment();
                    }
                    break;
                case 16 /* SyntaxKind.Unknown */:
                    handleError(1 /* ParseErrorCode.InvalidSymbol */);
                    break;
                case 15 /* SyntaxKind.Trivia */:
                case 14 /* SyntaxKind.LineBreakTrivia */:
                    break;
                default:
                    return token;
            }
        }
    }
    function handleError(error, skipUntilAfter = [], skipUntil = []) {
        onError(error);
        if (skipUntilAfter.length + skipUntil.length > 0) {
            let token = _scanner.getToken();
            while (token !== 17 /* SyntaxKind.EOF */) {
                if (skipUntilAfter.indexOf(token) !== -1) {
                    scanNext();
                    break;
                }
                else if (skipUntil.indexOf(token) !== -1) {
                    break;
                }
                token = scanNext();
            }
        }
    }
    function parseString(isValue) {
        const value = _scanner.getTokenValue();
        if (isValue) {
            onLiteralValue(value);
        }
        else {
            onObjectProperty(value);
            // add property name afterwards
            _jsonPath.push(value);
        }
        scanNext();
        return true;
    }
    function parseLiteral() {
        switch (_scanner.getToken()) {
            case 11 /* SyntaxKind.NumericLiteral */:
                const tokenValue = _scanner.getTokenValue();
                let value = Number(tokenValue);
                if (isNaN(value)) {
                    handleError(2 /* ParseErrorCode.InvalidNumberFormat */);
                    value = 0;
                }
                onLiteralValue(value);
                break;
            case 7 /* SyntaxKind.NullKeyword */:
                onLiteralValue(null);
                break;
            case 8 /* SyntaxKind.TrueKeyword */:
                onLiteralValue(true);
                break;
            case 9 /* SyntaxKind.FalseKeyword */:
                onLiteralValue(false);
                break;
            default:
                return false;
        }
        scanNext();
        return true;
    }
    function parseProperty() {
        if (_scanner.getToken() !== 10 /* SyntaxKind.StringLiteral */) {
            handleError(3 /* ParseErrorCode.PropertyNameExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
            return false;
        }
        parseString(false);
        if (_scanner.getToken() === 6 /* SyntaxKind.ColonToken */) {
            onSeparator(':');
            scanNext(); // consume colon
            if (!parseValue()) {
                handleError(4 /* ParseErrorCode.ValueExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
            }
        }
        else {
            handleError(5 /* ParseErrorCode.ColonExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
        }
        _jsonPath.pop(); // remove processed property name
        return true;
    }
    function parseObject() {
        onObjectBegin();
        scanNext(); // consume open brace
        let needsComma = false;
        while (_scanner.getToken() !== 2 /* SyntaxKind.CloseBraceToken */ && _scanner.getToken() !== 17 /* SyntaxKind.EOF */) {
            if (_scanner.getToken() === 5 /* SyntaxKind.CommaToken */) {
                if (!needsComma) {
                    handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
                }
                onSeparator(',');
                scanNext(); // consume comma
                if (_scanner.getToken() === 2 /* SyntaxKind.CloseBraceToken */ && allowTrailingComma) {
                    break;
                }
            }
            else if (needsComma) {
                handleError(6 /* ParseErrorCode.CommaExpected */, [], []);
            }
            if (!parseProperty()) {
                handleError(4 /* ParseErrorCode.ValueExpected */, [], [2 /* SyntaxKind.CloseBraceToken */, 5 /* SyntaxKind.CommaToken */]);
            }
            needsComma = true;
        }
        onObjectEnd();
        if (_scanner.getToken() !== 2 /* SyntaxKind.CloseBraceToken */) {
            handleError(7 /* ParseErrorCode.CloseBraceExpected */, [2 /* SyntaxKind.CloseBraceToken */], []);
        }
        else {
            scanNext(); // consume close brace
        }
        return true;
    }
    function parseArray() {
        onArrayBegin();
        scanNext(); // consume open bracket
        let isFirstElement = true;
        let needsComma = false;
        while (_scanner.getToken() !== 4 /* SyntaxKind.CloseBracketToken */ && _scanner.getToken() !== 17 /* SyntaxKind.EOF */) {
            if (_scanner.getToken() === 5 /* SyntaxKind.CommaToken */) {
                if (!needsComma) {
                    handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
                }
                onSeparator(',');
                scanNext(); // consume comma
                if (_scanner.getToken() === 4 /* SyntaxKind.CloseBracketToken */ && allowTrailingComma) {
                    break;
                }
            }
            else if (needsComma) {
                handleError(6 /* ParseErrorCode.CommaExpected */, [], []);
            }
            if (isFirstElement) {
                _jsonPath.push(0);
                isFirstElement = false;
            }
            else {
                _jsonPath[_jsonPath.length - 1]++;
            }
            if (!parseValue()) {
                handleError(4 /* ParseErrorCode.ValueExpected */, [], [4 /* SyntaxKind.CloseBracketToken */, 5 /* SyntaxKind.CommaToken */]);
            }
            needsComma = true;
        }
        onArrayEnd();
        if (!isFirstElement) {
            _jsonPath.pop(); // remove array index
        }
        if (_scanner.getToken() !== 4 /* SyntaxKind.CloseBracketToken */) {
            handleError(8 /* ParseErrorCode.CloseBracketExpected */, [4 /* SyntaxKind.CloseBracketToken */], []);
        }
        else {
            scanNext(); // consume close bracket
        }
        return true;
    }
    function parseValue() {
        switch (_scanner.getToken()) {
            case 3 /* SyntaxKind.OpenBracketToken */:
                return parseArray();
            case 1 /* SyntaxKind.OpenBraceToken */:
                return parseObject();
            case 10 /* SyntaxKind.StringLiteral */:
                return parseString(true);
            default:
                return parseLiteral();
        }
    }
    scanNext();
    if (_scanner.getToken() === 17 /* SyntaxKind.EOF */) {
        if (options.allowEmptyContent) {
            return true;
        }
        handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
        return false;
    }
    if (!parseValue()) {
        handleError(4 /* ParseErrorCode.ValueExpected */, [], []);
        return false;
    }
    if (_scanner.getToken() !== 17 /* SyntaxKind.EOF */) {
        handleError(9 /* ParseErrorCode.EndOfFileExpected */, [], []);
    }
    return true;
}
function getNodeType(value) {
    switch (typeof value) {
        case 'boolean': return 'boolean';
        case 'number': return 'number';
        case 'string': return 'string';
        case 'object': {
            if (!value) {
                return 'null';
            }
            else if (Array.isArray(value)) {
                return 'array';
            }
            return 'object';
        }
        default: return 'null';
    }
}

/*---------------------------------------------------------------------------------------------
 *  Copyright (c) Microsoft Corporation. All rights reserved.
 *  Licensed under the MIT License. See License.txt in the project root for license information.
 *--------------------------------------------------------------------------------------------*/
var ScanError;
(function (ScanError) {
    ScanError[ScanError["None"] = 0] = "None";
    ScanError[ScanError["UnexpectedEndOfComment"] = 1] = "UnexpectedEndOfComment";
    ScanError[ScanError["UnexpectedEndOfString"] = 2] = "UnexpectedEndOfString";
    ScanError[ScanError["UnexpectedEndOfNumber"] = 3] = "UnexpectedEndOfNumber";
    ScanError[ScanError["InvalidUnicode"] = 4] = "InvalidUnicode";
    ScanError[ScanError["InvalidEscapeCharacter"] = 5] = "InvalidEscapeCharacter";
    ScanError[ScanError["InvalidCharacter"] = 6] = "InvalidCharacter";
})(ScanError || (ScanError = {}));
var SyntaxKind;
(function (SyntaxKind) {
    SyntaxKind[SyntaxKind["OpenBraceToken"] = 1] = "OpenBraceToken";
    SyntaxKind[SyntaxKind["CloseBraceToken"] = 2] = "CloseBraceToken";
    SyntaxKind[SyntaxKind["OpenBracketToken"] = 3] = "OpenBracketToken";
    SyntaxKind[SyntaxKind["CloseBracketToken"] = 4] = "CloseBracketToken";
    SyntaxKind[SyntaxKind["CommaToken"] = 5] = "CommaToken";
    SyntaxKind[SyntaxKind["ColonToken"] = 6] = "ColonToken";
    SyntaxKind[SyntaxKind["NullKeyword"] = 7] = "NullKeyword";
    SyntaxKind[SyntaxKind["TrueKeyword"] = 8] = "TrueKeyword";
    SyntaxKind[SyntaxKind["FalseKeyword"] = 9] = "FalseKeyword";
    SyntaxKind[SyntaxKind["StringLiteral"] = 10] = "StringLiteral";
    SyntaxKind[SyntaxKind["NumericLiteral"] = 11] = "NumericLiteral";
    SyntaxKind[SyntaxKind["LineCommentTrivia"] = 12] = "LineCommentTrivia";
    SyntaxKind[SyntaxKind["BlockCommentTrivia"] = 13] = "BlockCommentTrivia";
    SyntaxKind[SyntaxKind["LineBreakTrivia"] = 14] = "LineBreakTrivia";
    SyntaxKind[SyntaxKind["Trivia"] = 15] = "Trivia";
    SyntaxKind[SyntaxKind["Unknown"] = 16] = "Unknown";
    SyntaxKind[SyntaxKind["EOF"] = 17] = "EOF";
})(SyntaxKind || (SyntaxKind = {}));
/**
 * Parses the given text and returns a tree representation the JSON content. On invalid input, the parser tries to be as fault tolerant as possible, but still return a result.
 */
const parseTree = parseTree$1;
var ParseErrorCode;
(function (ParseErrorCode) {
    ParseErrorCode[ParseErrorCode["InvalidSymbol"] = 1] = "InvalidSymbol";
    ParseErrorCode[ParseErrorCode["InvalidNumberFormat"] = 2] = "InvalidNumberFormat";
    ParseErrorCode[ParseErrorCode["PropertyNameExpected"] = 3] = "PropertyNameExpected";
    ParseErrorCode[ParseErrorCode["ValueExpected"] = 4] = "ValueExpected";
    ParseErrorCode[ParseErrorCode["ColonExpected"] = 5] = "ColonExpected";
    ParseErrorCode[ParseErrorCode["CommaExpected"] = 6] = "CommaExpected";
    ParseErrorCode[ParseErrorCode["CloseBraceExpected"] = 7] = "CloseBraceExpected";
    ParseErrorCode[ParseErrorCode["CloseBracketExpected"] = 8] = "CloseBracketExpected";
    ParseErrorCode[ParseErrorCode["EndOfFileExpected"] = 9] = "EndOfFileExpected";
    ParseErrorCode[ParseErrorCode["InvalidCommentToken"] = 10] = "InvalidCommentToken";
    ParseErrorCode[ParseErrorCode["UnexpectedEndOfComment"] = 11] = "UnexpectedEndOfComment";
    ParseErrorCode[ParseErrorCode["UnexpectedEndOfString"] = 12] = "UnexpectedEndOfString";
    ParseErrorCode[ParseErrorCode["UnexpectedEndOfNumber"] = 13] = "UnexpectedEndOfNumber";
    ParseErrorCode[ParseErrorCode["InvalidUnicode"] = 14] = "InvalidUnicode";
    ParseErrorCode[ParseErrorCode["InvalidEscapeCharacter"] = 15] = "InvalidEscapeCharacter";
    ParseErrorCode[ParseErrorCode["InvalidCharacter"] = 16] = "InvalidCharacter";
})(ParseErrorCode || (ParseErrorCode = {}));
function printParseErrorCode(code) {
    switch (code) {
        case 1 /* ParseErrorCode.InvalidSymbol */: return 'InvalidSymbol';
        case 2 /* ParseErrorCode.InvalidNumberFormat */: return 'InvalidNumberFormat';
        case 3 /* ParseErrorCode.PropertyNameExpected */: return 'PropertyNameExpected';
        case 4 /* ParseErrorCode.ValueExpected */: return 'ValueExpected';
        case 5 /* ParseErrorCode.ColonExpected */: return 'ColonExpected';
        case 6 /* ParseErrorCode.CommaExpected */: return 'CommaExpected';
        case 7 /* ParseErrorCode.CloseBraceExpected */: return 'CloseBraceExpected';
        case 8 /* ParseErrorCode.CloseBracketExpected */: return 'CloseBracketExpected';
        case 9 /* ParseErrorCode.EndOfFileExpected */: return 'EndOfFileExpected';
        case 10 /* ParseErrorCode.InvalidCommentToken */: return 'InvalidCommentToken';
        case 11 /* ParseErrorCode.UnexpectedEndOfComment */: return 'UnexpectedEndOfComment';
        case 12 /* ParseErrorCode.UnexpectedEndOfString */: return 'UnexpectedEndOfString';
        case 13 /* ParseErrorCode.UnexpectedEndOfNumber */: return 'UnexpectedEndOfNumber';
        case 14 /* ParseErrorCode.InvalidUnicode */: return 'InvalidUnicode';
        case 15 /* ParseErrorCode.InvalidEscapeCharacter */: return 'InvalidEscapeCharacter';
        case 16 /* ParseErrorCode.InvalidCharacter */: return 'InvalidCharacter';
    }
    return '<unknown ParseErrorCode>';
}

/**
 * JSON with `jsonc-parser`, which keeps the offset of every node (so positions are exact) and
 * accepts the comments and trailing commas of tsconfig/devcontainer/VS Code files. `within`
 * places the nodes of a JSON text found inside another file at their positions in that file.
 */
function parseJson(text, within) {
    if (jsonDepth(text) > MAX_NESTING)
        throw new NestingError();
    const errors = [];
    const root = parseTree(text, errors, { allowTrailingComma: true, disallowComments: false, allowEmptyContent: true });
    const lines = within ? shifted(within) : new LineIndex(text);
    const err = errors[0];
    if (err) {
        const what = printParseErrorCode(err.error)
            .replace(/([a-z])([A-Z])/g, '$1 $2')
            .toLowerCase(); // ValueExpected → value expected
        throw syntaxError('JSON', lines.pos(err.offset).line, what);
    }
    const out = { entries: [], commands: [] };
    walkTree(root ? convert(root, text, lines) : undefined, 0, out, 'JSON');
    return { format: 'json', entries: out.entries, commands: out.commands };
}
/** Positions of offsets in an embedded text, in the embedding file's lines. */
function shifted(within) {
    return {
        pos: (o) => within.lines.pos(within.offset + o),
        span: (s, e) => within.lines.span(within.offset + s, within.offset + e),
    };
}
function convert(n, text, lines) {
    const span = lines.span(n.offset, n.offset + n.length);
    switch (n.type) {
        case 'object': {
            const pairs = [];
            for (const prop of n.children ?? []) {
                const [k, v] = prop.children ?? [];
                if (!k)
                    continue;
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
            const node = verbatim
                ? { kind: 'scalar', value, span, place: (s, e) => lines.span(from + s, from + e) }
                : { kind: 'scalar', value, span };
            return node;
        }
        case 'number':
        case 'boolean':
            return { kind: 'scalar', value: n.value, span };
        case 'null':
            return { kind: 'scalar', value: null, span };
        default:
            return undefined;
    }
}

const ASSIGN = /^((?:(?:export|override)[ \t]+)*)([A-Za-z_][A-Za-z0-9_.-]*)[ \t]*(:::=|::=|:=|\?=|\+=|!=|=)[ \t]*/;
const DIRECTIVE = /^(?:ifeq|ifneq|ifdef|ifndef|else|endif|include|-include|sinclude|vpath|unexport|export|undefine)\b/;
/**
 * Makefiles (`Makefile`, `GNUmakefile`, `*.mk`): variable assignments (`VAR = v`, `:=`, `?=`,
 * `+=`, `export VAR = v`) are entries; recipe lines (tab-indented, after a rule) and inline
 * recipes (`target: ; cmd`) are shell command lines, their `@`/`-`/`+` prefixes removed. Make
 * keeps quotes in values; one pair of surrounding quotes is removed here, as the shell removes
 * it where the variable is used. `define ... endef` bodies and `VAR != cmd` are not read.
 */
function parseMakefile(text) {
    const lines = new LineIndex(text);
    const raw = text.split('\n');
    const entries = [];
    const commands = [];
    let inRule = false;
    let inDefine = false;
    let offset = 0;
    for (let k = 0; k < raw.length; k++) {
        const start = offset;
        const first = raw[k].replace(/\r$/, '');
        offset += raw[k].length + 1;
        // A logical line: a trailing backslash continues it. Only the last physical line is tested
        // (testing the growing logical line made 100,000 continuations quadratic).
        let end = start + first.length;
        const pieces = [first];
        let last = first;
        while (continues(last) && k + 1 < raw.length) {
            k++;
            last = raw[k].replace(/\r$/, '');
            pieces.push(last);
            end = offset + last.length;
            offset += raw[k].length + 1;
        }
        const logical = pieces.join('\n');
        if (inDefine) {
            if (/^\s*endef\b/.test(first))
                inDefine = false;
            continue;
        }
        if (first.startsWith('\t')) {
            if (!inRule)
                continue;
            const lead = /^\t[ \t@+-]*/.exec(logical);
            const cmdStart = start + lead[0].length;
            for (const x of scriptCommands(text.slice(cmdStart, end), (s, e) => lines.span(cmdStart + s, cmdStart + e)))
                commands.push(x);
            continue;
        }
        const trimmed = logical.trim();
        if (trimmed === '' || trimmed.startsWith('#'))
            continue;
        if (/^(?:override\s+)?define\s/.test(trimmed)) {
            inDefine = true;
            continue;
        }
        const m = ASSIGN.exec(logical);
        if (m) {
            inRule = false;
            if (m[3] === '!=')
                continue;
            const key = m[2];
            const valueStart = start + m[0].length;
            const body = logical.slice(m[0].length);
            // the value ends at an unescaped `#`; trailing blanks are not part of it
            let cut = body.length;
            for (let i = 0; i < body.length; i++) {
                if (body[i] === '\\')
                    i++;
                else if (body[i] === '#') {
                    cut = i;
                    break;
                }
            }
            const valueText = body.slice(0, cut).replace(/\s+$/, '');
            const valueEnd = valueStart + valueText.length;
            const value = unquote(valueText.replace(/\\\n[ \t]*/g, ' ').replace(/\\#/g, '#'));
            const span = valueEnd > valueStart ? lines.span(valueStart, valueEnd) : lines.span(start, start + first.length);
            entries.push({ path: [key], key, value, span, document: 0 });
            continue;
        }
        if (DIRECTIVE.test(trimmed))
            continue;
        const colon = logical.indexOf(':');
        if (colon > 0) {
            inRule = true;
            const semi = logical.indexOf(';', colon);
            if (semi > 0) {
                const cmdStart = start + semi + 1;
                for (const x of scriptCommands(text.slice(cmdStart, end), (s, e) => lines.span(cmdStart + s, cmdStart + e)))
                    commands.push(x);
            }
        }
    }
    return { format: 'makefile', entries, commands };
}
/** Whether a line ends with an odd number of backslashes: an unescaped one, which continues it. */
function continues(line) {
    let n = 0;
    while (n < line.length && line[line.length - 1 - n] === '\\')
        n++;
    return n % 2 === 1;
}
function unquote(v) {
    return v.length >= 2 && (v[0] === '"' || v[0] === "'") && v[v.length - 1] === v[0] ? v.slice(1, -1) : v;
}

const PROCESS = /^([A-Za-z0-9_-]+)[ \t]*:[ \t]*/;
/**
 * Procfile (Heroku, foreman, honcho): `type: command` lines; the command runs through a shell.
 * A line ending in `\` continues on the next. Lines that are not `type: command` are ignored, as
 * the process managers ignore them.
 */
function parseProcfile(text) {
    const lines = new LineIndex(text);
    const commands = [];
    const raw = text.split('\n');
    let offset = 0;
    for (let k = 0; k < raw.length; k++) {
        const start = offset;
        const line = raw[k];
        offset += line.length + 1;
        const m = PROCESS.exec(line);
        if (!m)
            continue;
        let end = start + line.replace(/\s+$/, '').length;
        while (/\\\s*$/.test(raw[k]) && k + 1 < raw.length) {
            k++;
            end = offset + raw[k].replace(/\s+$/, '').length;
            offset += raw[k].length + 1;
        }
        const cmdStart = start + m[0].length;
        const script = text.slice(cmdStart, end);
        for (const x of scriptCommands(script, (s, e) => lines.span(cmdStart + s, cmdStart + e)))
            commands.push(x);
    }
    return { format: 'procfile', entries: [], commands };
}

var escapeKey=function(e){return escapeContent(e,true,arguments.length>1&&void 0!==arguments[1]&&arguments[1])};var escapeValue=function(e){return escapeContent(e,false,arguments.length>1&&void 0!==arguments[1]&&arguments[1])};var REGEX_ESCAPE_NO_UNICODE=/[\s!#:=\\]/g,REGEX_ESCAPE_UNICODE=/[\s!#:=\\\u0000-\u001F\u007F-\uFFFF]/g,escapeContent=function(e,t,r){var n=r?REGEX_ESCAPE_UNICODE:REGEX_ESCAPE_NO_UNICODE;return n.lastIndex=0,e.replace(n,function(e,r){switch(e){case " ":return t||0===r?"\\ ":" ";case "\\":return "\\\\";case "\f":return "\\f";case "\n":return "\\n";case "\r":return "\\r";case "\t":return "\\t";case "=":case ":":case "#":case "!":return "\\".concat(e);default:return "\\u"+("0000"+e.charCodeAt(0).toString(16)).slice(-4)}})};

var BOM$1="\ufeff",wrapAtWidth=function(e,a){if(e.length<=a)return e;for(var r=[],i=0,t=e.length;i<t;){var o=Math.min(i+a,t);if(o<t)for(var n=0;n<6&&o-n>i;n++){var p=o-n;if(p+5<=t&&"\\"===e[p]&&"u"===e[p+1]){o=p;break}}r.push(e.slice(i,o)),i=o;}return r.join("\\\n  ")},rebuildPropertyLine=function(e,a){var r,i,t,o,n,p=true===a.escapeUnicode,s=a.removeLeadingWhitespace?"":e.leadingWhitespace,c=p?escapeKey(e.key,true):e.escapedKey,d=null!==(r=a.separatorLeading)&&void 0!==r?r:e.separatorLeading,l=null!==(i=a.separatorTrailing)&&void 0!==i?i:e.separatorTrailing;void 0!==a.separatorChar?(n=" "===a.separatorChar?"":a.separatorChar," "===a.separatorChar&&(d=null!==(t=a.separatorLeading)&&void 0!==t?t:" ")):n=null!==(o=e.separatorChar)&&void 0!==o?o:"";var u=p?escapeValue(e.value,true):e.escapedValue;return void 0!==a.wrapKeysAt&&a.wrapKeysAt>0&&(c=wrapAtWidth(c,a.wrapKeysAt)),void 0!==a.wrapValuesAt&&a.wrapValuesAt>0&&(u=wrapAtWidth(u,a.wrapValuesAt)),"".concat(s).concat(c).concat(d).concat(n).concat(l).concat(u)};var formatNormalized=function(e,a,r,i){var t,o,n=null!==(t=i.endOfLineCharacter)&&void 0!==t?t:r,p=void 0!==i.separatorChar||void 0!==i.separatorLeading||void 0!==i.separatorTrailing||true===i.escapeUnicode||true===i.collapseMultiline||void 0!==i.wrapKeysAt||void 0!==i.wrapValuesAt||true===i.removeLeadingWhitespace;if(i.deduplicateKeys){for(var s={},c=[],d=e.length-1;d>=0;d--){var l=e[d];"property"===l.type&&(s[l.key]?c.push(d):s[l.key]=true);}o={};for(var u=0;u<c.length;u++){var v=c[u];if(o[v]=true,!i.deduplicateKeysKeepLeadingNodes)for(var h=v-1;h>=0&&"property"!==e[h].type;h--)o[h]=true;}}for(var f=[],y=0;y<e.length;y++)if(!(null==o?void 0:o[y])){var g=e[y];switch(g.type){case "comment":if(i.removeComments)continue;f.push(i.removeLeadingWhitespace?"".concat(g.delimiter).concat(g.body):g.rawLine);break;case "blank":if(i.removeBlankLines)continue;f.push(g.rawLine);break;case "property":p?f.push(rebuildPropertyLine(g,i)):f.push(g.rawLines.join(n));}}return (a?BOM$1:"")+f.join(n)};

var CH_TAB=9;var CH_LF=10;var CH_FF=12;var CH_CR=13;var CH_SPACE=32;var CH_BANG=33;var CH_HASH=35;var CH_COLON=58;var CH_EQUALS=61;var CH_BACKSLASH=92;var CH_LOWER_F=102;var CH_LOWER_N=110;var CH_LOWER_R=114;var CH_LOWER_T=116;var CH_LOWER_U=117;var CH_BOM=65279;

var hexValue=function(e){return e>=48&&e<=57?e-48:e>=65&&e<=70?e-55:e>=97&&e<=102?e-87:-1};var unescapeContent=function(e){if(-1===e.indexOf("\\"))return e;for(var r=e.length,a="",c=0,t=0;t<r;)if(e.charCodeAt(t)===CH_BACKSLASH){if(t>c&&(a+=e.slice(c,t)),++t>=r){a+="\\",c=t;break}switch(e.charCodeAt(t)){case CH_LOWER_N:a+="\n",t++;break;case CH_LOWER_T:a+="\t",t++;break;case CH_LOWER_R:a+="\r",t++;break;case CH_LOWER_F:a+="\f",t++;break;case CH_LOWER_U:if(t+4>=r)throw new Error("malformed escaped unicode characters '".concat(e.slice(t-1,t+5),"'"));var o=hexValue(e.charCodeAt(t+1)),C=hexValue(e.charCodeAt(t+2)),_=hexValue(e.charCodeAt(t+3)),h=hexValue(e.charCodeAt(t+4));if(o<0||C<0||_<0||h<0)throw new Error("malformed escaped unicode characters '".concat(e.slice(t-1,t+5),"'"));a+=String.fromCharCode(o<<12|C<<8|_<<4|h),t+=5;break;default:a+=e.charAt(t),t++;}c=t;}else t++;return c<r&&(a+=e.slice(c,r)),a};

var isWhitespace=function(e){return e===CH_SPACE||e===CH_TAB||e===CH_FF},countTrailingBackslashes=function(e,r){for(var a=0,i=r-1;i>=0&&e.charCodeAt(i)===CH_BACKSLASH;)a++,i--;return a};var parseDocument=function(e){var r="string"==typeof e?e:e.toString(),a=r.length,i=0,s=a>0&&r.charCodeAt(0)===CH_BOM;s&&(i=1);for(var t="\n",n=i;n<a;n++){var C=r.charCodeAt(n);if(C===CH_CR){t=n+1<a&&r.charCodeAt(n+1)===CH_LF?"\r\n":"\r";break}if(C===CH_LF){t="\n";break}}for(var c=(i>0?r.slice(i):r).split(/\r\n|\r|\n/),o=[],l=0,h=c.length;l<h;){for(var H=c[l],p=l+1,v=0,A=H.length;v<A&&isWhitespace(H.charCodeAt(v));)v++;if(v>=A){var f={type:"blank",rawLine:H,lineNumber:p};o.push(f),l++;}else {var _=H.charCodeAt(v);if(_!==CH_HASH&&_!==CH_BANG){for(var d=[H],u=p,g=v>0?H.slice(0,v):"",L=countTrailingBackslashes(H,A),S=L%2==1;S&&l+1<h;){var m=c[++l];d.push(m);var B=m.length;S=(L=countTrailingBackslashes(m,B))%2==1;}var O=l+1,b=S,N=void 0;if(1===d.length){var k=v>0?H.slice(v):H;N=b?k.slice(0,-1):k;}else {for(var y=[],W=0;W<d.length;W++){var F=d[W],E=void 0,T=void 0;if(0===W)E=v,T=F.length-1;else {E=0;for(var x=F.length;E<x&&isWhitespace(F.charCodeAt(E));)E++;T=W===d.length-1&&!b?x:x-1;}y.push(F.slice(E,T));}N=y.join("");}for(var K=N.length,Q=0,U=false;Q<K;){var j=N.charCodeAt(Q);if(j!==CH_BACKSLASH){if(!U&&(j===CH_EQUALS||j===CH_COLON||isWhitespace(j)))break;U=false,Q++;}else U=!U,Q++;}var w=N.slice(0,Q),G="",M=void 0,P="",R=Q;if(R<K){for(var D=R;R<K&&isWhitespace(N.charCodeAt(R));)R++;if(R<K){var V=N.charCodeAt(R);if(V===CH_EQUALS||V===CH_COLON){G=N.slice(D,R),M=V===CH_EQUALS?"=":":";for(var q=++R;R<K&&isWhitespace(N.charCodeAt(R));)R++;P=N.slice(q,R);}else G=N.slice(D,R);}else G=N.slice(D,R);}var z=N.slice(R),I={type:"property",rawLines:d,leadingWhitespace:g,key:-1!==w.indexOf("\\")?unescapeContent(w):w,escapedKey:w,separatorLeading:G,separatorChar:M,separatorTrailing:P,value:-1!==z.indexOf("\\")?unescapeContent(z):z,escapedValue:z,startingLineNumber:u,endingLineNumber:O};o.push(I),l++;}else {var J={type:"comment",rawLine:H,leadingWhitespace:v>0?H.slice(0,v):"",delimiter:_===CH_HASH?"#":"!",body:H.slice(v+1),lineNumber:p};o.push(J),l++;}}}return {hasBom:s,eolCharacter:t,nodes:o}};

function _class_call_check(e,r){if(!(e instanceof r))throw new TypeError("Cannot call a class as a function")}function _defineProperties(e,r){for(var t=0;t<r.length;t++){var n=r[t];n.enumerable=n.enumerable||false,n.configurable=true,"value"in n&&(n.writable=true),Object.defineProperty(e,n.key,n);}}function _create_class(e,r,t){return r&&_defineProperties(e.prototype,r),e}var BOM="\ufeff";var Properties=function(){function e(r){_class_call_check(this,e);var t=parseDocument(r);this.hasBom=t.hasBom,this.eolCharacter=t.eolCharacter,this.nodes=t.nodes;}return _create_class(e,[{key:"getProperties",value:function(){return this.nodes.filter(function(e){return "property"===e.type})}},{key:"getComments",value:function(){return this.nodes.filter(function(e){return "comment"===e.type})}},{key:"getBlankLines",value:function(){return this.nodes.filter(function(e){return "blank"===e.type})}},{key:"toObject",value:function(){for(var e={},r=0,t=this.nodes;r<t.length;r++){var n=t[r];"property"===n.type&&(e[n.key]=n.value);}return e}},{key:"getPropertyNodes",value:function(e){return this.nodes.filter(function(r){return "property"===r.type&&r.key===e})}},{key:"getEffectiveProperty",value:function(e){for(var r=this.nodes.length-1;r>=0;r--){var t=this.nodes[r];if("property"===t.type&&t.key===e)return t}}},{key:"getKeyCollisions",value:function(){for(var e={},r=0,t=this.nodes;r<t.length;r++){var n=t[r];if("property"===n.type){var o=e[n.key];void 0===o?e[n.key]=[n]:o.push(n);}}for(var i=[],a=0,s=Object.keys(e);a<s.length;a++){var u=s[a],f=e[u];void 0!==f&&f.length>1&&i.push({key:u,nodes:f});}return i}},{key:"getLeadingNodes",value:function(e){for(var r=-1,t=this.nodes.length-1;t>=0;t--){var n=this.nodes[t];if("property"===n.type&&n.key===e){r=t;break}}if(r<=0)return [];for(var o=[],i=r-1;i>=0;i--){var a=this.nodes[i];if("property"===a.type)break;o.unshift(a);}return o}},{key:"format",value:function(e){if(!e){for(var r=this.eolCharacter,t=[],n=0,o=this.nodes;n<o.length;n++){var i=o[n];"property"===i.type?t.push(i.rawLines.join(r)):t.push(i.rawLine);}return (this.hasBom?BOM:"")+t.join(r)}return formatNormalized(this.nodes,this.hasBom,this.eolCharacter,e)}}]),e}();

/**
 * Java `.properties` files (Spring's `application.properties`, jOOQ and Flyway configs), read by
 * `properties-file`, which implements `java.util.Properties`: `#`/`!` comments, `=`, `:` or
 * blanks as separator, backslash continuations and escapes. Keys stay whole
 * (`spring.datasource.url`), as Spring and the JDBC tools look them up. Every occurrence of a
 * repeated key is an entry: Java keeps the last, the earlier ones are still in the repository.
 *
 * The library gives each property's lines and raw text; the value's place is found from them:
 * on a single line it starts after the key, separator and blanks as written; a value continued
 * over several lines spans to the end of its last line.
 */
function parseProperties(text) {
    const lines = new LineIndex(text);
    const entries = [];
    for (const p of new Properties(text).getProperties()) {
        const first = p.rawLines[0] ?? '';
        const lineStart = lines.lineStart(p.startingLineNumber);
        const keyStart = lineStart + p.leadingWhitespace.length;
        // `escapedKey` is the key as written (continuations joined); on its first line it is whole
        // unless the key itself is continued, which no real file does.
        const keyEnd = keyStart + Math.min(p.escapedKey.length, first.length - p.leadingWhitespace.length);
        const valueOffset = p.leadingWhitespace.length +
            p.escapedKey.length +
            p.separatorLeading.length +
            (p.separatorChar ? 1 : 0) +
            p.separatorTrailing.length;
        const last = (p.rawLines[p.rawLines.length - 1] ?? '').replace(/\r$/, '').trimEnd();
        const endOffset = lines.lineStart(p.endingLineNumber) + last.length;
        const startOffset = lineStart + Math.min(valueOffset, first.replace(/\r$/, '').length);
        const span = p.value === '' || endOffset <= startOffset ? lines.span(keyStart, keyEnd) : lines.span(startOffset, endOffset);
        entries.push({ path: [p.key], key: p.key, value: p.value, span, document: 0 });
    }
    return { format: 'properties', entries, commands: [] };
}

/**
 * JSON documents inside a shell script: a word that is a JSON object (`curl --data '{...}'`,
 * `-d`, `--data-raw`, `http POST url <<< '{...}'`) and a here-document body that is one
 * (`curl --data @- <<'EOF'`). Scripts that register a Kafka Connect sink or create a cloud
 * database post the connection settings this way, and those settings are as real as a config
 * file's. Their entries are read like a JSON file's; each document's paths start with its offset
 * in the script (a number, so messages show only the JSON keys), which keeps one document's
 * settings out of another's scope.
 *
 * Positions: a document that sits verbatim in the script (single quotes, a quoted here-document)
 * is parsed in place, so every value keeps its own line; one the shell rewrote (double quotes
 * with `\"` escapes) is parsed alone and its values take the command's place.
 */
function jsonInShell(text, lines, commands) {
    const out = [];
    for (const c of commands) {
        for (const word of c.argv) {
            const doc = word.trim();
            if (!doc.startsWith('{') || !doc.endsWith('}') || !doc.includes('"'))
                continue;
            const at = text.slice(c.start, c.end).indexOf(word);
            if (at >= 0)
                out.push(...inPlace(lines, c.start + at, word));
            else
                out.push(...rewritten(c, word, lines.span(c.start, c.end)));
        }
        for (const body of hereDocuments(text, c)) {
            const doc = body.text.trim();
            if (doc.startsWith('{') && doc.endsWith('}'))
                out.push(...inPlace(lines, body.start, body.text));
        }
    }
    return out;
}
/** Parses `doc`, found at `offset` of the script, with positions in the script; nothing when it is not JSON. */
function inPlace(lines, offset, doc) {
    try {
        return parseJson(doc, { lines, offset }).entries.map((e) => ({ ...e, path: [offset, ...e.path] }));
    }
    catch {
        return []; // a word that only looks like JSON (`{a,b}` brace expansion, a template)
    }
}
function rewritten(c, doc, span) {
    try {
        return parseJson(doc).entries.map((e) => ({ ...e, path: [c.start, ...e.path], span }));
    }
    catch {
        return [];
    }
}
const HEREDOC = /<<(-?)[ \t]*(['"]?)([A-Za-z_][A-Za-z0-9_]*)\2/g;
/**
 * The bodies of the here-documents a command opens: from the line after the command's last line
 * to the line holding only the delimiter (tabs stripped for `<<-`). `<<<` (a here-string) is a
 * word, not a here-document.
 */
function hereDocuments(text, c) {
    const source = text.slice(c.start, c.end);
    if (!source.includes('<<'))
        return [];
    const out = [];
    let from = text.indexOf('\n', c.end);
    HEREDOC.lastIndex = 0;
    for (let m = HEREDOC.exec(source); m && from >= 0; m = HEREDOC.exec(source)) {
        if (source[m.index + 2] === '<' || (m.index > 0 && source[m.index - 1] === '<'))
            continue;
        const strip = m[1] === '-';
        const delimiter = m[3];
        const start = from + 1;
        let lineStart = start;
        let end = -1;
        while (lineStart <= text.length) {
            const nl = text.indexOf('\n', lineStart);
            const line = text.slice(lineStart, nl < 0 ? text.length : nl).replace(/\r$/, '');
            if ((strip ? line.replace(/^\t+/, '') : line) === delimiter) {
                end = lineStart;
                from = nl;
                break;
            }
            if (nl < 0)
                break;
            lineStart = nl + 1;
        }
        if (end < 0)
            break; // unterminated: the shell reads to the end, the script is broken anyway
        out.push({ start, text: text.slice(start, end) });
    }
    return out;
}

/**
 * Shell scripts (`*.sh`, `*.bash`): every simple command (split on newlines, `;`, `&&`, `||`,
 * `|`, `&`; `sh -c` scripts opened), and `K=V` / `export K=V` lines as entries with key K, then
 * the entries of JSON documents passed as words or here-documents (`shell-json.ts`).
 */
function parseShell(text) {
    const lines = new LineIndex(text);
    const script = splitShellScript(text);
    if (script.unterminated !== undefined) {
        throw syntaxError('shell', lines.pos(script.unterminated).line, 
        // Never quote the text: an unterminated quote usually opens a value, often a secret.
        'unterminated quote or substitution');
    }
    const entries = script.assignments.map((a) => ({
        path: [a.key],
        key: a.key,
        value: a.value,
        span: lines.span(a.start, a.end),
        document: 0,
    }));
    entries.push(...jsonInShell(text, lines, script.commands));
    const commands = [];
    for (const c of script.commands) {
        const span = lines.span(c.start, c.end);
        commands.push({ argv: c.argv, span, image: undefined }, ...wrapperCommands(c.argv, span));
    }
    return { format: 'shell', entries, commands };
}

/**
 * YAML (compose, Kubernetes, GitHub workflows, Helm values, any other) with the `yaml` library:
 * every document of a stream, positions from its LineCounter, anchors and aliases followed
 * (`<<: *base` merges included). Helm chart templates (`{{ ... }}` outside quotes) are not YAML
 * until rendered and fail here with the parser's message.
 */
function parseYaml(text) {
    const lineCounter = new distExports$1.LineCounter();
    const docs = parseDocuments(text, lineCounter);
    const out = { entries: [], commands: [] };
    const conv = new Converter(text, lineCounter);
    let index = 0;
    for (const doc of docs) {
        const err = doc.errors[0];
        // The library turns its own stack overflow on deep nesting into an error of the document.
        if (err && /call stack/i.test(err.message))
            throw new NestingError();
        if (err)
            throw syntaxError('YAML', err.linePos?.[0]?.line, err.message);
        walkTree(conv.document(doc), index, out, 'YAML');
        index++;
    }
    return { format: 'yaml', entries: out.entries, commands: out.commands };
}
/** The parser recurses per level of nesting: running out of stack means the file nests too deeply. */
function parseDocuments(text, lineCounter) {
    try {
        return distExports$1.parseAllDocuments(text, { lineCounter, uniqueKeys: false, strict: false });
    }
    catch (e) {
        if (isStackOverflow(e))
            throw new NestingError();
        throw e;
    }
}
class Converter {
    text;
    lc;
    memo = new Map();
    /** Collections open on the way to the node being converted. */
    depth = 0;
    anchors;
    lines;
    constructor(text, lc) {
        this.text = text;
        this.lc = lc;
    }
    document(doc) {
        this.anchors = new YamlAnchors(doc);
        this.memo = new Map();
        return doc.contents ? this.node(doc.contents) : undefined;
    }
    span(start, end) {
        const a = this.lc.linePos(start);
        const b = this.lc.linePos(Math.max(start, end));
        return { line: a.line, column: a.col, endLine: b.line, endColumn: b.col };
    }
    node(n) {
        if (this.depth >= MAX_NESTING)
            throw new NestingError();
        this.depth++;
        try {
            return this.convert(n);
        }
        finally {
            this.depth--;
        }
    }
    convert(n) {
        const known = this.memo.get(n);
        if (known)
            return known;
        if (distExports$1.isAlias(n)) {
            const target = this.anchors?.resolve(n);
            return target ? this.node(target) : undefined;
        }
        const [start = 0, valueEnd = start] = n.range ?? [];
        let end = valueEnd;
        if (distExports$1.isScalar(n)) {
            const s = this.scalar(n, start, end);
            this.memo.set(n, s);
            return s;
        }
        while (end > start && /\s/.test(this.text[end - 1]))
            end--; // a block collection's trailing newline
        if (distExports$1.isMap(n)) {
            const map = { kind: 'map', pairs: [], span: this.span(start, end) };
            this.memo.set(n, map);
            const own = [];
            const merged = [];
            for (const item of n.items) {
                const key = item.key;
                if (key && distExports$1.isScalar(key) && key.value === '<<' && key.type === 'PLAIN') {
                    const sources = item.value && distExports$1.isSeq(item.value) ? item.value.items : [item.value];
                    for (const src of sources) {
                        const target = src ? this.node(src) : undefined;
                        if (target?.kind === 'map' && target !== map)
                            for (const p of target.pairs)
                                merged.push(p);
                    }
                    continue;
                }
                let keyNode = key;
                if (keyNode && distExports$1.isAlias(keyNode))
                    keyNode = (this.anchors?.resolve(keyNode) ?? null);
                if (keyNode && !distExports$1.isScalar(keyNode))
                    continue; // complex keys (or a Helm `{{ }}` read as a map)
                const keyText = keyNode ? String(keyNode.value ?? '') : '';
                const [ks = start, ke = ks] = keyNode?.range ?? [];
                const keySpan = this.span(ks, ke);
                const value = item.value ? this.node(item.value) : undefined;
                own.push({ key: keyText, keySpan, value: value ?? { kind: 'scalar', value: null, span: keySpan } });
            }
            // Explicit keys win over merged ones; among merged maps the first listed wins.
            const taken = new Set(own.map((p) => p.key));
            for (const p of merged) {
                if (taken.has(p.key))
                    continue;
                taken.add(p.key);
                map.pairs.push(p);
            }
            for (const p of own)
                map.pairs.push(p); // not push(...own): a map of 200,000 keys overflows the stack
            return map;
        }
        if (distExports$1.isSeq(n)) {
            const seq = { kind: 'seq', items: [], span: this.span(start, end) };
            this.memo.set(n, seq);
            for (const item of n.items)
                seq.items.push(item ? this.node(item) : undefined);
            return seq;
        }
        return undefined;
    }
    scalar(n, start, end) {
        const value = toScalar(n.value, this.text.slice(start, end));
        if (n.type === 'BLOCK_LITERAL' || n.type === 'BLOCK_FOLDED')
            return this.block(n.type, value, start, end);
        let place;
        if (typeof value === 'string') {
            const quoted = n.type === 'QUOTE_DOUBLE' || n.type === 'QUOTE_SINGLE' ? 1 : 0;
            const from = start + quoted;
            if (this.text.slice(from, end - quoted) === value)
                place = (s, e) => this.span(from + s, from + e);
        }
        return { kind: 'scalar', value, span: this.span(start, end), ...(place ? { place } : {}) };
    }
    /**
     * A block scalar's span starts at its first content line, not at the `|`/`>` header. A literal
     * block keeps each line verbatim after the block indentation, so offsets inside the value map
     * to exact file positions (the lines of a `run: |` script).
     */
    block(type, value, start, end) {
        const nl = this.text.indexOf('\n', start);
        let from = nl < 0 || nl >= end ? start : nl + 1;
        let to = end;
        while (from < to && /\s/.test(this.text[from]))
            from++;
        while (to > from && /\s/.test(this.text[to - 1]))
            to--;
        const span = this.span(from < to ? from : start, from < to ? to : end);
        if (type !== 'BLOCK_LITERAL' || typeof value !== 'string' || nl < 0)
            return { kind: 'scalar', value, span };
        const place = this.literalPlace(value, nl + 1);
        return { kind: 'scalar', value, span, ...(place ? { place } : {}) };
    }
    literalPlace(value, contentStart) {
        this.lines ??= this.text.split('\n');
        const firstLine = this.lc.linePos(contentStart).line; // 1-based
        const valueLines = value.split('\n');
        const lineStarts = [];
        let indent = -1;
        const fileStarts = [];
        let offset = 0;
        for (let k = 0; k < valueLines.length; k++) {
            const v = valueLines[k];
            const src = (this.lines[firstLine - 1 + k] ?? '').replace(/\r$/, '');
            if (v !== '') {
                if (indent < 0)
                    indent = src.length - v.length;
                if (indent < 0 || src.slice(indent) !== v)
                    return undefined;
            }
            lineStarts.push(offset);
            fileStarts.push(this.lc.lineStarts[firstLine - 1 + k] ?? this.text.length);
            offset += v.length + 1;
        }
        const ind = Math.max(indent, 0);
        const toFile = (o) => {
            // The last line starting at or before o, by binary search: a script of many lines is placed once per command.
            let k = 0;
            let hi = lineStarts.length - 1;
            while (k < hi) {
                const mid = (k + hi + 1) >> 1;
                if (lineStarts[mid] <= o)
                    k = mid;
                else
                    hi = mid - 1;
            }
            return fileStarts[k] + ind + (o - lineStarts[k]);
        };
        return (s, e) => this.span(toFile(s), toFile(e));
    }
}
function toScalar(v, source) {
    if (v === null || v === undefined)
        return null;
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')
        return v;
    if (typeof v === 'bigint')
        return v.toString();
    return source.trim(); // dates, binary: as written
}

/**
 * Files inside a cookiecutter template directory (`{{cookiecutter.project_slug}}/render.yaml`)
 * hold `{{ cookiecutter.x }}` placeholders that cookiecutter fills before anything reads them, so
 * `name: {{cookiecutter.project_slug}}-db` is not YAML until rendered. Such a file is parsed with
 * each `{{`/`}}` of a placeholder swapped for two characters no format gives a meaning to (the same
 * length, so every position stays right), and the placeholders are put back in the values.
 * Jinja blocks (`{% if %}`) are left alone: a file with one still fails to parse.
 */
const OPEN = '\u2983\u2983';
const CLOSE = '\u2984\u2984';
const PLACEHOLDER = /\{\{(\s*cookiecutter\.[A-Za-z0-9_]+\s*)\}\}/g;
function isCookiecutterTemplatePath(path) {
    return /(^|\/)\{\{\s*cookiecutter\.[A-Za-z0-9_]+\s*\}\}\//.test(path);
}
function maskPlaceholders(text) {
    return text.replace(PLACEHOLDER, `${OPEN}$1${CLOSE}`);
}
function unmask(v) {
    return (typeof v === 'string' ? v.replaceAll(OPEN, '{{').replaceAll(CLOSE, '}}') : v);
}
function restorePlaceholders(doc) {
    const entries = doc.entries.map((e) => ({
        ...e,
        path: e.path.map(unmask),
        key: unmask(e.key),
        value: unmask(e.value),
    }));
    const commands = doc.commands.map((c) => ({ ...c, argv: c.argv.map(unmask), image: unmask(c.image) }));
    return { ...doc, entries, commands };
}

let parserPromise;
/** One Bicep parser per thread, created on first use (tree-sitter-bicep's grammar). */
function getParser() {
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
function spanOf(node) {
    return {
        line: node.startPosition.row + 1,
        column: node.startPosition.column + 1,
        endLine: node.endPosition.row + 1,
        endColumn: node.endPosition.column + 1,
    };
}
/** A string literal's text (escapes undone), or undefined when it interpolates `${…}`. */
function literalString(node) {
    let out = '';
    for (const c of node.namedChildren) {
        if (!c)
            continue;
        if (c.type === 'string_content')
            out += c.text;
        else if (c.type === 'escape_sequence')
            out += unescape(c.text);
        else
            return undefined;
    }
    return out;
}
function unescape(seq) {
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
function scalarOf(node) {
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
function keyOf(node) {
    if (node.type === 'identifier')
        return node.text;
    if (node.type === 'string')
        return literalString(node);
    return undefined;
}
function firstError(root) {
    if (!root.hasError)
        return undefined;
    const stack = [root];
    while (stack.length > 0) {
        const n = stack.pop();
        if (n.isError || n.isMissing)
            return n;
        for (let i = n.childCount - 1; i >= 0; i--) {
            const c = n.child(i);
            if (c?.hasError || c?.isMissing)
                stack.push(c);
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
async function parseBicep(text) {
    const parser = await getParser();
    const tree = parser.parse(text);
    if (!tree)
        throw new Error('tree-sitter returned no tree');
    try {
        const root = tree.rootNode;
        const error = firstError(root);
        if (error)
            throw new Error(`Bicep syntax error at line ${error.startPosition.row + 1}`);
        const entries = [];
        const walk = (node, path, key, keyNode) => {
            if (node.type === 'object') {
                for (const prop of node.namedChildren) {
                    if (prop?.type !== 'object_property')
                        continue;
                    const k = prop.namedChildren[0];
                    const v = prop.namedChildren[prop.namedChildren.length - 1];
                    const name = k ? keyOf(k) : undefined;
                    if (!k || !v || v === k || name === undefined)
                        continue;
                    walk(v, [...path, name], name, k);
                }
                return;
            }
            if (node.type === 'array') {
                let i = 0;
                for (const item of node.namedChildren) {
                    if (!item || item.type === 'comment')
                        continue;
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
            if (scalar)
                entries.push({ path, key, value: scalar.value, span: spanOf(node), document: 0 });
        };
        for (const decl of root.namedChildren) {
            if (!decl || !DECLARATIONS.has(decl.type))
                continue;
            const name = decl.namedChildren.find((c) => c?.type === 'identifier');
            if (!name)
                continue;
            // The declared value: after `=` (resources, modules, variables, outputs, parameter defaults).
            const value = decl.children.findIndex((c) => c?.type === '=');
            const valueNode = value >= 0 ? decl.children.slice(value + 1).find((c) => c?.isNamed) : undefined;
            if (valueNode)
                walk(valueNode, [name.text], name.text, name);
        }
        return { format: 'bicep', entries, commands: [] };
    }
    finally {
        tree.delete();
    }
}

/**
 * Parses a non-Python file into entries (key paths and scalar values with their positions) and
 * command lines. Throws an Error with a one-line message naming the format and the line when the
 * text is not valid in its format; the engine reports the file as skipped with that reason.
 * `path` is used for messages, and to recognise a file inside a cookiecutter template directory.
 */
function parseConfig(kind, path, text) {
    try {
        return parseKind(kind, path, text);
    }
    catch (e) {
        // A parser that recurses per level of nesting (smol-toml's arrays, say) and ran out of stack.
        if (isStackOverflow(e))
            throw new NestingError();
        throw e;
    }
}
function parseKind(kind, path, text) {
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

// Methods and builtins that give back the same value in another form.
const PASSTHROUGH_METHODS = new Set(['encode', 'decode', 'strip', 'lstrip', 'rstrip', 'lower', 'upper', 'casefold']);
const PASSTHROUGH_FUNCTIONS = new Set(['str', 'bytes']);
const COLUMN_CALLS = new Set(['Column', 'mapped_column', 'column_property']);
const MAPPER_EVENTS = new Set(['before_insert', 'before_update', 'set', 'init']);
const MAX_DEPTH = 8;
/** `plain` dominates (some path stores the raw value), then a helper to look up, then `hash`. */
function combine(a, b) {
    if (a === undefined)
        return b;
    if (b === undefined)
        return a;
    if (a === 'plain' || b === 'plain')
        return 'plain';
    if (a.startsWith('call:'))
        return a;
    return b;
}
/**
 * What a stored (or returned) expression does to the value that reached its function: a parameter
 * (a setter's or validator's value) or a password-named attribute read back (a listener's
 * `target.password`) is the raw input; locals are followed to their assignments.
 */
function verdictOf(expr, py, depth = 0) {
    if (depth > MAX_DEPTH)
        return undefined;
    const n = unparenthesize(expr);
    switch (n.type) {
        case 'conditional_expression': {
            const [body, , alternative] = n.namedChildren;
            return combine(body ? verdictOf(body, py, depth + 1) : undefined, alternative ? verdictOf(alternative, py, depth + 1) : undefined);
        }
        case 'boolean_operator': {
            const left = n.childForFieldName('left');
            const right = n.childForFieldName('right');
            return combine(left ? verdictOf(left, py, depth + 1) : undefined, right ? verdictOf(right, py, depth + 1) : undefined);
        }
        case 'identifier': {
            if (py.imports.names.has(n.text))
                return undefined;
            let v;
            for (const b of py.scopes.bindingsOf(n.text, n)) {
                if (b.kind === 'other')
                    v = combine(v, 'plain');
                else if (b.kind === 'value')
                    v = combine(v, verdictOf(b.value, py, depth + 1));
            }
            return v;
        }
        case 'attribute': {
            // `target.password` read back (a listener hashing in place): the raw value when named so.
            const attr = n.childForFieldName('attribute')?.text ?? '';
            return isPasswordName(attr) ? 'plain' : undefined;
        }
        case 'call': {
            const fn = n.childForFieldName('function');
            if (!fn)
                return 'hash';
            if (fn.type === 'attribute') {
                const method = fn.childForFieldName('attribute')?.text ?? '';
                const object = fn.childForFieldName('object');
                if (object && PASSTHROUGH_METHODS.has(method))
                    return verdictOf(object, py, depth + 1);
            }
            const first = callArguments(n).positional[0];
            if (first && fn.type === 'identifier' && PASSTHROUGH_FUNCTIONS.has(fn.text)) {
                return verdictOf(first, py, depth + 1);
            }
            const head = headOf(fn);
            if (head && head !== 'self' && (py.imports.names.has(head) || definesFunction(py, head))) {
                return `call:${fn.text.replace(/\s+/g, '')}`;
            }
            return 'hash';
        }
        default:
            return undefined;
    }
}
function headOf(node) {
    let n = node;
    while (n?.type === 'attribute')
        n = n.childForFieldName('object');
    return n?.type === 'identifier' ? n.text : undefined;
}
const TOP_FUNCTIONS = new MemoSlot('passwords.top-functions');
/** Top-level `def`s of the module by name. */
function moduleFunctions(py) {
    return TOP_FUNCTIONS.of(py, () => topFunctionsOf(py));
}
function topFunctionsOf(py) {
    const map = new Map();
    for (const stmt of py.doc.root.namedChildren) {
        const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
        if (def?.type !== 'function_definition')
            continue;
        const name = def.childForFieldName('name')?.text;
        if (name)
            map.set(name, def);
    }
    return map;
}
function definesFunction(py, name) {
    return moduleFunctions(py).has(name);
}
/** Every node of `type` under `fn`, not inside a nested function or class. */
/** Longer functions are not taken for pass-through helpers. */
const MAX_HELPER_LINES = 15;
function within(fn, list) {
    const body = fn.childForFieldName('body');
    if (!body)
        return [];
    // The index's nodes inside the body, then only those climb to their owner: walking every
    // child of every function through the WebAssembly boundary cost more than the rest of the summary.
    return nodesUnder(list, body).filter((n) => ownerOf(n) === fn.id);
}
/** The innermost function, class or lambda a node sits in. */
function ownerOf(node) {
    for (let p = node.parent; p; p = p.parent) {
        if (p.type === 'function_definition' || p.type === 'class_definition' || p.type === 'lambda')
            return p.id;
    }
    return undefined;
}
function returnsOf(fn, py) {
    let v;
    for (const r of within(fn, py.returns)) {
        const value = r.firstNamedChild;
        if (value)
            v = combine(v, verdictOf(value, py));
    }
    return v;
}
/** `<receiver>.<password column> = expr` in the function: attribute → what is stored. */
function storesOn(fn, receiver, py) {
    const out = new Map();
    for (const a of within(fn, py.assignments)) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'attribute' || !right || left.childForFieldName('object')?.text !== receiver)
            continue;
        const attr = left.childForFieldName('attribute')?.text ?? '';
        if (!isPasswordColumnName(attr))
            continue;
        const v = verdictOf(right, py) ?? 'hash';
        out.set(attr, combine(out.get(attr), v));
    }
    return out;
}
/** Methods `fn` calls on `receiver` (`target.hash_password()`, `self.set_password(pw)`). */
function methodCallsOn(fn, receiver, py) {
    return within(fn, py.calls).filter((c) => {
        const f = c.childForFieldName('function');
        return f?.type === 'attribute' && f.childForFieldName('object')?.text === receiver;
    });
}
function parameterNames(fn) {
    const names = [];
    for (const p of fn.childForFieldName('parameters')?.namedChildren ?? []) {
        if (p.type === 'identifier')
            names.push(p.text);
        else if (p.type === 'default_parameter' || p.type === 'typed_default_parameter' || p.type === 'typed_parameter') {
            const name = p.childForFieldName('name') ?? p.firstNamedChild;
            if (name?.type === 'identifier')
                names.push(name.text);
        }
    }
    return names;
}
function decoratorsOf(def) {
    const parent = def.parent;
    if (parent?.type !== 'decorated_definition')
        return [];
    return parent.namedChildren.filter((c) => c.type === 'decorator').map((d) => d.firstNamedChild);
}
function record(map) {
    return map.size ? Object.fromEntries(map) : undefined;
}
function basesOnly(cls) {
    const bases = basesOf(cls);
    return bases.length ? { bases } : undefined;
}
function basesOf(cls) {
    const bases = [];
    for (const b of cls.childForFieldName('superclasses')?.namedChildren ?? []) {
        if ((b.type === 'identifier' || b.type === 'attribute') && b.text !== 'object')
            bases.push(b.text.replace(/\s+/g, ''));
    }
    return bases;
}
/** A class's password facts; undefined when it has none and no base to inherit through. */
function classFacts(cls, py) {
    const bases = basesOf(cls);
    const attrs = new Map();
    const columns = new Set();
    const types = new Map();
    const methods = new Map();
    const methodDefs = new Map();
    let init;
    const body = cls.childForFieldName('body');
    const defs = [];
    const assigns = [];
    for (const stmt of body?.namedChildren ?? []) {
        const def = stmt.type === 'decorated_definition' ? stmt.childForFieldName('definition') : stmt;
        if (def?.type === 'function_definition')
            defs.push(def);
        else if (stmt.type === 'expression_statement' && stmt.firstNamedChild?.type === 'assignment') {
            assigns.push(stmt.firstNamedChild);
        }
    }
    for (const def of defs) {
        const name = def.childForFieldName('name')?.text ?? '';
        methodDefs.set(name, def);
        const stores = storesOn(def, 'self', py);
        if (stores.size)
            methods.set(name, stores);
    }
    for (const def of defs) {
        const name = def.childForFieldName('name')?.text ?? '';
        for (const dec of decoratorsOf(def)) {
            if (dec.type === 'attribute' && dec.childForFieldName('attribute')?.text === 'setter') {
                // @password.setter
                const attr = dec.childForFieldName('object')?.text ?? '';
                if (isPasswordColumnName(attr))
                    attrs.set(attr, joinStores(methods.get(name)));
            }
            else if (dec.type === 'call' && /(^|\.)validates$/.test(dec.childForFieldName('function')?.text ?? '')) {
                for (const a of callArguments(dec).positional) {
                    const key = constantStringValue(a);
                    if (key !== undefined && isPasswordColumnName(key))
                        attrs.set(key, returnsOf(def, py) ?? 'plain');
                }
            }
        }
        if (name === '__init__') {
            const params = parameterNames(def).slice(1);
            const stores = new Map();
            for (const a of within(def, py.assignments)) {
                const left = a.childForFieldName('left');
                const right = a.childForFieldName('right');
                if (left?.type !== 'attribute' || left.childForFieldName('object')?.text !== 'self' || !right)
                    continue;
                if (!isPasswordColumnName(left.childForFieldName('attribute')?.text ?? ''))
                    continue;
                const v = verdictOf(right, py) ?? 'hash';
                for (const p of mentioned(right, params))
                    stores.set(p, combine(stores.get(p), v));
            }
            for (const call of methodCallsOn(def, 'self', py)) {
                const m = call.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '';
                const v = methods.has(m) ? joinStores(methods.get(m)) : undefined;
                if (!v)
                    continue;
                for (const p of mentioned(call, params))
                    stores.set(p, combine(stores.get(p), v));
            }
            init = { params, stores: Object.fromEntries(stores) };
        }
    }
    for (const a of assigns) {
        const left = a.childForFieldName('left');
        const right = a.childForFieldName('right');
        if (left?.type !== 'identifier' || !isPasswordColumnName(left.text))
            continue;
        columns.add(left.text);
        if (!right)
            continue;
        const r = unparenthesize(right);
        if (r.type !== 'call')
            continue;
        const fnName = r.childForFieldName('function')?.text ?? '';
        const last = fnName.slice(fnName.lastIndexOf('.') + 1);
        const args = callArguments(r);
        if (last === 'synonym' || last === 'property' || last === 'hybrid_property') {
            // synonym("_password", descriptor=property(get, set)) / property(get, set)
            const prop = last === 'synonym' ? args.keywords.get('descriptor') : r;
            const p = prop && unparenthesize(prop);
            if (p?.type === 'call') {
                const pa = callArguments(p);
                const setter = pa.positional[1] ?? pa.keywords.get('fset');
                if (setter?.type === 'identifier' && methodDefs.has(setter.text)) {
                    attrs.set(left.text, joinStores(methods.get(setter.text)));
                }
            }
        }
        else if (COLUMN_CALLS.has(last)) {
            for (const arg of args.positional) {
                const t = unparenthesize(arg);
                const typeNode = t.type === 'call' ? t.childForFieldName('function') : t;
                if (typeNode && (typeNode.type === 'identifier' || typeNode.type === 'attribute')) {
                    const written = typeNode.text.replace(/\s+/g, '');
                    if (/^[A-Z]/.test(written.slice(written.lastIndexOf('.') + 1)))
                        types.set(left.text, written);
                    break;
                }
            }
        }
    }
    const methodsOut = new Map();
    for (const [m, stores] of methods)
        methodsOut.set(m, Object.fromEntries(stores));
    const facts = {
        ...(bases.length ? { bases } : {}),
        ...(attrs.size ? { attrs: Object.fromEntries(attrs) } : {}),
        ...(columns.size ? { columns: [...columns] } : {}),
        ...(types.size ? { types: Object.fromEntries(types) } : {}),
        ...(init && (Object.keys(init.stores).length || init.params.some(isPasswordColumnName)) ? { init } : {}),
        ...(methodsOut.size ? { methods: Object.fromEntries(methodsOut) } : {}),
    };
    return Object.keys(facts).length ? facts : undefined;
}
function joinStores(stores) {
    let v;
    for (const s of stores?.values() ?? [])
        v = combine(v, s);
    // A setter that stores no password column (it raises, or keeps the value elsewhere) does not
    // put the raw value in the column assigned.
    return v ?? 'hash';
}
/** Which of `names` the expression reads. */
function mentioned(node, names) {
    const found = new Set();
    if (node.type === 'identifier' && names.includes(node.text))
        found.add(node.text);
    for (const id of node.descendantsOfType('identifier'))
        if (names.includes(id.text))
            found.add(id.text);
    return [...found];
}
/** `listen(User, "before_insert", fn)` and `@listens_for(User, "before_insert")` in the module. */
function listeners(py) {
    const out = [];
    const functions = moduleFunctions(py);
    const add = (target, event, fn) => {
        const ev = event ? constantStringValue(event) : undefined;
        if (!target || !ev || !fn || !MAPPER_EVENTS.has(ev))
            return;
        const t = unparenthesize(target);
        if (t.type !== 'identifier' && t.type !== 'attribute')
            return;
        const params = parameterNames(fn);
        if (ev === 'set') {
            // listens_for(User.password, "set", retval=True): fn(target, value, oldvalue, initiator)
            if (t.type !== 'attribute')
                return;
            const attr = t.childForFieldName('attribute')?.text ?? '';
            const cls = t.childForFieldName('object')?.text ?? '';
            if (!isPasswordColumnName(attr))
                return;
            out.push({ cls, events: ['set'], stores: { [attr]: returnsOf(fn, py) ?? 'plain' } });
            return;
        }
        // Mapper events: fn(mapper, connection, target); init: fn(target, args, kwargs).
        const receiver = ev === 'init' ? params[0] : params[2];
        if (!receiver)
            return;
        const stores = storesOn(fn, receiver, py);
        const methods = methodCallsOn(fn, receiver, py).map((c) => c.childForFieldName('function')?.childForFieldName('attribute')?.text ?? '');
        if (!stores.size && !methods.length)
            return;
        out.push({
            cls: t.text.replace(/\s+/g, ''),
            events: [ev],
            ...(stores.size ? { stores: Object.fromEntries(stores) } : {}),
            ...(methods.length ? { methods } : {}),
        });
    };
    for (const call of py.calls) {
        if (!calleeNames(call, py.imports).some((n) => /^sqlalchemy(\.orm)?\.event\.listen$/.test(n)))
            continue;
        const args = callArguments(call);
        const fnRef = args.positional[2];
        add(args.positional[0], args.positional[1], fnRef?.type === 'identifier' ? functions.get(fnRef.text) : undefined);
    }
    for (const fn of functions.values()) {
        for (const dec of decoratorsOf(fn)) {
            if (dec.type !== 'call' || !/(^|\.)listens_for$/.test(dec.childForFieldName('function')?.text ?? ''))
                continue;
            const args = callArguments(dec);
            add(args.positional[0], args.positional[1], fn);
        }
    }
    return out;
}
const MENTIONS = /passw|pwd|TypeDecorator/i;
const PASSLIB_OPTIONS = /\b(SECURITY_)?PASSWORD_HASH_(PASSLIB_)?OPTIONS\b/;
/** The module's `passwords` section, or undefined when it has nothing to tell. */
function passwordsSection(py, text) {
    const classes = new Map();
    const columnTypes = new Map();
    // A module that never names a password can still hold a subclass of a model that does
    // (`class Admin(User): pass`): only its classes' bases are worth telling.
    const mentions = MENTIONS.test(text);
    for (const cls of py.classes) {
        if (cls.parent?.type !== 'module' && cls.parent?.parent?.type !== 'module')
            continue;
        const name = cls.childForFieldName('name')?.text;
        if (!name)
            continue;
        const facts = mentions ? classFacts(cls, py) : basesOnly(cls);
        if (facts)
            classes.set(name, facts);
        const bases = cls.childForFieldName('superclasses')?.text ?? '';
        if (/TypeDecorator\b/.test(bases)) {
            const bind = cls
                .childForFieldName('body')
                ?.namedChildren.find((s) => s.type === 'function_definition' && s.childForFieldName('name')?.text === 'process_bind_param');
            if (bind)
                columnTypes.set(name, returnsOf(bind, py) ?? 'plain');
        }
    }
    const helpers = new Map();
    // Helpers live anywhere: a module of string utilities need not name a password.
    for (const [name, fn] of moduleFunctions(py)) {
        // A helper that hands its argument back (`to_text(pw)`) is a few lines long; reading the
        // returns of every long function of every module cost more than the rest of the summary.
        if (fn.endPosition.row - fn.startPosition.row > MAX_HELPER_LINES)
            continue;
        if (parameterNames(fn).length === 0)
            continue;
        const v = returnsOf(fn, py);
        if (v !== undefined && v !== 'hash')
            helpers.set(name, v);
    }
    const found = mentions ? listeners(py) : [];
    const section = {
        ...(classes.size ? { classes: record(classes) } : {}),
        ...(helpers.size ? { helpers: record(helpers) } : {}),
        ...(found.length ? { listeners: found } : {}),
        ...(columnTypes.size ? { columnTypes: record(columnTypes) } : {}),
        ...(PASSLIB_OPTIONS.test(text) ? { passlibOptions: true } : {}),
    };
    return Object.keys(section).length ? section : undefined;
}

/**
 * The `passwords` section of module summaries: which model classes hash their password attributes
 * (and how), their bases, hashing helpers, event listeners, encrypting column types, and whether
 * the module sets Flask-Security's passlib options.
 */
const passwordsSummarizer = {
    domain: PASSWORDS_DOMAIN,
    summarize({ python, file }) {
        if (!python)
            return undefined;
        return passwordsSection(python, file.text);
    },
};

/**
 * Every domain's module summariser, in the order their sections are built. A domain that needs
 * facts from other modules in phase 2 adds its summariser here (one per domain, beside its model).
 */
const SUMMARIZERS = [
    flaskSummarizer,
    flaskFunctionsSummarizer,
    sqlSummarizer,
    sqlTextsSummarizer,
    passwordsSummarizer,
    proxiesSummarizer,
    jwtOptionsSummarizer,
    cookieOptionsSummarizer,
    flaskConfigSummarizer,
    helmTlsSummarizer,
    freshTokensSummarizer,
    deployEnvSummarizer,
    cryptoSummarizer,
];

/** Builds one module's summary in phase 1, from the models the rules already built. */
function summarizeModule(input, summarizers = SUMMARIZERS, 
/** Each summariser's time is added here when given (`--timing`), as `summary:<domain>`. */
timing) {
    // A deferrable section the module does not look asked for waits for phase 2 to ask.
    const now = [];
    const deferred = [];
    for (const s of summarizers) {
        if (s.eager === undefined || s.eager(input))
            now.push(s);
        else
            deferred.push(s.domain);
    }
    const sections = summarizeDomains(input, now, timing);
    const later = deferred.length > 0 ? { deferred } : {};
    const { python, file } = input;
    if (!python) {
        return {
            path: file.path,
            kind: 'config',
            imports: {},
            starImports: [],
            constants: {},
            defines: [],
            sections,
            ...later,
        };
    }
    const imports = {};
    for (const [local, full] of python.imports.names)
        imports[local] = [...full];
    const { constants, defines } = topLevel(python, Object.keys(imports));
    return {
        path: file.path,
        kind: 'python',
        imports,
        starImports: [...python.imports.starModules],
        constants,
        defines,
        sections,
        ...later,
    };
}
/** The sections of the given summarisers for one module: phase 1's, and deferred ones built in phase 2. */
function summarizeDomains(input, summarizers, timing) {
    const sections = {};
    for (const s of summarizers) {
        const start = timing ? performance.now() : 0;
        const section = s.summarize(input);
        if (timing) {
            const ms = performance.now() - start;
            addRule(timing, `summary:${s.domain}`, ms);
            addPhase(timing, 'summaries', ms);
        }
        if (section !== undefined)
            sections[s.domain] = section;
    }
    return sections;
}
/** Names bound at module level, and the constants among them. */
function topLevel(python, imported) {
    const defines = new Set(imported);
    const constants = {};
    for (const stmt of python.doc.root.namedChildren)
        statement(stmt);
    return { constants, defines: [...defines] };
    function statement(stmt) {
        switch (stmt.type) {
            case 'class_definition':
            case 'function_definition': {
                const name = stmt.childForFieldName('name');
                if (name)
                    defines.add(name.text);
                return;
            }
            case 'decorated_definition': {
                const def = stmt.childForFieldName('definition');
                if (def)
                    statement(def);
                return;
            }
            case 'expression_statement':
                for (const child of stmt.namedChildren)
                    if (child.type === 'assignment')
                        assignment(child);
                return;
            // Definitions guarded by a condition or a try (`try: from x import y except: y = None`)
            // still bind at module level.
            case 'if_statement':
            case 'try_statement':
            case 'else_clause':
            case 'elif_clause':
            case 'except_clause':
            case 'finally_clause':
            case 'block':
                for (const child of stmt.namedChildren)
                    statement(child);
                return;
            default:
                return;
        }
    }
    function assignment(node) {
        const left = node.childForFieldName('left');
        if (!left)
            return;
        if (left.type === 'identifier') {
            defines.add(left.text);
            const right = node.childForFieldName('right');
            const value = right ? constantOf(python, right) : undefined;
            if (value !== undefined)
                constants[left.text] = value;
            else
                delete constants[left.text];
            return;
        }
        for (const id of left.descendantsOfType('identifier'))
            defines.add(id.text);
    }
}
/** Expressions that may evaluate to a constant; anything else (calls, dicts, lambdas) is not one. */
const CONSTANT_SHAPES = new Set([
    'string',
    'concatenated_string',
    'integer',
    'float',
    'true',
    'false',
    'none',
    'identifier',
    'attribute',
    'binary_operator',
    'unary_operator',
    'parenthesized_expression',
]);
function constantOf(python, node) {
    if (!CONSTANT_SHAPES.has(node.type))
        return undefined;
    const value = python.evaluator.evaluate(node);
    if (value.kind === 'const')
        return value.value;
    if (value.kind === 'str' &&
        value.segments.every((s) => (s.literal !== undefined && s.envFallbackOf === undefined) || s.text === '')) {
        return value.segments.map((s) => s.text).join('');
    }
    return undefined;
}

/** Quick test before any comment is read: most files hold no suppression at all. */
function mayHoldSuppression(text) {
    return text.includes('nosec') || /flask-crdb-gate/i.test(text);
}
/**
 * The real comments of a file, never text that only looks like one inside a string: tree-sitter's
 * `comment` nodes for Python, the `yaml` library's lexer for YAML, and for the line-based formats a
 * scan that follows their quoting rules. JSON has no comments.
 */
function commentsOf(kind, text, pythonRoot) {
    switch (kind) {
        case 'python':
            return pythonRoot ? pythonComments(pythonRoot) : [];
        case 'yaml':
            return yamlComments(text);
        case 'toml':
            return tomlComments(text);
        case 'ini':
            return lineComments(text, { chars: '#;', quotes: '"\'', carry: false, escapes: false, valueQuotes: '=:' });
        case 'dotenv':
            return lineComments(text, { chars: '#', quotes: '"\'`', carry: true, escapes: true, valueQuotes: '=' });
        case 'shell':
            return lineComments(text, { chars: '#', quotes: '"\'', carry: true, escapes: true });
        case 'dockerfile':
        case 'makefile':
        case 'procfile':
            return lineComments(text, { chars: '#', quotes: '"\'', carry: false, escapes: true });
        case 'properties':
            // java.util.Properties: `#` or `!` first on a line (never after a value, never inside a
            // continued one), as the parser finds them.
            return new Properties(text).getComments().map((c) => ({ line: c.lineNumber, text: `${c.delimiter}${c.body}` }));
        case 'json':
            return [];
        case 'bicep':
            return bicepComments(text);
    }
}
/** Bicep: line comments (two slashes) and block comments, outside single-quoted strings (backslash escapes). */
function bicepComments(text) {
    const out = [];
    let line = 1;
    let i = 0;
    let inString = false;
    const n = text.length;
    while (i < n) {
        const c = text[i];
        if (c === '\n') {
            line++;
            i++;
            continue;
        }
        if (inString) {
            if (c === '\\')
                i++;
            else if (c === "'")
                inString = false;
            i++;
            continue;
        }
        if (c === "'") {
            inString = true;
            i++;
            continue;
        }
        if (c === '/' && text[i + 1] === '/') {
            const end = text.indexOf('\n', i);
            const stop = end < 0 ? n : end;
            out.push({ line, text: text.slice(i, stop) });
            i = stop;
            continue;
        }
        if (c === '/' && text[i + 1] === '*') {
            const end = text.indexOf('*/', i + 2);
            const stop = end < 0 ? n : end + 2;
            const body = text.slice(i, stop);
            out.push({ line, text: body });
            line += body.split('\n').length - 1;
            i = stop;
            continue;
        }
        i++;
    }
    return out;
}
function pythonComments(root) {
    return root.descendantsOfType('comment').map((n) => ({ line: n.startPosition.row + 1, text: n.text }));
}
/** Comment tokens of the `yaml` library's lexer, placed by summing the lengths of the tokens before them. */
function yamlComments(text) {
    const out = [];
    let offset = 0;
    let line = 1;
    let counted = 0; // offset up to which newlines have been counted
    const markers = new Set([distExports$1.CST.DOCUMENT, distExports$1.CST.FLOW_END, distExports$1.CST.SCALAR]);
    for (const token of new distExports$1.Lexer().lex(text)) {
        if (markers.has(token))
            continue;
        if (distExports$1.CST.tokenType(token) === 'comment') {
            for (let i = text.indexOf('\n', counted); i >= 0 && i < offset; i = text.indexOf('\n', i + 1))
                line++;
            counted = offset;
            out.push({ line, text: token });
        }
        offset += token.length;
    }
    return out;
}
/** TOML: `#` outside the four kinds of strings starts a comment. */
function tomlComments(text) {
    const out = [];
    let line = 1;
    let i = 0;
    const n = text.length;
    while (i < n) {
        const c = text[i];
        if (c === '\n') {
            line++;
            i++;
        }
        else if (c === '#') {
            const end = endOfLine(text, i);
            out.push({ line, text: text.slice(i, end) });
            i = end;
        }
        else if (text.startsWith('"""', i) || text.startsWith("'''", i)) {
            const delim = text.slice(i, i + 3);
            let j = i + 3;
            while (j < n) {
                if (delim === '"""' && text[j] === '\\')
                    j += 2;
                else if (text.startsWith(delim, j))
                    break;
                else
                    j++;
            }
            // Up to two quotes may close the content before the delimiter (`""""` ends in a quote).
            while (text[j + 3] === delim[0])
                j++;
            line += countNewlines(text, i, Math.min(n, j + 3));
            i = j + 3;
        }
        else if (c === '"' || c === "'") {
            let j = i + 1;
            while (j < n && text[j] !== c && text[j] !== '\n')
                j += c === '"' && text[j] === '\\' ? 2 : 1;
            i = j + 1;
            if (text[j] === '\n')
                line++;
        }
        else {
            i++;
        }
    }
    return out;
}
/**
 * Shell-like formats: a comment character starts a comment at the start of a line or after white
 * space, outside quotes (so `pass#word` and `"a # b"` are not comments).
 */
function lineComments(text, rules) {
    const out = [];
    let quote = '';
    let line = 1;
    let i = 0;
    const n = text.length;
    while (i < n) {
        const c = text[i];
        if (c === '\n') {
            line++;
            if (!rules.carry)
                quote = '';
            i++;
            continue;
        }
        if (quote) {
            if (rules.escapes && c === '\\' && quote !== "'")
                i += 2;
            else {
                if (c === quote)
                    quote = '';
                i++;
            }
            continue;
        }
        if (rules.escapes && c === '\\') {
            if (text[i + 1] === '\n')
                line++;
            i += 2;
        }
        else if (rules.quotes.includes(c) && opensQuote(text, i, rules.valueQuotes)) {
            quote = c;
            i++;
        }
        else if (rules.chars.includes(c) && (i === 0 || /\s/.test(text[i - 1]))) {
            const end = endOfLine(text, i);
            out.push({ line, text: text.slice(i, end) });
            i = end;
        }
        else {
            i++;
        }
    }
    return out;
}
function opensQuote(text, at, after) {
    if (after === undefined)
        return true;
    let j = at - 1;
    while (j >= 0 && (text[j] === ' ' || text[j] === '\t'))
        j--;
    return j >= 0 && after.includes(text[j]);
}
function endOfLine(text, from) {
    const nl = text.indexOf('\n', from);
    const end = nl < 0 ? text.length : nl;
    return text[end - 1] === '\r' ? end - 1 : end;
}
function countNewlines(text, from, to) {
    let count = 0;
    for (let i = text.indexOf('\n', from); i >= 0 && i < to; i = text.indexOf('\n', i + 1))
        count++;
    return count;
}

const OUR_ID = /^FCG\d{3}$/i;
const NOSEC = /^nosec(?![\w-])/;
const TOOL_PREFIX = /^flask-crdb-gate\s*:\s*/i;
const IGNORE = /^ignore(?![\w-])/i;
/** What may sit between a list and its reason: `# nosec B105 - fixture`, `ignore[FCG101]: demo data`. */
const REASON_LEAD = /^[\s:;,\-–—]+/;
/**
 * The suppressions in one comment's text (starting at its `#`, or `;` in INI). Like Bandit, each
 * `#` starts a new part, so `# noqa: E501 # nosec B105` holds one. `nosec` is matched in lower
 * case only, as Bandit does.
 */
function parseDirectives(comment, names) {
    const body = comment.startsWith(';') ? `#${comment.slice(1)}` : comment;
    const out = [];
    const parts = body.split('#').slice(1);
    for (const raw of parts) {
        const part = raw.trim();
        if (NOSEC.test(part))
            out.push(parseNosec(part.slice('nosec'.length), names));
        else if (TOOL_PREFIX.test(part))
            out.push(parseIgnore(part.replace(TOOL_PREFIX, ''), names));
    }
    return out;
}
/** A token as a rule reference, or undefined when it is not one. */
function resolve(token, names, into) {
    if (OUR_ID.test(token)) {
        into.rules.add(token.toUpperCase());
        into.namesOurs = true;
        return true;
    }
    const byName = names.byName.get(token.toLowerCase());
    if (byName) {
        into.rules.add(byName);
        into.namesOurs = true;
        return true;
    }
    const bandit = banditId(token);
    if (bandit) {
        into.bandit.push(bandit);
        for (const id of rulesForBandit(bandit))
            into.rules.add(id);
        return true;
    }
    return false;
}
function reasonOf(text) {
    const reason = text.replace(REASON_LEAD, '').trim();
    return reason === '' ? undefined : reason;
}
/** `nosec`, `nosec B105, B106`, `nosec: FCG101 fixture data`: ids until the first word that is not one. */
function parseNosec(rest, names) {
    let text = rest.replace(/^:/, '');
    const named = { rules: new Set(), namesOurs: false, bandit: [] };
    const tokens = [];
    for (;;) {
        const m = /^[\s,]*([A-Za-z0-9_-]+)/.exec(text);
        if (!m || !resolve(m[1], names, named))
            break;
        tokens.push(m[1]);
        text = text.slice(m[0].length);
    }
    const listed = tokens.length > 0;
    return {
        kind: 'nosec',
        rules: listed ? [...named.rules].sort() : undefined,
        namesOurs: named.namesOurs,
        unknown: [],
        reason: reasonOf(text),
        label: listed ? `nosec ${tokens.join(', ')}` : 'nosec',
    };
}
/** `ignore[FCG101, sslmode-missing] reason` or `ignore reason` (every rule). */
function parseIgnore(rest, names) {
    const named = { rules: new Set(), namesOurs: false, bandit: [] };
    if (!IGNORE.test(rest)) {
        // `# flask-crdb-gate: ignroe[FCG101]`: addressed to us but not a suppression; reported so the typo is found.
        const word = /^\S*/.exec(rest)?.[0] ?? '';
        return {
            kind: 'ignore',
            rules: [],
            namesOurs: true,
            unknown: [word === '' ? '(nothing after "flask-crdb-gate:")' : word.slice(0, 40)],
            reason: undefined,
            label: 'flask-crdb-gate: (not ignore)',
        };
    }
    let text = rest.slice('ignore'.length);
    const bracket = /^\s*\[([^\]]*)\]/.exec(text);
    if (!bracket) {
        return { kind: 'ignore', rules: undefined, namesOurs: true, unknown: [], reason: reasonOf(text), label: 'ignore' };
    }
    text = text.slice(bracket[0].length);
    const unknown = [];
    const tokens = bracket[1].split(/[\s,]+/).filter((t) => t !== '');
    for (const t of tokens)
        if (!resolve(t, names, named))
            unknown.push(t.slice(0, 40));
    return {
        kind: 'ignore',
        rules: tokens.length > 0 ? [...named.rules].sort() : undefined,
        namesOurs: true,
        unknown,
        reason: reasonOf(text),
        label: tokens.length > 0 ? `ignore[${tokens.join(', ')}]` : 'ignore',
    };
}

const NONE = () => undefined;
/** Simple statements of tree-sitter-python, and compound ones (whose header alone is covered). */
const SIMPLE = new Set([
    'expression_statement',
    'return_statement',
    'assert_statement',
    'import_statement',
    'import_from_statement',
    'future_import_statement',
    'delete_statement',
    'raise_statement',
    'global_statement',
    'nonlocal_statement',
    'print_statement',
    'exec_statement',
    'type_alias_statement',
]);
const COMPOUND = new Set([
    'if_statement',
    'for_statement',
    'while_statement',
    'try_statement',
    'with_statement',
    'match_statement',
    'function_definition',
    'class_definition',
    'decorated_definition',
]);
function statementsOf(kind, text, lines, pythonRoot) {
    try {
        switch (kind) {
            case 'python':
                return pythonRoot ? pythonStatements(pythonRoot, lines) : NONE;
            case 'yaml':
                return pairStatements(yamlTree(text, { uniqueKeys: false }).documents);
            case 'toml':
                return pairStatements([parseTomlTree(text)]);
            default:
                return NONE;
        }
    }
    catch {
        return NONE; // the file parsed for the rules; if this view of it fails, suppressions still work per line
    }
}
/**
 * Python: the outermost statement that starts on the line, at its first non-blank column. For a
 * compound statement (`with connect(...) as c:`, a decorated function) only its header is
 * covered, never its body. Found for every line in one walk of the tree with a cursor, not by
 * climbing from each comment's node: tree-sitter finds a node's parent by descending from the
 * root, so climbing cost the depth times the siblings on the way, per comment.
 */
function pythonStatements(root, lines) {
    const indent = (row) => {
        const text = lines[row] ?? '';
        return text.length - text.trimStart().length;
    };
    const ends = new Map();
    const cursor = root.walk();
    try {
        for (;;) {
            spend();
            const start = cursor.startPosition;
            const end = cursor.endPosition;
            const lineStart = start.column === indent(start.row);
            if (lineStart && !ends.has(start.row) && (SIMPLE.has(cursor.nodeType) || COMPOUND.has(cursor.nodeType))) {
                // Pre-order: the first statement found at a line's start is the outermost one there.
                ends.set(start.row, COMPOUND.has(cursor.nodeType) ? headerEnd(cursor.currentNode) : end.row);
            }
            // A node on one line that does not start at the line's start holds no statement that does.
            const worthEntering = lineStart || end.row > start.row;
            if (worthEntering && cursor.gotoFirstChild())
                continue;
            while (!cursor.gotoNextSibling()) {
                if (!cursor.gotoParent())
                    return (line) => toRange(line, ends);
            }
        }
    }
    finally {
        cursor.delete();
    }
}
function toRange(line, ends) {
    const to = ends.get(line - 1);
    return to === undefined ? undefined : { from: line, to: to + 1 };
}
/** Row of the `:` that ends a compound statement's header (before its first block). */
function headerEnd(node) {
    const target = node.type === 'decorated_definition' ? (node.childForFieldName('definition') ?? node) : node;
    let last = target.startPosition.row;
    for (const child of target.children) {
        if (child.type === 'block')
            break;
        last = child.endPosition.row;
    }
    return last;
}
/**
 * YAML and TOML: a key on the line whose value is a scalar or a list (a `command:` or `args:` list,
 * a block scalar, a multi-line array). A mapping value is not covered: its keys have lines of their own.
 */
function pairStatements(roots) {
    const byLine = new Map();
    const visit = (node, depth) => {
        if (!node || depth > 200)
            return;
        if (node.kind === 'map') {
            for (const p of node.pairs) {
                const v = p.value;
                if (v && v.kind !== 'map' && v.span.endLine > p.keySpan.line) {
                    byLine.set(p.keySpan.line, Math.max(byLine.get(p.keySpan.line) ?? 0, v.span.endLine));
                }
                visit(v, depth + 1);
            }
        }
        else if (node.kind === 'seq') {
            for (const item of node.items)
                visit(item, depth + 1);
        }
    };
    for (const r of roots)
        visit(r, 0);
    return (line) => {
        const to = byLine.get(line);
        return to === undefined ? undefined : { from: line, to };
    };
}

/**
 * Applies the file's suppression comments to its findings. A comment covers a finding whose span
 * includes the comment's line, and every finding inside the statement that starts on its line (a
 * multi-line call whose first line carries the comment). Every comment that matches a finding is
 * credited with it, so a redundant second comment is not called unused.
 */
function applySuppressions(file, findings, options) {
    if (!mayHoldSuppression(file.text))
        return { findings: [...findings], suppressed: [], records: [] };
    const placed = [];
    let statementAt;
    for (const comment of commentsOf(file.kind, file.text, options.pythonRoot)) {
        const directives = parseDirectives(comment.text, options.names);
        if (directives.length === 0)
            continue;
        statementAt ??= statementsOf(file.kind, file.text, file.lines, options.pythonRoot);
        const statement = statementAt(comment.line);
        for (const directive of directives)
            placed.push({ line: comment.line, directive, statement, suppressed: 0 });
    }
    if (placed.length === 0)
        return { findings: [...findings], suppressed: [], records: [] };
    const scrubber = new SecretScrubber(options.secrets);
    const clean = (s) => (s === undefined ? undefined : scrubber.scrub(s));
    const candidates = candidatesOf(placed);
    const kept = [];
    const suppressed = [];
    for (const f of findings) {
        spend();
        const matching = candidates(f).filter((p) => covers(p, f));
        if (matching.length === 0) {
            kept.push(f);
            continue;
        }
        for (const p of matching)
            p.suppressed++;
        // Credited to the comment on the finding's own line first, else the nearest above it.
        const by = [...matching].sort((a, b) => rank(a, f) - rank(b, f))[0];
        suppressed.push({
            ...f,
            suppressedBy: {
                line: by.line,
                kind: by.directive.kind,
                directive: clean(by.directive.label),
                reason: clean(by.directive.reason),
            },
        });
    }
    const records = placed.map((p) => ({
        path: file.path,
        line: p.line,
        kind: p.directive.kind,
        directive: clean(p.directive.label),
        reason: clean(p.directive.reason),
        suppressed: p.suppressed,
        reportable: reportable(file, p.directive, options.ran),
        unknown: p.directive.unknown.map((u) => clean(u)),
    }));
    return { findings: kept, suppressed, records };
}
/**
 * The comments that may cover a finding, without trying every comment of the file on every
 * finding (hundreds of thousands of `# nosec` lines made that quadratic): those on a line of the
 * finding's span, found by binary search in line order, and those whose statement spans the
 * finding's first line, found by that line. In file order, as the comments were placed.
 */
function candidatesOf(placed) {
    const byLine = placed.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i);
    const byStatementLine = new Map();
    placed.forEach((p, i) => {
        if (!p.statement)
            return;
        for (let line = p.statement.from; line <= p.statement.to; line++) {
            let list = byStatementLine.get(line);
            if (!list)
                byStatementLine.set(line, (list = []));
            list.push({ p, i });
        }
    });
    return (f) => {
        let lo = 0;
        let hi = byLine.length;
        while (lo < hi) {
            const mid = (lo + hi) >> 1;
            if (byLine[mid].p.line < f.line)
                lo = mid + 1;
            else
                hi = mid;
        }
        const found = new Map();
        for (let k = lo; k < byLine.length && byLine[k].p.line <= f.endLine; k++) {
            const { p, i } = byLine[k];
            found.set(i, p);
        }
        for (const { p, i } of byStatementLine.get(f.line) ?? [])
            found.set(i, p);
        return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
    };
}
function covers(p, f) {
    const rules = p.directive.rules;
    if (rules !== undefined && !rules.includes(f.ruleId))
        return false;
    if (f.line <= p.line && p.line <= f.endLine)
        return true;
    return p.statement !== undefined && p.statement.from <= f.line && f.line <= p.statement.to;
}
function rank(p, f) {
    return p.line === f.line ? 0 : 1 + Math.abs(f.line - p.line);
}
function reportable(file, d, ran) {
    if (d.unknown.length > 0)
        return true;
    // Bandit reads the same comments in Python files: a nosec that names none of our rules may be its.
    if (file.kind === 'python' && d.kind === 'nosec' && !d.namesOurs)
        return false;
    if (d.rules === undefined)
        return ran.size > 0;
    return d.rules.some((id) => ran.has(id));
}

/**
 * Code longer than this is hashed once and the finding's fingerprint taken over that digest: a
 * one-line file of thousands of findings would otherwise hash the whole line once per finding.
 * Far above any statement a finding sits on in ordinary code, so those keep their fingerprints.
 */
const LONG_CODE = 16 * 1024;
/**
 * The code a finding sits on as its fingerprint takes it: secrets already scrubbed (so a short
 * password cannot be recovered from the hash by trying candidates), white space folded.
 */
function fingerprintCode(scrubbed) {
    const code = scrubbed.replace(/\s+/g, ' ').trim();
    return code.length > LONG_CODE ? `sha256:${createHash('sha256').update(code).digest('hex')}` : code;
}
/**
 * A finding's identity across edits that move it: the rule, the file, the code it sits on (from
 * fingerprintCode), and which occurrence of that code it is.
 */
function fingerprint(ruleId, path, code, occurrence) {
    const hash = createHash('sha256').update(`${ruleId}\0${path}\0${code}`).digest('hex').slice(0, 32);
    return `${hash}:${occurrence}`;
}

/** Lazy views of `py`'s models; cheap to make (nothing is built until a getter is read). */
function fileModels(py, path) {
    return {
        flask: {
            get routes() {
                return flaskRoutes(py);
            },
            get settings() {
                return flaskSettings(py, path);
            },
        },
        jwt: {
            get calls() {
                return jwtCalls(py);
            },
        },
    };
}

const KIND_NAMES = {
    yaml: 'YAML',
    toml: 'TOML',
    ini: 'INI',
    dotenv: 'dotenv',
    json: 'JSON',
    properties: 'properties',
    bicep: 'Bicep',
};
/**
 * Parses one file, runs every rule on it (but those the configuration turns off), and returns its
 * findings with secrets scrubbed, fingerprints set, configured severities applied and suppression
 * comments honoured. Never throws: a file that cannot be parsed, or a rule that fails on it, is
 * reported as skipped with the reason, and the scan goes on.
 */
async function analyzeFile(file, rules, options = DEFAULT_ANALYSIS, 
/** Names for suppression lists; default those of `rules` (the engine passes every rule's). */
names = ruleNames(rules), 
/** Where the file's time went is added here when given (`--timing`). */
timing) {
    if (file.role === 'template')
        return { findings: [], skipped: [], suppressed: [], suppressions: [] };
    let python;
    let config;
    const budgetMs = options.fileBudgetMs ?? FILE_BUDGET_MS;
    try {
        if (file.kind === 'python')
            python = await timedAsync(timing, 'parse', () => parsePython(file.text));
        else if (file.kind === 'bicep')
            config = await timedAsync(timing, 'parse', () => parseBicep(file.text));
        else
            config = timed(timing, 'parse', () => withBudget(budgetMs, () => parseConfig(file.kind, file.path, file.text)));
    }
    catch (e) {
        if (e instanceof BudgetExceeded) {
            return { findings: [], skipped: [{ path: file.path, reason: e.message }], suppressed: [], suppressions: [] };
        }
        const what = KIND_NAMES[file.kind] ?? file.kind;
        return {
            findings: [],
            skipped: [{ path: file.path, reason: `could not be parsed as ${what}: ${messageOf$1(e)}` }],
            suppressed: [],
            suppressions: [],
        };
    }
    try {
        const { active, ran: ranIds } = activeRules(rules, options);
        const ran = runRules(file, python, config, active, options, budgetMs, timing);
        try {
            // A budget of their own: a file that spent the rules' budget still has its comments honoured.
            const result = withBudget(budgetMs, () => applySuppressions(file, ran.findings, {
                pythonRoot: python?.root,
                names,
                ran: ranIds,
                secrets: ran.secrets,
            }));
            return {
                findings: result.findings,
                skipped: ran.skipped,
                suppressed: result.suppressed,
                suppressions: result.records,
                ...(ran.summary ? { summary: ran.summary } : {}),
            };
        }
        catch (e) {
            // Never lose findings to a suppression problem: keep them all, and say so.
            const reason = `suppression comments could not be read and were ignored: ${messageOf$1(e)}`;
            return {
                findings: ran.findings,
                skipped: [...ran.skipped, { path: file.path, reason }],
                suppressed: [],
                suppressions: [],
                ...(ran.summary ? { summary: ran.summary } : {}),
            };
        }
    }
    finally {
        python?.tree.delete();
    }
}
// A scan hands every file the same rules and rule settings (the options object around them may be
// a copy per file): which rules run is worked out once.
const activeMemo = new WeakMap();
function activeRules(rules, options) {
    let bySettings = activeMemo.get(rules);
    if (!bySettings)
        activeMemo.set(rules, (bySettings = new WeakMap()));
    let found = bySettings.get(options.rules);
    if (!found) {
        const active = rules.filter((r) => !isRuleOff(options, r.meta.id));
        found = { active, ran: new Set(active.map((r) => r.meta.id)) };
        bySettings.set(options.rules, found);
    }
    return found;
}
/** Rule names a suppression list may use (`ignore[sslmode-disabled]`): those of the rules given. */
function ruleNames(rules) {
    return { byName: new Map(rules.map((r) => [r.meta.name.toLowerCase(), r.meta.id])) };
}
function runRules(file, doc, config, rules, options, budgetMs, timing) {
    const ruleOptions = { localHostsAreProduction: options.localHostsAreProduction };
    const skipped = [];
    const reported = [];
    const out = {};
    const stopped = withBudget(budgetMs, () => checkAll(file, doc, config, rules, ruleOptions, reported, skipped, out, timing, options.seen));
    if (stopped) {
        // Findings of the rules that finished are kept: running out of time must not hide them.
        skipped.push({
            path: file.path,
            reason: `${stopped.error.message}: its analysis was stopped${stopped.rule ? ` in rule ${stopped.rule}` : ''}; findings of the rules before it are kept`,
        });
    }
    // Every secret any rule saw in this file is scrubbed from every message of the file: a rule
    // that mentions a value another rule knows to be secret still cannot leak it.
    const secrets = new Set();
    for (const r of reported)
        for (const s of r.input.secrets ?? [])
            secrets.add(s);
    const scrubber = new SecretScrubber(secrets);
    // Findings on the same lines share the work on those lines: thousands of findings on one long
    // line must not each copy, fold and scrub it.
    const spans = new Map();
    const codeOf = (line, endLine) => {
        const key = `${line}:${endLine}`;
        let known = spans.get(key);
        if (!known) {
            const text = file.lines.slice(line - 1, endLine).join('\n');
            known = { folded: text.replace(/\s+/g, ' '), code: fingerprintCode(scrubber.scrub(text)) };
            spans.set(key, known);
        }
        return known;
    };
    const findings = [];
    const seen = new Set();
    const occurrences = new Map();
    for (const { rule, input } of reported) {
        const { span } = input;
        const key = `${rule.meta.id}:${span.line}:${span.column}`;
        if (seen.has(key))
            continue; // two paths to the same place (a constant and its use)
        seen.add(key);
        const { folded, code } = codeOf(span.line, span.endLine);
        // Keyed by the shared string itself (its hash is computed once), not by a new concatenation.
        let byCode = occurrences.get(rule.meta.id);
        if (!byCode)
            occurrences.set(rule.meta.id, (byCode = new Map()));
        const occurrence = byCode.get(folded) ?? 0;
        byCode.set(folded, occurrence + 1);
        findings.push({
            ruleId: rule.meta.id,
            name: rule.meta.name,
            family: rule.meta.family,
            severity: configuredSeverity(options, rule.meta.id, rule.meta.severity, input.severity ?? rule.meta.severity),
            confidence: input.confidence ?? defaultConfidence(rule.meta),
            cwe: rule.meta.cwe,
            path: file.path,
            line: span.line,
            endLine: span.endLine,
            column: span.column,
            endColumn: span.endColumn,
            message: scrubber.scrub(input.message),
            role: file.role,
            fingerprint: fingerprint(rule.meta.id, file.path, code, occurrence),
            ...(input.pending !== undefined ? { pending: input.pending } : {}),
        });
    }
    return { findings, skipped, secrets, summary: out.summary };
}
/**
 * Runs every rule on the file, collecting what they report. Stops at the first rule that runs
 * out of the file's budget and says which.
 */
function checkAll(file, doc, config, rules, ruleOptions, reported, skipped, out, timing, seen) {
    let python;
    try {
        // Built once, shared by the fact extractors and every rule.
        python = doc ? timed(timing, 'index', () => indexPython(doc)) : undefined;
    }
    catch (e) {
        if (e instanceof BudgetExceeded)
            return { error: e };
        throw e;
    }
    let facts;
    let factsError;
    const models = python ? fileModels(python, file.path) : undefined;
    // One context for the file, not one per rule: `report` charges the rule running now.
    let current = rules[0];
    const ctx = {
        file,
        python,
        models,
        config,
        options: ruleOptions,
        get facts() {
            if (!facts && factsError === undefined) {
                try {
                    facts = python ? extractPythonFacts(python, file.path) : extractConfigFacts(config);
                }
                catch (e) {
                    factsError = e;
                }
            }
            if (!facts)
                throw factsError;
            return facts;
        },
        report: (input) => reported.push({ rule: current, input }),
    };
    for (const rule of rules) {
        current = rule;
        const start = timing ? performance.now() : 0;
        try {
            spend();
            rule.check(ctx);
        }
        catch (e) {
            if (e instanceof BudgetExceeded)
                return { error: e, rule: rule.meta.id };
            skipped.push({
                path: file.path,
                reason: `rule ${rule.meta.id} failed on this file and was skipped: ${messageOf$1(e)}`,
            });
        }
        finally {
            if (timing) {
                const ms = performance.now() - start;
                addRule(timing, rule.meta.id, ms);
                addPhase(timing, 'rules', ms);
            }
        }
    }
    // Phase 1's last step: what the module tells the others, from the models the rules built.
    try {
        out.summary = summarizeModule({ file, python, config, ...(seen ? { seen } : {}) }, undefined, timing);
    }
    catch (e) {
        if (e instanceof BudgetExceeded)
            return { error: e, rule: 'module summary' };
        skipped.push({
            path: file.path,
            reason: `its module summary could not be built (${messageOf$1(e)}); checks that need it from other modules do not see it`,
        });
    }
    return undefined;
}
function messageOf$1(e) {
    const text = e instanceof Error ? e.message : String(e);
    return text.split('\n')[0];
}

const DEFAULT_MIN_FILES = 64;
const MAX_THREADS = 8;
/**
 * Each worker's V8 old generation, in MB. Left unbounded, a worker's heap grows lazily far past
 * what it holds at any moment (one file's trees and models at a time), and two workers plus the
 * main thread went past 330 MB on pgAdmin; bounded, V8 collects sooner: about 260 MB, in the same
 * time. Since this thread analyses files too (one worker fewer), pgAdmin peaks at 270–290 MB. The
 * largest file the scan reads (MAX_FILE_BYTES) needs well under this; a worker that
 * still runs out is replaced and its file skipped with the reason, like any worker crash.
 */
const WORKER_HEAP_MB = 128;
/** Overrides the thread count (`1` forces the in-thread path); for diagnosis and benchmarks. */
const THREADS_ENV = 'FLASK_CRDB_GATE_THREADS';
let everyRuleName;
/** Names for suppression lists: every rule's, also when the configuration turns some off. */
function namesFor(rules) {
    everyRuleName ??= ruleNames(ALL_RULES);
    if (rules === ALL_RULES)
        return everyRuleName;
    const byName = new Map(everyRuleName.byName);
    for (const r of rules)
        byName.set(r.meta.name.toLowerCase(), r.meta.id);
    return { byName };
}
/**
 * Reads, decodes, parses and checks one discovered file: the engine's per-file step, identical in
 * this thread and in a worker. Never throws: an unexpected failure makes the file a skipped entry.
 */
async function analyzeCandidate(candidate, rules, options = DEFAULT_ANALYSIS, names = namesFor(rules)) {
    const timing = options.timing ? emptyTimings() : undefined;
    const withTiming = timing ? { timing } : {};
    try {
        const named = configKindOf(candidate.path);
        if (!named && !mayHaveKindByContent(candidate.path))
            return { findings: [], skipped: [], scanned: false };
        // A file named for no format is kept only when its first lines tell what it is: a large one
        // whose first lines already rule that out (an SQL dump, a licence) is not read further.
        if (!named && candidate.size > HEAD_BYTES) {
            const head = await timedAsync(timing, 'read', async () => readHead(candidate));
            addCount(timing, 'bytesRead', head.bytes);
            if (head.text !== undefined && ruledOutByHead(candidate.path, head.text))
                return { findings: [], skipped: [], scanned: false, ...withTiming };
        }
        const read = await timedAsync(timing, 'read', () => readSource(candidate, named ?? 'shell'));
        // A file over the size limit is refused before a byte of it is read.
        addCount(timing, 'bytesRead', candidate.size > MAX_FILE_BYTES ? 0 : candidate.size);
        if (!read.ok) {
            const skipped = named ? [{ path: candidate.path, reason: read.reason }] : [];
            return { findings: [], skipped, scanned: false, ...withTiming };
        }
        const kind = named ?? kindByContent(candidate.path, read.file.text);
        if (!kind)
            return { findings: [], skipped: [], scanned: false, ...withTiming };
        const file = { ...read.file, kind, role: roleOf(candidate.path, options.roles) };
        addCount(timing, 'bytesScanned', candidate.size);
        const result = await analyzeFile(file, rules, options, names, timing);
        return {
            findings: result.findings,
            skipped: result.skipped,
            scanned: true,
            suppressed: result.suppressed,
            suppressions: result.suppressions,
            ...(result.summary ? { summary: result.summary } : {}),
            ...withTiming,
        };
    }
    catch (e) {
        return {
            findings: [],
            skipped: [{ path: candidate.path, reason: `could not be analysed: ${messageOf(e)}` }],
            scanned: false,
        };
    }
}
/**
 * Analyses the discovered files, on worker threads when that pays (the bundle, enough files, more
 * than one core), else in this thread with the same per-file code. The result does not depend on
 * the path taken: outcomes are collected per file and concatenated in file order.
 */
async function analyzeInParallel(files, options = {}) {
    const outcomes = new Array(files.length);
    const workerUrl = options.rules ? undefined : (options.workerUrl ?? bundledWorker());
    const threads = Math.min(threadCount(options.threads), Math.ceil(files.length / 8));
    const minFiles = options.minFiles ?? DEFAULT_MIN_FILES;
    const analysis = options.analysis ?? DEFAULT_ANALYSIS;
    let done = 0;
    const progress = options.onProgress;
    const tick = progress ? (n) => progress((done += n), files.length) : undefined;
    const seen = new Seen();
    if (workerUrl && threads > 1 && files.length >= minFiles) {
        await runOnWorkers(files, outcomes, workerUrl, threads, analysis, tick, seen, {
            warm: options.warm,
            share: options.shareThisThread ?? true,
        });
    }
    // Everything the workers did not do (all of it on the in-thread path; the rest if the workers could not start).
    const rules = options.rules ?? ALL_RULES;
    const names = namesFor(rules);
    for (let i = 0; i < files.length; i++) {
        if (outcomes[i])
            continue;
        const outcome = await analyzeCandidate(files[i], rules, seen.options(analysis), names);
        seen.add(outcome);
        outcomes[i] = outcome;
        tick?.(1);
    }
    return collect(outcomes, analysis.timing === true);
}
function collect(outcomes, timed) {
    const timing = timed ? emptyTimings() : undefined;
    const findings = [];
    const skipped = [];
    const suppressed = [];
    const suppressions = [];
    const summaries = [];
    let filesScanned = 0;
    for (const o of outcomes) {
        for (const f of o.findings)
            findings.push(f);
        for (const s of o.skipped)
            skipped.push(s);
        for (const f of o.suppressed ?? [])
            suppressed.push(f);
        for (const r of o.suppressions ?? [])
            suppressions.push(r);
        if (o.summary)
            summaries.push(o.summary);
        if (o.scanned)
            filesScanned++;
        if (timing)
            mergeTimings(timing, o.timing);
    }
    return { findings, skipped, filesScanned, suppressed, suppressions, summaries, ...(timing ? { timing } : {}) };
}
/**
 * What the modules analysed so far show of the project, passed with the next files
 * (AnalysisOptions.seen): it only decides which deferrable sections phase 1 builds now.
 */
class Seen {
    #flask = false;
    add(outcome) {
        if (!this.#flask && outcome.summary && summaryImportsFlask(outcome.summary))
            this.#flask = true;
    }
    options(analysis) {
        return this.#flask ? { ...analysis, seen: { flask: true } } : analysis;
    }
}
function threadCount(requested) {
    if (requested !== undefined)
        return Math.max(0, Math.floor(requested));
    const env = process.env[THREADS_ENV];
    if (env !== undefined && /^\d+$/.test(env.trim()))
        return Number(env.trim());
    return Math.min(availableParallelism(), MAX_THREADS);
}
/**
 * dist/worker.js. Shared engine code may land in dist/chunks/, so both this module's directory
 * and its parent are tried. Running from the TypeScript sources (Jest) there is none.
 */
function bundledWorker() {
    for (const rel of ['./worker.js', '../worker.js']) {
        const url = new URL(rel, import.meta.url);
        if (url.protocol === 'file:' && existsSync(fileURLToPath(url)))
            return url;
    }
    return undefined;
}
/** Per-batch size bounds: small enough to balance the load, large enough that messages cost nothing. */
const MAX_BATCH_FILES = 32;
const MIN_BATCH_BYTES = 16 * 1024;
const MAX_BATCH_BYTES = 512 * 1024;
/** Batches a worker holds at once: the one it works on and the next. */
const BATCHES_IN_FLIGHT = 2;
/**
 * Hands files out in small batches to the workers and this thread as each becomes free (largest files first,
 * so a huge file does not start last and leave the other threads idle), and fills `outcomes`.
 * A worker that dies mid-batch is replaced and the batch retried one file at a time; a single file
 * that kills its worker becomes a skipped entry. Workers that fail to start are not replaced: what
 * they would have done is left to the caller's in-thread pass. All workers are terminated before
 * this resolves, whatever happens.
 */
async function runOnWorkers(files, outcomes, url, threads, analysis, tick, seen, { warm, share }) {
    const queue = files
        .map((_, i) => i)
        .sort((a, b) => files[b].size - files[a].size || a - b);
    let next = 0;
    /** Files of a batch whose worker died, to be retried alone. */
    const retry = [];
    let remainingBytes = files.reduce((sum, f) => sum + f.size, 0);
    let nextId = 1;
    const slots = new Set();
    // Each replacement follows a crash that split a batch or skipped a file, so this bound is never
    // reached in practice; it only guarantees termination.
    let replacements = 2 * files.length + threads;
    /** The next batch; a file that crashed a worker is retried on a worker only, never in this thread. */
    const takeBatch = (onWorker = true) => {
        const single = onWorker ? retry.shift() : undefined;
        if (single !== undefined)
            return [single];
        if (next >= queue.length)
            return undefined;
        const target = Math.min(MAX_BATCH_BYTES, Math.max(MIN_BATCH_BYTES, remainingBytes / (threads * 4)));
        const batch = [];
        let bytes = 0;
        while (next < queue.length && batch.length < MAX_BATCH_FILES && (batch.length === 0 || bytes < target)) {
            const i = queue[next++];
            batch.push(i);
            bytes += files[i].size;
        }
        remainingBytes -= bytes;
        return batch;
    };
    const skip = (i, reason) => {
        outcomes[i] = { findings: [], skipped: [{ path: files[i].path, reason }], scanned: false };
    };
    try {
        await new Promise((resolveAll) => {
            let settled = false;
            let local = false;
            /** Done when nothing is in flight and either nothing is left or no worker is left to do it. */
            const finishIfIdle = () => {
                if (settled || local)
                    return;
                for (const s of slots)
                    if (s.inFlight.size > 0)
                        return;
                if (retry.length > 0 || next < queue.length) {
                    if (slots.size > 0)
                        return; // workers still starting: they take it when ready
                }
                settled = true;
                resolveAll();
            };
            // A second batch waits in the worker's queue while it works on the first: the answer to one
            // reaches this thread only between two of its own files, and the worker need not idle meanwhile.
            const dispatch = (slot) => {
                while (!settled && !slot.gone && slot.ready && slot.inFlight.size < BATCHES_IN_FLIGHT) {
                    const batch = takeBatch();
                    if (!batch)
                        return;
                    const id = nextId++;
                    slot.inFlight.set(id, batch);
                    const message = {
                        type: 'batch',
                        id,
                        files: batch.map((i) => files[i]),
                        options: seen.options(analysis),
                    };
                    slot.worker.postMessage(message);
                }
            };
            const lose = (slot, why) => {
                if (slot.gone)
                    return;
                slot.gone = true;
                slots.delete(slot);
                void slot.worker.terminate();
                const [current, ...queued] = [...slot.inFlight.values()];
                slot.inFlight.clear();
                // A worker that never started (cannot load, no memory) is not the files' fault, and a
                // replacement would fail alike: its share is left to the in-thread pass.
                if (slot.ready && current) {
                    if (current.length === 1) {
                        skip(current[0], `the analysis crashed on this file and it was skipped: ${why}`);
                        tick?.(1);
                    }
                    else
                        retry.push(...current);
                    // Batches it had not started are not suspect: tried again one file at a time all the same.
                    for (const batch of queued)
                        retry.push(...batch);
                    if (replacements-- > 0)
                        spawn();
                }
                for (const s of slots)
                    dispatch(s);
                finishIfIdle();
            };
            const spawn = () => {
                const started = warm?.take();
                let worker;
                try {
                    worker = started?.worker ?? startWorker(url);
                }
                catch {
                    return;
                }
                const slot = { worker, ready: started?.ready ?? false, inFlight: new Map(), gone: false };
                slots.add(slot);
                // A warm worker may have said it was ready before it was adopted.
                dispatch(slot);
                worker.on('message', (msg) => {
                    if (slot.gone || settled)
                        return;
                    if (msg.type === 'ready') {
                        slot.ready = true;
                    }
                    else if (slot.inFlight.has(msg.id)) {
                        const batch = slot.inFlight.get(msg.id);
                        slot.inFlight.delete(msg.id);
                        if (msg.type === 'done' && msg.outcomes.length === batch.length) {
                            batch.forEach((i, k) => {
                                const outcome = msg.outcomes[k];
                                seen.add(outcome);
                                outcomes[i] = outcome;
                            });
                        }
                        else {
                            const reason = msg.type === 'failed' ? msg.message : 'the analysis worker returned a malformed result';
                            for (const i of batch)
                                skip(i, `could not be analysed: ${reason}`);
                        }
                        tick?.(batch.length);
                    }
                    dispatch(slot);
                    finishIfIdle();
                });
                worker.on('error', (e) => lose(slot, messageOf(e)));
                worker.on('messageerror', (e) => lose(slot, messageOf(e)));
                worker.on('exit', (code) => lose(slot, `the analysis worker exited with code ${code}`));
            };
            /** This thread's share: batches from the queue, one file at a time, while the workers run. */
            const runHere = async () => {
                local = true;
                try {
                    const names = namesFor(ALL_RULES);
                    for (let batch = takeBatch(false); batch && !settled; batch = takeBatch(false)) {
                        for (const i of batch) {
                            const outcome = await analyzeCandidate(files[i], ALL_RULES, seen.options(analysis), names);
                            seen.add(outcome);
                            outcomes[i] = outcome;
                            tick?.(1);
                            // The workers' answers, and their next batches, wait for this thread to turn to its
                            // event loop: after every file, not after a batch of the largest ones.
                            await new Promise((resolve) => setImmediate(resolve));
                        }
                    }
                }
                finally {
                    local = false;
                    finishIfIdle();
                }
            };
            for (let t = share ? 1 : 0; t < threads; t++)
                spawn();
            if (share)
                void runHere();
            finishIfIdle();
        });
    }
    finally {
        const all = [...slots];
        slots.clear();
        for (const s of all)
            s.gone = true;
        await Promise.all(all.map((s) => s.worker.terminate()));
    }
}
function startWorker(url) {
    return new Worker(url, { resourceLimits: { maxOldGenerationSizeMb: WORKER_HEAP_MB } });
}
/**
 * Workers started before discovery: loading the bundle and compiling the grammars takes each
 * 150–250 ms, which then overlaps the main thread's walk of the tree instead of following it.
 * `analyzeInParallel` adopts them one by one (`take`); `close` terminates those it did not, when
 * the scan found too few files for the pool or failed before analysing.
 */
class WarmWorkers {
    #idle = [];
    constructor(url, count) {
        for (let i = 0; i < count; i++) {
            let worker;
            try {
                worker = startWorker(url);
            }
            catch {
                return;
            }
            const warm = { worker, ready: false, failed: false, detach: () => undefined };
            const onMessage = (msg) => {
                if (msg.type === 'ready')
                    warm.ready = true;
            };
            // A worker's 'error' with no listener would throw in this thread: watched until adopted.
            const onGone = () => {
                warm.failed = true;
            };
            worker.on('message', onMessage);
            worker.on('error', onGone);
            worker.on('messageerror', onGone);
            worker.on('exit', onGone);
            warm.detach = () => {
                worker.off('message', onMessage);
                worker.off('error', onGone);
                worker.off('messageerror', onGone);
                worker.off('exit', onGone);
            };
            this.#idle.push(warm);
        }
    }
    /** A started worker still alive, no longer watched here (the caller listens from now on). */
    take() {
        for (let warm = this.#idle.shift(); warm; warm = this.#idle.shift()) {
            if (warm.failed)
                continue;
            warm.detach();
            return { worker: warm.worker, ready: warm.ready };
        }
        return undefined;
    }
    /** Terminates the workers nobody took. */
    async close() {
        const left = this.#idle.splice(0);
        await Promise.all(left.map((w) => w.worker.terminate()));
    }
}
/**
 * Starts the pool's workers now, when the scan will use the bundle's workers (no custom rules,
 * more than one thread); undefined otherwise. Whether enough files turn up is known only after
 * discovery: for a handful, the workers are closed unused.
 */
function warmWorkers(options = {}) {
    if (options.rules)
        return undefined;
    const url = options.workerUrl ?? bundledWorker();
    const threads = threadCount(options.threads);
    // The scan's own thread is one of them (ParallelOptions.shareThisThread).
    return url && threads > 1 ? new WarmWorkers(url, threads - 1) : undefined;
}
function messageOf(e) {
    const text = e instanceof Error ? e.message : String(e);
    return text.split('\n')[0];
}

export { SUMMARIZERS as S, analyzeCandidate as a, parsePython as b, analyzeInParallel as c, configKindOf as d, mayHaveKindByContent as m, namesFor as n, preparePython as p, readSource as r, summarizeDomains as s, warmWorkers as w };
