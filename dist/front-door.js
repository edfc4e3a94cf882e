import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { e as excerpt, c as createBaseline, b as renderBaseline } from './baseline.js';
import { d as deselectedRules, g as globProblem, l as loadConfig, s as selectorProblem } from './load.js';
import { c as confinedTo } from './own-file.js';
import { A as ALL_RULES } from './index2.js';
import { D as DEFAULT_ANALYSIS } from './yaml-tree.js';
import './redact.js';
import 'node:fs';
import './severity.js';
import './suggest.js';
import './types.js';
import 'node:util';
import 'fs';
import 'process';
import 'buffer';

/**
 * Flags and inputs override the file part by part (a `--min-score` leaves the file's `fail-below`
 * in force); `failBelow` falls back to `defaultFailBelow` when neither sets it. Include globs given
 * on the command line replace the file's; exclude globs add to them.
 */
function resolveRequest(request, config, defaultFailBelow, rules = []) {
    const t = config?.threshold;
    const fresh = request.select !== undefined && request.select.length > 0;
    const select = fresh ? request.select : config?.select;
    const ignore = [...(fresh ? [] : (config?.ignore ?? [])), ...(request.ignore ?? [])];
    const off = select !== undefined || ignore.length > 0 ? deselectedRules(rules, select, ignore) : [];
    const settings = { ...config?.rules };
    for (const id of off)
        settings[id] = 'off';
    const minSeverity = request.minSeverity ?? config?.minSeverity;
    const baseline = request.baseline !== undefined
        ? { path: path.resolve(request.cwd, request.baseline), shown: request.baseline }
        : config?.baseline;
    return {
        include: request.include.length > 0 ? request.include : (config?.include ?? []),
        exclude: [...(config?.exclude ?? []), ...request.exclude],
        threshold: {
            failBelow: request.failBelow ?? t?.failBelow ?? defaultFailBelow,
            minScore: request.minScore ?? t?.minScore,
            failOnSeverity: request.failOnSeverity ?? t?.failOnSeverity,
        },
        gateOn: request.gateOn ?? t?.gateOn ?? 'all',
        analysis: config
            ? { rules: settings, roles: config.paths, localHostsAreProduction: config.localHostsAreProduction }
            : off.length > 0
                ? { ...DEFAULT_ANALYSIS, rules: settings }
                : undefined,
        baseline,
        ...(minSeverity !== undefined ? { minSeverity } : {}),
    };
}

/**
 * What the CLI and the action share: find and validate the configuration file, then merge it with
 * the flags or inputs into scan options (flags win part by part). Keys left at their defaults are
 * left out, so a plain scan's options stay `{ root, threshold }`. Throws ConfigError (exit 2,
 * setFailed) naming the file and line of every problem.
 */
async function frontDoorOptions(input) {
    // Globs from flags or inputs are checked here, as the configuration's are where they are written.
    for (const [key, globs] of [
        ['include', input.request.include],
        ['exclude', input.request.exclude],
    ]) {
        for (const glob of globs) {
            const problem = globProblem(glob);
            if (problem)
                throw new Error(`${key} glob ${excerpt(glob)} ${problem}`);
        }
    }
    const loaded = await loadConfig({
        root: input.root,
        explicit: input.config,
        cwd: input.request.cwd,
        rules: ALL_RULES.map((r) => r.meta),
        confine: input.request.confine,
    });
    const metas = ALL_RULES.map((r) => r.meta);
    for (const [key, list] of [
        ['select', input.request.select ?? []],
        ['ignore', input.request.ignore ?? []],
    ]) {
        for (const selector of list) {
            const problem = selectorProblem(selector, metas);
            if (problem)
                throw new Error(`--${key} ${problem}`);
        }
    }
    const r = resolveRequest(input.request, loaded?.config, input.defaultFailBelow, metas);
    // A baseline the configuration names is named by a file in the scanned tree: it stays inside
    // that tree. One given as a flag is the user's choice (confined only where the request says).
    const confine = input.request.confine;
    const baseline = r.baseline && {
        ...r.baseline,
        within: input.request.baseline === undefined ? input.root : confine && confinedTo(r.baseline.path, confine),
    };
    const options = {
        root: input.root,
        threshold: r.threshold,
        ...(r.include.length > 0 ? { include: r.include } : {}),
        ...(r.exclude.length > 0 ? { exclude: r.exclude } : {}),
        ...(r.analysis ? { analysis: r.analysis } : {}),
        ...(input.applyBaseline && baseline ? { baseline } : {}),
        ...(r.gateOn !== 'all' ? { gateOn: r.gateOn } : {}),
        ...(loaded ? { configFile: loaded.config.file } : {}),
        ...(r.minSeverity !== undefined ? { minSeverity: r.minSeverity } : {}),
    };
    return { options, loaded, notes: loaded?.notes ?? [] };
}
/** Writes a baseline of the report's findings (after suppressions) to `file`; returns how many. */
async function writeBaselineFile(report, file, now) {
    const baseline = createBaseline(report.findings, report.tool, now);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, renderBaseline(baseline), 'utf8');
    return baseline.findings.length;
}

export { frontDoorOptions, writeBaselineFile };
