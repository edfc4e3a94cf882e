import { r as redactCredentials } from './redact.js';
import { r as readOwnFile, a as MAX_BASELINE_BYTES, O as OwnFileError } from './own-file.js';

/**
 * A short, quoted, redacted excerpt of text the tool did not expect (an unknown key, a bad baseline
 * entry) for a message: at most `max` characters, credentials masked, JSON-quoted so quotes and
 * control characters are escaped and nothing in it can start a line.
 */
function excerpt(s, max = 40) {
    const redacted = redactCredentials(s);
    const cut = [...redacted];
    const short = cut.length > max ? `${cut.slice(0, max - 1).join('')}…` : redacted;
    return JSON.stringify(short);
}

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
/** What `flask-crdb-gate baseline` writes: rule ids, and fingerprints as src/engine/fingerprint.ts makes them. */
const RULE_ID = /^FCG\d{3}$/;
const FINGERPRINT = /^[0-9a-f]{32}:\d{1,9}$/;
/** Longer than any path a repository holds (PATH_MAX is 4096 bytes). */
const MAX_PATH_CHARS = 4096;
/**
 * Validates a baseline file's text; `file` names it in errors. The file sits in the repository, so
 * a pull request may have written it: every entry must have the shape the tool writes (an `FCGnnn`
 * rule id, a 32-hex-digit fingerprint with its occurrence, a path without control characters), and
 * a message quotes a bad value only as a short escaped excerpt.
 */
function parseBaseline(text, file) {
    let data;
    try {
        // A byte-order mark is no JSON, but editors on Windows write one; the configuration accepts it too.
        data = JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
    }
    catch (e) {
        // Not V8's message: it quotes the text around the error, which need not be a baseline at all.
        const at = /position (\d+)/.exec(e.message)?.[1];
        throw new BaselineError(`${file}: not a baseline file (invalid JSON${at ? ` at character ${at}` : ''})`);
    }
    const bad = (what) => {
        throw new BaselineError(`${file}: not a baseline file (${what}); write one with \`flask-crdb-gate baseline\``);
    };
    if (typeof data !== 'object' || data === null || Array.isArray(data))
        return bad('expected a JSON object');
    const o = data;
    if (o['version'] !== BASELINE_VERSION)
        return bad(`version must be ${BASELINE_VERSION}, got ${describeVersion(o['version'])}`);
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
            return bad(`findings[${i}] needs string "fingerprint", "ruleId" and "path"`);
        const { fingerprint, ruleId, path } = e;
        if (!RULE_ID.test(ruleId))
            return bad(`findings[${i}].ruleId must be a rule id such as FCG101, got ${excerpt(ruleId)}`);
        if (!FINGERPRINT.test(fingerprint))
            return bad(`findings[${i}].fingerprint must be 32 hex digits, ':' and a number, got ${excerpt(fingerprint)}`);
        // eslint-disable-next-line no-control-regex
        if (path === '' || path.length > MAX_PATH_CHARS || /[\u0000-\u001f\u007f-\u009f]/.test(path))
            return bad(`findings[${i}].path must be a file path without control characters, got ${excerpt(path)}`);
        findings.push({ fingerprint, ruleId, path });
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
function describeVersion(v) {
    return typeof v === 'number' ? String(v) : v === undefined ? 'nothing' : excerpt(JSON.stringify(v), 20);
}
/**
 * Reads and validates a baseline file. `shown` is how messages name it; `within`, when set, is
 * the directory it must stay inside once links are resolved (one named from the scanned tree).
 */
async function readBaseline(absPath, shown, within) {
    let text;
    try {
        text = readOwnFile(absPath, { shown, maxBytes: MAX_BASELINE_BYTES, within });
    }
    catch (e) {
        if (!(e instanceof OwnFileError))
            throw e;
        throw new BaselineError(e.missing
            ? `baseline file not found: ${shown} (write one with \`flask-crdb-gate baseline\`)`
            : `baseline file ${shown} ${e.reason}`);
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

var baseline = /*#__PURE__*/Object.freeze({
    __proto__: null,
    BASELINE_VERSION: BASELINE_VERSION,
    BaselineError: BaselineError,
    DEFAULT_BASELINE_FILE: DEFAULT_BASELINE_FILE,
    applyBaseline: applyBaseline,
    createBaseline: createBaseline,
    parseBaseline: parseBaseline,
    readBaseline: readBaseline,
    renderBaseline: renderBaseline
});

export { DEFAULT_BASELINE_FILE as D, applyBaseline as a, renderBaseline as b, createBaseline as c, baseline as d, excerpt as e, readBaseline as r };
