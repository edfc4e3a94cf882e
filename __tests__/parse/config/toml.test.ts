import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc, ConfigEntry } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const toml = (text: string): ConfigDoc => parseConfig('toml', 'settings.toml', text);
const entry = (doc: ConfigDoc, path: string): ConfigEntry | undefined =>
  doc.entries.find((e) => e.path.join('.') === path);

describe('TOML', () => {
  test('Dynaconf settings.toml: tables, dotted keys, inline tables, exact positions', () => {
    const doc = toml(
      [
        '# settings.toml (Dynaconf)', //                                                   1
        '[default]', //                                                                    2
        'DEBUG = false', //                                                                3
        'SQLALCHEMY_DATABASE_URI = "postgresql://app:pw@db.example.com:26257/app"', //     4
        'SQLALCHEMY_BINDS = { users = \'cockroachdb://u@users.example.com/users\', audit = "postgresql://a@b/c" }', // 5
        'db.pool.size = 5', //                                                             6
        '', //                                                                             7
        '[production.database]', //                                                        8
        'sslmode = "verify-full"   # libpq', //                                            9
        'sslrootcert = "/certs/ca.crt"', //                                                10
      ].join('\n'),
    );
    expect(entry(doc, 'default.DEBUG')).toMatchObject({ key: 'DEBUG', value: false, document: 0 });
    const uri = entry(doc, 'default.SQLALCHEMY_DATABASE_URI');
    expect(uri?.value).toBe('postgresql://app:pw@db.example.com:26257/app');
    expect(at(uri!.span)).toBe('4:27-4:73');
    expect(entry(doc, 'default.SQLALCHEMY_BINDS.users')).toMatchObject({
      key: 'users',
      value: 'cockroachdb://u@users.example.com/users',
      span: { line: 5, column: 30 },
    });
    expect(entry(doc, 'default.SQLALCHEMY_BINDS.audit')?.span.line).toBe(5);
    expect(entry(doc, 'default.db.pool.size')).toMatchObject({ value: 5, span: { line: 6, column: 16 } });
    expect(at(entry(doc, 'production.database.sslmode')!.span)).toBe('9:11-9:24');
    expect(entry(doc, 'production.database.sslrootcert')?.span.line).toBe(10);
  });

  test('pyproject.toml: arrays of tables, multi-line arrays and strings, quoted keys', () => {
    const doc = toml(
      [
        '[project]', //                                                 1
        'name = "bank"', //                                             2
        'dependencies = [', //                                          3
        '  "flask>=3",  # web', //                                      4
        '  "sqlalchemy-cockroachdb",', //                               5
        ']', //                                                         6
        '[tool.pytest.ini_options]', //                                 7
        'env = ["DATABASE_URL=postgresql://root@localhost:26257/test"]', // 8
        '[[tool.bank.nodes]]', //                                       9
        'host = "a"', //                                                10
        '[[tool.bank.nodes]]', //                                       11
        'host = "b"', //                                                12
        '[tool.bank.nodes.tls]', //                                     13
        "\"ca.path\" = '''", //                                        14
        '/certs/ca.crt', //                                             15
        "'''", //                                                       16
        'started = 1979-05-27 07:32:00', //                             17
      ].join('\n'),
    );
    expect(entry(doc, 'project.dependencies.1')).toMatchObject({
      key: 'dependencies',
      value: 'sqlalchemy-cockroachdb',
      span: { line: 5, column: 3 },
    });
    expect(entry(doc, 'tool.pytest.ini_options.env.0')?.span.line).toBe(8);
    expect(entry(doc, 'tool.bank.nodes.0.host')).toMatchObject({ value: 'a', span: { line: 10 } });
    expect(entry(doc, 'tool.bank.nodes.1.host')).toMatchObject({ value: 'b', span: { line: 12 } });
    const ca = entry(doc, 'tool.bank.nodes.1.tls.ca.path');
    expect(ca).toMatchObject({ key: 'ca.path', value: '/certs/ca.crt\n' });
    expect(at(ca!.span)).toBe('14:13-16:4');
    expect(entry(doc, 'tool.bank.nodes.1.tls.started')?.value).toBe('1979-05-27 07:32:00');
  });

  test('malformed TOML throws with its line', () => {
    expect(() => toml('a = 1\nb = [1,\nc = "x"\n')).toThrow(/^TOML syntax error at line 3: /);
    expect(() => toml('[a]\nx = 1\n[a]\n')).toThrow(/^TOML syntax error at line 3: .*redefine/);
  });
});
