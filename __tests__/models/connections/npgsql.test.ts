import { describe, expect, test } from '@jest/globals';
import { isPostgresNpgsql, parseNpgsqlConnectionString } from '../../../src/models/connections/npgsql.js';

describe('Npgsql connection strings', () => {
  test('keys in any case and spacing, libpq names and modes, the password masked', () => {
    const text =
      'Host=db.prod:26257;Database=bank;User ID=app;Password="p;a""ss";sslmode=VerifyCA;Root Certificate=/c/ca.crt';
    const c = parseNpgsqlConnectionString(text);
    expect(c?.hosts).toEqual(['db.prod']);
    expect(c?.user).toBe('app');
    expect(c?.password).toBe('p;a"ss');
    expect(c?.database).toBe('bank');
    expect(c?.params.get('sslmode')).toBe('verify-ca');
    expect(c?.params.get('sslrootcert')).toBe('/c/ca.crt');
    expect(c?.redacted).toBe(
      'Host=db.prod:26257;Database=bank;User ID=app;Password=****;sslmode=VerifyCA;Root Certificate=/c/ca.crt',
    );
    expect(c && isPostgresNpgsql(c, text, 'Bank')).toBe(true);
  });

  test('Trust Server Certificate=true leaves encryption without verification', () => {
    const c = parseNpgsqlConnectionString('Host=db;SSL Mode=VerifyFull;Trust Server Certificate=true');
    expect(c?.params.get('sslmode')).toBe('require');
  });

  test("other providers' strings, prose and a host-less string are not Npgsql's", () => {
    expect(parseNpgsqlConnectionString('Server=sql;Initial Catalog=orders;Encrypt=False')).toBeUndefined();
    expect(parseNpgsqlConnectionString('Server=mysql;Uid=app;Pwd=x')).toBeUndefined();
    expect(parseNpgsqlConnectionString('Database=bank;Username=app')).toBeUndefined();
    expect(parseNpgsqlConnectionString('see the docs; then set Host=db')).toBeUndefined();
    const sqlServerLike = 'Server=sql.prod;Database=orders;User Id=app';
    const c = parseNpgsqlConnectionString(sqlServerLike);
    expect(c && isPostgresNpgsql(c, sqlServerLike, 'DefaultConnection')).toBe(false);
    expect(c && isPostgresNpgsql(c, sqlServerLike, 'Postgres')).toBe(true);
  });
});
