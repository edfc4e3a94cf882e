import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { importedReference } from '../../lang/python/imported-reference.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';

/**
 * The signed-in user's name taken from a request header: `request.headers.get("Remote-User")`,
 * `request.headers["X-Forwarded-User"]`, `request.environ["HTTP_X_REMOTE_USER"]`. An
 * authenticating proxy sets such headers, but nothing stops a client from sending them itself
 * when it reaches the application by another way (a direct port, a second ingress): the header is
 * then an identity the client chose. `REMOTE_USER` in the WSGI environ is different: the server
 * sets it, no client header can (`HTTP_` is prefixed to every header).
 */
export interface IdentityHeaderRead {
  /** The read: the call or subscript. */
  readonly node: Node;
  /** The header name as the code gives it, when known in this file. */
  readonly header: string | undefined;
  /** A name imported from another module that holds the header name (`config.WEBSERVER_REMOTE_USER`). */
  readonly ref: string | undefined;
  /** `headers` or `environ`: how the header is read, which decides how its name is written. */
  readonly via: 'headers' | 'environ';
}

/**
 * Headers that carry a user's identity as authenticating proxies set them (Apache/nginx
 * `Remote-User`, oauth2-proxy, Authelia, Pomerium, Azure App Service, Google IAP, Cloudflare
 * Access), lower-case with dashes.
 */
const IDENTITY_HEADERS = new Set([
  'remote-user',
  'x-remote-user',
  'x-forwarded-user',
  'x-forwarded-email',
  'x-forwarded-preferred-username',
  'x-authenticated-user',
  'x-authenticated-userid',
  'x-auth-user',
  'x-auth-username',
  'x-auth-request-user',
  'x-auth-request-email',
  'x-auth-request-preferred-username',
  'x-webauth-user',
  'x-user',
  'x-username',
  'x-user-name',
  'x-remote-email',
  'remote-email',
  'x-ms-client-principal-name',
  'x-ms-client-principal-id',
  'x-goog-authenticated-user-email',
  'x-goog-authenticated-user-id',
  'cf-access-authenticated-user-email',
]);

/**
 * Whether a name read through `request.headers` is an identity header. Werkzeug looks headers up
 * case-insensitively with `_` and `-` alike, so `headers.get("REMOTE_USER")` reads the client's
 * `Remote-User` header.
 */
export function isIdentityHeader(name: string, via: 'headers' | 'environ' = 'headers'): boolean {
  if (via === 'environ') {
    // Only `HTTP_*` keys of the environ come from the client.
    if (!/^HTTP_/.test(name)) return false;
    return IDENTITY_HEADERS.has(name.slice(5).toLowerCase().replace(/_/g, '-'));
  }
  return IDENTITY_HEADERS.has(name.trim().toLowerCase().replace(/_/g, '-'));
}

/** A cheap look at the file before any node is read: every form names headers or the environ. */
function mayRead(text: string): boolean {
  return text.includes('headers') || text.includes('environ');
}

const REQUEST_OBJECT = /^(?:(?:flask|quart|werkzeug)\.)?request$|(?:^|\.)request$/;

/** `request.headers` / `request.environ` (also `flask.request.headers`, `self.request.headers`). */
function requestMapping(node: Node): 'headers' | 'environ' | undefined {
  const written = dottedName(node);
  if (!written) return undefined;
  const dot = written.lastIndexOf('.');
  if (dot < 0) return undefined;
  const tail = written.slice(dot + 1);
  if (tail !== 'headers' && tail !== 'environ') return undefined;
  return REQUEST_OBJECT.test(written.slice(0, dot)) ? tail : undefined;
}

/** Every read of a header in the file whose name is, or may be (an imported name), an identity header. */
export function identityHeaderReads(py: PythonIndex): IdentityHeaderRead[] {
  if (!mayRead(py.doc.text)) return [];
  const out: IdentityHeaderRead[] = [];
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    if (fn?.type !== 'attribute') continue;
    const method = fn.childForFieldName('attribute')?.text;
    if (method !== 'get' && method !== 'get_all' && method !== 'getlist') continue;
    const object = fn.childForFieldName('object');
    const via = object ? requestMapping(object) : undefined;
    if (!via) continue;
    const key = callArguments(call).positional[0];
    const read = key ? classify(py, call, key, via) : undefined;
    if (read) out.push(read);
  }
  if (py.doc.text.includes('headers[') || py.doc.text.includes('environ[')) {
    for (const sub of subscriptsOf(py)) {
      const value = sub.childForFieldName('value');
      const key = sub.childForFieldName('subscript');
      const via = value ? requestMapping(value) : undefined;
      if (!via || !key) continue;
      const read = classify(py, sub, key, via);
      if (read) out.push(read);
    }
  }
  return out.sort((a, b) => a.node.startIndex - b.node.startIndex);
}

