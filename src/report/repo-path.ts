import type { Finding } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';

/**
 * A finding's path from the top of its repository (the scanned directory's prefix put back), as
 * CI systems place findings: GitHub annotations, GitLab code quality, reviewdog, JUnit.
 */
export function repoPath(report: Pick<ScanReport, 'repoPrefix'>, f: Pick<Finding, 'path'>): string {
  const prefix = report.repoPrefix.replace(/\/*$/, '/');
  return prefix === '/' ? f.path : `${prefix}${f.path}`;
}
