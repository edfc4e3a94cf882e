import { DYNAMIC } from '../../../core/dynamic.js';
import type { ParsedConnection } from '../parse.js';
import { isPlaceholder } from '../../../core/placeholder.js';
import type { Node } from '../../../parse/python.js';
import { asStr, isKnown, isWhollyDynamic, joinText, literalsOf, type PyValue } from '../../../lang/python/evaluate.js';
import { spanOf } from '../../../lang/python/span.js';
import type { ConnectionFact, DriverTlsFact, ParamFact, PasswordFact } from '../types.js';
import { readConnectionString } from './conn-string.js';
import type { FileContext } from './context.js';
import { argumentDisplay, urlDisplay } from './display.js';
import { tlsFromSettings, tlsFromUriParam } from './driver-tls.js';
import { normalizeParam, TLS_OBJECT_KEYS, type SettingSource } from './params.js';
import { URL_CREATE, urlSettings } from './url-create.js';

/**
 * Turns what reaches one connection — a URI or keyword DSN, `URL.create(...)` arguments,
 * keyword arguments, `connect_args` — into one ConnectionFact, in libpq's precedence order:
 * the string first, then each later source overriding what came before.
 */

/** Where the connection was found; decides the driver and how strict the string test is. */
export type SinkKind = 'libpq' | 'asyncpg' | 'sqlalchemy' | 'config' | 'standalone';

export type { SettingSource };

export interface ConnectionInput {
  /** The value holding the URI/DSN, or a `URL.create()` call's value; absent for pure kwargs. */
  readonly conninfo: PyValue | undefined;
  readonly settings: readonly SettingSource[];
  /** Unknown settings may also arrive (`**kwargs` from an unknown dict). */
  readonly open: boolean;
  readonly sink: SinkKind;
  readonly reachesDriver: boolean;
  /** Where a connection without a literal string is reported (the connect call). */
  readonly call: Node | undefined;
  /** Pairs a keyword DSN needs to count (1 when handed to a driver, 2 for a free string). */
  readonly minPairs: number;
}

export interface BuiltConnection {
  readonly fact: ConnectionFact;
  /** Id of the literal (or call) the fact is reported at: one connection string, one anchor. */
  readonly anchor: number;
  readonly driverTls: readonly DriverTlsFact[];
  /** Literal and call ids the fact accounts for. */
  readonly consumed: readonly number[];
}

/** SQLAlchemy dialects whose DBAPI is libpq underneath. */
const LIBPQ_DBAPIS = new Set(['psycopg2', 'psycopg', 'psycopg_async', 'psycopg2cffi', 'pygresql', 'aiopg']);

/** What the connection string (or URL.create call) contributes before the settings. */
interface Base {
  origin: ConnectionFact['origin'];
  display: string | undefined;
  anchor: Node | undefined;
  envFallbackOf: string | undefined;
  scheme: string | undefined;
  schemeDriver: string | undefined;
  form: ParsedConnection['form'] | undefined;
  hosts: string[] | undefined;
  params: Map<string, ParamFact>;
  password: PasswordFact | undefined;
  /** Unknown parts may hold further settings. */
  hidden: boolean;
  /** A connection string or URL.create was read. */
  read: boolean;
  settings: SettingSource[];
  open: boolean;
  urlCall: Node | undefined;
}

/**
 * A connection string that no connect call is seen to use (anywhere in a file, or one of several
 * inside a configuration-text literal): judged as written, never as reaching a driver, and a
 * keyword DSN only with two libpq pairs or more.
 */
export function buildStandaloneConnection(ctx: FileContext, conninfo: PyValue): BuiltConnection | undefined {
  return buildConnection(ctx, {
    conninfo,
    settings: [],
    open: false,
    sink: 'standalone',
    reachesDriver: false,
    call: undefined,
    minPairs: 2,
  });
}