/** Subscripts of `request.headers`/`request.environ`, found from the attribute list (gathered once). */
function subscriptsOf(py: PythonIndex): Node[] {
  const out: Node[] = [];
  for (const attr of py.attributes) {
    const name = attr.childForFieldName('attribute')?.text;
    if (name !== 'headers' && name !== 'environ') continue;
    const parent = attr.parent;
    if (parent?.type === 'subscript' && parent.childForFieldName('value')?.id === attr.id) out.push(parent);
  }
  return out;
}

function classify(
  py: PythonIndex,
  node: Node,
  keyNode: Node,
  via: 'headers' | 'environ',
): IdentityHeaderRead | undefined {
  const key = unparenthesize(keyNode);
  const literal = constantStringValue(key);
  const header = literal ?? constantOfFile(py, key);
  if (header !== undefined) return isIdentityHeader(header, via) ? { node, header, ref: undefined, via } : undefined;
  if (key.type !== 'identifier' && key.type !== 'attribute') return undefined;
  const ref = importedReference(key, py);
  return ref ? { node, header: undefined, ref, via } : undefined;
}

/** A name of this file bound to a string constant. */
function constantOfFile(py: PythonIndex, node: Node): string | undefined {
  if (node.type !== 'identifier' && node.type !== 'attribute') return undefined;
  const value = py.evaluator.evaluate(node);
  if (value.kind !== 'str') return undefined;
  let text = '';
  for (const s of value.segments) {
    if (s.literal === undefined || s.envFallbackOf !== undefined) return undefined;
    text += s.text;
  }
  return text;
}

const COMPARE_DIGEST = new Set(['hmac.compare_digest', 'secrets.compare_digest']);

/**
 * Whether the function around a read also checks that the request came through the trusted
 * proxy: a shared secret compared (`hmac.compare_digest(request.headers["X-Proxy-Secret"], ...)`,
 * `request.headers.get("X-Proxy-Token") == PROXY_TOKEN`) or the peer address checked
 * (`request.remote_addr in TRUSTED_PROXIES`).
 */
export function provesProxy(py: PythonIndex, read: IdentityHeaderRead, fn: Node | undefined): boolean {
  const scope = fn ?? py.doc.root;
  const inScope = (n: Node): boolean => n.startIndex >= scope.startIndex && n.endIndex <= scope.endIndex;
  for (const call of py.calls) {
    if (inScope(call) && calleeNames(call, py.imports).some((n) => COMPARE_DIGEST.has(n))) return true;
  }
  for (const cmp of py.comparisons) {
    if (!inScope(cmp) || (cmp.startIndex <= read.node.startIndex && cmp.endIndex >= read.node.endIndex)) continue;
    for (const attr of cmp.descendantsOfType('attribute')) {
      const name = attr.childForFieldName('attribute')?.text;
      if (name === 'remote_addr') return true;
      if (name !== 'get' && name !== 'headers') continue;
      // `request.headers.get("X-Proxy-Secret")` / `request.headers["X-Proxy-Secret"]` compared.
      const holder = name === 'get' ? attr.childForFieldName('object') : attr;
      if (!holder || requestMapping(holder) !== 'headers') continue;
      const use = name === 'get' ? attr.parent : holder.parent;
      const key =
        use?.type === 'call'
          ? callArguments(use).positional[0]
          : use?.type === 'subscript'
            ? use.childForFieldName('subscript')
            : undefined;
      const header = key ? constantStringValue(key) : undefined;
      if (header !== undefined && PROXY_PROOF.test(header)) return true;
    }
  }
  return false;
}

/** Header names that carry a shared secret between the proxy and the application. */
const PROXY_PROOF = /secret|token|key|signature|shared|auth-proof/i;
