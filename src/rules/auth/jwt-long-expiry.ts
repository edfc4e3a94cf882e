import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { describeSeconds, durationSeconds, expiryOf } from '../../lang/python/durations.js';
import { asStr, isKnown, joinText, type DictValue } from '../../lang/python/evaluate.js';
import { matchCallee } from '../../lang/python/imports.js';
import { type JwtCall } from '../../models/jwt/calls.js';
import { settingWrites } from '../../models/flask/setting-writes.js';
import { spanOf } from '../../lang/python/span.js';
import type { Rule, RuleContext } from '../rule.js';
import {
  ACCESS_TOKEN_LIMIT,
  FLASK_JWT_EXPIRATION_DELTA,
  FLASK_JWT_TOKEN_FUNCTIONS,
  JWT_ACCESS_EXPIRES,
  JWT_REFRESH_EXPIRES,
  REFRESH_TOKEN_LIMIT,
} from '../../models/jwt/settings.js';
import { payloadOf, type Payload } from '../../models/jwt/payload.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';

export const jwtLongExpiry: Rule = {
  meta: {
    id: 'FCG411',
    name: 'jwt-long-expiry',
    family: 'auth',
    severity: 'medium',
    cwe: [613],
    title: 'JWT issued without an expiry, or valid for more than 24 hours',
    what: 'A PyJWT or python-jose `jwt.encode(payload, ...)` whose payload (a dict literal or `dict(...)` in the call, or a variable assigned one in the file, with later `payload["exp"] = ...` taken into account) has no `exp` claim, or has it removed on some path before the encode (`del payload["exp"]`, `payload.pop("exp")` in the same function), or an `exp` more than 24 hours ahead: `datetime.utcnow() + timedelta(days=30)`, `int(time.time()) + 86400 * 7`, `now + LIFETIME` with `LIFETIME = timedelta(hours=48)`, or a fixed far-future epoch. Flask-JWT-Extended `create_access_token(..., expires_delta=timedelta(days=30))` and `JWT_ACCESS_TOKEN_EXPIRES` over a day (a `timedelta` or seconds), Flask-JWT `JWT_EXPIRATION_DELTA` over a day. Refresh tokens (a `"type": "refresh"`-style claim, `create_refresh_token`, `JWT_REFRESH_TOKEN_EXPIRES`, or a function or variable named for refresh) are allowed up to 30 days.',
    why: 'A bearer token is a password that cannot be changed: until it expires, anyone who copies it from a log, a browser, a proxy or a leaked backup is that user, and logging out or resetting the password does not stop them (CWE-613). Without `exp` the token is valid forever.',
    bad: {
      lang: 'python',
      code: 'def issue_access_token(user_id):\n    payload = {"sub": str(user_id), "iat": datetime.utcnow()}\n    return jwt.encode(payload, current_app.config["JWT_SECRET_KEY"], algorithm="HS256")',
    },
    good: {
      lang: 'python',
      code: 'ACCESS_TOKEN_LIFETIME = timedelta(minutes=15)\n\ndef issue_access_token(user_id):\n    now = datetime.now(timezone.utc)\n    payload = {"sub": str(user_id), "iat": now, "exp": now + ACCESS_TOKEN_LIFETIME}\n    return jwt.encode(payload, current_app.config["JWT_SECRET_KEY"], algorithm="HS256")',
    },
    fix: 'Give access tokens an `exp` minutes to hours ahead (15 minutes is common) and keep users signed in with a refresh token the server can revoke. In Flask-JWT-Extended keep `JWT_ACCESS_TOKEN_EXPIRES` short and leave long sessions to refresh tokens.',
    limits:
      'Only payloads the file builds from a dict literal are judged: a payload built in another function or module, passed through another call, or merged with `**other` is unknown and not reported. An `exp` computed from configuration (`now + app.config["TOKEN_TTL"]`) is not measured. What counts as a refresh token is a naming heuristic. Tokens that are not bearer credentials (an unsubscribe link, a signed export) are reported too when they have no `exp`; give them one anyway.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !ctx.models) return;
    for (const j of ctx.models.jwt.calls) {
      if (j.op !== 'encode') continue;
      const payloadNode = argument(j.args, 0, j.library === 'jose' ? 'claims' : 'payload');
      if (!payloadNode) continue;
      const payload = payloadOf(payloadNode, j.call, py);
      if (payload) checkPayload(ctx, j, payload);
    }
    for (const call of py.calls) {
      const fn = matchCallee(call, py.imports, FLASK_JWT_TOKEN_FUNCTIONS);
      if (!fn) continue;
      const delta = argument(callArguments(call), 2, 'expires_delta');
      const refresh = fn.endsWith('refresh_token');
      if (delta) checkLifetime(ctx, delta, refresh, `${fn.slice(fn.lastIndexOf('.') + 1)}(expires_delta=...)`);
    }
    for (const w of settingWrites(py, new Set([JWT_ACCESS_EXPIRES, JWT_REFRESH_EXPIRES, FLASK_JWT_EXPIRATION_DELTA]))) {
      checkLifetime(ctx, w.value, w.key === JWT_REFRESH_EXPIRES, w.key);
    }
  },
};

