import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import { MemoSlot, type PythonIndex } from '../../lang/python/file-index.js';
import { constantValue, type ConstantValue } from './config-values.js';
import type { FlaskSetting } from './config.js';
import { calleeNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';

/** A `response.set_cookie(...)` call (Flask/Werkzeug responses), with its keyword arguments. */
export interface SetCookieCall {
  readonly call: Node;
  readonly keywords: ReadonlyMap<string, Node>;
  /** The `name=value` nodes, for spans. */
  readonly keywordNodes: ReadonlyMap<string, Node>;
  /** The cookie's name when written as a literal. */
  readonly name: string | undefined;
}

const cookieCache = new MemoSlot<readonly SetCookieCall[]>('cookies.cookieCache');

/** Every `<anything>.set_cookie(...)` call of the file, once per file for the three cookie rules. */
export function setCookieCalls(py: PythonIndex): readonly SetCookieCall[] {
  let found = cookieCache.get(py);
  if (found) return found;
  const out: SetCookieCall[] = [];
  // Most files set no cookie: skip looking at each call's callee then.
  const calls = py.doc.text.includes('set_cookie') ? py.calls : [];
  for (const call of calls) {
    const names = calleeNames(call, py.imports);
    let hit = names.some((n) => n.endsWith('.set_cookie'));
    if (!hit && names.length === 0) {
      // make_response(...).set_cookie(...): not a plain name chain.
      const fn = call.childForFieldName('function');
      hit = fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'set_cookie';
    }
    if (!hit) continue;
    const args = callArguments(call);
    const first = args.keywords.get('key') ?? args.positional[0];
    const name = first ? constantStringValue(first) : undefined;
    out.push({ call, keywords: args.keywords, keywordNodes: args.keywordNodes, name });
  }
  found = out;
  cookieCache.set(py, found);
  return found;
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
  return `set_cookie(${name}..., ${keyword}=${shown})`;
}
