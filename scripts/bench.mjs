#!/usr/bin/env node
// Benchmarks the bundled scanner (dist/cli.js) on a real code base and sets it against two
// yardsticks: tree-sitter alone parsing the same Python files (the floor: the scan cannot be faster
// than parsing), on one and on two threads, and Bandit on the same directory.
//
//   npm run bench                 Django, from Debian's python3-django package (downloaded into .bench/)
//   npm run bench -- DIR          another corpus
//   npm run bench -- --runs 5     runs per measurement (the median is reported; default 3)
//   npm run bench -- --against badfabc
//                                 also time an earlier bundle (a git revision's committed dist/, or a
//                                 directory holding cli.js) on the same corpus, its runs interleaved
//                                 with ours so that a machine that speeds up or slows down mid-way
//                                 affects both alike, and report the change per MB
//   npm run bench -- --no-bandit  leave Bandit out
//   npm run bench -- --bandit-source DIR
//                                 run Bandit from its source tree (an export of PyCQA/bandit, e.g.
//                                 1.9.4, which Debian does not package) with Debian's
//                                 python3-stevedore, -yaml and -rich, instead of Debian's bandit
//   npm run bench -- --hostile    the hostile shapes of scripts/hostile-shapes.mjs instead: each
//                                 scanned at 1x, 10x and about 1 MB, with the growth from 1x to 10x
//                                 (a linear scan grows about 10x; a quadratic one about 100x)
//
// Also runs the scan once more with FLASK_CRDB_GATE_TIMING=json and reports where its time went
// (per phase and the slowest rules, summed over the worker threads) and the bytes it read against
// the bytes it scanned.
//
// Prints a table and writes the same numbers to .bench/last.json. Needs `npm run bundle` first.
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { isMainThread, parentPort, Worker, workerData } from 'node:worker_threads';
import { bytesOf, SHAPES, unitsFor, writeShape } from './hostile-shapes.mjs';

const REPO = fileURLToPath(new URL('../', import.meta.url));
const DIST = path.join(REPO, 'dist');
const CLI = path.join(DIST, 'cli.js');
const BENCH = path.join(REPO, '.bench');
const THREADS_ENV = 'FLASK_CRDB_GATE_THREADS';
const MAX_FILE_BYTES = 2 * 1024 * 1024; // src/read/read.ts
// src/discover/excludes.ts: the floor parses the .py files the scan would read.
const EXCLUDED_DIRS = new Set([
  '.git',
  '.hg',
  '.svn',
  'node_modules',
  'bower_components',
  '.venv',
  'venv',
  'virtualenv',
  '.virtualenv',
  'site-packages',
  'dist-packages',
  '__pycache__',
  '.tox',
  '.nox',
  '.mypy_cache',
  '.pytest_cache',
  '.ruff_cache',
  '.eggs',
  '.terraform',
  '.cache',
]);

// ---------------------------------------------------------------------------------------------

