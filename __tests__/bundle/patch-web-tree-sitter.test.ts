import { afterAll, describe, expect, it } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { patchWebTreeSitter } from '../../scripts/patch-web-tree-sitter.mjs';

// The bundle carries web-tree-sitter with the edits of scripts/patch-web-tree-sitter.mjs; the
// rest of the suite runs it unpatched. Here both copies parse the same Python and every node is
// compared: type, span, parent, fields and children, as the engine reads them.
const require = createRequire(import.meta.url);
const libraryJs = require.resolve('web-tree-sitter');
const source = readFileSync(libraryJs.replace(/\.cjs$/, '.js'), 'utf8');
const work = mkdtempSync(join(tmpdir(), 'fcg-wts-patch-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const PYTHON = `
import os
from flask import Flask, request

app = Flask(__name__)
app.config["SECRET_KEY"] = os.environ.get("KEY", "dev")

@app.route("/users/<int:uid>", methods=["POST"])
def update(uid):
    name = request.form["name"]
    cur.execute("UPDATE users SET name = '%s' WHERE id = %d" % (name, uid))
    return {"ok": True, "rows": [r for r in cur.fetchall() if r]}

class Config:
    DEBUG = False
    def __init__(self, *a, **kw):
        super().__init__(*a, **kw)
        self.x = lambda y: y + 1 if y else -1
`;

// Prints every node of the tree in document order, read the way the engine reads nodes.
const WALK = `
const [, , modulePath, grammar] = process.argv;
const { Parser, Language } = await import(modulePath);
await Parser.init();
const parser = new Parser();
parser.setLanguage(await Language.load(grammar));
const tree = parser.parse(${JSON.stringify(PYTHON)});
const rows = [];
const visit = (node) => {
  const parent = node.parent;
  rows.push([node.type, node.typeId, node.startIndex, node.endIndex, node.startPosition, node.text,
    parent ? [parent.type, parent.startIndex] : null, node.type, parent?.type ?? null,
    ['name', 'left', 'right', 'function', 'arguments', 'body', 'no_such_field'].map((f) => node.childForFieldName(f)?.startIndex ?? -1),
    ['name', 'argument', 'no_such_field'].map((f) => node.childrenForFieldName(f).map((c) => c.startIndex)),
    node.namedChildren.map((c) => c.type)]);
  for (const child of node.children) visit(child);
};
visit(tree.rootNode);
rows.push(tree.rootNode.descendantsOfType(['call', 'string', 'identifier']).map((n) => [n.type, n.startIndex, n.parent?.type]));
rows.push(tree.rootNode.descendantsOfType('assignment').map((n) => n.startIndex));
rows.push(tree.rootNode.descendantsOfType(['ERROR', 'lambda', 'no_such_type', 'decorator']).map((n) => [n.type, n.startIndex]));
process.stdout.write(JSON.stringify(rows));
`;

function walk(modulePath: string): unknown {
  const script = join(work, 'walk.mjs');
  writeFileSync(script, WALK);
  const grammar = require.resolve('tree-sitter-python/tree-sitter-python.wasm');
  return JSON.parse(execFileSync(process.execPath, [script, modulePath, grammar], { encoding: 'utf8' }));
}

describe('patch-web-tree-sitter', () => {
  it('applies to the installed release, and the patched module reads trees exactly as the original', () => {
    const patched = patchWebTreeSitter(source);
    expect(patched).not.toBe(source);
    const dir = join(work, 'patched');
    execFileSync('mkdir', ['-p', dir]);
    writeFileSync(join(dir, 'web-tree-sitter.js'), patched);
    copyFileSync(libraryJs.replace(/\.c?js$/, '.wasm'), join(dir, 'web-tree-sitter.wasm'));
    const original = walk(libraryJs.replace(/\.cjs$/, '.js'));
    const ours = walk(join(dir, 'web-tree-sitter.js'));
    expect((original as unknown[]).length).toBeGreaterThan(200);
    expect(ours).toEqual(original);
  });

  it('names the edit that no longer applies instead of bundling a half-patched library', () => {
    const changed = source.replace('get parent() {', 'get parent( ) {');
    expect(() => patchWebTreeSitter(changed)).toThrow(
      /"Node#parent remembered" does not apply \(its text is missing\)/,
    );
    expect(() => patchWebTreeSitter(source + source)).toThrow(/not unique/);
  });
});
