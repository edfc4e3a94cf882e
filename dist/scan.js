import { realpath, stat } from 'node:fs/promises';
import { join, relative, sep, resolve } from 'node:path';
import { readBaseline, applyBaseline, DEFAULT_BASELINE_FILE } from './baseline.js';
import { C as CONFIG_FILES } from './load.js';
import { g as gradeRank, c as compareFindings, d as gradeFindings, e as TOOL_URI, a as TOOL_VERSION, T as TOOL_NAME, s as summariseSuppressions, f as countBySeverity } from './version.js';
import { execFile } from 'node:child_process';
import { existsSync, readdirSync, lstatSync, realpathSync, statSync } from 'node:fs';
import { promisify } from 'node:util';
import { p as picomatch, f as fileRole, b as analyzeInParallel, i as isRuleOff, c as configKindOf } from './pool.js';
import { a as atLeast } from './severity.js';
import { A as ALL_RULES } from './yaml-tree.js';
import './types.js';
import 'node:os';
import 'node:url';
import 'node:worker_threads';
import 'fs';
import 'path';
import 'os';
import 'url';
import 'node:module';
import 'node:crypto';
import 'process';
import 'buffer';

/** Directories that never hold the project's own code. */
const DEFAULT_EXCLUDED_DIRS = new Set([
    '.git',
    '.hg',
    '.svn',
    'node_modules',
    'bower_components',
    '.venv',
    'venv',
    'virtualenv',
    '.virtualenv',
    'site-packages',
    'dist-packages',
    '__pycache__',
    '.tox',
    '.nox',
    '.mypy_cache',
    '.pytest_cache',
    '.ruff_cache',
    '.eggs',
    '.terraform',
    '.cache',
]);
const GLOB_OPTIONS = { dot: true };
/**
 * Include globs narrow the files to those matching one of them; exclude globs remove files and
 * prune whole directories (`legacy/**` never walks legacy/).
 */
