import type { PythonIndex } from '../../../lang/python/file-index.js';
import { callArguments } from '../../../lang/python/args.js';
import { matchCallee } from '../../../lang/python/imports.js';
import type { CommandFact, ConnectionFact, DriverTlsFact, FileFacts } from '../types.js';
import { commandFacts } from './commands.js';
import { configConnections } from './config.js';
import { buildConnection, type BuiltConnection } from './connection.js';
import { URL_CREATE } from './url-create.js';
import { createContext, type FileContext } from './context.js';
import { standaloneConnections } from './standalone.js';
import { dictSslmodes } from './dict-settings.js';
import { pgEnvSettings, sslmodeFallbacks } from './settings.js';
import { callSinks } from './sinks.js';

/**
 * Connection, driver-TLS and command facts of one Python file.
 *
 * Passes run in an order that lets the most specific one claim a literal first (a claimed
 * literal is never reported again):
 *   1. connect/pool/engine calls (the string, keyword arguments, `connect_args`, `**kwargs`);
 *   2. framework settings (SQLALCHEMY_DATABASE_URI, BINDS, DATABASE_URL-style names,
 *      ENGINE_OPTIONS' connect_args merged into them);
 *   3. `URL.create()` calls nothing above consumed;
 *   4. libpq variables set in os.environ (PGSSLMODE…);
 *   5. any other connection string literal (reachesDriver=false);
 *   6. dict literals with a literal `sslmode` that no connection accounts for;
 *   7. `*SSLMODE*` variable fallbacks no connection accounts for;
 *   8. subprocess/os.system command lines.
 *
 * Deduplication: one fact per literal origin. When one constant reaches several connect calls
 * with the same settings there is one fact; when the calls add different settings there is one
 * fact per distinct combination, each reported at the literal's span. A string that reaches a
 * connect call gets no second fact from a config key naming the same string.
 */
export function extractPythonFacts(index: PythonIndex, path: string): FileFacts {
  const ctx = createContext(index, path);
  const connections: ConnectionFact[] = [];
  const driverTls: DriverTlsFact[] = [];
  const tlsSeen = new Set<string>();
  const factSeen = new Set<string>();

  const add = (built: BuiltConnection): void => {
    for (const id of built.consumed) ctx.consumed.add(id);
    const key = `${built.anchor}|${factSignature(built.fact)}`;
    if (!factSeen.has(key)) {
      factSeen.add(key);
      connections.push(built.fact);
    }
    for (const t of built.driverTls) {
      const k = `${t.span.line}:${t.span.column}:${t.detail}`;
      if (tlsSeen.has(k)) continue;
      tlsSeen.add(k);
      driverTls.push(t);
    }
  };

  const sinks = callSinks(ctx);
  const callKeys = new Set<string>();
  for (const s of sinks) {
    add(s.built);
    if (s.key !== undefined) callKeys.add(s.key);
  }
  for (const built of configConnections(ctx, callKeys)) add(built);
  for (const built of urlCreates(ctx)) add(built);
  const pg = pgEnvSettings(ctx);
  if (pg) connections.push(pg);
  for (const built of standaloneConnections(ctx)) add(built);
  connections.push(...dictSslmodes(ctx));
  connections.push(...sslmodeFallbacks(ctx));
  const commands: CommandFact[] = commandFacts(ctx);
  // Passes find facts in their own order; report them in file order.
  connections.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  driverTls.sort((a, b) => a.span.line - b.span.line || a.span.column - b.span.column);
  return { connections, driverTls, commands };
}

/** `URL.create(...)` builds a connection even when the analysis cannot see where it goes. */
function urlCreates(ctx: FileContext): BuiltConnection[] {
  const out: BuiltConnection[] = [];
  // Every URL_CREATE name lives in sqlalchemy, which an import or the written name spells.
  if (!ctx.doc.text.includes('sqlalchemy')) return out;
  for (const call of ctx.calls) {
    if (ctx.consumed.has(call.id)) continue;
    const callee = matchCallee(call, ctx.imports, URL_CREATE);
    if (!callee) continue;
    // URL(...) without arguments is a type reference in disguise, not a connection.
    const args = callArguments(call);
    if (args.positional.length === 0 && args.keywords.size === 0) continue;
    const built = buildConnection(ctx, {
      conninfo: { kind: 'call', callee: [callee], node: call },
      settings: [],
      open: false,
      sink: 'sqlalchemy',
      reachesDriver: true,
      call,
      minPairs: 1,
    });
    if (built) out.push(built);
  }
  return out;
}

/** What makes two facts at one anchor the same fact. */
function factSignature(f: ConnectionFact): string {
  const params = [...f.params].map(([k, p]) => `${k}=${p.value ?? '\u0000'}@${p.span.line}:${p.span.column}`);
  return JSON.stringify([
    f.origin,
    f.display,
    f.hosts ?? null,
    params,
    f.password ? [f.password.span.line, f.password.span.column, f.password.source] : null,
    f.driver,
    f.reachesDriver,
  ]);
}
