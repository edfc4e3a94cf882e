import { describe, expect, test } from '@jest/globals';
import type { FileKind } from '../../../../src/core/types.js';
import { extractConfigFacts } from '../../../../src/models/connections/config/index.js';
import type { ConnectionFact, FileFacts } from '../../../../src/models/connections/types.js';
import { parseConfig } from '../../../../src/parse/config/index.js';

const facts = (kind: FileKind, text: string): FileFacts => extractConfigFacts(parseConfig(kind, 'f', text));
const uris = (f: FileFacts): ConnectionFact[] => f.connections.filter((c) => c.origin !== 'setting');
const params = (c: ConnectionFact | undefined): Record<string, [string | undefined, number]> =>
  Object.fromEntries([...(c?.params ?? new Map())].map(([k, p]) => [k, [p.value, p.span.line]]));

describe('connection strings in config entries', () => {
  test('.env: URI with a literal password, a file-level PGSSLMODE merged into it', () => {
    const f = facts(
      'dotenv',
      '# app\nexport DATABASE_URL="postgresql://app:hunter2@db.internal:26257/bank"\nPGSSLMODE=disable\n',
    );
    const [c, ...rest] = uris(f);
    expect(rest).toEqual([]);
    expect(c).toMatchObject({
      origin: 'uri',
      display: 'postgresql://app:****@db.internal:26257/bank',
      hosts: ['db.internal'],
      driver: 'libpq',
      reachesDriver: true,
      span: { line: 2, column: 21, endLine: 2, endColumn: 70 },
      password: { value: 'hunter2', source: 'connection-string', span: { line: 2 } },
    });
    expect(c?.envFallbackOf).toBeUndefined();
    expect(params(c)).toEqual({ sslmode: ['disable', 3] }); // reported where it is set
    expect(f.driverTls).toEqual([]);
  });

  test("the URI's own sslmode wins over PGSSLMODE", () => {
    const f = facts(
      'dotenv',
      'DATABASE_URL=postgresql://app@db/x?sslmode=verify-full&sslrootcert=/c/ca.crt\nPGSSLMODE=disable\n',
    );
    expect(params(uris(f)[0])).toEqual({ sslmode: ['verify-full', 1], sslrootcert: ['/c/ca.crt', 1] });
  });

  test('keyword DSN (two libpq pairs or more) in a Dockerfile ENV', () => {
    const f = facts(
      'dockerfile',
      'FROM python:3.12\nENV PG_DSN="host=db.internal port=26257 dbname=bank user=app password=s3cret sslmode=require"\n',
    );
    const [c] = uris(f);
    expect(c).toMatchObject({
      origin: 'keyword-dsn',
      hosts: ['db.internal'],
      reachesDriver: true,
      password: { value: 's3cret' },
    });
    expect(c?.display).toBe('host=db.internal port=26257 dbname=bank user=app password=**** sslmode=require');
    expect(params(c).sslmode).toEqual(['require', 2]);
    expect(params(c).password).toBeUndefined();
  });

  test('compose `${VAR:-postgresql://...}`: the default, with envFallbackOf', () => {
    const f = facts(
      'yaml',
      'services:\n  web:\n    image: app\n    environment:\n      DATABASE_URL: ${DATABASE_URL:-postgresql://app:devpw@crdb:26257/app?sslmode=disable}\n',
    );
    const [c] = uris(f);
    expect(c).toMatchObject({ envFallbackOf: 'DATABASE_URL', hosts: ['crdb'], reachesDriver: true, span: { line: 5 } });
    expect(c?.password).toMatchObject({ value: 'devpw', envFallbackOf: 'DATABASE_URL' });
    expect(c?.params.get('sslmode')).toMatchObject({ value: 'disable', envFallbackOf: 'DATABASE_URL' });
  });

  test('compose interpolation inside a URI: unknown parts are dynamic, defaults are used', () => {
    const f = facts(
      'yaml',
      'services:\n  web:\n    environment:\n      - DB_URL=postgresql://app:${DB_PASSWORD}@${DB_HOST}:26257/app?sslmode=${SSLMODE:-require}\n',
    );
    const [c] = uris(f);
    expect(c?.password).toBeUndefined();
    expect(c?.hosts).toBeUndefined();
    expect(c?.display).toBe('postgresql://app:****@{…}:26257/app?sslmode=require');
    expect(params(c).sslmode).toEqual(['require', 4]);
  });

  test('PGSSLMODE merges within its compose service only', () => {
    const f = facts(
      'yaml',
      [
        'services:',
        '  web:',
        '    environment:',
        '      DATABASE_URL: postgresql://app@db.prod:26257/app',
        '      PGSSLMODE: verify-full',
        '  worker:',
        '    environment:',
        '      - DATABASE_URL=postgresql://app@db.prod:26257/app',
        '',
      ].join('\n'),
    );
    const [web, worker] = uris(f);
    expect(params(web)).toEqual({ sslmode: ['verify-full', 5] });
    expect(params(worker)).toEqual({});
  });

  test('Kubernetes: PGSSLMODE and PGSSLROOTCERT of the same container', () => {
    const f = facts(
      'yaml',
      [
        'apiVersion: apps/v1', //                                      1
        'kind: Deployment', //                                          2
        'spec:', //                                                     3
        '  template:', //                                               4
        '    spec:', //                                                 5
        '      containers:', //                                         6
        '        - name: web', //                                       7
        '          image: app', //                                      8
        '          env:', //                                            9
        '            - name: DATABASE_URL', //                          10
        '              value: postgresql://app@crdb-public:26257/app', // 11
        '            - name: PGSSLMODE', //                             12
        '              value: verify-full', //                          13
        '            - name: PGSSLROOTCERT', //                         14
        '              value: /certs/ca.crt', //                        15
        '        - name: migrate', //                                   16
        '          image: app', //                                      17
        '          env:', //                                            18
        '            - name: DATABASE_URL', //                          19
        '              value: postgresql://app@crdb-public:26257/app', // 20
        '',
      ].join('\n'),
    );
    const [web, migrate] = uris(f);
    expect(params(web)).toEqual({ sslmode: ['verify-full', 13], sslrootcert: ['/certs/ca.crt', 15] });
    expect(params(migrate)).toEqual({});
    expect(web?.span.line).toBe(11);
  });

  test('alembic.ini sqlalchemy.url reaches the driver; percent-encoded password decoded', () => {
    const f = facts(
      'ini',
      '[alembic]\nscript_location = migrations\nsqlalchemy.url = postgresql+psycopg2://alembic:p%%40ss@db.internal:26257/bank\n',
    );
    expect(uris(f)[0]).toMatchObject({
      reachesDriver: true,
      driver: 'libpq',
      password: { value: 'p@ss' },
      span: { line: 3, column: 18 },
    });
  });

  test('TOML: SQLALCHEMY_BINDS entries reach the driver; asyncpg and multi-host URIs', () => {
    const f = facts(
      'toml',
      [
        '[default]',
        'SQLALCHEMY_BINDS = { users = "cockroachdb+asyncpg://u@a.example.com:26257,b.example.com:26257/users" }',
        'REPLICA = "postgresql://ro@replica.example.com/app"',
        '[default.database]',
        'url = "postgresql://app@db.example.com/app"',
      ].join('\n'),
    );
    const [binds, replica, url] = uris(f);
    expect(binds).toMatchObject({
      driver: 'asyncpg',
      hosts: ['a.example.com', 'b.example.com'],
      reachesDriver: true,
      span: { line: 2 },
    });
    expect(replica).toMatchObject({ reachesDriver: false, span: { line: 3 } });
    expect(url).toMatchObject({ reachesDriver: true, span: { line: 5 } });
  });

  test('a JSON value with a literal password', () => {
    const f = facts(
      'json',
      '{\n  "env": {\n    "DATABASE_URL": "postgres://admin:Sup3r@db.example.com:5432/app"\n  }\n}\n',
    );
    expect(uris(f)[0]).toMatchObject({
      hosts: ['db.example.com'],
      password: { value: 'Sup3r' },
      reachesDriver: true,
      span: { line: 3, column: 21 },
    });
  });

  test('connection strings on command lines reach the program that connects', () => {
    const f = facts(
      'yaml',
      'jobs:\n  t:\n    steps:\n      - run: cockroach sql --url "postgresql://root:rootpw@crdb.ci:26257/defaultdb?sslmode=disable" -e "select 1"\n',
    );
    const [c] = uris(f);
    expect(c).toMatchObject({
      reachesDriver: true,
      hosts: ['crdb.ci'],
      password: { value: 'rootpw' },
      span: { line: 4 },
    });
    expect(params(c).sslmode).toEqual(['disable', 4]);
    expect(uris(f)).toHaveLength(1);
  });

  test('one anchor merged into several services is one literal: no duplicate facts', () => {
    const f = facts(
      'yaml',
      'x-env: &env\n  DATABASE_URL: postgresql://app:pw@db.example.com/app\nservices:\n  a:\n    environment: *env\n  b:\n    environment: *env\n',
    );
    expect(uris(f)).toHaveLength(1);
  });
});

