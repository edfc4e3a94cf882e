import { describe, expect, test } from '@jest/globals';
import { connectionsOf, onlyConnection, py } from './helpers.js';

describe('passwords', () => {
  test('URI password: decoded, at the literal, never in display', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      conn = psycopg2.connect("postgresql://app:p%40ss%2Fw0rd@db.example.com/app")
    `);
    expect(f.password).toEqual({
      value: 'p@ss/w0rd',
      source: 'connection-string',
      span: { line: 2, column: 25, endLine: 2, endColumn: 76 },
    });
    expect(f.display).not.toContain('p%40ss');
    expect(f.display).toContain('****');
  });

  test('keyword DSN password', async () => {
    const f = await onlyConnection(py`
      DSN = "host=db.example.com user=app password='s3 cret' dbname=app"
    `);
    expect(f.password?.value).toBe('s3 cret');
    expect(f.display).toBe('host=db.example.com user=app password=**** dbname=app');
    expect(f.reachesDriver).toBe(false);
    expect(f.origin).toBe('keyword-dsn');
  });

  test('password interpolated from a constant points at the constant', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      PW = "interp-secret"
      conn = psycopg2.connect(f"postgresql://app:{PW}@db.example.com/app")
    `);
    expect(f.password).toMatchObject({ value: 'interp-secret', span: { line: 2 } });
    expect(f.span.line).toBe(3);
  });

  test('password= to connect, create_pool, URL.create and connect_args', async () => {
    const list = await connectionsOf(py`
      import psycopg2, asyncpg
      from sqlalchemy import create_engine, URL
      a = psycopg2.connect(host="h1.example.com", password="pw-one")
      async def f():
          b = await asyncpg.create_pool(host="h2.example.com", password="pw-two")
      c = URL.create("postgresql", host="h3.example.com", password="pw-three")
      d = create_engine("postgresql://u@h4.example.com/x", connect_args={"password": "pw-four"})
    `);
    expect(list.map((f) => [f.password?.value, f.password?.source])).toEqual([
      ['pw-one', 'argument'],
      ['pw-two', 'argument'],
      ['pw-three', 'argument'],
      ['pw-four', 'argument'],
    ]);
    expect(list[3]?.password?.span).toMatchObject({ line: 7, column: 80 });
  });

  test('password from an env fallback carries envFallbackOf', async () => {
    const f = await onlyConnection(py`
      import os, psycopg2
      conn = psycopg2.connect(host="db.example.com", password=os.getenv("DB_PASSWORD", "devpass"))
    `);
    expect(f.password).toMatchObject({ value: 'devpass', envFallbackOf: 'DB_PASSWORD', source: 'argument' });
  });

  test('placeholders and unknown passwords are not passwords', async () => {
    const list = await connectionsOf(py`
      import os, psycopg2
      a = psycopg2.connect("postgresql://app:changeme@a.example.com/app")
      b = psycopg2.connect(host="b.example.com", password=os.environ["DB_PASSWORD"])
      c = psycopg2.connect(f"postgresql://app:{os.environ['PW']}@c.example.com/app")
      d = psycopg2.connect(host="d.example.com", password="<password>")
      e = psycopg2.connect("postgresql://app:%(password)s@e.example.com/app")
    `);
    expect(list).toHaveLength(5);
    expect(list.map((f) => f.password)).toEqual([undefined, undefined, undefined, undefined, undefined]);
  });

  test('PGPASSWORD set in os.environ', async () => {
    const f = await onlyConnection(py`
      import os
      os.environ["PGPASSWORD"] = "envpw"
    `);
    expect(f.password).toMatchObject({ value: 'envpw', source: 'argument' });
    expect(f.display).toBe('PGPASSWORD=****');
  });
});
