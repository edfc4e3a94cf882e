#!/usr/bin/env node
import { mkdir, writeFile, stat } from 'node:fs/promises';
import path from 'node:path';
import { p as printable, a as plural, f as formatNumber, d as describeThreshold, S as SEVERITIES_DESC, s as sortedPenalties, b as describePenaltyCount, g as gradePlans, c as describeToPass, e as guardCommandLines, h as describeFix, r as renderMarkdown, i as renderSarifReport, j as sarifCapNote, k as renderJson } from './sarif.js';
import { T as TOOL_NAME, a as TOOL_VERSION } from './version.js';
import { parseArgs } from 'node:util';
import { G as GATE_ON, a as GRADES } from './types.js';
import { i as isSeverity, S as SEVERITIES } from './severity.js';
import 'node:url';
import 'node:zlib';

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

/** Stale baseline entries listed before "and N more". */
const MAX_STALE_LISTED = 10;
/** Locations listed per planned fix before "and N more". */
const MAX_PLAN_LOCATIONS = 3;
/** Planned fixes listed before "and N more". */
const MAX_PLAN_FIXES = 10;
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
            const rule = `${f.ruleId} ${f.name}`.padEnd(ruleWidth);
            const existing = f.state === 'existing' ? dim('  (existing)') : '';
            out.push(`  ${dim(loc)}  ${sev(f.severity)(label)}  ${rule}  ${printable(f.message)}${existing}`);
        }
        out.push('');
    }
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
        out.push(`  ${(numbers[i] ?? '').padStart(numWidth)}  ${rule}  ${sev(p.severity)(p.severity.padEnd(8))}  ${describePenaltyCount(p)}`);
    });
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
        out.push(`  ${`${i + 1}.`.padStart(numWidth)} ${`${f.ruleId} ${f.name}`.padEnd(width)}  ${describeFix(f)}, +${formatNumber(f.points)} points -> score ${formatNumber(f.scoreAfter)}, grade ${f.gradeAfter}`, `  ${' '.repeat(numWidth)} ${locations.join(', ')}${more}`);
    });
    if (plan.fixes.length > MAX_PLAN_FIXES)
        out.push(`  ... and ${plural(plan.fixes.length - MAX_PLAN_FIXES, 'more rule')} (the JSON report lists every step)`);
    return out;
}

/** A mistake in the command line: exit 2, message and a pointer to --help on stderr. */
class UsageError extends Error {
    name = 'UsageError';
}
/**
 * The message of anything thrown. Not `instanceof Error`: errors from Node's built-ins can come
 * from another realm (Jest's VM modules), and `String(err)` would prefix the class and code.
 */
function errorMessage(err) {
    const message = err?.message;
    return typeof message === 'string' ? message : String(err);
}

