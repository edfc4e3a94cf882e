import { describe, expect, test } from '@jest/globals';
import { connectionsOf, onlyConnection, py, summary } from './helpers.js';

describe('Flask configuration', () => {
  test('app.config["SQLALCHEMY_DATABASE_URI"] = literal', async () => {
    const f = await onlyConnection(py`
      from flask import Flask
      app = Flask(__name__)
      app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://app:cfgpw@db.example.com/app"
    `);
    expect(summary(f)).toMatchObject({
      origin: 'uri',
      reachesDriver: true,
      driver: 'libpq',
      password: 'cfgpw',
      hosts: ['db.example.com'],
      line: 3,
    });
  });

  test('app.config.update(SQLALCHEMY_DATABASE_URI=...) and from_mapping({...})', async () => {
    const list = await connectionsOf(py`
      app.config.update(SQLALCHEMY_DATABASE_URI="postgresql://u@a.example.com/app", DEBUG=False)
      app.config.from_mapping({"SQLALCHEMY_DATABASE_URI": "postgresql://u@b.example.com/app"})
      app.config.from_mapping(dict(SQLALCHEMY_DATABASE_URI="postgresql://u@c.example.com/app"))
    `);
    expect(list.map((f) => [f.hosts, f.reachesDriver])).toEqual([
      [['a.example.com'], true],
      [['b.example.com'], true],
      [['c.example.com'], true],
    ]);
  });

  test('config class attributes, subclasses, with f-string and module constants', async () => {
    const list = await connectionsOf(py`
      HOST = "crdb.example.com"
      PORT = 26257

      class Config:
          SQLALCHEMY_DATABASE_URI = f"cockroachdb://app@{HOST}:{PORT}/app?sslmode=require"

      class DevelopmentConfig(Config):
          SQLALCHEMY_DATABASE_URI = "cockroachdb://root@localhost:26257/dev?sslmode=disable"
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({ hosts: ['crdb.example.com'], params: { sslmode: 'require' }, line: 5 }),
      expect.objectContaining({ hosts: ['localhost'], params: { sslmode: 'disable' }, line: 8 }),
    ]);
    expect(list[0]?.display).toBe('cockroachdb://app@crdb.example.com:26257/app?sslmode=require');
  });

  test('SQLALCHEMY_ENGINE_OPTIONS connect_args are merged into the URI fact', async () => {
    const f = await onlyConnection(py`
      class Config:
          SQLALCHEMY_DATABASE_URI = "postgresql://app@db.example.com/app"
          SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "connect_args": {"sslmode": "verify-full", "sslrootcert": "/ca.pem"}}
    `);
    expect(summary(f).params).toEqual({ sslmode: 'verify-full', sslrootcert: '/ca.pem' });
    expect(f.params.get('sslmode')?.span.line).toBe(3);
  });

  test('engine options with the URI from the environment still tell the sslmode', async () => {
    const f = await onlyConnection(py`
      import os
      app.config["SQLALCHEMY_DATABASE_URI"] = os.environ["DATABASE_URL"]
      app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"connect_args": {"sslmode": "disable"}}
    `);
    expect(summary(f)).toMatchObject({
      origin: 'arguments',
      hosts: undefined,
      params: { sslmode: 'disable' },
      reachesDriver: true,
    });
  });

  test('SQLALCHEMY_BINDS: strings and Flask-SQLAlchemy 3 dicts', async () => {
    const list = await connectionsOf(py`
      SQLALCHEMY_BINDS = {
          "users": "postgresql://u@users.example.com/users",
          "audit": {"url": "postgresql://u@audit.example.com/audit", "connect_args": {"sslmode": "require"}},
      }
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({ hosts: ['users.example.com'], params: {}, reachesDriver: true }),
      expect.objectContaining({ hosts: ['audit.example.com'], params: { sslmode: 'require' }, reachesDriver: true }),
    ]);
  });

  test('DATABASE_URL-named constants reach the driver; with an env fallback', async () => {
    const f = await onlyConnection(py`
      import os
      DATABASE_URL = os.getenv("DATABASE_URL", "postgresql://u:fallbackpw@db.example.com/app?sslmode=disable")
    `);
    expect(summary(f)).toMatchObject({
      reachesDriver: true,
      envFallbackOf: 'DATABASE_URL',
      password: 'fallbackpw',
      params: { sslmode: 'disable' },
    });
    expect(f.password?.envFallbackOf).toBe('DATABASE_URL');
    expect(f.params.get('sslmode')?.envFallbackOf).toBe('DATABASE_URL');
  });

  test('os.environ.get(NAME) or DEFAULT', async () => {
    const f = await onlyConnection(py`
      import os
      db_url = os.environ.get("DB_URL") or "postgresql://u@db.example.com/app"
    `);
    expect(summary(f)).toMatchObject({ envFallbackOf: 'DB_URL', reachesDriver: true });
  });

  test('a constant used by the config and by create_engine is one fact', async () => {
    const list = await connectionsOf(py`
      from sqlalchemy import create_engine
      DATABASE_URL = "postgresql://u@db.example.com/app"
      class Config:
          SQLALCHEMY_DATABASE_URI = DATABASE_URL
      engine = create_engine(DATABASE_URL, connect_args={"sslmode": "require"})
    `);
    expect(list.map(summary)).toEqual([expect.objectContaining({ params: { sslmode: 'require' }, line: 2 })]);
  });

  test('os.environ["DATABASE_URL"] = literal and os.environ.setdefault', async () => {
    const list = await connectionsOf(py`
      import os
      os.environ["DATABASE_URL"] = "postgresql://u@a.example.com/app"
      os.environ.setdefault("DATABASE_URL", "postgresql://u@b.example.com/app")
    `);
    expect(list.map((f) => [f.hosts?.[0], f.reachesDriver, f.envFallbackOf])).toEqual([
      ['a.example.com', true, undefined],
      ['b.example.com', true, 'DATABASE_URL'],
    ]);
  });

  test('SQLAlchemy(app, engine_options={"connect_args": ...})', async () => {
    const f = await onlyConnection(py`
      from flask_sqlalchemy import SQLAlchemy
      app.config["SQLALCHEMY_DATABASE_URI"] = "postgresql://u@db.example.com/app"
      db = SQLAlchemy(app, engine_options={"connect_args": {"sslmode": "verify-ca"}})
    `);
    expect(summary(f).params).toEqual({ sslmode: 'verify-ca' });
  });

  test('a URL.create value as SQLALCHEMY_DATABASE_URI', async () => {
    const f = await onlyConnection(py`
      from sqlalchemy import URL
      class Config:
          SQLALCHEMY_DATABASE_URI = URL.create("postgresql", username="u", password="urlpw", host="db.example.com")
    `);
    expect(summary(f)).toMatchObject({
      origin: 'arguments',
      password: 'urlpw',
      reachesDriver: true,
      hosts: ['db.example.com'],
    });
  });
});

describe('module constants read by from_object', () => {
  test('a module-level SQLALCHEMY_DATABASE_URI and a bare environ.get fallback', async () => {
    const list = await connectionsOf(py`
      from os import environ
      SQLALCHEMY_DATABASE_URI = environ.get("SQLALCHEMY_DATABASE_URI", "cockroachdb://root@crdb.example.com:26257/app")
    `);
    expect(list.map(summary)).toEqual([
      expect.objectContaining({
        reachesDriver: true,
        envFallbackOf: 'SQLALCHEMY_DATABASE_URI',
        hosts: ['crdb.example.com'],
        driver: 'libpq',
      }),
    ]);
  });
});
