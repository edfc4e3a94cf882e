import { describe, expect, test } from '@jest/globals';
import { factsOf, py } from './helpers.js';

async function tlsOf(
  source: string,
): Promise<Array<{ line: number; detail: string; hosts: readonly string[] | undefined }>> {
  const f = await factsOf(source);
  return f.driverTls.map((t) => ({ line: t.span.line, detail: t.detail, hosts: t.hosts }));
}

describe('driver TLS', () => {
  test('asyncpg ssl=False, "disable", "prefer", "allow"', async () => {
    const list = await tlsOf(py`
      import asyncpg
      async def main():
          a = await asyncpg.connect("postgresql://u@a.example.com/x", ssl=False)
          b = await asyncpg.connect(host="b.example.com", ssl="disable")
          c = await asyncpg.create_pool("postgresql://u@c.example.com/x", ssl="prefer")
          d = await asyncpg.create_pool(dsn="postgresql://u@localhost/x", ssl="allow")
    `);
    expect(list).toEqual([
      { line: 3, detail: 'asyncpg ssl=False: TLS is off', hosts: ['a.example.com'] },
      { line: 4, detail: 'asyncpg ssl="disable"', hosts: ['b.example.com'] },
      { line: 5, detail: 'asyncpg ssl="prefer" (falls back to plaintext)', hosts: ['c.example.com'] },
      { line: 6, detail: 'asyncpg ssl="allow" (falls back to plaintext)', hosts: ['localhost'] },
    ]);
  });

  test('asyncpg ssl="require" or a verifying context is fine', async () => {
    const list = await tlsOf(py`
      import asyncpg, ssl
      ctx = ssl.create_default_context(cafile="/ca.pem")
      async def main():
          a = await asyncpg.connect("postgresql://u@a.example.com/x", ssl="verify-full")
          b = await asyncpg.connect("postgresql://u@b.example.com/x", ssl=ctx)
          c = await asyncpg.connect("postgresql://u@c.example.com/x", ssl=ssl.SSLContext(ssl.PROTOCOL_TLS_CLIENT))
    `);
    expect(list).toEqual([]);
  });

  test('ssl via connect_args of an asyncpg engine, and ?ssl= in its URL', async () => {
    const list = await tlsOf(py`
      from sqlalchemy.ext.asyncio import create_async_engine
      a = create_async_engine("postgresql+asyncpg://u@a.example.com/x", connect_args={"ssl": False})
      b = create_async_engine("cockroachdb+asyncpg://u@b.example.com/x?ssl=disable")
      c = create_async_engine("postgresql+psycopg://u@c.example.com/x", connect_args={"ssl": False})
    `);
    expect(list).toEqual([
      { line: 2, detail: 'asyncpg ssl=False: TLS is off', hosts: ['a.example.com'] },
      { line: 3, detail: 'asyncpg ssl=disable', hosts: ['b.example.com'] },
    ]);
  });

  test('module-level SSLContext weakened, handed to asyncpg: reported at the weakening', async () => {
    const f = await factsOf(py`
      import ssl
      import asyncpg
      ctx = ssl.create_default_context()
      ctx.check_hostname = False
      ctx.verify_mode = ssl.CERT_NONE
      async def main():
          return await asyncpg.connect("postgresql://u@db.example.com/x", ssl=ctx)
    `);
    expect(f.driverTls).toEqual([
      {
        span: { line: 4, column: 1, endLine: 4, endColumn: 27 },
        detail: 'SSLContext with check_hostname = False and verify_mode = CERT_NONE',
        hosts: ['db.example.com'],
      },
    ]);
  });

  test('function-local context with CERT_NONE imported by name, via connect_args', async () => {
    const list = await tlsOf(py`
      from ssl import create_default_context, CERT_NONE
      from sqlalchemy import create_engine
      def make():
          context = create_default_context()
          context.verify_mode = CERT_NONE
          return create_engine("postgresql+asyncpg://u@db.example.com/x", connect_args={"ssl": context})
    `);
    expect(list).toEqual([{ line: 5, detail: 'SSLContext with verify_mode = CERT_NONE', hosts: ['db.example.com'] }]);
  });

  test('ssl._create_unverified_context() inline, and SSLContext() without PROTOCOL_TLS_CLIENT', async () => {
    const list = await tlsOf(py`
      import ssl, asyncpg
      legacy = ssl.SSLContext(ssl.PROTOCOL_TLS)
      async def main():
          a = await asyncpg.connect(host="a.example.com", ssl=ssl._create_unverified_context())
          b = await asyncpg.connect(host="b.example.com", ssl=legacy)
    `);
    expect(list).toEqual([
      {
        line: 2,
        detail: 'SSLContext without PROTOCOL_TLS_CLIENT defaults to verify_mode = CERT_NONE',
        hosts: ['b.example.com'],
      },
      {
        line: 4,
        detail: 'ssl._create_unverified_context(): neither the certificate nor the host name is verified',
        hosts: ['a.example.com'],
      },
    ]);
  });

  test('a weakened context that never reaches a driver is not a driver TLS fact', async () => {
    const list = await tlsOf(py`
      import ssl, urllib.request
      ctx = ssl.create_default_context()
      ctx.check_hostname = False
      urllib.request.urlopen("https://example.com", context=ctx)
    `);
    expect(list).toEqual([]);
  });

  test('a context whose check_hostname is set back to True is not weak', async () => {
    const list = await tlsOf(py`
      import ssl, asyncpg
      ctx = ssl.SSLContext()
      ctx.check_hostname = True
      async def f():
          await asyncpg.connect(host="db.example.com", ssl=ctx)
    `);
    expect(list).toEqual([]);
  });

  test('engine options connect_args with an unverified context', async () => {
    const list = await tlsOf(py`
      import ssl
      ctx = ssl._create_unverified_context()
      class Config:
          SQLALCHEMY_DATABASE_URI = "postgresql+asyncpg://u@db.example.com/app"
          SQLALCHEMY_ENGINE_OPTIONS = {"connect_args": {"ssl": ctx}}
    `);
    expect(list).toEqual([
      {
        line: 2,
        detail: 'ssl._create_unverified_context(): neither the certificate nor the host name is verified',
        hosts: ['db.example.com'],
      },
    ]);
  });
});

describe('other TLS argument names', () => {
  test('a pg8000 engine given an unverified ssl_context through connect_args', async () => {
    const list = await tlsOf(py`
      import ssl
      from sqlalchemy import create_engine
      ctx = ssl.create_default_context()
      ctx.verify_mode = ssl.CERT_NONE
      engine = create_engine("postgresql+pg8000://u@db.example.com/app", connect_args={"ssl_context": ctx})
    `);
    expect(list).toEqual([{ line: 4, detail: 'SSLContext with verify_mode = CERT_NONE', hosts: ['db.example.com'] }]);
  });
});
