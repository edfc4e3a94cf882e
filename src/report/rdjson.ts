import type { Severity } from '../core/severity.js';
import type { ScanReport } from '../engine/result.js';
import { ruleDocsUrl, sortedFindings } from './format.js';
import { repoPath } from './repo-path.js';

const RD_SEVERITY: Readonly<Record<Severity, 'ERROR' | 'WARNING' | 'INFO'>> = {
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
export function renderRdjson(report: ScanReport): string {
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
