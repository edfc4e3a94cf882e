import type { Finding, Skipped } from '../core/types.js';
import { configuredSeverity, type AnalysisOptions } from '../engine/options.js';
import type { Rule } from '../rules/rule.js';
import type { ProjectIndex } from './project-index.js';
import type { PendingQuestion } from './types.js';
import { addRule, type Timings } from '../core/timing.js';

export interface Settled<T extends Finding> {
  readonly findings: T[];
  /** Held findings a rule's `decide` failed on: kept as reported, and said here. */
  readonly skipped: Skipped[];
}

/**
 * Phase 2 for held findings: each one whose rule left a question is kept, rewritten or dropped by
 * the rule's `decide` with the project index. A finding without a question passes unchanged; none
 * leaves with its question. A `decide` that throws keeps the finding as phase 1 reported it (a
 * failure must not hide a finding) and says so.
 */
export function settle<T extends Finding>(
  findings: readonly T[],
  index: ProjectIndex,
  rules: readonly Rule[],
  options: AnalysisOptions,
  /** Each rule's decisions are timed here when given, as `<id> (project)`. */
  timing?: Timings,
): Settled<T> {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const kept: T[] = [];
  const skipped: Skipped[] = [];
  for (const finding of findings) {
    if (finding.pending === undefined) {
      kept.push(finding);
      continue;
    }
    const { pending, ...rest } = finding;
    const plain = rest as T;
    const rule = byId.get(finding.ruleId);
    if (!rule?.decide) {
      kept.push(plain);
      continue;
    }
    let decision;
    const start = timing ? performance.now() : 0;
    try {
      decision = rule.decide(pending as PendingQuestion, { path: finding.path, index });
    } catch (e) {
      const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
      skipped.push({
        path: finding.path,
        reason: `rule ${rule.meta.id} could not consult the other modules for line ${finding.line} (${why}); its finding is kept as the file alone shows it`,
      });
      kept.push(plain);
      continue;
    } finally {
      if (timing) addRule(timing, `${rule.meta.id} (project)`, performance.now() - start);
    }
    if (decision === false) continue;
    if (decision === true) {
      kept.push(plain);
      continue;
    }
    kept.push({
      ...plain,
      ...(decision.message !== undefined ? { message: decision.message } : {}),
      ...(decision.severity !== undefined
        ? { severity: configuredSeverity(options, rule.meta.id, rule.meta.severity, decision.severity) }
        : {}),
      ...(decision.confidence !== undefined ? { confidence: decision.confidence } : {}),
    });
  }
  return { findings: kept, skipped };
}
