import type { FlaskRoute } from './routes.js';

/**
 * What a view is for, judged from its path segments and its function's name: the endpoints that
 * take credentials or codes (login, token, password reset, OTP, sign-up), which must be public and
 * must be rate limited; and the other endpoints that are public by design (logout, health checks,
 * email confirmation links).
 */
export type AuthEndpoint = 'login' | 'token' | 'password reset' | 'one-time code' | 'sign-up';

/** Words of a path or a function name: `/api/v1/passwordReset/<token>` → api, v1, password, reset. */
export function wordsOf(text: string): string[] {
  return text
    .replace(/<[^>]*>/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w !== '');
}

const LOGOUT = /^(?:logout|signout|logoff)$/;
const GENERIC = /^(?:api|v\d+|auth|accounts?|users?)$/;
const ENROL = ['register', 'registration', 'setup', 'enroll', 'enrol', 'enable', 'disable', 'activate', 'deactivate'];

function secondFactorWords(words: readonly string[]): boolean {
  const has = (w: string): boolean => words.includes(w);
  return (
    has('otp') ||
    has('totp') ||
    has('2fa') ||
    has('mfa') ||
    has('twofactor') ||
    words.some((w, i) => w === 'two' && words[i + 1] === 'factor')
  );
}

/**
 * `/mfa/register`, `/2fa/setup`: a signed-in user enrolling (or dropping) a second factor, not
 * a sign-up and not a code an attacker could guess their way through to an account.
 */
function enrolsSecondFactor(words: readonly string[]): boolean {
  return secondFactorWords(words) && words.some((w) => ENROL.includes(w));
}

function classify(words: readonly string[], isPath: boolean): AuthEndpoint | undefined {
  const has = (w: string): boolean => words.includes(w);
  const pair = (a: string, b: string): boolean => words.some((w, i) => w === a && words[i + 1] === b);
  if (words.some((w) => LOGOUT.test(w)) || pair('log', 'out') || pair('sign', 'out')) return undefined;
  const last = words[words.length - 1];
  const secondFactor = secondFactorWords(words);
  if (enrolsSecondFactor(words)) return undefined;
  if (has('signup') || pair('sign', 'up') || has('register') || has('registration') || has('signups')) return 'sign-up';
  const passwordWord = has('password') || has('passwd') || has('pwd') || has('passphrase');
  if (
    has('forgot') ||
    has('passwordreset') ||
    has('resetpassword') ||
    has('forgotpassword') ||
    (passwordWord && !has('change')) ||
    ((has('reset') || has('recover') || has('recovery')) &&
      (passwordWord || has('account') || (isPath && words.find((w) => !GENERIC.test(w)) === 'reset')))
  )
    return 'password reset';
  if (secondFactor || has('verify') || has('verification') || pair('verify', 'code') || has('passcode'))
    return 'one-time code';
  if (has('login') || has('signin') || pair('sign', 'in') || pair('log', 'in') || has('logon') || has('authenticate'))
    return 'login';
  if (has('token') || has('tokens') || has('jwt') || pair('access', 'token')) return 'token';
  // `POST /auth`, `POST /api/sessions`: only as the last segment (`/auth/me` is something else).
  if (isPath && (last === 'auth' || last === 'session' || last === 'sessions')) return 'login';
  if (!isPath && (last === 'auth' || last === 'authenticate')) return 'login';
  return undefined;
}

/** The credential-taking endpoint a route is, if any (by path first, then by function name). */
export function authEndpointOf(route: FlaskRoute): AuthEndpoint | undefined {
  const byPath = route.path !== undefined ? classify(wordsOf(route.path), true) : undefined;
  if (byPath) return byPath;
  const pathWords = route.path !== undefined ? wordsOf(route.path) : [];
  if (pathWords.some((w) => LOGOUT.test(w)) || enrolsSecondFactor(pathWords)) return undefined;
  const byName = classify(wordsOf(route.handlerName), false);
  if (byName) return byName;
  // `POST /users` handled by `create_user()`: REST-style sign-up.
  const name = wordsOf(route.handlerName);
  if (
    route.params.length === 0 &&
    (pathWords[pathWords.length - 1] === 'users' || pathWords[pathWords.length - 1] === 'user') &&
    !pathWords.includes('admin') &&
    name.some((w) => w === 'create' || w === 'new' || w === 'add' || w === 'post') &&
    name.some((w) => w === 'user' || w === 'users')
  )
    return 'sign-up';
  return undefined;
}

const PUBLIC_WORDS = new Set([
  'logout',
  'signout',
  'health',
  'healthz',
  'healthcheck',
  'ping',
  'heartbeat',
  'unsubscribe',
  'refresh',
  'oauth',
  'oauth2',
  'csp',
]);
/** Links mailed to a new user: public, but only when the path says it is about the account or email. */
const CONFIRM_WORDS = new Set(['confirm', 'confirmation', 'activate', 'activation']);
const ACCOUNT_WORDS = new Set(['email', 'account', 'user', 'registration', 'token', 'signup']);

/** An endpoint that must work without a session: credential endpoints, logout, health checks, confirmation links. */
export function publicByDesign(route: FlaskRoute): string | undefined {
  const kind = authEndpointOf(route);
  if (kind) return kind;
  const words = [...(route.path !== undefined ? wordsOf(route.path) : []), ...wordsOf(route.handlerName)];
  const found = words.find((w) => PUBLIC_WORDS.has(w));
  if (found) return found;
  const confirm = words.find((w) => CONFIRM_WORDS.has(w));
  if (confirm && (words.some((w) => ACCOUNT_WORDS.has(w)) || route.params.some((p) => /token/i.test(p.name))))
    return confirm;
  return undefined;
}

/**
 * The same judgement for a view known only by its name: a Django view, whose path is written in
 * urls.py (`signup`, `SignUpView.post`, `password_reset_confirm`, `healthcheck`).
 */
export function publicByName(name: string): string | undefined {
  const words = wordsOf(name);
  const kind = classify(words, false);
  if (kind) return kind;
  const found = words.find((w) => PUBLIC_WORDS.has(w));
  if (found) return found;
  const confirm = words.find((w) => CONFIRM_WORDS.has(w));
  return confirm && words.some((w) => ACCOUNT_WORDS.has(w)) ? confirm : undefined;
}
