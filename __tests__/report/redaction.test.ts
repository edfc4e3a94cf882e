import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import type { ScanReport } from '../../src/engine/result.js';
import { renderJson } from '../../src/report/json.js';
import { renderMarkdown } from '../../src/report/markdown.js';
import { renderSarif } from '../../src/report/sarif.js';
import { renderText } from '../../src/report/text.js';
import { buildReport, finding } from '../helpers/report-builder.js';

/**
 * The engine redacts messages before a Finding exists. Reporters get only the redacted form and
 * must add no source text of their own: the raw secrets below exist only in the files the findings
 * point at, written under the report's root (a reporter that showed code snippets would read them
 * there), never in the ScanReport; so none of them may appear in any output.
 */
const RAW_SECRETS = ['s3cr3t-Pa55w0rd', 'dev-secret-key-123', 'AKIAIOSFODNN7EXAMPLE'];
const SOURCES: Record<string, string> = {
  'app/config.py': `import os\nDSN = "postgresql://app:${RAW_SECRETS[0]}@db.example.com:26257/app"\nSECRET_KEY = "${RAW_SECRETS[1]}"\n`,
  '.env': `AWS_ACCESS_KEY_ID=${RAW_SECRETS[2]}\n`,
  'secrets/key.bin': `${RAW_SECRETS.join('\n')}\n`,
};

let root = '';
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'fcg-redaction-'));
  for (const [path, text] of Object.entries(SOURCES)) {
    await mkdir(dirname(join(root, path)), { recursive: true });
    await writeFile(join(root, path), text);
  }
});
afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

function redactedReport(): ScanReport {
  return buildReport({
    root,
    findings: [
      finding({
        ruleId: 'FCG201',
        name: 'password-in-connection-string',
        path: 'app/config.py',
        line: 2,
        message: 'Password in connection string postgresql://app:****@db.example.com:26257/app.',
      }),
      finding({
        ruleId: 'FCG203',
        name: 'hardcoded-flask-secret',
        message: 'SECRET_KEY is set to a literal ("****").',
        path: 'app/config.py',
        line: 3,
      }),
      finding({
        ruleId: 'FCG206',
        name: 'secret-in-config-file',
        message: 'AWS_ACCESS_KEY_ID in .env holds a literal value (****).',
        path: '.env',
        line: 1,
      }),
    ],
    skipped: [{ path: 'secrets/key.bin', reason: 'binary file' }],
  });
}

const outputs: [string, (r: ScanReport) => string][] = [
  ['json', renderJson],
  ['sarif', renderSarif],
  ['markdown', (r) => renderMarkdown(r)],
  ['text', (r) => renderText(r, { color: false })],
  ['text (colour)', (r) => renderText(r, { color: true })],
];

describe('no reporter prints a secret', () => {
  test.each(outputs)('%s carries the redacted messages and never a raw value', (_name, render) => {
    const out = render(redactedReport());
    for (const raw of RAW_SECRETS) expect(out).not.toContain(raw);
    // The messages themselves are there, masked (markdown escapes the asterisks).
    expect(out).toMatch(/app:(\*\*\*\*|\\\*\\\*\\\*\\\*)@db\.example\.com/);
  });
});
