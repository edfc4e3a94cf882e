import { describe, expect, test } from '@jest/globals';
import type { FileKind } from '../../../../src/core/types.js';
import { extractConfigFacts } from '../../../../src/models/connections/config/index.js';
import type { CommandFact } from '../../../../src/models/connections/types.js';
import { parseConfig } from '../../../../src/parse/config/index.js';

const commands = (kind: FileKind, text: string): readonly CommandFact[] =>
  extractConfigFacts(parseConfig(kind, 'f', text)).commands;

describe('commands', () => {
  test('compose command (string and list) pass through with their image', () => {
    const cmds = commands(
      'yaml',
      [
        'services:',
        '  roach1:',
        '    image: cockroachdb/cockroach:v24.1.0',
        '    command: start-single-node --insecure',
        '  roach2:',
        '    image: cockroachdb/cockroach:v24.1.0',
        '    command: ["start-single-node", "--insecure", "--http-addr=0.0.0.0:8080"]',
        '',
      ].join('\n'),
    );
    expect(cmds).toEqual([
      {
        argv: ['start-single-node', '--insecure'],
        image: 'cockroachdb/cockroach:v24.1.0',
        span: { line: 4, column: 14, endLine: 4, endColumn: 42 },
      },
      {
        argv: ['start-single-node', '--insecure', '--http-addr=0.0.0.0:8080'],
        image: 'cockroachdb/cockroach:v24.1.0',
        span: { line: 7, column: 14, endLine: 7, endColumn: 77 },
      },
    ]);
  });

  test('Kubernetes args: argv exactly as written, with the image', () => {
    const cmds = commands(
      'yaml',
      'kind: StatefulSet\nspec:\n  template:\n    spec:\n      containers:\n        - image: cockroachdb/cockroach:v24.1.0\n          args: ["start", "--insecure"]\n',
    );
    expect(cmds).toEqual([
      {
        argv: ['start', '--insecure'],
        image: 'cockroachdb/cockroach:v24.1.0',
        span: { line: 7, column: 17, endLine: 7, endColumn: 40 },
      },
    ]);
  });

  test('a script in a ConfigMap: each command on its own line', () => {
    const cmds = commands(
      'yaml',
      [
        'apiVersion: v1', //                                              1
        'kind: ConfigMap', //                                             2
        'data:', //                                                       3
        '  bootstrap.sh: |', //                                           4
        '    #!/bin/sh', //                                               5
        '    set -e', //                                                  6
        '    /cockroach/cockroach init --insecure --host=crdb-0.crdb', // 7
        '    /cockroach/cockroach sql --insecure -e "CREATE DATABASE app"', // 8
        '',
      ].join('\n'),
    );
    expect(cmds.map((c) => [c.argv.slice(0, 3), c.span.line, c.span.column, c.image])).toEqual([
      [['set', '-e'], 6, 5, undefined],
      [['/cockroach/cockroach', 'init', '--insecure'], 7, 5, undefined],
      [['/cockroach/cockroach', 'sql', '--insecure'], 8, 5, undefined],
    ]);
  });

  test('a compose healthcheck string is found once', () => {
    const cmds = commands(
      'yaml',
      'services:\n  db:\n    image: cockroachdb/cockroach\n    healthcheck:\n      test: cockroach node status --insecure\n',
    );
    expect(cmds).toEqual([
      {
        argv: ['cockroach', 'node', 'status', '--insecure'],
        image: undefined,
        span: { line: 5, column: 13, endLine: 5, endColumn: 45 },
      },
    ]);
  });

  test('strings in JSON and TOML mentioning cockroach and --insecure are command lines', () => {
    const json = commands(
      'json',
      '{\n  "scripts": {\n    "db": "cockroach start-single-node --insecure --store=type=mem,size=1GiB"\n  }\n}\n',
    );
    expect(json).toEqual([
      {
        argv: ['cockroach', 'start-single-node', '--insecure', '--store=type=mem,size=1GiB'],
        image: undefined,
        span: { line: 3, column: 11, endLine: 3, endColumn: 78 },
      },
    ]);
    const toml = commands('toml', '[tool.taskipy.tasks]\ndb = "cockroach demo --insecure --no-example-database"\n');
    expect(toml.map((c) => [c.argv, c.span.line])).toEqual([
      [['cockroach', 'demo', '--insecure', '--no-example-database'], 2],
    ]);
  });

  test('shell, Dockerfile, Procfile and Makefile commands pass through', () => {
    expect(commands('shell', 'cockroach start --insecure --join=a,b &\n').map((c) => c.argv)).toEqual([
      ['cockroach', 'start', '--insecure', '--join=a,b'],
    ]);
    expect(commands('procfile', 'db: cockroach start-single-node --insecure\n')[0]?.span.line).toBe(1);
    expect(commands('makefile', 'db:\n\tcockroach start-single-node --insecure\n')[0]?.span).toEqual({
      line: 2,
      column: 2,
      endLine: 2,
      endColumn: 40,
    });
    expect(
      commands('dockerfile', 'FROM cockroachdb/cockroach:v24.1.0\nCMD start-single-node --insecure\n')[0],
    ).toMatchObject({
      argv: ['start-single-node', '--insecure'],
      image: 'cockroachdb/cockroach:v24.1.0',
    });
  });
});

describe('no duplicates between the parser and the string scan', () => {
  test('the official StatefulSet: bash -ecx script found once, at its line', () => {
    const cmds = commands(
      'yaml',
      [
        'spec:', //                                            1
        '  template:', //                                      2
        '    spec:', //                                        3
        '      containers:', //                                4
        '        - image: cockroachdb/cockroach:v24.1.0', //   5
        '          command:', //                               6
        '            - "/bin/bash"', //                        7
        '            - "-ecx"', //                             8
        '            - exec /cockroach/cockroach start --insecure --join=crdb-0.crdb', // 9
        '',
      ].join('\n'),
    );
    expect(cmds.map((c) => [c.argv[0], c.span.line, c.image])).toEqual([
      ['/bin/bash', 7, 'cockroachdb/cockroach:v24.1.0'],
      ['exec', 9, undefined],
    ]);
  });
});