export function buildConnection(ctx: FileContext, input: ConnectionInput): BuiltConnection | undefined {
  const consumed: number[] = [];
  const base = readBase(ctx, input, consumed);
  if (base === undefined) return undefined;
  if ((input.sink === 'standalone' || input.sink === 'config') && !base.read) return undefined;

  const { params } = base;
  let { hosts, password } = base;
  // The URI's own `ssl` before any argument overrides it (see tlsFromUriParam).
  const uriSsl = base.form === 'uri' ? params.get('ssl') : undefined;
  const settings = [...base.settings, ...input.settings];
  let hostSet = false;
  let hostKnown = true;
  for (const st of settings) {
    for (const lit of literalsOf(st.value)) consumed.push(lit.id);
    const name = normalizeParam(st.name);
    if (name === 'sslpassword') continue; // a secret: kept out of params and displays
    const str = asStr(st.value);
    const known = str && isKnown(str) ? joinText(str) : undefined;
    const envFallbackOf = str?.segments.find((x) => x.text !== DYNAMIC)?.envFallbackOf;
    const provenance = envFallbackOf ? { envFallbackOf } : {};
    if (name === 'password') {
      if (known !== undefined && !isPlaceholder(known)) {
        password = { value: known, span: spanOf(st.node), source: 'argument', ...provenance };
      }
      continue;
    }
    if (name === 'host' || name === 'hostaddr') {
      // An argument replaces the string's hosts (libpq: later settings win).
      if (!hostSet) hosts = [];
      hostSet = true;
      if (known === undefined) hostKnown = false;
      else hosts?.push(...known.split(',').map((h) => h.trim()));
    }
    // Where the value was written: its literal (a constant's, an env fallback's), else the argument.
    const single = str && str.segments.length === 1 ? str.segments[0] : undefined;
    const objectValue = TLS_OBJECT_KEYS.has(name) && st.value.kind !== 'str' && st.value.kind !== 'const';
    params.set(name, {
      value: objectValue ? undefined : known,
      span: single?.literal ? spanOf(single.literal) : spanOf(st.node),
      ...provenance,
    });
  }
  if (!hostKnown) hosts = undefined;
  // Settings the analysis cannot see may name another host or set sslmode: stay silent on hosts.
  if (!hostSet && (base.hidden || base.open || input.open)) hosts = undefined;
  if (!base.read && params.size === 0 && password === undefined) return undefined;

  const anchorNode = base.anchor ?? input.call;
  if (!anchorNode) return undefined;
  const driver = driverOf(input.sink, base.form, base.scheme, base.schemeDriver);
  const display =
    base.display ??
    (base.urlCall
      ? urlDisplay(base.scheme, base.schemeDriver, params, hosts, password !== undefined)
      : argumentDisplay(params, password !== undefined, input.conninfo !== undefined && !base.read));
  const sslArgument = settings.some((st) => TLS_OBJECT_KEYS.has(normalizeParam(st.name)));
  const driverTls = [
    ...(driver === 'asyncpg' && !sslArgument ? tlsFromUriParam(uriSsl, hosts) : []),
    ...tlsFromSettings(ctx, settings, driver, hosts),
  ];

  const fact: ConnectionFact = {
    origin: base.origin,
    span: spanOf(anchorNode),
    display,
    hosts,
    params,
    password,
    driver,
    reachesDriver: input.reachesDriver,
    ...(base.envFallbackOf ? { envFallbackOf: base.envFallbackOf } : {}),
  };
  return { fact, anchor: anchorNode.id, driverTls, consumed };
}

/** The string or URL.create part; undefined when a free-standing string is a template. */
function readBase(ctx: FileContext, input: ConnectionInput, consumed: number[]): Base | undefined {
  const base: Base = {
    origin: 'arguments',
    display: undefined,
    anchor: undefined,
    envFallbackOf: undefined,
    scheme: undefined,
    schemeDriver: undefined,
    form: undefined,
    // No host anywhere means libpq's default, the local socket: [] until something says otherwise.
    hosts: [],
    params: new Map(),
    password: undefined,
    hidden: false,
    read: false,
    settings: [],
    open: false,
    urlCall: undefined,
  };
  const value = input.conninfo;
  if (!value) return base;
  for (const lit of literalsOf(value)) consumed.push(lit.id);

  if (value.kind === 'call' && value.callee.some((c) => URL_CREATE.has(c))) {
    consumed.push(value.node.id);
    const url = urlSettings(ctx, value.node);
    return {
      ...base,
      anchor: value.node,
      urlCall: value.node,
      scheme: url.scheme,
      schemeDriver: url.driver,
      settings: url.settings,
      open: url.open,
      read: true,
    };
  }

  const s = asStr(value);
  // A string we cannot read (or none at all) may still carry settings.
  if (!s || isWhollyDynamic(s)) return { ...base, hidden: true };
  const reading = readConnectionString(s, {
    minPairs: input.minPairs,
    expected: input.sink !== 'standalone',
    fallback: input.call,
  });
  if (reading === 'template') return undefined;
  if (!reading) return { ...base, hidden: true };
  return {
    ...base,
    origin: reading.parsed.form,
    display: reading.parsed.redacted,
    anchor: reading.anchor,
    envFallbackOf: reading.envFallbackOf,
    scheme: reading.parsed.scheme,
    schemeDriver: reading.parsed.driver,
    form: reading.parsed.form,
    hosts: reading.hosts,
    params: reading.params,
    password: reading.password,
    hidden: reading.hidden,
    read: true,
  };
}

function driverOf(
  sink: SinkKind,
  form: ParsedConnection['form'] | undefined,
  scheme: string | undefined,
  schemeDriver: string | undefined,
): ConnectionFact['driver'] {
  if (sink === 'libpq') return 'libpq';
  if (sink === 'asyncpg') return 'asyncpg';
  // Only libpq reads keyword DSNs; SQLAlchemy and asyncpg want URLs.
  if (form === 'keyword-dsn') return sink === 'standalone' ? 'libpq' : 'unknown';
  if (scheme === undefined) return 'unknown';
  // A bare postgresql:// or cockroachdb:// means psycopg2 to SQLAlchemy; a free string says nothing.
  if (schemeDriver === undefined) return sink === 'standalone' ? 'unknown' : 'libpq';
  if (schemeDriver === 'asyncpg') return 'asyncpg';
  return LIBPQ_DBAPIS.has(schemeDriver) ? 'libpq' : 'unknown';
}
