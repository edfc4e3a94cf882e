import { LIBPQ_KEYWORDS } from '../dsn.js';
import type { Node } from '../../../parse/python.js';
import { argument, callArguments } from '../../../lang/python/args.js';
import { matchCallee } from '../../../lang/python/imports.js';
import { mentionsAny } from '../../../lang/python/mentions.js';
import { buildConnection, type BuiltConnection, type SinkKind } from './connection.js';
import type { FileContext } from './context.js';
import { valueKey } from './keys.js';
import { addDict, type SettingSource } from './params.js';

/**
 * The calls where a connection reaches a driver, and which of their arguments carry it.
 */
interface SinkSpec {
  readonly kind: Extract<SinkKind, 'libpq' | 'asyncpg' | 'sqlalchemy'>;
  /** The conninfo/DSN/URL argument: its position and keyword. */
  readonly conninfo: { readonly index: number; readonly keyword: string };
  /** The call's own keyword arguments are connection settings (those in `keywords`). */
  readonly keywords: ReadonlySet<string> | undefined;
  /** psycopg_pool's `kwargs={...}`: a dict of connection settings. */
  readonly kwargsDict?: string;
  /** SQLAlchemy's `connect_args={...}`. */
  readonly connectArgs?: string;
}

/** psycopg2/psycopg pass any libpq keyword through; `database`/`passwd` are psycopg2 aliases. */
const LIBPQ_KWARGS: ReadonlySet<string> = new Set([...LIBPQ_KEYWORDS, 'database', 'passwd']);
/** asyncpg.connect's connection arguments (not pool sizes, timeouts, codecs). */
const ASYNCPG_KWARGS: ReadonlySet<string> = new Set([
  'host',
  'port',
  'user',
  'password',
  'passfile',
  'database',
  'ssl',
  'ssl_context',
  'sslcontext',
  'direct_tls',
  'target_session_attrs',
  'krbsrvname',
  'gsslib',
]);

const PSYCOPG2: SinkSpec = { kind: 'libpq', conninfo: { index: 0, keyword: 'dsn' }, keywords: LIBPQ_KWARGS };
const PSYCOPG: SinkSpec = { kind: 'libpq', conninfo: { index: 0, keyword: 'conninfo' }, keywords: LIBPQ_KWARGS };
const PSYCOPG_POOL: SinkSpec = {
  kind: 'libpq',
  conninfo: { index: 0, keyword: 'conninfo' },
  keywords: undefined,
  kwargsDict: 'kwargs',
};
// psycopg2.pool.*ConnectionPool(minconn, maxconn, *args, **kwargs): the rest goes to connect().
const PSYCOPG2_POOL: SinkSpec = { kind: 'libpq', conninfo: { index: 2, keyword: 'dsn' }, keywords: LIBPQ_KWARGS };
const ASYNCPG: SinkSpec = { kind: 'asyncpg', conninfo: { index: 0, keyword: 'dsn' }, keywords: ASYNCPG_KWARGS };
const SQLALCHEMY: SinkSpec = {
  kind: 'sqlalchemy',
  conninfo: { index: 0, keyword: 'url' },
  keywords: undefined,
  connectArgs: 'connect_args',
};

const SINKS: ReadonlyMap<string, SinkSpec> = new Map([
  ['psycopg2.connect', PSYCOPG2],
  ['aiopg.connect', PSYCOPG2],
  ['aiopg.create_pool', PSYCOPG2],
  ['psycopg.connect', PSYCOPG],
  ['psycopg.Connection.connect', PSYCOPG],
  ['psycopg.AsyncConnection.connect', PSYCOPG],
  ['psycopg_pool.ConnectionPool', PSYCOPG_POOL],
  ['psycopg_pool.AsyncConnectionPool', PSYCOPG_POOL],
  ['psycopg_pool.NullConnectionPool', PSYCOPG_POOL],
  ['psycopg_pool.AsyncNullConnectionPool', PSYCOPG_POOL],
  ['psycopg2.pool.SimpleConnectionPool', PSYCOPG2_POOL],
  ['psycopg2.pool.ThreadedConnectionPool', PSYCOPG2_POOL],
  ['psycopg2.pool.PersistentConnectionPool', PSYCOPG2_POOL],
  ['psycopg2.pool.AbstractConnectionPool', PSYCOPG2_POOL],
  ['asyncpg.connect', ASYNCPG],
  ['asyncpg.create_pool', ASYNCPG],
  ['asyncpg.pool.create_pool', ASYNCPG],
  ['asyncpg.connection.connect', ASYNCPG],
  ['sqlalchemy.create_engine', SQLALCHEMY],
  ['sqlalchemy.engine.create_engine', SQLALCHEMY],
  ['sqlalchemy.ext.asyncio.create_async_engine', SQLALCHEMY],
  ['sqlalchemy.ext.asyncio.engine.create_async_engine', SQLALCHEMY],
  ['sqlmodel.create_engine', SQLALCHEMY],
]);
const SINK_NAMES: ReadonlySet<string> = new Set(SINKS.keys());
/**
 * A callee resolves to a full name through an import that spells its module, or is written out
 * in full: a file that never spells a sink's top-level module calls none of them.
 */
const SINK_MODULES: readonly string[] = [...new Set([...SINK_NAMES].map((n) => n.slice(0, n.indexOf('.'))))];

export interface SinkResult {
  readonly built: BuiltConnection;
  /** valueKey of the connection string, when there is one (see keys.ts). */
  readonly key: string | undefined;
}

/** Every connect/pool/engine call of the file that tells something about its connection. */
export function callSinks(ctx: FileContext): SinkResult[] {
  const out: SinkResult[] = [];
  if (!mentionsAny(ctx.doc.text, SINK_MODULES)) return out;
  for (const call of ctx.calls) {
    const name = matchCallee(call, ctx.imports, SINK_NAMES);
    if (!name) continue;
    const result = sinkConnection(ctx, call, SINKS.get(name) as SinkSpec);
    if (result) out.push(result);
  }
  return out;
}

function sinkConnection(ctx: FileContext, call: Node, spec: SinkSpec): SinkResult | undefined {
  const args = callArguments(call);
  const conninfoNode = argument(args, spec.conninfo.index, spec.conninfo.keyword);
  const conninfo = conninfoNode ? ctx.evaluator.evaluate(conninfoNode) : undefined;
  const settings: SettingSource[] = [];
  let open = false;

  if (spec.keywords) {
    for (const [k, v] of args.keywords) {
      if (spec.keywords.has(k)) settings.push({ name: k, value: ctx.evaluator.evaluate(v), node: v });
    }
  }
  for (const splat of args.doubleSplats) {
    const v = ctx.evaluator.evaluate(splat);
    if (spec.kind === 'sqlalchemy') {
      // create_engine(**options): only a connect_args entry in it concerns the connection.
      const ca = v.kind === 'dict' ? v.entries.get('connect_args') : undefined;
      if (ca) open = addDict(settings, ca.value) || open;
    } else {
      open = addDict(settings, v) || open;
    }
  }
  for (const keyword of [spec.kwargsDict, spec.connectArgs]) {
    const node = keyword ? args.keywords.get(keyword) : undefined;
    if (node) open = addDict(settings, ctx.evaluator.evaluate(node)) || open;
  }

  const built = buildConnection(ctx, {
    conninfo,
    settings,
    open,
    sink: spec.kind,
    reachesDriver: true,
    call,
    minPairs: 1,
  });
  if (!built) return undefined;
  return { built, key: conninfo ? valueKey(conninfo) : undefined };
}
