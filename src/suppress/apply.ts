import { SecretScrubber } from '../models/connections/scrubber.js';
import { spend } from '../core/budget.js';
import type { Finding, SourceFile } from '../core/types.js';
import type { Node } from '../parse/python.js';
import { commentsOf, mayHoldSuppression } from './comments.js';
import { parseDirectives, type Directive, type RuleNames, type SuppressionKind } from './directive.js';
import { statementsOf, type LineRange } from './scope.js';

/** Which comment suppressed a finding. */
export interface SuppressedBy {
  /** Line of the comment. */
  readonly line: number;
  readonly kind: SuppressionKind;
  /** Canonical form (`nosec B105`, `ignore[FCG101]`). */
  readonly directive: string;
  readonly reason: string | undefined;
}

export interface SuppressedFinding extends Finding {
  readonly suppressedBy: SuppressedBy;
}

/** One suppression comment of a file and what it did: plain data, it crosses a thread boundary. */
export interface SuppressionRecord {
  readonly path: string;
  readonly line: number;
  readonly kind: SuppressionKind;
  readonly directive: string;
  readonly reason: string | undefined;
  /** Findings it suppressed. */
  readonly suppressed: number;
  /**
   * Whether it would be reported as unused when it suppresses nothing. Not when it could be meant
   * for Bandit (a Python `# nosec` naming none of our rules), nor when no rule it names ran (turned
   * off in the config, or not written yet).
   */
  readonly reportable: boolean;
  /** Names in its list that are no rule of ours nor a Bandit check. */
  readonly unknown: readonly string[];
}

export interface Suppressed {
  readonly findings: Finding[];
  readonly suppressed: SuppressedFinding[];
  readonly records: SuppressionRecord[];
}

interface Placed {
  readonly line: number;
  readonly directive: Directive;
  readonly statement: LineRange | undefined;
  suppressed: number;
}

/**
 * Applies the file's suppression comments to its findings. A comment covers a finding whose span
 * includes the comment's line, and every finding inside the statement that starts on its line (a
 * multi-line call whose first line carries the comment). Every comment that matches a finding is
 * credited with it, so a redundant second comment is not called unused.
 */
export function applySuppressions(
  file: SourceFile,
  findings: readonly Finding[],
  options: {
    readonly pythonRoot: Node | undefined;
    readonly names: RuleNames;
    /** Ids of the rules that ran on the file. */
    readonly ran: ReadonlySet<string>;
    /** Secret values seen in the file: removed from reasons and labels as from messages. */
    readonly secrets: ReadonlySet<string>;
  },
): Suppressed {
  if (!mayHoldSuppression(file.text)) return { findings: [...findings], suppressed: [], records: [] };
  const placed: Placed[] = [];
  let statementAt: ((line: number) => LineRange | undefined) | undefined;
  for (const comment of commentsOf(file.kind, file.text, options.pythonRoot)) {
    const directives = parseDirectives(comment.text, options.names);
    if (directives.length === 0) continue;
    statementAt ??= statementsOf(file.kind, file.text, file.lines, options.pythonRoot);
    const statement = statementAt(comment.line);
    for (const directive of directives) placed.push({ line: comment.line, directive, statement, suppressed: 0 });
  }
  if (placed.length === 0) return { findings: [...findings], suppressed: [], records: [] };

  const scrubber = new SecretScrubber(options.secrets);
  const clean = (s: string | undefined): string | undefined => (s === undefined ? undefined : scrubber.scrub(s));
  const candidates = candidatesOf(placed);
  const kept: Finding[] = [];
  const suppressed: SuppressedFinding[] = [];
  for (const f of findings) {
    spend();
    const matching = candidates(f).filter((p) => covers(p, f));
    if (matching.length === 0) {
      kept.push(f);
      continue;
    }
    for (const p of matching) p.suppressed++;
    // Credited to the comment on the finding's own line first, else the nearest above it.
    const by = [...matching].sort((a, b) => rank(a, f) - rank(b, f))[0] as Placed;
    suppressed.push({
      ...f,
      suppressedBy: {
        line: by.line,
        kind: by.directive.kind,
        directive: clean(by.directive.label) as string,
        reason: clean(by.directive.reason),
      },
    });
  }
  const records = placed.map((p) => ({
    path: file.path,
    line: p.line,
    kind: p.directive.kind,
    directive: clean(p.directive.label) as string,
    reason: clean(p.directive.reason),
    suppressed: p.suppressed,
    reportable: reportable(file, p.directive, options.ran),
    unknown: p.directive.unknown.map((u) => clean(u) as string),
  }));
  return { findings: kept, suppressed, records };
}

/**
 * The comments that may cover a finding, without trying every comment of the file on every
 * finding (hundreds of thousands of `# nosec` lines made that quadratic): those on a line of the
 * finding's span, found by binary search in line order, and those whose statement spans the
 * finding's first line, found by that line. In file order, as the comments were placed.
 */
function candidatesOf(placed: readonly Placed[]): (f: Finding) => Placed[] {
  const byLine = placed.map((p, i) => ({ p, i })).sort((a, b) => a.p.line - b.p.line || a.i - b.i);
  const byStatementLine = new Map<number, { p: Placed; i: number }[]>();
  placed.forEach((p, i) => {
    if (!p.statement) return;
    for (let line = p.statement.from; line <= p.statement.to; line++) {
      let list = byStatementLine.get(line);
      if (!list) byStatementLine.set(line, (list = []));
      list.push({ p, i });
    }
  });
  return (f) => {
    let lo = 0;
    let hi = byLine.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((byLine[mid] as { p: Placed }).p.line < f.line) lo = mid + 1;
      else hi = mid;
    }
    const found = new Map<number, Placed>();
    for (let k = lo; k < byLine.length && (byLine[k] as { p: Placed }).p.line <= f.endLine; k++) {
      const { p, i } = byLine[k] as { p: Placed; i: number };
      found.set(i, p);
    }
    for (const { p, i } of byStatementLine.get(f.line) ?? []) found.set(i, p);
    return [...found.entries()].sort((a, b) => a[0] - b[0]).map(([, p]) => p);
  };
}

function covers(p: Placed, f: Finding): boolean {
  const rules = p.directive.rules;
  if (rules !== undefined && !rules.includes(f.ruleId)) return false;
  if (f.line <= p.line && p.line <= f.endLine) return true;
  return p.statement !== undefined && p.statement.from <= f.line && f.line <= p.statement.to;
}

function rank(p: Placed, f: Finding): number {
  return p.line === f.line ? 0 : 1 + Math.abs(f.line - p.line);
}

function reportable(file: SourceFile, d: Directive, ran: ReadonlySet<string>): boolean {
  if (d.unknown.length > 0) return true;
  // Bandit reads the same comments in Python files: a nosec that names none of our rules may be its.
  if (file.kind === 'python' && d.kind === 'nosec' && !d.namesOurs) return false;
  if (d.rules === undefined) return ran.size > 0;
  return d.rules.some((id) => ran.has(id));
}
