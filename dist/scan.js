import { realpath, stat } from 'node:fs/promises';
import { join, sep, resolve, relative } from 'node:path';
import { r as readBaseline, a as applyBaseline, D as DEFAULT_BASELINE_FILE } from './baseline.js';
import { m as makePathFilter, C as CONFIG_FILES } from './load.js';
import { r as redactCredentials } from './redact.js';
import { a as atLeast } from './severity.js';
import { g as gradeRank, f as compareFindings, i as TOOL_URI, a as TOOL_VERSION, T as TOOL_NAME, j as summariseSuppressions, k as countBySeverity, l as gradeFindings } from './version.js';
import { execFile } from 'node:child_process';
import { statSync, lstatSync, realpathSync, readdirSync } from 'node:fs';
import { TextDecoder, promisify } from 'node:util';
import { n as notRegular } from './own-file.js';
import { S as SectionsNeeded, F as FILE_BUDGET_MS, B as BudgetExceeded, w as withBudget, i as indexPython, A as ALL_RULES, f as fileRole, P as ProjectIndex } from './index2.js';
import { r as readSource, S as SUMMARIZERS, b as parsePython, s as summarizeDomains, w as warmWorkers, c as analyzeInParallel, d as configKindOf, m as mayHaveKindByContent } from './pool.js';
import { c as configuredSeverity, D as DEFAULT_ANALYSIS, r as roleOf, i as isRuleOff } from './yaml-tree.js';
import { a as addRule, b as addCount, e as emptyTimings, t as timedAsync, m as mergeTimings, c as timed } from './timing.js';
import { S as ScanError, E as EmptyScanError } from './empty.js';
import './suggest.js';
import './types.js';
import './confidence.js';
import 'fs';
import 'node:os';
import 'node:url';
import 'node:worker_threads';
import 'path';
import 'os';
import 'url';
import 'node:module';
import './bandit.js';
import 'node:crypto';
import 'process';
import 'buffer';

const STRICT = new TextDecoder('utf-8', { fatal: true });
function fileName(bytes) {
    try {
        return { text: STRICT.decode(bytes), raw: undefined };
    }
    catch {
        return { text: escapeInvalidUtf8(bytes), raw: Buffer.from(bytes) };
    }
}
/** Valid UTF-8 sequences decoded, every other byte as `\xNN`. */
function escapeInvalidUtf8(bytes) {
    let out = '';
    let i = 0;
    while (i < bytes.length) {
        const b = bytes[i];
        const len = b < 0x80 ? 1 : b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
        if (len > 0 && i + len <= bytes.length) {
            try {
                out += STRICT.decode(bytes.subarray(i, i + len));
                i += len;
                continue;
            }
            catch {
                // not a whole sequence: escape the lead byte and resynchronise on the next
            }
        }
        out += `\\x${b.toString(16).padStart(2, '0')}`;
        i++;
    }
    return out;
}

const run = promisify(execFile);
/**
 * Lists the files to scan. Inside a git work tree it asks git (tracked plus untracked, not
 * ignored), which never walks an ignored node_modules; elsewhere it walks the tree itself and
 * prunes excluded directories before entering them. @actions/glob is not used for this: it walks
 * excluded directories in full and filters afterwards, which makes a large node_modules cost
 * seconds. Symbolic links are followed only when they resolve inside the root.
 */
