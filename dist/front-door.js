import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createBaseline, renderBaseline } from './baseline.js';
import { A as ALL_RULES } from './yaml-tree.js';
import { l as loadConfig } from './load.js';
import './severity.js';
import 'fs';
import 'process';
import 'buffer';
import 'node:fs';
import './types.js';

/**
 * Flags and inputs override the file part by part (a `--min-score` leaves the file's `fail-below`
 * in force); `failBelow` falls back to `defaultFailBelow` when neither sets it. Include globs given
 * on the command line replace the file's; exclude globs add to them.
 */
function resolveRequest(request, config, defaultFailBelow) {
    const t = config?.threshold;
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
            ? { rules: config.rules, roles: config.paths, localHostsAreProduction: config.localHostsAreProduction }
            : undefined,
        baseline,
    };
}

/**
 * What the CLI and the action share: find and validate the configuration file, then merge it with
 * the flags or inputs into scan options (flags win part by part). Keys left at their defaults are
 * left out, so a plain scan's options stay `{ root, threshold }`. Throws ConfigError (exit 2,
 * setFailed) naming the file and line of every problem.
 */
async function frontDoorOptions(input) {
    const loaded = await loadConfig({
        root: input.root,
        explicit: input.config,
        cwd: input.request.cwd,
        rules: ALL_RULES.map((r) => r.meta),
    });
    const r = resolveRequest(input.request, loaded?.config, input.defaultFailBelow);
    const options = {
        root: input.root,
        threshold: r.threshold,
        ...(r.include.length > 0 ? { include: r.include } : {}),
        ...(r.exclude.length > 0 ? { exclude: r.exclude } : {}),
        ...(r.analysis ? { analysis: r.analysis } : {}),
        ...(input.applyBaseline && r.baseline ? { baseline: r.baseline } : {}),
        ...(r.gateOn !== 'all' ? { gateOn: r.gateOn } : {}),
        ...(loaded ? { configFile: loaded.config.file } : {}),
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
