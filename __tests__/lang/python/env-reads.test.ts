import { describe, expect, test } from '@jest/globals';
import { parsePython } from '../../../src/parse/python.js';
import { indexPython } from '../../../src/lang/python/file-index.js';
import { envCallReads } from '../../../src/lang/python/env-reads.js';
import { dedent } from '../../helpers/rule-tester.js';

/** The environment reads of a file, as `line: NAME (form, fallback?)` in file order. */
async function reads(code: string): Promise<string[]> {
  const doc = await parsePython(dedent(code));
  try {
    const py = indexPython(doc);
    const byId = new Map(py.calls.map((c) => [c.id, c]));
    const found = [...envCallReads(py)].map(([id, r]) => {
      const line = (byId.get(id)?.startPosition.row ?? -1) + 1;
      return `${line}: ${r.name ?? '?'} (${r.form}${r.fallback ? `, ${r.fallback.text}` : ''})`;
    });
    // Asked twice, the same answer: it is kept for the file.
    expect(envCallReads(py)).toBe(envCallReads(py));
    return found;
  } finally {
    doc.tree.delete();
  }
}

describe('envCallReads', () => {
  test.each([
    [
      'os.environ.get, os.getenv and setdefault, in file order',
      `
      import os
      a = os.getenv("A")
      b = os.environ.get("B", "dev")
      os.environ.setdefault("C", "x")
      `,
      ['2: A (get)', '3: B (get, "dev")', '4: C (setdefault, "x")'],
    ],
    [
      'through the names an import binds',
      `
      from os import getenv as ge, environ
      from decouple import config
      x = ge("X")
      y = environ.get("Y")
      z = config("Z", default="zz")
      `,
      ['3: X (get)', '4: Y (get)', '5: Z (get, "zz")'],
    ],
  ])('%s', async (_, code, expected) => {
    expect(await reads(code)).toEqual(expected);
  });

  test.each([
    ['a file that spells no environment word', 'import json\nx = json.loads(s)\ny = settings.get("A", "b")\n'],
    ['one that names the environment only in a comment', '# reads os.environ elsewhere\nx = cfg.get("A", "b")\n'],
    ['a dictionary get that is not the environment', 'import os\nenv = {"A": 1}\nx = env.get("A")\n'],
    ["decouple's name without its import", 'import decouple_like\nx = config("A")\n'],
  ])('none in %s', async (_, code) => {
    expect(await reads(code)).toEqual([]);
  });
});