async function discover(options) {
    const root = await realpath(options.root);
    if (options.stdin) {
        const { path, content } = options.stdin;
        const files = options.isScannable(path) ? [{ path, absPath: join(root, path), size: content.length, content }] : [];
        return { files, skipped: [], repoPrefix: await gitPrefix(root) };
    }
    const filter = makePathFilter(options.include, options.exclude);
    const { dirs, files: named } = splitTargets(root, options.paths ?? ['']);
    const skipped = [];
    const byPath = new Map();
    // Named files first: excludes and include globs do not apply to them.
    for (const rel of named) {
        if (!options.isScannable(rel))
            continue;
        const candidate = resolveInside(root, rel, join(root, rel), skipped);
        if (candidate)
            byPath.set(candidate.path, candidate);
    }
    let repoPrefix = '';
    if (dirs.length > 0) {
        // Names whose bytes are not UTF-8, by the escaped form they are shown as.
        const rawNames = new Map();
        const gitFiles = await gitListFiles(root, rawNames, dirs);
        // A directory git lists nothing under is ignored or untracked as a whole: walk it instead.
        const listedDirs = gitFiles ? dirs.filter((d) => gitFiles.some((f) => d === '' || f.startsWith(`${d}/`))) : [];
        const walkedDirs = dirs.filter((d) => !listedDirs.includes(d));
        if (listedDirs.length === 0)
            rawNames.clear();
        const listed = new Set(listedDirs.length > 0 ? gitFiles : []);
        const relPaths = [...listed, ...walkedDirs.flatMap((d) => walk(root, d, filter, skipped, rawNames))];
        const dirVerdicts = new Map();
        /** A directory between the named one and the file is pruned (the named one itself is entered). */
        const underPrunedDir = (rel, from) => {
            const parts = rel.split('/');
            const start = from === '' ? 1 : from.split('/').length + 1;
            for (let i = start; i < parts.length; i++) {
                const dir = parts.slice(0, i).join('/');
                let pruned = dirVerdicts.get(dir);
                if (pruned === undefined) {
                    pruned = filter.prunesDir(dir, absolute(root, dir, rawNames));
                    dirVerdicts.set(dir, pruned);
                }
                if (pruned)
                    return true;
            }
            return false;
        };
        for (const rel of relPaths) {
            if (byPath.has(rel) || !options.isScannable(rel))
                continue;
            const from = dirs.find((d) => d === '' || rel.startsWith(`${d}/`)) ?? '';
            if (!filter.keepsFile(rel, from))
                continue;
            if (listed.has(rel) && underPrunedDir(rel, from))
                continue;
            const candidate = resolveInside(root, rel, absolute(root, rel, rawNames), skipped);
            if (candidate)
                byPath.set(candidate.path, candidate);
        }
        if (listedDirs.length > 0)
            repoPrefix = await gitPrefix(root);
    }
    else {
        repoPrefix = await gitPrefix(root);
    }
    const files = [...byPath.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, skipped, repoPrefix };
}
/**
 * Named paths as root-relative directories and files. A directory inside another named one is
 * walked with it; a path that is neither (a FIFO, a socket) is left to resolveInside to explain.
 */
function splitTargets(root, paths) {
    const dirs = [];
    const files = [];
    for (const raw of paths) {
        const rel = raw
            .replace(/\\/g, '/')
            .replace(/^\.\/+/, '')
            .replace(/\/+$/, '');
        const p = rel === '.' ? '' : rel;
        let isDir = p === '';
        if (!isDir) {
            try {
                isDir = statSync(join(root, p)).isDirectory();
            }
            catch {
                isDir = false;
            }
        }
        (isDir ? dirs : files).push(p);
    }
    const outer = dirs.filter((d, i) => dirs.indexOf(d) === i && !dirs.some((o) => o !== d && (o === '' || d.startsWith(`${o}/`))));
    // A named file inside a named directory is still named: the excludes do not apply to it.
    return { dirs: outer, files: [...new Set(files)] };
}
/** The path to hand the file system: a string, or bytes for a name that is not UTF-8. */
function absolute(root, rel, rawNames) {
    const raw = rawNames.get(rel);
    return raw ? Buffer.concat([Buffer.from(`${root}/`), raw]) : join(root, rel);
}
// Synchronous file-system calls below: awaiting them one at a time (the engine has nothing to do
// meanwhile) cost a thread-pool round trip each, ~10x the time on a tree of a few thousand entries.
function resolveInside(root, rel, abs, skipped) {
    let info;
    try {
        info = lstatSync(abs);
    }
    catch {
        return undefined; // listed by git but deleted in the work tree: nothing to scan
    }
    if (info.isSymbolicLink()) {
        let target;
        try {
            target = realpathSync(abs, { encoding: 'buffer' });
        }
        catch {
            skipped.push({ path: rel, reason: 'symbolic link whose target does not exist' });
            return undefined;
        }
        const rootBytes = Buffer.from(root);
        const inside = target.equals(rootBytes) ||
            (target.length > rootBytes.length &&
                target.subarray(0, rootBytes.length).equals(rootBytes) &&
                target[rootBytes.length] === sep.charCodeAt(0));
        if (!inside) {
            skipped.push({ path: rel, reason: 'symbolic link that leads outside the repository (not followed)' });
            return undefined;
        }
        const targetInfo = statSync(target);
        if (!targetInfo.isFile()) {
            const kind = special(targetInfo);
            if (kind)
                skipped.push({ path: rel, reason: `symbolic link to ${kind} (not read)` });
            return undefined;
        }
        return { path: rel, absPath: fileName(target).raw ?? target.toString(), size: targetInfo.size };
    }
    if (!info.isFile()) {
        // A directory here is a git submodule; anything else could block or never end if read.
        const kind = special(info);
        if (kind)
            skipped.push({ path: rel, reason: `${kind}, not a regular file (not read)` });
        return undefined;
    }
    return { path: rel, absPath: abs, size: info.size };
}
/** FIFOs, sockets and devices in words; undefined for files, directories and links. */
function special(info) {
    return info.isFIFO() || info.isSocket() || info.isCharacterDevice() || info.isBlockDevice()
        ? notRegular(info)
        : undefined;
}
/** `git rev-parse --show-prefix`: where root sits in its repository, with a trailing slash. */
async function gitPrefix(root) {
    try {
        const { stdout } = await run('git', ['rev-parse', '--show-prefix'], { cwd: root });
        return stdout.trim();
    }
    catch {
        return '';
    }
}
/**
 * Files git knows of below root, relative to it; undefined outside a work tree or without git.
 * Read as bytes: git prints names as the file system holds them, which need not be UTF-8.
 */
