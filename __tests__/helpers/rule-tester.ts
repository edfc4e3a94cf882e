import { describe, expect, test } from '@jest/globals';
import type { Severity } from '../../src/core/severity.js';
import type { Finding, SourceFile } from '../../src/core/types.js';
import { fileRole } from '../../src/discover/roles.js';
import { analyzeFile } from '../../src/engine/analyze-file.js';
import { DEFAULT_ANALYSIS } from '../../src/engine/options.js';
import { configKindOf } from '../../src/parse/config/kind.js';
import { kindByContent, mayHaveKindByContent } from '../../src/parse/config/kind-by-content.js';
import { ProjectIndex } from '../../src/project/project-index.js';
import { settle, type BuildSections } from '../../src/project/settle.js';
import { lateSections } from '../../src/engine/late-sections.js';
import type { Rule } from '../../src/rules/rule.js';

/** Removes the common indentation of a template literal, so snippets can be indented in tests. */
export function dedent(text: string): string {
  const lines = text
    .replace(/^\n/, '')
    .replace(/\n[ \t]*$/, '\n')
    .split('\n');
  const indent = Math.min(
    ...lines.filter((l) => l.trim()).map((l) => (/^[ \t]*/.exec(l) as RegExpExecArray)[0].length),
  );
  return lines.map((l) => l.slice(indent)).join('\n');
}

export interface Case {
  /**
   * File name; decides the parser (`app.py`, `.env`, `docker-compose.yml`, …), or, for names
   * that do not (`jdbc.sql`, `rabbitmq.conf`), the text does as in a scan. Defaults to app.py.
   */
  readonly path?: string;
  readonly code: string;
  /** What the case shows, for the test name. */
  readonly name: string;
}

export interface InvalidCase extends Case {
  /** Expected findings in line order: line, and optionally severity and a message fragment. */
  readonly findings: readonly { line: number; severity?: Severity; message?: string | RegExp }[];
}

/** A single file is a project of one: what it leaves to the project phase is settled with it alone. */
export async function runRule(rule: Rule, path: string, code: string): Promise<Finding[]> {
  return runProject(rule, { [path]: code });
}

/**
 * Both phases on a small tree given as path → code (each dedented): every file is analysed, the
 * summaries make the project index, and held findings are settled. Findings in path, line order.
 */
export async function runProject(rule: Rule, files: Readonly<Record<string, string>>): Promise<Finding[]> {
  const findings: Finding[] = [];
  const summaries = [];
  const sources = new Map<string, SourceFile>();
  for (const [path, code] of Object.entries(files)) {
    const text = dedent(code);
    const kind = configKindOf(path) ?? (mayHaveKindByContent(path) ? kindByContent(path, text) : undefined);
    if (!kind) throw new Error(`no parser for ${path}`);
    const file: SourceFile = { path, kind, role: fileRole(path), text, lines: text.split(/\r\n|\r|\n/) };
    sources.set(path, file);
    const result = await analyzeFile(file, [rule]);
    if (result.skipped.length > 0) throw new Error(`skipped: ${result.skipped.map((s) => s.reason).join('; ')}`);
    findings.push(...result.findings);
    if (result.summary) summaries.push(result.summary);
  }
  // Deferred sections are built from the same texts, as the engine builds them from the files.
  const build: BuildSections = async (requests) =>
    Promise.all(
      requests.map(async (request) => {
        const file = sources.get(request.path);
        const sections = file ? await lateSections(file, [request.domain]) : {};
        return { request, section: sections[request.domain] };
      }),
    );
  const settled = await settle(findings, new ProjectIndex(summaries), [rule], DEFAULT_ANALYSIS, undefined, build);
  if (settled.skipped.length > 0) throw new Error(`skipped: ${settled.skipped.map((s) => s.reason).join('; ')}`);
  return settled.findings.sort(
    (a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) || a.line - b.line || a.column - b.column,
  );
}

/** ESLint's RuleTester, for our rules: every valid case yields nothing, every invalid case exactly its findings. */
export function ruleTester(rule: Rule, cases: { valid: readonly Case[]; invalid: readonly InvalidCase[] }): void {
  describe(`${rule.meta.id} ${rule.meta.name}`, () => {
    test.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', async (_n, c) => {
      const findings = await runRule(rule, c.path ?? 'app.py', c.code);
      expect(findings.map((f) => `${f.line}: ${f.message}`)).toEqual([]);
    });
    test.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', async (_n, c) => {
      const findings = await runRule(rule, c.path ?? 'app.py', c.code);
      expect(findings.map((f) => f.line)).toEqual(c.findings.map((f) => f.line));
      c.findings.forEach((want, i) => {
        const got = findings[i] as Finding;
        expect(got.severity).toBe(want.severity ?? rule.meta.severity);
        if (want.message !== undefined) expect(got.message).toMatch(want.message);
      });
    });
  });
}

export interface ProjectCase {
  readonly name: string;
  /** The tree: repository-relative path → code. */
  readonly files: Readonly<Record<string, string>>;
}

export interface ProjectInvalidCase extends ProjectCase {
  /** Expected findings in path, line order. */
  readonly findings: readonly { path: string; line: number; severity?: Severity; message?: string | RegExp }[];
}

/**
 * The rule tester for facts that live in other modules: each case is a small tree, both phases
 * run on it. Write each cross-file case both ways: the fact elsewhere makes a finding, and the
 * fact elsewhere makes one go away.
 */
export function projectTester(
  rule: Rule,
  cases: { valid: readonly ProjectCase[]; invalid: readonly ProjectInvalidCase[] },
): void {
  describe(`${rule.meta.id} ${rule.meta.name} across modules`, () => {
    test.each(cases.valid.map((c) => [c.name, c] as const))('valid: %s', async (_n, c) => {
      const findings = await runProject(rule, c.files);
      expect(findings.map((f) => `${f.path}:${f.line}: ${f.message}`)).toEqual([]);
    });
    test.each(cases.invalid.map((c) => [c.name, c] as const))('invalid: %s', async (_n, c) => {
      const findings = await runProject(rule, c.files);
      expect(findings.map((f) => `${f.path}:${f.line}`)).toEqual(c.findings.map((f) => `${f.path}:${f.line}`));
      c.findings.forEach((want, i) => {
        const got = findings[i] as Finding;
        expect(got.severity).toBe(want.severity ?? rule.meta.severity);
        if (want.message !== undefined) expect(got.message).toMatch(want.message);
      });
    });
  });
}
