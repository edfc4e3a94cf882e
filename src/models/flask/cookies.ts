import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { constantValue, type ConstantValue } from './config-values.js';
import type { FlaskSetting } from './config.js';
import { calleeNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { importedReference } from '../../lang/python/imported-reference.js';

/**
 * A cookie an application sets through Werkzeug: `response.set_cookie(...)` on any response
 * (Flask's, a `Response` subclass, `make_response(...)`), or `werkzeug.http.dump_cookie(...)`,
 * with its keyword arguments, including those passed as `**OPTIONS` from a dict of the file.
 */
export interface SetCookieCall {
  readonly call: Node;
  readonly kind: 'set_cookie' | 'dump_cookie';
  /** Keyword → value expression, after merging `**dict` splats the file shows. */
  readonly keywords: ReadonlyMap<string, Node>;
  /** The `name=value` (or dict pair) nodes, for spans. */
  readonly keywordNodes: ReadonlyMap<string, Node>;
  /** The cookie's name when written as a literal or a constant of the file. */
  readonly name: string | undefined;
  /** The name's expression when it is a constant imported from another module (`settings.AUTH_COOKIE`). */
  readonly nameRef: string | undefined;
  /** The value's expression (second argument or `value=`). */
  readonly value: Node | undefined;
  /** `**OPTIONS` read from another module: the local dotted names, for phase 2. */
  readonly importedOptions: readonly string[];
  /** A `**kwargs` (or a dict with unlisted entries) this scan cannot read: any flag may be in it. */
  readonly openOptions: boolean;
}

const cookieCache = new MemoSlot<readonly SetCookieCall[]>('cookies.cookieCache');

/** Every cookie-setting call of the file, once per file for the three cookie rules. */
export function setCookieCalls(py: PythonIndex): readonly SetCookieCall[] {
  let found = cookieCache.get(py);
  if (found) return found;
  const out: SetCookieCall[] = [];
  // Most files set no cookie: skip looking at each call's callee then.
  const text = py.doc.text;
  const calls = text.includes('set_cookie') || text.includes('dump_cookie') ? py.calls : [];
  for (const call of calls) {
    const kind = cookieCallKind(py, call);
    if (kind) out.push(readCookieCall(py, call, kind));
  }
  found = out;
  cookieCache.set(py, found);
  return found;
}

/** `client.set_cookie(...)`, `self.client`, `app.test_client().set_cookie`: a test client's jar, not a response. */
const TEST_CLIENT = /client(?:\(\))?$/i;

function cookieCallKind(py: PythonIndex, call: Node): SetCookieCall['kind'] | undefined {
  const fn = call.childForFieldName('function');
  const receiver = fn?.type === 'attribute' ? fn.childForFieldName('object')?.text.replace(/\s+/g, '') : undefined;
  if (receiver !== undefined && TEST_CLIENT.test(receiver)) return undefined;
  const names = calleeNames(call, py.imports);
  if (names.some((n) => n.endsWith('.set_cookie'))) return 'set_cookie';
  if (names.some((n) => /^werkzeug\.(?:[\w.]+\.)?dump_cookie$/.test(n))) return 'dump_cookie';
  if (names.length === 0) {
    // make_response(...).set_cookie(...): not a plain name chain.
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'set_cookie') return 'set_cookie';
  }
  return undefined;
}