async function gitListFiles(root, rawNames, dirs) {
    // Named directories as literal pathspecs (no glob magic in a directory name).
    const pathspecs = dirs.includes('') ? [] : ['--', ...dirs.map((d) => `:(literal)${d}`)];
    try {
        const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard', ...pathspecs], {
            cwd: root,
            maxBuffer: 512 * 1024 * 1024,
            encoding: 'buffer',
            env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
        });
        const seen = new Set();
        for (let start = 0; start < stdout.length;) {
            let end = stdout.indexOf(0, start);
            if (end < 0)
                end = stdout.length;
            if (end > start) {
                const name = fileName(stdout.subarray(start, end));
                if (name.raw)
                    rawNames.set(name.text, name.raw);
                seen.add(name.text); // a conflicted file is listed once per stage
            }
            start = end + 1;
        }
        return [...seen];
    }
    catch {
        return undefined;
    }
}
/** The files below `from` (root-relative, '' for root), pruning excluded directories below it. */
function walk(root, from, filter, skipped, rawNames) {
    const out = [];
    // Directories by shown path and bytes: a name that is not UTF-8 is walked and read through its bytes.
    const stack = [{ rel: from, abs: Buffer.from(from ? join(root, from) : root) }];
    const slash = Buffer.from(sep);
    while (stack.length > 0) {
        const { rel: relDir, abs: absDir } = stack.pop();
        let entries;
        try {
            entries = readdirSync(absDir, { withFileTypes: true, encoding: 'buffer' });
        }
        catch (e) {
            skipped.push({
                path: relDir || '.',
                reason: `directory could not be read: ${e.code ?? String(e)}`,
            });
            continue;
        }
        for (const entry of entries) {
            const name = fileName(entry.name);
            const rel = relDir ? `${relDir}/${name.text}` : name.text;
            const abs = Buffer.concat([absDir, slash, entry.name]);
            if (name.raw || rawNames.has(relDir))
                rawNames.set(rel, abs.subarray(Buffer.byteLength(root) + 1));
            if (entry.isDirectory()) {
                if (!filter.prunesDir(rel, rawNames.has(rel) ? abs : abs.toString()))
                    stack.push({ rel, abs });
            }
            else {
                // Links to directories are not followed (loops, escapes); links to files are checked
                // later, and so are FIFOs, sockets and devices, which are listed as skipped, not read.
                out.push(rel);
            }
        }
    }
    return out;
}

/**
 * Every part of the threshold that is set must hold. `scope` says what the grade and findings
 * are: all findings (the default) or, with `gate-on: new`, only those not in the baseline.
 */
