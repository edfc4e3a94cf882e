import { describe, expect, test } from '@jest/globals';
import { connectionsOf, onlyConnection, py, summary } from './helpers.js';

describe('connect calls', () => {
  test('psycopg2.connect through an alias, URI with sslmode', async () => {
    const f = await onlyConnection(py`
      import psycopg2 as pg
      conn = pg.connect("postgresql://app:s3cret@db.prod.example.com:26257/app?sslmode=disable")
    `);
    expect(summary(f)).toMatchObject({
      origin: 'uri',
      hosts: ['db.prod.example.com'],
      params: { sslmode: 'disable' },
      password: 's3cret',
      driver: 'libpq',
      reachesDriver: true,
      line: 2,
    });
    expect(f.display).toBe('postgresql://app:****@db.prod.example.com:26257/app?sslmode=disable');
    expect(f.span).toEqual({ line: 2, column: 19, endLine: 2, endColumn: 90 });
    expect(f.params.get('sslmode')?.span).toEqual(f.span);
  });

  test('psycopg.connect with a keyword DSN of one pair and keyword arguments', async () => {
    const f = await onlyConnection(py`
      import psycopg
      conn = psycopg.connect("host=db.prod", sslmode="require", sslrootcert="/certs/ca.crt", connect_timeout=5)
    `);
    expect(summary(f)).toMatchObject({
      origin: 'keyword-dsn',
      hosts: ['db.prod'],
      params: { host: 'db.prod', sslmode: 'require', sslrootcert: '/certs/ca.crt', connect_timeout: '5' },
      driver: 'libpq',
    });
    expect(f.params.get('sslmode')?.span.column).toBe(48);
  });

  test('psycopg.AsyncConnection.connect via from-import', async () => {
    const f = await onlyConnection(py`
      from psycopg import AsyncConnection
      async def go():
          return await AsyncConnection.connect("postgresql://u@db.example.com/app")
    `);
    expect(summary(f)).toMatchObject({
      origin: 'uri',
      hosts: ['db.example.com'],
      driver: 'libpq',
      reachesDriver: true,
    });
  });

  test('pure keyword arguments: span is the call, no host means the local socket', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      conn = psycopg2.connect(dbname="app", user="app", password="hunter2", sslmode="disable")
    `);
    expect(summary(f)).toMatchObject({
      origin: 'arguments',
      hosts: [],
      params: { dbname: 'app', user: 'app', sslmode: 'disable' },
      password: 'hunter2',
    });
    expect(f.display).toBe('dbname=app user=app sslmode=disable password=****');
    expect(f.span).toMatchObject({ line: 2, column: 8 });
    expect(f.password?.source).toBe('argument');
    expect(f.password?.span).toMatchObject({ line: 2, column: 60 });
  });

  test('keyword host overrides the DSN host; database/passwd aliases', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      psycopg2.connect("postgresql://u@ignored/app", host="db1,db2", database="x", passwd="pw-123")
    `);
    expect(summary(f)).toMatchObject({ hosts: ['db1', 'db2'], params: { dbname: 'x' }, password: 'pw-123' });
  });

  test('psycopg2.pool with a DSN as third positional argument', async () => {
    const f = await onlyConnection(py`
      from psycopg2 import pool
      p = pool.ThreadedConnectionPool(1, 10, "host=db.internal dbname=app sslmode=verify-ca")
    `);
    expect(summary(f)).toMatchObject({
      origin: 'keyword-dsn',
      params: { sslmode: 'verify-ca' },
      hosts: ['db.internal'],
    });
  });

  test('psycopg2.pool with keyword arguments only', async () => {
    const f = await onlyConnection(py`
      import psycopg2.pool
      p = psycopg2.pool.SimpleConnectionPool(minconn=1, maxconn=4, host="db.example.com", sslmode="prefer")
    `);
    expect(summary(f)).toMatchObject({ origin: 'arguments', hosts: ['db.example.com'], params: { sslmode: 'prefer' } });
    expect(f.params.has('minconn')).toBe(false);
  });

  test('psycopg_pool.ConnectionPool(conninfo, kwargs={...})', async () => {
    const f = await onlyConnection(py`
      from psycopg_pool import ConnectionPool, AsyncConnectionPool
      pool = AsyncConnectionPool("postgresql://app@crdb.example.com:26257/app", kwargs={"sslmode": "allow", "password": "pool-pw"}, min_size=2)
    `);
    expect(summary(f)).toMatchObject({
      hosts: ['crdb.example.com'],
      params: { sslmode: 'allow' },
      password: 'pool-pw',
      driver: 'libpq',
    });
    expect(f.params.has('min_size')).toBe(false);
  });

  test('**kwargs from a module-level dict literal and from dict(...)', async () => {
    const list = await connectionsOf(py`
      import psycopg2
      DB = {"host": "db.example.com", "password": "dictpw", "sslmode": "disable"}
      OTHER = dict(host="other.example.com", sslmode="require", sslrootcert="ca.pem")
      a = psycopg2.connect(**DB)
      b = psycopg2.connect(**OTHER)
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({
        hosts: ['db.example.com'],
        params: { host: 'db.example.com', sslmode: 'disable' },
        password: 'dictpw',
      }),
      expect.objectContaining({
        hosts: ['other.example.com'],
        params: { host: 'other.example.com', sslmode: 'require', sslrootcert: 'ca.pem' },
      }),
    ]);
  });

  test('**kwargs from an unknown dict: hosts unknown', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      def connect(settings):
          return psycopg2.connect("postgresql://u@db.example.com/app", **settings)
    `);
    expect(f.hosts).toBeUndefined();
  });

  test('asyncpg.connect and create_pool: driver asyncpg, ssl recorded', async () => {
    const list = await connectionsOf(py`
      import asyncpg
      async def main():
          a = await asyncpg.connect("postgresql://u:apw@db.example.com/app", ssl="require")
          b = await asyncpg.create_pool(host="10.0.0.5", user="u", password="poolpw", database="app", min_size=1)
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({ origin: 'uri', driver: 'asyncpg', params: { ssl: 'require' }, password: 'apw' }),
      expect.objectContaining({
        origin: 'arguments',
        driver: 'asyncpg',
        hosts: ['10.0.0.5'],
        params: { host: '10.0.0.5', user: 'u', dbname: 'app' },
        password: 'poolpw',
      }),
    ]);
  });

  test('create_engine alias with connect_args merged', async () => {
    const f = await onlyConnection(py`
      from sqlalchemy import create_engine as ce
      engine = ce("cockroachdb://root@crdb.example.com:26257/defaultdb", connect_args={"sslmode": "verify-full", "sslrootcert": "/certs/ca.crt"}, pool_size=5)
    `);
    expect(summary(f)).toMatchObject({
      origin: 'uri',
      driver: 'libpq',
      params: { sslmode: 'verify-full', sslrootcert: '/certs/ca.crt' },
      hosts: ['crdb.example.com'],
    });
    expect(f.params.has('pool_size')).toBe(false);
  });

  test('create_async_engine with an asyncpg URL', async () => {
    const f = await onlyConnection(py`
      from sqlalchemy.ext.asyncio import create_async_engine
      engine = create_async_engine("postgresql+asyncpg://u:p4ss@db.example.com/app")
    `);
    expect(summary(f)).toMatchObject({ driver: 'asyncpg', password: 'p4ss' });
  });

  test('sqlalchemy_cockroachdb URLs and pg8000 map to their drivers', async () => {
    const list = await connectionsOf(py`
      import sqlalchemy
      a = sqlalchemy.create_engine("cockroachdb+psycopg2://root@crdb:26257/db?sslmode=require")
      b = sqlalchemy.create_engine("postgresql+pg8000://u@db/x")
    `);
    expect(list.map((f) => f.driver)).toEqual(['libpq', 'unknown']);
  });

  test('create_engine with connect_args through a variable and **options', async () => {
    const f = await onlyConnection(py`
      import sqlalchemy as sa
      ARGS = {"sslmode": "require"}
      OPTIONS = {"connect_args": {"application_name": "web"}, "echo": True}
      engine = sa.create_engine("postgresql://u@db.example.com/app", connect_args=ARGS, **OPTIONS)
    `);
    expect(summary(f).params).toEqual({ application_name: 'web', sslmode: 'require' });
  });

  test('URL.create into create_engine: one fact, at the URL.create call', async () => {
    const f = await onlyConnection(py`
      from sqlalchemy import create_engine
      from sqlalchemy.engine import URL
      url = URL.create(
          "postgresql+psycopg2",
          username="app",
          password="urlpw",
          host="db.example.com",
          port=26257,
          database="app",
          query={"sslmode": "verify-full", "sslrootcert": "root.crt"},
      )
      engine = create_engine(url, connect_args={"application_name": "x"})
    `);
    expect(summary(f)).toMatchObject({
      origin: 'arguments',
      hosts: ['db.example.com'],
      params: {
        user: 'app',
        host: 'db.example.com',
        port: '26257',
        dbname: 'app',
        sslmode: 'verify-full',
        sslrootcert: 'root.crt',
        application_name: 'x',
      },
      password: 'urlpw',
      driver: 'libpq',
      reachesDriver: true,
      line: 3,
    });
    expect(f.display).toBe(
      'postgresql+psycopg2://app:****@db.example.com:26257/app?sslmode=verify-full&sslrootcert=root.crt&application_name=x',
    );
  });

  test('URL.create alone, through sqlalchemy.engine.url.URL.create, is still a connection', async () => {
    const f = await onlyConnection(py`
      import sqlalchemy.engine.url
      u = sqlalchemy.engine.url.URL.create("cockroachdb", username="root", host="crdb.example.com", query={"sslmode": "disable"})
    `);
    expect(summary(f)).toMatchObject({ origin: 'arguments', params: { sslmode: 'disable' }, reachesDriver: true });
  });

  test('make_url passes its string through', async () => {
    const f = await onlyConnection(py`
      from sqlalchemy import create_engine
      from sqlalchemy.engine import make_url
      engine = create_engine(make_url("postgresql://u@db.example.com/app?sslmode=prefer"))
    `);
    expect(summary(f)).toMatchObject({ origin: 'uri', params: { sslmode: 'prefer' }, reachesDriver: true });
  });

  test('aiopg.create_pool is a libpq driver', async () => {
    const f = await onlyConnection(py`
      import aiopg
      pool = aiopg.create_pool("dbname=app host=db.example.com sslmode=allow")
    `);
    expect(summary(f)).toMatchObject({ driver: 'libpq', params: { sslmode: 'allow' } });
  });

  test('one constant reaching two identical calls is one fact; different settings make two', async () => {
    const same = await connectionsOf(py`
      import psycopg2
      DSN = "postgresql://u@db.example.com/app"
      a = psycopg2.connect(DSN)
      b = psycopg2.connect(DSN)
    `);
    expect(same).toHaveLength(1);
    const different = await connectionsOf(py`
      import psycopg2
      DSN = "postgresql://u@db.example.com/app"
      a = psycopg2.connect(DSN)
      b = psycopg2.connect(DSN, sslmode="verify-full")
    `);
    expect(different).toHaveLength(2);
    expect(different.map((f) => f.span.line)).toEqual([2, 2]);
  });

  test('a wholly dynamic DSN with keyword settings: hosts unknown, settings kept', async () => {
    const f = await onlyConnection(py`
      import os, psycopg2
      conn = psycopg2.connect(os.environ["DATABASE_URL"], sslmode="disable")
    `);
    expect(summary(f)).toMatchObject({ origin: 'arguments', hosts: undefined, params: { sslmode: 'disable' } });
    expect(f.display).toBe('{…} sslmode=disable');
  });

  test('a URI whose query is not known: hosts unknown (settings may hide there)', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      def go(opts):
          return psycopg2.connect(f"postgresql://u@db.example.com/app?{opts}")
    `);
    expect(f.hosts).toBeUndefined();
  });

  test('a URI whose front is not known still yields its query settings', async () => {
    const f = await onlyConnection(py`
      import os
      from sqlalchemy import create_engine
      engine = create_engine(os.environ["BASE_URL"] + "?sslmode=disable&sslrootcert=x")
    `);
    expect(summary(f)).toMatchObject({ hosts: undefined, params: { sslmode: 'disable', sslrootcert: 'x' } });
    expect(f.display).toBe('{…}?sslmode=disable&sslrootcert=x');
  });
});

