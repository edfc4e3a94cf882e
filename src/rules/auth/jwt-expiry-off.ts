import { argument, callArguments } from '../../lang/python/args.js';
import { matchCallee } from '../../lang/python/imports.js';
import { optionOff, optionsOf, signatureOff, within } from '../../models/jwt/calls.js';
import { settingWrites } from '../../models/flask/setting-writes.js';
import { spanBetween, spanOf } from '../../lang/python/span.js';
import type { Rule } from '../rule.js';
import { FLASK_JWT_TOKEN_FUNCTIONS, isLiteralFalse, JWT_EXPIRY_SETTINGS } from '../../models/jwt/settings.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { Decision, DecideContext } from '../rule.js';
import { importedOptionsOff, importedOptionsRef } from '../../models/jwt/options-summary.js';
import { unvalidatedAuthlibDecodes } from '../../models/jwt/claims-calls.js';

export const jwtExpiryOff: Rule = {
  meta: {
    id: 'FCG410',
    name: 'jwt-expiry-off',
    family: 'auth',
    severity: 'high',
    cwe: [613],
    title: 'JWT expiry not enforced',
    what: 'A PyJWT or python-jose `jwt.decode(...)` with `options={"verify_exp": False}` (the dict may come from a constant or variable, be written before the call — `opts["verify_exp"] = False`, `opts.update(...)` — or be a constant imported from another module of the project, read there); Authlib `jwt.decode(token, key)` whose claims are read (subscript, `.get`) without `claims.validate()`, which is what checks `exp` and `nbf`; Flask-JWT-Extended `JWT_ACCESS_TOKEN_EXPIRES = False` or `JWT_REFRESH_TOKEN_EXPIRES = False` in any config form (class attribute, `app.config[...]`, `update(...)`, mapping); `create_access_token(..., expires_delta=False)` / `create_refresh_token(..., expires_delta=False)`. When the same decode also turns the signature check off, FCG408 `jwt-not-verified` reports it instead.',
    why: 'A token that never expires stays valid after logout, a password change or an account being disabled: a token copied from a log, a browser or a leaked backup works forever (CWE-613).',
    bad: {
      lang: 'python',
      code: 'def read_mobile_token(token):\n    # Mobile clients keep tokens across app updates; expiry is handled by the app.\n    return jwt.decode(token, JWT_KEY, algorithms=["HS256"], options={"verify_exp": False})',
    },
    good: {
      lang: 'python',
      code: 'def read_mobile_token(token):\n    # Short-lived access token; the app renews it with its refresh token.\n    return jwt.decode(token, JWT_KEY, algorithms=["HS256"], options={"require": ["exp"]})',
    },
    fix: 'Leave `verify_exp` on (the default) and give tokens a short `exp`; require it with `options={"require": ["exp"]}`. Keep long-lived sessions with refresh tokens that the server can revoke. In Flask-JWT-Extended set `JWT_ACCESS_TOKEN_EXPIRES` to a `timedelta` (minutes) instead of `False`.',
    limits:
      'Only literal settings and options the file (or, for an imported options constant, the module defining it) shows are seen; options read from a config object or written in another function are not. Authlib claims that are returned or passed to another function may be validated there and are not reported; an Authlib `JsonWebToken(...)` instance is not followed. A `leeway` so large it has the same effect is not measured. Tokens encoded without an `exp` claim (so that there is nothing to verify) are FCG411 `jwt-long-expiry`.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !ctx.models) return;
    for (const j of ctx.models.jwt.calls) {
      if (j.op !== 'decode') continue;
      const ref = importedOptionsRef(j, py);
      if (ref) {
        // Options imported from a settings module: the project phase reads the constant there.
        const span = spanOf(j.args.keywordNodes.get('options') ?? j.call);
        const c = configClassSeverity(ctx, span, 'high');
        ctx.report({
          span,
          severity: c.severity,
          message: `${j.written}() with \`verify_exp: False\` in ${ref}: expired tokens are accepted, so a leaked token works forever${c.note}.`,
          pending: { ref },
        });
        continue;
      }
      const off = optionOff(optionsOf(j, py), 'verify_exp');
      if (!off || signatureOff(j, py)) continue;
      const span =
        off.keyNode && within(off.keyNode, j.call)
          ? spanBetween(off.keyNode, off.valueNode)
          : spanOf(j.args.keywordNodes.get('options') ?? j.call);
      const c = configClassSeverity(ctx, span, 'high');
      ctx.report({
        span,
        severity: c.severity,
        message: `${j.written}() with \`verify_exp: False\`: expired tokens are accepted, so a leaked token works forever${c.note}.`,
      });
    }
    for (const call of unvalidatedAuthlibDecodes(py)) {
      const span = spanOf(call);
      const c = configClassSeverity(ctx, span, 'high');
      const written = call.childForFieldName('function')?.text ?? 'jwt.decode';
      ctx.report({
        span,
        severity: c.severity,
        message: `Authlib ${written}() checks the signature only: its claims are read without \`claims.validate()\`, so \`exp\` and \`nbf\` are never checked and expired tokens are accepted${c.note}.`,
      });
    }
    for (const w of settingWrites(py, JWT_EXPIRY_SETTINGS)) {
      if (!isLiteralFalse(py.evaluator.evaluate(w.value))) continue;
      const span = spanOf(w.value);
      const c = configClassSeverity(ctx, span, 'high');
      const kind = w.key.includes('REFRESH') ? 'refresh' : 'access';
      ctx.report({
        span,
        severity: c.severity,
        message: `${w.key} = False: Flask-JWT-Extended ${kind} tokens never expire${c.note}.`,
      });
    }
    for (const call of py.calls) {
      const fn = matchCallee(call, py.imports, FLASK_JWT_TOKEN_FUNCTIONS);
      if (!fn) continue;
      const args = callArguments(call);
      const delta = argument(args, 2, 'expires_delta');
      // `0` is zero seconds (expired at once), not "never": only False means no expiry.
      if (!delta || !isLiteralFalse(py.evaluator.evaluate(delta))) continue;
      const span = spanOf(args.keywordNodes.get('expires_delta') ?? delta);
      const c = configClassSeverity(ctx, span, 'high');
      const short = fn.slice(fn.lastIndexOf('.') + 1);
      ctx.report({
        span,
        severity: c.severity,
        message: `${short}(..., expires_delta=False): this token never expires${c.note}.`,
      });
    }
  },
  decide: decideImportedOptions,
};

/** Keeps a decode whose imported options turn `verify_exp` off, unless they turn the signature off too (FCG408's). */
function decideImportedOptions(question: unknown, ctx: DecideContext): Decision {
  const { ref } = question as { readonly ref: string };
  const off = importedOptionsOff(ref, ctx);
  return off !== undefined && off.includes('verify_exp') && !off.includes('verify_signature');
}
