import { g as gradeRank, c as capOf, w as worseGrade, s as scoreRule, G as GAP_LIMIT, d as scoreOf, e as gradeForScore, f as compareFindings, N as NO_SUPPRESSIONS, r as ruleDocsUrl, C as CONFIDENCE_FACTOR, R as REDUCED_FACTOR, h as REPEAT_MAX, S as SEVERITY_WEIGHT } from './version.js';
import { c as confidenceRank, d as defaultConfidence } from './confidence.js';
import { s as severityRank, S as SEVERITIES } from './severity.js';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { a as GRADES } from './types.js';
import { setFlagsFromString } from 'node:v8';

/**
 * Text that came from the scanned repository (file names, messages, baseline and configuration
 * contents) on its way to a runner log, an annotation or a terminal. A GitHub runner executes any
 * line of a step's stdout or stderr whose first non-blank characters are `::` as a workflow command
 * (`::error::`, `::add-mask::`, `::stop-commands::`), so no such text may start a line, nor break
 * one to start a new line of its own.
 */
/** As @actions/core escapes a command's data: `%`, CR and LF percent-encoded. */
function escapeData(s) {
    return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}
/** As @actions/core escapes a command's property values: escapeData, and `:` and `,` too. */
function escapeProperty(s) {
    return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}
/**
 * One line for a log or terminal: line breaks encoded as @actions/core encodes them (`%0A`,
 * `%0D`), tabs as spaces, every other control character (an escape sequence in a file name, a C1
 * NEL) as `\xNN`, and a leading `::` neutralised.
 */
function printable(s) {
    // eslint-disable-next-line no-control-regex
    const one = s.replace(/[\u0000-\u001f\u007f-\u009f]/g, (c) => {
        if (c === '\n')
            return '%0A';
        if (c === '\r')
            return '%0D';
        if (c === '\t')
            return ' ';
        return `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`;
    });
    return guardCommandLines(one);
}
// The runner trims leading white space (C#'s Char.IsWhiteSpace, which also counts U+0085) before
// looking for `::`; JavaScript's `^` with the m flag starts a line at \n, \r, U+2028 and U+2029.
const COMMAND_START = /^([\s\u0085]*)::/gm;
/**
 * The sink-side guard every output stream passes through: a line whose first non-blank
 * characters are `::` cannot be one the tool wrote (none of its own lines starts so), so its two
 * colons are percent-encoded (`%3A%3A`, as a command property would carry them) and the runner
 * shows the line instead of executing it.
 */
function guardCommandLines(text) {
    return text.replace(COMMAND_START, '$1%3A%3A');
}

/** Findings not in the baseline (all of them when no baseline was applied). */
function newFindings(report) {
    return report.findings.filter((f) => f.state !== 'existing');
}

/**
 * Score and grade of a set of findings kept up to date as rules are fixed: the same arithmetic as
 * gradeFindings(), with each rule's line recomputed only when its findings change, so a plan over
 * thousands of findings costs one pass per step, not one full grading.
 */
class Tally {
    byRule = new Map();
    lines = new Map();
    /** How many findings hold each cap. */
    caps = new Map();
    constructor(findings) {
        for (const f of findings) {
            const list = this.byRule.get(f.ruleId);
            if (list)
                list.push(f);
            else
                this.byRule.set(f.ruleId, [f]);
            this.count(f, 1);
        }
        for (const id of this.byRule.keys())
            this.rescore(id);
    }
    count(f, sign) {
        const cap = capOf(f);
        if (cap !== undefined)
            this.caps.set(cap, (this.caps.get(cap) ?? 0) + sign);
    }
    rescore(ruleId) {
        const list = this.byRule.get(ruleId) ?? [];
        if (list.length === 0)
            this.lines.delete(ruleId);
        else
            this.lines.set(ruleId, scoreRule(list));
    }
    findingsOf(ruleId) {
        return this.byRule.get(ruleId) ?? [];
    }
    remove(ruleId, fixed) {
        const list = this.byRule.get(ruleId) ?? [];
        for (const f of list)
            if (fixed.has(f))
                this.count(f, -1);
        this.byRule.set(ruleId, list.filter((f) => !fixed.has(f)));
        this.rescore(ruleId);
    }
    gapTotal() {
        let gaps = 0;
        for (const p of this.lines.values())
            if (p.kind === 'gap')
                gaps += p.penalty;
        return gaps;
    }
    /** Points fixing all of a rule gives back: its penalty, or for a gap what the gap limit lets it count. */
    gainOf(ruleId) {
        const line = this.lines.get(ruleId);
        if (!line)
            return 0;
        if (line.kind === 'flaw')
            return line.penalty;
        const gaps = this.gapTotal();
        return Math.min(GAP_LIMIT, gaps) - Math.min(GAP_LIMIT, gaps - line.penalty);
    }
    /** The rule whose fix gives back the most points (ties: the larger penalty, then the smaller id), if any is left. */
    heaviest() {
        let best;
        let bestGain = -1;
        let bestPenalty = 0;
        for (const [id, p] of this.lines) {
            const gain = this.gainOf(id);
            if (best === undefined ||
                gain > bestGain ||
                (gain === bestGain && (p.penalty > bestPenalty || (p.penalty === bestPenalty && id < best)))) {
                best = id;
                bestGain = gain;
                bestPenalty = p.penalty;
            }
        }
        return best;
    }
    penaltyOf(ruleId) {
        return this.lines.get(ruleId)?.penalty ?? 0;
    }
    /** What is taken from 100: the flaws' penalties and the gaps' up to the limit, not floored. */
    total() {
        let flaws = 0;
        for (const p of this.lines.values())
            if (p.kind === 'flaw')
                flaws += p.penalty;
        return flaws + Math.min(GAP_LIMIT, this.gapTotal());
    }
    result() {
        const { score } = scoreOf([...this.lines.values()]);
        let grade = gradeForScore(score);
        for (const [cap, n] of this.caps)
            if (n > 0)
                grade = worseGrade(grade, cap);
        return { score, grade };
    }
}
/**
 * The fewest rule fixes that lift the grade to `target`, in the order to make them.
 *
 * Caps come first: a flaw holds the grade at its cap whatever the score (a confident critical at
 * F, a confident high at D...), so every finding capping below the target is fixed first, whatever
 * its penalty (only the capping findings of a rule, when its lower ones may stay). Then points:
 * the rules whose fix gives back the most points first needs the fewest rules (a gap gives back
 * only what the gap limit let it count). Finishing a rule already in the
 * plan costs no extra step, so those come before any new rule, but only as far as the target
 * needs them. Undefined when the grade already is `target` or better. A pure function.
 */
