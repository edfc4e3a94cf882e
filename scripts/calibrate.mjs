#!/usr/bin/env node
// Grade calibration: for every repository of ecosystem/repos.tsv, the grade the scanner's findings
// give and the grade the ledger's truth gives (its `tp` rows plus its misses), under grading v1 and
// v2 side by side, with the targets of issue 15 checked. See ecosystem/README.md, "Calibration".
//
//   node scripts/calibrate.mjs --snapshots DIR [--cli PATH] [--jobs N] [--write FILE]
//   node scripts/calibrate.mjs --reports DIR [--write FILE]   DIR/<owner>+<name>.json: saved scans
//
// The truth of a ledger row: its rule's default severity and confidence (the ledger has neither),
// in the file role of the finding it matches (a miss: `test` when tagged so, else production). A
// miss that names a family instead of a rule counts as high severity at medium confidence: a
// person found it by reading, but no rule says how sure such a finding would be.
// Exit 0 when every target holds, 1 when one does not, 2 on a usage error.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { register } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ledgerFileName, parseLedger, parseRepos } from './ecosystem/ledger.mjs';
import { mapLimited, runScan } from './ecosystem/scan.mjs';
import { formatTable } from './ecosystem/table.mjs';

register('./calibration/ts-hooks.mjs', import.meta.url);
const REPO = fileURLToPath(new URL('../', import.meta.url));
const grading = await import('../src/grade/grade.ts');
const { ALL_RULES } = await import('../src/rules/index.ts');
const { defaultConfidence } = await import('../src/core/confidence.ts');

/** Deliberately vulnerable applications (repos.tsv `kind`): their grade must be F. */
const VULNERABLE_KIND = 'deliberately vulnerable';
/** A miss no rule covers: no rule says how bad or how sure. */
const FAMILY_MISS = { severity: 'high', confidence: 'medium' };
const GRADES = ['A', 'B', 'C', 'D', 'F'];

/** Grading model v1, frozen as README described it before v2, for the side-by-side column. */
function gradeV1(findings) {
  const W = { critical: 40, high: 20, medium: 8, low: 2 };
  const reduced = (f) => f.role === 'test' || f.role === 'development';
  const byRule = new Map();
  for (const f of findings) byRule.set(f.ruleId, [...(byRule.get(f.ruleId) ?? []), f]);
  let total = 0;
  for (const list of byRule.values()) {
    const w = list.map((f) => W[f.severity] * (reduced(f) ? 0.25 : 1));
    const p = Math.max(...w) + (w.reduce((a, b) => a + b, 0) / w.length) * Math.log2(w.length);
    total += Math.round(p * 10) / 10;
  }
  const score = Math.max(0, Math.round(100 - total));
  let grade = grading.gradeForScore(score);
  const prod = findings.filter((f) => !reduced(f));
  if (prod.some((f) => f.severity === 'critical')) grade = grading.worseGrade(grade, 'D');
  else if (prod.some((f) => f.severity === 'high')) grade = grading.worseGrade(grade, 'C');
  return { grade, score };
}

function gradeV2(findings) {
  const g = grading.gradeFindings(findings);
  return { grade: g.grade, score: g.score };
}

const key = (p, line, rule) => `${p}\u0000${line}\u0000${rule}`;

/**
 * The ledger's truth as findings: every `tp` row and every `miss` row (found or not), with its
 * rule's default severity and confidence.
 */
function truthFindings(rows, findings, meta, ruleDefaults) {
  const byKey = new Map(findings.map((f) => [key(f.path, f.line, f.ruleId), f]));
  const out = [];
  for (const row of rows) {
    if (row.verdict !== 'tp' && row.verdict !== 'miss') continue;
    const m = meta.get(row.rule);
    const found = byKey.get(key(row.path, row.line, row.rule));
    const role = found ? found.role : row.tags.test ? 'test' : 'production';
    const defaults = m ?? FAMILY_MISS;
    // A reported tp keeps what the rule said of that place (a connection to localhost is low, an
    // app.run() a deployment may never call is medium confidence); a miss has only the defaults.
    const { severity, confidence } = found && !ruleDefaults ? found : defaults;
    out.push({
      ruleId: row.rule,
      name: m?.name ?? row.rule,
      family: m?.family ?? row.rule,
      severity,
      confidence,
      role,
      path: row.path,
      line: row.line,
    });
  }
  return out;
}

/** What the truth holds: `flaws` when a high or critical row is in production code, else `gaps` (or `none`). */
function truthKind(truth) {
  if (truth.length === 0) return 'none';
  const prod = truth.filter((f) => f.role !== 'test' && f.role !== 'development');
  return prod.some((f) => f.severity === 'high' || f.severity === 'critical') ? 'flaws' : 'gaps';
}

function options() {
  const parsed = parseArgs({
    options: {
      snapshots: { type: 'string' },
      reports: { type: 'string' },
      cli: { type: 'string', default: path.join(REPO, 'dist', 'cli.js') },
      jobs: { type: 'string', default: '1' },
      write: { type: 'string' },
      'rule-defaults': { type: 'boolean', default: false },
      ecosystem: { type: 'string', default: path.join(REPO, 'ecosystem') },
    },
  }).values;
  const base = process.env.INIT_CWD ?? process.cwd();
  for (const name of ['snapshots', 'reports', 'cli', 'write', 'ecosystem'])
    if (parsed[name] !== undefined) parsed[name] = path.resolve(base, parsed[name]);
  if (!parsed.snapshots === !parsed.reports)
    throw new Error('give --snapshots DIR (scan) or --reports DIR (saved scans)');
  return parsed;
}

