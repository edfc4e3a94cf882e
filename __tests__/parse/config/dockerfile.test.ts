import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const dockerfile = (text: string): ConfigDoc => parseConfig('dockerfile', 'Dockerfile', text);

describe('Dockerfile', () => {
  const text = [
    '# syntax=docker/dockerfile:1', //                                                         1
    'FROM python:3.12-slim AS app', //                                                         2
    'ARG APP_ENV=production', //                                                               3
    'ARG BUILD_ONLY', //                                                                       4
    'ENV DATABASE_URL="postgresql://app:hunter2@db.internal:26257/bank?sslmode=verify-full" \\', // 5
    '    PGSSLMODE=verify-full', //                                                            6
    'ENV LEGACY_DSN host=db.internal dbname=bank sslmode=disable', //                          7
    'RUN apt-get update \\', //                                                                8
    '    # tools we need', //                                                                  9
    '    && apt-get install -y --no-install-recommends curl \\', //                            10
    '    && rm -rf /var/lib/apt/lists/*', //                                                   11
    'RUN --mount=type=cache,target=/root/.cache pip install -r requirements.txt', //           12
    'RUN <<EOT', //                                                                            13
    'cockroach sql --insecure -e "select 1"', //                                               14
    'EOT', //                                                                                  15
    'CMD ["gunicorn", "-b", "0.0.0.0:8000", "app:create_app()"]', //                           16
    '', //                                                                                     17
    'FROM cockroachdb/cockroach:v24.1.0 AS db', //                                             18
    'HEALTHCHECK --interval=5s CMD cockroach node status --insecure || exit 1', //             19
    'CMD ["start-single-node", "--insecure"]', //                                              20
    'FROM db', //                                                                              21
    'ENTRYPOINT cockroach start --insecure \\', //                                             22
    '    --join=a,b', //                                                                       23
  ].join('\n');
  const doc = dockerfile(text);

  test('ENV (both forms) and ARG with a default are entries at their values', () => {
    expect(doc.entries.map((e) => [e.key, e.value, at(e.span)])).toEqual([
      ['APP_ENV', 'production', '3:13-3:23'],
      ['DATABASE_URL', 'postgresql://app:hunter2@db.internal:26257/bank?sslmode=verify-full', '5:18-5:87'],
      ['PGSSLMODE', 'verify-full', '6:15-6:26'],
      ['LEGACY_DSN', 'host=db.internal dbname=bank sslmode=disable', '7:16-7:60'],
    ]);
  });

  test('shell form RUN across continuation lines (with a comment line inside) splits on &&', () => {
    const run = doc.commands.filter((c) => c.span.line >= 8 && c.span.line <= 11);
    expect(run.map((c) => [c.argv, at(c.span)])).toEqual([
      [['apt-get', 'update'], '8:5-8:19'],
      [['apt-get', 'install', '-y', '--no-install-recommends', 'curl'], '10:8-10:55'],
      [['rm', '-rf', '/var/lib/apt/lists/*'], '11:8-11:35'],
    ]);
    expect(run.every((c) => c.image === undefined)).toBe(true);
  });

  test('RUN flags are not words of the command; a RUN here-document is a script', () => {
    expect(doc.commands.find((c) => c.argv[0] === 'pip')).toMatchObject({
      argv: ['pip', 'install', '-r', 'requirements.txt'],
      span: { line: 12, column: 44 },
    });
    expect(doc.commands.find((c) => c.argv[1] === 'sql')).toMatchObject({
      argv: ['cockroach', 'sql', '--insecure', '-e', 'select 1'],
      span: { line: 14, column: 1 },
      image: undefined,
    });
  });

  test('exec form CMD carries the stage image; FROM <stage> inherits it', () => {
    expect(doc.commands.find((c) => c.argv[0] === 'gunicorn')).toMatchObject({
      image: 'python:3.12-slim',
      span: { line: 16, column: 5, endColumn: 59 },
    });
    expect(doc.commands.find((c) => c.argv[0] === 'start-single-node')).toEqual({
      argv: ['start-single-node', '--insecure'],
      image: 'cockroachdb/cockroach:v24.1.0',
      span: { line: 20, column: 5, endLine: 20, endColumn: 40 },
    });
    expect(doc.commands.find((c) => c.argv[1] === 'start')).toEqual({
      argv: ['cockroach', 'start', '--insecure', '--join=a,b'],
      image: 'cockroachdb/cockroach:v24.1.0',
      span: { line: 22, column: 12, endLine: 23, endColumn: 15 },
    });
  });

  test('HEALTHCHECK CMD is a command', () => {
    expect(doc.commands.find((c) => c.argv[1] === 'node')).toMatchObject({
      argv: ['cockroach', 'node', 'status', '--insecure'],
      span: { line: 19, column: 31 },
    });
  });

  test('exec form with sh -c opens the script; invalid JSON falls back to shell form', () => {
    const d = dockerfile('FROM alpine\nCMD ["sh", "-c", "cockroach start --insecure"]\nCMD [not json]\n');
    expect(d.commands.map((c) => c.argv)).toEqual([
      ['sh', '-c', 'cockroach start --insecure'],
      ['cockroach', 'start', '--insecure'],
      ['[not', 'json]'],
    ]);
  });

  test('the escape directive changes the continuation character', () => {
    const d = dockerfile('# escape=`\nFROM mcr.microsoft.com/windows\nRUN echo a `\n    b\n');
    expect(d.commands).toEqual([
      { argv: ['echo', 'a', 'b'], image: undefined, span: { line: 3, column: 5, endLine: 4, endColumn: 6 } },
    ]);
  });

  test('an unknown instruction (or a template) is an error', () => {
    expect(() => dockerfile('FROM python\nRUNN pip install x\n')).toThrow(
      'Dockerfile syntax error at line 2: unknown instruction',
    );
    expect(() => dockerfile('{% if prod %}\nFROM python\n')).toThrow(/^Dockerfile syntax error at line 1/);
  });
});
