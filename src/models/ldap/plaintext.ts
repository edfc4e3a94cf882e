import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { isPlaceholder } from '../../core/placeholder.js';
import { constantValue } from '../flask/config-values.js';
import { flaskSettings, moduleContext, type FlaskContext, type FlaskSetting } from '../flask/config.js';

/**
 * LDAP that authenticates users over plaintext: the bind (which carries the user's password) goes
 * to an `ldap://` server with no StartTLS, so anyone on the path reads the password (CWE-319).
 *
 * Forms (`form`):
 * - `config-starttls-off`: a configuration that names an `ldap://` server (`LDAP_SERVER_URI`,
 *   Flask-AppBuilder's `AUTH_LDAP_SERVER`, `LDAP_BIND_URI`, any setting with LDAP in its name)
 *   and turns StartTLS off in the same file (`LDAP_USE_STARTTLS = False`, `AUTH_LDAP_USE_TLS =
 *   False`, `LDAP_START_TLS = False`); found at the StartTLS setting. The server's host may be a
 *   placeholder (`ldap://<host>:389`): the scheme and the switch are what the file decides.
 * - `config-uri`: an `ldap://` server with a real host and no StartTLS setting in the file: the
 *   extensions that read these settings (Flask-AppBuilder, pgAdmin, Lemur) default to no StartTLS.
 * - `python-ldap`: `ldap.initialize("ldap://...")` in a file that binds with a password
 *   (`simple_bind_s`, `bind_s`) and never calls `start_tls_s()`.
 * - `ldap3`: `ldap3.Server("ldap://...")` or `Server("host")` without `use_ssl=True` (and not on
 *   port 636), in a file that opens a `Connection` with a password (or calls `.bind()`), and
 *   neither calls `start_tls()` nor binds with `AUTO_BIND_TLS_BEFORE_BIND`.
 *
 * Not plaintext: `ldaps://`, `ldapi://` (a local socket), StartTLS switched on, a server URI read
 * from the environment or built at run time (nothing to read), a settings key without LDAP in it.
 */
export interface LdapPlaintext {
  readonly form: 'config-starttls-off' | 'config-uri' | 'python-ldap' | 'ldap3';
  /** Where it is reported: the StartTLS setting, the URI setting, or the call. */
  readonly node: Node;
  /** The server's host as written (`<ip-address>` for a placeholder). */
  readonly host: string;
  /** The setting or call, for the message: `LDAP_USE_STARTTLS = False`, `ldap.initialize`. */
  readonly detail: string;
  /** Where a configuration setting is made (production unless a dev/test class or module). */
  readonly context: FlaskContext;
}

const slot = new MemoSlot<readonly LdapPlaintext[]>('ldap.plaintext');

/** The file's plaintext LDAP binds (once per file). */
export function ldapPlaintext(py: PythonIndex, path: string): readonly LdapPlaintext[] {
  return slot.of(py, () => {
    // Both forms need the word in the file (a key with LDAP, an ldap:// URI, an ldap import):
    // most files pay for two searches of their text.
    const text = py.doc.text;
    if (!text.includes('LDAP') && !text.includes('ldap')) return [];
    return [...fromSettings(py, path), ...fromCalls(py, path)];
  });
}

/** `ldap://host:389/...` → its host; undefined for any other scheme. */
export function plainLdapHost(uri: string): string | undefined {
  const v = uri.trim();
  if (v.slice(0, 7).toLowerCase() !== 'ldap://') return undefined;
  let rest = v.slice(7);
  // `ldap://a ldap://b`: python-ldap's list of servers; the first is enough.
  const space = rest.indexOf(' ');
  if (space >= 0) rest = rest.slice(0, space);
  const slash = rest.indexOf('/');
  if (slash >= 0) rest = rest.slice(0, slash);
  const at = rest.lastIndexOf('@');
  if (at >= 0) rest = rest.slice(at + 1);
  if (rest.startsWith('[')) return rest.slice(1, rest.indexOf(']') > 0 ? rest.indexOf(']') : undefined);
  const colon = rest.lastIndexOf(':');
  return colon >= 0 ? rest.slice(0, colon) : rest;
}

/** A host that only stands for one (`<ip-address>`, `${LDAP_HOST}`, empty). */
export function isPlaceholderHost(host: string): boolean {
  return isPlaceholder(host) || host.includes('<') || host.includes('{');
}

const STARTTLS_SUFFIXES = ['STARTTLS', 'START_TLS', 'USE_TLS'];

function isLdapKey(key: string): boolean {
  return key.includes('LDAP');
}