describe('compose extension fields', () => {
  test('an anchored env block stands for the services that use it', () => {
    const f = facts(
      'yaml',
      [
        'x-db-env: &db-env', //                                         1
        '  DATABASE_URL: postgresql://app@db.prod.internal:26257/bank', // 2
        'services:', //                                                 3
        '  web:', //                                                    4
        '    environment:', //                                          5
        '      <<: *db-env', //                                         6
        '      PGSSLMODE: verify-full', //                              7
        '',
      ].join('\n'),
    );
    const found = uris(f);
    expect(found).toHaveLength(1);
    expect(found[0]?.span.line).toBe(2);
    expect(params(found[0])).toEqual({ sslmode: ['verify-full', 7] });
  });

  test('an unused extension field is still read', () => {
    const f = facts('yaml', 'x-db:\n  DATABASE_URL: postgresql://app:pw@db.prod.internal/bank\nservices: {}\n');
    expect(uris(f)[0]?.password?.value).toBe('pw');
  });
});

describe('connection strings used by commands', () => {
  test('a compose command list item that is a URI reaches the program', () => {
    const f = facts(
      'yaml',
      'services:\n  migrate:\n    image: cockroachdb/cockroach\n    command: [sql, --url, "postgresql://root@crdb.internal:26257/app"]\n',
    );
    const found = uris(f);
    expect(found).toHaveLength(1);
    expect(found[0]).toMatchObject({ reachesDriver: true, span: { line: 4, column: 27 } });
  });

  test('`docker run -e DATABASE_URL=...` in a script', () => {
    const f = facts(
      'shell',
      'docker run -e DATABASE_URL=postgresql://app:pw@db.example.com/app -e OTHER=postgresql://x@y/z app\n',
    );
    expect(uris(f).map((c) => [c.display, c.reachesDriver])).toEqual([
      ['postgresql://app:****@db.example.com/app', true],
      ['postgresql://x@y/z', false],
    ]);
  });

  test('in a script, an exported PGSSLMODE counts for the URIs of later commands', () => {
    const f = facts('shell', 'export PGSSLMODE=verify-full\npsql postgresql://app@db.example.com/app -c "select 1"\n');
    expect(params(uris(f)[0])).toEqual({ sslmode: ['verify-full', 1] });
  });
});
