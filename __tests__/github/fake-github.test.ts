/** The fake GitHub must reject what GitHub would: otherwise the end-to-end tests prove little. */
import { afterEach, beforeEach, describe, expect, it } from '@jest/globals';
import { FakeGitHub } from '../helpers/fake-github.js';

let gh: FakeGitHub;
beforeEach(async () => {
  gh = await FakeGitHub.start();
});
afterEach(async () => {
  await gh.close();
});

async function send(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(`${gh.url}${path}`, {
    method,
    headers: {
      accept: 'application/vnd.github+json',
      authorization: 'token t',
      'user-agent': 'test',
      ...(body === undefined ? {} : { 'content-type': 'application/json; charset=utf-8' }),
      ...headers,
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  await res.text();
  return res.status;
}

const annotation = { path: 'a.py', start_line: 1, end_line: 1, annotation_level: 'failure', message: 'm' };
const valid = {
  name: 'gate',
  head_sha: 'a'.repeat(40),
  status: 'completed',
  conclusion: 'success',
  output: { title: 't', summary: 's' },
};

describe('fake GitHub', () => {
  it('accepts a valid check run and answers with the documented shape', async () => {
    expect(
      await send('POST', '/repos/o/r/check-runs', { ...valid, output: { ...valid.output, annotations: [annotation] } }),
    ).toBe(201);
    expect(gh.violations).toEqual([]);
  });

  it.each([
    ['no head_sha', { name: 'gate' }, /must have required property 'head_sha'/],
    [
      'an unknown conclusion',
      { ...valid, conclusion: 'passed' },
      /conclusion must be equal to one of the allowed values/,
    ],
    [
      '51 annotations',
      { ...valid, output: { ...valid.output, annotations: Array(51).fill(annotation) } },
      /annotations must NOT have more than 50 items/,
    ],
    [
      'a level of error',
      { ...valid, output: { ...valid.output, annotations: [{ ...annotation, annotation_level: 'error' }] } },
      /annotation_level must be equal to one of the allowed values/,
    ],
    ['output without a summary', { ...valid, output: { title: 't' } }, /output must have required property 'summary'/],
    [
      'a summary over 65535 characters',
      { ...valid, output: { title: 't', summary: 'x'.repeat(65_536) } },
      /summary must NOT have more than 65535 characters/,
    ],
    [
      'columns on a multi-line annotation',
      {
        ...valid,
        output: { ...valid.output, annotations: [{ ...annotation, end_line: 3, start_column: 1, end_column: 2 }] },
      },
      /columns on a multi-line annotation/,
    ],
    [
      'a title over 255 characters',
      { ...valid, output: { ...valid.output, annotations: [{ ...annotation, title: 'x'.repeat(256) }] } },
      /title is over 255 characters/,
    ],
    [
      'an absolute path',
      { ...valid, output: { ...valid.output, annotations: [{ ...annotation, path: '/ws/a.py' }] } },
      /is not repository-relative/,
    ],
  ])('rejects a check run with %s (422)', async (_what, body, message) => {
    expect(await send('POST', '/repos/o/r/check-runs', body)).toBe(422);
    expect(gh.violations.join('\n')).toMatch(message);
  });

  it('rejects undocumented parameters, per_page over 100, bad ids, unknown routes, missing auth', async () => {
    expect(await send('GET', '/repos/o/r/pulls/1/files?per_page=101')).toBe(422);
    expect(await send('GET', '/repos/o/r/pulls/1/files?per_page=10&sort=asc')).toBe(422);
    expect(await send('PATCH', '/repos/o/r/check-runs/abc', { output: { summary: 's' } })).toBe(422);
    expect(await send('GET', '/repos/o/r/no-such-thing')).toBe(404);
    expect(await send('GET', '/repos/o/r/pulls/1/files', undefined, { authorization: '' })).toBe(422);
    expect(gh.violations).toEqual([
      expect.stringContaining('per_page 101 is over the documented maximum of 100'),
      expect.stringContaining('query parameter sort is not documented'),
      expect.stringContaining('path parameter check_run_id must be integer'),
      expect.stringContaining('no such operation'),
      expect.stringContaining('no token in the Authorization header'),
    ]);
  });

  it('serves pull request files in pages with Link headers, at most 3000', async () => {
    gh.pullFiles = Array.from({ length: 3050 }, (_, i) => ({ filename: `f${i}`, patch: '@@ -0,0 +1 @@\n+x' }));
    const res = await fetch(`${gh.url}/repos/o/r/pulls/1/files?per_page=100&page=2`, {
      headers: { authorization: 'token t', 'user-agent': 't', accept: 'application/vnd.github+json' },
    });
    const page = (await res.json()) as { filename: string }[];
    expect(page.map((f) => f.filename)).toEqual(Array.from({ length: 100 }, (_, i) => `f${100 + i}`));
    expect(res.headers.get('link')).toBe(
      [
        `<${gh.url}/repos/o/r/pulls/1/files?per_page=100&page=3>; rel="next"`,
        `<${gh.url}/repos/o/r/pulls/1/files?per_page=100&page=30>; rel="last"`,
        `<${gh.url}/repos/o/r/pulls/1/files?per_page=100&page=1>; rel="first"`,
        `<${gh.url}/repos/o/r/pulls/1/files?per_page=100&page=1>; rel="prev"`,
      ].join(', '),
    );
    const last = await fetch(`${gh.url}/repos/o/r/pulls/1/files?per_page=100&page=31`, {
      headers: { authorization: 'token t', 'user-agent': 't', accept: 'application/vnd.github+json' },
    });
    expect(await last.json()).toEqual([]);
    expect(gh.violations).toEqual([]);
  });
});
