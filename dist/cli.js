#!/usr/bin/env node
import { stat, mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { p as printable, a as plural, s as sortedFindings, e as escapeProperty, b as escapeData, g as guardCommandLines, r as renderText, c as renderMarkdown, d as blobLink, f as renderSarifReport, h as sarifCapNote, i as renderJson, t as tuneJitForBatch } from './jit.js';
import { P as PHASES } from './timing.js';
import { r as ruleDocsUrl, T as TOOL_NAME, a as TOOL_VERSION } from './version.js';
import { parseArgs } from 'node:util';
import { G as GATE_ON, a as GRADES } from './types.js';
import { S as SEVERITIES } from './severity.js';
import { s as suggest } from './suggest.js';
import { U as UsageError, e as errorMessage } from './errors.js';
import './confidence.js';
import 'node:url';
import 'node:zlib';
import 'node:v8';

function isClosedPipe(err) {
    const code = err.code;
    return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
}
/**
 * A writer for the stream that ignores a closed pipe; any other error still surfaces (rethrown
 * from the listener, as Node would have without one).
 */
function pipeSafeWriter(stream) {
    let closed = false;
    stream.on('error', (err) => {
        if (!isClosedPipe(err))
            throw err;
        closed = true;
    });
    return (s) => {
        if (!closed)
            stream.write(s);
    };
}

const TIMING_ENV = 'FLASK_CRDB_GATE_TIMING';
const DEFAULT_TOP = 10;
/**
 * The request from the flag and the environment, as ESLint reads TIMING: `1` (or any other
 * value) for the ten slowest rules, a number for that many, `all` for every rule, `json` for the
 * numbers as one JSON object (what `npm run bench` records). Unset or `0` and no flag: none.
 */
function timingRequest(flag, env) {
    const value = env?.trim().toLowerCase();
    if (value === 'json')
        return { format: 'json' };
    if (value === 'all')
        return { format: 'table', top: Number.POSITIVE_INFINITY };
    if (value && /^\d+$/.test(value) && value !== '0')
        return { format: 'table', top: Number(value) };
    if (value && value !== '0' && value !== 'false')
        return { format: 'table', top: DEFAULT_TOP };
    return flag ? { format: 'table', top: DEFAULT_TOP } : undefined;
}
function ms(n) {
    return n >= 100 ? n.toFixed(0) : n.toFixed(1);
}
/**
 * The phases in run order and the slowest rules, each with its share. Per-file phases are thread
 * time summed over the workers, so on a pooled scan they add up to more than the wall time.
 */
function formatTimings(t, top) {
    const lines = [];
    const phaseTotal = Object.values(t.phases).reduce((a, b) => a + b, 0) || 1;
    lines.push('Phase        Time (ms)  Relative');
    for (const p of PHASES) {
        const v = t.phases[p];
        if (v === undefined)
            continue;
        lines.push(`${p.padEnd(11)} ${ms(v).padStart(10)}  ${((100 * v) / phaseTotal).toFixed(1).padStart(7)}%`);
    }
    const rules = Object.entries(t.rules).sort((a, b) => b[1] - a[1]);
    const shown = Number.isFinite(top) ? rules.slice(0, top) : rules;
    if (shown.length > 0) {
        const ruleTotal = rules.reduce((a, [, v]) => a + v, 0) || 1;
        const width = Math.max(4, ...shown.map(([k]) => k.length));
        lines.push('');
        lines.push(`${'Rule'.padEnd(width)}  Time (ms)  Relative`);
        for (const [k, v] of shown)
            lines.push(`${k.padEnd(width)} ${ms(v).padStart(10)}  ${((100 * v) / ruleTotal).toFixed(1).padStart(7)}%`);
    }
    const { bytesRead, bytesScanned } = t.counts;
    if (bytesRead !== undefined || bytesScanned !== undefined) {
        lines.push('');
        lines.push(`Bytes read ${bytesRead ?? 0}, bytes scanned ${bytesScanned ?? 0}`);
    }
    return `${lines.join('\n')}\n`;
}
/** The numbers as one JSON line, rounded to 0.1 ms. */
function timingsJson(t) {
    const round = (r) => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, Math.round(v * 10) / 10]));
    return `${JSON.stringify({ timing: { phases: round(t.phases), rules: round(t.rules), counts: t.counts } })}\n`;
}

const SEVERITY_SGR = { critical: '1;35', high: '1;31', medium: '33', low: '36' };
/** The findings in file order, by position. */
function inFileOrder(findings) {
    return [...findings].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0) ||
        a.line - b.line ||
        a.column - b.column ||
        (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0));
}
/**
 * One line per finding, `path:line:col: FCGnnn message` (Ruff's `concise`), which editors,
 * terminals and `grep` read as a location; then one closing line with the count and the verdict.
 */
function renderConcise(report, options) {
    const paint = (sgr, s) => (options.color ? `\u001b[${sgr}m${s}\u001b[0m` : s);
    const lines = inFileOrder(report.findings).map((f) => {
        const where = `${printable(options.display(f.path))}:${f.line}:${f.column}:`;
        // Confidence only where it is below high: most lines stay `path:line:col: FCGnnn message`.
        const sure = f.confidence === 'high' ? '' : ` (${f.confidence} confidence)`;
        return `${paint('1', where)} ${paint(SEVERITY_SGR[f.severity], f.ruleId)} ${printable(f.message)}${sure}`;
    });
    if (!options.quiet) {
        const { grade, verdict } = report;
        const summary = `${plural(report.findings.length, 'finding')}; grade ${grade.grade}, score ${grade.score}/100`;
        lines.push(verdict.passed
            ? `Found ${summary}: passed.`
            : `Found ${summary}: failed (${verdict.reasons.map(printable).join('; ')}).`);
    }
    return lines.length > 0 ? `${lines.join('\n')}\n` : '';
}

