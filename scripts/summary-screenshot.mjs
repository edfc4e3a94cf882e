#!/usr/bin/env node
// Renders the example app's job summary the way a person sees it on GitHub and checks it fits:
// the CLI's markdown report (as the action writes it, locations linked to a commit) -> HTML with
// marked's GitHub-flavoured markdown -> a page styled like GitHub's -> headless Chromium (Debian's
// `chromium`), which measures the page with every <details> closed and takes a screenshot.
//
//   node scripts/summary-screenshot.mjs [--cli dist/cli.js] [--out DIR] [--max-screens 2]
//
// The screen assumed: 1920x1080 CSS pixels, GitHub's summary column 1012 px wide. Exit 0 when the
// page is at most --max-screens screens tall, 1 when taller, 2 when Chromium or the CLI is missing.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { marked } from 'marked';

export const SCREEN = { width: 1920, height: 1080 };
const REPO = fileURLToPath(new URL('../', import.meta.url));

/** The first Chromium binary on PATH, or undefined. */
export function findChromium() {
  for (const name of ['chromium', 'chromium-browser', 'google-chrome']) {
    const found = spawnSync('sh', ['-c', `command -v ${name}`], { encoding: 'utf8' });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

/** The summary the action writes for `dir`, locations linked to a made-up commit of a made-up repository. */
export function summaryMarkdown(cli, dir) {
  return execFileSync(process.execPath, [cli, 'scan', dir, '--format', 'markdown', '--exit-zero'], {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    env: {
      ...process.env,
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'octo-org/vulnerable-app',
      GITHUB_SHA: '0123456789abcdef0123456789abcdef01234567',
    },
  });
}

const STYLE = `
body { margin: 0; background: #fff; color: #1f2328; font: 14px/1.5 -apple-system, "Segoe UI", "Noto Sans", Helvetica, Arial, sans-serif; }
main { width: 1012px; margin: 24px auto; padding: 16px 32px; border: 1px solid #d0d7de; border-radius: 6px; box-sizing: border-box; }
h2 { font-size: 1.5em; border-bottom: 1px solid #d8dee4; padding-bottom: .3em; margin: 24px 0 16px; }
h3 { font-size: 1.25em; margin: 24px 0 16px; }
p, ul, table, details { margin: 0 0 16px; }
table { border-collapse: collapse; display: block; overflow: auto; }
th, td { border: 1px solid #d0d7de; padding: 6px 13px; }
tr:nth-child(2n) { background: #f6f8fa; }
code { font: 85% ui-monospace, SFMono-Regular, Menlo, monospace; background: rgba(175,184,193,.2); padding: .2em .4em; border-radius: 6px; }
a { color: #0969da; text-decoration: none; }
summary { cursor: pointer; }
`;

/** A standalone page with the summary rendered as GitHub renders job summaries (GFM, raw HTML kept). */
export function summaryHtml(markdown) {
  const body = marked.parse(markdown, { gfm: true, async: false });
  return `<!doctype html><html><head><meta charset="utf-8"><style>${STYLE}</style></head><body><main>${body}</main></body></html>`;
}

/** The page's height in CSS pixels with every <details> closed, as Chromium lays it out. */
export function measureHeight(chromium, htmlFile) {
  const probe = `${htmlFile}.probe.html`;
  const html = readFileSyncUtf8(htmlFile).replace(
    '</body>',
    '<script>document.body.setAttribute("data-height", String(document.documentElement.scrollHeight));</script></body>',
  );
  writeFileSync(probe, html);
  const dom = execFileSync(
    chromium,
    [...chromiumFlags(), `--window-size=${SCREEN.width},${SCREEN.height}`, '--dump-dom', `file://${probe}`],
    { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] },
  );
  const m = /data-height="(\d+)"/.exec(dom);
  if (!m) throw new Error('chromium did not report the page height');
  return Number(m[1]);
}

export function screenshot(chromium, htmlFile, pngFile, height) {
  execFileSync(
    chromium,
    [...chromiumFlags(), `--window-size=${SCREEN.width},${height}`, `--screenshot=${pngFile}`, `file://${htmlFile}`],
    { stdio: 'ignore' },
  );
}

function chromiumFlags() {
  return ['--headless', '--no-sandbox', '--disable-gpu', '--hide-scrollbars', '--force-device-scale-factor=1'];
}

function readFileSyncUtf8(file) {
  return readFileSync(file, 'utf8');
}

async function main() {
  const { values } = parseArgs({
    options: {
      cli: { type: 'string', default: path.join(REPO, 'dist', 'cli.js') },
      out: { type: 'string', default: path.join(tmpdir(), 'flask-crdb-gate-summary') },
      'max-screens': { type: 'string', default: '2' },
      dir: { type: 'string', default: path.join(REPO, 'examples', 'vulnerable-app') },
    },
  });
  const chromium = findChromium();
  if (!chromium) {
    process.stderr.write('no chromium on PATH (Debian: apt-get install chromium)\n');
    return 2;
  }
  mkdirSync(values.out, { recursive: true });
  const markdown = summaryMarkdown(values.cli, values.dir);
  const htmlFile = path.join(values.out, 'summary.html');
  const pngFile = path.join(values.out, 'summary.png');
  writeFileSync(path.join(values.out, 'summary.md'), markdown);
  writeFileSync(htmlFile, summaryHtml(markdown));
  const height = measureHeight(chromium, htmlFile);
  screenshot(chromium, htmlFile, pngFile, height);
  const max = Number(values['max-screens']) * SCREEN.height;
  const screens = (height / SCREEN.height).toFixed(2);
  process.stdout.write(
    `summary: ${Buffer.byteLength(markdown)} bytes, ${height} px tall with details closed (${screens} screens of ${SCREEN.width}x${SCREEN.height}); screenshot ${pngFile}\n`,
  );
  if (height > max) {
    process.stdout.write(`taller than ${values['max-screens']} screens (${max} px)\n`);
    return 1;
  }
  return 0;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error) => {
      process.stderr.write(`${error.stack ?? error}\n`);
      process.exitCode = 2;
    },
  );
}