async function main() {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      runs: { type: 'string' },
      against: { type: 'string' },
      'no-bandit': { type: 'boolean' },
      'bandit-source': { type: 'string' },
      hostile: { type: 'boolean' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) {
    console.log(
      'usage: npm run bench [-- [DIR] [--runs N] [--against REV|DIR] [--no-bandit | --bandit-source DIR] | --hostile [--runs N]]',
    );
    return;
  }
  const runs = Number(values.runs ?? (values.hostile ? '1' : '3'));
  if (!Number.isInteger(runs) || runs < 1) fail(`--runs must be a positive integer; got "${values.runs}"`);
  if (!existsSync(CLI)) fail(`${path.relative(process.cwd(), CLI)} is missing: run \`npm run bundle\` first.`);
  for (const wasm of ['web-tree-sitter.wasm', 'tree-sitter-python.wasm']) {
    if (!existsSync(path.join(DIST, wasm))) fail(`dist/${wasm} is missing: run \`npm run bundle\` first.`);
  }

  if (values.hostile) return hostileBench(runs);

  const corpus = positionals[0] ? corpusFromDir(positionals[0]) : ensureDjango();
  const files = pythonFiles(corpus.dir);
  const pyBytes = files.reduce((s, f) => s + f.size, 0);
  warmPageCache(corpus.dir);

  log(
    `corpus: ${corpus.name}\n  ${corpus.dir}\n  ${files.length} .py files, ${mb(pyBytes).toFixed(2)} MB; ${runs} run(s) per measurement, median reported`,
  );
  log(`node ${process.version}, ${availableParallelism()} core(s) available (${cpus()[0]?.model ?? 'unknown CPU'})`);

  const measure = async (label, once) => {
    const samples = [];
    for (let r = 0; r < runs; r++) {
      const sample = await once();
      samples.push(sample);
      log(
        `  ${label} run ${r + 1}/${runs}: ${sample.seconds.toFixed(3)} s` +
          `${sample.cpuSeconds !== undefined ? `, CPU ${sample.cpuSeconds.toFixed(3)} s` : ''}${sample.rssMiB ? `, ${sample.rssMiB.toFixed(0)} MiB` : ''}`,
      );
    }
    return {
      seconds: median(samples.map((s) => s.seconds)),
      rssMiB: samples.every((s) => s.rssMiB !== undefined) ? median(samples.map((s) => s.rssMiB)) : undefined,
      cpuSeconds: samples.every((s) => s.cpuSeconds !== undefined)
        ? median(samples.map((s) => s.cpuSeconds))
        : undefined,
      samples: samples.map((s) => s.seconds),
      last: samples[samples.length - 1],
    };
  };

  const reference = values.against === undefined ? undefined : referenceBundle(values.against);
  // With a reference, each of our runs is followed by one of its: both see the same machine.
  const pairs = [];
  const pairUp = (label, env) =>
    measure(label, async () => {
      const mine = await runScan(corpus.dir, env);
      if (reference) {
        const theirs = await runScan(corpus.dir, env, reference.cli);
        pairs.push({ label, theirs });
        log(`  ${label} (${reference.name}): ${theirs.seconds.toFixed(3)} s`);
      }
      return mine;
    });
  log('scan (bundle, default threads)');
  const scanDefault = await pairUp('scan', {});
  log(`scan (bundle, ${THREADS_ENV}=1: in one thread)`);
  const scanOne = await pairUp('scan 1 thread', { [THREADS_ENV]: '1' });
  log('tree-sitter floor, 1 thread');
  const floor1 = await measure('tree-sitter x1', () => parseFloor(files, 1));
  log('tree-sitter floor, 2 threads');
  const floor2 = await measure('tree-sitter x2', () => parseFloor(files, 2));
  log('bandit');
  const banditCmd = values['no-bandit']
    ? { ok: false, why: '--no-bandit' }
    : values['bandit-source'] !== undefined
      ? banditFromSource(path.resolve(values['bandit-source']))
      : ensureBandit();
  const bandit = banditCmd.ok ? await measure('bandit', () => runBandit(banditCmd, corpus.dir)) : undefined;

  log('timing (FLASK_CRDB_GATE_TIMING=json)');
  const timing = runTiming(corpus.dir, CLI);
  const referenceTiming = reference ? runTiming(corpus.dir, reference.cli) : undefined;

  const report = scanDefault.last.report;
  const filesScanned = report.filesScanned;
  const row = (name, m, extra = {}) =>
    m && {
      name,
      seconds: round(m.seconds, 3),
      filesPerSecond: round(files.length / m.seconds, 0),
      mbPerSecond: round(mb(pyBytes) / m.seconds, 2),
      cpuSeconds: m.cpuSeconds === undefined ? null : round(m.cpuSeconds, 3),
      peakMiB: m.rssMiB === undefined ? null : round(m.rssMiB, 0),
      samples: m.samples.map((s) => round(s, 3)),
      ...extra,
    };
  const rows = [
    row('scan (bundle)', scanDefault, { filesPerSecond: round(filesScanned / scanDefault.seconds, 0) }),
    row('scan, 1 thread', scanOne, { filesPerSecond: round(scanOne.last.report.filesScanned / scanOne.seconds, 0) }),
    row('tree-sitter, 1 thread', floor1),
    row('tree-sitter, 2 threads', floor2),
    bandit ? row('bandit', bandit) : { name: 'bandit', skipped: banditCmd.why },
  ];
  const ratio = (a, b) => (a && b ? round(a.seconds / b.seconds, 2) : null);
  const cpuRatio = (a, b) => (a?.cpuSeconds && b?.cpuSeconds ? round(a.cpuSeconds / b.cpuSeconds, 2) : null);
  const ratios = {
    scanOverTreeSitter1: ratio(scanDefault, floor1),
    scanOverTreeSitter2: ratio(scanDefault, floor2),
    scanOverBandit: ratio(scanDefault, bandit),
    scanOneThreadOverTreeSitter1: ratio(scanOne, floor1),
    oneThreadOverDefault: ratio(scanOne, scanDefault),
    cpu: {
      scanOverTreeSitter1: cpuRatio(scanDefault, floor1),
      scanOneThreadOverTreeSitter1: cpuRatio(scanOne, floor1),
      scanOverBandit: cpuRatio(scanDefault, bandit),
    },
  };
  const against = reference && {
    bundle: reference.name,
    timings: [
      againstRow(`scan (${reference.name})`, scanDefault, pairs, 'scan', files.length, pyBytes),
      againstRow(`scan, 1 thread (${reference.name})`, scanOne, pairs, 'scan 1 thread', files.length, pyBytes),
    ],
  };
  const result = {
    date: new Date().toISOString(),
    node: process.version,
    cores: availableParallelism(),
    cpu: cpus()[0]?.model ?? null,
    runs,
    corpus: { name: corpus.name, dir: corpus.dir, pyFiles: files.length, pyMB: round(mb(pyBytes), 2) },
    scan: {
      filesScanned,
      findings: report.findings.length,
      skipped: report.skipped.length,
      findingsBySeverity: report.counts ?? null,
      grade: report.grade ?? null,
      equalAcrossThreads: sameResult(report, scanOne.last.report),
    },
    timings: rows,
    ratios,
    bandit: bandit ? { version: banditCmd.version, issues: bandit.last.issues } : { skipped: banditCmd.why },
    ...(against ? { against } : {}),
    timing,
    ...(reference ? { referenceTiming: referenceTiming ?? null } : {}),
  };

  printTable(result);
  mkdirSync(BENCH, { recursive: true });
  writeFileSync(path.join(BENCH, 'last.json'), `${JSON.stringify(result, null, 2)}\n`);
  log(`\nwritten to ${path.relative(process.cwd(), path.join(BENCH, 'last.json'))}`);
}

