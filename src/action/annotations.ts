import * as core from '@actions/core';
import path from 'node:path';
import { severityRank } from '../core/severity.js';
import type { Severity } from '../core/severity.js';
import type { Finding } from '../core/types.js';

type Level = 'error' | 'warning' | 'notice';

/** GitHub shows at most this many annotations of each level per step (and 50 per job). */
export const MAX_PER_LEVEL = 10;

const LEVEL: Record<Severity, Level> = { critical: 'error', high: 'error', medium: 'warning', low: 'notice' };
const EMIT: Record<Level, (message: string, properties: core.AnnotationProperties) => void> = {
  error: core.error,
  warning: core.warning,
  notice: core.notice,
};

export interface AnnotationOptions {
  /** Absolute path of the scanned directory: finding paths are relative to it. */
  readonly root: string;
  /** Absolute path of the checkout: GitHub resolves annotation files against it. */
  readonly workspace: string;
  /** Where every finding can be read, for the closing notice; default the job summary and the SARIF file. */
  readonly elsewhere?: string;
}

/**
 * Emits one workflow-command annotation per finding, most severe first, at most MAX_PER_LEVEL
 * per level; when some are left out, one more notice says how many and where all of them are
 * (that notice takes one of the notice slots, so GitHub still shows it). Returns how many
 * findings were annotated.
 */
export function annotate(findings: readonly Finding[], options: AnnotationOptions): number {
  const ordered = [...findings].sort((a, b) => severityRank(b.severity) - severityRank(a.severity));
  const byLevel: Record<Level, Finding[]> = { error: [], warning: [], notice: [] };
  for (const f of ordered) byLevel[LEVEL[f.severity]].push(f);

  const overflows = (lvl: Level, cap: number): boolean => byLevel[lvl].length > cap;
  const anyOverflow =
    overflows('error', MAX_PER_LEVEL) || overflows('warning', MAX_PER_LEVEL) || overflows('notice', MAX_PER_LEVEL);
  const caps: Record<Level, number> = {
    error: MAX_PER_LEVEL,
    warning: MAX_PER_LEVEL,
    notice: anyOverflow ? MAX_PER_LEVEL - 1 : MAX_PER_LEVEL,
  };

  let emitted = 0;
  for (const f of ordered) {
    const level = LEVEL[f.severity];
    if (caps[level] === 0) continue;
    caps[level]--;
    EMIT[level](f.message, properties(f, options));
    emitted++;
  }

  const omitted = findings.length - emitted;
  if (omitted > 0) {
    core.notice(
      `${omitted} more finding${omitted === 1 ? '' : 's'} not annotated here (GitHub shows ${MAX_PER_LEVEL} annotations per level per step); ` +
        `${options.elsewhere ?? 'the job summary and the SARIF file'} list all of them.`,
      { title: 'More findings than annotations' },
    );
  }
  return emitted;
}

function properties(f: Finding, { root, workspace }: AnnotationOptions): core.AnnotationProperties {
  // GitHub places annotations by checkout-relative path; findings are relative to the scanned root.
  const file = path.relative(workspace, path.resolve(root, f.path)).split(path.sep).join('/');
  const props: core.AnnotationProperties = {
    title: `${f.ruleId} ${f.name}`,
    file,
    startLine: f.line,
    endLine: f.endLine,
  };
  // A column is only accepted on a single-line annotation.
  if (f.line === f.endLine) props.startColumn = f.column;
  return props;
}