describe('unknown parts of a string', () => {
  test('an unknown value hides no setting; an unknown query part does', async () => {
    const list = await connectionsOf(py`
      import psycopg2
      def go(mode, pw, opts):
          a = psycopg2.connect(f"postgresql://u@a.example.com/app?sslmode={mode}")
          b = psycopg2.connect(f"host=b.example.com password={pw}")
          c = psycopg2.connect(f"postgresql://u@c.example.com/app?application_name=x&{opts}")
          d = psycopg2.connect(f"postgresql://u@d.example.com/{opts}")
    `);
    expect(list.map((f) => f.hosts)).toEqual([['a.example.com'], ['b.example.com'], undefined, ['d.example.com']]);
    expect(list[0]?.params.has('sslmode')).toBe(true);
    expect(list[0]?.params.get('sslmode')?.value).toBeUndefined();
  });
});

describe('more call forms', () => {
  test('conninfo by keyword, and psycopg.Connection.connect', async () => {
    const list = await connectionsOf(py`
      import psycopg
      a = psycopg.connect(conninfo="host=a.example.com sslmode=require")
      b = psycopg.Connection.connect("postgresql://u@b.example.com/x")
    `);
    expect(list.map((f) => [f.hosts, f.driver, f.reachesDriver])).toEqual([
      [['a.example.com'], 'libpq', true],
      [['b.example.com'], 'libpq', true],
    ]);
  });

  test('a connect call inside a function, its DSN a module constant built with %', async () => {
    const f = await onlyConnection(py`
      import os
      import psycopg2
      TEMPLATE = "host=%s port=26257 dbname=%s sslmode=%s"
      DSN = TEMPLATE % ("db.example.com", "bank", os.environ.get("SSLMODE", "verify-ca"))
      def get():
          return psycopg2.connect(DSN)
    `);
    expect(summary(f)).toMatchObject({
      origin: 'keyword-dsn',
      hosts: ['db.example.com'],
      params: { host: 'db.example.com', port: '26257', dbname: 'bank', sslmode: 'verify-ca' },
      reachesDriver: true,
      line: 3,
    });
    expect(f.params.get('sslmode')).toMatchObject({ envFallbackOf: 'SSLMODE', span: { line: 4 } });
  });
});
