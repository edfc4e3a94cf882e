import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, resolveNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { isPasswordName } from '../names/passwords.js';
import { constantValue } from '../flask/config-values.js';

/**
 * A standard-library HTTP server that takes logins over plain HTTP: an `http.server` /
 * `socketserver` server (`HTTPServer`, `ThreadingHTTPServer`, `TCPServer`, `ThreadingTCPServer`,
 * or a class of the file built on one) started with a request handler of the file that reads a
 * credential from requests (a `password`-named parameter as a key or a lookup, or the
 * `Authorization` header), in a module that never wraps a socket in TLS (`ssl.wrap_socket`,
 * `SSLContext.wrap_socket`). Such a server is the whole web stack, with no proxy in front to
 * terminate TLS: every login crosses the network as typed.
 *
 * Not one: a handler that reads no credential (a static file server, a health check), a handler
 * imported from elsewhere (its body is not read), a module that wraps a socket in TLS.
 */
export interface PlainHttpLogin {
  /** The server's construction. */
  readonly call: Node;
  /** The server class (`ThreadingServer`, `http.server.HTTPServer`). */
  readonly server: string;
  /** The request handler class. */
  readonly handler: string;
  /** What the handler reads: `"password"`, `the Authorization header`. */
  readonly credential: string;
  /** The bind address when written in the file (`""` and `0.0.0.0` are every interface). */
  readonly bindHost: string | undefined;
}

const SERVER_CLASSES = new Set([
  'http.server.HTTPServer',
  'http.server.ThreadingHTTPServer',
  'socketserver.TCPServer',
  'socketserver.ThreadingTCPServer',
  'SocketServer.TCPServer',
  'SocketServer.ThreadingTCPServer',
  'BaseHTTPServer.HTTPServer',
]);

/** Lookup methods whose first argument names the parameter read (`params.get("password")`). */
const LOOKUPS = new Set(['get', 'getvalue', 'getfirst', 'getlist', 'get_all', 'pop']);

const slot = new MemoSlot<readonly PlainHttpLogin[]>('servers.plainHttpLogin');

/** The file's plain-HTTP login servers (once per file). */
export function plainHttpLogins(py: PythonIndex): readonly PlainHttpLogin[] {
  return slot.of(py, () => collect(py));
}

function importsServerModule(py: PythonIndex): boolean {
  for (const fulls of py.imports.names.values()) {
    for (const f of fulls) {
      const head = f.split('.')[0];
      if (head === 'http' || head === 'socketserver' || head === 'SocketServer' || head === 'BaseHTTPServer') {
        return true;
      }
    }
  }
  return false;
}

function collect(py: PythonIndex): PlainHttpLogin[] {
  if (!importsServerModule(py)) return [];
  const classes = new Map<string, Node>();
  const subclasses = new Set<string>();
  for (const c of py.classes) {
    const name = c.childForFieldName('name')?.text;
    if (!name) continue;
    classes.set(name, c);
    if (serverSubclass(py, c)) subclasses.add(name);
  }
  const starts: { call: Node; server: string; handler: Node; address: Node | undefined }[] = [];
  for (const call of py.calls) {
    const names = calleeNames(call, py.imports);
    // A socket wrapped in TLS anywhere in the module: its servers are not plain HTTP.
    if (names.some((n) => n === 'wrap_socket' || n.endsWith('.wrap_socket'))) return [];
    const server = names.find((n) => SERVER_CLASSES.has(n)) ?? (subclasses.has(names[0] ?? '') ? names[0] : undefined);
    if (server === undefined) continue;
    const args = callArguments(call);
    const handlerArg = argument(args, 1, 'RequestHandlerClass');
    const handler = handlerArg?.type === 'identifier' ? classes.get(handlerArg.text) : undefined;
    if (!handler) continue;
    starts.push({ call, server, handler, address: argument(args, 0, 'server_address') });
  }
  const out: PlainHttpLogin[] = [];
  for (const s of starts) {
    const credential = credentialRead(py, s.handler);
    if (!credential) continue;
    out.push({
      call: s.call,
      server: s.server,
      handler: s.handler.childForFieldName('name')?.text ?? '',
      credential,
      bindHost: bindHost(py, s.address),
    });
  }
  return out;
}

/** A class of the file whose bases include a standard-library server class. */
function serverSubclass(py: PythonIndex, cls: Node | undefined): boolean {
  const bases = cls?.childForFieldName('superclasses');
  if (!bases) return false;
  for (const b of bases.namedChildren) {
    if (resolveNames(b, py.imports).some((n) => SERVER_CLASSES.has(n))) return true;
  }
  return false;
}

/** What credential the handler class reads from requests, if any. */
function credentialRead(py: PythonIndex, cls: Node): string | undefined {
  const start = cls.startIndex;
  const end = cls.endIndex;
  for (const s of py.strings) {
    if (s.startIndex < start) continue;
    if (s.startIndex >= end) break;
    const value = constantStringValue(s);
    if (!value || value.length > 40) continue;
    const header = value.toLowerCase() === 'authorization';
    if (!header && !isPasswordName(value)) continue;
    if (usedAsKey(s)) return header ? 'the Authorization header' : `"${value}"`;
  }
  return undefined;
}

/** `params["password"]`, `params.get("password")`, `"password" in params`. */
function usedAsKey(s: Node): boolean {
  const p = s.parent;
  if (!p) return false;
  if (p.type === 'subscript') return p.childForFieldName('subscript')?.id === s.id;
  if (p.type === 'comparison_operator')
    return p.namedChildren[0]?.id === s.id && p.children.some((c) => c.type === 'in');
  if (p.type === 'argument_list' && p.namedChildren[0]?.id === s.id) {
    const fn = p.parent?.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    return method !== undefined && LOOKUPS.has(method);
  }
  return false;
}

/** The host of a `(host, port)` address written in the file, through constants. */
function bindHost(py: PythonIndex, address: Node | undefined): string | undefined {
  if (!address) return undefined;
  const a = unparenthesize(address);
  if (a.type !== 'tuple') return undefined;
  const first = a.namedChildren[0];
  if (!first) return undefined;
  const v = constantValue(py, first);
  return typeof v?.value === 'string' ? v.value : undefined;
}

/** A bind address only this machine reaches (`""` and `0.0.0.0` are every interface). */
export function isLoopbackBind(host: string): boolean {
  const h = host.trim().toLowerCase();
  if (h === 'localhost' || h === '::1' || h === '[::1]') return true;
  const parts = h.split('.');
  return parts.length === 4 && parts[0] === '127' && parts.every((p) => p !== '' && !Number.isNaN(Number(p)));
}