function planToGrade(findings, target) {
    const initial = new Tally(findings);
    const start = initial.result();
    if (gradeRank(start.grade) <= gradeRank(target))
        return undefined;
    const reached = (t) => gradeRank(t.result().grade) <= gradeRank(target);
    // 1. Caps, heaviest rule first: every finding that holds the grade below the target.
    const capping = new Map();
    for (const f of findings) {
        const cap = capOf(f);
        if (cap === undefined || gradeRank(cap) <= gradeRank(target))
            continue;
        const list = capping.get(f.ruleId);
        if (list)
            list.push(f);
        else
            capping.set(f.ruleId, [f]);
    }
    const capOrder = [...capping.keys()].sort((a, b) => initial.penaltyOf(b) - initial.penaltyOf(a) || (a < b ? -1 : a > b ? 1 : 0));
    const afterCaps = () => {
        const t = new Tally(findings);
        for (const id of capOrder)
            t.remove(id, new Set(capping.get(id)));
        return t;
    };
    // 2. The fewest other rules: with every capped rule finished (free), the heaviest rules first.
    const full = afterCaps();
    for (const id of capOrder)
        full.remove(id, new Set(full.findingsOf(id)));
    const extra = [];
    while (!reached(full)) {
        const id = full.heaviest();
        if (id === undefined)
            break; // nothing left: 100, grade A
        extra.push(id);
        full.remove(id, new Set(full.findingsOf(id)));
    }
    // 3. The same rules, but capped rules finished only as far as the target needs (largest rest first).
    const plan = afterCaps();
    for (const id of extra)
        plan.remove(id, new Set(plan.findingsOf(id)));
    const finished = new Set();
    const rests = capOrder
        .filter((id) => plan.findingsOf(id).length > 0)
        .sort((a, b) => plan.penaltyOf(b) - plan.penaltyOf(a) || (a < b ? -1 : a > b ? 1 : 0));
    for (const id of rests) {
        if (reached(plan))
            break;
        finished.add(id);
        plan.remove(id, new Set(plan.findingsOf(id)));
    }
    const steps = [
        ...capOrder.map((id) => ({
            ruleId: id,
            fixed: new Set(finished.has(id) ? findings.filter((f) => f.ruleId === id) : capping.get(id)),
            because: 'cap',
        })),
        ...extra.map((id) => ({
            ruleId: id,
            fixed: new Set(findings.filter((f) => f.ruleId === id)),
            because: 'score',
        })),
    ];
    // Score and grade after each step, in the order given.
    const replay = new Tally(findings);
    const fixes = steps.map((step) => {
        const before = replay.total();
        const was = replay.result();
        replay.remove(step.ruleId, step.fixed);
        const after = replay.result();
        const ordered = findings.filter((f) => step.fixed.has(f));
        return {
            ruleId: step.ruleId,
            name: ordered[0].name,
            severity: ordered.reduce((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), 'low'),
            findings: ordered,
            allOfRule: replay.findingsOf(step.ruleId).length === 0,
            because: step.because,
            capsAt: step.because === 'cap'
                ? ordered.reduce((g, f) => {
                    const cap = capOf(f);
                    return cap === undefined ? g : g === undefined ? cap : worseGrade(g, cap);
                }, undefined)
                : undefined,
            points: Math.round((before - replay.total()) * 10) / 10,
            scoreBefore: was.score,
            gradeBefore: was.grade,
            scoreAfter: after.score,
            gradeAfter: after.grade,
        };
    });
    return { from: start, target, fixes };
}
/** The plan to the grade one better than the current one; undefined at A. */
function planNextGrade(findings) {
    const current = new Tally(findings).result().grade;
    const better = GRADES[gradeRank(current) - 1];
    return better ? planToGrade(findings, better) : undefined;
}

/** Small pieces every reporter shares: ordering, labels, numbers, links. */
/** The five check families, in the order the reports list them. */
const FAMILIES = ['transport', 'secrets', 'crypto', 'auth', 'design'];
/** Critical first. */
const SEVERITIES_DESC = [...SEVERITIES].reverse();
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function sortedFindings(findings) {
    return [...findings].sort(compareFindings);
}
/** Heaviest penalty first, so the first line is what to fix first to gain a grade. */
function sortedPenalties(penalties) {
    return [...penalties].sort((a, b) => b.penalty - a.penalty || byString(a.ruleId, b.ruleId));
}
/** Scores are whole numbers and penalties carry one decimal; print neither with noise. */
function formatNumber(n) {
    return Number.isInteger(n) ? String(n) : n.toFixed(1);
}
function plural(n, one, many = `${one}s`) {
    return `${n} ${n === 1 ? one : many}`;
}
/** The parts of the threshold that are set, e.g. "fail below grade C, min score 80". */
function describeThreshold(t) {
    const parts = [];
    if (t.failBelow)
        parts.push(`fail below grade ${t.failBelow}`);
    if (t.minScore !== undefined)
        parts.push(`min score ${formatNumber(t.minScore)}`);
    if (t.failOnSeverity)
        parts.push(`fail on ${t.failOnSeverity} severity or above`);
    return parts.length > 0 ? parts.join(', ') : 'none';
}
/** How many findings a penalty line stands for, saying which count at a reduced weight. */
function describePenaltyCount(p) {
    const base = plural(p.count, 'finding');
    const notes = [];
    if (p.reducedCount > 0)
        notes.push(`${p.reducedCount} in test/dev files`);
    if (p.lowConfidenceCount > 0)
        notes.push(`${p.lowConfidenceCount} of low confidence`);
    return notes.length > 0 ? `${base} (${notes.join(', ')}: reduced weight)` : base;
}
/**
 * The fixes that lift the grade one step (`next`), and, when the gate fails on its grade and
 * passing takes more than that step, the fixes that pass it (`toPass`, on what the gate judges:
 * the new findings with `gate-on: new`).
 */
function gradePlans(report) {
    const next = planNextGrade(report.findings);
    const failBelow = report.threshold.failBelow;
    const gated = report.gateOn === 'new' ? newFindings(report) : report.findings;
    const gatedGrade = report.gateOn === 'new' ? (report.newGrade ?? report.grade) : report.grade;
    let toPass;
    if (failBelow && gradeRank(gatedGrade.grade) > gradeRank(failBelow)) {
        const sameAsNext = report.gateOn !== 'new' && next?.target === failBelow;
        if (!sameAsNext)
            toPass = planToGrade(gated, failBelow);
    }
    return { next, toPass };
}
/** What a planned fix asks for: `2 findings (critical: they cap the grade at D)`, `3 findings`. */
function describeFix(f) {
    if (f.because === 'score')
        return plural(f.findings.length, 'finding');
    const capAt = f.capsAt ?? 'F';
    const what = f.allOfRule ? plural(f.findings.length, 'finding') : plural(f.findings.length, 'capping finding');
    return `${what} (${f.findings.length === 1 ? 'it caps' : 'they cap'} the grade at ${capAt})`;
}
/** One line for the plan to pass the gate, when it takes more than the next grade (the JSON report has the steps). */
function describeToPass(report, plan) {
    const what = report.gateOn === 'new' ? 'the new findings' : 'the repository';
    return (`To pass the gate (${what} at grade ${plan.target} or better): fix ${plural(plan.fixes.length, 'rule')}, ` +
        `${ids(plan.fixes.map((f) => f.ruleId))} (grading.toPass in the JSON report lists where).`);
}
function ids(list) {
    const MAX = 12;
    return list.length <= MAX ? list.join(', ') : `${list.slice(0, MAX).join(', ')} and ${list.length - MAX} more`;
}

