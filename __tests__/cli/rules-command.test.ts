import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import { defaultConfidence } from '../../src/core/confidence.js';
import { renderRulesTable } from '../../src/cli/rules-command.js';
import { runCli, type CliIo } from '../../src/cli/run.js';
import { ALL_RULES } from '../../src/rules/index.js';
import type { RuleMeta } from '../../src/rules/rule.js';
import { ruleMeta } from '../helpers/report-builder.js';

async function cli(argv: string[], io: Partial<CliIo> = {}) {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await runCli(argv, {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    env: {},
    ...io,
  });
  return out;
}

describe('rules', () => {
  test('one row per rule: id, name, family, severity, confidence, title', async () => {
    const run = await cli(['rules']);
    expect(run).toMatchObject({ code: 0, stderr: '' });
    const lines = run.stdout.trimEnd().split('\n');
    expect(lines[0]).toMatch(/^ID +NAME +FAMILY +SEVERITY +CONFIDENCE +TITLE$/);
    expect(lines).toHaveLength(ALL_RULES.length + 1);
    ALL_RULES.forEach(({ meta }, i) => {
      const cells = (lines[i + 1] as string).split(/ {2,}/);
      expect(cells.slice(0, 5)).toEqual([meta.id, meta.name, meta.family, meta.severity, defaultConfidence(meta)]);
      expect(cells.slice(5).join('  ')).toBe(meta.title);
    });
  });

  test('on a terminal the title is cut to its width', async () => {
    const run = await cli(['rules'], { isTTY: true, columns: 90 });
    const lines = run.stdout.trimEnd().split('\n');
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(90);
    expect(lines.some((l) => l.endsWith('…'))).toBe(true);
  });

  test('--format json, for scripts', async () => {
    const rows = JSON.parse((await cli(['rules', '--format', 'json'])).stdout) as { id: string; confidence: string }[];
    expect(rows.map((r) => r.id)).toEqual(ALL_RULES.map((r) => r.meta.id));
    expect(rows[0]).toMatchObject({ id: 'FCG101', name: 'sslmode-disabled', family: 'transport', cwe: [319] });
  });

  test('confidence: read from the metadata, else from its precision', () => {
    expect(defaultConfidence({ ...ruleMeta(), precision: 'very-high' })).toBe('high');
    expect(defaultConfidence({ ...ruleMeta(), precision: 'medium' })).toBe('medium');
    const low = { ...ruleMeta({ id: 'FCG501', name: 'x' }), confidence: 'low' } as RuleMeta;
    expect(defaultConfidence(low)).toBe('low');
    expect(renderRulesTable([low])).toMatch(/^FCG501 +x +design +high +low +Title of x$/m);
  });
});

describe('rule', () => {
  test('prints the docs page the repository holds for it, by id or by name', async () => {
    const page = readFileSync(new URL('../../docs/rules/sslmode-disabled.md', import.meta.url), 'utf8');
    expect(await cli(['rule', 'FCG101'])).toEqual({ code: 0, stdout: page, stderr: '' });
    expect((await cli(['rule', 'fcg101'])).stdout).toBe(page);
    expect((await cli(['rule', 'sslmode-disabled'])).stdout).toBe(page);
  });

  test('an unknown rule exits 2 with the nearest one', async () => {
    const run = await cli(['rule', 'FCG1001']);
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^flask-crdb-gate: no rule "FCG1001" \(did you mean FCG101\?\)/);
    expect((await cli(['rule', 'sslmode-disable'])).stderr).toMatch(/did you mean sslmode-disabled\?/);
  });
});