function checkLifetime(ctx: RuleContext, node: Node, refresh: boolean, what: string): void {
  const py = ctx.python;
  if (!py) return;
  const seconds = durationSeconds(node, py);
  const limit = refresh ? REFRESH_TOKEN_LIMIT : ACCESS_TOKEN_LIMIT;
  if (seconds === undefined || seconds <= limit) return;
  const span = spanOf(node);
  const c = configClassSeverity(ctx, span, 'medium');
  ctx.report({
    span,
    severity: c.severity,
    message: `${what} is ${describeSeconds(seconds)}: ${refresh ? 'refresh' : 'access'} tokens stay valid longer than ${describeSeconds(limit)}${c.note}.`,
  });
}

function checkPayload(ctx: RuleContext, j: JwtCall, p: Payload): void {
  const py = ctx.python;
  if (!py) return;
  const refresh = p.refresh || isRefreshPayload(p.dict);
  const limit = refresh ? REFRESH_TOKEN_LIMIT : ACCESS_TOKEN_LIMIT;
  const kind = refresh ? 'refresh token' : 'token';
  if (p.expRemoved) {
    const span = spanOf(p.expRemoved);
    const c = configClassSeverity(ctx, span, 'medium');
    ctx.report({
      span,
      severity: c.severity,
      message: `The \`exp\` claim is removed from the payload before ${j.written}() (line ${j.call.startPosition.row + 1}): on this path the ${kind} never expires${c.note}.`,
    });
    return;
  }
  if (!p.exp) {
    if (p.open) return;
    const span = spanOf(p.literal);
    const c = configClassSeverity(ctx, span, 'medium');
    const encodeLine = j.call.startPosition.row + 1;
    const where = encodeLine === span.line ? '' : ` (encoded on line ${encodeLine})`;
    ctx.report({
      span,
      severity: c.severity,
      message: `${j.written}() of a payload with no \`exp\` claim${where}: the ${kind} never expires${c.note}.`,
    });
    return;
  }
  const exp = expiryOf(p.exp, py);
  let ahead: number | undefined;
  if (exp.kind === 'relative') ahead = exp.seconds;
  else if (exp.kind === 'absolute') ahead = exp.epoch - Date.now() / 1000;
  if (ahead === undefined || ahead <= limit) return;
  const span = spanOf(p.exp);
  const c = configClassSeverity(ctx, span, 'medium');
  const when = exp.kind === 'absolute' ? 'a fixed date' : describeSeconds(ahead);
  ctx.report({
    span,
    severity: c.severity,
    message: `${j.written}() with \`exp\` ${when} ahead: the ${kind} stays valid longer than ${describeSeconds(limit)}${c.note}.`,
  });
}

const TYPE_CLAIMS = ['type', 'typ', 'token_type', 'use', 'token_use', 'kind'];

function isRefreshPayload(dict: DictValue): boolean {
  for (const k of TYPE_CLAIMS) {
    const e = dict.entries.get(k);
    const s = e ? asStr(e.value) : undefined;
    if (s && isKnown(s) && joinText(s).toLowerCase().includes('refresh')) return true;
  }
  return false;
}
