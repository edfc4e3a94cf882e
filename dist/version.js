import { s as severityRank, S as SEVERITIES } from './severity.js';
import { a as GRADES } from './types.js';

const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
/** Severity desc, then path, line, column, rule: the order every report shows. */
function compareFindings(a, b) {
    return (severityRank(b.severity) - severityRank(a.severity) ||
        byString(a.path, b.path) ||
        a.line - b.line ||
        a.column - b.column ||
        byString(a.ruleId, b.ruleId));
}

/** Grading model version 1 (README, "Grading"). */
const SEVERITY_WEIGHT = { critical: 40, high: 20, medium: 8, low: 2 };
/** Test and local-development files: the weakness is real but does not reach production. */
const REDUCED_FACTOR = 0.25;
const GRADE_FLOORS = [
    ['A', 90],
    ['B', 80],
    ['C', 70],
    ['D', 60],
];
function isReducedRole(role) {
    return role === 'test' || role === 'development';
}
function gradeForScore(score) {
    for (const [grade, floor] of GRADE_FLOORS)
        if (score >= floor)
            return grade;
    return 'F';
}
function gradeRank(g) {
    return GRADES.indexOf(g); // 0 = A (best)
}
/**
 * One rule's penalty: its heaviest finding once, plus the mean weight times log2(count), so a
 * misconfiguration copied ten times costs about 4x one copy, not 10x, and never outweighs ten
 * different weaknesses.
 */
function rulePenalty(weights) {
    if (weights.length === 0)
        return 0;
    const max = Math.max(...weights);
    const mean = weights.reduce((a, b) => a + b, 0) / weights.length;
    return max + mean * Math.log2(weights.length);
}
function gradeFindings(findings) {
    const byRule = new Map();
    for (const f of findings) {
        const list = byRule.get(f.ruleId);
        if (list)
            list.push(f);
        else
            byRule.set(f.ruleId, [f]);
    }
    const penalties = [];
    for (const [ruleId, list] of byRule) {
        const weights = list.map((f) => SEVERITY_WEIGHT[f.severity] * (isReducedRole(f.role) ? REDUCED_FACTOR : 1));
        const severity = list.reduce((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), 'low');
        penalties.push({
            ruleId,
            name: list[0].name,
            severity,
            count: list.length,
            reducedCount: list.filter((f) => isReducedRole(f.role)).length,
            penalty: Math.round(rulePenalty(weights) * 10) / 10,
        });
    }
    penalties.sort((a, b) => b.penalty - a.penalty || a.ruleId.localeCompare(b.ruleId));
    const total = penalties.reduce((sum, p) => sum + p.penalty, 0);
    const score = Math.max(0, Math.round(100 - total));
    const uncappedGrade = gradeForScore(score);
    // Caps count only findings that reach production: a critical in a test fixture lowers the
    // score a little but does not cap the grade.
    const production = findings.filter((f) => !isReducedRole(f.role));
    let cap;
    const critical = production.filter((f) => f.severity === 'critical').length;
    const high = production.filter((f) => f.severity === 'high').length;
    if (critical > 0)
        cap = { grade: 'D', reason: `${critical} critical finding${critical === 1 ? ' caps' : 's cap'} the grade at D` };
    else if (high > 0)
        cap = { grade: 'C', reason: `${high} high finding${high === 1 ? ' caps' : 's cap'} the grade at C` };
    // The cap is reported only where it lowered the grade the score alone would give.
    const applied = cap !== undefined && gradeRank(cap.grade) > gradeRank(uncappedGrade) ? cap : undefined;
    return { version: 1, score, grade: applied ? applied.grade : uncappedGrade, uncappedGrade, cap: applied, penalties };
}
function countBySeverity(findings) {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    for (const f of findings)
        counts[f.severity]++;
    return counts;
}

const NO_SUPPRESSIONS = { used: 0, withoutReason: 0, unused: [] };
function summariseSuppressions(records, suppressed) {
    const used = records.filter((r) => r.suppressed > 0);
    const unused = records
        .filter((r) => r.suppressed === 0 && r.reportable)
        .map((r) => ({ path: r.path, line: r.line, directive: r.directive, unknown: r.unknown }))
        .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : a.line - b.line));
    return {
        findings: suppressed.length,
        used: used.length,
        withoutReason: used.filter((r) => r.reason === undefined).length,
        unused,
    };
}

/** Kept equal to package.json's version by a test (the bundle must not read package.json). */
const TOOL_NAME = 'flask-crdb-gate';
const TOOL_VERSION = '0.1.0';
const TOOL_URI = 'https://github.com/flask-crdb-gate/flask-crdb-gate';

export { NO_SUPPRESSIONS as N, REDUCED_FACTOR as R, SEVERITY_WEIGHT as S, TOOL_NAME as T, TOOL_VERSION as a, gradeForScore as b, compareFindings as c, gradeFindings as d, TOOL_URI as e, countBySeverity as f, gradeRank as g, isReducedRole as i, rulePenalty as r, summariseSuppressions as s };
