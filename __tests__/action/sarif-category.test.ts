/**
 * The bundled action's SARIF file carries `automationDetails.id` (the `sarif-category` input, or
 * one derived from the scanned folder) and `originalUriBaseIds`.
 */
import { afterAll, beforeAll, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { HOST_NODE, runAction } from '../helpers/run-action.js';

let workspace = '';
beforeAll(() => {
  workspace = mkdtempSync(path.join(tmpdir(), 'fcg-action-sarif-'));
  writeFileSync(
    path.join(workspace, 'db.py'),
    'import psycopg2\nconn = psycopg2.connect("postgresql://app@db.prod.example/bank?sslmode=disable")\n',
  );
});
afterAll(() => rmSync(workspace, { recursive: true, force: true }));

interface Run {
  readonly automationDetails: { readonly id: string };
  readonly originalUriBaseIds: Record<string, { readonly uri: string }>;
}

async function sarifRun(inputs: Record<string, string>): Promise<Run> {
  const run = await runAction({ node: HOST_NODE, workspace, inputs: { 'check-run': 'false', ...inputs }, env: {} });
  expect(run.outputs['findings-count']).toBe('1');
  return (JSON.parse(readFileSync(run.outputs['sarif-file'] ?? '', 'utf8')) as { runs: [Run] }).runs[0];
}

test('sarif-category names the run; the default is the tool name at the top of the workspace', async () => {
  expect((await sarifRun({ 'sarif-category': 'api-gate' })).automationDetails.id).toBe('api-gate/');
  const run = await sarifRun({});
  expect(run.automationDetails.id).toBe('flask-crdb-gate/');
  expect(run.originalUriBaseIds['%SRCROOT%']?.uri).toBe(`${pathToFileURL(workspace).href}/`);
});
