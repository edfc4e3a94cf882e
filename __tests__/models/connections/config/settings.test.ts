import { describe, expect, test } from '@jest/globals';
import type { FileKind } from '../../../../src/core/types.js';
import { extractConfigFacts } from '../../../../src/models/connections/config/index.js';
import type { ConnectionFact } from '../../../../src/models/connections/types.js';
import { parseConfig } from '../../../../src/parse/config/index.js';

const settings = (kind: FileKind, text: string): ConnectionFact[] =>
  extractConfigFacts(parseConfig(kind, 'f', text)).connections.filter((c) => c.origin === 'setting');

describe('sslmode settings', () => {
  test('PGSSLMODE in .env is a setting that reaches libpq', () => {
    const [s, ...rest] = settings('dotenv', 'PGSSLMODE=prefer\n');
    expect(rest).toEqual([]);
    expect(s).toMatchObject({
      origin: 'setting',
      display: 'set by PGSSLMODE',
      hosts: undefined,
      password: undefined,
      reachesDriver: true,
      span: { line: 1, column: 11 },
    });
    expect(s?.params.get('sslmode')).toMatchObject({ value: 'prefer', span: { line: 1 } });
  });

  test('keys ending in SSLMODE / SSL_MODE / sslmode, case-insensitive', () => {
    const found = settings(
      'dotenv',
      'DB_SSLMODE=disable\nDATABASE_SSL_MODE=allow\ndb.sslmode=require\nSSLMODE_HELP=disable\n',
    );
    expect(found.map((s) => [s.display, s.params.get('sslmode')?.value, s.reachesDriver])).toEqual([
      ['set by DB_SSLMODE', 'disable', false],
      ['set by DATABASE_SSL_MODE', 'allow', false],
      ['set by db.sslmode', 'require', false],
    ]);
  });

  test('TOML and INI `sslmode` inside a database section', () => {
    expect(settings('toml', '[production.database]\nhost = "db"\nsslmode = "verify-ca"\n')[0]).toMatchObject({
      span: { line: 3, column: 11 },
      display: 'set by sslmode',
    });
    expect(settings('ini', '[database]\nsslmode = disable\n')[0]?.params.get('sslmode')?.value).toBe('disable');
  });

  test('compose `${PGSSLMODE:-disable}`: the fallback, with envFallbackOf', () => {
    const [s] = settings('yaml', 'services:\n  web:\n    environment:\n      PGSSLMODE: ${PGSSLMODE:-disable}\n');
    expect(s).toMatchObject({ envFallbackOf: 'PGSSLMODE', span: { line: 4 } });
    expect(s?.params.get('sslmode')).toMatchObject({ value: 'disable', envFallbackOf: 'PGSSLMODE' });
  });

  test('a root certificate set beside the mode counts for the setting', () => {
    const [s] = settings('yaml', 'env:\n  PGSSLMODE: require\n  PGSSLROOTCERT: /certs/ca.crt\n');
    expect(s?.params.get('sslrootcert')).toMatchObject({ value: '/certs/ca.crt', span: { line: 3 } });
  });

  test('values that are not libpq modes, and unknown values, are not settings', () => {
    expect(settings('ini', '[mysql]\nssl_mode = DISABLED\n')).toEqual([]);
    expect(settings('yaml', 'env:\n  PGSSLMODE: ${PGSSLMODE}\n  DB_SSLMODE: "{{ .Values.sslmode }}"\n')).toEqual([]);
    expect(settings('dotenv', 'PGSSLMODE=\n')).toEqual([]);
  });
});
