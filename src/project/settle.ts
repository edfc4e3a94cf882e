import type { Finding, Skipped } from '../core/types.js';
import { configuredSeverity, type AnalysisOptions } from '../engine/options.js';
import type { Rule } from '../rules/rule.js';
import { SectionsNeeded, type ProjectIndex, type SectionRequest } from './project-index.js';
import type { Json, PendingQuestion } from './types.js';
import { addRule, type Timings } from '../core/timing.js';

export interface Settled<T extends Finding> {
  readonly findings: T[];
  /** Held findings a rule's `decide` failed on: kept as reported, and said here. */
  readonly skipped: Skipped[];
}

/**
 * Builds deferred module sections a question needs (src/engine/late-sections.ts): one entry per
 * request, with the section or undefined when the module has none or it could not be built.
 */
export type BuildSections = (
  requests: readonly SectionRequest[],
) => Promise<readonly { readonly request: SectionRequest; readonly section: Json | undefined }[]>;

/**
 * Phase 2 for held findings: each one whose rule left a question is kept, rewritten or dropped by
 * the rule's `decide` with the project index. A finding without a question passes unchanged; none
 * leaves with its question. A `decide` that throws keeps the finding as phase 1 reported it (a
 * failure must not hide a finding) and says so.
 *
 * A `decide` that needs sections phase 1 deferred (SectionsNeeded) is asked again once `build` has
 * built them, in rounds: every round builds at least one new section, so this ends. Without
 * `build` (or for a section it cannot build) the section counts as empty.
 */
export async function settle<T extends Finding>(
  findings: readonly T[],
  index: ProjectIndex,
  rules: readonly Rule[],
  options: AnalysisOptions,
  /** Each rule's decisions are timed here when given, as `<id> (project)`. */
  timing?: Timings,
  build?: BuildSections,
): Promise<Settled<T>> {
  const byId = new Map(rules.map((r) => [r.meta.id, r]));
  const out: (T | undefined)[] = new Array<T | undefined>(findings.length);
  const skipped: Skipped[] = [];
  let open: number[] = [];
  findings.forEach((finding, i) => {
    if (finding.pending === undefined) out[i] = finding;
    else open.push(i);
  });
  while (open.length > 0) {
    const waiting: number[] = [];
    const requests = new Map<string, SectionRequest>();
    for (const i of open) {
      const finding = findings[i] as T;
      const outcome = decideOne(finding, byId.get(finding.ruleId), index, options, timing);
      if (outcome.kind === 'needs') {
        waiting.push(i);
        for (const r of outcome.requests) requests.set(`${r.domain}\0${r.path}`, r);
      } else {
        out[i] = outcome.finding;
        if (outcome.skipped) skipped.push(outcome.skipped);
      }
    }
    if (waiting.length === 0) break;
    const built = build ? await build([...requests.values()]) : [];
    const answered = new Set(built.map((b) => `${b.request.domain}\0${b.request.path}`));
    for (const b of built) index.fill(b.request, b.section);
    // Whatever could not be built counts as a module with nothing to tell.
    for (const [key, request] of requests) if (!answered.has(key)) index.fill(request, undefined);
    open = waiting;
  }
  return { findings: out.filter((f): f is T => f !== undefined), skipped };
}

type Outcome<T extends Finding> =
  | { readonly kind: 'decided'; readonly finding: T | undefined; readonly skipped?: Skipped }
  | { readonly kind: 'needs'; readonly requests: readonly SectionRequest[] };

function decideOne<T extends Finding>(
  finding: T,
  rule: Rule | undefined,
  index: ProjectIndex,
  options: AnalysisOptions,
  timing: Timings | undefined,
): Outcome<T> {
  const { pending, ...rest } = finding;
  const plain = rest as T;
  if (!rule?.decide) return { kind: 'decided', finding: plain };
  let decision;
  const start = timing ? performance.now() : 0;
  try {
    decision = rule.decide(pending as PendingQuestion, { path: finding.path, index });
  } catch (e) {
    if (e instanceof SectionsNeeded) return { kind: 'needs', requests: e.requests };
    const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
    return {
      kind: 'decided',
      finding: plain,
      skipped: {
        path: finding.path,
        reason: `rule ${rule.meta.id} could not consult the other modules for line ${finding.line} (${why}); its finding is kept as the file alone shows it`,
      },
    };
  } finally {
    if (timing) addRule(timing, `${rule.meta.id} (project)`, performance.now() - start);
  }
  if (decision === false) return { kind: 'decided', finding: undefined };
  if (decision === true) return { kind: 'decided', finding: plain };
  return {
    kind: 'decided',
    finding: {
      ...plain,
      ...(decision.message !== undefined ? { message: decision.message } : {}),
      ...(decision.severity !== undefined
        ? { severity: configuredSeverity(options, rule.meta.id, rule.meta.severity, decision.severity) }
        : {}),
      ...(decision.confidence !== undefined ? { confidence: decision.confidence } : {}),
    },
  };
}
