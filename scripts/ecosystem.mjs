#!/usr/bin/env node
// The ecosystem check: scans exported snapshots of the repositories in ecosystem/repos.tsv with the
// bundled CLI and sets the findings against the judged ledgers in ecosystem/ledger/, so that a
// change which moves findings on real code is seen before it lands. See ecosystem/README.md.
//
//   npm run ecosystem -- --snapshots DIR      DIR/<owner>+<name>/ holds each repository's tree
//     --only owner/name        just this repository (repeatable)
//     --cli PATH               another bundle's cli.js (default dist/cli.js)
//     --jobs N                 scans at a time (default 1: times stay comparable)
//     --markdown FILE          also write the report as markdown, for a pull request
//     --write-unjudged FILE    write the unjudged findings as rows to judge
//     --ecosystem DIR          where repos.tsv and ledger/ are (default ecosystem/)
//
// Exit 0 when every finding is judged and every tp row is still reported, 1 when not (each one is
// listed), 2 on a usage or ledger-format error, a snapshot refused, or a scan that failed.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ledgerFileName, parseLedger, parseRepos } from './ecosystem/ledger.mjs';
import { findingsFromReport, matchFindings } from './ecosystem/match.mjs';
import { problemLists, renderReport } from './ecosystem/render.mjs';
import { mapLimited, runScan } from './ecosystem/scan.mjs';
import { unjudgedRows } from './ecosystem/scratch.mjs';
import { snapshotProblems } from './ecosystem/snapshot.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const USAGE =
  'usage: npm run ecosystem -- --snapshots DIR [--only owner/name]... [--cli PATH] [--jobs N]\n' +
  '                            [--markdown FILE] [--write-unjudged FILE] [--ecosystem DIR]';

class UsageError extends Error {}
/** A ledger or repos.tsv that does not follow ecosystem/ledger-format.md (exit 2, no usage text). */
class FormatError extends Error {}

function options() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        snapshots: { type: 'string' },
        only: { type: 'string', multiple: true, default: [] },
        cli: { type: 'string', default: path.join(REPO, 'dist', 'cli.js') },
        jobs: { type: 'string', default: '1' },
        markdown: { type: 'string' },
        'write-unjudged': { type: 'string' },
        ecosystem: { type: 'string', default: path.join(REPO, 'ecosystem') },
        help: { type: 'boolean', short: 'h' },
      },
    }).values;
  } catch (error) {
    throw new UsageError(error.message);
  }
  if (parsed.help) return parsed;
  // npm runs scripts in the package root; paths typed in a sub-directory are relative to it.
  const base = process.env.INIT_CWD ?? process.cwd();
  for (const name of ['snapshots', 'cli', 'markdown', 'write-unjudged', 'ecosystem']) {
    if (parsed[name] !== undefined) parsed[name] = path.resolve(base, parsed[name]);
  }
  if (!parsed.snapshots) throw new UsageError('--snapshots DIR is required');
  if (!/^[1-9]\d*$/.test(parsed.jobs)) throw new UsageError(`--jobs wants a positive integer, not "${parsed.jobs}"`);
  if (!existsSync(parsed.cli)) throw new UsageError(`no CLI bundle at ${parsed.cli} (npm run bundle builds dist/)`);
  return parsed;
}

/**
 * Reads repos.tsv and every ledger. Format errors of all files are collected, then thrown at once.
 * @returns {{ repos: import('./ecosystem/ledger.mjs').RepoEntry[], ledgers: Map<string, import('./ecosystem/ledger.mjs').LedgerRow[]> }}
 */
