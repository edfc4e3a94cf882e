import { describe, expect, test } from '@jest/globals';
import type { Span } from '../../../src/core/types.js';
import { parseConfig } from '../../../src/parse/config/index.js';
import type { ConfigDoc } from '../../../src/parse/config/types.js';

const at = (s: Span): string => `${s.line}:${s.column}-${s.endLine}:${s.endColumn}`;
const ini = (text: string): ConfigDoc => parseConfig('ini', 'alembic.ini', text);

describe('INI / CFG', () => {
  const alembic = [
    '# A generic, single database configuration.', //                              1
    '[alembic]', //                                                                2
    'script_location = migrations', //                                             3
    '; sqlalchemy.url = postgresql://old:old@localhost/old', //                    4
    '# sqlalchemy.url = postgresql://old:old@localhost/old', //                    5
    'sqlalchemy.url = cockroachdb://alembic:p%%40ss@db.internal:26257/bank?sslmode=require', // 6
    '', //                                                                         7
    '[post_write_hooks]', //                                                       8
    'hooks =', //                                                                  9
    '    black', //                                                                10
    '    ruff', //                                                                 11
    'black.type: console_scripts', //                                              12
  ].join('\n');

  test('alembic.ini: sqlalchemy.url with its section, %% unescaped as configparser does', () => {
    const doc = ini(alembic);
    const url = doc.entries.find((e) => e.key === 'sqlalchemy.url');
    expect(url).toMatchObject({
      path: ['alembic', 'sqlalchemy.url'],
      value: 'cockroachdb://alembic:p%40ss@db.internal:26257/bank?sslmode=require',
      document: 0,
    });
    expect(at(url!.span)).toBe('6:18-6:86');
    expect(doc.entries.filter((e) => e.key === 'sqlalchemy.url')).toHaveLength(1); // comments are not entries
  });

  test('multi-line values and `key: value`', () => {
    const doc = ini(alembic);
    const hooks = doc.entries.find((e) => e.key === 'hooks');
    expect(hooks?.value).toBe('black\nruff');
    expect(hooks?.span.line).toBe(9);
    expect(hooks?.span.endLine).toBe(11);
    expect(doc.entries.find((e) => e.key === 'black.type')).toMatchObject({
      path: ['post_write_hooks', 'black.type'],
      value: 'console_scripts',
      span: { line: 12, column: 13 },
    });
  });

  test('setup.cfg: keys before a section, quoted values and inline comments (ini library decoding)', () => {
    const doc = ini('top = 1\n[app:main]\nsecret_key = "s3cr3t value"\ndebug = false ; inline\n');
    expect(doc.entries.map((e) => [e.path, e.value, e.span.line])).toEqual([
      [['top'], '1', 1],
      [['app:main', 'secret_key'], 's3cr3t value', 3],
      [['app:main', 'debug'], 'false', 4],
    ]);
  });

  test('an unterminated section header is an error', () => {
    expect(() => ini('[alembic\nx = 1\n')).toThrow('INI syntax error at line 1: unterminated section header');
  });
});
