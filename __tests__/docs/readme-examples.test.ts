/**
 * What README.md shows as output is what the code prints: the rule counts per family, the JSON
 * report, a text report and a baseline file of examples/vulnerable-app, produced here by running
 * the CLI. With UPDATE_DOCS=1 (`npm run docs:rules`) the blocks are rewritten instead. Also: no
 * stale promise or reference a reader cannot follow is left in the docs.
 */
import { afterAll, beforeAll, describe, expect, test } from '@jest/globals';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { runCli } from '../../src/cli/run.js';
import {
  blockMarkers,
  renderBaselineExample,
  renderCommandOutput,
  renderFamilyDigits,
  renderFamilySummary,
  renderJsonExample,
  withBlock,
} from '../../src/docs/readme-blocks.js';
import { FAMILY_DIGIT } from '../../src/docs/rule-page.js';
import { ALL_RULES } from '../../src/rules/index.js';
import { REPO } from '../helpers/run-action.js';

const README = path.join(REPO, 'README.md');
const CONTRIBUTING = path.join(REPO, 'CONTRIBUTING.md');
const UPDATE = process.env['UPDATE_DOCS'] === '1';
const EXAMPLE = 'examples/vulnerable-app';
const JSON_COMMAND = `node dist/cli.js scan ${EXAMPLE} --format json`;
const TEXT_ARGS = ['scan', EXAMPLE, '--include', 'app/db.py'];
const EMPTY_ARGS = ['scan', EXAMPLE, '--include', 'services/**'];
/** The finding the JSON and baseline examples show. */
const SHOWN_RULE = 'FCG201';

/** The command as a user types it: globs quoted for the shell. */
function typed(args: readonly string[]): string {
  return ['node dist/cli.js', ...args.map((a) => (/[*?{} ]/.test(a) ? `'${a}'` : a))].join(' ');
}

async function cli(argv: string[], now?: Date): Promise<{ code: number; stdout: string; stderr: string }> {
  const out = { code: -1, stdout: '', stderr: '' };
  out.code = await runCli(argv, {
    stdout: (s) => (out.stdout += s),
    stderr: (s) => (out.stderr += s),
    env: {},
    cwd: REPO,
    ...(now ? { now: () => now } : {}),
  });
  return out;
}

const blocks = new Map<string, string>();
const work = mkdtempSync(path.join(tmpdir(), 'fcg-readme-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

beforeAll(async () => {
  const json = await cli(['scan', EXAMPLE, '--format', 'json', '--exit-zero']);
  expect(json.stderr).toBe('');
  const text = await cli(TEXT_ARGS);
  expect(text.code).toBe(1);
  const empty = await cli(EMPTY_ARGS);
  expect(empty.code).toBe(2);
  const baselineFile = path.join(work, 'baseline.json');
  const written = await cli(['baseline', EXAMPLE, '--output', baselineFile], new Date('2026-01-02T03:04:05.000Z'));
  expect(written.code).toBe(0);

  const report = JSON.parse(json.stdout) as { findings: { ruleId: string; fingerprint: string }[] };
  const shown = report.findings.find((f) => f.ruleId === SHOWN_RULE);
  blocks.set('rule-families', renderFamilySummary(ALL_RULES));
  blocks.set('example-json', renderJsonExample(JSON_COMMAND, json.stdout, SHOWN_RULE));
  blocks.set('example-text', renderCommandOutput(typed(TEXT_ARGS), text.stdout));
  blocks.set('example-empty', renderCommandOutput(typed(EMPTY_ARGS), empty.stderr));
  blocks.set('example-baseline', renderBaselineExample(readFileSync(baselineFile, 'utf8'), shown?.fingerprint));

  if (UPDATE) {
    let readme = readFileSync(README, 'utf8');
    for (const [name, content] of blocks) readme = withBlock(readme, name, content) ?? readme;
    writeFileSync(README, readme);
  }
});

describe('README.md shows what the code produces', () => {
  test.each(['rule-families', 'example-json', 'example-text', 'example-empty', 'example-baseline'])(
    'block %s',
    (name) => {
      const readme = readFileSync(README, 'utf8');
      const { start, end } = blockMarkers(name);
      const expected = withBlock(readme, name, blocks.get(name) ?? '');
      if (expected === undefined) throw new Error(`README.md must contain ${start} and ${end}, in that order.`);
      if (readme !== expected) {
        throw new Error(
          `The ${name} block of README.md is out of date: run \`npm run docs:rules\` and commit the result.\n` +
            `Expected:\n${blocks.get(name) ?? ''}`,
        );
      }
    },
  );

  test("the JSON example is the example app's report (its numbers are not typed by hand)", () => {
    const readme = readFileSync(README, 'utf8');
    const { start } = blockMarkers('example-json');
    const block = readme.slice(readme.indexOf(start));
    const parsed = JSON.parse(/```json\n([\s\S]*?)\n```/.exec(block)?.[1] ?? 'null') as {
      filesScanned: number;
      counts: Record<string, number>;
    };
    expect(parsed.filesScanned).toBeGreaterThan(0);
    expect(parsed.counts['critical']).toBeGreaterThan(0);
  });
});

describe('no stale text in the docs', () => {
  const docs = (): [string, string][] => [
    ['README.md', readFileSync(README, 'utf8')],
    ['CONTRIBUTING.md', readFileSync(CONTRIBUTING, 'utf8')],
    ...readdirSync(path.join(REPO, 'docs', 'rules')).map(
      (f) => [`docs/rules/${f}`, readFileSync(path.join(REPO, 'docs', 'rules', f), 'utf8')] as [string, string],
    ),
  ];

  test('no "later release" or "to come" promise for what works today', () => {
    for (const [file, text] of docs()) {
      expect(`${file}: ${/later releases?|to come\b|come in a later/i.exec(text)?.[0] ?? 'none'}`).toBe(
        `${file}: none`,
      );
    }
  });

  test('no reference to documents or issues a reader of the repository cannot see', () => {
    for (const [file, text] of docs()) {
      expect(`${file}: ${/design\.md|checks\.md|\bissues? \d+\b/i.exec(text)?.[0] ?? 'none'}`).toBe(`${file}: none`);
    }
  });

  test("CONTRIBUTING's family digits and rule folders are the code's", () => {
    const text = readFileSync(CONTRIBUTING, 'utf8').replace(/\s+/g, ' ');
    expect(text).toContain(`(${renderFamilyDigits()})`);
    const row = /\| `src\/rules\/<family>` *\|([^|]*)\|/.exec(text)?.[1] ?? '';
    for (const family of Object.keys(FAMILY_DIGIT)) expect(row).toContain(`\`${family}\``);
  });
});