function printTable(r) {
  const out = [];
  out.push('');
  out.push(`Corpus: ${r.corpus.name} — ${r.corpus.pyFiles} .py files, ${r.corpus.pyMB} MB of Python`);
  out.push(
    `Scan: ${r.scan.filesScanned} files scanned, ${r.scan.findings} findings, ${r.scan.skipped} skipped` +
      `${r.scan.equalAcrossThreads ? '' : '  (!! result differs between the pooled and the one-thread scan)'}`,
  );
  out.push(`Median of ${r.runs} run(s); node ${r.node}; ${r.cores} core(s)`);
  out.push('');
  const head = ['measurement', 'time (s)', 'CPU (s)', 'files/s', 'MB/s', 'peak MiB'];
  const lines = r.timings.map((t) =>
    t.skipped
      ? [t.name, 'n/a', '', '', '', `(${t.skipped})`]
      : [
          t.name,
          t.seconds.toFixed(3),
          t.cpuSeconds === null ? '-' : t.cpuSeconds.toFixed(3),
          String(t.filesPerSecond),
          t.mbPerSecond.toFixed(2),
          t.peakMiB === null ? '-' : String(t.peakMiB),
        ],
  );
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  out.push(fmt(head));
  out.push(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const l of lines) out.push(fmt(l));
  out.push('');
  const x = (v) => (v === null ? 'n/a' : `${v}x`);
  out.push(`scan / tree-sitter (1 thread):  ${x(r.ratios.scanOverTreeSitter1)}`);
  out.push(`scan / tree-sitter (2 threads): ${x(r.ratios.scanOverTreeSitter2)}`);
  out.push(`scan / Bandit:                  ${x(r.ratios.scanOverBandit)}`);
  out.push(`scan 1 thread / scan pooled:    ${x(r.ratios.oneThreadOverDefault)}`);
  out.push(
    `CPU time: scan / tree-sitter ${x(r.ratios.cpu.scanOverTreeSitter1)}, scan 1 thread / tree-sitter ${x(r.ratios.cpu.scanOneThreadOverTreeSitter1)}, scan / Bandit ${x(r.ratios.cpu.scanOverBandit)}`,
  );
  for (const t of r.against?.timings ?? []) {
    const change = t.changePerMB >= 0 ? `${t.changePerMB}% slower` : `${-t.changePerMB}% faster`;
    const cpu = t.cpuChange === null ? '' : `; CPU time ${t.cpuChange >= 0 ? '+' : ''}${t.cpuChange}%`;
    out.push(
      `${t.name}: ${t.seconds.toFixed(3)} s, ${t.mbPerSecond.toFixed(2)} MB/s; this bundle is ${change} per MB${cpu} (medians of interleaved runs)`,
    );
  }
  const slowest = (t) =>
    Object.entries(t.rules)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 5)
      .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
      .join(', ');
  if (r.timing) {
    const p = r.timing.phases;
    out.push('');
    out.push(
      `Where the time went (thread time summed over workers, one run): ${Object.entries(p)
        .map(([k, v]) => `${k} ${v.toFixed(0)} ms`)
        .join(', ')}`,
    );
    out.push(`Slowest five: ${slowest(r.timing)}`);
    if (r.referenceTiming) out.push(`Slowest five (${r.against?.bundle}): ${slowest(r.referenceTiming)}`);
    const c = r.timing.counts ?? {};
    out.push(`Bytes read ${c.bytesRead ?? 0}, bytes scanned ${c.bytesScanned ?? 0}`);
  }
  console.log(out.join('\n'));
}

