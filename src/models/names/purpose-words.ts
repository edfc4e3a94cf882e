import { nameWords, squashedName } from './name-words.js';

/**
 * What a name says a value is for, as the weak-randomness and weak-hash rules read it: a
 * secret (token, password, OTP, reset code, API key…), something harmless (a retry delay, a
 * cache key, an ETag), or nothing either way.
 */
export type Purpose = 'secret' | 'benign' | 'neutral';

/** Single words that name a secret or a security value. */
const SECRET_WORDS = new Set([
  'token',
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'secret',
  'salt',
  'nonce',
  'csrf',
  'xsrf',
  'otp',
  'totp',
  'hotp',
  'pin',
  'apikey',
  'sessionid',
  'sid',
  'captcha',
  'iv',
  'invite',
  'invitation',
]);

/** Spellings without separators (`accessToken` is split, `accesstoken` is not). */
const SECRET_SUBSTRINGS = [
  'token',
  'password',
  'passwd',
  'passphrase',
  'csrf',
  'xsrf',
  'nonce',
  'apikey',
  'secretkey',
  'sessionid',
  'sessionkey',
  'otpcode',
];
const NOT_SECRET_SUBSTRINGS = ['tokeniz', 'secretar'];

/** `code`, `key`, `link`, `id` are secrets only next to one of these words. */
const QUALIFIED: ReadonlyMap<string, ReadonlySet<string>> = new Map([
  [
    'code',
    new Set([
      'reset',
      'verification',
      'verify',
      'confirmation',
      'confirm',
      'activation',
      'activate',
      'auth',
      'login',
      'signin',
      'sms',
      'email',
      'otp',
      'mfa',
      '2fa',
      'twofa',
      'security',
      'access',
      'recovery',
      'backup',
      'invite',
      'invitation',
      'unlock',
      'signup',
      'registration',
      'pairing',
      'one',
    ]),
  ],
  [
    'key',
    new Set([
      'api',
      'secret',
      'access',
      'private',
      'encryption',
      'encrypt',
      'signing',
      'sign',
      'session',
      'hmac',
      'aes',
      'license',
      'activation',
      'auth',
      'master',
      'shared',
      'crypto',
      'cipher',
      'fernet',
      'jwt',
      'reset',
    ]),
  ],
  ['link', new Set(['reset', 'magic', 'invite', 'confirm', 'confirmation', 'verification', 'activation', 'login'])],
  ['url', new Set(['reset', 'magic', 'invite', 'confirm', 'confirmation', 'verification', 'activation', 'login'])],
  ['id', new Set(['session'])],
  ['hash', new Set(['reset', 'confirm', 'activation', 'verification'])],
]);

/** Words that say what a random value or a digest is for when it is not a secret. */
const BENIGN_WORDS = new Set([
  // timing
  'delay',
  'jitter',
  'backoff',
  'sleep',
  'wait',
  'timeout',
  'interval',
  'retry',
  'retries',
  'latency',
  // sampling, shuffling, games, presentation
  'sample',
  'samples',
  'sampling',
  'shuffle',
  'shuffled',
  'weight',
  'weights',
  'index',
  'idx',
  'offset',
  'seed',
  'chance',
  'prob',
  'probability',
  'ratio',
  'noise',
  'lorem',
  'word',
  'words',
  'sentence',
  'sentences',
  'color',
  'colour',
  'colors',
  'colours',
  'avatar',
  'gravatar',
  'emoji',
  'greeting',
  'quote',
  'joke',
  'tip',
  'dice',
  'roll',
  'game',
  'demo',
  'dummy',
  'fake',
  'mock',
  'example',
  // load balancing
  'host',
  'hosts',
  'server',
  'servers',
  'node',
  'nodes',
  'replica',
  'replicas',
  'shard',
  'backend',
  'proxy',
  'worker',
  'port',
  // protocol framing
  'boundary',
  'delimiter',
  // digests that identify content, not secrets
  'etag',
  'checksum',
  'checksums',
  'cache',
  'cached',
  'fingerprint',
  'dedupe',
  'dedup',
  'duplicate',
  'duplicates',
  'content',
  'file',
  'filename',
  'path',
  'static',
  'manifest',
  'template',
  'bucket',
  'partition',
  'lock',
  'version',
  'revision',
  'slug',
  'name',
  'names',
  'filehash',
  'contenthash',
]);

/** Benign spellings that word splitting would cut apart (`md5sum` → md, 5, sum). */
const BENIGN_SUBSTRINGS = ['md5sum', 'sha1sum', 'checksum', 'etag', 'gravatar', 'cachekey'];

/** What one name says about its value. */
export function purposeOf(name: string): Purpose {
  const words = nameWords(name);
  if (words.length === 0) return 'neutral';
  const squashed = squashedName(name);
  if (words.some((w) => BENIGN_WORDS.has(w)) || BENIGN_SUBSTRINGS.some((s) => squashed.includes(s))) return 'benign';
  return isSecretWords(words, squashed) ? 'secret' : 'neutral';
}

/** True when a name (or a literal's words) names a secret, benign words or not. */
export function namesSecret(name: string): boolean {
  return isSecretWords(nameWords(name), squashedName(name));
}

function isSecretWords(words: readonly string[], squashed: string): boolean {
  if (words.some((w) => SECRET_WORDS.has(w))) return true;
  for (const [word, partners] of QUALIFIED) {
    if (words.includes(word) && words.some((w) => partners.has(w))) return true;
  }
  if (NOT_SECRET_SUBSTRINGS.some((s) => squashed.includes(s))) return false;
  return SECRET_SUBSTRINGS.some((s) => squashed.includes(s));
}

/** The first name in `names` that is benign or secret, and what it says (benign names win). */
export function judgeNames(names: readonly string[]): { purpose: Purpose; name?: string } {
  let secret: string | undefined;
  for (const name of names) {
    const p = purposeOf(name);
    if (p === 'benign') return { purpose: 'benign', name };
    if (p === 'secret' && secret === undefined) secret = name;
  }
  return secret !== undefined ? { purpose: 'secret', name: secret } : { purpose: 'neutral' };
}
