import type { Scalar } from '../../parse/config/types.js';
import { settingContextSeverity } from '../../models/context/severity-policy.js';
import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { spanOf } from '../../lang/python/span.js';
import { headerCookies, isSessionCookieName } from '../../models/flask/cookie-headers.js';
import { describeCookieCall, flaskLoginSignal, setCookieCalls } from '../../models/flask/cookies.js';
import { flaskFileSettings } from '../../models/flask/config-files.js';
import type { ConstantValue } from '../../models/flask/config-values.js';
import { flaskContextAt } from '../../models/flask/config.js';
import { describeFileSetting, describeSetting, fallbackNote } from '../../models/flask/settings-display.js';
import type { RuleContext } from '../rule.js';

/*
 * The check the three cookie rules (FCG404 cookie-not-secure, FCG405 cookie-readable-by-scripts,
 * FCG406 cookie-sent-cross-site) share, each with its own flag.
 */

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
    for (const s of ctx.models?.flask.settings ?? []) {
      const cookie = spec.keys[s.key];
      if (!cookie || s.form === 'app-run') continue;
      if (s.key.startsWith('REMEMBER_COOKIE_') && !flaskLoginSignal(py, s)) continue;
      const v = spec.python(py, s.value);
      if (!v) continue;
      const low = settingContextSeverity(s.context, base);
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
      const low = settingContextSeverity(flaskContextAt(py, ctx.file.path, c.call), base);
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
        const low = settingContextSeverity(flaskContextAt(py, ctx.file.path, h.node), base);
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
    const low = settingContextSeverity(s.context, base, 'file');
    ctx.report({
      span: s.span,
      severity: low.severity,
      message: `${describeFileSetting(s)} is ${String(s.value)}: ${cookie} ${spec.consequence}${low.note}.`,
    });
  }
}