/** The reference bundle's median beside ours: the change per MB is the change in time per run. */
function againstRow(name, ours, pairs, label, fileCount, pyBytes) {
  const theirs = pairs.filter((p) => p.label === label).map((p) => p.theirs);
  const seconds = median(theirs.map((t) => t.seconds));
  const cpu = theirs.every((t) => t.cpuSeconds !== undefined) ? median(theirs.map((t) => t.cpuSeconds)) : undefined;
  return {
    name,
    seconds: round(seconds, 3),
    cpuSeconds: cpu === undefined ? null : round(cpu, 3),
    cpuChange: cpu === undefined || ours.cpuSeconds === undefined ? null : round((ours.cpuSeconds / cpu - 1) * 100, 0),
    mbPerSecond: round(mb(pyBytes) / seconds, 2),
    filesPerSecond: round(fileCount / seconds, 0),
    samples: theirs.map((t) => round(t.seconds, 3)),
    changePerMB: round((ours.seconds / seconds - 1) * 100, 0),
  };
}

/**
 * `--against`: a directory holding an earlier bundle's cli.js, or a git revision whose committed
 * dist/ is extracted into .bench/against-<rev>/ (kept, so repeated runs do not extract again).
 */
function referenceBundle(spec) {
  const asDir = path.resolve(spec);
  if (existsSync(path.join(asDir, 'cli.js'))) return { name: spec, cli: path.join(asDir, 'cli.js') };
  const rev = sh('git', ['rev-parse', '--verify', '--quiet', `${spec}^{commit}`], { cwd: REPO });
  if (rev.status !== 0) fail(`--against ${spec}: neither a directory with cli.js nor a git revision`);
  const sha = rev.stdout.trim();
  const target = path.join(BENCH, `against-${sha.slice(0, 12)}`);
  const cli = path.join(target, 'dist', 'cli.js');
  if (!existsSync(cli)) {
    mkdirSync(target, { recursive: true });
    const archive = spawnSync('git', ['archive', '--format=tar', sha, 'dist'], {
      cwd: REPO,
      maxBuffer: 512 * 1024 * 1024,
    });
    if (archive.status !== 0) fail(`git archive ${sha} dist failed:\n${archive.stderr}`);
    const untar = spawnSync('tar', ['-x', '-C', target], { input: archive.stdout });
    if (untar.status !== 0 || !existsSync(cli)) fail(`could not extract dist/ of ${spec} into ${target}`);
  }
  return { name: sha.startsWith(spec) ? spec : `${spec} (${sha.slice(0, 7)})`, cli };
}

// ---------------------------------------------------------------------------------------------
// Hostile shapes (--hostile)

const ONE_MB = 1_000_000;

/**
 * Every shape of scripts/hostile-shapes.mjs scanned at 1x, 10x and about 1 MB, one size at a
 * time, in one thread (the shapes are single files: the pool would only add its start-up). A
 * scan that grows about 10x from 1x to 10x is linear; quadratic would be about 100x.
 */
