import type { Severity } from '../../core/severity.js';
import type { SourceFile, Span } from '../../core/types.js';
import type { ConfigDoc } from '../../parse/config/types.js';
import type { FileModels } from '../file-models.js';
import type { Json } from '../../project/types.js';
import type { Scalar } from '../../parse/config/types.js';
import { settingContextSeverity } from '../context/severity-policy.js';
import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { spanOf } from '../../lang/python/span.js';
import { headerCookies, isSessionCookieName } from './cookie-headers.js';
import {
  describeCookieCall,
  flaskLoginSignal,
  isCookieDeletion,
  setCookieCalls,
  type SetCookieCall,
} from './cookies.js';
import { cookieSensitivity, isPreferenceCookieName } from './cookie-sensitivity.js';
import { importedCookieOptions } from './cookie-options-summary.js';
import type { ConstValue } from '../../project/types.js';
import type { DecideContext } from '../../project/decide-context.js';
import { flaskFileSettings } from './config-files.js';
import type { ConstantValue } from './config-values.js';
import { flaskContextAt } from './config.js';
import { describeFileSetting, describeSetting, fallbackNote } from './settings-display.js';

/**
 * What the cookie check needs of a rule's context: the rules pass theirs (models may not import
 * rule types, and this check is shared by three rules rather than owned by one).
 */
export interface CookieCheckContext {
  readonly file: SourceFile;
  readonly python: PythonIndex | undefined;
  readonly config: ConfigDoc | undefined;
  readonly models: FileModels | undefined;
  report(input: {
    readonly span: Span;
    readonly message: string;
    readonly severity?: Severity;
    readonly pending?: Json;
  }): void;
}

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
  /** The insecure value as phase 2 reads it from another module's constant. */
  readonly off: (v: ConstValue) => boolean;
  /**
   * A cookie that signs someone in, set without the keyword at all, is reported: Werkzeug's
   * default (`secure=False`, `httponly=False`) is the insecure value.
   */
  readonly missing?: boolean;
}

/** What phase 2 answers for a set_cookie() call that reads a fact of another module. */
export type CookieQuestion = {
  readonly q: 'cookie-flag';
  readonly kind: SetCookieCall['kind'];
  readonly name: string | null;
  /** The imported constant the cookie's name is, when the file cannot see it. */
  readonly nameRef: string | null;
  /** The file already shows that the cookie signs someone in (by name or value). */
  readonly sensitive: boolean;
  /** Imported `**OPTIONS` dicts, in call order. */
  readonly options: readonly string[];
};

const base = 'medium';

/** The insecure value as written: Python's None is not the `False` the spec shows. */
function shownValue(v: ConstantValue, spec: CookieFlagSpec): string {
  return v.value === null ? 'None (a flag that is off)' : spec.shown;
}

/** Runs a cookie rule over the file: Flask settings, set_cookie() calls, config-file settings. */
export function checkCookieFlag(ctx: CookieCheckContext, spec: CookieFlagSpec): void {
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
      if (!node) {
        missingFlag(ctx, py, c, spec);
        continue;
      }
      const v = spec.python(py, node);
      if (!v) continue;
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

/** How the missing flag is shown: `set_cookie("sid", ...) without secure=`. */
function describeMissing(kind: string, name: string | null, keyword: string): string {
  return `${kind}(${name !== null ? `"${name}", ` : ''}...) without ${keyword}=`;
}

/**
 * A set_cookie() that does not write the flag: reported for a cookie that signs someone in (by
 * its name or value) when the rule reports missing flags; held for phase 2 when the flag may come
 * from an imported options dict or the name is an imported constant.
 */
function missingFlag(ctx: CookieCheckContext, py: PythonIndex, c: SetCookieCall, spec: CookieFlagSpec): void {
  if (c.openOptions || isCookieDeletion(py, c)) return;
  const sensitive = cookieSensitivity(py, c.name, c.value, c.call);
  if (c.importedOptions.length === 0 && (!spec.missing || (!sensitive && !c.nameRef))) return;
  const low = settingContextSeverity(flaskContextAt(py, ctx.file.path, c.call), base);
  const why =
    sensitive === 'value'
      ? 'it carries a token or session id'
      : sensitive === 'login'
        ? 'it carries the user it is set for beside login_user(), a hand-made remember-me cookie'
        : 'its name marks a session, auth or token cookie';
  const message = `${describeMissing(c.kind, c.name ?? null, spec.keyword)}: ${why}, and Werkzeug's default leaves the flag off, so the cookie ${spec.consequence}${low.note}.`;
  const held = c.importedOptions.length > 0 || !sensitive;
  const question: CookieQuestion = {
    q: 'cookie-flag',
    kind: c.kind,
    name: c.name ?? null,
    nameRef: c.nameRef ?? null,
    sensitive: sensitive !== undefined,
    options: c.importedOptions,
  };
  ctx.report({
    span: spanOf(c.call),
    severity: low.severity,
    message,
    ...(held ? { pending: question } : {}),
  });
}

/**
 * Phase 2 for a held set_cookie(): the flag read from the imported options dict (reported when
 * it is the insecure value), or, when no dict writes it, the missing flag of a cookie that signs
 * someone in (its name read from the imported constant if need be). Unresolved facts drop it.
 */
export function decideCookieFlag(
  question: CookieQuestion,
  ctx: DecideContext,
  spec: Pick<CookieFlagSpec, 'keyword' | 'off' | 'missing' | 'shown' | 'consequence'>,
): boolean | { message: string } {
  let name = question.name;
  let sensitive = question.sensitive;
  if (!sensitive && question.nameRef) {
    const v = ctx.index.constantOf(ctx.path, question.nameRef);
    if (typeof v === 'string' && !isPreferenceCookieName(v)) {
      name = v;
      sensitive = isSessionCookieName(v);
    }
  }
  for (const ref of question.options) {
    const opts = importedCookieOptions(ref, ctx);
    if (!opts) return false;
    const v = opts[spec.keyword];
    if (v !== undefined) {
      if (v === '?' || !spec.off(v)) return false;
      return {
        message: `${question.kind}(${name !== null ? `"${name}", ` : ''}..., **${ref}) with ${spec.keyword}=${v === null ? 'None (a flag that is off)' : spec.shown} from \`${ref}\`: the cookie ${spec.consequence}.`,
      };
    }
    if (opts.open) return false;
  }
  if (!spec.missing || !sensitive) return false;
  const from = question.options.length > 0 ? ` (nor does \`${question.options.join('`, `')}\`)` : '';
  return {
    message: `${describeMissing(question.kind, name, spec.keyword)}${from}: its name or value marks a session, auth or token cookie, and Werkzeug's default leaves the flag off, so the cookie ${spec.consequence}.`,
  };
}
