import { readFile } from 'node:fs/promises';

/** Where `flask-crdb-gate baseline` writes when neither --output nor the config names a file. */
const DEFAULT_BASELINE_FILE = '.flask-crdb-gate-baseline.json';
const BASELINE_VERSION = 1;
class BaselineError extends Error {
    name = 'BaselineError';
}
const byString = (a, b) => (a < b ? -1 : a > b ? 1 : 0);
function compareEntries(a, b) {
    return byString(a.path, b.path) || byString(a.ruleId, b.ruleId) || byString(a.fingerprint, b.fingerprint);
}
/** A baseline of every given finding. */
function createBaseline(findings, tool, now) {
    return {
        version: BASELINE_VERSION,
        tool: { name: tool.name, version: tool.version },
        createdAt: now.toISOString(),
        findings: findings
            .map((f) => ({ fingerprint: f.fingerprint, ruleId: f.ruleId, path: f.path }))
            .sort(compareEntries),
    };
}
/** Pretty-printed, newline-terminated, one entry per line group: reviewable in a pull request. */
function renderBaseline(baseline) {
    return `${JSON.stringify(baseline, null, 2)}\n`;
}
/** Validates a baseline file's text; `file` names it in errors. */
function parseBaseline(text, file) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (e) {
        throw new BaselineError(`${file}: not a baseline file (invalid JSON: ${e.message})`);
    }
    const bad = (what) => {
        throw new BaselineError(`${file}: not a baseline file (${what}); write one with \`flask-crdb-gate baseline\``);
    };
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        return bad('expected a JSON object');
    const o = data;
    if (o['version'] !== BASELINE_VERSION)
        return bad(`version must be ${BASELINE_VERSION}, got ${JSON.stringify(o['version'])}`);
    if (!Array.isArray(o['findings']))
        return bad('"findings" must be a list');
    const tool = o['tool'];
    const findings = [];
    o['findings'].forEach((entry, i) => {
        const e = entry;
        if (typeof e !== 'object' ||
            e === null ||
            typeof e['fingerprint'] !== 'string' ||
            typeof e['ruleId'] !== 'string' ||
            typeof e['path'] !== 'string')
            bad(`findings[${i}] needs string "fingerprint", "ruleId" and "path"`);
        else
            findings.push({ fingerprint: e['fingerprint'], ruleId: e['ruleId'], path: e['path'] });
    });
    return {
        version: BASELINE_VERSION,
        tool: {
            name: typeof tool?.['name'] === 'string' ? tool['name'] : 'unknown',
            version: typeof tool?.['version'] === 'string' ? tool['version'] : 'unknown',
        },
        createdAt: typeof o['createdAt'] === 'string' ? o['createdAt'] : '',
        findings,
    };
}
/** Reads and validates a baseline file. `shown` is how messages name it. */
async function readBaseline(absPath, shown) {
    let text;
    try {
        text = await readFile(absPath, 'utf8');
    }
    catch (e) {
        const code = e.code;
        throw new BaselineError(code === 'ENOENT'
            ? `baseline file not found: ${shown} (write one with \`flask-crdb-gate baseline\`)`
            : `baseline file ${shown} could not be read: ${code ?? String(e)}`);
    }
    return parseBaseline(text, shown);
}
/**
 * Marks each finding `existing` when the baseline holds its fingerprint, else `new`. An entry
 * matches one finding at most; entries nothing matches are stale. Fingerprints hash the rule, the
 * path and the code of the finding's lines, not the line number: moved code stays recognised.
 */
function applyBaseline(findings, baseline, file) {
    const unmatched = new Map();
    for (const e of baseline.findings) {
        const list = unmatched.get(e.fingerprint);
        if (list)
            list.push(e);
        else
            unmatched.set(e.fingerprint, [e]);
    }
    let existing = 0;
    const marked = findings.map((f) => {
        const list = unmatched.get(f.fingerprint);
        if (list && list.length > 0) {
            list.pop();
            existing++;
            return { ...f, state: 'existing' };
        }
        return { ...f, state: 'new' };
    });
    const stale = [...unmatched.values()].flat().sort(compareEntries);
    return {
        findings: marked,
        summary: { file, entries: baseline.findings.length, existing, new: marked.length - existing, stale },
    };
}

export { BASELINE_VERSION, BaselineError, DEFAULT_BASELINE_FILE, applyBaseline, createBaseline, parseBaseline, readBaseline, renderBaseline };