async function hostileBench(runs) {
  log(`hostile shapes: ${SHAPES.length}; ${runs} run(s) per size, median reported; node ${process.version}`);
  const rows = [];
  for (const shape of SHAPES) {
    const sizes = [
      ['1x', shape.unit],
      ['10x', shape.unit * 10],
      ['1MB', unitsFor(shape, ONE_MB)],
    ];
    const row = { shape: shape.name, what: shape.what };
    for (const [label, n] of sizes) {
      const files = shape.build(n);
      const dir = mkdtempSync(path.join(tmpdir(), `bench-hostile-${shape.name}-`));
      try {
        writeShape(dir, files);
        const samples = [];
        for (let r = 0; r < runs; r++) samples.push(hostileScan(dir));
        const last = samples[samples.length - 1];
        row[label] = {
          n,
          bytes: bytesOf(files),
          seconds: round(median(samples.map((x) => x.seconds)), 3),
          cpuSeconds: samples.every((x) => x.cpuSeconds !== undefined)
            ? round(median(samples.map((x) => x.cpuSeconds)), 3)
            : null,
          outcome: last.outcome,
        };
        log(`  ${shape.name} ${label} (n=${n}, ${row[label].bytes} B): ${row[label].seconds} s — ${last.outcome}`);
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    }
    rows.push(row);
  }
  printHostile(rows);
  mkdirSync(BENCH, { recursive: true });
  writeFileSync(
    path.join(BENCH, 'hostile.json'),
    `${JSON.stringify({ date: new Date().toISOString(), runs, rows }, null, 2)}\n`,
  );
  log(`\nwritten to ${path.relative(process.cwd(), path.join(BENCH, 'hostile.json'))}`);
}

/** One scan of a hostile repository: its time and what became of it (exit 2 is a refused configuration). */
function hostileScan(dir) {
  const run = timed(process.execPath, [CLI, 'scan', dir, '--format', 'json', '--exit-zero'], {
    env: { ...process.env, NODE_OPTIONS: '', [THREADS_ENV]: '1' },
    timeout: 600_000,
  });
  let outcome;
  if (run.child.status === 0) {
    const report = JSON.parse(run.child.stdout);
    const skipped = report.skipped.map((s) => s.reason);
    outcome = `${report.findings.length} finding(s)${skipped.length ? `; skipped: ${skipped.join('; ')}` : ''}`;
  } else if (run.child.status === 2) {
    outcome = `exit 2: ${run.stderr.trim().split('\n').slice(0, 2).join(' ').slice(0, 160)}`;
  } else {
    fail(`the scan of ${dir} failed (exit ${run.child.status ?? run.child.signal}):\n${run.stderr}`);
  }
  return { seconds: run.seconds, cpuSeconds: run.cpuSeconds, outcome };
}

function printHostile(rows) {
  const head = ['shape', '1x bytes', '1x s', '10x bytes', '10x s', '10x/1x', '1 MB bytes', '1 MB s', '1 MB CPU s'];
  const lines = rows.map((r) => [
    r.shape,
    String(r['1x'].bytes),
    r['1x'].seconds.toFixed(2),
    String(r['10x'].bytes),
    r['10x'].seconds.toFixed(2),
    (r['10x'].seconds / r['1x'].seconds).toFixed(1),
    String(r['1MB'].bytes),
    r['1MB'].seconds.toFixed(2),
    r['1MB'].cpuSeconds === null ? '-' : r['1MB'].cpuSeconds.toFixed(2),
  ]);
  const widths = head.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i].length)));
  const fmt = (cells) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  ');
  const out = ['', fmt(head), widths.map((w) => '-'.repeat(w)).join('  '), ...lines.map(fmt), ''];
  out.push('Times are wall-clock seconds of the bundled CLI (start-up included, about 0.3 s); the outcomes:');
  for (const r of rows) out.push(`  ${r.shape} (1 MB): ${r['1MB'].outcome}`);
  console.log(out.join('\n'));
}

// ---------------------------------------------------------------------------------------------
// Corpus

function corpusFromDir(dir) {
  const abs = path.resolve(dir);
  if (!statSync(abs, { throwIfNoEntry: false })?.isDirectory()) fail(`${dir} is not a directory`);
  return { name: path.basename(abs), dir: abs };
}

/**
 * Debian's python3-django, extracted into .bench/django. The scan root is the django package
 * itself: the scanner never enters a directory named dist-packages (a vendored environment).
 */
function ensureDjango() {
  const target = path.join(BENCH, 'django');
  if (!existsSync(target)) {
    mkdirSync(BENCH, { recursive: true });
    const debs = () => readdirSync(BENCH).filter((f) => /^python3-django_.*\.deb$/.test(f));
    if (debs().length === 0) {
      log('downloading python3-django with apt-get …');
      let dl = sh('apt-get', ['download', 'python3-django'], { cwd: BENCH });
      if (dl.status !== 0) {
        log('apt-get download failed; running apt-get update and trying again …');
        const up = sh('apt-get', ['update'], { cwd: BENCH });
        if (up.status !== 0) fail(`apt-get update failed:\n${up.stderr}`);
        dl = sh('apt-get', ['download', 'python3-django'], { cwd: BENCH });
      }
      if (dl.status !== 0 || debs().length === 0) fail(`apt-get download python3-django failed:\n${dl.stderr}`);
    }
    const deb = path.join(BENCH, debs().sort().at(-1));
    const staging = `${target}.partial`;
    rmSync(staging, { recursive: true, force: true });
    const x = sh('dpkg', ['-x', deb, staging]);
    if (x.status !== 0) fail(`dpkg -x ${deb} failed:\n${x.stderr}`);
    sh('mv', [staging, target]);
  }
  const pkg = path.join(target, 'usr', 'lib', 'python3', 'dist-packages', 'django');
  if (!existsSync(pkg)) fail(`${pkg} is missing: delete ${target} and run again`);
  const deb = readdirSync(BENCH).find((f) => /^python3-django_.*\.deb$/.test(f));
  const version = deb ? decodeURIComponent(deb.split('_')[1] ?? '') : 'unknown version';
  return { name: `Django (Debian python3-django ${version})`, dir: pkg };
}