async function main() {
  const opts = options();
  const { repos, errors } = parseRepos(readFileSync(path.join(opts.ecosystem, 'repos.tsv'), 'utf8'), 'repos.tsv');
  if (errors.length > 0) throw new Error(errors.join('\n'));
  const meta = new Map(ALL_RULES.map((r) => [r.meta.id, { ...r.meta, confidence: defaultConfidence(r.meta) }]));
  const reports = await mapLimited(repos, Number(opts.jobs), async (entry) => {
    const name = entry.repo.replace('/', '+');
    if (opts.reports) return JSON.parse(readFileSync(path.join(opts.reports, `${name}.json`), 'utf8'));
    process.stderr.write(`scanning ${entry.repo}\n`);
    return (await runScan(opts.cli, path.join(opts.snapshots, name))).report;
  });
  const rows = [];
  repos.forEach((entry, i) => {
    const report = reports[i];
    const file = path.join(opts.ecosystem, 'ledger', ledgerFileName(entry.repo));
    const ledger = existsSync(file) ? parseLedger(readFileSync(file, 'utf8'), file).rows : [];
    // Reports from before v2 carry no confidence: the rule's default stands in.
    const findings = report.findings.map((f) => ({
      ...f,
      confidence: f.confidence ?? meta.get(f.ruleId)?.confidence ?? 'high',
    }));
    const truth = truthFindings(ledger, findings, meta, opts['rule-defaults']);
    const scanner = { v1: gradeV1(findings), v2: gradeV2(findings) };
    const truthGrade = { v1: gradeV1(truth), v2: gradeV2(truth) };
    rows.push({
      repo: entry.repo,
      kind: entry.kind,
      truthKind: truthKind(truth),
      scanner,
      truth: truthGrade,
      findings: findings.length,
      truthRows: truth.length,
    });
  });
  const targets = (v) => {
    const agree = rows.filter((r) => r.scanner[v].grade === r.truth[v].grade).length;
    const vulnerable = rows.filter((r) => r.kind === VULNERABLE_KIND);
    const gapsOnly = rows.filter((r) => r.truthKind !== 'flaws');
    const below = (g, floor) => GRADES.indexOf(g) > GRADES.indexOf(floor);
    return {
      agree,
      agreeOk: agree / rows.length >= 0.9,
      vulnerableF: vulnerable.every((r) => r.scanner[v].grade === 'F' && r.truth[v].grade === 'F'),
      gapsBelowC: gapsOnly
        .filter((r) => below(r.scanner[v].grade, 'C') || below(r.truth[v].grade, 'C'))
        .map((r) => r.repo),
    };
  };
  const t1 = targets('v1');
  const t2 = targets('v2');
  const cell = (g) => `${g.grade} ${g.score}`;
  const table = formatTable(
    [
      { title: 'repository' },
      { title: 'kind' },
      { title: 'truth holds' },
      { title: 'findings', right: true },
      { title: 'truth rows', right: true },
      { title: 'v1 scanner' },
      { title: 'v1 truth' },
      { title: 'v1 agree' },
      { title: 'v2 scanner' },
      { title: 'v2 truth' },
      { title: 'v2 agree' },
    ],
    rows.map((r) => [
      r.repo,
      r.kind,
      r.truthKind,
      String(r.findings),
      String(r.truthRows),
      cell(r.scanner.v1),
      cell(r.truth.v1),
      r.scanner.v1.grade === r.truth.v1.grade ? 'yes' : 'no',
      cell(r.scanner.v2),
      cell(r.truth.v2),
      r.scanner.v2.grade === r.truth.v2.grade ? 'yes' : 'no',
    ]),
    true,
  );
  const n = rows.length;
  const pct = (k) => `${Math.round((100 * k) / n)}%`;
  const met = (ok) => (ok ? 'met' : 'NOT met');
  const gapCell = (t) => (t.gapsBelowC.length === 0 ? 'met' : `NOT met (${t.gapsBelowC.join(', ')})`);
  const out = [
    '| Target | v1 | v2 |',
    '| --- | --- | --- |',
    `| scanner and truth agree on >= 90% of ${n} repositories | ${t1.agree} of ${n}, ${pct(t1.agree)}: ${met(t1.agreeOk)} | ${t2.agree} of ${n}, ${pct(t2.agree)}: ${met(t2.agreeOk)} |`,
    `| every deliberately vulnerable app is F (scanner and truth) | ${met(t1.vulnerableF)} | ${met(t2.vulnerableF)} |`,
    `| no repository whose truth holds only medium/low gaps is below C | ${gapCell(t1)} | ${gapCell(t2)} |`,
    '',
    table,
  ].join('\n');
  process.stdout.write(`${out}\n`);
  if (opts.write) {
    const doc = readFileSync(opts.write, 'utf8');
    const start = '<!-- calibration:start -->';
    const end = '<!-- calibration:end -->';
    const a = doc.indexOf(start);
    const b = doc.indexOf(end);
    if (a < 0 || b < a) throw new Error(`${opts.write} has no ${start} ... ${end} block`);
    writeFileSync(opts.write, `${doc.slice(0, a + start.length)}\n\n${out}\n\n${doc.slice(b)}`);
  }
  const ok = (t) => t.agreeOk && t.vulnerableF && t.gapsBelowC.length === 0;
  return ok(t2) ? 0 : 1;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
