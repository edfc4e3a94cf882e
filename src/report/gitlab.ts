import type { Severity } from '../core/severity.js';
import type { ScanReport } from '../engine/result.js';
import { sortedFindings } from './format.js';
import { repoPath } from './repo-path.js';

/** GitLab's five levels (info, minor, major, critical, blocker) for the tool's four. */
const GITLAB_SEVERITY: Readonly<Record<Severity, 'minor' | 'major' | 'critical' | 'blocker'>> = {
  low: 'minor',
  medium: 'major',
  high: 'critical',
  critical: 'blocker',
};

export interface GitlabIssue {
  readonly description: string;
  readonly check_name: string;
  readonly fingerprint: string;
  readonly severity: (typeof GITLAB_SEVERITY)[Severity];
  readonly location: { readonly path: string; readonly lines: { readonly begin: number; readonly end: number } };
}

/**
 * A GitLab code quality report (`artifacts:reports:codequality`): a JSON array of issues with the
 * fields GitLab's documentation lists (description, check_name, fingerprint, severity,
 * location.path from the repository's top, location.lines.begin). GitLab shows one issue per
 * fingerprint, and a finding's fingerprint is unique within a scan.
 */
export function renderGitlab(report: ScanReport): string {
  const issues: GitlabIssue[] = sortedFindings(report.findings).map((f) => ({
    description: `${f.ruleId} ${f.name}: ${f.message} (${f.confidence} confidence)`,
    check_name: f.ruleId,
    fingerprint: f.fingerprint,
    severity: GITLAB_SEVERITY[f.severity],
    location: { path: repoPath(report, f), lines: { begin: f.line, end: f.endLine } },
  }));
  return `${JSON.stringify(issues, null, 2)}\n`;
}