function fromSettings(py: PythonIndex, path: string): LdapPlaintext[] {
  const settings = flaskSettings(py, path).filter((s) => isLdapKey(s.key));
  if (settings.length === 0) return [];
  const uris: { setting: FlaskSetting; host: string }[] = [];
  const startTls: { setting: FlaskSetting; on: boolean | undefined }[] = [];
  for (const s of settings) {
    const v = constantValue(py, s.value);
    if (STARTTLS_SUFFIXES.some((suffix) => s.key.endsWith(suffix))) {
      const on = v && (typeof v.value === 'boolean' || typeof v.value === 'number') ? Boolean(v.value) : undefined;
      startTls.push({ setting: s, on });
      continue;
    }
    if (typeof v?.value !== 'string') continue;
    const host = plainLdapHost(v.value);
    if (host !== undefined) uris.push({ setting: s, host });
  }
  if (uris.length === 0) return [];
  const out: LdapPlaintext[] = [];
  const off = startTls.filter((t) => t.on === false);
  if (off.length > 0) {
    // Said off in the file, next to an ldap:// server: the place to fix it.
    for (const t of off) {
      const uri = uris[0] as { setting: FlaskSetting; host: string };
      out.push({
        form: 'config-starttls-off',
        node: t.setting.value,
        host: uri.host,
        detail: `${t.setting.key} is False with ${uri.setting.key} an ldap:// URI`,
        context: t.setting.context,
      });
    }
    return out;
  }
  if (startTls.length > 0) return out; // on, or not a constant: not plaintext as far as the file says
  for (const u of uris) {
    if (isPlaceholderHost(u.host)) continue;
    out.push({
      form: 'config-uri',
      node: u.setting.value,
      host: u.host,
      detail: `${u.setting.key} is an ldap:// URI and no StartTLS setting is made`,
      context: u.setting.context,
    });
  }
  return out;
}

function importsLdap(py: PythonIndex): { ldap: boolean; ldap3: boolean } {
  let ldap = false;
  let ldap3 = false;
  for (const fulls of py.imports.names.values()) {
    for (const f of fulls) {
      if (f === 'ldap' || f.startsWith('ldap.')) ldap = true;
      if (f === 'ldap3' || f.startsWith('ldap3.')) ldap3 = true;
    }
  }
  return { ldap, ldap3 };
}

const LDAP3_SERVER = new Set(['ldap3.Server', 'ldap3.core.server.Server']);
const LDAP3_CONNECTION = new Set(['ldap3.Connection', 'ldap3.core.connection.Connection']);
const PYTHON_LDAP_BINDS = new Set(['simple_bind_s', 'simple_bind', 'bind_s', 'bind']);
const SSL_PORTS = new Set([636, 3269]);

function fromCalls(py: PythonIndex, path: string): LdapPlaintext[] {
  const which = importsLdap(py);
  if (!which.ldap && !which.ldap3) return [];
  const context = moduleContext(path);
  const opens: LdapPlaintext[] = [];
  let startTls = false;
  let passwordBind = false;
  for (const call of py.calls) {
    const names = calleeNames(call, py.imports);
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method === 'start_tls_s' || method === 'start_tls') startTls = true;
    const args = callArguments(call);
    if (which.ldap && names.includes('ldap.initialize')) {
      const uri = argument(args, 0, 'uri');
      const v = uri ? constantValue(py, uri) : undefined;
      const host = typeof v?.value === 'string' ? plainLdapHost(v.value) : undefined;
      if (host !== undefined && !isPlaceholderHost(host)) {
        opens.push({ form: 'python-ldap', node: call, host, detail: 'ldap.initialize of an ldap:// URI', context });
      }
      continue;
    }
    if (which.ldap && method !== undefined && PYTHON_LDAP_BINDS.has(method) && args.positional.length >= 2) {
      passwordBind = true;
    }
    if (!which.ldap3) continue;
    if (names.some((n) => LDAP3_SERVER.has(n))) {
      const found = ldap3Server(py, call);
      if (found) opens.push({ ...found, context });
    } else if (names.some((n) => LDAP3_CONNECTION.has(n))) {
      if (args.keywords.has('password') || args.positional.length >= 3) passwordBind = true;
      const autoBind = args.keywords.get('auto_bind') ?? args.positional[3];
      if (autoBind && autoBindStartsTls(py, autoBind)) startTls = true;
    } else if (method === 'bind' && args.positional.length === 0) {
      passwordBind = true;
    }
  }
  return startTls || !passwordBind ? [] : opens;
}

function ldap3Server(py: PythonIndex, call: Node): Omit<LdapPlaintext, 'context'> | undefined {
  const args = callArguments(call);
  const hostArg = argument(args, 0, 'host');
  const v = hostArg ? constantValue(py, hostArg) : undefined;
  if (typeof v?.value !== 'string') return undefined;
  const written = v.value.trim();
  const useSsl = argument(args, 2, 'use_ssl');
  if (useSsl && constantValue(py, useSsl)?.value !== false) return undefined; // True, or not known
  const port = argument(args, 1, 'port');
  const portValue = port ? constantValue(py, port)?.value : undefined;
  if (port && (typeof portValue !== 'number' || SSL_PORTS.has(portValue))) return undefined;
  let host: string | undefined;
  if (written.includes('://')) host = plainLdapHost(written);
  else host = written;
  if (host === undefined || isPlaceholderHost(host)) return undefined;
  return { form: 'ldap3', node: call, host, detail: 'ldap3.Server without SSL' };
}

/** `auto_bind=AUTO_BIND_TLS_BEFORE_BIND` (or its string value): ldap3 runs StartTLS before binding. */
function autoBindStartsTls(py: PythonIndex, node: Node): boolean {
  const v = constantValue(py, node);
  if (typeof v?.value === 'string') return v.value === 'TLS_BEFORE_BIND';
  const text = node.text;
  return text.endsWith('AUTO_BIND_TLS_BEFORE_BIND') || text.endsWith('TLS_BEFORE_BIND');
}
