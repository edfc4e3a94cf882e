/**
 * Hand-built ScanReports for reporter and CLI tests. Grade, counts and verdict come from the real
 * grading functions, so a built report is one the engine could have produced.
 */
import AjvModule from 'ajv';
import addFormatsModule from 'ajv-formats';
import { readFileSync } from 'node:fs';
import type { Family, Finding, Skipped } from '../../src/core/types.js';
import type { ScanReport } from '../../src/engine/result.js';
import { countBySeverity, gradeFindings } from '../../src/grade/grade.js';
import type { Threshold } from '../../src/grade/types.js';
import { judge } from '../../src/grade/verdict.js';
import type { RuleMeta } from '../../src/rules/rule.js';

export const TOOL = {
  name: 'flask-crdb-gate',
  version: '0.1.0',
  informationUri: 'https://github.com/flask-crdb-gate/flask-crdb-gate',
} as const;

const FAMILY_DIGIT: Readonly<Record<string, Family>> = {
  '1': 'transport',
  '2': 'secrets',
  '3': 'crypto',
  '4': 'auth',
  '5': 'design',
};

/** The family an id like FCG203 belongs to (its first digit). */
function familyOf(ruleId: string): Family {
  return FAMILY_DIGIT[ruleId.charAt(3)] ?? 'transport';
}

let counter = 0;

export function finding(over: Partial<Finding> = {}): Finding {
  counter++;
  const ruleId = over.ruleId ?? 'FCG101';
  const line = over.line ?? 10;
  return {
    ruleId,
    name: 'sslmode-disabled',
    family: familyOf(ruleId),
    severity: 'high',
    confidence: 'high',
    cwe: [319],
    path: 'app/config.py',
    line,
    endLine: line,
    column: 5,
    endColumn: 40,
    message: 'sslmode=disable sends queries and passwords in plaintext.',
    role: 'production',
    fingerprint: `fp-${ruleId}-${counter}`,
    ...over,
  };
}

export function ruleMeta(over: Partial<RuleMeta> = {}): RuleMeta {
  const id = over.id ?? 'FCG101';
  const name = over.name ?? 'sslmode-disabled';
  return {
    id,
    name,
    family: familyOf(id),
    severity: 'high',
    cwe: [319],
    title: `Title of ${name}`,
    what: `Flags ${name}.`,
    why: 'Because it is bad.',
    bad: { lang: 'python', code: 'create_engine("postgresql://db/app?sslmode=disable")\n' },
    good: { lang: 'python', code: 'create_engine("postgresql://db/app?sslmode=verify-full")\n' },
    fix: 'Use `sslmode=verify-full`.',
    limits: 'Only literal values.',
    precision: 'high',
    ...over,
  };
}

export interface BuildOptions {
  readonly findings?: readonly Finding[];
  readonly skipped?: readonly Skipped[];
  readonly threshold?: Partial<Threshold>;
  /** Defaults to one RuleMeta per distinct rule among the findings. */
  readonly rules?: readonly RuleMeta[];
  readonly filesScanned?: number;
  /** Absolute path of the scanned directory; default /tmp/repo. */
  readonly root?: string;
  /** Where root sits in its repository; default ''. */
  readonly repoPrefix?: string;
}

export function buildReport(options: BuildOptions = {}): ScanReport {
  const findings = options.findings ?? [];
  const threshold: Threshold = {
    failBelow: 'C',
    minScore: undefined,
    failOnSeverity: undefined,
    ...options.threshold,
  };
  const rules =
    options.rules ??
    [...new Map(findings.map((f) => [f.ruleId, f])).values()].map((f) =>
      ruleMeta({ id: f.ruleId, name: f.name, family: f.family, severity: f.severity, cwe: f.cwe }),
    );
  const grade = gradeFindings(findings);
  return {
    tool: TOOL,
    root: options.root ?? '/tmp/repo',
    repoPrefix: options.repoPrefix ?? '',
    filesScanned: options.filesScanned ?? 12,
    findings,
    skipped: options.skipped ?? [],
    counts: countBySeverity(findings),
    grade,
    threshold,
    verdict: judge(grade, findings, threshold),
    rules,
    durationMs: 5,
  };
}

/** A mixed report: every severity, several files and families, a test file, a skipped file. */
export function sampleReport(threshold: Partial<Threshold> = {}): ScanReport {
  return buildReport({
    threshold,
    findings: [
      finding({
        ruleId: 'FCG203',
        name: 'hardcoded-flask-secret',
        severity: 'high',
        cwe: [798, 321],
        path: 'app/config.py',
        line: 4,
        message: 'SECRET_KEY is a literal: "****".',
      }),
      finding({ ruleId: 'FCG101', name: 'sslmode-disabled', severity: 'high', path: 'app/db.py', line: 12 }),
      finding({
        ruleId: 'FCG107',
        name: 'insecure-cluster',
        severity: 'critical',
        cwe: [319, 306],
        path: 'docker-compose.yml',
        line: 7,
        column: 9,
        message: 'cockroach start --insecure turns off TLS and authentication.',
      }),
      finding({
        ruleId: 'FCG404',
        name: 'cookie-not-secure',
        severity: 'medium',
        cwe: [614],
        path: 'app/config.py',
        line: 9,
        message: 'SESSION_COOKIE_SECURE is False.',
      }),
      finding({
        ruleId: 'FCG101',
        name: 'sslmode-disabled',
        severity: 'low',
        path: 'tests/test_db.py',
        line: 3,
        role: 'test',
      }),
      finding({
        ruleId: 'FCG406',
        name: 'long-sessions',
        severity: 'low',
        cwe: [613],
        path: 'app/config.py',
        line: 10,
        message: 'PERMANENT_SESSION_LIFETIME is 90 days.',
      }),
    ],
    skipped: [{ path: 'static/logo.png', reason: 'binary file' }],
  });
}

// ajv and ajv-formats are CommonJS; under ESM their classes sit on `.default`.
const Ajv = AjvModule.default;
const addFormats = addFormatsModule.default;

/**
 * A validator for SARIF 2.1.0 logs (the OASIS schema, copied into __tests__/fixtures). The schema
 * declares draft-04 (`$schema`, top-level `id`); ajv speaks draft-07, which reads the rest of this
 * schema the same way once the id is `$id`.
 */
export function sarifValidator() {
  const url = new URL('../fixtures/sarif-schema-2.1.0.json', import.meta.url);
  const raw = JSON.parse(readFileSync(url, 'utf8')) as Record<string, unknown>;
  const { $schema: _draft04, id, ...rest } = raw;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  return ajv.compile({ ...rest, $id: String(id) });
}