function judge(grade, findings, threshold, scope = 'all') {
    const reasons = [];
    const of = scope === 'new' ? ' of the new findings' : '';
    if (threshold.failBelow && gradeRank(grade.grade) > gradeRank(threshold.failBelow)) {
        reasons.push(`grade${of} ${grade.grade} is below the threshold ${threshold.failBelow}`);
    }
    if (threshold.minScore !== undefined && grade.score < threshold.minScore) {
        reasons.push(`score${of} ${grade.score} is below the minimum ${threshold.minScore}`);
    }
    if (threshold.failOnSeverity) {
        const floor = threshold.failOnSeverity;
        const n = findings.filter((f) => atLeast(f.severity, floor)).length;
        const what = scope === 'new' ? 'new finding' : 'finding';
        if (n > 0)
            reasons.push(`${n} ${what}${n === 1 ? '' : 's'} at or above ${floor} severity`);
    }
    return { passed: reasons.length === 0, reasons };
}

/**
 * Phase 2 for held findings: each one whose rule left a question is kept, rewritten or dropped by
 * the rule's `decide` with the project index. A finding without a question passes unchanged; none
 * leaves with its question. A `decide` that throws keeps the finding as phase 1 reported it (a
 * failure must not hide a finding) and says so.
 *
 * A `decide` that needs sections phase 1 deferred (SectionsNeeded) is asked again once `build` has
 * built them, in rounds: every round builds at least one new section, so this ends. Without
 * `build` (or for a section it cannot build) the section counts as empty.
 */
async function settle(findings, index, rules, options, 
/** Each rule's decisions are timed here when given, as `<id> (project)`. */
timing, build) {
    const byId = new Map(rules.map((r) => [r.meta.id, r]));
    const out = new Array(findings.length);
    const skipped = [];
    let open = [];
    findings.forEach((finding, i) => {
        if (finding.pending === undefined)
            out[i] = finding;
        else
            open.push(i);
    });
    while (open.length > 0) {
        const waiting = [];
        const requests = new Map();
        for (const i of open) {
            const finding = findings[i];
            const outcome = decideOne(finding, byId.get(finding.ruleId), index, options, timing);
            if (outcome.kind === 'needs') {
                waiting.push(i);
                for (const r of outcome.requests)
                    requests.set(`${r.domain}\0${r.path}`, r);
            }
            else {
                out[i] = outcome.finding;
                if (outcome.skipped)
                    skipped.push(outcome.skipped);
            }
        }
        if (waiting.length === 0)
            break;
        const built = build ? await build([...requests.values()]) : [];
        const answered = new Set(built.map((b) => `${b.request.domain}\0${b.request.path}`));
        for (const b of built)
            index.fill(b.request, b.section);
        // Whatever could not be built counts as a module with nothing to tell.
        for (const [key, request] of requests)
            if (!answered.has(key))
                index.fill(request, undefined);
        open = waiting;
    }
    return { findings: out.filter((f) => f !== undefined), skipped };
}
function decideOne(finding, rule, index, options, timing) {
    const { pending, ...rest } = finding;
    const plain = rest;
    if (!rule?.decide)
        return { kind: 'decided', finding: plain };
    let decision;
    const start = timing ? performance.now() : 0;
    try {
        decision = rule.decide(pending, { path: finding.path, index });
    }
    catch (e) {
        if (e instanceof SectionsNeeded)
            return { kind: 'needs', requests: e.requests };
        const why = e instanceof Error ? e.message.split('\n')[0] : String(e);
        return {
            kind: 'decided',
            finding: plain,
            skipped: {
                path: finding.path,
                reason: `rule ${rule.meta.id} could not consult the other modules for line ${finding.line} (${why}); its finding is kept as the file alone shows it`,
            },
        };
    }
    finally {
        if (timing)
            addRule(timing, `${rule.meta.id} (project)`, performance.now() - start);
    }
    if (decision === false)
        return { kind: 'decided', finding: undefined };
    if (decision === true)
        return { kind: 'decided', finding: plain };
    return {
        kind: 'decided',
        finding: {
            ...plain,
            ...(decision.message !== undefined ? { message: decision.message } : {}),
            ...(decision.severity !== undefined
                ? { severity: configuredSeverity(options, rule.meta.id, rule.meta.severity, decision.severity) }
                : {}),
            ...(decision.confidence !== undefined ? { confidence: decision.confidence } : {}),
        },
    };
}