/**
 * A finding's path from the top of its repository (the scanned directory's prefix put back), as
 * CI systems place findings: GitHub annotations, GitLab code quality, reviewdog, JUnit.
 */
function repoPath(report, f) {
    const prefix = report.repoPrefix.replace(/\/*$/, '/');
    return prefix === '/' ? f.path : `${prefix}${f.path}`;
}

/** The workflow command per severity, as the action's annotations use them. */
const COMMAND = {
    critical: 'error',
    high: 'error',
    medium: 'warning',
    low: 'notice',
};
/**
 * GitHub Actions workflow commands, one per finding (`::error file=…,line=…::message`), for the
 * CLI run in a workflow step: the runner turns each into an annotation on the file and line. The
 * properties and the message are escaped as @actions/core escapes them, so text from the scanned
 * repository cannot end the command or start another; the verdict closes the output as plain text.
 */
function renderGithub(report, verdict) {
    const lines = sortedFindings(report.findings).map((f) => {
        const props = [
            ['title', `${f.ruleId} ${f.name}`],
            ['file', repoPath(report, f)],
            ['line', f.line],
            ['endLine', f.endLine],
        ];
        // GitHub takes a column only on a single-line annotation.
        if (f.line === f.endLine)
            props.push(['col', f.column], ['endColumn', f.endColumn]);
        const properties = props.map(([k, v]) => `${k}=${escapeProperty(String(v))}`).join(',');
        return `::${COMMAND[f.severity]} ${properties}::${escapeData(`[${f.severity}, ${f.confidence} confidence] ${f.message}`)}`;
    });
    lines.push(guardCommandLines(verdict));
    return `${lines.join('\n')}\n`;
}

/** GitLab's five levels (info, minor, major, critical, blocker) for the tool's four. */
const GITLAB_SEVERITY = {
    low: 'minor',
    medium: 'major',
    high: 'critical',
    critical: 'blocker',
};
/**
 * A GitLab code quality report (`artifacts:reports:codequality`): a JSON array of issues with the
 * fields GitLab's documentation lists (description, check_name, fingerprint, severity,
 * location.path from the repository's top, location.lines.begin). GitLab shows one issue per
 * fingerprint, and a finding's fingerprint is unique within a scan.
 */
function renderGitlab(report) {
    const issues = sortedFindings(report.findings).map((f) => ({
        description: `${f.ruleId} ${f.name}: ${f.message} (${f.confidence} confidence)`,
        check_name: f.ruleId,
        fingerprint: f.fingerprint,
        severity: GITLAB_SEVERITY[f.severity],
        location: { path: repoPath(report, f), lines: { begin: f.line, end: f.endLine } },
    }));
    return `${JSON.stringify(issues, null, 2)}\n`;
}

/**
 * Text for an XML attribute or element: the five special characters as entities, and characters
 * XML 1.0 cannot carry at all (most control characters, lone surrogates) as `\xNN` / `\uNNNN`,
 * since no entity may stand for them.
 */
function xml(s) {
    return s
        .replace(
    // eslint-disable-next-line no-control-regex
    /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, (c) => c.length === 1 && c.charCodeAt(0) < 0x100
        ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
        : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)
        .replace(/&/g, '&amp;')
        .replace(/</g, '&lt;')
        .replace(/>/g, '&gt;')
        .replace(/"/g, '&quot;')
        .replace(/'/g, '&apos;')
        .replace(/\t/g, '&#9;')
        .replace(/\n/g, '&#10;')
        .replace(/\r/g, '&#13;');
}
function testcase(report, f) {
    const path = repoPath(report, f);
    const where = `${path}:${f.line}:${f.column}`;
    return (`    <testcase name="${xml(`${f.ruleId} ${f.name} at ${f.line}:${f.column}`)}" classname="${xml(path)}" time="0">\n` +
        `      <failure message="${xml(f.message)}" type="${xml(`${f.ruleId} ${f.severity}`)}">${xml(`${where}: ${f.ruleId} [${f.severity}, ${f.confidence} confidence] ${f.message}`)}</failure>\n` +
        `    </testcase>`);
}
/**
 * JUnit XML as CI systems read test reports (Jenkins, GitLab's `artifacts:reports:junit`, test
 * reporter actions): one test suite per file with findings, one failed test case per finding, and
 * one passing test case for the whole scan when nothing was found, so the report is never empty.
 * Valid against the JUnit schema Jenkins' xUnit plugin publishes (junit-10.xsd), which has no
 * file or line attribute on a test case: the location is in the case's name, class and text.
 */
function renderJunit(report) {
    const byFile = new Map();
    for (const f of report.findings) {
        const list = byFile.get(f.path);
        if (list)
            list.push(f);
        else
            byFile.set(f.path, [f]);
    }
    const seconds = (report.durationMs / 1000).toFixed(3);
    const suites = [];
    for (const path of [...byFile.keys()].sort()) {
        const list = (byFile.get(path) ?? []).sort((a, b) => a.line - b.line || a.column - b.column);
        suites.push(`  <testsuite name="${xml(repoPath(report, { path }))}" tests="${list.length}" failures="${list.length}" errors="0" skipped="0" time="0">\n` +
            `${list.map((f) => testcase(report, f)).join('\n')}\n` +
            `  </testsuite>`);
    }
    if (suites.length === 0) {
        suites.push(`  <testsuite name="${xml(report.tool.name)}" tests="1" failures="0" errors="0" skipped="0" time="${seconds}">\n` +
            `    <testcase name="${xml(`no findings in ${plural(report.filesScanned, 'file')}`)}" classname="${xml(report.tool.name)}" time="${seconds}"/>\n` +
            `  </testsuite>`);
    }
    const tests = Math.max(1, report.findings.length);
    const name = `${report.tool.name} ${report.tool.version}: grade ${report.grade.grade}, score ${report.grade.score}/100`;
    return ('<?xml version="1.0" encoding="UTF-8"?>\n' +
        `<testsuites name="${xml(name)}" tests="${tests}" failures="${report.findings.length}" errors="0" time="${seconds}">\n` +
        `${suites.join('\n')}\n` +
        '</testsuites>\n');
}

const RD_SEVERITY = {
    critical: 'ERROR',
    high: 'ERROR',
    medium: 'WARNING',
    low: 'INFO',
};
/**
 * Reviewdog's rdjson (the Reviewdog Diagnostic Format's DiagnosticResult): `reviewdog -f=rdjson`
 * posts each diagnostic on the pull request line it names. Ranges are whole lines (start and end
 * line, no column): rdjson counts columns in UTF-8 bytes, which a report cannot compute without
 * the line's text, and a line range is what reviewdog's diff filter reads.
 */
function renderRdjson(report) {
    const result = {
        source: { name: report.tool.name, url: report.tool.informationUri },
        diagnostics: sortedFindings(report.findings).map((f) => ({
            message: `[${f.severity}, ${f.confidence} confidence] ${f.message}`,
            location: {
                path: repoPath(report, f),
                range: { start: { line: f.line }, end: { line: f.endLine } },
            },
            severity: RD_SEVERITY[f.severity],
            source: { name: report.tool.name, url: report.tool.informationUri },
            code: { value: f.ruleId, url: ruleDocsUrl(report.tool, f.name) },
        })),
    };
    return `${JSON.stringify(result, null, 2)}\n`;
}

const FORMATS = ['text', 'concise', 'json', 'sarif', 'markdown', 'github', 'junit', 'gitlab', 'rdjson'];
/** The default gate when neither a flag nor the configuration file sets one: fail below C (README, "Command line"). */
const DEFAULT_FAIL_BELOW = 'C';
const COMMANDS = ['scan', 'baseline', 'rules', 'rule'];
/** Every option of every command; each command accepts those COMMAND_OPTIONS lists. */
const OPTIONS = {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'fail-below': { type: 'string' },
    'min-score': { type: 'string' },
    'fail-on-severity': { type: 'string' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    select: { type: 'string', multiple: true },
    ignore: { type: 'string', multiple: true },
    'min-severity': { type: 'string' },
    'stdin-filename': { type: 'string' },
    quiet: { type: 'boolean', short: 'q' },
    'exit-zero': { type: 'boolean' },
    'no-color': { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
    'sarif-category': { type: 'string' },
    config: { type: 'string' },
    baseline: { type: 'string' },
    'gate-on': { type: 'string' },
    timing: { type: 'boolean' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
};
const COMMAND_OPTIONS = {
    scan: [
        'format',
        'output',
        'fail-below',
        'min-score',
        'fail-on-severity',
        'include',
        'exclude',
        'select',
        'ignore',
        'min-severity',
        'stdin-filename',
        'quiet',
        'exit-zero',
        'no-color',
        'allow-empty',
        'sarif-category',
        'config',
        'baseline',
        'gate-on',
        'timing',
        'help',
        'version',
    ],
    baseline: ['output', 'include', 'exclude', 'config', 'allow-empty', 'help', 'version'],
    rules: ['format', 'help', 'version'],
    rule: ['help', 'version'],
};
/** The options of one command, in the shape parseArgs takes. */
function optionsOf(command) {
    return Object.fromEntries(COMMAND_OPTIONS[command].map((name) => [name, OPTIONS[name]]));
}
/** node:util's messages carry advice about `--` that does not apply here: keep the first sentence. */
function parseArgsMessage(err) {
    const message = errorMessage(err);
    const first = message.split(/\.\s/)[0] ?? message;
    return first.replace(/\.$/, '');
}
/**
 * An unknown option in words a user can act on: the command it belongs to when it is another
 * command's, else the nearest option of this one (`--exlude`: did you mean --exclude?).
 */
function unknownOptionMessage(err, command) {
    const code = err.code;
    const quoted = /'([^']+)'/.exec(errorMessage(err))?.[1];
    if (code !== 'ERR_PARSE_ARGS_UNKNOWN_OPTION' || quoted === undefined)
        return parseArgsMessage(err);
    const name = quoted.replace(/^-+/, '').split('=')[0] ?? '';
    const owners = COMMANDS.filter((c) => COMMAND_OPTIONS[c].includes(name));
    if (command !== undefined && owners.length > 0 && quoted.startsWith('--'))
        return `--${name} is an option of ${owners.join(' and ')}, not of ${command}`;
    const known = command !== undefined ? COMMAND_OPTIONS[command] : ['help', 'version'];
    const hint = quoted.startsWith('--') ? suggest(name, known) : undefined;
    return `unknown option '${quoted}'${hint ? ` (did you mean --${hint}?)` : ''}`;
}
/** A value that must be one of a list, with the nearest one when it is not. */
function oneOf(flag, raw, allowed, norm) {
    const v = norm(raw);
    if (allowed.includes(v))
        return v;
    const hint = suggest(raw, allowed);
    throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}; got "${raw}"${hint ? ` (did you mean ${hint}?)` : ''}`);
}
/** Repeatable, comma-separated lists (`--select FCG1,FCG2 --select auth`). */
function list(raw) {
    if (raw === undefined)
        return undefined;
    return raw
        .flatMap((r) => r.split(','))
        .map((s) => s.trim())
        .filter((s) => s !== '');
}
function parseFailBelow(raw) {
    if (raw === undefined)
        return undefined;
    const g = raw.toUpperCase();
    if (GRADES.includes(g))
        return g;
    throw new UsageError(`--fail-below must be one of ${GRADES.join(', ')}; got "${raw}"`);
}
function parseMinScore(raw) {
    if (raw === undefined)
        return undefined;
    const n = raw.trim() === '' ? NaN : Number(raw);
    if (Number.isFinite(n) && n >= 0 && n <= 100)
        return n;
    throw new UsageError(`--min-score must be a number from 0 to 100; got "${raw}"`);
}
function parseSeverity(flag, raw) {
    if (raw === undefined)
        return undefined;
    return oneOf(flag, raw, SEVERITIES, (s) => s.toLowerCase());
}
function parseGateOn(raw) {
    if (raw === undefined)
        return undefined;
    const g = raw.toLowerCase();
    if (GATE_ON.includes(g))
        return g;
    throw new UsageError(`--gate-on must be one of ${GATE_ON.join(', ')}; got "${raw}"`);
}
/** A category names the analysis in code scanning: any text but blank or with a line break. */
function isSarifCategory(raw) {
    return raw.trim() !== '' && !/[\r\n]/.test(raw);
}
function parseSarifCategory(raw) {
    if (raw === undefined)
        return undefined;
    if (isSarifCategory(raw))
        return raw.trim();
    throw new UsageError(`--sarif-category needs a name (no line breaks); got ${JSON.stringify(raw)}`);
}
function fileFlag(name, raw) {
    if (raw === '')
        throw new UsageError(`--${name} needs a file name`);
    return raw;
}
function parseFormat(raw) {
    if (raw === undefined)
        return 'text';
    return oneOf('format', raw, FORMATS, (s) => s.toLowerCase());
}
/**
 * The command (the first positional, found with every option known, so a value is not taken for
 * one) and whether help was asked for, which wins over any other mistake.
 */
function commandOf(argv) {
    const { values, positionals } = parseArgs({
        args: [...argv],
        options: OPTIONS,
        allowPositionals: true,
        strict: false,
    });
    return { first: positionals[0], help: values.help === true };
}
function strictParse(argv, command) {
    const options = command === undefined ? { help: OPTIONS.help, version: OPTIONS.version } : optionsOf(command);
    try {
        const { values, positionals } = parseArgs({ args: [...argv], options, allowPositionals: true, strict: true });
        return { values: values, positionals };
    }
    catch (err) {
        throw new UsageError(unknownOptionMessage(err, command));
    }
}
/** argv without the node and script entries. Throws UsageError. */
function parseCliArgs(argv) {
    const { first, help } = commandOf(argv);
    const command = COMMANDS.includes(first) ? first : undefined;
    if (help && (command !== undefined || first === undefined))
        return command === undefined ? { command: 'help' } : { command: 'help', topic: command };
    if (command === undefined && first !== undefined) {
        const hint = suggest(first, COMMANDS);
        throw new UsageError(`unknown command "${first}"${hint ? ` (did you mean "${hint}"?)` : ''}; commands: ${COMMANDS.join(', ')}`);
    }
    const { values: v, positionals } = strictParse(argv, command);
    const str = (name) => v[name];
    const strs = (name) => v[name];
    const bool = (name) => v[name] === true;
    if (bool('help'))
        return command === undefined ? { command: 'help' } : { command: 'help', topic: command };
    if (bool('version'))
        return { command: 'version' };
    if (command === undefined)
        throw new UsageError('missing command (try "scan")');
    const rest = positionals.slice(1);
    if (str('output') === '')
        throw new UsageError('--output needs a file name');
    const config = fileFlag('config', str('config'));
    if (command === 'rules') {
        if (rest.length > 0)
            throw new UsageError(`rules takes no argument; got ${rest.join(' ')}`);
        return {
            command: 'rules',
            format: str('format') === undefined
                ? 'text'
                : oneOf('format', str('format'), ['text', 'json'], (s) => s.toLowerCase()),
        };
    }
    if (command === 'rule') {
        if (rest.length !== 1)
            throw new UsageError('rule takes one rule id or name (FCG101, sslmode-disabled)');
        return { command: 'rule', rule: rest[0] };
    }
    if (command === 'baseline') {
        if (rest.length > 1)
            throw new UsageError(`baseline takes one PATH; got ${rest.length}: ${rest.join(' ')}`);
        return {
            command: 'baseline',
            path: rest[0] ?? '.',
            output: str('output'),
            include: strs('include') ?? [],
            exclude: strs('exclude') ?? [],
            config,
            allowEmpty: bool('allow-empty'),
        };
    }
    const paths = rest.length > 0 ? rest : ['.'];
    const stdinFilename = str('stdin-filename');
    if (paths.includes('-')) {
        if (paths.length > 1)
            throw new UsageError('- (standard input) cannot be mixed with other paths');
        if (stdinFilename === undefined || stdinFilename.trim() === '')
            throw new UsageError('reading standard input (-) needs --stdin-filename NAME: the path it is scanned as');
    }
    else if (stdinFilename !== undefined) {
        throw new UsageError('--stdin-filename names standard input: pass - as PATH');
    }
    return {
        command: 'scan',
        paths,
        stdinFilename,
        format: parseFormat(str('format')),
        output: str('output'),
        threshold: {
            failBelow: parseFailBelow(str('fail-below')),
            minScore: parseMinScore(str('min-score')),
            failOnSeverity: parseSeverity('fail-on-severity', str('fail-on-severity')),
        },
        include: strs('include') ?? [],
        exclude: strs('exclude') ?? [],
        select: list(strs('select')),
        ignore: list(strs('ignore')) ?? [],
        minSeverity: parseSeverity('min-severity', str('min-severity')),
        quiet: bool('quiet'),
        exitZero: bool('exit-zero'),
        noColor: bool('no-color'),
        config,
        baseline: fileFlag('baseline', str('baseline')),
        gateOn: parseGateOn(str('gate-on')),
        allowEmpty: bool('allow-empty'),
        sarifCategory: parseSarifCategory(str('sarif-category')),
        timing: bool('timing'),
    };
}

/** Redraws closer together than this are skipped (the last one is always drawn). */
const REDRAW_MS = 100;
const ERASE_LINE = '\r\u001b[K';
function terminalProgress(write, now = Date.now) {
    let drawn = false;
    let last = -Infinity;
    return {
        update(done, total) {
            const t = now();
            if (done < total && t - last < REDRAW_MS)
                return;
            last = t;
            drawn = true;
            write(`${ERASE_LINE}Scanning ${done}/${total} files`);
        },
        end() {
            if (drawn)
                write(ERASE_LINE);
            drawn = false;
        },
    };
}

const slashes = (p) => p.split(path.sep).join('/');
/** `dir` is `base` or lies below it. */
function inside(base, dir) {
    const rel = path.relative(base, dir);
    return rel === '' || (!rel.startsWith('..') && !path.isAbsolute(rel));
}
/** The deepest directory holding every one of `dirs`. */
function commonDirectory(dirs) {
    let common = dirs[0];
    for (const d of dirs.slice(1))
        while (!inside(common, d))
            common = path.dirname(common);
    return common;
}
/**
 * The root and paths for `scan PATH...`. One directory is the root itself (the README's contract:
 * findings relative to it, its configuration file). Files, several paths, or standard input are
 * scanned from the working directory when they all lie inside it (as Ruff and ESLint take paths),
 * else from the deepest directory holding them all. Throws when a path does not exist.
 */
async function scanTargets(cwd, given, stdinFilename) {
    if (stdinFilename !== undefined) {
        const abs = path.resolve(cwd, stdinFilename);
        const root = inside(cwd, path.dirname(abs)) ? cwd : path.dirname(abs);
        return { root, paths: undefined, stdinPath: slashes(path.relative(root, abs)), shown: stdinFilename };
    }
    const found = await Promise.all(given.map(async (p) => {
        const abs = path.resolve(cwd, p);
        const info = await stat(abs).catch(() => undefined);
        if (info === undefined)
            throw new Error(`no such file or directory: ${p}`);
        return { abs, isDir: info.isDirectory() };
    }));
    const shown = given.join(' ');
    const only = found[0];
    if (found.length === 1 && only?.isDir)
        return { root: only.abs, paths: undefined, stdinPath: undefined, shown };
    const dirs = found.map((f) => (f.isDir ? f.abs : path.dirname(f.abs)));
    const root = dirs.every((d) => inside(cwd, d)) ? cwd : commonDirectory(dirs);
    return { root, paths: found.map((f) => slashes(path.relative(root, f.abs))), stdinPath: undefined, shown };
}

const SCAN_OPTIONS = `Options:
  -f, --format FORMAT         text (default), concise (path:line:col: FCGnnn message), json,
                              sarif, markdown, github (workflow-command annotations), junit,
                              gitlab (code quality) or rdjson (reviewdog)
  -o, --output FILE           write the report to FILE and print a one-line verdict
      --fail-below GRADE      fail when the grade is below GRADE: A, B, C (default), D, F
                              (F never fails on the grade)
      --min-score N           also fail when the score is below N (0-100)
      --fail-on-severity SEV  also fail on any finding at or above SEV: low, medium, high, critical
      --select RULES          run only these rules: ids (FCG101), id prefixes (FCG4), families
                              (transport, secrets, crypto, auth, design), names or ALL
                              (repeatable or comma-separated; replaces the config's select/ignore)
      --ignore RULES          do not run these rules (same forms; adds to the config's ignore)
      --min-severity SEV      report (and grade) only findings at or above SEV
      --include GLOB          scan only files matching GLOB (repeatable; replaces the config's)
      --exclude GLOB          skip files matching GLOB (repeatable; adds to the config's); a file
                              named as a PATH is scanned whatever the globs say
      --config FILE           configuration file (default: .flask-crdb-gate.yml or .yaml in the
                              scanned directory, else [tool.flask-crdb-gate] in its pyproject.toml)
      --baseline FILE         mark findings in this baseline as existing, the others as new
      --gate-on WHAT          what the threshold judges: all (default) or new (findings not in
                              the baseline)
      --stdin-filename NAME   with PATH "-": scan standard input as the file NAME
  -q, --quiet                 print the findings only: no progress, notes or score block
      --exit-zero             exit 0 even when the threshold is not met (errors still exit 2)
      --sarif-category NAME   the SARIF run's category (automationDetails.id), so scans of two
                              folders do not replace each other in code scanning (default:
                              flask-crdb-gate/<scanned folder in the repository>)
      --allow-empty           let a scan that analysed no file pass (default: it is an error, exit 2)
      --no-color              no ANSI colour (also NO_COLOR=1; FORCE_COLOR=1 forces it off a terminal)
      --timing                print where the time went, per phase and for the ten slowest rules,
                              on stderr (also: FLASK_CRDB_GATE_TIMING=1, =N rules, =all, =json)
  -h, --help                  show this help`;
const EXIT_CODES = `Exit codes: 0 passed, 1 below the threshold, 2 usage, configuration or runtime error, or no
file scanned (without --allow-empty).`;
const SCAN_USAGE = `Usage: ${TOOL_NAME} scan [PATH...] [options]
       ${TOOL_NAME} scan - --stdin-filename NAME [options]

Scans files and directories (default "."), grades the result A-F and fails below a threshold.
One directory is scanned as the project root; files or several paths are scanned from the
working directory (or the nearest directory holding them all), where the configuration file is
looked for. Progress goes to stderr when it is a terminal.

${SCAN_OPTIONS}

Flags override the configuration file. ${EXIT_CODES}
`;
const BASELINE_USAGE = `Usage: ${TOOL_NAME} baseline [PATH] [options]

Writes the fingerprints of the current findings, so later scans report them as existing, not new.

Options:
  -o, --output FILE           where to write it (default: the config's "baseline", else
                              PATH/.flask-crdb-gate-baseline.json)
      --include GLOB          scan only files matching GLOB (repeatable)
      --exclude GLOB          skip files matching GLOB (repeatable)
      --config FILE           configuration file (default: found in PATH)
      --allow-empty           write an empty baseline when no file was analysed
  -h, --help                  show this help

Exit codes: 0 written, 2 usage, configuration or runtime error.
`;
const RULES_USAGE = `Usage: ${TOOL_NAME} rules [--format text|json]

Lists every rule: id, name, family, default severity, confidence and what it flags.
`;
const RULE_USAGE = `Usage: ${TOOL_NAME} rule RULE

Prints a rule's documentation page (RULE: an id such as FCG101, or a name such as
sslmode-disabled).
`;
const USAGE = `Usage: ${TOOL_NAME} scan [PATH...] [options]
       ${TOOL_NAME} baseline [PATH] [--output FILE] [--config FILE] [--include GLOB]... [--exclude GLOB]...
                       [--allow-empty]
       ${TOOL_NAME} rules [--format text|json]
       ${TOOL_NAME} rule RULE
       ${TOOL_NAME} COMMAND --help | --help | --version

Scans a Flask + CockroachDB/PostgreSQL repository (PATH, default ".") for transport, secret,
crypto, auth and design weaknesses, grades it A-F and fails below a threshold. "baseline" writes
the fingerprints of the current findings, so later scans report them as existing, not new.
"rules" lists the rules, "rule" shows one's documentation.

scan ${SCAN_OPTIONS}
  -V, --version               show the version

Flags override the configuration file. Exit codes: 0 passed (baseline: written), 1 below the
threshold, 2 usage, configuration or runtime error, or no file scanned (without --allow-empty).
`;
/** The help text of a command, or the whole tool's. */
function usageOf(topic) {
    switch (topic) {
        case 'scan':
            return SCAN_USAGE;
        case 'baseline':
            return BASELINE_USAGE;
        case 'rules':
            return RULES_USAGE;
        case 'rule':
            return RULE_USAGE;
        case undefined:
            return USAGE;
    }
}

const EXIT_PASSED = 0;
const EXIT_BELOW_THRESHOLD = 1;
const EXIT_ERROR = 2;
const PLAIN = { color: false, width: undefined, display: (p) => p, quiet: false };
/** The report in the format asked for, and what the user should know about it (on stderr). */
function render(report, format, look, sarifCategory) {
    switch (format) {
        case 'json':
            return { text: renderJson(report), notes: [] };
        case 'sarif': {
            const sarif = renderSarifReport(report, sarifCategory === undefined ? {} : { category: sarifCategory });
            return { text: sarif.text, notes: sarif.kept < sarif.total ? [sarifCapNote(sarif.kept, sarif.total)] : [] };
        }
        case 'markdown':
            // With a baseline, the findings it does not hold come first, marked as new.
            return {
                text: renderMarkdown(report, {
                    ...(report.baseline ? { isNew: (f) => f.state !== 'existing' } : {}),
                    // In a workflow step, locations link to the file and line at the commit the runner checked out.
                    link: blobLink({
                        server: process.env['GITHUB_SERVER_URL'],
                        repository: process.env['GITHUB_REPOSITORY'],
                        sha: process.env['GITHUB_SHA'],
                    }, report.repoPrefix),
                }),
                notes: [],
            };
        case 'text':
            return { text: renderText(report, { color: look.color, width: look.width, quiet: look.quiet }), notes: [] };
        case 'concise':
            return { text: renderConcise(report, look), notes: [] };
        case 'github':
            return { text: renderGithub(report, verdictLine(report)), notes: [] };
        case 'junit':
            return { text: renderJunit(report), notes: [] };
        case 'gitlab':
            return { text: renderGitlab(report), notes: [] };
        case 'rdjson':
            return { text: renderRdjson(report), notes: [] };
    }
}
/**
 * Colour: never with --no-color; with FORCE_COLOR set (other than 0 or false), also off a
 * terminal (Actions logs show it); never with NO_COLOR; else when stdout is a terminal.
 */
function wantsColor(noColor, env, isTTY) {
    if (noColor)
        return false;
    const force = env['FORCE_COLOR'];
    if (force !== undefined)
        return !['0', 'false'].includes(force.trim().toLowerCase());
    if (env['NO_COLOR'])
        return false;
    return isTTY;
}
/** One line for the terminal when the report went to a file. */
function verdictLine(report) {
    const { grade, verdict } = report;
    const summary = `grade ${grade.grade}, score ${grade.score}/100, ${plural(report.findings.length, 'finding')}`;
    return verdict.passed ? `Passed: ${summary}.` : `Failed: ${summary}; ${verdict.reasons.join('; ')}.`;
}
/** The hint an empty-scan error ends with, in the CLI's words. */
const ALLOW_EMPTY_HINT = 'check PATH and the --include/--exclude globs, or pass --allow-empty to allow it';
/**
 * Runs the engine; an empty scan becomes an error naming PATH as given, or, with --allow-empty, a
 * note on stderr so the pass is never silent.
 */
async function scanOrExplain(options, cmd, io) {
    const scan = io.scan ?? (await import('./scan.js')).scan;
    const { EmptyScanError, emptyScanMessage } = await import('./empty.js').then(function (n) { return n.a; });
    try {
        const report = await scan(cmd.allowEmpty ? { ...options, allowEmpty: true } : options);
        if (report.filesScanned === 0)
            io.stderr(`${TOOL_NAME}: warning: no file was scanned in ${cmd.path} (allowed by --allow-empty).\n`);
        return report;
    }
    catch (err) {
        if (err instanceof EmptyScanError)
            throw new Error(emptyScanMessage(err.detail, cmd.path, ALLOW_EMPTY_HINT), { cause: err });
        throw err;
    }
}
async function assertDirectory(dir, given) {
    const info = await stat(dir).catch(() => undefined);
    if (info === undefined)
        throw new Error(`no such directory: ${given}`);
    if (!info.isDirectory())
        throw new Error(`not a directory: ${given}`);
}
/** Standard input to its end. */
async function readStdin() {
    const chunks = [];
    for await (const chunk of process.stdin)
        chunks.push(chunk);
    return Buffer.concat(chunks);
}
/**
 * Scan options from the flags and the configuration file (--config, else the one in the scanned
 * directory); notes about it go to stderr.
 */
async function optionsFor(root, cmd, flags, cwd, io, applyBaseline) {
    // Loaded here, not at the top: --help, --version and usage errors need no parser or rules.
    const { frontDoorOptions } = await import('./front-door.js');
    const resolved = await frontDoorOptions({
        root,
        config: cmd.config,
        request: { include: cmd.include, exclude: cmd.exclude, ...flags, cwd },
        defaultFailBelow: DEFAULT_FAIL_BELOW,
        applyBaseline,
    });
    for (const note of resolved.notes)
        io.stderr(`${TOOL_NAME}: note: ${note}\n`);
    return resolved;
}
async function runScan(cmd, given) {
    // --quiet: notes and warnings go unsaid; errors still reach stderr (they are thrown).
    const io = cmd.quiet ? { ...given, stderr: () => undefined } : given;
    const cwd = io.cwd ?? process.cwd();
    const env = io.env ?? process.env;
    const targets = await scanTargets(cwd, cmd.paths, cmd.stdinFilename);
    const { options } = await optionsFor(targets.root, cmd, {
        ...cmd.threshold,
        gateOn: cmd.gateOn,
        baseline: cmd.baseline,
        ...(cmd.select !== undefined ? { select: cmd.select } : {}),
        ignore: cmd.ignore,
        minSeverity: cmd.minSeverity,
    }, cwd, io, true);
    const timing = timingRequest(cmd.timing, (io.env ?? process.env)[TIMING_ENV]);
    const stdin = cmd.stdinFilename !== undefined ? await (io.stdin ?? readStdin)() : undefined;
    const progress = io.stderrIsTTY === true && !cmd.quiet
        ? terminalProgress(io.stderr, () => (io.now ?? (() => new Date()))().getTime())
        : undefined;
    let report;
    try {
        report = await scanOrExplain({
            ...options,
            ...(timing ? { timing: true } : {}),
            ...(targets.paths ? { paths: targets.paths } : {}),
            ...(stdin && targets.stdinPath !== undefined ? { stdin: { path: targets.stdinPath, content: stdin } } : {}),
            ...(progress ? { onProgress: (done, total) => progress.update(done, total) } : {}),
        }, { path: targets.shown, allowEmpty: cmd.allowEmpty }, io);
    }
    finally {
        progress?.end();
    }
    const reportStart = performance.now();
    if (cmd.output !== undefined) {
        const file = path.resolve(cwd, cmd.output);
        await mkdir(path.dirname(file), { recursive: true });
        const rendered = render(report, cmd.format, PLAIN, cmd.sarifCategory);
        await writeFile(file, rendered.text, 'utf8');
        for (const note of rendered.notes)
            io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
        if (!cmd.quiet)
            io.stdout(`${verdictLine(report)} Report (${cmd.format}) written to ${cmd.output}.\n`);
    }
    else {
        const look = {
            color: (cmd.format === 'text' || cmd.format === 'concise') && wantsColor(cmd.noColor, env, io.isTTY === true),
            width: io.isTTY === true && io.columns !== undefined && io.columns > 0 ? io.columns : undefined,
            display: (p) => {
                const shown = path.relative(cwd, path.join(report.root, p)).split(path.sep).join('/');
                return shown === '' || shown.startsWith('../') ? p : shown;
            },
            quiet: cmd.quiet,
        };
        const rendered = render(report, cmd.format, look, cmd.sarifCategory);
        for (const note of rendered.notes)
            io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
        // Workflow commands are meant as commands: the one format that bypasses the guard (each field is escaped).
        if (cmd.format === 'github')
            (io.rawStdout ?? io.stdout)(rendered.text);
        else
            io.stdout(rendered.text);
    }
    if (timing && report.timing) {
        report.timing.phases['report'] = performance.now() - reportStart;
        io.stderr(timing.format === 'json' ? timingsJson(report.timing) : formatTimings(report.timing, timing.top));
    }
    if (cmd.exitZero || report.verdict.passed)
        return EXIT_PASSED;
    return EXIT_BELOW_THRESHOLD;
}
/** `rules`: the table of every rule. */
async function runRules(cmd, io) {
    const [{ ALL_RULES }, { renderRulesJson, renderRulesTable }] = await Promise.all([
        import('./index2.js').then(function (n) { return n.a8; }),
        import('./rules-command.js'),
    ]);
    const metas = ALL_RULES.map((r) => r.meta);
    io.stdout(cmd.format === 'json'
        ? renderRulesJson(metas)
        : renderRulesTable(metas, io.isTTY === true && io.columns ? io.columns : undefined));
    return EXIT_PASSED;
}
/** `rule FCGnnn`: one rule's docs page. */
async function runRule(cmd, io) {
    const [{ ALL_RULES }, { findRule, renderRuleDoc }] = await Promise.all([
        import('./index2.js').then(function (n) { return n.a8; }),
        import('./rules-command.js'),
    ]);
    io.stdout(renderRuleDoc(findRule(ALL_RULES.map((r) => r.meta), cmd.rule)));
    return EXIT_PASSED;
}
/** Writes the fingerprints of every current finding (after suppressions) to the baseline file. */
async function runBaseline(cmd, io) {
    const cwd = io.cwd ?? process.cwd();
    const root = path.resolve(cwd, cmd.path);
    await assertDirectory(root, cmd.path);
    const none = {
        failBelow: undefined,
        minScore: undefined,
        failOnSeverity: undefined,
        gateOn: undefined,
        baseline: undefined,
    };
    // The existing baseline is not applied: the new one holds every current finding.
    const { options, loaded } = await optionsFor(root, cmd, none, cwd, io, false);
    const [{ DEFAULT_BASELINE_FILE }, { writeBaselineFile }] = await Promise.all([
        import('./baseline.js').then(function (n) { return n.d; }),
        import('./front-door.js'),
    ]);
    const report = await scanOrExplain(options, cmd, io);
    const file = cmd.output !== undefined
        ? path.resolve(cwd, cmd.output)
        : (loaded?.config.baseline?.path ?? path.join(root, DEFAULT_BASELINE_FILE));
    const shown = cmd.output ?? (path.relative(cwd, file) || file);
    const count = await writeBaselineFile(report, file, (io.now ?? (() => new Date()))());
    const configured = loaded?.config.baseline?.path === file;
    const inRoot = path.relative(root, file).split(path.sep).join('/');
    io.stdout(`Baseline of ${plural(count, 'finding')} written to ${shown}. ` +
        (configured
            ? `${loaded?.config.file ?? 'The configuration'} applies it to every scan.\n`
            : `Apply it with \`scan --baseline ${shown}\`, or \`baseline: ${inRoot}\` in .flask-crdb-gate.yml.\n`));
    return EXIT_PASSED;
}
/** The whole CLI, in-process: returns the exit code and never throws. */
async function runCli(argv, given) {
    // Both streams reach the runner's log when the CLI runs in a workflow: every write passes the
    // guard that keeps text from the scanned repository from starting a workflow-command line.
    const io = {
        ...given,
        stdout: (s) => given.stdout(guardCommandLines(s)),
        stderr: (s) => given.stderr(guardCommandLines(s)),
        rawStdout: given.rawStdout ?? given.stdout,
    };
    try {
        const cmd = parseCliArgs(argv);
        if (cmd.command === 'help') {
            io.stdout(usageOf(cmd.topic));
            return EXIT_PASSED;
        }
        if (cmd.command === 'rules')
            return await runRules(cmd, io);
        if (cmd.command === 'rule')
            return await runRule(cmd, io);
        if (cmd.command === 'version') {
            io.stdout(`${TOOL_NAME} ${TOOL_VERSION}\n`);
            return EXIT_PASSED;
        }
        if (cmd.command === 'baseline')
            return await runBaseline(cmd, io);
        return await runScan(cmd, io);
    }
    catch (err) {
        io.stderr(`${TOOL_NAME}: ${errorMessage(err)}\n`);
        if (err instanceof UsageError)
            io.stderr(`Run '${TOOL_NAME} --help' for usage.\n`);
        return EXIT_ERROR;
    }
}

tuneJitForBatch();
process.exitCode = await runCli(process.argv.slice(2), {
    stdout: pipeSafeWriter(process.stdout),
    stderr: pipeSafeWriter(process.stderr),
    isTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    ...(process.stdout.isTTY === true && process.stdout.columns > 0 ? { columns: process.stdout.columns } : {}),
    env: process.env,
});
