import { describe, expect, test } from '@jest/globals';
import { summarizeSql, type SqlSection } from '../../src/models/sql/summary.js';
import { parsePython } from '../../src/parse/python.js';
import { indexPython } from '../../src/lang/python/file-index.js';
import { dedent } from '../helpers/rule-tester.js';

async function section(code: string): Promise<SqlSection> {
  const doc = await parsePython(dedent(code));
  try {
    return summarizeSql(indexPython(doc));
  } finally {
    doc.tree.delete();
  }
}

describe('SQL module summary', () => {
  test('wrappers: a top-level function passing a parameter to execute, not a method or a constant', async () => {
    const s = await section(`
      def execute_pgscript(pgscript):
          cur = conn.cursor()
          cur.execute(pgscript)

      def run(cur, sql, args=()):
          cur.execute(sql, args)

      def fixed(cur):
          cur.execute("SELECT 1")

      class Repo:
          def run(self, sql):
              self.cur.execute(sql)
    `);
    expect(s.w).toEqual({ execute_pgscript: [0], run: [1] });
  });

  test('calls: request data, route parameters and passed-on parameters; constants and test attributes left out', async () => {
    const s = await section(`
      from flask import request
      import controller
      from app import db

      @app.route("/r/<int:rid>/<name>")
      def view(rid, name):
          data = request.get_json()
          controller.update(rid, data["lon"], name)
          controller.update(1, "x", "y")

      def helper(cur, q):
          db.run(cur, q)

      class T:
          def test_x(self):
              controller.update(self.rid, self.name, "z")
    `);
    expect(s.c).toEqual([
      { f: 'controller.update', l: 8, a: ['t', 'r', 'R'] },
      { f: 'db.run', in: 'helper', l: 12, a: ['p0', 'p1'] },
    ]);
  });

  test('a file without SQL or calls passing data says nothing', async () => {
    expect(await section('import os\nX = os.environ.get("X")\n')).toEqual({});
  });
});
