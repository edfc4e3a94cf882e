import { s as severityRank, S as SEVERITIES } from './severity.js';
import { c as confidenceRank } from './confidence.js';
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

/** Grading model version 2 (README, "Grading"). */
const GRADING_VERSION = 2;
/** How bad a weakness would be. */
const SEVERITY_WEIGHT = { critical: 40, high: 20, medium: 8, low: 2 };
/** How sure the finding is: a finding the file cannot prove weighs a fraction. */
const CONFIDENCE_FACTOR = { high: 1, medium: 0.6, low: 0.2 };
/** Test and local-development files: the weakness is real but does not reach production. */
const REDUCED_FACTOR = 0.25;
/** Each doubling of a rule's findings adds this share of its heaviest finding's weight... */
const REPEAT_STEP = 0.1;
/** ...up to this share: a rule never costs more than 1.5 times its heaviest finding, however large the app. */
const REPEAT_MAX = 0.5;
/** Gaps (see isFlaw) together take at most this much: on their own they leave a score of 70, grade C. */
const GAP_LIMIT = 30;
/**
 * The grade a flaw holds the score's grade down to, by severity and confidence: a confident
 * critical (an insecure cluster, an unverified JWT) fails outright, a confident high caps at D.
 */
const FLAW_CAP = {
    critical: { high: 'F', medium: 'D' },
    high: { high: 'D', medium: 'C' },
};
const GRADE_FLOORS = [
    ['A', 90],
    ['B', 80],
    ['C', 70],
    ['D', 60],
];
function isReducedRole(role) {
    return role === 'test' || role === 'development';
}
/**
 * A flaw: a high or critical finding in a production file that is not low confidence. Flaws cap
 * the grade and their penalties add up without limit. Everything else is a gap (a medium or low
 * hardening gap, a low-confidence review item, a finding in test or development code): gaps
 * weigh together at most GAP_LIMIT and never cap.
 */
function isFlaw(f) {
    return !isReducedRole(f.role) && severityRank(f.severity) >= severityRank('high') && f.confidence !== 'low';
}
/** The grade this finding holds the grade down to, if it caps at all. */
function capOf(f) {
    if (!isFlaw(f))
        return undefined;
    return FLAW_CAP[f.severity][f.confidence];
}
function findingWeight(f) {
    return SEVERITY_WEIGHT[f.severity] * CONFIDENCE_FACTOR[f.confidence] * (isReducedRole(f.role) ? REDUCED_FACTOR : 1);
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
/** The worse of two grades. */
function worseGrade(a, b) {
    return b !== undefined && gradeRank(b) > gradeRank(a) ? b : a;
}
/**
 * One rule's penalty: its heaviest finding's weight, plus REPEAT_STEP of it per doubling of the
 * count, at most REPEAT_MAX more: ten copies cost 1.33 times one, a thousand 1.5 times. Size does
 * not decide the grade.
 */
function rulePenalty(weights) {
    if (weights.length === 0)
        return 0;
    const max = Math.max(...weights);
    return max * (1 + Math.min(REPEAT_MAX, REPEAT_STEP * Math.log2(weights.length)));
}
const round1 = (n) => Math.round(n * 10) / 10;
/** A rule's line of "how the score was reached", from its findings (at least one). */
function scoreRule(list) {
    const first = list[0];
    let heaviest = first;
    for (const f of list)
        if (findingWeight(f) > findingWeight(heaviest))
            heaviest = f;
    const severity = list.reduce((s, f) => (severityRank(f.severity) > severityRank(s) ? f.severity : s), 'low');
    const confidence = list.reduce((c, f) => (confidenceRank(f.confidence) > confidenceRank(c) ? f.confidence : c), 'low');
    return {
        ruleId: first.ruleId,
        name: first.name,
        severity,
        confidence,
        count: list.length,
        reducedCount: list.filter((f) => isReducedRole(f.role)).length,
        lowConfidenceCount: list.filter((f) => f.confidence === 'low').length,
        kind: list.some(isFlaw) ? 'flaw' : 'gap',
        penalty: round1(rulePenalty(list.map(findingWeight))),
    };
}
/** The score from the rules' penalties: flaws in full, gaps up to GAP_LIMIT together. */
function scoreOf(penalties) {
    let flaws = 0;
    let gaps = 0;
    for (const p of penalties) {
        if (p.kind === 'flaw')
            flaws += p.penalty;
        else
            gaps += p.penalty;
    }
    return { score: Math.max(0, Math.round(100 - flaws - Math.min(GAP_LIMIT, gaps))), gaps: round1(gaps) };
}
/** The worst cap among the findings, naming the rules that hold it (each with its count of capping findings). */
function capFor(findings) {
    let worst;
    const byRule = new Map();
    for (const f of findings) {
        const cap = capOf(f);
        if (cap === undefined)
            continue;
        if (worst === undefined || gradeRank(cap) > gradeRank(worst)) {
            worst = cap;
            byRule.clear();
        }
        if (cap !== worst)
            continue;
        const entry = byRule.get(f.ruleId);
        if (entry)
            entry.count++;
        else
            byRule.set(f.ruleId, { name: f.name, severity: f.severity, count: 1 });
    }
    if (worst === undefined)
        return undefined;
    const rules = [...byRule.entries()]
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([ruleId, r]) => ({ ruleId, name: r.name, severity: r.severity, count: r.count }));
    const named = rules.map((r) => `${r.ruleId} ${r.name} (${r.severity}, ${r.count} ${r.count === 1 ? 'place' : 'places'})`);
    const reason = `${named.join(', ')} ${named.length === 1 ? 'caps' : 'cap'} the grade at ${worst}`;
    return { grade: worst, reason, rules };
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
    const penalties = [...byRule.values()].map(scoreRule);
    penalties.sort((a, b) => b.penalty - a.penalty || a.ruleId.localeCompare(b.ruleId));
    const { score, gaps } = scoreOf(penalties);
    const uncappedGrade = gradeForScore(score);
    const cap = capFor(findings);
    // The cap is reported only where it lowered the grade the score alone would give.
    const applied = cap !== undefined && gradeRank(cap.grade) > gradeRank(uncappedGrade) ? cap : undefined;
    return {
        version: GRADING_VERSION,
        score,
        grade: applied ? applied.grade : uncappedGrade,
        uncappedGrade,
        cap: applied,
        penalties,
        gaps: { total: gaps, limit: GAP_LIMIT, counted: Math.min(GAP_LIMIT, gaps) },
    };
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

export { CONFIDENCE_FACTOR as C, GAP_LIMIT as G, NO_SUPPRESSIONS as N, REDUCED_FACTOR as R, SEVERITY_WEIGHT as S, TOOL_NAME as T, TOOL_VERSION as a, actionTool as b, capOf as c, scoreOf as d, gradeForScore as e, compareFindings as f, gradeRank as g, REPEAT_MAX as h, TOOL_URI as i, summariseSuppressions as j, countBySeverity as k, gradeFindings as l, ruleDocsUrl as r, scoreRule as s, worseGrade as w };