/** The .py files the scan reads: not under a default-excluded directory, at most 2 MiB; largest first. */
function pythonFiles(root) {
  const out = [];
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!EXCLUDED_DIRS.has(e.name) && !e.name.endsWith('.egg-info') && !existsSync(path.join(p, 'pyvenv.cfg')))
          stack.push(p);
      } else if (e.isFile() && e.name.endsWith('.py')) {
        const size = statSync(p).size;
        if (size <= MAX_FILE_BYTES) out.push({ path: p, size });
      }
    }
  }
  return out.sort((a, b) => b.size - a.size || (a.path < b.path ? -1 : 1));
}

/** Reads every file once, so the first measured run does not pay for the disk. */
function warmPageCache(root) {
  const stack = [root];
  while (stack.length > 0) {
    const dir = stack.pop();
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) stack.push(p);
      else if (e.isFile()) readFileSync(p);
    }
  }
}

// ---------------------------------------------------------------------------------------------
// Measurements

const TIME = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;

/** Runs a command, timing it; peak RSS from /usr/bin/time -v when there is one. */
function timed(cmd, args, opts = {}) {
  const started = process.hrtime.bigint();
  const child = TIME
    ? spawnSync(TIME, ['-v', cmd, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts })
    : spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024, ...opts });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  let rssMiB;
  let cpuSeconds;
  let stderr = child.stderr ?? '';
  if (TIME) {
    const m = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
    if (m) rssMiB = Number(m[1]) / 1024;
    const user = /User time \(seconds\): ([\d.]+)/.exec(stderr);
    const sys = /System time \(seconds\): ([\d.]+)/.exec(stderr);
    if (user && sys) cpuSeconds = Number(user[1]) + Number(sys[1]);
    const cut = stderr.lastIndexOf('\tCommand being timed:');
    if (cut >= 0) stderr = stderr.slice(0, cut);
  }
  return { child, seconds, rssMiB, cpuSeconds, stderr };
}

