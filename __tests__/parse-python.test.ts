import { expect, test } from '@jest/globals';
import { parsePython } from '../src/parse/python.js';

test('parses Python and recovers from syntax errors', async () => {
  const ok = await parsePython('import os\nx = os.environ.get("A", "b")\n');
  expect(ok.root.hasError).toBe(false);
  expect(ok.root.descendantsOfType('call')).toHaveLength(1);
  ok.tree.delete();
  const py2 = await parsePython('print "hello"\nx = 1\n');
  expect(py2.root.descendantsOfType('assignment')).toHaveLength(1);
  py2.tree.delete();
});