function makePathFilter(include, exclude) {
    const inc = include.length > 0 ? picomatch(include.map(normaliseGlob), GLOB_OPTIONS) : () => true;
    const exc = exclude.length > 0 ? picomatch(exclude.map(normaliseGlob), GLOB_OPTIONS) : () => false;
    // `dir/**` also excludes the directory itself, so it can be pruned without walking it.
    const dirPatterns = exclude.map(normaliseGlob).flatMap((g) => (g.endsWith('/**') ? [g, g.slice(0, -3)] : [g]));
    const excDir = dirPatterns.length > 0 ? picomatch(dirPatterns, GLOB_OPTIONS) : () => false;
    return {
        prunesDir(relDir, absDir) {
            const name = relDir.slice(relDir.lastIndexOf('/') + 1);
            if (DEFAULT_EXCLUDED_DIRS.has(name) || name.endsWith('.egg-info'))
                return true;
            if (existsSync(join(absDir, 'pyvenv.cfg')))
                return true; // a virtualenv, whatever its name
            return excDir(relDir);
        },
        keepsFile(relPath) {
            const segments = relPath.split('/');
            if (segments.slice(0, -1).some((s) => DEFAULT_EXCLUDED_DIRS.has(s) || s.endsWith('.egg-info')))
                return false;
            return inc(relPath) && !exc(relPath);
        },
    };
}
/** `./src/**` → `src/**`; a bare directory name `legacy` also means everything below it. */
function normaliseGlob(glob) {
    let g = glob.trim().replace(/\\/g, '/');
    while (g.startsWith('./'))
        g = g.slice(2);
    if (g.endsWith('/'))
        g += '**';
    return g;
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
    const filter = makePathFilter(options.include, options.exclude);
    // An empty listing means the root is ignored or untracked as a whole: walk it instead.
    const gitFiles = await gitListFiles(root);
    const listed = gitFiles && gitFiles.length > 0 ? gitFiles : undefined;
    const skipped = [];
    const files = [];
    const relPaths = listed ?? (await walk(root, filter, skipped));
    const dirVerdicts = new Map();
    const underPrunedDir = (rel) => {
        const parts = rel.split('/');
        for (let i = 1; i < parts.length; i++) {
            const dir = parts.slice(0, i).join('/');
            let pruned = dirVerdicts.get(dir);
            if (pruned === undefined) {
                pruned = filter.prunesDir(dir, join(root, dir));
                dirVerdicts.set(dir, pruned);
            }
            if (pruned)
                return true;
        }
        return false;
    };
    for (const rel of relPaths) {
        if (!options.isScannable(rel) || !filter.keepsFile(rel))
            continue;
        if (listed && underPrunedDir(rel))
            continue;
        const candidate = await resolveInside(root, rel, skipped);
        if (candidate)
            files.push(candidate);
    }
    files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
    return { files, skipped, repoPrefix: listed ? await gitPrefix(root) : '' };
}
// Synchronous file-system calls below: awaiting them one at a time (the engine has nothing to do
// meanwhile) cost a thread-pool round trip each, ~10x the time on a tree of a few thousand entries.
async function resolveInside(root, rel, skipped) {
    const abs = join(root, rel);
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
            target = realpathSync(abs);
        }
        catch {
            skipped.push({ path: rel, reason: 'symbolic link whose target does not exist' });
            return undefined;
        }
        if (target !== root && !target.startsWith(root + sep)) {
            skipped.push({ path: rel, reason: 'symbolic link that leads outside the repository (not followed)' });
            return undefined;
        }
        const targetInfo = statSync(target);
        if (!targetInfo.isFile())
            return undefined;
        return { path: rel, absPath: target, size: targetInfo.size };
    }
    if (!info.isFile())
        return undefined;
    return { path: rel, absPath: abs, size: info.size };
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
/** Files git knows of below root, relative to it; undefined outside a work tree or without git. */
async function gitListFiles(root) {
    try {
        const { stdout } = await run('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], {
            cwd: root,
            maxBuffer: 512 * 1024 * 1024,
            env: { ...process.env, GIT_OPTIONAL_LOCKS: '0' },
        });
        const seen = new Set();
        for (const p of stdout.split('\0'))
            if (p)
                seen.add(p); // a conflicted file is listed once per stage
        return [...seen];
    }
    catch {
        return undefined;
    }
}
async function walk(root, filter, skipped) {
    const out = [];
    const stack = [''];
    while (stack.length > 0) {
        const relDir = stack.pop();
        const absDir = relDir ? join(root, relDir) : root;
        let entries;
        try {
            entries = readdirSync(absDir, { withFileTypes: true });
        }
        catch (e) {
            skipped.push({
                path: relDir || '.',
                reason: `directory could not be read: ${e.code ?? String(e)}`,
            });
            continue;
        }
        for (const entry of entries) {
            const rel = relDir ? `${relDir}/${entry.name}` : entry.name;
            if (entry.isDirectory()) {
                if (!filter.prunesDir(rel, join(absDir, entry.name)))
                    stack.push(rel);
            }
            else if (entry.isFile() || entry.isSymbolicLink()) {
                // Links to directories are not followed (loops, escapes); links to files are checked later.
                out.push(rel);
            }
        }
    }
    return out.map((p) => relative(root, join(root, p)).split(sep).join('/'));
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

class ScanError extends Error {
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
    const rules = options.rules ?? ALL_RULES;
    // Read first: a missing or malformed baseline fails before a long scan, not after.
    const baseline = options.baseline
        ? await readBaseline(options.baseline.path, options.baseline.shown)
        : undefined;
    const baselineRel = options.baseline ? relative(root, options.baseline.path).split(sep).join('/') : undefined;
    const isOwn = (p) => OWN_FILES.has(p.slice(p.lastIndexOf('/') + 1)) || p === baselineRel;
    const found = await discover({
        root,
        include: options.include ?? [],
        exclude: options.exclude ?? [],
        isScannable: (p) => configKindOf(p) !== undefined && !isOwn(p),
    });
    // Templates (`.env.example`, `settings.sample.py`) document configuration; they are not scanned.
    const files = found.files.filter((f) => fileRole(f.path) !== 'template');
    // Read, parse and check every file: on worker threads when that pays, same result either way.
    const analysed = await analyzeInParallel(files, {
        rules: options.rules,
        ...(options.analysis ? { analysis: options.analysis } : {}),
    });
    const skipped = [...found.skipped, ...analysed.skipped];
    let findings = analysed.findings;
    let baselineSummary;
    if (baseline && options.baseline) {
        const applied = applyBaseline(findings, baseline, options.baseline.shown);
        findings = applied.findings;
        baselineSummary = applied.summary;
    }
    const filesScanned = analysed.filesScanned;
    findings.sort(compareFindings);
    const grade = gradeFindings(findings);
    const fresh = findings.filter((f) => f.state !== 'existing');
    const newGrade = baseline ? gradeFindings(fresh) : undefined;
    const gateOn = options.gateOn ?? 'all';
    const verdict = gateOn === 'new'
        ? judge(newGrade ?? grade, fresh, options.threshold, 'new')
        : judge(grade, findings, options.threshold);
    const analysis = options.analysis;
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
        rules: rules.filter((r) => !analysis || !isRuleOff(analysis, r.meta.id)).map((r) => r.meta),
        durationMs: Date.now() - started,
        suppressed: analysed.suppressed,
        suppressions: summariseSuppressions(analysed.suppressions, analysed.suppressed),
        ...(baselineSummary ? { baseline: baselineSummary } : {}),
        ...(newGrade ? { newGrade } : {}),
        gateOn,
        ...(options.configFile !== undefined ? { configFile: options.configFile } : {}),
    };
}

export { ScanError, scan };