function grading(g) {
    return {
        version: g.version,
        uncappedGrade: g.uncappedGrade,
        cap: g.cap ? { grade: g.cap.grade, reason: g.cap.reason, rules: g.cap.rules.map((r) => ({ ...r })) } : null,
        penalties: g.penalties.map((p) => ({ ...p })),
        gaps: { ...g.gaps },
    };
}
function plan(p) {
    if (!p)
        return null;
    return {
        from: { ...p.from },
        target: p.target,
        fixes: p.fixes.map((f) => ({
            ruleId: f.ruleId,
            name: f.name,
            severity: f.severity,
            count: f.findings.length,
            allOfRule: f.allOfRule,
            because: f.because,
            capsAt: f.capsAt ?? null,
            points: f.points,
            gradeBefore: f.gradeBefore,
            scoreAfter: f.scoreAfter,
            gradeAfter: f.gradeAfter,
            locations: f.findings.map((x) => ({ path: x.path, line: x.line })),
        })),
    };
}
function toJsonReport(report) {
    const { grade, threshold } = report;
    const plans = gradePlans(report);
    const suppressions = report.suppressions ?? NO_SUPPRESSIONS;
    const b = report.baseline;
    return {
        tool: { name: report.tool.name, version: report.tool.version },
        grade: grade.grade,
        score: grade.score,
        threshold: {
            failBelow: threshold.failBelow ?? null,
            minScore: threshold.minScore ?? null,
            failOnSeverity: threshold.failOnSeverity ?? null,
        },
        passed: report.verdict.passed,
        counts: {
            critical: report.counts.critical,
            high: report.counts.high,
            medium: report.counts.medium,
            low: report.counts.low,
            new: newFindings(report).length,
        },
        findings: sortedFindings(report.findings).map((f) => ({
            ruleId: f.ruleId,
            name: f.name,
            severity: f.severity,
            cwe: [...f.cwe],
            path: f.path,
            line: f.line,
            endLine: f.endLine,
            column: f.column,
            message: f.message,
            fingerprint: f.fingerprint,
            endColumn: f.endColumn,
            family: f.family,
            role: f.role,
            confidence: f.confidence,
            state: f.state ?? 'new',
        })),
        skipped: report.skipped.map((s) => ({ path: s.path, reason: s.reason })),
        reasons: [...report.verdict.reasons],
        filesScanned: report.filesScanned,
        grading: {
            ...grading(grade),
            gateOn: report.gateOn ?? 'all',
            new: report.newGrade
                ? { grade: report.newGrade.grade, score: report.newGrade.score, ...grading(report.newGrade) }
                : null,
            nextGrade: plan(plans.next),
            toPass: plan(plans.toPass),
        },
        suppressed: [...(report.suppressed ?? [])].sort(compareFindings).map((f) => ({
            ruleId: f.ruleId,
            name: f.name,
            severity: f.severity,
            path: f.path,
            line: f.line,
            fingerprint: f.fingerprint,
            suppression: {
                line: f.suppressedBy.line,
                kind: f.suppressedBy.kind,
                directive: f.suppressedBy.directive,
                reason: f.suppressedBy.reason ?? null,
            },
        })),
        suppressions: {
            used: suppressions.used,
            withoutReason: suppressions.withoutReason,
            unused: suppressions.unused.map((u) => ({ ...u, unknown: [...u.unknown] })),
        },
        baseline: b
            ? {
                file: b.file,
                entries: b.entries,
                existing: b.existing,
                new: b.new,
                stale: b.stale.length,
                staleEntries: b.stale.map((e) => ({ ...e })),
            }
            : null,
        config: report.configFile ?? null,
    };
}
/** Pretty-printed, newline-terminated. */
function renderJson(report) {
    return `${JSON.stringify(toJsonReport(report), null, 2)}\n`;
}

/** Rows of the unused-suppression and stale-baseline lists before "and N more" (the JSON report has them all). */
const MAX_LISTED = 50;
const MAX_PLAN_LOCATIONS$1 = 3;
/**
 * The job summary's lines about what changed the findings counted: the configuration file, the
 * baseline (existing, new, stale entries), the grade of the new findings, suppressions (how many,
 * how many without a reason, those that suppress nothing). Empty when none applies.
 */
function contextMarkdown(report, inert) {
    const lines = [];
    if (report.configFile !== undefined)
        lines.push(`**Configuration:** ${inert(report.configFile)}.`);
    const b = report.baseline;
    if (b) {
        const stale = b.stale.length;
        lines.push(`**Baseline** ${inert(b.file)}: ${b.existing} existing, ${b.new} new` +
            (stale > 0 ? `, ${plural(stale, 'stale entry', 'stale entries')} (no longer found).` : '.'));
    }
    if (report.newGrade) {
        const judged = report.gateOn === 'new' ? ' The gate judges the new findings only.' : '';
        lines.push(`**New findings only:** grade ${report.newGrade.grade}, score ${formatNumber(report.newGrade.score)}/100.${judged}`);
    }
    const s = report.suppressions;
    if (s && s.findings > 0) {
        const noReason = s.withoutReason > 0 ? `, ${s.withoutReason} of them without a reason` : '';
        lines.push(`**Suppressed:** ${plural(s.findings, 'finding')} by ${plural(s.used, 'comment')}${noReason} (not graded).`);
    }
    if (s && s.unused.length > 0) {
        lines.push('', '<details>', `<summary>Unused suppressions (${s.unused.length}): they suppress nothing</summary>`, '', '| Location | Suppression |', '| --- | --- |', ...s.unused.slice(0, MAX_LISTED).map((u) => {
            const unknown = u.unknown.length > 0 ? ` (unknown: ${u.unknown.join(', ')})` : '';
            return `| ${inert(u.path)}:${u.line} | ${inert(u.directive + unknown)} |`;
        }), ...(s.unused.length > MAX_LISTED ? ['', `_${s.unused.length - MAX_LISTED} more in the JSON report._`] : []), '', '</details>');
    }
    if (b && b.stale.length > 0) {
        lines.push('', '<details>', `<summary>Stale baseline entries (${b.stale.length}): regenerate with <code>flask-crdb-gate baseline</code></summary>`, '', '| File | Rule | Fingerprint |', '| --- | --- | --- |', ...b.stale.slice(0, MAX_LISTED).map((e) => `| ${inert(e.path)} | ${inert(e.ruleId)} | ${inert(e.fingerprint)} |`), ...(b.stale.length > MAX_LISTED ? ['', `_${b.stale.length - MAX_LISTED} more in the JSON report._`] : []), '', '</details>');
    }
    return lines;
}
/** Rules named in one step before "and N more rules" (the JSON report lists them all). */
const MAX_MILESTONE_RULES = 5;
/** Milestones shown before "and N more". */
const MAX_MILESTONES = 6;
/**
 * The fix plan, folded: to the threshold's grade when the gate fails on its grade, else to the
 * next grade. Steps that do not change the grade on their own are merged with the step that does,
 * so each row moves the grade: "fix FCG101 (2 places): D -> C".
 */
function planMarkdown(report, where) {
    const plans = gradePlans(report);
    const plan = plans.toPass ?? plans.next;
    if (!plan || plan.fixes.length === 0)
        return [];
    const failBelow = report.threshold.failBelow;
    const passing = !report.verdict.passed && failBelow !== undefined && gradeRank(plan.target) <= gradeRank(failBelow);
    const milestones = [];
    let current = [];
    let from = plan.from.grade;
    for (const f of plan.fixes) {
        current.push(f);
        if (f.gradeAfter !== from || f === plan.fixes[plan.fixes.length - 1]) {
            milestones.push({ fixes: current, from, to: f.gradeAfter });
            from = f.gradeAfter;
            current = [];
        }
    }
    const goal = passing ? `grade ${plan.target} passes the gate` : `grade ${plan.target}`;
    const lines = [
        '',
        '<details>',
        `<summary>Fix plan: ${plan.from.grade} → ${plan.target} (${goal}) in ${plural(plan.fixes.length, 'rule fix', 'rule fixes')}</summary>`,
        '',
        'Fewest fixes first: a capping finding holds the grade down until it is fixed, then the heaviest rules.',
        '',
        '| Step | Fix | Where | Grade |',
        '| ---: | --- | --- | --- |',
    ];
    milestones.slice(0, MAX_MILESTONES).forEach((m, i) => {
        const named = m.fixes
            .slice(0, MAX_MILESTONE_RULES)
            .map((f) => `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) <code>${f.name}</code>: ${describeFix(f)}`);
        if (m.fixes.length > MAX_MILESTONE_RULES)
            named.push(`and ${plural(m.fixes.length - MAX_MILESTONE_RULES, 'more rule')}`);
        const fixes = named.join('; ');
        const found = m.fixes.flatMap((f) => f.findings);
        const shown = found.slice(0, MAX_PLAN_LOCATIONS$1).map((x) => where(x));
        if (found.length > MAX_PLAN_LOCATIONS$1)
            shown.push(`+${found.length - MAX_PLAN_LOCATIONS$1} more`);
        const last = m.fixes[m.fixes.length - 1];
        lines.push(`| ${i + 1} | fix ${fixes} | ${shown.join(', ')} | ${m.from} → ${m.to} (score ${formatNumber(last.scoreAfter)}) |`);
    });
    if (milestones.length > MAX_MILESTONES)
        lines.push('', `_${plural(milestones.length - MAX_MILESTONES, 'more step')}; the JSON report lists every fix (grading.toPass, grading.nextGrade)._`);
    lines.push('', '</details>');
    return lines;
}

