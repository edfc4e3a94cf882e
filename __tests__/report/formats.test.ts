/**
 * The formats other tools read, each checked against its consumer: `github` against the
 * workflow commands @actions/core itself writes, `junit` against the JUnit schema Jenkins'
 * xUnit plugin validates with (xmllint), `gitlab` against GitLab's documented code quality
 * shape, `rdjson` against reviewdog's published JSON Schema (__tests__/fixtures/consumers/).
 */
import { afterEach, beforeEach, describe, expect, jest, test } from '@jest/globals';
import * as core from '@actions/core';
import AjvModule from 'ajv';
import { readFileSync } from 'node:fs';
import { validateXML } from 'xmllint-wasm';
import type { Finding } from '../../src/core/types.js';
import { renderConcise } from '../../src/report/concise.js';
import { renderGithub } from '../../src/report/github.js';
import { renderGitlab } from '../../src/report/gitlab.js';
import { renderJunit } from '../../src/report/junit.js';
import { renderRdjson } from '../../src/report/rdjson.js';
import { buildReport, finding } from '../helpers/report-builder.js';

const Ajv = AjvModule.default;
const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/consumers/${name}`, import.meta.url), 'utf8');

/** Findings with everything a hostile repository can put in a message or a path. */
const FINDINGS: Finding[] = [
  finding({ severity: 'critical', ruleId: 'FCG201', name: 'password-in-connection-string', line: 3, endLine: 3 }),
  finding({
    severity: 'high',
    path: 'app/we<ird> & "name".py',
    message: 'line one\nline two, with :: colons, 100% & <xml> "quotes" \u0007 and \u001b[31m',
  }),
  finding({ severity: 'medium', ruleId: 'FCG103', name: 'sslmode-missing', line: 4, endLine: 6, confidence: 'medium' }),
  finding({ severity: 'low', ruleId: 'FCG413', name: 'long-sessions', path: 'deploy/web.yaml', line: 1 }),
];
const REPORT = buildReport({ findings: FINDINGS, repoPrefix: 'services/api/', filesScanned: 7 });
const EMPTY = buildReport({ findings: [], filesScanned: 7 });

describe('github', () => {
  let written: string[] = [];
  beforeEach(() => {
    written = [];
    jest.spyOn(process.stdout, 'write').mockImplementation((chunk: string | Uint8Array) => {
      written.push(String(chunk));
      return true;
    });
  });
  afterEach(() => {
    jest.restoreAllMocks();
  });

  test('each finding is the command @actions/core writes for the same annotation', () => {
    const lines = renderGithub(REPORT, 'Failed: grade F.').split('\n');
    const sorted = [...FINDINGS].sort((a, b) =>
      a.severity === b.severity
        ? 0
        : ['critical', 'high', 'medium', 'low'].indexOf(a.severity) -
          ['critical', 'high', 'medium', 'low'].indexOf(b.severity),
    );
    sorted.forEach((f, i) => {
      const emit = { critical: core.error, high: core.error, medium: core.warning, low: core.notice }[f.severity];
      emit(`[${f.severity}, ${f.confidence} confidence] ${f.message}`, {
        title: `${f.ruleId} ${f.name}`,
        file: `services/api/${f.path}`,
        startLine: f.line,
        endLine: f.endLine,
        ...(f.line === f.endLine ? { startColumn: f.column, endColumn: f.endColumn } : {}),
      });
      expect(lines[i]).toBe((written[i] ?? '').replace(/\r?\n$/, ''));
    });
    expect(lines.slice(FINDINGS.length)).toEqual(['Failed: grade F.', '']);
  });

  test('text from the repository cannot end the command or start another', () => {
    const out = renderGithub(REPORT, 'x');
    expect(out.split('\n').filter((l) => l.startsWith('::'))).toHaveLength(FINDINGS.length);
    expect(out).toContain('line one%0Aline two, with :: colons, 100%25');
    // A verdict line (plain text) is guarded like every other line of the CLI.
    expect(renderGithub(EMPTY, '::add-mask::x')).toBe('%3A%3Aadd-mask::x\n');
  });
});

describe('junit', () => {
  const validate = async (xml: string) =>
    validateXML({
      xml: { fileName: 'report.xml', contents: xml },
      schema: { fileName: 'junit-10.xsd', contents: fixture('junit-10.xsd') },
    });

  test('valid against junit-10.xsd, with findings and without', async () => {
    for (const report of [REPORT, EMPTY]) {
      const result = await validate(renderJunit(report));
      expect(result.errors).toEqual([]);
      expect(result.valid).toBe(true);
    }
  });

  test('the schema check is real: a case without its name is refused', async () => {
    const broken = renderJunit(REPORT).replace(/<testcase name="[^"]*"/, '<testcase');
    expect((await validate(broken)).valid).toBe(false);
  });

  test('one suite per file, one failed case per finding; one passing case when nothing was found', () => {
    const xml = renderJunit(REPORT);
    expect(xml.match(/<testsuite /g)).toHaveLength(3);
    expect(xml.match(/<failure /g)).toHaveLength(4);
    expect(xml).toContain('<testsuites name="flask-crdb-gate 0.1.0: grade');
    expect(xml).toContain('tests="4" failures="4"');
    expect(xml).toContain('classname="services/api/app/we&lt;ird&gt; &amp; &quot;name&quot;.py"');
    // Characters XML cannot carry are spelled out, line breaks kept as character references.
    expect(xml).toContain('line one&#10;line two');
    expect(xml).toContain('\\x07 and \\x1b[31m');
    const empty = renderJunit(EMPTY);
    expect(empty).toContain('tests="1" failures="0"');
    expect(empty).toContain('<testcase name="no findings in 7 files"');
  });
});

describe('gitlab', () => {
  test('valid against the documented code quality shape, fingerprints unique', () => {
    const validate = new Ajv({ allErrors: true }).compile(JSON.parse(fixture('gitlab-codequality.schema.json')));
    for (const report of [REPORT, EMPTY]) {
      const issues = JSON.parse(renderGitlab(report)) as { fingerprint: string }[];
      const valid = validate(issues);
      expect(validate.errors ?? []).toEqual([]);
      expect(valid).toBe(true);
      expect(new Set(issues.map((i) => i.fingerprint)).size).toBe(issues.length);
    }
  });

  test('severities, paths from the repository top, lines', () => {
    const issues = JSON.parse(renderGitlab(REPORT)) as {
      severity: string;
      check_name: string;
      location: { path: string; lines: { begin: number; end: number } };
    }[];
    expect(issues.map((i) => i.severity)).toEqual(['blocker', 'critical', 'major', 'minor']);
    expect(issues[2]).toMatchObject({
      check_name: 'FCG103',
      location: { path: 'services/api/app/config.py', lines: { begin: 4, end: 6 } },
    });
    const validate = new Ajv().compile(JSON.parse(fixture('gitlab-codequality.schema.json')));
    // The schema check is real.
    expect(validate([{ ...issues[0], severity: 'high' }])).toBe(false);
  });
});

describe('rdjson', () => {
  const schema = JSON.parse(fixture('rdjson-DiagnosticResult.json')) as Record<string, unknown>;
  // The schema is draft-04, whose keywords used here read the same under Ajv's default draft.
  delete schema['$schema'];
  const validate = new Ajv({ strict: false }).compile(schema);

  test("valid against reviewdog's DiagnosticResult schema", () => {
    for (const report of [REPORT, EMPTY]) {
      expect(validate(JSON.parse(renderRdjson(report)))).toBe(true);
    }
    // The schema check is real.
    expect(validate({ diagnostics: [{ severity: 'FATAL' }] })).toBe(false);
  });

  test('the documented shape: message, path, line range, severity, code with a link', () => {
    const result = JSON.parse(renderRdjson(REPORT)) as {
      source: { name: string };
      diagnostics: Record<string, unknown>[];
    };
    expect(result.source.name).toBe('flask-crdb-gate');
    expect(result.diagnostics.map((d) => d['severity'])).toEqual(['ERROR', 'ERROR', 'WARNING', 'INFO']);
    expect(result.diagnostics[2]).toEqual({
      message: '[medium, medium confidence] sslmode=disable sends queries and passwords in plaintext.',
      location: { path: 'services/api/app/config.py', range: { start: { line: 4 }, end: { line: 6 } } },
      severity: 'WARNING',
      source: { name: 'flask-crdb-gate', url: 'https://github.com/flask-crdb-gate/flask-crdb-gate' },
      code: {
        value: 'FCG103',
        url: expect.stringMatching(/\/docs\/rules\/sslmode-missing\.md$/),
      },
    });
  });
});

describe('concise', () => {
  test('path:line:col: FCGnnn message, one line each, control characters shown, then the verdict', () => {
    const out = renderConcise(REPORT, { color: false, display: (p) => `repo/${p}`, quiet: false });
    const lines = out.split('\n');
    expect(lines[0]).toBe('repo/app/config.py:3:5: FCG201 sslmode=disable sends queries and passwords in plaintext.');
    // Confidence is shown only below high.
    expect(lines[1]).toBe(
      'repo/app/config.py:4:5: FCG103 sslmode=disable sends queries and passwords in plaintext. (medium confidence)',
    );
    expect(lines[2]).toBe(
      'repo/app/we<ird> & "name".py:10:5: FCG101 line one%0Aline two, with :: colons, 100% & <xml> "quotes" \\x07 and \\x1b[31m',
    );
    expect(lines[4]).toMatch(/^Found 4 findings; grade [A-F], score \d+\/100: failed \(/);
    expect(lines).toHaveLength(6);
  });
});
