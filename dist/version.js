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

/**
 * Where a report's rule links point: the docs pages of the code that actually runs. The CLI's
 * bundle knows the repository package.json names (inlined at build time); inside the action the
 * runner says which repository and ref it checked the action out from (GITHUB_ACTION_REPOSITORY,
 * GITHUB_ACTION_REF), so a fork or a pinned tag links to its own pages, never a dead one.
 */
const DEFAULT_DOCS_REF = 'main';
/**
 * The web page of package.json's `repository` (a string or `{ url }`), as npm accepts it:
 * `git+https://github.com/o/r.git`, `https://github.com/o/r`, `git@github.com:o/r.git`,
 * `github:o/r` or `o/r`. Undefined when it names no repository.
 */
function repositoryWebUrl(field) {
    const raw = typeof field === 'string' ? field : field?.url;
    if (typeof raw !== 'string' || raw.trim() === '')
        return undefined;
    let url = raw.trim().replace(/^git\+/, '');
    const ssh = /^(?:ssh:\/\/)?git@([^:/]+)[:/](.+)$/.exec(url);
    if (ssh)
        url = `https://${ssh[1]}/${ssh[2]}`;
    const short = /^(?:github:)?([\w.-]+\/[\w.-]+)$/.exec(url);
    if (short)
        url = `https://github.com/${short[1]}`;
    url = url
        .replace(/^git:\/\//, 'https://')
        .replace(/\.git$/, '')
        .replace(/\/+$/, '');
    return /^https?:\/\/[^/]+\/[^/]+\/[^/]+$/.test(url) ? url : undefined;
}
/** A ref as URL path segments: `v1`, `release/2.x` (slashes kept, each segment encoded). */
function refPath(ref) {
    return ref.split('/').map(encodeURIComponent).join('/');
}
/** The rule's docs page (docs/rules/<name>.md) at the tool's repository and ref. */
function ruleDocsUrl(tool, ruleName) {
    const base = tool.informationUri.replace(/\/+$/, '');
    return `${base}/blob/${refPath(tool.docsRef || DEFAULT_DOCS_REF)}/docs/rules/${encodeURIComponent(ruleName)}.md`;
}
/**
 * The tool as the action runs it: the repository and ref the runner checked the action out from,
 * when it says (a `uses: owner/repo@ref` step); otherwise the tool as built (`uses: ./`, a local
 * run). GITHUB_SERVER_URL keeps links on a GitHub Enterprise Server host.
 */
function actionTool(tool, env) {
    const repository = env['GITHUB_ACTION_REPOSITORY']?.trim();
    if (!repository || !/^[\w.-]+\/[\w.-]+$/.test(repository))
        return tool;
    const server = (env['GITHUB_SERVER_URL']?.trim() || 'https://github.com').replace(/\/+$/, '');
    const ref = env['GITHUB_ACTION_REF']?.trim();
    return {
        ...tool,
        informationUri: `${server}/${repository}`,
        ...(ref ? { docsRef: ref } : { docsRef: DEFAULT_DOCS_REF }),
    };
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

var repository = {
	type: "git",
	url: "git+https://github.com/flask-crdb-gate/flask-crdb-gate.git"
};
var pkg = {
	repository: repository};

// package.json is inlined by the bundler at build time: the bundle never reads it at run time.
/** Kept equal to package.json's version by a test. */
const TOOL_NAME = 'flask-crdb-gate';
const TOOL_VERSION = '0.1.0';
/** The repository package.json names: the SARIF `informationUri` and the base of every rule link. */
const TOOL_URI = (() => {
    const url = repositoryWebUrl(pkg.repository);
    if (url === undefined)
        throw new Error('package.json must name the repository (its "repository" field)');
    return url;
})();

export { NO_SUPPRESSIONS as N, REDUCED_FACTOR as R, SEVERITY_WEIGHT as S, TOOL_NAME as T, TOOL_VERSION as a, actionTool as b, rulePenalty as c, gradeForScore as d, compareFindings as e, TOOL_URI as f, gradeRank as g, countBySeverity as h, isReducedRole as i, gradeFindings as j, ruleDocsUrl as r, summariseSuppressions as s };