const DEFAULT_MAX_BYTES = 1_000_000;
const SEVERITY_ICON = { critical: '🟣', high: '🔴', medium: '🟠', low: '🟡' };
/**
 * Text from the scanned repository (paths, messages, skip reasons) as inert table-cell text: no
 * HTML, no code spans, no links or emphasis, no cell breaks, one line.
 */
function escapeMarkdown(s) {
    return (s
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`));
}
/** Both table headers with their separator rows, and slack for a plural's extra letter. */
const TABLE_HEADERS_RESERVE = 160;
const bytes = (s) => Buffer.byteLength(s, 'utf8');
const capitalize = (s) => s.charAt(0).toUpperCase() + s.slice(1);
/** Our own notes may quote git or the API: keep them to one line with no HTML. */
function noteLine(s) {
    return (s
        // eslint-disable-next-line no-control-regex
        .replace(/[\u0000-\u001f\u007f-\u009f]+/g, ' ')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;'));
}
/** A repository path as a URL path: each segment percent-encoded, parentheses too (they would end a markdown link). */
function encodeUrlPath(file) {
    return file
        .split('/')
        .map((seg) => encodeURIComponent(seg).replace(/[()]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`))
        .join('/');
}
/**
 * Links to `<server>/<owner>/<repo>/blob/<sha>/<repoPrefix><path>#L<line>`, every segment
 * percent-encoded; undefined unless the repository (`owner/name`) and the commit are known.
 * `repoPrefix` is the scanned folder inside the repository, so paths are repository-relative.
 */
function blobLink(at, repoPrefix) {
    const parts = at.repository?.split('/') ?? [];
    if (parts.length !== 2 || parts.some((p) => p === '') || !at.sha)
        return undefined;
    const server = (at.server || 'https://github.com').replace(/\/+$/, '');
    const base = `${server}/${parts.map(encodeURIComponent).join('/')}/blob/${encodeURIComponent(at.sha)}/`;
    const prefix = repoPrefix.replace(/^\/+|\/+$/g, '');
    return (loc) => {
        const file = prefix === '' ? loc.path : `${prefix}/${loc.path}`;
        return `${base}${encodeUrlPath(file)}#L${loc.line}`;
    };
}
/**
 * `path:line` as a link to the file and line at the scanned commit when `link` gives one. The
 * visible text stays inert (escapeMarkdown); the URL's path is percent-encoded segment by segment,
 * so nothing in a file name can end the link or start markup.
 */
function locationMarkdown(link, loc) {
    const text = `${escapeMarkdown(loc.path)}:${loc.line}`;
    const url = link?.(loc);
    return url === undefined ? text : `[${text}](${url})`;
}
/**
 * A message from a rule: the parts it quotes in backticks render as code, the rest as inert
 * text. Each part is escaped on its own, so the repository's text cannot open markup of its own;
 * an unpaired backtick stays a literal one.
 */