async function runScan(dir, env, cli = CLI) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-scan-'));
  const output = path.join(tmp, 'report.json');
  const cliArgs = ['scan', dir, '--format', 'json', '--exit-zero', '--output', output];
  const childEnv = { ...process.env, NODE_OPTIONS: '', ...env };
  try {
    let run;
    if (TIME) {
      run = timed(process.execPath, [cli, ...cliArgs], { env: childEnv });
    } else {
      // No /usr/bin/time: a wrapper runs the CLI in its own process and reports its peak RSS.
      const rssFile = path.join(tmp, 'rss');
      const wrapper = [
        "import { writeFileSync } from 'node:fs';",
        `process.argv = [process.execPath, ${JSON.stringify(cli)}, ...${JSON.stringify(cliArgs)}];`,
        "process.on('exit', () => {",
        '  const u = process.resourceUsage();',
        `  writeFileSync(${JSON.stringify(rssFile)}, JSON.stringify({ maxRSS: u.maxRSS, cpu: (u.userCPUTime + u.systemCPUTime) / 1e6 }));`,
        '});',
        `await import(${JSON.stringify(pathToFileURL(cli).href)});`,
      ].join('\n');
      run = timed(process.execPath, ['--input-type=module', '-e', wrapper], { env: childEnv });
      if (existsSync(rssFile)) {
        const usage = JSON.parse(readFileSync(rssFile, 'utf8'));
        run.rssMiB = usage.maxRSS / 1024;
        run.cpuSeconds = usage.cpu;
      }
    }
    if (run.child.status !== 0 || !existsSync(output)) {
      fail(`the scan failed (exit ${run.child.status ?? run.child.signal}):\n${run.stderr}${run.child.stdout ?? ''}`);
    }
    const report = JSON.parse(readFileSync(output, 'utf8'));
    return { seconds: run.seconds, rssMiB: run.rssMiB, cpuSeconds: run.cpuSeconds, report };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * One scan with FLASK_CRDB_GATE_TIMING=json: the timing object it prints on stderr, or undefined
 * for a bundle that does not know the variable (an older release).
 */
function runTiming(dir, cli) {
  const run = spawnSync(process.execPath, [cli, 'scan', dir, '--format', 'json', '--exit-zero'], {
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
    env: { ...process.env, NODE_OPTIONS: '', FLASK_CRDB_GATE_TIMING: 'json' },
  });
  for (const line of (run.stderr ?? '').split('\n')) {
    if (!line.startsWith('{"timing"')) continue;
    try {
      return JSON.parse(line).timing;
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/** The same findings, skipped entries and count: the pool must not change the result. */
function sameResult(a, b) {
  return (
    JSON.stringify([a.findings, a.skipped, a.filesScanned]) === JSON.stringify([b.findings, b.skipped, b.filesScanned])
  );
}

/**
 * tree-sitter alone: `threads` worker threads load the runtime and grammar from dist/*.wasm, then
 * take files (largest first) from a shared counter and read, parse and delete each tree. Timed
 * from the threads' start to the last tree, so start-up counts as it does for the scan.
 */
async function parseFloor(files, threads) {
  const counter = new Int32Array(new SharedArrayBuffer(4));
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const parsed = await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise((resolve, reject) => {
          const w = new Worker(new URL(import.meta.url), {
            workerData: { files: files.map((f) => f.path), counter, dist: DIST },
          });
          w.once('message', resolve);
          w.once('error', reject);
          w.once('exit', (code) => code !== 0 && reject(new Error(`floor worker exited with code ${code}`)));
        }),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  const total = parsed.reduce((s, n) => s + n, 0);
  if (total !== files.length) fail(`the tree-sitter floor parsed ${total} of ${files.length} files`);
  // Process-wide: the worker threads' CPU time (this thread only waits).
  return { seconds, cpuSeconds: (used.user + used.system) / 1e6 };
}

async function floorWorker() {
  const { files, counter, dist } = workerData;
  // web-tree-sitter's JavaScript from node_modules, its WebAssembly and the grammar from dist/.
  const { Language, Parser } = await import('web-tree-sitter');
  await Parser.init({ wasmBinary: readFileSync(path.join(dist, 'web-tree-sitter.wasm')) });
  const language = await Language.load(readFileSync(path.join(dist, 'tree-sitter-python.wasm')));
  const parser = new Parser();
  parser.setLanguage(language);
  let n = 0;
  for (;;) {
    const i = Atomics.add(counter, 0, 1);
    if (i >= files.length) break;
    const tree = parser.parse(readFileSync(files[i], 'utf8'));
    tree?.delete();
    n++;
  }
  parser.delete();
  parentPort.postMessage(n);
}

/** Bandit, installed from Debian when missing. */
function ensureBandit() {
  const probe = () => sh('bandit', ['--version']);
  let v = probe();
  if (v.error || v.status !== 0) {
    log("bandit is missing: installing Debian's bandit package with apt-get …");
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    let inst = sh('apt-get', ['install', '-y', '--no-install-recommends', 'bandit'], { env });
    if (inst.status !== 0) {
      sh('apt-get', ['update'], { env });
      inst = sh('apt-get', ['install', '-y', '--no-install-recommends', 'bandit'], { env });
    }
    v = probe();
    if (v.error || v.status !== 0) {
      const why = `bandit could not be installed: ${(inst.error?.message ?? inst.stderr ?? '').trim().split('\n').at(-1) || `apt-get exit ${inst.status}`}`;
      log(why);
      return { ok: false, why };
    }
  }
  const version = (v.stdout || v.stderr).split('\n')[0].trim();
  return { ok: true, version };
}

/** Debian's own interpreter: the python3-* packages are installed for it, not for another python3 on PATH. */
const DEBIAN_PYTHON = existsSync('/usr/bin/python3') ? '/usr/bin/python3' : 'python3';

/**
 * Bandit run from its source tree: Debian packages an older Bandit (1.6.2) than the one to measure
 * against. stevedore finds Bandit's plugins and formatters through the entry points of an
 * installed distribution, so a `bandit-<version>.dist-info` with an entry_points.txt made from the
 * source's setup.cfg is put on PYTHONPATH beside the source.
 */
function banditFromSource(source) {
  log(`bandit from ${source}, with ${DEBIAN_PYTHON}`);
  const setupCfg = path.join(source, 'setup.cfg');
  if (!existsSync(path.join(source, 'bandit', 'cli', 'main.py')) || !existsSync(setupCfg)) {
    return { ok: false, why: `${source} holds no Bandit source tree (bandit/cli/main.py, setup.cfg)` };
  }
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const hasModules = () => sh(DEBIAN_PYTHON, ['-c', 'import stevedore, yaml, rich']).status === 0;
  if (!hasModules()) {
    log("Bandit's Python dependencies are missing: installing python3-stevedore, python3-yaml, python3-rich …");
    sh('apt-get', ['install', '-y', '--no-install-recommends', 'python3-stevedore', 'python3-yaml', 'python3-rich'], {
      env,
    });
    if (!hasModules())
      return { ok: false, why: 'python3-stevedore, python3-yaml or python3-rich could not be installed' };
  }
  const version = process.env.BANDIT_VERSION ?? '1.9.4';
  const site = path.join(BENCH, `bandit-${version}-site`);
  const info = path.join(site, `bandit-${version}.dist-info`);
  mkdirSync(info, { recursive: true });
  // configparser reads setup.cfg's continuation lines as Python does; each entry-point group
  // becomes a section of entry_points.txt.
  const convert = sh(DEBIAN_PYTHON, [
    '-c',
    [
      'import configparser, sys',
      'c = configparser.ConfigParser()',
      'c.read(sys.argv[1])',
      'out = []',
      'for group, body in c["entry_points"].items():',
      '    lines = [l.strip() for l in body.splitlines() if l.strip() and not l.strip().startswith("#")]',
      '    out.append("[" + group + "]\\n" + "\\n".join(lines) + "\\n")',
      'sys.stdout.write("\\n".join(out))',
    ].join('\n'),
    setupCfg,
  ]);
  if (convert.status !== 0) return { ok: false, why: `setup.cfg's entry points could not be read: ${convert.stderr}` };
  writeFileSync(path.join(info, 'entry_points.txt'), convert.stdout);
  writeFileSync(
    path.join(info, 'METADATA'),
    `Metadata-Version: 2.1\nName: bandit\nVersion: ${version}\nAuthor: PyCQA\n`,
  );
  const pythonPath = [site, source, process.env.PYTHONPATH].filter(Boolean).join(path.delimiter);
  const probe = sh(DEBIAN_PYTHON, ['-m', 'bandit.cli.main', '--version'], {
    env: { ...process.env, PYTHONPATH: pythonPath },
  });
  if (probe.status !== 0) return { ok: false, why: `Bandit from ${source} does not start: ${probe.stderr.trim()}` };
  return {
    ok: true,
    version: (probe.stdout || probe.stderr).split('\n')[0].trim(),
    command: [DEBIAN_PYTHON, '-m', 'bandit.cli.main'],
    env: { PYTHONPATH: pythonPath },
  };
}

async function runBandit(bandit, dir) {
  const tmp = mkdtempSync(path.join(tmpdir(), 'bench-bandit-'));
  const out = path.join(tmp, 'bandit.json');
  try {
    // Exit 1 means "issues found"; a crash is anything else, or no report.
    const [cmd, ...pre] = bandit.command ?? ['bandit'];
    const run = timed(cmd, [...pre, '-r', dir, '-q', '-f', 'json', '-o', out], {
      env: { ...process.env, ...(bandit.env ?? {}) },
    });
    if ((run.child.status !== 0 && run.child.status !== 1) || !existsSync(out)) {
      fail(`bandit failed (exit ${run.child.status ?? run.child.signal}):\n${run.stderr}`);
    }
    let issues = null;
    try {
      issues = JSON.parse(readFileSync(out, 'utf8')).results.length;
    } catch {
      // the count is a nicety
    }
    return { seconds: run.seconds, rssMiB: run.rssMiB, cpuSeconds: run.cpuSeconds, issues };
  } finally {
    rmSync(tmp, { recursive: true, force: true });
  }
}

// ---------------------------------------------------------------------------------------------

function sh(cmd, args, opts = {}) {
  return spawnSync(cmd, args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024, ...opts });
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid] : (s[mid - 1] + s[mid]) / 2;
}

function mb(bytes) {
  return bytes / 1e6;
}

function round(x, digits) {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}

function log(s) {
  process.stderr.write(`${s}\n`);
}

function fail(message) {
  process.stderr.write(`bench: ${message}\n`);
  process.exit(1);
}

// Last, so that every constant above is initialised: the script is also the floor's worker entry.
if (isMainThread) {
  await main();
} else {
  await floorWorker();
}
