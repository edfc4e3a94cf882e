import { defaultConfidence } from '../core/confidence.js';
import { SecretScrubber } from '../models/connections/scrubber.js';
import { BudgetExceeded, FILE_BUDGET_MS, spend, withBudget } from '../core/budget.js';
import type { Finding, Skipped, SourceFile } from '../core/types.js';
import { extractConfigFacts } from '../models/connections/config/index.js';
import { extractPythonFacts } from '../models/connections/python/index.js';
import type { FileFacts } from '../models/connections/types.js';
import { parseBicep, parseConfig } from '../parse/config/index.js';
import type { ConfigDoc } from '../parse/config/types.js';
import { parsePython, type PythonDoc } from '../parse/python.js';
import { indexPython, type PythonIndex } from '../lang/python/file-index.js';
import { summarizeModule } from '../project/summarize.js';
import type { ProjectSeen } from '../project/summarizer.js';
import type { ModuleSummary } from '../project/types.js';
import type { ReportInput, Rule, RuleContext, RuleOptions } from '../rules/rule.js';
import { applySuppressions, type SuppressedFinding, type SuppressionRecord } from '../suppress/apply.js';
import type { RuleNames } from '../suppress/directive.js';
import { fingerprint, fingerprintCode } from './fingerprint.js';
import { configuredSeverity, DEFAULT_ANALYSIS, isRuleOff, type AnalysisOptions } from './options.js';
import { fileModels } from '../models/file-models.js';
import { addPhase, addRule, timed, timedAsync, type Timings } from '../core/timing.js';

export interface FileResult {
  /** Findings left after the file's suppression comments. */
  readonly findings: Finding[];
  readonly skipped: Skipped[];
  /** Findings a suppression comment removed. */
  readonly suppressed: SuppressedFinding[];
  /** Every suppression comment of the file and what it did. */
  readonly suppressions: SuppressionRecord[];
  /** What the module tells the others in the project phase; absent when it could not be built. */
  readonly summary?: ModuleSummary;
}

const KIND_NAMES: Record<string, string> = {
  yaml: 'YAML',
  toml: 'TOML',
  ini: 'INI',
  dotenv: 'dotenv',
  json: 'JSON',
  properties: 'properties',
  bicep: 'Bicep',
};

/**
 * Parses one file, runs every rule on it (but those the configuration turns off), and returns its
 * findings with secrets scrubbed, fingerprints set, configured severities applied and suppression
 * comments honoured. Never throws: a file that cannot be parsed, or a rule that fails on it, is
 * reported as skipped with the reason, and the scan goes on.
 */
export async function analyzeFile(
  file: SourceFile,
  rules: readonly Rule[],
  options: AnalysisOptions = DEFAULT_ANALYSIS,
  /** Names for suppression lists; default those of `rules` (the engine passes every rule's). */
  names: RuleNames = ruleNames(rules),
  /** Where the file's time went is added here when given (`--timing`). */
  timing?: Timings,
): Promise<FileResult> {
  if (file.role === 'template') return { findings: [], skipped: [], suppressed: [], suppressions: [] };
  let python: PythonDoc | undefined;
  let config: ConfigDoc | undefined;
  const budgetMs = options.fileBudgetMs ?? FILE_BUDGET_MS;
  try {
    if (file.kind === 'python') python = await timedAsync(timing, 'parse', () => parsePython(file.text));
    else if (file.kind === 'bicep') config = await timedAsync(timing, 'parse', () => parseBicep(file.text));
    else
      config = timed(timing, 'parse', () => withBudget(budgetMs, () => parseConfig(file.kind, file.path, file.text)));
  } catch (e) {
    if (e instanceof BudgetExceeded) {
      return { findings: [], skipped: [{ path: file.path, reason: e.message }], suppressed: [], suppressions: [] };
    }
    const what = KIND_NAMES[file.kind] ?? file.kind;
    return {
      findings: [],
      skipped: [{ path: file.path, reason: `could not be parsed as ${what}: ${messageOf(e)}` }],
      suppressed: [],
      suppressions: [],
    };
  }
  try {
    const { active, ran: ranIds } = activeRules(rules, options);
    const ran = runRules(file, python, config, active, options, budgetMs, timing);
    try {
      // A budget of their own: a file that spent the rules' budget still has its comments honoured.
      const result = withBudget(budgetMs, () =>
        applySuppressions(file, ran.findings, {
          pythonRoot: python?.root,
          names,
          ran: ranIds,
          secrets: ran.secrets,
        }),
      );
      return {
        findings: result.findings,
        skipped: ran.skipped,
        suppressed: result.suppressed,
        suppressions: result.records,
        ...(ran.summary ? { summary: ran.summary } : {}),
      };
    } catch (e) {
      // Never lose findings to a suppression problem: keep them all, and say so.
      const reason = `suppression comments could not be read and were ignored: ${messageOf(e)}`;
      return {
        findings: ran.findings,
        skipped: [...ran.skipped, { path: file.path, reason }],
        suppressed: [],
        suppressions: [],
        ...(ran.summary ? { summary: ran.summary } : {}),
      };
    }
  } finally {
    python?.tree.delete();
  }
}