function messageMarkdown(message) {
    const parts = message.split('`');
    if (parts.length % 2 === 0)
        return escapeMarkdown(message);
    return parts
        .map((part, i) => (i % 2 === 1 && part !== '' ? `<code>${escapeMarkdown(part)}</code>` : escapeMarkdown(part)))
        .join('');
}
/** The findings shown open, above the details: the most severe, most certain first. */
const TOP_FINDINGS = 5;
function countsLine(report) {
    const bySeverity = SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${report.counts[s]} ${s}`).join(' · ');
    const byFamily = FAMILIES.map((family) => [family, report.findings.filter((f) => f.family === family).length])
        .filter(([, n]) => n > 0)
        .map(([family, n]) => `${family} ${n}`)
        .join(', ');
    const low = report.findings.filter((f) => f.confidence === 'low').length;
    const lowNote = low > 0 ? `; ${low} of low confidence` : '';
    return (`**Findings:** ${bySeverity} (${plural(report.findings.length, 'finding')} in ${plural(report.filesScanned, 'file')} scanned${lowNote})` +
        (byFamily ? `. By family: ${byFamily}.` : '.'));
}
function whyLines(report) {
    const { grade, verdict } = report;
    const why = verdict.reasons.map((r) => `${capitalize(r)}.`);
    if (grade.cap)
        why.push(`${capitalize(grade.cap.reason)} (the score alone gives ${grade.uncappedGrade}).`);
    else if (grade.penalties.length > 0) {
        const top = sortedPenalties(grade.penalties)[0];
        why.push(`Score ${formatNumber(grade.score)}: the heaviest rule is ${top.ruleId} <code>${top.name}</code> (−${formatNumber(top.penalty)}).`);
    }
    return why;
}
function scoreDetails(report) {
    const { grade, tool } = report;
    const lines = ['<details>', `<summary>How the score was reached (grading v${grade.version})</summary>`, ''];
    const rows = FAMILIES.map((family) => {
        const ofFamily = report.findings.filter((f) => f.family === family);
        const cells = SEVERITIES_DESC.map((s) => String(ofFamily.filter((f) => f.severity === s).length));
        return `| ${family} | ${cells.join(' | ')} | ${ofFamily.length} |`;
    });
    const totals = SEVERITIES_DESC.map((s) => `**${report.counts[s]}**`);
    lines.push(`| Family | ${SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${capitalize(s)}`).join(' | ')} | Total |`, '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows, `| **All** | ${totals.join(' | ')} | **${report.findings.length}** |`, '');
    const penalties = sortedPenalties(grade.penalties);
    if (penalties.length === 0) {
        lines.push('No findings: nothing was taken from 100.');
    }
    else {
        lines.push('| Rule | Severity | Confidence | Kind | Findings | Points |', '| --- | --- | --- | --- | --- | ---: |', '| Start | | | | | 100 |');
        for (const p of penalties) {
            const link = `[${p.ruleId}](${ruleDocsUrl(tool, p.name)}) <code>${p.name}</code>`;
            lines.push(`| ${link} | ${SEVERITY_ICON[p.severity]} ${p.severity} | ${p.confidence} | ${p.kind} | ${describePenaltyCount(p)} | −${formatNumber(p.penalty)} |`);
        }
        const back = Math.round((grade.gaps.total - grade.gaps.counted) * 10) / 10;
        if (back > 0)
            lines.push(`| Gaps count ${formatNumber(grade.gaps.limit)} at most (they add up to ${formatNumber(grade.gaps.total)}) | | | | | +${formatNumber(back)} |`);
        lines.push(`| **Score** | | | | | **${formatNumber(grade.score)}** (grade ${grade.uncappedGrade}) |`);
    }
    if (grade.cap)
        lines.push('', `Grade capped at **${grade.cap.grade}**: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`);
    const weights = SEVERITIES_DESC.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ');
    lines.push('', `Grading v${grade.version}: each rule that fires takes its heaviest finding's weight (${weights}; ` +
        `× ${CONFIDENCE_FACTOR.medium} at medium and × ${CONFIDENCE_FACTOR.low} at low confidence, × ${REDUCED_FACTOR} in test and development files), ` +
        `a little more for repeats (at most × ${1 + REPEAT_MAX}). Flaws (confident high or critical findings in production) add up and cap the grade; ` +
        `gaps (everything else) count ${GAP_LIMIT} at most together.`, '', '</details>');
    return lines;
}
function headSection(report, notes, link, top, topAreNew) {
    const { grade, verdict, tool } = report;
    const lines = [];
    const icon = verdict.passed ? '✅' : '❌';
    lines.push(`## ${icon} ${tool.name}: grade ${grade.grade}, score ${formatNumber(grade.score)}/100, ${verdict.passed ? 'passed' : 'failed'}`, '', `**Threshold:** ${describeThreshold(report.threshold)}.`);
    const why = whyLines(report);
    if (why.length > 0)
        lines.push('', `**${verdict.passed ? 'Why' : 'Why it failed'}:**`, '', ...why.map((r) => `- ${r}`));
    lines.push('', countsLine(report));
    if (notes.length > 0)
        lines.push('', '### Changes under review', '', ...notes.map((n) => `- ${noteLine(n)}`));
    const context = contextMarkdown(report, escapeMarkdown);
    if (context.length > 0)
        lines.push('', ...context);
    if (top.length > 0) {
        lines.push('', `${topAreNew ? '### Top new findings' : '### Top findings'}`, '', '| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |', ...top.map((f) => findingRow(report, f, link, topAreNew)));
    }
    lines.push('', ...scoreDetails(report));
    lines.push(...planMarkdown(report, (loc) => locationMarkdown(link, loc)));
    return lines.join('\n');
}
function findingRow(report, f, link, isNew = false) {
    const rule = `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) <code>${f.name}</code>`;
    const sure = f.confidence === 'high' ? '' : ` (${f.confidence} confidence)`;
    return `| ${isNew ? '🆕 ' : ''}${SEVERITY_ICON[f.severity]} ${f.severity}${sure} | ${rule} | ${locationMarkdown(link, f)} | ${messageMarkdown(f.message)} |`;
}
function skippedRow(s) {
    return `| ${escapeMarkdown(s.path)} | ${escapeMarkdown(s.reason)} |`;
}
function findingsSection(total, rows, newCount) {
    const heading = newCount === undefined ? `${total}` : `${total}, ${newCount} new`;
    const lines = ['<details>', `<summary>All findings (${heading})</summary>`, ''];
    if (newCount !== undefined && newCount > 0)
        lines.push('🆕 marks the new findings (on changed lines, not in the baseline); they come first.', '');
    if (total === 0)
        lines.push('No findings.');
    else if (rows.length > 0)
        lines.push('| Severity | Rule | Location | Message |', '| --- | --- | --- | --- |', ...rows);
    const omitted = total - rows.length;
    if (omitted > 0) {
        lines.push('', `_${plural(omitted, 'finding')} of ${total} left out to keep this summary within GitHub's size limit; ` +
            'the SARIF and JSON reports list every finding._');
    }
    lines.push('', '</details>');
    return lines.join('\n');
}
function skippedSection(total, rows) {
    if (total === 0)
        return '';
    const lines = ['<details>', `<summary>Skipped files (${total})</summary>`, ''];
    if (rows.length > 0)
        lines.push('| File | Reason |', '| --- | --- |', ...rows);
    const omitted = total - rows.length;
    if (omitted > 0)
        lines.push('', `_${plural(omitted, 'skipped file')} of ${total} left out to keep this summary within GitHub's size limit._`);
    lines.push('', '</details>');
    return lines.join('\n');
}
/** The longest prefix of `rows` whose lines (each with its newline) fit in `budget` bytes. */
function fit(rows, budget) {
    const kept = [];
    let used = 0;
    for (const row of rows) {
        const size = bytes(row) + 1;
        if (used + size > budget)
            break;
        kept.push(row);
        used += size;
    }
    return { rows: kept, used };
}
/** The new findings when there are any (they are what the change under review brings), else the most severe and certain. */
function topFindings(findings, newCount) {
    const pool = newCount > 0 ? findings.slice(0, newCount) : findings;
    return [...pool]
        .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) ||
        confidenceRank(b.confidence) - confidenceRank(a.confidence) ||
        compareFindings(a, b))
        .slice(0, TOP_FINDINGS);
}
/** Cuts at a character boundary so the UTF-8 size is at most `maxBytes`. */
function truncateBytes(s, maxBytes) {
    let out = '';
    let size = 0;
    for (const ch of s) {
        size += bytes(ch);
        if (size > maxBytes)
            break;
        out += ch;
    }
    return out;
}
/**
 * GitHub job summary (and check run text): verdict, counts per severity and family, how the score
 * was reached, findings by severity, skipped files. To stay within `maxBytes` it leaves out
 * skipped-file rows first, then the least severe findings, and says how many of each.
 */
function renderMarkdown(report, options = {}) {
    const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
    const isNew = options.isNew;
    const sorted = sortedFindings(report.findings);
    // New findings first (each group by severity), so trimming leaves out the others first.
    const newOnes = isNew ? sorted.filter((f) => isNew(f)) : [];
    const findings = isNew ? [...newOnes, ...sorted.filter((f) => !isNew(f))] : sorted;
    const newCount = isNew ? newOnes.length : undefined;
    const link = options.link;
    const findingRows = findings.map((f, i) => findingRow(report, f, link, i < newOnes.length));
    const skippedRows = report.skipped.map(skippedRow);
    const head = headSection(report, options.notes ?? [], link, topFindings(findings, newOnes.length), newOnes.length > 0);
    const footer = `<sub>${report.tool.name} ${report.tool.version} · ${plural(report.filesScanned, 'file')} scanned</sub>`;
    const assemble = (fRows, sRows) => `${[head, findingsSection(findings.length, fRows, newCount), skippedSection(report.skipped.length, sRows), footer]
        .filter((s) => s !== '')
        .join('\n\n')}\n`;
    const full = assemble(findingRows, skippedRows);
    if (bytes(full) <= maxBytes)
        return full;
    // Fixed cost: the document without rows (its notes already name the largest counts), plus room
    // for the two table headers. Rows fill the rest, findings first; the loop mends the estimate.
    let budget = maxBytes - bytes(assemble([], [])) - TABLE_HEADERS_RESERVE;
    const kept = fit(findingRows, budget);
    budget -= kept.used;
    const keptFindings = kept.rows;
    // Skipped files only take room once every finding has a row.
    const keptSkipped = keptFindings.length === findingRows.length ? fit(skippedRows, budget).rows : [];
    let doc = assemble(keptFindings, keptSkipped);
    while (bytes(doc) > maxBytes && keptFindings.length + keptSkipped.length > 0) {
        if (keptSkipped.length > 0)
            keptSkipped.pop();
        else
            keptFindings.pop();
        doc = assemble(keptFindings, keptSkipped);
    }
    return bytes(doc) <= maxBytes ? doc : truncateBytes(doc, maxBytes);
}

/**
 * What GitHub code scanning accepts in one SARIF upload ("SARIF results exceed limits" in its
 * documentation). Past a hard limit the whole file is rejected, not trimmed, so a report stays
 * within each of them and says what it left out.
 */
const SARIF_LIMITS = {
    /** Results per run: a run with more is rejected (only the first 5,000 are shown, by severity). */
    resultsPerRun: 25_000,
    /** The upload, gzip-compressed. */
    gzipBytes: 10 * 1024 * 1024,
};
const count = (n) => n.toLocaleString('en-US');
/**
 * Said in the SARIF file (a tool execution notification) and by the front door (stderr, a
 * workflow warning) when the file holds fewer results than the scan found.
 */