const FORMATS = ['text', 'json', 'sarif', 'markdown'];
/** The default gate when neither a flag nor the configuration file sets one: fail below C (README, "Command line"). */
const DEFAULT_FAIL_BELOW = 'C';
const COMMANDS = ['scan', 'baseline'];
/** Flags that only mean something to `scan`. */
const SCAN_ONLY = [
    'format',
    'fail-below',
    'min-score',
    'fail-on-severity',
    'baseline',
    'gate-on',
    'exit-zero',
    'sarif-category',
];
const OPTIONS = {
    format: { type: 'string', short: 'f' },
    output: { type: 'string', short: 'o' },
    'fail-below': { type: 'string' },
    'min-score': { type: 'string' },
    'fail-on-severity': { type: 'string' },
    include: { type: 'string', multiple: true },
    exclude: { type: 'string', multiple: true },
    'exit-zero': { type: 'boolean' },
    'no-color': { type: 'boolean' },
    'allow-empty': { type: 'boolean' },
    'sarif-category': { type: 'string' },
    config: { type: 'string' },
    baseline: { type: 'string' },
    'gate-on': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
    version: { type: 'boolean', short: 'V' },
};
/** node:util's messages carry advice about `--` that does not apply here: keep the first sentence. */
function parseArgsMessage(err) {
    const message = errorMessage(err);
    const first = message.split(/\.\s/)[0] ?? message;
    return first.replace(/\.$/, '');
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
function parseSeverity(raw) {
    if (raw === undefined)
        return undefined;
    const s = raw.toLowerCase();
    if (isSeverity(s))
        return s;
    throw new UsageError(`--fail-on-severity must be one of ${SEVERITIES.join(', ')}; got "${raw}"`);
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
    const f = raw.toLowerCase();
    if (FORMATS.includes(f))
        return f;
    throw new UsageError(`--format must be one of ${FORMATS.join(', ')}; got "${raw}"`);
}
function strictParse(argv) {
    try {
        return parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
    }
    catch (err) {
        throw new UsageError(parseArgsMessage(err));
    }
}
/** argv without the node and script entries. Throws UsageError. */
function parseCliArgs(argv) {
    const { values, positionals } = strictParse(argv);
    if (values.help)
        return { command: 'help' };
    if (values.version)
        return { command: 'version' };
    const [command, ...rest] = positionals;
    if (command === undefined)
        throw new UsageError('missing command (try "scan")');
    if (!COMMANDS.includes(command))
        throw new UsageError(`unknown command "${command}" (try "scan" or "baseline")`);
    if (rest.length > 1)
        throw new UsageError(`${command} takes one PATH; got ${rest.length}: ${rest.join(' ')}`);
    if (values.output === '')
        throw new UsageError('--output needs a file name');
    const config = fileFlag('config', values.config);
    if (command === 'baseline') {
        const misplaced = SCAN_ONLY.find((flag) => values[flag] !== undefined);
        if (misplaced)
            throw new UsageError(`--${misplaced} is an option of scan, not of baseline`);
        return {
            command: 'baseline',
            path: rest[0] ?? '.',
            output: values.output,
            include: values.include ?? [],
            exclude: values.exclude ?? [],
            config,
            allowEmpty: values['allow-empty'] ?? false,
        };
    }
    return {
        command: 'scan',
        path: rest[0] ?? '.',
        format: parseFormat(values.format),
        output: values.output,
        threshold: {
            failBelow: parseFailBelow(values['fail-below']),
            minScore: parseMinScore(values['min-score']),
            failOnSeverity: parseSeverity(values['fail-on-severity']),
        },
        include: values.include ?? [],
        exclude: values.exclude ?? [],
        exitZero: values['exit-zero'] ?? false,
        noColor: values['no-color'] ?? false,
        config,
        baseline: fileFlag('baseline', values.baseline),
        gateOn: parseGateOn(values['gate-on']),
        allowEmpty: values['allow-empty'] ?? false,
        sarifCategory: parseSarifCategory(values['sarif-category']),
    };
}

const USAGE = `Usage: ${TOOL_NAME} scan [PATH] [options]
       ${TOOL_NAME} baseline [PATH] [--output FILE] [--config FILE] [--include GLOB]... [--exclude GLOB]...
                       [--allow-empty]
       ${TOOL_NAME} --help | --version

Scans a Flask + CockroachDB/PostgreSQL repository (PATH, default ".") for transport, secret,
crypto, auth and design weaknesses, grades it A-F and fails below a threshold. "baseline" writes
the fingerprints of the current findings, so later scans report them as existing, not new.

Options:
  -f, --format FORMAT         text (default), json, sarif or markdown
  -o, --output FILE           write the report to FILE and print a one-line verdict
                              (baseline: where to write it; default the config's "baseline",
                              else PATH/.flask-crdb-gate-baseline.json)
      --fail-below GRADE      fail when the grade is below GRADE: A, B, C (default), D, F
                              (F never fails on the grade)
      --min-score N           also fail when the score is below N (0-100)
      --fail-on-severity SEV  also fail on any finding at or above SEV: low, medium, high, critical
      --include GLOB          scan only files matching GLOB (repeatable; replaces the config's)
      --exclude GLOB          skip files matching GLOB (repeatable; adds to the config's)
      --config FILE           configuration file (default: .flask-crdb-gate.yml or .yaml in PATH,
                              else [tool.flask-crdb-gate] in PATH/pyproject.toml)
      --baseline FILE         mark findings in this baseline as existing, the others as new
      --gate-on WHAT          what the threshold judges: all (default) or new (findings not in
                              the baseline)
      --exit-zero             exit 0 even when the threshold is not met (errors still exit 2)
      --sarif-category NAME   the SARIF run's category (automationDetails.id), so scans of two
                              folders do not replace each other in code scanning (default:
                              flask-crdb-gate/<scanned folder in the repository>)
      --allow-empty           let a scan that analysed no file pass (default: it is an error, exit 2)
      --no-color              no ANSI colour in text output (also: NO_COLOR=1)
  -h, --help                  show this help
  -V, --version               show the version

Flags override the configuration file. Exit codes: 0 passed (baseline: written), 1 below the
threshold, 2 usage, configuration or runtime error, or no file scanned (without --allow-empty).
`;

const EXIT_PASSED = 0;
const EXIT_BELOW_THRESHOLD = 1;
const EXIT_ERROR = 2;
/** The report in the format asked for, and what the user should know about it (on stderr). */
function render(report, format, color, sarifCategory) {
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
                text: renderMarkdown(report, report.baseline ? { isNew: (f) => f.state !== 'existing' } : {}),
                notes: [],
            };
        case 'text':
            return { text: renderText(report, { color }), notes: [] };
    }
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
async function runScan(cmd, io) {
    const cwd = io.cwd ?? process.cwd();
    const root = path.resolve(cwd, cmd.path);
    await assertDirectory(root, cmd.path);
    const { options } = await optionsFor(root, cmd, { ...cmd.threshold, gateOn: cmd.gateOn, baseline: cmd.baseline }, cwd, io, true);
    const report = await scanOrExplain(options, cmd, io);
    if (cmd.output !== undefined) {
        const file = path.resolve(cwd, cmd.output);
        await mkdir(path.dirname(file), { recursive: true });
        const rendered = render(report, cmd.format, false, cmd.sarifCategory);
        await writeFile(file, rendered.text, 'utf8');
        for (const note of rendered.notes)
            io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
        io.stdout(`${verdictLine(report)} Report (${cmd.format}) written to ${cmd.output}.\n`);
    }
    else {
        const env = io.env ?? process.env;
        const color = cmd.format === 'text' && !cmd.noColor && io.isTTY === true && !env['NO_COLOR'];
        const rendered = render(report, cmd.format, color, cmd.sarifCategory);
        for (const note of rendered.notes)
            io.stderr(`${TOOL_NAME}: warning: ${note}\n`);
        io.stdout(rendered.text);
    }
    if (cmd.exitZero || report.verdict.passed)
        return EXIT_PASSED;
    return EXIT_BELOW_THRESHOLD;
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
    };
    try {
        const cmd = parseCliArgs(argv);
        if (cmd.command === 'help') {
            io.stdout(USAGE);
            return EXIT_PASSED;
        }
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

process.exitCode = await runCli(process.argv.slice(2), {
    stdout: pipeSafeWriter(process.stdout),
    stderr: pipeSafeWriter(process.stderr),
    isTTY: process.stdout.isTTY === true,
    env: process.env,
});
