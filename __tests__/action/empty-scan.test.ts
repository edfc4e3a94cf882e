/**
 * The bundled action, run as the runner does, on a workspace with nothing to scan: it fails the
 * step with a message naming the path and the globs, unless `allow-empty` is set.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { HOST_NODE, runAction } from '../helpers/run-action.js';

let workspace = '';
beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'fcg-action-empty-'));
  mkdirSync(path.join(workspace, 'services', 'api'), { recursive: true });
  writeFileSync(path.join(workspace, 'services', 'api', 'README.md'), '# no code here\n');
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

const run = (inputs: Record<string, string>) => runAction({ node: HOST_NODE, workspace, inputs, env: {} });

describe('the action on a path with nothing to scan', () => {
  test('fails the step, naming the path and the globs; no outputs', async () => {
    const r = await run({ path: 'services/api', include: 'app/**', 'check-run': 'false' });
    expect(r.status).toBe(1);
    const errors = r.annotations.filter((a) => a.level === 'error').map((a) => a.message);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain('no file was scanned in services/api (include "app/**")');
    expect(errors[0]).toContain('set `allow-empty: true`');
    expect(r.outputs['passed']).toBeUndefined();
  });

  test('allow-empty: true passes, with a warning saying nothing was scanned', async () => {
    const r = await run({ path: 'services/api', 'check-run': 'false', 'allow-empty': 'true' });
    expect(r.status).toBe(0);
    expect(r.outputs['passed']).toBe('true');
    expect(r.annotations.filter((a) => a.level === 'warning').map((a) => a.message)).toEqual([
      'No file was scanned in services/api (allowed by allow-empty).',
    ]);
  });

  test('allow-empty must be a boolean', async () => {
    const r = await run({ 'allow-empty': 'sometimes' });
    expect(r.status).toBe(1);
    expect(r.annotations.map((a) => a.message)).toContain(
      'Invalid input: allow-empty must be true or false; got "sometimes".',
    );
  });
});