/**
 * Phase 2's second look at a file: the sections phase 1 deferred (src/project/summarizer.ts
 * `eager`), built from a fresh parse of the module when a question reaches it. The same
 * summarisers as phase 1, on the same per-file models, so the section is the one phase 1 would
 * have built.
 */
async function lateSections(file, domains, budgetMs = FILE_BUDGET_MS) {
    const summarizers = SUMMARIZERS.filter((s) => domains.includes(s.domain));
    if (file.kind !== 'python')
        return summarizeDomains({ file, python: undefined, config: undefined }, summarizers);
    const doc = await parsePython(file.text);
    try {
        return withBudget(budgetMs, () => summarizeDomains({ file, python: indexPython(doc), config: undefined }, summarizers));
    }
    finally {
        doc.tree.delete();
    }
}
/**
 * The engine's BuildSections: reads each requested module again (in this thread: a question
 * reaches few modules) and builds its deferred sections. A module that cannot be read or parsed
 * again answers nothing and is said in `skipped`.
 */
function buildFromFiles(candidates, options = DEFAULT_ANALYSIS, skipped = [], timing) {
    const byPath = new Map(candidates.map((c) => [c.path, c]));
    return async (requests) => {
        const byFile = new Map();
        for (const r of requests) {
            const list = byFile.get(r.path);
            if (list)
                list.push(r);
            else
                byFile.set(r.path, [r]);
        }
        const out = [];
        for (const [path, wanted] of byFile) {
            const start = timing ? performance.now() : 0;
            let sections = {};
            const candidate = byPath.get(path);
            try {
                if (!candidate)
                    throw new Error('it is not among the files scanned');
                const read = await readSource(candidate, 'python');
                addCount(timing, 'bytesRead', candidate.size);
                if (!read.ok)
                    throw new Error(read.reason);
                const file = { ...read.file, kind: 'python', role: roleOf(path, options.roles) };
                sections = await lateSections(file, wanted.map((r) => r.domain), options.fileBudgetMs ?? FILE_BUDGET_MS);
            }
            catch (e) {
                const why = e instanceof BudgetExceeded || e instanceof Error ? e.message : String(e);
                skipped.push({
                    path,
                    reason: `its ${wanted.map((r) => r.domain).join(', ')} summary could not be built for the project phase (${why.split('\n')[0]}); checks that need it from other modules do not see it`,
                });
            }
            for (const request of wanted)
                out.push({ request, section: sections[request.domain] });
            if (timing)
                addRule(timing, 'late sections', performance.now() - start);
        }
        return out;
    };
}

