import type { Finding } from '../core/types.js';
import type { ScanReport } from '../engine/result.js';
import { plural } from './format.js';
import { repoPath } from './repo-path.js';

/**
 * Text for an XML attribute or element: the five special characters as entities, and characters
 * XML 1.0 cannot carry at all (most control characters, lone surrogates) as `\xNN` / `\uNNNN`,
 * since no entity may stand for them.
 */
function xml(s: string): string {
  return s
    .replace(
      // eslint-disable-next-line no-control-regex
      /[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g,
      (c) =>
        c.length === 1 && c.charCodeAt(0) < 0x100
          ? `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`
          : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`,
    )
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;')
    .replace(/\t/g, '&#9;')
    .replace(/\n/g, '&#10;')
    .replace(/\r/g, '&#13;');
}

function testcase(report: ScanReport, f: Finding): string {
  const path = repoPath(report, f);
  const where = `${path}:${f.line}:${f.column}`;
  return (
    `    <testcase name="${xml(`${f.ruleId} ${f.name} at ${f.line}:${f.column}`)}" classname="${xml(path)}" time="0">\n` +
    `      <failure message="${xml(f.message)}" type="${xml(`${f.ruleId} ${f.severity}`)}">${xml(`${where}: ${f.ruleId} [${f.severity}, ${f.confidence} confidence] ${f.message}`)}</failure>\n` +
    `    </testcase>`
  );
}

/**
 * JUnit XML as CI systems read test reports (Jenkins, GitLab's `artifacts:reports:junit`, test
 * reporter actions): one test suite per file with findings, one failed test case per finding, and
 * one passing test case for the whole scan when nothing was found, so the report is never empty.
 * Valid against the JUnit schema Jenkins' xUnit plugin publishes (junit-10.xsd), which has no
 * file or line attribute on a test case: the location is in the case's name, class and text.
 */
export function renderJunit(report: ScanReport): string {
  const byFile = new Map<string, Finding[]>();
  for (const f of report.findings) {
    const list = byFile.get(f.path);
    if (list) list.push(f);
    else byFile.set(f.path, [f]);
  }
  const seconds = (report.durationMs / 1000).toFixed(3);
  const suites: string[] = [];
  for (const path of [...byFile.keys()].sort()) {
    const list = (byFile.get(path) ?? []).sort((a, b) => a.line - b.line || a.column - b.column);
    suites.push(
      `  <testsuite name="${xml(repoPath(report, { path }))}" tests="${list.length}" failures="${list.length}" errors="0" skipped="0" time="0">\n` +
        `${list.map((f) => testcase(report, f)).join('\n')}\n` +
        `  </testsuite>`,
    );
  }
  if (suites.length === 0) {
    suites.push(
      `  <testsuite name="${xml(report.tool.name)}" tests="1" failures="0" errors="0" skipped="0" time="${seconds}">\n` +
        `    <testcase name="${xml(`no findings in ${plural(report.filesScanned, 'file')}`)}" classname="${xml(report.tool.name)}" time="${seconds}"/>\n` +
        `  </testsuite>`,
    );
  }
  const tests = Math.max(1, report.findings.length);
  const name = `${report.tool.name} ${report.tool.version}: grade ${report.grade.grade}, score ${report.grade.score}/100`;
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<testsuites name="${xml(name)}" tests="${tests}" failures="${report.findings.length}" errors="0" time="${seconds}">\n` +
    `${suites.join('\n')}\n` +
    '</testsuites>\n'
  );
}
