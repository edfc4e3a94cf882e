import { nameWords } from './name-words.js';

/**
 * Whether a name (a config key, a variable, an attribute, a dict key) names a secret. Names are
 * split into lower-case words (`AWS_SECRET_ACCESS_KEY`, `clientSecret`, `db.password`,
 * `api-key`), so that the decision is about words, not substrings: `PASSWORD_RESET_URL` names a
 * URL, `TOKEN_COUNT` a number, `SORT_KEY` a column; `BYPASS` is not `PASS`.
 */

/** Words that name a secret on their own. */
const SECRET_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'pass',
  'passphrase',
  'secret',
  'token',
  'apikey',
  'credentials',
  'credential',
  'creds',
  'salt',
  'privatekey',
  'accesskey',
  'secretkey',
]);

/** `X_KEY` is a secret when X says what kind of secret: `SIGNING_KEY`, not `SORT_KEY`. */
const KEY_PREFIXES = new Set([
  'api',
  'secret',
  'private',
  'access',
  'signing',
  'sign',
  'signature',
  'encryption',
  'encrypt',
  'crypt',
  'crypto',
  'cipher',
  'fernet',
  'security',
  'master',
  'hmac',
  'jwt',
  'auth',
  'app',
  'aes',
  'shared',
  'service',
  'license',
  'licence',
  'client',
  'webhook',
  'admin',
  'account',
  'storage',
  'stripe',
  'sendgrid',
  'mailgun',
  'twilio',
  'openai',
  'anthropic',
]);

/**
 * Words that, after the secret word, say the value is about the secret rather than the secret
 * itself: `PASSWORD_RESET_URL`, `TOKEN_EXPIRES`, `SECRET_NAME`, `PRIVATE_KEY_PATH`.
 */
const ABOUT_WORDS = new Set([
  'url',
  'uri',
  'urls',
  'endpoint',
  'host',
  'port',
  'server',
  'provider',
  'reset',
  'type',
  'types',
  'kind',
  'count',
  'len',
  'length',
  'size',
  'min',
  'max',
  'expires',
  'expiry',
  'expiration',
  'exp',
  'ttl',
  // a token's claims are its readable payload, not the credential: `id_token_claims_keys`
  'claims',
  'timeout',
  'lifetime',
  'age',
  'seconds',
  'minutes',
  'hours',
  'days',
  'at',
  'changed',
  'updated',
  'created',
  'id',
  'ids',
  'name',
  'names',
  'file',
  'files',
  'filename',
  'path',
  'dir',
  'directory',
  'location',
  'header',
  'prefix',
  'suffix',
  'hint',
  'policy',
  'rules',
  'required',
  'enabled',
  'enable',
  'disabled',
  'disable',
  'valid',
  'validator',
  'validation',
  'algorithm',
  'algorithms',
  'alg',
  'hash',
  'hashed',
  'hasher',
  'hashers',
  'rounds',
  'iterations',
  'strength',
  'scheme',
  'method',
  'methods',
  'mode',
  'field',
  'fields',
  'param',
  'label',
  'prompt',
  'placeholder',
  'form',
  'input',
  'widget',
  'error',
  'errors',
  'message',
  'msg',
  'help',
  'template',
  'version',
  'format',
  'class',
  'backend',
  'backends',
  'store',
  'ref',
  'env',
  'var',
  'variable',
  'source',
  'mount',
  'volume',
  'user',
  'username',
  'login',
  'owner',
  'mask',
  'masked',
  'redacted',
  'status',
  'state',
  'index',
  'count',
  'limit',
  'retries',
  'attempts',
  'flow',
  'request',
  'response',
  'cookie',
  'storage',
  'cache',
  'key',
  // states and facts about a secret: `token_expired`, `password_valid`, `secret_manager`
  'expired',
  'revoked',
  'invalid',
  'used',
  'missing',
  'present',
  'exists',
  'found',
  'match',
  'matches',
  'ok',
  'sent',
  'verified',
  'confirmed',
  'checked',
  'rotated',
  'score',
  'manager',
  'vault',
  'arn',
  // a lexer's tokens: `token_range`, `token_start`, `token_string`
  'range',
  'span',
  'start',
  'end',
  'offset',
  'pos',
  'position',
  'line',
  'lineno',
  'col',
  'column',
  'string',
  'str',
]);

/** Words before the secret word that say the value is derived or counted: `NUM_TOKENS`, `MASKED_DSN`. */
const NEGATING_PREFIXES = new Set([
  'num',
  'n',
  'max',
  'min',
  'has',
  'is',
  'no',
  'use',
  'uses',
  'require',
  'requires',
  'masked',
  'redacted',
  'hashed',
  'safe',
  'sanitized',
  'obfuscated',
  'show',
  'public',
  'publishable',
  'hide',
  'hidden',
  'existing',
  'decoded',
  'parsed',
]);

/** Compound words that mean a secret: `API_KEY` is `apikey`, `PRIVATE_KEY` is `privatekey`. */
function compounds(words: readonly string[]): string[] {
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const w = words[i] as string;
    const next = words[i + 1];
    if (next === 'key' && KEY_PREFIXES.has(w)) {
      out.push(`${w}key`);
      i++;
    } else if (w.endsWith('key') && w.length > 3 && KEY_PREFIXES.has(w.slice(0, -3))) {
      out.push(w); // `APIKEY`, `secretkey`
    } else if (w.endsWith('token') && w.length > 5) {
      out.push('token'); // `authtoken`, `accesstoken`
    } else if (w.endsWith('password') && w.length > 8) {
      out.push('password'); // `rootpassword`, `pgpassword`
    } else {
      out.push(w);
    }
  }
  return out;
}

export interface SecretName {
  /** The word that made it a secret, for messages: `password`, `token`, `secretkey`. */
  readonly word: string;
}

/**
 * Whether a name names a secret value. `PASS` and `PWD` only count as the last word
 * (`DB_PASS`, `MYSQL_PWD`): elsewhere they are passes and working directories.
 */
export function secretName(name: string): SecretName | undefined {
  const words = compounds(nameWords(name, 'keep'));
  for (let i = words.length - 1; i >= 0; i--) {
    const w = words[i] as string;
    const isSecret = SECRET_WORDS.has(w) || (w.endsWith('key') && KEY_PREFIXES.has(w.slice(0, -3)));
    if (!isSecret) continue;
    if ((w === 'pass' || w === 'pwd') && i !== words.length - 1) continue;
    const after = words.slice(i + 1);
    if (after.some((a) => ABOUT_WORDS.has(a))) return undefined;
    const before = words[i - 1];
    if (before !== undefined && NEGATING_PREFIXES.has(before)) return undefined;
    return { word: w };
  }
  // `BASIC_AUTH`, `PROXY_AUTH`: credentials when the name ends in it.
  const before = words[words.length - 2];
  if (words[words.length - 1] === 'auth' && before !== undefined && !NEGATING_PREFIXES.has(before)) {
    return { word: 'auth' };
  }
  return undefined;
}