interface ActiveRules {
  readonly active: readonly Rule[];
  readonly ran: ReadonlySet<string>;
}

// A scan hands every file the same rules and rule settings (the options object around them may be
// a copy per file): which rules run is worked out once.
const activeMemo = new WeakMap<readonly Rule[], WeakMap<AnalysisOptions['rules'], ActiveRules>>();

function activeRules(rules: readonly Rule[], options: AnalysisOptions): ActiveRules {
  let bySettings = activeMemo.get(rules);
  if (!bySettings) activeMemo.set(rules, (bySettings = new WeakMap()));
  let found = bySettings.get(options.rules);
  if (!found) {
    const active = rules.filter((r) => !isRuleOff(options, r.meta.id));
    found = { active, ran: new Set(active.map((r) => r.meta.id)) };
    bySettings.set(options.rules, found);
  }
  return found;
}

interface Reported {
  readonly rule: Rule;
  readonly input: ReportInput;
}

/** Rule names a suppression list may use (`ignore[sslmode-disabled]`): those of the rules given. */
export function ruleNames(rules: readonly Rule[]): RuleNames {
  return { byName: new Map(rules.map((r) => [r.meta.name.toLowerCase(), r.meta.id])) };
}

interface RuleRun {
  readonly findings: Finding[];
  readonly skipped: Skipped[];
  readonly secrets: ReadonlySet<string>;
  readonly summary: ModuleSummary | undefined;
}

function runRules(
  file: SourceFile,
  doc: PythonDoc | undefined,
  config: ConfigDoc | undefined,
  rules: readonly Rule[],
  options: AnalysisOptions,
  budgetMs: number,
  timing: Timings | undefined,
): RuleRun {
  const ruleOptions: RuleOptions = { localHostsAreProduction: options.localHostsAreProduction };
  const skipped: Skipped[] = [];
  const reported: Reported[] = [];
  const out: { summary?: ModuleSummary } = {};
  const stopped = withBudget(budgetMs, () =>
    checkAll(file, doc, config, rules, ruleOptions, reported, skipped, out, timing, options.seen),
  );
  if (stopped) {
    // Findings of the rules that finished are kept: running out of time must not hide them.
    skipped.push({
      path: file.path,
      reason: `${stopped.error.message}: its analysis was stopped${stopped.rule ? ` in rule ${stopped.rule}` : ''}; findings of the rules before it are kept`,
    });
  }
  // Every secret any rule saw in this file is scrubbed from every message of the file: a rule
  // that mentions a value another rule knows to be secret still cannot leak it.
  const secrets = new Set<string>();
  for (const r of reported) for (const s of r.input.secrets ?? []) secrets.add(s);
  const scrubber = new SecretScrubber(secrets);
  // Findings on the same lines share the work on those lines: thousands of findings on one long
  // line must not each copy, fold and scrub it.
  const spans = new Map<string, { readonly folded: string; readonly code: string }>();
  const codeOf = (line: number, endLine: number): { readonly folded: string; readonly code: string } => {
    const key = `${line}:${endLine}`;
    let known = spans.get(key);
    if (!known) {
      const text = file.lines.slice(line - 1, endLine).join('\n');
      known = { folded: text.replace(/\s+/g, ' '), code: fingerprintCode(scrubber.scrub(text)) };
      spans.set(key, known);
    }
    return known;
  };
  const findings: Finding[] = [];
  const seen = new Set<string>();
  const occurrences = new Map<string, Map<string, number>>();
  for (const { rule, input } of reported) {
    const { span } = input;
    const key = `${rule.meta.id}:${span.line}:${span.column}`;
    if (seen.has(key)) continue; // two paths to the same place (a constant and its use)
    seen.add(key);
    const { folded, code } = codeOf(span.line, span.endLine);
    // Keyed by the shared string itself (its hash is computed once), not by a new concatenation.
    let byCode = occurrences.get(rule.meta.id);
    if (!byCode) occurrences.set(rule.meta.id, (byCode = new Map()));
    const occurrence = byCode.get(folded) ?? 0;
    byCode.set(folded, occurrence + 1);
    findings.push({
      ruleId: rule.meta.id,
      name: rule.meta.name,
      family: rule.meta.family,
      severity: configuredSeverity(options, rule.meta.id, rule.meta.severity, input.severity ?? rule.meta.severity),
      confidence: input.confidence ?? defaultConfidence(rule.meta),
      cwe: rule.meta.cwe,
      path: file.path,
      line: span.line,
      endLine: span.endLine,
      column: span.column,
      endColumn: span.endColumn,
      message: scrubber.scrub(input.message),
      role: file.role,
      fingerprint: fingerprint(rule.meta.id, file.path, code, occurrence),
      ...(input.pending !== undefined ? { pending: input.pending } : {}),
    });
  }
  return { findings, skipped, secrets, summary: out.summary };
}

