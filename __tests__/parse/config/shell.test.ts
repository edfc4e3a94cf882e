import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const argvs = (doc: ConfigDoc): string[][] => doc.commands.map((c) => [...c.argv]);

describe('shell scripts', () => {
  const script = [
    '#!/usr/bin/env bash', //                                                          1
    'set -euo pipefail', //                                                            2
    'export DATABASE_URL="postgresql://root@${DB_HOST:-localhost}:26257/app"', //      3
    "PGSSLMODE=require; readonly SECRET_KEY='k 1'", //                                 4
    'if [ -z "${CI:-}" ]; then', //                                                    5
    '  cockroach start-single-node --insecure \\', //                                  6
    '    --listen-addr=localhost:26257 --advertise-addr=$(hostname -f) \\', //         7
    '    --background > /tmp/roach.log 2>&1', //                                       8
    'fi', //                                                                           9
    "cat <<'SQL' | cockroach sql --insecure", //                                       10
    "CREATE USER IF NOT EXISTS app; -- don't stop", //                                 11
    'SQL', //                                                                          12
    'bash -c "cockroach init --insecure --host=$(hostname):26257" # init', //          13
    'gunicorn "app:create_app()" -b 0.0.0.0:$PORT &', //                               14
    'wait', //                                                                         15
  ].join('\n');
  const doc = parseConfig('shell', 'start.sh', script);

  test('assignment lines are entries at their values', () => {
    expect(doc.entries.map((e) => [e.key, e.value, at(e.span)])).toEqual([
      ['DATABASE_URL', 'postgresql://root@${DB_HOST:-localhost}:26257/app', '3:21-3:72'],
      ['PGSSLMODE', 'require', '4:11-4:18'],
      ['SECRET_KEY', 'k 1', '4:40-4:45'],
    ]);
  });

  test('commands: continuations, expansions kept, redirections and reserved words dropped, heredoc skipped', () => {
    expect(argvs(doc)).toEqual([
      ['set', '-euo', 'pipefail'],
      ['[', '-z', '${CI:-}', ']'],
      [
        'cockroach',
        'start-single-node',
        '--insecure',
        '--listen-addr=localhost:26257',
        '--advertise-addr=$(hostname -f)',
        '--background',
      ],
      ['cat'],
      ['cockroach', 'sql', '--insecure'],
      ['bash', '-c', 'cockroach init --insecure --host=$(hostname):26257'],
      ['cockroach', 'init', '--insecure', '--host=$(hostname):26257'],
      ['gunicorn', 'app:create_app()', '-b', '0.0.0.0:$PORT'],
      ['wait'],
    ]);
    const start = doc.commands[2];
    expect(at(start!.span)).toBe('6:3-8:39');
    expect(doc.commands[4]?.span.line).toBe(10);
    expect(doc.commands[6]?.span.line).toBe(13); // the script of bash -c, at the wrapper
  });

  test('an unterminated quote is an error', () => {
    expect(() => parseConfig('shell', 'x.sh', 'echo ok\necho "oops\n')).toThrow(
      'shell syntax error at line 2: unterminated quote',
    );
  });
});

describe('Procfile', () => {
  test('`type: command` lines are shell command lines', () => {
    const doc = parseConfig(
      'procfile',
      'Procfile',
      '# processes\nweb: gunicorn app:app --bind 0.0.0.0:$PORT\nrelease: flask db upgrade && cockroach sql --url "$DATABASE_URL" -e \'select 1\'\nroach: cockroach start-single-node \\\n  --insecure\n',
    );
    expect(doc.commands.map((c) => [c.argv, at(c.span)])).toEqual([
      [['gunicorn', 'app:app', '--bind', '0.0.0.0:$PORT'], '2:6-2:43'],
      [['flask', 'db', 'upgrade'], '3:10-3:26'],
      [['cockroach', 'sql', '--url', '$DATABASE_URL', '-e', 'select 1'], '3:30-3:79'],
      [['cockroach', 'start-single-node', '--insecure'], '4:8-5:13'],
    ]);
    expect(doc.entries).toEqual([]);
  });
});

describe('Makefile', () => {
  const makefile = [
    'DATABASE_URL ?= postgresql://root@localhost:26257/app?sslmode=disable # local', // 1
    'export PGSSLMODE = require', //                                                  2
    'DB_IMAGE := "cockroachdb/cockroach:v24.1.0"', //                                 3
    'HOSTNAME != hostname', //                                                        4
    '', //                                                                            5
    '.PHONY: db test', //                                                             6
    'db:', //                                                                         7
    '\t@docker run -d -p 26257:26257 $(DB_IMAGE) start-single-node --insecure', //    8
    '\t-cockroach sql --insecure \\', //                                              9
    '\t  -e "CREATE DATABASE app"', //                                                10
    '', //                                                                            11
    'test: db ; pytest -q', //                                                        12
    'define HELP', //                                                                 13
    '\tcockroach start --insecure', //                                                14
    'endef', //                                                                       15
  ].join('\n');
  const doc = parseConfig('makefile', 'Makefile', makefile);

  test('variables (also exported) are entries; comments and one pair of quotes removed', () => {
    expect(doc.entries.map((e) => [e.key, e.value, at(e.span)])).toEqual([
      ['DATABASE_URL', 'postgresql://root@localhost:26257/app?sslmode=disable', '1:17-1:70'],
      ['PGSSLMODE', 'require', '2:20-2:27'],
      ['DB_IMAGE', 'cockroachdb/cockroach:v24.1.0', '3:13-3:44'],
    ]);
  });

  test('recipe lines (prefixes removed, continuations joined) and inline recipes are commands', () => {
    expect(doc.commands.map((c) => [c.argv, at(c.span)])).toEqual([
      [['docker', 'run', '-d', '-p', '26257:26257', '$(DB_IMAGE)', 'start-single-node', '--insecure'], '8:3-8:72'],
      [['cockroach', 'sql', '--insecure', '-e', 'CREATE DATABASE app'], '9:3-10:28'],
      [['pytest', '-q'], '12:12-12:21'],
    ]);
  });
});

describe('shell constructs', () => {
  test('function definitions, loops and case are not commands; their bodies are', () => {
    const doc = parseConfig(
      'shell',
      'x.sh',
      'start_db() {\n  cockroach start --insecure\n}\nfor n in 1 2; do echo "$n"; done\ncase "$1" in\n  up) start_db ;;\nesac\n',
    );
    expect(doc.commands.map((c) => [c.argv, c.span.line])).toEqual([
      [['cockroach', 'start', '--insecure'], 2],
      [['echo', '$n'], 4],
      [['start_db'], 6],
    ]);
  });

  test('a subshell spanning separators keeps its commands', () => {
    const doc = parseConfig('shell', 'x.sh', '(cd /data; cockroach start --insecure) &\n');
    expect(doc.commands.map((c) => c.argv)).toEqual([
      ['cd', '/data'],
      ['cockroach', 'start', '--insecure'],
    ]);
  });
});
