import type { Scalar } from '../../parse/config/types.js';
import { flaskFileSettings } from '../../models/flask/config-files.js';
import { constantValue, settingDuration } from '../../models/flask/config-values.js';
import type { Rule } from '../rule.js';
import {
  describeFileSetting,
  describeSetting,
  fallbackNote,
  isFalseScalar,
  scalarSeconds,
} from '../../models/flask/settings-display.js';

const DAY = 86400;

interface Limit {
  readonly seconds: number;
  /** The limit in words. */
  readonly shown: string;
  readonly what: string;
  /** `False` means "never expires" for this key. */
  readonly falseNeverExpires: boolean;
}

const LIMITS: Readonly<Record<string, Limit>> = {
  PERMANENT_SESSION_LIFETIME: {
    seconds: 30 * DAY,
    shown: '30 days',
    what: 'a permanent session stays valid',
    falseNeverExpires: false,
  },
  REMEMBER_COOKIE_DURATION: {
    seconds: 30 * DAY,
    shown: '30 days',
    what: "Flask-Login's remember-me cookie signs the user back in",
    falseNeverExpires: false,
  },
  JWT_ACCESS_TOKEN_EXPIRES: {
    seconds: DAY,
    shown: '24 hours',
    what: 'a Flask-JWT-Extended access token stays valid',
    falseNeverExpires: true,
  },
  JWT_REFRESH_TOKEN_EXPIRES: {
    seconds: Infinity,
    shown: 'never',
    what: 'a Flask-JWT-Extended refresh token stays valid',
    falseNeverExpires: true,
  },
};

function inWords(seconds: number): string {
  if (seconds >= 14 * DAY && seconds % (7 * DAY) === 0 && seconds < 365 * DAY) return `${seconds / (7 * DAY)} weeks`;
  if (seconds >= DAY) return `${Math.round((seconds / DAY) * 10) / 10} days`;
  return `${Math.round((seconds / 3600) * 10) / 10} hours`;
}

export const longSessions: Rule = {
  meta: {
    id: 'FCG407',
    name: 'long-sessions',
    family: 'auth',
    severity: 'low',
    cwe: [613],
    title: 'Sessions or remember-me cookies that stay valid too long',
    what: [
      "`PERMANENT_SESSION_LIFETIME` or Flask-Login's `REMEMBER_COOKIE_DURATION` over 30 days: `timedelta(days=365)`, `timedelta(weeks=8)`, `datetime.timedelta(...)`, seconds as a number (`86400 * 90`, a constant holding one), also as an environment fallback; `app.permanent_session_lifetime = ...`; in any form Flask reads configuration from.",
      "Config files: the same keys as seconds (`FLASK_PERMANENT_SESSION_LIFETIME=31536000`, as `from_prefixed_env()` reads it), and Flask-JWT-Extended's `JWT_ACCESS_TOKEN_EXPIRES` over 24 hours or `false` and `JWT_REFRESH_TOKEN_EXPIRES=false` (tokens that never expire).",
    ].join('\n\n'),
    why: 'A session that lives for months outlasts the reasons to trust it: a cookie copied from a shared computer, a backup or a log keeps working, and a user who changes their password is not signed out everywhere. Short sessions bound how long a stolen one is worth anything (CWE-613).',
    bad: {
      lang: 'python',
      code: 'class Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(days=365)\n    REMEMBER_COOKIE_DURATION = timedelta(days=365)',
    },
    good: {
      lang: 'python',
      code: 'class Config:\n    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)\n    REMEMBER_COOKIE_DURATION = timedelta(days=14)',
    },
    fix: 'Keep permanent sessions and remember-me cookies to days or weeks (hours for banking and admin sessions), access tokens to minutes, and let refresh tokens carry longer sign-ins; revoke sessions on password change.',
    limits: [
      "Flask's own default `PERMANENT_SESSION_LIFETIME` is 31 days and Flask-Login's `REMEMBER_COOKIE_DURATION` default is 365 days: apps that never set them are not reported.",
      "Durations computed at run time (read from another module, parsed from a string) are not evaluated. `jwt.encode()` payloads with a long `exp` are the JWT rules' findings, not this one's.",
      'The finding is low already, so development and testing config classes are not lowered further.',
    ].join('\n\n'),
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (py) {
      for (const s of ctx.models?.flask.settings ?? []) {
        const limit = LIMITS[s.key];
        // In code, Flask-JWT-Extended's lifetimes are jwt-long-expiry's and jwt-expiry-off's.
        if (!limit || s.form === 'app-run' || s.key.startsWith('JWT_')) continue;
        const constant = constantValue(py, s.value);
        if (limit.falseNeverExpires && constant?.value === false) {
          ctx.report({
            span: s.span,
            message: `${describeSetting(s)} is False${fallbackNote(constant.envFallbackOf)}: ${limit.what} forever, so a stolen one never stops working.`,
          });
          continue;
        }
        const d = settingDuration(py, s.value);
        if (!d || d.seconds <= limit.seconds) continue;
        ctx.report({
          span: s.span,
          message: `${describeSetting(s)} is ${inWords(d.seconds)}${fallbackNote(d.envFallbackOf)}: ${limit.what} for longer than ${limit.shown}, and so does a stolen one.`,
        });
      }
      return;
    }
    const doc = ctx.config;
    if (!doc) return;
    for (const s of flaskFileSettings(doc, ctx.file.path)) {
      const limit = LIMITS[s.key];
      if (!limit) continue;
      const message = fileMessage(limit, s.value);
      if (message) ctx.report({ span: s.span, message: `${describeFileSetting(s)} is ${message}` });
    }
  },
};

function fileMessage(limit: Limit, value: Scalar): string | undefined {
  if (limit.falseNeverExpires && isFalseScalar(value) && value !== 0 && value !== '0') {
    return `${String(value)}: ${limit.what} forever, so a stolen one never stops working.`;
  }
  const seconds = scalarSeconds(value);
  if (seconds === undefined || seconds <= limit.seconds) return undefined;
  return `${seconds} seconds (${inWords(seconds)}): ${limit.what} for longer than ${limit.shown}, and so does a stolen one.`;
}
