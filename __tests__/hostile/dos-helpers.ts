/**
 * Shared by the denial-of-service tests (dos-*.test.ts): the hostile shapes of
 * scripts/hostile-shapes.mjs analysed in-process, and a growth measure that tells linear from
 * quadratic without trusting any single wall-clock number.
 */
import type { SourceFile } from '../../src/core/types.js';
import { fileRole } from '../../src/discover/roles.js';
import { analyzeFile, type FileResult } from '../../src/engine/analyze-file.js';
import { DEFAULT_ANALYSIS, type AnalysisOptions } from '../../src/engine/options.js';
import { configKindOf } from '../../src/parse/config/kind.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { shape } from '../../scripts/hostile-shapes.mjs';

export function sourceFile(path: string, text: string): SourceFile {
  const kind = configKindOf(path);
  if (!kind) throw new Error(`no parser for ${path}`);
  return { path, kind, role: fileRole(path), text, lines: text.split(/\r\n|\r|\n/) };
}

/** The one scanned file of a shape built with n units, analysed with every rule. */
export async function analyseShape(
  name: string,
  n: number,
  options: Partial<AnalysisOptions> = {},
): Promise<FileResult> {
  const files = Object.entries(shape(name).build(n)).filter(([p]) => !p.startsWith('.flask-crdb-gate'));
  if (files.length !== 1) throw new Error(`${name}: expected one scanned file`);
  const [path, text] = files[0] as [string, string];
  return analyzeFile(sourceFile(path, text), ALL_RULES, { ...DEFAULT_ANALYSIS, ...options });
}

/** CPU time of this process spent in `run`, in milliseconds (other processes' load does not count). */
async function cpuMs(run: () => unknown): Promise<number> {
  const before = process.cpuUsage();
  await run();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

/**
 * How much longer `run` takes at 10x the input than at 1x: about 10 for a linear algorithm,
 * about 100 for a quadratic one. CPU time, the best of a few runs after a warm-up, so that neither
 * the JIT nor a busy machine decides the answer; the tests compare it with a bound far from both.
 */
export async function growth(run: (n: number) => unknown, unit: number): Promise<number> {
  await run(unit); // warm-up: compile the code paths first
  const best = async (n: number, times: number): Promise<number> => {
    let min = Number.POSITIVE_INFINITY;
    for (let k = 0; k < times; k++) min = Math.min(min, await cpuMs(() => run(n)));
    return Math.max(min, 1);
  };
  const one = await best(unit, 3);
  const ten = await best(unit * 10, 3);
  return ten / one;
}

/** Between linear (about 10) and quadratic (about 100), with room for noise on either side. */
export const LINEAR_BOUND = 35;
