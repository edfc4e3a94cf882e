import { BudgetExceeded, FILE_BUDGET_MS, withBudget } from '../core/budget.js';
import { addCount, addRule, type Timings } from '../core/timing.js';
import type { Skipped, SourceFile } from '../core/types.js';
import type { Candidate } from '../discover/discover.js';
import { indexPython } from '../lang/python/file-index.js';
import { parsePython } from '../parse/python.js';
import type { SectionRequest } from '../project/project-index.js';
import type { BuildSections } from '../project/settle.js';
import { summarizeDomains } from '../project/summarize.js';
import { SUMMARIZERS } from '../project/summarizers.js';
import type { Json } from '../project/types.js';
import { readSource } from '../read/read.js';
import { DEFAULT_ANALYSIS, roleOf, type AnalysisOptions } from './options.js';

/**
 * Phase 2's second look at a file: the sections phase 1 deferred (src/project/summarizer.ts
 * `eager`), built from a fresh parse of the module when a question reaches it. The same
 * summarisers as phase 1, on the same per-file models, so the section is the one phase 1 would
 * have built.
 */
export async function lateSections(
  file: SourceFile,
  domains: readonly string[],
  budgetMs: number = FILE_BUDGET_MS,
): Promise<Record<string, Json>> {
  const summarizers = SUMMARIZERS.filter((s) => domains.includes(s.domain));
  if (file.kind !== 'python') return summarizeDomains({ file, python: undefined, config: undefined }, summarizers);
  const doc = await parsePython(file.text);
  try {
    return withBudget(budgetMs, () =>
      summarizeDomains({ file, python: indexPython(doc), config: undefined }, summarizers),
    );
  } finally {
    doc.tree.delete();
  }
}

/**
 * The engine's BuildSections: reads each requested module again (in this thread: a question
 * reaches few modules) and builds its deferred sections. A module that cannot be read or parsed
 * again answers nothing and is said in `skipped`.
 */
export function buildFromFiles(
  candidates: readonly Candidate[],
  options: AnalysisOptions = DEFAULT_ANALYSIS,
  skipped: Skipped[] = [],
  timing?: Timings,
): BuildSections {
  const byPath = new Map(candidates.map((c) => [c.path, c]));
  return async (requests) => {
    const byFile = new Map<string, SectionRequest[]>();
    for (const r of requests) {
      const list = byFile.get(r.path);
      if (list) list.push(r);
      else byFile.set(r.path, [r]);
    }
    const out: { request: SectionRequest; section: Json | undefined }[] = [];
    for (const [path, wanted] of byFile) {
      const start = timing ? performance.now() : 0;
      let sections: Record<string, Json> = {};
      const candidate = byPath.get(path);
      try {
        if (!candidate) throw new Error('it is not among the files scanned');
        const read = await readSource(candidate, 'python');
        addCount(timing, 'bytesRead', candidate.size);
        if (!read.ok) throw new Error(read.reason);
        const file = { ...read.file, kind: 'python' as const, role: roleOf(path, options.roles) };
        sections = await lateSections(
          file,
          wanted.map((r) => r.domain),
          options.fileBudgetMs ?? FILE_BUDGET_MS,
        );
      } catch (e) {
        const why = e instanceof BudgetExceeded || e instanceof Error ? e.message : String(e);
        skipped.push({
          path,
          reason: `its ${wanted.map((r) => r.domain).join(', ')} summary could not be built for the project phase (${why.split('\n')[0]}); checks that need it from other modules do not see it`,
        });
      }
      for (const request of wanted) out.push({ request, section: sections[request.domain] });
      if (timing) addRule(timing, 'late sections', performance.now() - start);
    }
    return out;
  };
}