/** The tool's own files: the configuration and the baseline are read as such, never scanned. */
const OWN_FILES = new Set([...CONFIG_FILES, DEFAULT_BASELINE_FILE]);
/** discover → read → parse → rules → suppressions → baseline → grade → verdict. Reporters take it from here. */
async function scan(options) {
    const started = Date.now();
    const root = resolve(options.root);
    const info = await stat(root).catch(() => undefined);
    if (!info?.isDirectory())
        throw new ScanError(`${options.root} is not a directory`);
    // The workers start loading while the tree is walked; those the scan does not use are closed.
    const warm = options.stdin ? undefined : warmWorkers({ rules: options.rules });
    try {
        return await scanRoot(options, root, started, warm);
    }
    finally {
        await warm?.close();
    }
}
async function scanRoot(options, root, started, warm) {
    const rules = options.rules ?? ALL_RULES;
    // Read first: a missing or malformed baseline fails before a long scan, not after.
    const baseline = options.baseline
        ? await readBaseline(options.baseline.path, options.baseline.shown, options.baseline.within)
        : undefined;
    const baselineRel = options.baseline ? relative(root, options.baseline.path).split(sep).join('/') : undefined;
    const isOwn = (p) => OWN_FILES.has(p.slice(p.lastIndexOf('/') + 1)) || p === baselineRel;
    const timing = options.timing ? emptyTimings() : undefined;
    const found = await timedAsync(timing, 'discover', () => discover({
        root,
        include: options.include ?? [],
        exclude: options.exclude ?? [],
        // Files without a known name are candidates too when their text may tell their kind.
        isScannable: (p) => (configKindOf(p) !== undefined || mayHaveKindByContent(p)) && !isOwn(p),
        ...(options.paths ? { paths: options.paths } : {}),
        ...(options.stdin ? { stdin: options.stdin } : {}),
    }));
    // Templates (`.env.example`, `settings.sample.py`) document configuration; they are not scanned.
    const files = found.files.filter((f) => fileRole(f.path) !== 'template');
    // Read, parse and check every file: on worker threads when that pays, same result either way.
    const analysis = timing ? { ...(options.analysis ?? DEFAULT_ANALYSIS), timing: true } : options.analysis;
    const analysed = await analyzeInParallel(files, {
        rules: options.rules,
        warm,
        ...(analysis ? { analysis } : {}),
        ...(options.onProgress ? { onProgress: options.onProgress } : {}),
    });
    if (timing)
        mergeTimings(timing, analysed.timing);
    // Phase 2: the modules' summaries make the project index, and the findings a file alone could
    // not decide are settled against it.
    const project = await timedAsync(timing, 'project', () => settleProject(analysed, files, rules, options.analysis ?? DEFAULT_ANALYSIS, timing));
    // The one place every message and skip reason passes on its way to a reporter: whatever a rule
    // or a parser's error quoted, a credential-shaped part of it is masked here (src/conn/redact.ts).
    const skipped = [...found.skipped, ...analysed.skipped, ...project.skipped].map((s) => ({
        ...s,
        reason: redactCredentials(s.reason),
    }));
    if (analysed.filesScanned === 0 && !options.allowEmpty) {
        throw new EmptyScanError({
            include: options.include ?? [],
            exclude: options.exclude ?? [],
            skipped,
            templates: found.files.length - files.length,
        });
    }
    const minSeverity = options.minSeverity;
    let findings = project.findings
        .filter((f) => minSeverity === undefined || atLeast(f.severity, minSeverity))
        .map((f) => ({ ...f, message: redactCredentials(f.message) }));
    let baselineSummary;
    if (baseline && options.baseline) {
        const applied = applyBaseline(findings, baseline, options.baseline.shown);
        findings = applied.findings;
        baselineSummary = applied.summary;
    }
    const filesScanned = analysed.filesScanned;
    findings.sort(compareFindings);
    const { grade, newGrade, fresh } = timed(timing, 'grade', () => {
        const fresh = findings.filter((f) => f.state !== 'existing');
        return {
            grade: gradeFindings(findings),
            newGrade: baseline ? gradeFindings(fresh) : undefined,
            fresh,
        };
    });
    const gateOn = options.gateOn ?? 'all';
    const verdict = gateOn === 'new'
        ? judge(newGrade ?? grade, fresh, options.threshold, 'new')
        : judge(grade, findings, options.threshold);
    const configured = options.analysis;
    return {
        tool: { name: TOOL_NAME, version: TOOL_VERSION, informationUri: TOOL_URI },
        root,
        repoPrefix: found.repoPrefix,
        filesScanned,
        findings,
        skipped,
        counts: countBySeverity(findings),
        grade,
        threshold: options.threshold,
        verdict,
        rules: rules.filter((r) => !configured || !isRuleOff(configured, r.meta.id)).map((r) => r.meta),
        durationMs: Date.now() - started,
        suppressed: project.suppressed,
        suppressions: summariseSuppressions(analysed.suppressions, project.suppressed),
        ...(baselineSummary ? { baseline: baselineSummary } : {}),
        ...(newGrade ? { newGrade } : {}),
        gateOn,
        ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
        ...(timing ? { timing } : {}),
    };
}
/**
 * Builds the project index from the summaries and settles held findings, suppressed ones too.
 * Sections phase 1 deferred are built from the files when a question reaches them.
 */
async function settleProject(analysed, files, rules, analysis, timing) {
    const index = new ProjectIndex(analysed.summaries);
    const late = [];
    const build = buildFromFiles(files, analysis, late, timing);
    const open = await settle(analysed.findings, index, rules, analysis, timing, build);
    const quiet = await settle(analysed.suppressed, index, rules, analysis, timing, build);
    return {
        findings: open.findings,
        suppressed: quiet.findings,
        skipped: [...late, ...open.skipped, ...quiet.skipped],
    };
}

export { ScanError, scan };