function sarifCapNote(kept, total) {
    return (`The SARIF report holds the ${count(kept)} most severe of ${count(total)} findings: GitHub code scanning ` +
        `rejects a file with more than ${count(SARIF_LIMITS.resultsPerRun)} results in a run, or over ` +
        `${SARIF_LIMITS.gzipBytes / 1024 / 1024} MB compressed. The JSON report has them all.`);
}

const SARIF_SCHEMA = 'https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json';
const SRCROOT = '%SRCROOT%';
const CAP_NOTIFICATION = 'results-capped';
/** GitHub code scanning reads this numeric string to place an alert in critical/high/medium/low. */
const SECURITY_SEVERITY = {
    critical: '9.5',
    high: '8.0',
    medium: '5.5',
    low: '3.0',
};
function sarifLevel(severity) {
    return severity === 'critical' || severity === 'high' ? 'error' : severity === 'medium' ? 'warning' : 'note';
}
/**
 * A repository-relative path as a relative URI reference: forward slashes, and the characters a
 * URI cannot hold (space, `%`, `#`, `?`, non-ASCII) percent-encoded segment by segment.
 */
function artifactUri(path) {
    return path
        .replace(/\\/g, '/')
        .split('/')
        .map((segment) => encodeURIComponent(segment))
        .join('/');
}
function fence(lang, code) {
    const longest = Math.max(2, ...[...code.matchAll(/`+/g)].map((m) => m[0].length));
    const ticks = '`'.repeat(longest + 1);
    return `${ticks}${lang}\n${code.replace(/\n+$/, '')}\n${ticks}`;
}
function helpText(meta, docs) {
    return [
        meta.what,
        `Why: ${meta.why}`,
        `Fix: ${meta.fix}`,
        `Flagged:\n${meta.bad.code.replace(/\n+$/, '')}`,
        `Fixed:\n${meta.good.code.replace(/\n+$/, '')}`,
        `Documentation: ${docs}`,
    ].join('\n\n');
}
function helpMarkdown(meta, docs) {
    return [
        `**${meta.title}** (${meta.id}, ${meta.severity})`,
        meta.what,
        `### Why it matters\n\n${meta.why}`,
        `### How to fix\n\n${meta.fix}`,
        `### Example\n\nFlagged:\n\n${fence(meta.bad.lang, meta.bad.code)}\n\nFixed:\n\n${fence(meta.good.lang, meta.good.code)}`,
        `### What it cannot see\n\n${meta.limits}`,
        `[Full documentation](${docs})`,
    ].join('\n\n');
}
function toRule(meta, tool) {
    const docs = ruleDocsUrl(tool, meta.name);
    const level = sarifLevel(meta.severity);
    return {
        id: meta.id,
        name: meta.name,
        shortDescription: { text: meta.title },
        fullDescription: { text: meta.what },
        help: { text: helpText(meta, docs), markdown: helpMarkdown(meta, docs) },
        helpUri: docs,
        defaultConfiguration: { level },
        properties: {
            tags: ['security', meta.family, ...meta.cwe.map((n) => `external/cwe/cwe-${n}`)],
            'security-severity': SECURITY_SEVERITY[meta.severity],
            precision: sarifPrecision(meta),
            confidence: defaultConfidence(meta),
        },
    };
}
/** A result's `rank` by its confidence: a finding the file cannot prove sorts below the confident ones. */
const SARIF_RANK = { high: 90, medium: 60, low: 30 };
/**
 * A rule's SARIF precision follows its default confidence: `medium` and `low` as they are, `high`
 * as the rule's measured precision says (`very-high` or `high`).
 */
function sarifPrecision(meta) {
    const confidence = defaultConfidence(meta);
    if (confidence !== 'high')
        return confidence;
    return meta.precision === 'very-high' ? 'very-high' : 'high';
}
function toResult(f, ruleIndex, prefix) {
    const startColumn = Math.max(1, f.column);
    const endLine = Math.max(f.line, f.endLine);
    const endColumn = endLine === f.line ? Math.max(startColumn, f.endColumn) : Math.max(1, f.endColumn);
    return {
        ruleId: f.ruleId,
        ...(ruleIndex === undefined ? {} : { ruleIndex }),
        level: sarifLevel(f.severity),
        message: { text: f.message },
        locations: [
            {
                physicalLocation: {
                    artifactLocation: { uri: artifactUri(prefix + f.path), uriBaseId: SRCROOT },
                    region: { startLine: Math.max(1, f.line), startColumn, endLine: Math.max(1, endLine), endColumn },
                },
            },
        ],
        partialFingerprints: { primaryLocationLineHash: f.fingerprint },
        ...(f.state ? { baselineState: f.state === 'existing' ? 'unchanged' : 'new' } : {}),
        rank: SARIF_RANK[f.confidence],
        properties: { severity: f.severity, confidence: f.confidence, family: f.family, role: f.role },
    };
}
/**
 * The category of a scan of `repoPrefix` (the scanned directory inside its repository):
 * `flask-crdb-gate` at the top, `flask-crdb-gate/services/api` for a folder.
 */
function defaultSarifCategory(repoPrefix) {
    const folder = repoPrefix.replace(/\/+$/, '');
    return folder === '' ? 'flask-crdb-gate' : `flask-crdb-gate/${folder}`;
}
/** GitHub reads the category as everything up to the id's last `/`: end it with one. */
function automationId(category) {
    return category.endsWith('/') ? category : `${category}/`;
}
/** The repository's root directory: the scanned directory without its repository prefix. */
function repositoryRoot(report) {
    const depth = report.repoPrefix.split('/').filter((s) => s !== '').length;
    let root = report.root;
    for (let i = 0; i < depth; i++)
        root = dirname(root);
    return root;
}
function baseIds(report) {
    const href = pathToFileURL(repositoryRoot(report)).href;
    const prefix = report.repoPrefix.replace(/\/*$/, '/');
    return {
        [SRCROOT]: {
            uri: href.endsWith('/') ? href : `${href}/`,
            description: { text: 'The root of the repository; every artifact URI is relative to it.' },
        },
        ...(report.repoPrefix === ''
            ? {}
            : {
                SCANROOT: {
                    uri: artifactUri(prefix),
                    uriBaseId: SRCROOT,
                    description: { text: 'The directory that was scanned.' },
                },
            }),
    };
}
/**
 * Locations are repository-relative even when a folder is scanned, so the scanned folder's prefix
 * is put back; `originalUriBaseIds` says what they are relative to. At most `maxResults` results,
 * the most severe first, and a notification when some were left out.
 */
function toSarif(report, options = {}) {
    const { tool } = report;
    const prefix = report.repoPrefix;
    const index = new Map(report.rules.map((meta, i) => [meta.id, i]));
    const max = Math.max(0, Math.min(options.maxResults ?? SARIF_LIMITS.resultsPerRun, SARIF_LIMITS.resultsPerRun));
    const findings = sortedFindings(report.findings);
    const kept = findings.slice(0, max);
    const capped = kept.length < findings.length
        ? [
            {
                level: 'warning',
                descriptor: { id: CAP_NOTIFICATION },
                message: { text: sarifCapNote(kept.length, findings.length) },
            },
        ]
        : [];
    return {
        $schema: SARIF_SCHEMA,
        version: '2.1.0',
        runs: [
            {
                tool: {
                    driver: {
                        name: tool.name,
                        version: tool.version,
                        semanticVersion: tool.version,
                        informationUri: tool.informationUri,
                        rules: report.rules.map((meta) => toRule(meta, tool)),
                    },
                },
                automationDetails: { id: automationId(options.category ?? defaultSarifCategory(prefix)) },
                originalUriBaseIds: baseIds(report),
                invocations: [
                    {
                        executionSuccessful: true,
                        toolExecutionNotifications: [
                            ...capped,
                            ...report.skipped.map((s) => ({
                                level: 'warning',
                                message: { text: `Skipped ${s.path}: ${s.reason}` },
                                locations: [
                                    { physicalLocation: { artifactLocation: { uri: artifactUri(prefix + s.path), uriBaseId: SRCROOT } } },
                                ],
                            })),
                        ],
                    },
                ],
                results: kept.map((f) => toResult(f, index.get(f.ruleId), prefix)),
            },
        ],
    };
}
/**
 * The SARIF file as GitHub accepts it: within the results cap and, compressed, within the upload
 * limit (halving the results, least severe out first, in the rare case long messages exceed it).
 */
function renderSarifReport(report, options = {}) {
    const total = report.findings.length;
    let max = Math.min(options.maxResults ?? SARIF_LIMITS.resultsPerRun, SARIF_LIMITS.resultsPerRun);
    for (;;) {
        const log = toSarif(report, { ...options, maxResults: max });
        const text = `${JSON.stringify(log, null, 2)}\n`;
        const kept = log.runs[0].results.length;
        // Compression only matters once the text itself is over the limit.
        const fits = Buffer.byteLength(text) <= SARIF_LIMITS.gzipBytes || gzipSync(text).length <= SARIF_LIMITS.gzipBytes;
        if (fits || kept === 0)
            return { text, kept, total };
        max = Math.floor(kept / 2);
    }
}

/** Stale baseline entries listed before "and N more". */
const MAX_STALE_LISTED = 10;
/** Locations listed per planned fix before "and N more". */
const MAX_PLAN_LOCATIONS = 3;
/** Planned fixes listed before "and N more". */
const MAX_PLAN_FIXES = 10;
/** Narrower than this, a message is not worth wrapping beside its location: it goes below it. */
const MIN_MESSAGE_WIDTH = 30;
/**
 * `message` broken at spaces into lines of at most `width - indent` characters after the first
 * `first` columns; every line after the first starts with `indent` spaces. A word longer than a
 * line stays whole.
 */
function wrapMessage(message, first, indent, width) {
    const lines = [];
    let line = '';
    let room = width - first;
    for (const word of message.split(' ')) {
        if (line !== '' && line.length + 1 + word.length > room) {
            lines.push(line);
            line = word;
            room = width - indent;
        }
        else
            line = line === '' ? word : `${line} ${word}`;
    }
    lines.push(line);
    return lines.join(`\n${' '.repeat(indent)}`);
}
const SEVERITY_SGR = { critical: '1;35', high: '1;31', medium: '33', low: '36' };
const GRADE_SGR = { A: '1;32', B: '1;32', C: '1;33', D: '1;31', F: '1;31' };
function styler(color) {
    return (sgr) => (color ? (s) => `\u001b[${sgr}m${s}\u001b[0m` : (s) => s);
}
/** Terminal report: findings by file, skipped files, then the grade and how it was reached. */
function renderText(report, options) {
    const paint = styler(options.color);
    const bold = paint('1');
    const dim = paint('2');
    const sev = (s) => paint(SEVERITY_SGR[s]);
    const out = [];
    // Findings, grouped by file in path order, each file's findings by position.
    const byFile = new Map();
    for (const f of report.findings) {
        const list = byFile.get(f.path);
        if (list)
            list.push(f);
        else
            byFile.set(f.path, [f]);
    }
    const files = [...byFile.keys()].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    const ruleWidth = Math.max(0, ...report.findings.map((f) => f.ruleId.length + 1 + f.name.length));
    const locWidth = Math.max(0, ...report.findings.map((f) => `${f.line}:${f.column}`.length));
    for (const path of files) {
        const list = (byFile.get(path) ?? []).sort((a, b) => a.line - b.line || a.column - b.column || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
        out.push(bold(printable(path)));
        for (const f of list) {
            const loc = `${f.line}:${f.column}`.padEnd(locWidth);
            const label = f.severity.toUpperCase().padEnd(8);
            const sure = `${f.confidence} conf.`.padEnd(12);
            const rule = `${f.ruleId} ${f.name}`.padEnd(ruleWidth);
            const existing = f.state === 'existing' ? '  (existing)' : '';
            const prefix = `  ${loc}  ${label}  ${sure}  ${rule}  `;
            let message = `${printable(f.message)}${dim(existing)}`;
            const width = options.width;
            if (width !== undefined && prefix.length + printable(f.message).length + existing.length > width) {
                // Beside the location when there is room for it, else on the lines below, indented.
                const plain = `${printable(f.message)}${existing}`;
                const beside = width - prefix.length >= MIN_MESSAGE_WIDTH;
                const wrapped = beside
                    ? wrapMessage(plain, prefix.length, prefix.length, width)
                    : `\n      ${wrapMessage(plain, 6, 6, width)}`;
                const at = existing ? wrapped.lastIndexOf('(existing)') : -1;
                message = at < 0 ? wrapped : `${wrapped.slice(0, at)}${dim('(existing)')}`;
            }
            out.push(`  ${dim(loc)}  ${sev(f.severity)(label)}  ${dim(sure)}  ${rule}  ${message}`);
        }
        out.push('');
    }
    if (options.quiet)
        return guardCommandLines(out.join('\n').replace(/\n$/, '') + (out.length > 0 ? '\n' : ''));
    if (report.findings.length === 0)
        out.push(`No findings in ${plural(report.filesScanned, 'file')}.`, '');
    if (report.skipped.length > 0) {
        out.push(bold(`Skipped ${plural(report.skipped.length, 'file')}:`));
        const width = Math.max(...report.skipped.map((s) => printable(s.path).length));
        for (const s of report.skipped)
            out.push(`  ${printable(s.path).padEnd(width)}  ${dim(printable(s.reason))}`);
        out.push('');
    }
    // The score block.
    const { grade, verdict } = report;
    const verdictText = verdict.passed ? paint('1;32')('PASSED') : paint('1;31')('FAILED');
    out.push(`${bold('Grade')} ${paint(GRADE_SGR[grade.grade])(grade.grade)}  score ${formatNumber(grade.score)}/100  ${verdictText}` +
        (report.gateOn === 'new' && report.newGrade
            ? ` (the gate judges the new findings: grade ${report.newGrade.grade}, score ${formatNumber(report.newGrade.score)})`
            : ''));
    for (const reason of verdict.reasons)
        out.push(`  - ${reason}`);
    out.push(`Threshold: ${describeThreshold(report.threshold)}`);
    const counts = SEVERITIES_DESC.map((s) => sev(s)(`${report.counts[s]} ${s}`)).join(', ');
    const scanned = `${plural(report.filesScanned, 'file')} scanned`;
    out.push(report.findings.length === 0
        ? `Findings: none (${scanned})`
        : `Findings: ${counts} (${plural(report.findings.length, 'finding')} in ${plural(files.length, 'file')}; ${scanned})`);
    out.push(...contextLines(report, dim));
    out.push('', bold(`How the score was reached (grading v${grade.version}):`));
    const penalties = sortedPenalties(grade.penalties);
    const numbers = penalties.map((p) => `-${formatNumber(p.penalty)}`);
    const numWidth = Math.max(3, ...numbers.map((n) => n.length), `${formatNumber(grade.score)}`.length + 2);
    const penRuleWidth = Math.max(0, ...penalties.map((p) => p.ruleId.length + 1 + p.name.length));
    out.push(`  ${'100'.padStart(numWidth)}  start`);
    penalties.forEach((p, i) => {
        const rule = `${p.ruleId} ${p.name}`.padEnd(penRuleWidth);
        out.push(`  ${(numbers[i] ?? '').padStart(numWidth)}  ${rule}  ${sev(p.severity)(p.severity.padEnd(8))}  ${`${p.confidence} conf.`.padEnd(12)}  ${p.kind.padEnd(4)}  ${describePenaltyCount(p)}`);
    });
    const back = grade.gaps.total - grade.gaps.counted;
    if (back > 0)
        out.push(`  ${`+${formatNumber(Math.round(back * 10) / 10)}`.padStart(numWidth)}  gaps count ${formatNumber(grade.gaps.limit)} at most (they add up to ${formatNumber(grade.gaps.total)})`);
    out.push(`  ${`= ${formatNumber(grade.score)}`.padStart(numWidth)}  score, grade ${grade.uncappedGrade}`);
    if (grade.cap)
        out.push(`  Capped at ${grade.cap.grade}: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`);
    const plans = gradePlans(report);
    if (plans.next)
        out.push('', ...planLines(plans.next, `To reach grade ${plans.next.target}`, bold));
    if (plans.toPass)
        out.push('', describeToPass(report, plans.toPass));
    // Every line built above passes the sink guard once more: no line of the report runs as a command.
    return guardCommandLines(`${out.join('\n')}\n`);
}
/** Baseline, the grade of the new findings, suppressions: what changed the findings counted. */
function contextLines(report, dim) {
    const out = [];
    if (report.configFile !== undefined)
        out.push(`Configuration: ${printable(report.configFile)}`);
    const b = report.baseline;
    if (b) {
        const stale = b.stale.length;
        out.push(`Baseline ${printable(b.file)}: ${b.existing} existing, ${b.new} new` +
            (stale > 0
                ? `, ${plural(stale, 'stale entry', 'stale entries')} (no longer found: fixed, suppressed or changed)`
                : ''));
        for (const e of b.stale.slice(0, MAX_STALE_LISTED))
            out.push(dim(`  stale: ${printable(e.path)}  ${printable(e.ruleId)}  ${printable(e.fingerprint)}`));
        if (stale > MAX_STALE_LISTED)
            out.push(dim(`  ... and ${stale - MAX_STALE_LISTED} more (the JSON report lists them all)`));
        if (stale > 0)
            out.push(dim('  Regenerate the baseline with `flask-crdb-gate baseline` to drop them.'));
    }
    if (report.newGrade) {
        const judged = report.gateOn === 'new' ? ' (the gate judges these)' : '';
        out.push(`New findings only: grade ${report.newGrade.grade}, score ${formatNumber(report.newGrade.score)}/100${judged}`);
    }
    const s = report.suppressions;
    if (s && s.findings > 0) {
        const noReason = s.withoutReason > 0 ? `, ${s.withoutReason} without a reason` : '';
        out.push(`Suppressed: ${plural(s.findings, 'finding')} by ${plural(s.used, 'comment')}${noReason} (not graded)`);
    }
    if (s && s.unused.length > 0) {
        out.push(`Unused suppressions (${s.unused.length}; they suppress nothing):`);
        for (const u of s.unused) {
            const unknown = u.unknown.length > 0 ? ` (unknown: ${u.unknown.join(', ')})` : '';
            out.push(`  ${printable(u.path)}:${u.line}  ${printable(u.directive)}${printable(unknown)}`);
        }
    }
    return out;
}
/** The shortest list of fixes to a grade, each with where to make it and what it brings. */
function planLines(plan, title, bold) {
    const out = [bold(`${title}, fix ${plural(plan.fixes.length, 'rule')} (fewest fixes, largest gain first):`)];
    const shown = plan.fixes.slice(0, MAX_PLAN_FIXES);
    const width = Math.max(0, ...shown.map((f) => f.ruleId.length + 1 + f.name.length));
    const numWidth = String(shown.length).length + 1;
    shown.forEach((f, i) => {
        const locations = f.findings.slice(0, MAX_PLAN_LOCATIONS).map((x) => `${printable(x.path)}:${x.line}`);
        const more = f.findings.length > MAX_PLAN_LOCATIONS ? `, +${f.findings.length - MAX_PLAN_LOCATIONS} more` : '';
        out.push(`  ${`${i + 1}.`.padStart(numWidth)} ${`${f.ruleId} ${f.name}`.padEnd(width)}  ${describeFix(f)}, +${formatNumber(f.points)} points -> score ${formatNumber(f.scoreAfter)}, grade ${f.gradeBefore} -> ${f.gradeAfter}`, `  ${' '.repeat(numWidth)} ${locations.join(', ')}${more}`);
    });
    if (plan.fixes.length > MAX_PLAN_FIXES)
        out.push(`  ... and ${plural(plan.fixes.length - MAX_PLAN_FIXES, 'more rule')} (the JSON report lists every step)`);
    return out;
}

/**
 * V8 flags that suit a scan: a batch of a few seconds in a fresh process, and again in every
 * worker thread. V8's defaults suit a long-running server, which compiles its hot functions once,
 * with large inlined graphs, and runs them for hours. A scan pays that compiling in each thread
 * and keeps the result for seconds.
 *
 * Measured on Django (859 files) on Node 20, counted with valgrind in one thread: TurboFan's
 * compiling was 22% of all instructions by default (5.3 of 23.8 billion, 1.9 s of CPU for about
 * 200 functions). Two changes:
 * - a smaller inlining budget (200 bytecodes in all instead of 920): 22.3 billion, the compiled
 *   code running 1.4% more instructions;
 * - optimising a function only after more of its bytecode has run: with both, 21.4 billion at twice
 *   V8's budget and 21.0 at four times. Eight times is set: timed side by side it was a little
 *   faster than four, and sixteen slower. Functions that are hot for a moment are left to the
 *   interpreter and Sparkplug.
 *
 * Side by side (medians of alternated runs, two threads): Django's scan went from 2.98 to 2.40 s
 * wall and from 5.5 to 4.4 s of CPU (8 runs each); pgAdmin's (7.9 MB) from 7.75 to 5.57 s and
 * from 14.8 to 10.4 s of CPU (5 runs). On Node 24, which compiles with Maglev first, Django's went
 * from 2.66 to 2.51 s.
 *
 * The flag that sets when to optimise changed in V8 12 (Node 22): a byte budget before, an
 * invocation count since. A V8 prints "unrecognized flag" for a flag it does not know, so flags
 * are set only for the V8 versions they were checked on (Node 20, 22 and 24); on any other V8 the
 * defaults stay.
 */
function batchJitFlags(v8Version) {
    const major = Number(v8Version.split('.')[0]);
    const inlining = '--max-inlined-bytecode-size-cumulative=200';
    // V8 11's default interrupt budget is 66 KiB (67584); V8 12 and 13 optimise after 3000 invocations.
    if (major === 11)
        return [inlining, '--interrupt-budget=540672'];
    if (major === 12 || major === 13)
        return [inlining, '--invocation-count-for-turbofan=24000'];
    return [];
}
let tuned = false;
/**
 * Sets the batch flags (batchJitFlags) for this process: called by the front doors (CLI, action)
 * before any analysis. V8 flags are process-wide, so worker threads started later compile under
 * them too. Both flags are read each time V8 decides or compiles, so setting them after start-up
 * takes effect from then on.
 */
function tuneJitForBatch() {
    if (tuned)
        return;
    tuned = true;
    for (const flag of batchJitFlags(process.versions.v8))
        setFlagsFromString(flag);
}

export { SEVERITIES_DESC as S, plural as a, escapeData as b, renderMarkdown as c, blobLink as d, escapeProperty as e, renderSarifReport as f, guardCommandLines as g, sarifCapNote as h, renderJson as i, formatNumber as j, encodeUrlPath as k, printable as p, renderText as r, sortedFindings as s, tuneJitForBatch as t };
