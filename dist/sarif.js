import { g as gradeRank, i as isReducedRole, S as SEVERITY_WEIGHT, R as REDUCED_FACTOR, c as rulePenalty, d as gradeForScore, e as compareFindings, N as NO_SUPPRESSIONS, r as ruleDocsUrl } from './version.js';
import { dirname } from 'node:path';
import { pathToFileURL } from 'node:url';
import { gzipSync } from 'node:zlib';
import { a as atLeast, s as severityRank, S as SEVERITIES } from './severity.js';
import { a as GRADES } from './types.js';

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
 * gradeFindings(), with each rule's penalty recomputed only when its findings change, so a plan
 * over thousands of findings costs one pass per step, not one full grading.
 */
class Tally {
    byRule = new Map();
    penalty = new Map();
    critical = 0;
    high = 0;
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
        if (isReducedRole(f.role))
            return;
        if (f.severity === 'critical')
            this.critical += sign;
        else if (f.severity === 'high')
            this.high += sign;
    }
    rescore(ruleId) {
        const list = this.byRule.get(ruleId) ?? [];
        const weights = list.map((f) => SEVERITY_WEIGHT[f.severity] * (isReducedRole(f.role) ? REDUCED_FACTOR : 1));
        this.penalty.set(ruleId, Math.round(rulePenalty(weights) * 10) / 10);
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
    /** The rule with the largest penalty (ties: the smaller id), if any finding is left. */
    heaviest() {
        let best;
        let bestPenalty = 0;
        for (const [id, p] of this.penalty) {
            if (p <= 0)
                continue;
            if (p > bestPenalty || (p === bestPenalty && best !== undefined && id < best)) {
                best = id;
                bestPenalty = p;
            }
        }
        return best;
    }
    penaltyOf(ruleId) {
        return this.penalty.get(ruleId) ?? 0;
    }
    /** Sum of the rules' penalties, not floored. */
    total() {
        let total = 0;
        for (const p of this.penalty.values())
            total += p;
        return total;
    }
    result() {
        const total = this.total();
        const score = Math.max(0, Math.round(100 - total));
        const byScore = gradeForScore(score);
        const cap = this.critical > 0 ? 'D' : this.high > 0 ? 'C' : undefined;
        const grade = cap !== undefined && gradeRank(cap) > gradeRank(byScore) ? cap : byScore;
        return { score, grade };
    }
}
/**
 * The fewest rule fixes that lift the grade to `target`, in the order to make them.
 *
 * Caps come first: a production critical finding holds the grade at D and a high one at C
 * whatever the score, so reaching C or better means fixing every critical one, and B or better
 * every high one: those are the first steps, whatever their penalty (only the capping findings of
 * a rule, when its lower ones may stay). Then points: penalties add up rule by rule, so taking the
 * rules with the largest penalties first needs the fewest rules. Finishing a rule already in the
 * plan costs no extra step, so those come before any new rule, but only as far as the target
 * needs them. Undefined when the grade already is `target` or better. A pure function.
 */
