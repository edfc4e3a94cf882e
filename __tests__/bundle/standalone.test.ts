import { afterAll, expect, test } from '@jest/globals';
import { execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// The action runs dist/ from a checkout with no node_modules. Inside this repository the wasm
// loader could fall back to node_modules and hide a bundle that lost its grammar, so the bundle
// is copied somewhere with no node_modules above it and run there.
const dist = new URL('../../dist/', import.meta.url).pathname;
const example = new URL('../../examples/vulnerable-app/', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'fcg-standalone-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

test('dist/cli.js scans Python and Bicep with no node_modules anywhere', () => {
  if (!existsSync(join(dist, 'cli.js'))) throw new Error('dist/cli.js is missing: run `npm run bundle` first');
  cpSync(dist, join(work, 'dist'), { recursive: true });
  cpSync(example, join(work, 'app'), { recursive: true });
  writeFileSync(
    join(work, 'app/web.bicep'),
    "module web 'x.bicep' = {\n  params: {\n    appSettings: {\n      DB_SSL: 'require'\n    }\n  }\n}\n",
  );
  expect(
    readdirSync(join(work, 'dist'))
      .filter((f) => f.endsWith('.wasm'))
      .sort(),
  ).toEqual(['tree-sitter-bicep.wasm', 'tree-sitter-python.wasm', 'web-tree-sitter.wasm']);
  const out = execFileSync(
    process.execPath,
    [join(work, 'dist/cli.js'), 'scan', join(work, 'app'), '--format', 'json', '--exit-zero'],
    {
      cwd: work,
      encoding: 'utf8',
    },
  );
  const report = JSON.parse(out) as { skipped: { path: string; reason: string }[]; findings: { path: string }[] };
  expect(report.skipped).toEqual([]); // web.bicep too: its grammar loaded from dist/
  expect(report.findings.filter((f) => f.path.endsWith('.py')).length).toBeGreaterThan(5);
});
