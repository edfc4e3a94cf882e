import { expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { TOOL_VERSION } from '../src/version.js';

test("the version the tool reports is package.json's", () => {
  const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
  expect(TOOL_VERSION).toBe(pkg.version);
});