function readEcosystem(dir) {
  const reposFile = path.join(dir, 'repos.tsv');
  if (!existsSync(reposFile)) throw new UsageError(`no ${reposFile}`);
  const display = (file) => {
    const relative = path.relative(process.cwd(), file);
    return relative && !relative.startsWith('..') ? relative : file;
  };
  const { repos, errors } = parseRepos(readFileSync(reposFile, 'utf8'), display(reposFile));
  const byFile = new Map(repos.map((r) => [ledgerFileName(r.repo), r.repo]));
  const ledgers = new Map();
  const ledgerDir = path.join(dir, 'ledger');
  const files = existsSync(ledgerDir) ? readdirSync(ledgerDir).filter((f) => f.endsWith('.tsv')) : [];
  for (const name of files.sort()) {
    const file = display(path.join(ledgerDir, name));
    const repo = byFile.get(name);
    if (!repo) {
      errors.push(`${file}: no repository of repos.tsv has this ledger name (owner+name.tsv)`);
      continue;
    }
    const parsed = parseLedger(readFileSync(path.join(ledgerDir, name), 'utf8'), file);
    errors.push(...parsed.errors);
    ledgers.set(repo, parsed.rows);
  }
  if (errors.length > 0) throw new FormatError(`ledger format errors:\n${errors.map((e) => `  ${e}`).join('\n')}`);
  return { repos, ledgers };
}

function selected(repos, only) {
  const known = new Set(repos.map((r) => r.repo));
  const unknown = only.filter((name) => !known.has(name));
  if (unknown.length > 0) throw new UsageError(`--only: not in repos.tsv: ${unknown.join(', ')}`);
  return only.length === 0 ? repos : repos.filter((r) => only.includes(r.repo));
}

async function main() {
  const opts = options();
  if (opts.help) {
    console.log(USAGE);
    return 0;
  }
  const { repos, ledgers } = readEcosystem(opts.ecosystem);
  const refused = [];
  const ready = [];
  for (const entry of selected(repos, opts.only)) {
    const dir = path.join(opts.snapshots, entry.repo.replace('/', '+'));
    const problems = snapshotProblems(dir, entry.commit, ledgers.get(entry.repo) ?? []);
    if (problems.length > 0) refused.push({ repo: entry.repo, message: problems.join('\n    ') });
    else ready.push({ ...entry, dir });
  }
  const scanned = await mapLimited(ready, Number(opts.jobs), async (entry) => {
    process.stderr.write(`scanning ${entry.repo}\n`);
    try {
      return { entry, ...(await runScan(opts.cli, entry.dir)) };
    } catch (error) {
      refused.push({ repo: entry.repo, message: `scan failed: ${error.message}` });
      return null;
    }
  });
  // Scans finish in any order with --jobs above 1; list the refused in repos.tsv's order.
  const order = repos.map((r) => r.repo);
  refused.sort((a, b) => order.indexOf(a.repo) - order.indexOf(b.repo));
  const results = scanned
    .filter((s) => s !== null)
    .map(({ entry, report, seconds }) => ({
      repo: entry.repo,
      grade: report.grade,
      score: report.score,
      seconds,
      hasLedger: ledgers.has(entry.repo),
      entries: matchFindings(ledgers.get(entry.repo) ?? [], findingsFromReport(report)),
    }));
  const report = { cli: path.relative(REPO, opts.cli) || opts.cli, results, refused };
  process.stdout.write(renderReport(report, false));
  if (opts.markdown) writeFileSync(opts.markdown, renderReport(report, true));
  if (opts['write-unjudged']) {
    const rows = unjudgedRows(results);
    writeFileSync(opts['write-unjudged'], rows);
    process.stderr.write(rows ? `unjudged rows written to ${opts['write-unjudged']}\n` : 'no unjudged findings\n');
  }
  if (refused.length > 0) return 2;
  return problemLists(results).some((list) => list.failing && list.lines.length > 0) ? 1 : 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error) => {
    if (error instanceof UsageError) process.stderr.write(`${error.message}\n${USAGE}\n`);
    else if (error instanceof FormatError) process.stderr.write(`${error.message}\n`);
    else process.stderr.write(`${error.stack ?? error}\n`);
    process.exitCode = 2;
  },
);