function planToGrade(findings, target) {
    const initial = new Tally(findings);
    const start = initial.result();
    if (gradeRank(start.grade) <= gradeRank(target))
        return undefined;
    const reached = (t) => gradeRank(t.result().grade) <= gradeRank(target);
    // 1. Caps, heaviest rule first.
    const capFloor = gradeRank(target) < gradeRank('C') ? 'high' : gradeRank(target) < gradeRank('D') ? 'critical' : undefined;
    const capping = new Map();
    if (capFloor) {
        for (const f of findings) {
            if (isReducedRole(f.role) || !atLeast(f.severity, capFloor))
                continue;
            const list = capping.get(f.ruleId);
            if (list)
                list.push(f);
            else
                capping.set(f.ruleId, [f]);
        }
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
            points: Math.round((before - replay.total()) * 10) / 10,
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
    return p.reducedCount > 0 ? `${base} (${p.reducedCount} in test/dev files, reduced weight)` : base;
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
    const capAt = f.severity === 'critical' ? 'D' : 'C';
    const what = f.allOfRule
        ? plural(f.findings.length, 'finding')
        : plural(f.findings.length, `${f.severity === 'critical' ? 'critical' : 'high or critical'} finding`);
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
        cap: g.cap ? { grade: g.cap.grade, reason: g.cap.reason } : null,
        penalties: g.penalties.map((p) => ({ ...p })),
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
            points: f.points,
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
const MAX_PLAN_LOCATIONS = 3;
/** Planned fixes listed before "and N more": a plan that long is a rewrite, not a shortlist. */
const MAX_PLAN_FIXES = 10;
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
/** "Fastest way to grade B": the shortest list of fixes to the next grade (and to pass, when that is further). */
function planMarkdown(report, inert) {
    const plans = gradePlans(report);
    const lines = [];
    if (plans.next)
        lines.push('', ...planSection(report, inert, plans.next, `Fastest way to grade ${plans.next.target}`));
    if (plans.toPass)
        lines.push('', describeToPass(report, plans.toPass));
    return lines;
}
function planSection(report, inert, plan, title) {
    const lines = [
        `### ${title}`,
        '',
        `Fix ${plural(plan.fixes.length, 'rule')}, in this order (fewest fixes; a critical or high finding in a production file caps the grade until it is fixed):`,
        '',
        '| # | Rule | Fix | Where | Points | Then |',
        '| ---: | --- | --- | --- | ---: | --- |',
    ];
    plan.fixes.slice(0, MAX_PLAN_FIXES).forEach((f, i) => {
        const link = `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) \`${f.name}\``;
        const where = f.findings.slice(0, MAX_PLAN_LOCATIONS).map((x) => `${inert(x.path)}:${x.line}`);
        if (f.findings.length > MAX_PLAN_LOCATIONS)
            where.push(`+${f.findings.length - MAX_PLAN_LOCATIONS} more`);
        lines.push(`| ${i + 1} | ${link} | ${describeFix(f)} | ${where.join(', ')} | +${formatNumber(f.points)} | score ${formatNumber(f.scoreAfter)}, grade ${f.gradeAfter} |`);
    });
    const more = plan.fixes.length - MAX_PLAN_FIXES;
    if (more > 0)
        lines.push('', `_${plural(more, 'more rule')} to fix after these; the JSON report lists every step._`);
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
function headSection(report, notes) {
    const { grade, verdict, tool } = report;
    const lines = [];
    const icon = verdict.passed ? '✅' : '❌';
    lines.push(`## ${icon} ${tool.name}: grade ${grade.grade}, score ${formatNumber(grade.score)}/100, ${verdict.passed ? 'passed' : 'failed'}`, '', `**Threshold:** ${describeThreshold(report.threshold)}.`);
    if (verdict.reasons.length > 0) {
        lines.push('', '**Why it failed:**', '', ...verdict.reasons.map((r) => `- ${capitalize(r)}.`));
    }
    if (notes.length > 0)
        lines.push('', '### Changes under review', '', ...notes.map((n) => `- ${noteLine(n)}`));
    const context = contextMarkdown(report, escapeMarkdown);
    if (context.length > 0)
        lines.push('', ...context);
    const rows = FAMILIES.map((family) => {
        const ofFamily = report.findings.filter((f) => f.family === family);
        const cells = SEVERITIES_DESC.map((s) => String(ofFamily.filter((f) => f.severity === s).length));
        return `| ${family} | ${cells.join(' | ')} | ${ofFamily.length} |`;
    });
    const totals = SEVERITIES_DESC.map((s) => `**${report.counts[s]}**`);
    lines.push('', '### Findings by family and severity', '', `| Family | ${SEVERITIES_DESC.map((s) => `${SEVERITY_ICON[s]} ${capitalize(s)}`).join(' | ')} | Total |`, '| --- | ---: | ---: | ---: | ---: | ---: |', ...rows, `| **All** | ${totals.join(' | ')} | **${report.findings.length}** |`);
    lines.push('', `### How the score was reached`, '');
    const penalties = sortedPenalties(grade.penalties);
    if (penalties.length === 0) {
        lines.push('No findings: nothing was taken from 100.');
    }
    else {
        lines.push('| Rule | Severity | Findings | Points |', '| --- | --- | --- | ---: |', '| Start | | | 100 |');
        for (const p of penalties) {
            const link = `[${p.ruleId}](${ruleDocsUrl(tool, p.name)}) \`${p.name}\``;
            lines.push(`| ${link} | ${SEVERITY_ICON[p.severity]} ${p.severity} | ${describePenaltyCount(p)} | −${formatNumber(p.penalty)} |`);
        }
        lines.push(`| **Score** | | | **${formatNumber(grade.score)}** (grade ${grade.uncappedGrade}) |`);
    }
    if (grade.cap)
        lines.push('', `> Grade capped at **${grade.cap.grade}**: ${grade.cap.reason} (the score alone gives ${grade.uncappedGrade}).`);
    const weights = SEVERITIES_DESC.map((s) => `${s} ${SEVERITY_WEIGHT[s]}`).join(', ');
    lines.push('', `Grading v${grade.version}: each rule that fires takes its severity's weight once (${weights}) ` +
        'plus a little for repeats; findings in test and development files count at a reduced weight. ' +
        'Fix the top rows first to gain the most.');
    lines.push(...planMarkdown(report, escapeMarkdown));
    return lines.join('\n');
}
function findingRow(report, f, isNew = false) {
    const rule = `[${f.ruleId}](${ruleDocsUrl(report.tool, f.name)}) \`${f.name}\``;
    return `| ${isNew ? '🆕 ' : ''}${SEVERITY_ICON[f.severity]} ${f.severity} | ${rule} | ${escapeMarkdown(f.path)}:${f.line} | ${escapeMarkdown(f.message)} |`;
}
function skippedRow(s) {
    return `| ${escapeMarkdown(s.path)} | ${escapeMarkdown(s.reason)} |`;
}
function findingsSection(total, rows, newCount) {
    const heading = newCount === undefined ? `${total}` : `${total}, ${newCount} new`;
    const lines = [`### Findings (${heading})`, ''];
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
    const findingRows = findings.map((f, i) => findingRow(report, f, i < newOnes.length));
    const skippedRows = report.skipped.map(skippedRow);
    const head = headSection(report, options.notes ?? []);
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
            precision: meta.precision,
        },
    };
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
        properties: { severity: f.severity, family: f.family, role: f.role },
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

export { SEVERITIES_DESC as S, plural as a, describePenaltyCount as b, gradePlans as c, describeThreshold as d, describeToPass as e, formatNumber as f, guardCommandLines as g, describeFix as h, sortedFindings as i, escapeProperty as j, escapeData as k, renderSarifReport as l, sarifCapNote as m, renderJson as n, printable as p, renderMarkdown as r, sortedPenalties as s };
