import type { Scalar } from '../../parse/config/types.js';
import type { Node } from '../../parse/python.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { flaskFileSettings } from './config-files.js';
import { constantValue, type ConstantValue } from './config-values.js';
import { flaskContextAt, flaskSettings, type FlaskSetting } from './config.js';
import { spanOf } from '../../lang/python/span.js';
import type { RuleContext } from '../../rules/rule.js';
import { describeFileSetting, describeSetting, fallbackNote, lowerFor } from './settings-display.js';
import { calleeNames } from '../../lang/python/imports.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { headerCookies, isSessionCookieName } from './cookie-headers.js';

/** A `response.set_cookie(...)` call (Flask/Werkzeug responses), with its keyword arguments. */
export interface SetCookieCall {
  readonly call: Node;
  readonly keywords: ReadonlyMap<string, Node>;
  /** The `name=value` nodes, for spans. */
  readonly keywordNodes: ReadonlyMap<string, Node>;
  /** The cookie's name when written as a literal. */
  readonly name: string | undefined;
}

const cookieCache = new WeakMap<PythonIndex, readonly SetCookieCall[]>();

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

/** What one cookie rule looks for: a flag turned the insecure way, in settings and set_cookie(). */
export interface CookieFlagSpec {
  /** Settings key → the cookie it governs, for the message. */
  readonly keys: Readonly<Record<string, string>>;
  /** The set_cookie() keyword. */
  readonly keyword: 'secure' | 'httponly' | 'samesite';
  /** The insecure value as shown in messages: `False`, `"None"`. */
  readonly shown: string;
  readonly python: (py: PythonIndex, node: Node | undefined) => ConstantValue | undefined;
  readonly scalar: (v: Scalar) => boolean;
  /** What follows, for the message: "browsers send it over plain HTTP". */
  readonly consequence: string;
  /**
   * The attribute a hand-written `Set-Cookie` header of a session cookie must spell (`Secure`,
   * `HttpOnly`): there no default applies, so its absence is the cookie's state.
   */
  readonly headerAttribute?: 'Secure' | 'HttpOnly';
}

/** The insecure value as written: Python's None is not the `False` the spec shows. */
function shownValue(v: ConstantValue, spec: CookieFlagSpec): string {
  return v.value === null ? 'None (a flag that is off)' : spec.shown;
}

/** Runs a cookie rule over the file: Flask settings, set_cookie() calls, config-file settings. */
export function checkCookieFlag(ctx: RuleContext, spec: CookieFlagSpec): void {
  const base = 'medium';
  const py = ctx.python;
  if (py) {
    for (const s of flaskSettings(py, ctx.file.path)) {
      const cookie = spec.keys[s.key];
      if (!cookie || s.form === 'app-run') continue;
      if (s.key.startsWith('REMEMBER_COOKIE_') && !flaskLoginSignal(py, s)) continue;
      const v = spec.python(py, s.value);
      if (!v) continue;
      const low = lowerFor(s.context, base);
      ctx.report({
        span: s.span,
        severity: low.severity,
        message: `${describeSetting(s)} is ${shownValue(v, spec)}${fallbackNote(v.envFallbackOf)}: ${cookie} ${spec.consequence}${low.note}.`,
      });
    }
    for (const c of setCookieCalls(py)) {
      const node = c.keywords.get(spec.keyword);
      const v = spec.python(py, node);
      if (!v || !node) continue;
      const low = lowerFor(flaskContextAt(py, ctx.file.path, c.call), base);
      ctx.report({
        span: spanOf(c.keywordNodes.get(spec.keyword) ?? node),
        severity: low.severity,
        message: `${describeCookieCall(c, spec.keyword, shownValue(v, spec))}${fallbackNote(v.envFallbackOf)}: the cookie ${spec.consequence}${low.note}.`,
      });
    }
    const wanted = spec.headerAttribute;
    if (wanted) {
      for (const h of headerCookies(py)) {
        if (!isSessionCookieName(h.name) || h.attributes.has(wanted.toLowerCase())) continue;
        const low = lowerFor(flaskContextAt(py, ctx.file.path, h.node), base);
        ctx.report({
          span: spanOf(h.node),
          severity: low.severity,
          message: `Set-Cookie header for the session cookie ${h.name} without ${wanted}: the cookie ${spec.consequence}${low.note}.`,
        });
      }
    }
    return;
  }
  const doc = ctx.config;
  if (!doc) return;
  for (const s of flaskFileSettings(doc, ctx.file.path)) {
    const cookie = spec.keys[s.key];
    if (!cookie || !spec.scalar(s.value)) continue;
    const low = lowerFor(s.context, base, 'file');
    ctx.report({
      span: s.span,
      severity: low.severity,
      message: `${describeFileSetting(s)} is ${String(s.value)}: ${cookie} ${spec.consequence}${low.note}.`,
    });
  }
}