/**
 * Runs every rule on the file, collecting what they report. Stops at the first rule that runs
 * out of the file's budget and says which.
 */
function checkAll(
  file: SourceFile,
  doc: PythonDoc | undefined,
  config: ConfigDoc | undefined,
  rules: readonly Rule[],
  ruleOptions: RuleOptions,
  reported: Reported[],
  skipped: Skipped[],
  out: { summary?: ModuleSummary },
  timing: Timings | undefined,
  seen: ProjectSeen | undefined,
): { readonly error: BudgetExceeded; readonly rule?: string } | undefined {
  let python: PythonIndex | undefined;
  try {
    // Built once, shared by the fact extractors and every rule.
    python = doc ? timed(timing, 'index', () => indexPython(doc)) : undefined;
  } catch (e) {
    if (e instanceof BudgetExceeded) return { error: e };
    throw e;
  }
  let facts: FileFacts | undefined;
  let factsError: unknown;
  const models = python ? fileModels(python, file.path) : undefined;
  // One context for the file, not one per rule: `report` charges the rule running now.
  let current = rules[0] as Rule;
  const ctx: RuleContext = {
    file,
    python,
    models,
    config,
    options: ruleOptions,
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
    report: (input) => reported.push({ rule: current, input }),
  };
  for (const rule of rules) {
    current = rule;
    const start = timing ? performance.now() : 0;
    try {
      spend();
      rule.check(ctx);
    } catch (e) {
      if (e instanceof BudgetExceeded) return { error: e, rule: rule.meta.id };
      skipped.push({
        path: file.path,
        reason: `rule ${rule.meta.id} failed on this file and was skipped: ${messageOf(e)}`,
      });
    } finally {
      if (timing) {
        const ms = performance.now() - start;
        addRule(timing, rule.meta.id, ms);
        addPhase(timing, 'rules', ms);
      }
    }
  }
  // Phase 1's last step: what the module tells the others, from the models the rules built.
  try {
    out.summary = summarizeModule({ file, python, config, ...(seen ? { seen } : {}) }, undefined, timing);
  } catch (e) {
    if (e instanceof BudgetExceeded) return { error: e, rule: 'module summary' };
    skipped.push({
      path: file.path,
      reason: `its module summary could not be built (${messageOf(e)}); checks that need it from other modules do not see it`,
    });
  }
  return undefined;
}

function messageOf(e: unknown): string {
  const text = e instanceof Error ? e.message : String(e);
  return text.split('\n')[0] as string;
}
