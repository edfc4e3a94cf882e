import { scrubSecrets } from '../conn/redact.js';
import type { Finding, Skipped, SourceFile } from '../core/types.js';
import { extractConfigFacts } from '../facts/config/index.js';
import { extractPythonFacts } from '../facts/python/index.js';
import type { FileFacts } from '../facts/types.js';
import { parseConfig } from '../parse/config/index.js';
import type { ConfigDoc } from '../parse/config/types.js';
import { parsePython, type PythonDoc } from '../parse/python.js';
import { indexPython, type PythonIndex } from '../python/file-index.js';
import type { ReportInput, Rule, RuleContext } from '../rules/rule.js';
import { fingerprint } from './fingerprint.js';

export interface FileResult {
  readonly findings: Finding[];
  readonly skipped: Skipped[];
}

const KIND_NAMES: Record<string, string> = { yaml: 'YAML', toml: 'TOML', ini: 'INI', dotenv: 'dotenv', json: 'JSON' };

/**
 * Parses one file, runs every rule on it, and returns its findings with secrets scrubbed and
 * fingerprints set. Never throws: a file that cannot be parsed, or a rule that fails on it, is
 * reported as skipped with the reason, and the scan goes on.
 */
export async function analyzeFile(file: SourceFile, rules: readonly Rule[]): Promise<FileResult> {
  if (file.role === 'template') return { findings: [], skipped: [] };
  let python: PythonDoc | undefined;
  let config: ConfigDoc | undefined;
  try {
    if (file.kind === 'python') python = await parsePython(file.text);
    else config = parseConfig(file.kind, file.path, file.text);
  } catch (e) {
    const what = KIND_NAMES[file.kind] ?? file.kind;
    return { findings: [], skipped: [{ path: file.path, reason: `could not be parsed as ${what}: ${messageOf(e)}` }] };
  }
  try {
    return runRules(file, python, config, rules);
  } finally {
    python?.tree.delete();
  }
}

interface Reported {
  readonly rule: Rule;
  readonly input: ReportInput;
}

function runRules(
  file: SourceFile,
  doc: PythonDoc | undefined,
  config: ConfigDoc | undefined,
  rules: readonly Rule[],
): FileResult {
  // Built once, shared by the fact extractors and every rule.
  const python: PythonIndex | undefined = doc ? indexPython(doc) : undefined;
  const skipped: Skipped[] = [];
  let facts: FileFacts | undefined;
  let factsError: unknown;
  const reported: Reported[] = [];
  for (const rule of rules) {
    const ctx: RuleContext = {
      file,
      python,
      config,
      get facts(): FileFacts {
        if (!facts && factsError === undefined) {
          try {
            facts = python ? extractPythonFacts(python, file.path) : extractConfigFacts(config as ConfigDoc);
          } catch (e) {
            factsError = e;
          }
        }
        if (!facts) throw factsError;
        return facts;
      },
      report: (input) => reported.push({ rule, input }),
    };
    try {
      rule.check(ctx);
    } catch (e) {
      skipped.push({
        path: file.path,
        reason: `rule ${rule.meta.id} failed on this file and was skipped: ${messageOf(e)}`,
      });
    }
  }
  // Every secret any rule saw in this file is scrubbed from every message of the file: a rule
  // that mentions a value another rule knows to be secret still cannot leak it.
  const secrets = new Set<string>();
  for (const r of reported) for (const s of r.input.secrets ?? []) secrets.add(s);
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const occurrences = new Map<string, number>();
  for (const { rule, input } of reported) {
    const { span } = input;
    const key = `${rule.meta.id}:${span.line}:${span.column}`;
    if (seen.has(key)) continue; // two paths to the same place (a constant and its use)
    seen.add(key);
    const codeLines = file.lines.slice(span.line - 1, span.endLine);
    const base = `${rule.meta.id}\0${codeLines.join('\n').replace(/\s+/g, ' ')}`;
    const occurrence = occurrences.get(base) ?? 0;
    occurrences.set(base, occurrence + 1);
    findings.push({
      ruleId: rule.meta.id,
      name: rule.meta.name,
      family: rule.meta.family,
      severity: input.severity ?? rule.meta.severity,
      cwe: rule.meta.cwe,
      path: file.path,
      line: span.line,
      endLine: span.endLine,
      column: span.column,
      endColumn: span.endColumn,
      message: scrubSecrets(input.message, secrets),
      role: file.role,
      fingerprint: fingerprint(rule.meta.id, file.path, codeLines, secrets, occurrence),
    });
  }
  return { findings, skipped };
}

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] as string;
}