function readCookieCall(py: PythonIndex, call: Node, kind: SetCookieCall['kind']): SetCookieCall {
  const args = callArguments(call);
  const keywords = new Map<string, Node>();
  const keywordNodes = new Map<string, Node>();
  const importedOptions: string[] = [];
  let openOptions = args.listSplat;
  for (const splat of args.doubleSplats) {
    const v = py.evaluator.evaluate(splat);
    if (v.kind === 'dict') {
      for (const e of v.entries.values()) {
        keywords.set(e.key, e.valueNode);
        // The span is the `**OPTIONS` of the call: one dict may serve many calls.
        keywordNodes.set(e.key, splat.parent ?? splat);
      }
      if (v.open) openOptions = true;
      continue;
    }
    const ref = importedReference(splat, py);
    if (ref) importedOptions.push(ref);
    else openOptions = true;
  }
  // Keywords written in the call win over a splat's (Python would reject the repeat anyway).
  for (const [k, v] of args.keywords) keywords.set(k, v);
  for (const [k, v] of args.keywordNodes) keywordNodes.set(k, v);
  const first = args.keywords.get('key') ?? args.positional[0];
  const value = args.keywords.get('value') ?? args.positional[1];
  let name: string | undefined;
  let nameRef: string | undefined;
  if (first) {
    const c = constantValue(py, first);
    name = typeof c?.value === 'string' ? c.value : constantStringValue(first);
    if (name === undefined) nameRef = importedReference(first, py);
  }
  return { call, kind, keywords, keywordNodes, name, nameRef, value, importedOptions, openOptions };
}

/** `expires=0`, `max_age=0`: the call removes the cookie. */
export function isCookieDeletion(py: PythonIndex, c: SetCookieCall): boolean {
  for (const k of ['expires', 'max_age']) {
    const node = c.keywords.get(k);
    const v = node ? constantValue(py, node) : undefined;
    if (v && v.value === 0) return true;
  }
  return false;
}

/** The keyword's value when it is an explicit `False` (or `0`), directly or through a constant. */
export function explicitFalse(py: PythonIndex, node: Node | undefined): ConstantValue | undefined {
  if (!node) return undefined;
  const v = constantValue(py, node);
  return v && (v.value === false || v.value === 0) ? v : undefined;
}

/**
 * The flag is off: an explicit `False`/`0`, or `None`, which Flask (`SESSION_COOKIE_SECURE`),
 * Flask-Login (`REMEMBER_COOKIE_SECURE`), Flask-JWT-Extended and Werkzeug's `set_cookie()` all
 * pass on as the flag's value and then test for truth: None adds no `Secure` attribute.
 */
export function explicitOff(py: PythonIndex, node: Node | undefined): ConstantValue | undefined {
  if (!node) return undefined;
  const v = constantValue(py, node);
  return v && (v.value === false || v.value === 0 || v.value === null) ? v : undefined;
}

/** The keyword's value when it is the string `"None"` (SameSite=None), not Python's None. */
export function samesiteNone(py: PythonIndex, node: Node | undefined): ConstantValue | undefined {
  if (!node) return undefined;
  const v = constantValue(py, node);
  return v && typeof v.value === 'string' && v.value.trim().toLowerCase() === 'none' ? v : undefined;
}

const LOGIN_MODULES = ['flask_login', 'flask_security', 'flask_user', 'flask_praetorian'];

/**
 * Flask-Login (or an extension built on it) is used by the app this setting configures: the file
 * imports it, or the setting sits in a config class or settings module, which configure the app
 * whose extensions are set up elsewhere. REMEMBER_COOKIE_* are Flask-Login's settings: nothing
 * else reads them.
 */
export function flaskLoginSignal(py: PythonIndex, s: FlaskSetting): boolean {
  if (s.form === 'config-class' || s.form === 'settings-module') return true;
  const isLogin = (f: string): boolean => LOGIN_MODULES.some((m) => f === m || f.startsWith(`${m}.`));
  if (py.imports.starModules.some(isLogin)) return true;
  for (const fulls of py.imports.names.values()) if (fulls.some(isLogin)) return true;
  return false;
}

/** `response.set_cookie("session_token", ..., secure=False)` for a message. */
export function describeCookieCall(c: SetCookieCall, keyword: string, shown: string): string {
  const name = c.name !== undefined ? `"${c.name}", ` : '';
  return `${c.kind}(${name}..., ${keyword}=${shown})`;
}
