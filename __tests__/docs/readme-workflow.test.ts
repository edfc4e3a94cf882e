/**
 * The workflow in the README is what users paste. It must work as pasted on a private repository:
 * every permission the action and upload-sarif use, actions on the node24 majors, our action under
 * the repository package.json names, and the runner version node24 needs stated beside it.
 */
import { describe, expect, test } from '@jest/globals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { repositoryWebUrl } from '../../src/report/docs-location.js';
import { REPO } from '../helpers/run-action.js';

const README = readFileSync(path.join(REPO, 'README.md'), 'utf8');
const SECTION = README.slice(README.indexOf('## Use it in a workflow'), README.indexOf('### Inputs'));

interface Step {
  readonly uses?: string;
  readonly with?: Record<string, unknown>;
}
interface Workflow {
  readonly permissions: Record<string, string>;
  readonly jobs: Record<string, { readonly steps: Step[] }>;
}

function workflow(): Workflow {
  const block = /```yaml\n([\s\S]*?)```/.exec(SECTION);
  if (!block?.[1]) throw new Error('README.md: no ```yaml block under "## Use it in a workflow"');
  return parse(block[1]) as Workflow;
}

function steps(): Step[] {
  return Object.values(workflow().jobs).flatMap((j) => j.steps);
}

/** The major version of `owner/repo[/path]@vN`, or NaN. */
function major(uses: string | undefined): number {
  const m = /@v(\d+)$/.exec(uses ?? '');
  return m ? Number(m[1]) : NaN;
}

function step(prefix: string): Step {
  const found = steps().find((s) => s.uses?.startsWith(`${prefix}@`));
  if (!found) throw new Error(`the README workflow has no ${prefix} step`);
  return found;
}

describe('the README workflow', () => {
  test('grants every permission the action and upload-sarif need, actions: read included', () => {
    expect(workflow().permissions).toEqual({
      contents: 'read',
      checks: 'write',
      'pull-requests': 'read',
      'security-events': 'write',
      actions: 'read',
    });
  });

  test('the permissions table explains each permission the workflow grants', () => {
    for (const [name, level] of Object.entries(workflow().permissions))
      expect(SECTION).toContain(`| \`${name}: ${level}\``);
  });

  test('actions/checkout and upload-sarif on their node24 majors (checkout v5+, upload-sarif v4+)', () => {
    expect(major(step('actions/checkout').uses)).toBeGreaterThanOrEqual(5);
    expect(major(step('github/codeql-action/upload-sarif').uses)).toBeGreaterThanOrEqual(4);
    expect(step('github/codeql-action/upload-sarif').with?.['sarif_file']).toBe('${{ steps.gate.outputs.sarif-file }}');
  });

  test('uses this action by the repository package.json names, with no placeholder', () => {
    const pkg = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as { repository?: unknown };
    const repo = (repositoryWebUrl(pkg.repository) ?? '').replace(/^https:\/\/github\.com\//, '');
    const gate = steps().find((s) => s.uses?.startsWith(`${repo}@`));
    expect(gate?.uses).toBe(`${repo}@v1`);
    expect(SECTION).not.toMatch(/OWNER\//);
  });

  test('states the runner version node24 needs, and action.yml does run on node24', () => {
    const action = parse(readFileSync(path.join(REPO, 'action.yml'), 'utf8')) as { runs: { using: string } };
    expect(action.runs.using).toBe('node24');
    expect(SECTION).toContain('v2.327.1 or later');
  });
});
