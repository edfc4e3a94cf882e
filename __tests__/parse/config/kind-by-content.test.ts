import { describe, expect, test } from '@jest/globals';
import { kindByContent, mayHaveKindByContent, ruledOutByHead } from '../../../src/parse/config/kind-by-content.js';

describe('file kinds decided by content', () => {
  test('only names whose extension says nothing are looked at', () => {
    const cases: [string, boolean][] = [
      ['docker/entrypoint', true],
      ['docker/pgsql-env', true],
      ['deploy/app_env', true],
      ['deploy/prod.env.local', true],
      ['scripts/connect.sql', true],
      ['rabbit/rabbitmq.conf', true],
      ['README.md', false],
      ['requirements.txt', false],
      ['logo.png', false],
      ['.gitignore', false],
      ['.editorconfig', false],
    ];
    for (const [path, may] of cases) expect([path, mayHaveKindByContent(path)]).toEqual([path, may]);
  });

  test('a shell shebang makes a script', () => {
    expect(kindByContent('bin/start', '#!/bin/sh\nexec gunicorn app:app\n')).toBe('shell');
    expect(kindByContent('bin/start', '#!/usr/bin/env bash\nset -e\n')).toBe('shell');
    expect(kindByContent('bin/start', '#! /bin/bash -eu\nset -e\n')).toBe('shell');
    expect(kindByContent('bin/start', '#!/usr/bin/env python3\nprint(1)\n')).toBeUndefined();
    expect(kindByContent('bin/start', '#!/usr/bin/env ruby\nputs 1\n')).toBeUndefined();
    expect(kindByContent('bin/start', '#!/usr/bin/env bashful\n')).toBeUndefined();
  });

  test('a script saved as .sql is read as shell when it starts with `export NAME=`; real SQL is not', () => {
    expect(kindByContent('conn.sql', '# connect\nexport HOST=db.internal\npsql "$URL"\n')).toBe('shell');
    expect(kindByContent('schema.sql', '-- schema\nCREATE TABLE t (id INT);\n')).toBeUndefined();
    expect(
      kindByContent('seed.sql', "SET search_path = public;\nINSERT INTO t VALUES ('export A=1');\n"),
    ).toBeUndefined();
    expect(kindByContent('q.sql', 'SELECT * FROM t WHERE a=1;\n')).toBeUndefined();
    expect(kindByContent('empty.sql', '\n\n')).toBeUndefined();
  });

  test('an environment-file name whose every line is NAME=value is dotenv', () => {
    expect(kindByContent('docker/pgsql-env', 'POSTGRES_USER=app\n# note\nPOSTGRES_DB=app\n')).toBe('dotenv');
    expect(kindByContent('docker/pgsql-env', 'POSTGRES_USER=app\nrun this first\n')).toBeUndefined();
    expect(kindByContent('docker/settings', 'POSTGRES_USER=app\n')).toBeUndefined(); // not named as an env file
  });

  test('a .conf of key = value or [section] lines is INI; nginx and Apache configs are not', () => {
    expect(kindByContent('rabbitmq.conf', 'listeners.tcp.default = 5672\ndefault_user = app\n')).toBe('ini');
    expect(kindByContent('supervisord.conf', '[program:web]\ncommand=gunicorn app:app\n')).toBe('ini');
    expect(kindByContent('nginx.conf', 'server {\n  listen 80;\n  proxy_pass http://app:8000;\n}\n')).toBeUndefined();
    expect(
      kindByContent('site.conf', 'WSGIScriptAlias / /srv/app.wsgi\n<Directory /srv>\n</Directory>\n'),
    ).toBeUndefined();
    expect(kindByContent('empty.conf', '[only-a-section]\n')).toBeUndefined();
  });
});

describe('ruledOutByHead: the first lines of a large file say it can be no kind at all', () => {
  test.each([
    ['db/dump.sql', 'CREATE TABLE t (id int);\nINSERT INTO t VALUES (1);\n', true],
    ['LICENSE', 'MIT License\n\nCopyright (c) 2024\n', true],
    ['docker/pgsql-env', 'POSTGRES_USER=app\nnot an assignment\n', true],
    ['rabbitmq.conf', 'listeners.tcp.default = 5672\nthis is prose\n', true],
    // Still possible: the rest of the file decides.
    ['scripts/deploy', '#!/bin/bash\nset -e\n', false],
    ['scripts/deploy.sql', 'export PGSSLMODE=disable\n', false],
    ['docker/pgsql-env', 'POSTGRES_USER=app\nPOSTGRES_DB=app\n', false],
    ['rabbitmq.conf', '[section]\nkey = value\n', false],
    // Only section headers so far: the key = value lines may follow.
    ['supervisord.conf', '[program:web]\n[program:worker]\n', false],
    ['notes', '# only a comment so far\n\n', false],
  ] as [string, string, boolean][])('%s: %j → %s', (path, head, expected) => {
    expect(ruledOutByHead(path, head)).toBe(expected);
  });

  test('agrees with kindByContent on every case above where the head is the whole file', () => {
    const whole = ['db/dump.sql', 'CREATE TABLE t (id int);\n'] as const;
    expect(kindByContent(whole[0], whole[1])).toBeUndefined();
    expect(ruledOutByHead(whole[0], whole[1])).toBe(true);
  });
});
