import { describe, expect, test } from '@jest/globals';
import { connectionsOf, onlyConnection, py, summary } from './helpers.js';

describe('sslmode wherever it is set', () => {
  test('sslmode kwarg, connect_args, URL.create query, URI and keyword DSN', async () => {
    const list = await connectionsOf(py`
      import psycopg2, sqlalchemy
      from sqlalchemy.engine import URL
      a = psycopg2.connect(host="a.example.com", sslmode="disable")
      b = sqlalchemy.create_engine("postgresql://u@b.example.com/x", connect_args={"sslmode": "allow"})
      c = URL.create("postgresql", host="c.example.com", query={"sslmode": "prefer"})
      d = psycopg2.connect("postgresql://u@d.example.com/x?sslmode=require")
      e = psycopg2.connect("host=e.example.com sslmode=verify-ca")
    `);
    expect(list.map((f) => [f.hosts?.[0], f.params.get('sslmode')?.value])).toEqual([
      ['a.example.com', 'disable'],
      ['b.example.com', 'allow'],
      ['c.example.com', 'prefer'],
      ['d.example.com', 'require'],
      ['e.example.com', 'verify-ca'],
    ]);
  });

  test('sslmode from os.environ[...] is set but unknown', async () => {
    const f = await onlyConnection(py`
      import os, psycopg2
      conn = psycopg2.connect("postgresql://u@db.example.com/app", sslmode=os.environ["PGSSLMODE_APP"])
    `);
    expect(f.params.has('sslmode')).toBe(true);
    expect(f.params.get('sslmode')?.value).toBeUndefined();
    expect(f.hosts).toEqual(['db.example.com']);
  });

  test('an sslmode variable assigned twice is unknown, not the first literal', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      mode = "disable"
      if PRODUCTION:
          mode = "verify-full"
      conn = psycopg2.connect(host="db.example.com", sslmode=mode)
    `);
    expect(f.params.get('sslmode')?.value).toBeUndefined();
  });

  test('function-local single assignment is followed', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      def connect():
          mode = "require"
          return psycopg2.connect(host="db.example.com", sslmode=mode)
    `);
    expect(f.params.get('sslmode')).toMatchObject({ value: 'require', span: { line: 3 } });
  });

  test('env fallback sslmode in an argument carries envFallbackOf and points at the literal', async () => {
    const f = await onlyConnection(py`
      import os, psycopg2
      SSLMODE = os.environ.get("DB_SSLMODE", "disable")
      conn = psycopg2.connect(host="db.example.com", sslmode=SSLMODE)
    `);
    expect(f.params.get('sslmode')).toEqual({
      value: 'disable',
      envFallbackOf: 'DB_SSLMODE',
      span: { line: 2, column: 40, endLine: 2, endColumn: 49 },
    });
  });

  test('env fallback sslmode interpolated into an f-string URI', async () => {
    const f = await onlyConnection(py`
      import os
      from sqlalchemy import create_engine
      mode = os.getenv("APP_SSL_MODE", "prefer")
      engine = create_engine(f"postgresql://u@db.example.com/app?sslmode={mode}")
    `);
    expect(f.params.get('sslmode')).toMatchObject({
      value: 'prefer',
      envFallbackOf: 'APP_SSL_MODE',
      span: { line: 3 },
    });
    expect(f.span.line).toBe(4);
  });

  test('an sslmode env fallback that reaches no connection is a setting', async () => {
    const list = await connectionsOf(py`
      import os
      from os import environ
      A = os.environ.get("DB_SSLMODE", "disable")
      B = os.getenv("PG_SSL_MODE") or "allow"
      C = environ.get("SSLMODE", default="prefer")
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({
        origin: 'setting',
        params: { sslmode: 'disable' },
        envFallbackOf: 'DB_SSLMODE',
        reachesDriver: false,
      }),
      expect.objectContaining({ origin: 'setting', params: { sslmode: 'allow' }, envFallbackOf: 'PG_SSL_MODE' }),
      expect.objectContaining({ origin: 'setting', params: { sslmode: 'prefer' }, envFallbackOf: 'SSLMODE' }),
    ]);
    expect(list[0]?.params.get('sslmode')?.envFallbackOf).toBe('DB_SSLMODE');
  });

  test('PGSSLMODE written into os.environ', async () => {
    const list = await connectionsOf(py`
      import os
      os.environ["PGSSLMODE"] = "disable"
      os.environ.setdefault("PGSSLROOTCERT", "/certs/ca.crt")
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({
        origin: 'setting',
        params: { sslmode: 'disable', sslrootcert: '/certs/ca.crt' },
        driver: 'libpq',
        reachesDriver: true,
        line: 2,
      }),
    ]);
    expect(list[0]?.params.get('sslrootcert')?.envFallbackOf).toBe('PGSSLROOTCERT');
    expect(list[0]?.params.get('sslmode')?.envFallbackOf).toBeUndefined();
  });

  test('os.environ.setdefault("PGSSLMODE", "disable") alone', async () => {
    const f = await onlyConnection(py`
      import os
      os.environ.setdefault("PGSSLMODE", "disable")
    `);
    expect(summary(f)).toMatchObject({ origin: 'setting', params: { sslmode: 'disable' } });
  });

  test('.format and % with env values', async () => {
    const list = await connectionsOf(py`
      import os, psycopg2
      a = psycopg2.connect("postgresql://{}@{}/app?sslmode={}".format(os.environ["USER"], "fmt.example.com", "disable"))
      b = psycopg2.connect("host=%s sslmode=%s" % (os.environ["HOST"], os.getenv("DB_SSLMODE", "allow")))
      c = psycopg2.connect("host=%(h)s dbname=app" % {"h": "pct.example.com"})
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({ hosts: ['fmt.example.com'], params: { sslmode: 'disable' } }),
      expect.objectContaining({ hosts: undefined, params: { host: undefined, sslmode: 'allow' } }),
      expect.objectContaining({ hosts: ['pct.example.com'], params: { host: 'pct.example.com', dbname: 'app' } }),
    ]);
    expect(list[1]?.params.get('sslmode')?.envFallbackOf).toBe('DB_SSLMODE');
  });

  test('implicit concatenation across lines and + concatenation', async () => {
    const list = await connectionsOf(py`
      import psycopg2
      BASE = "postgresql://u@db.example.com"
      a = psycopg2.connect(
          "postgresql://u@one.example.com/app"
          "?sslmode=verify-full"  # pinned
          "&sslrootcert=/ca.pem"
      )
      b = psycopg2.connect(BASE + "/app" + "?sslmode=require")
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({ line: 2, hosts: ['db.example.com'], params: { sslmode: 'require' } }),
      expect.objectContaining({
        line: 4,
        hosts: ['one.example.com'],
        params: { sslmode: 'verify-full', sslrootcert: '/ca.pem' },
      }),
    ]);
    expect(list[1]?.span).toEqual({ line: 4, column: 5, endLine: 6, endColumn: 27 });
  });
});
