import { describe, expect, test } from '@jest/globals';
import { connectionsOf, factsOf, onlyConnection, py, summary } from './helpers.js';

describe('look-alikes that produce nothing', () => {
  test('a docstring mentioning a URI, and a bare string statement', async () => {
    const f = await factsOf(py`
      """Connects to postgresql://admin:hunter2@db.example.com/app?sslmode=disable."""

      def connect():
          """Pass a DSN such as host=db.example.com sslmode=disable password=x."""
          'postgresql://u:pw@other.example.com/db'
    `);
    expect(f).toEqual({ connections: [], driverTls: [], commands: [] });
  });

  test('sslmode in a comment', async () => {
    const list = await connectionsOf(py`
      import psycopg2
      # conn = psycopg2.connect("postgresql://u:pw@db.example.com/app?sslmode=disable")
      x = 1  # sslmode=disable
    `);
    expect(list).toEqual([]);
  });

  test('env-only URIs', async () => {
    const list = await connectionsOf(py`
      import os, psycopg2
      from sqlalchemy import create_engine
      DATABASE_URL = os.environ["DATABASE_URL"]
      engine = create_engine(DATABASE_URL)
      conn = psycopg2.connect(os.environ.get("DSN"))
      app.config["SQLALCHEMY_DATABASE_URI"] = os.getenv("DATABASE_URL")
    `);
    expect(list).toEqual([]);
  });

  test('placeholder URIs outside connect calls', async () => {
    const list = await connectionsOf(py`
      EXAMPLE = "postgresql://user:<password>@host/db"
      TEMPLATE = "postgresql://app:\${DB_PASSWORD}@db.example.com/app"
      HELM = "postgresql://{{ .Values.user }}:{{ .Values.password }}@db/app"
    `);
    expect(list).toEqual([]);
  });

  test('http URLs, SQL strings, ordinary key=value text', async () => {
    const list = await connectionsOf(py`
      API = "https://api.example.com/v1?sslmode=disable"
      cur.execute("SELECT * FROM users WHERE host = 'db' AND sslmode = 'disable'")
      log.info("user=%s logged in", name)
      PARAMS = "host=db.example.com"
      q = "password=secret"
    `);
    expect(list).toEqual([]);
  });

  test('a variable assigned twice is not followed into a connect call', async () => {
    const list = await connectionsOf(py`
      import psycopg2
      url = "postgresql://u@db.example.com/app?sslmode=disable"
      url = os.environ["DATABASE_URL"]
      conn = psycopg2.connect(url)
    `);
    // The literal is still a connection string in the file, but not one known to reach the call.
    expect(list.map(summary)).toEqual([expect.objectContaining({ reachesDriver: false, line: 2 })]);
  });

  test('parameters and loop variables are not followed', async () => {
    const list = await connectionsOf(py`
      import psycopg2
      def connect(dsn="postgresql://u@db.example.com/app"):
          return psycopg2.connect(dsn)
      for dsn in DSNS:
          psycopg2.connect(dsn)
    `);
    expect(list.map((f) => f.reachesDriver)).toEqual([false]);
  });

  test('verify-full with sslrootcert yields the settings, no driver TLS fact', async () => {
    const f = await factsOf(py`
      import psycopg2
      conn = psycopg2.connect("postgresql://u@db.example.com/app?sslmode=verify-full&sslrootcert=/certs/ca.crt")
    `);
    expect(f.driverTls).toEqual([]);
    expect(f.connections.map(summary)).toEqual([
      expect.objectContaining({
        params: { sslmode: 'verify-full', sslrootcert: '/certs/ca.crt' },
        password: undefined,
      }),
    ]);
  });

  test('a class attribute is not visible from a method', async () => {
    const f = await onlyConnection(py`
      import psycopg2
      class Repo:
          DSN = "postgresql://u@db.example.com/app"
          def connect(self):
              return psycopg2.connect(DSN)
    `);
    expect(f.reachesDriver).toBe(false);
  });

  test('an sslmode env lookup without a fallback is no setting', async () => {
    const list = await connectionsOf(py`
      import os
      mode = os.environ.get("DB_SSLMODE")
      other = os.environ["PGSSLMODE_OVERRIDE"]
    `);
    expect(list).toEqual([]);
  });
});

describe('free-standing connection strings', () => {
  test('a URI not reaching any call is reachesDriver=false, driver from its scheme', async () => {
    const list = await connectionsOf(py`
      TEST_URLS = ["postgresql://u@a.example.com/x", "postgresql+asyncpg://u@b.example.com/x"]
      KW = "host=c.example.com dbname=app"
    `);
    expect(list.map((f) => [f.hosts?.[0], f.driver, f.reachesDriver, f.origin])).toEqual([
      ['a.example.com', 'unknown', false, 'uri'],
      ['b.example.com', 'asyncpg', false, 'uri'],
      ['c.example.com', 'libpq', false, 'keyword-dsn'],
    ]);
  });

  test('an env fallback URI in an unrelated variable keeps envFallbackOf', async () => {
    const f = await onlyConnection(py`
      import os
      target = os.environ.get("REPLICA", "postgresql://u:replpw@replica.example.com/app")
    `);
    expect(summary(f)).toMatchObject({ envFallbackOf: 'REPLICA', reachesDriver: false, password: 'replpw' });
    expect(f.password?.envFallbackOf).toBe('REPLICA');
  });

  test('a string built by + is read whole, not piece by piece', async () => {
    const f = await onlyConnection(py`
      def url(host):
          return "postgresql://u:pw@" + host + "/app"
    `);
    expect(f.hosts).toBeUndefined();
    expect(f.display).toBe('postgresql://u:****@{…}/app');
  });
});

describe('web URLs with unknown fronts', () => {
  test('a free f-string URL with a query is no connection', async () => {
    const list = await connectionsOf(py`
      url = f"{base}?stack={name}&sslmode=disable"
      other = BASE + "?SessionToken=" + token
    `);
    expect(list).toEqual([]);
  });
});

describe('log messages shaped like a DSN', () => {
  test('every value unknown: no fact; a known value: a fact', async () => {
    const list = await connectionsOf(py`
      log.info(f"host={host} port={port}")
      log.info("host=%s dbname=%s" % (host, name))
      X = f"host=db.example.com port={port}"
    `);
    expect(list.map((f) => f.span.line)).toEqual([3]);
  });
});
