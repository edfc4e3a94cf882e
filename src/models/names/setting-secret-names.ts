/**
 * Whether a variable or setting name names a secret (`SECRET_KEY`, `jwtSecret`, `DB_PASSWORD`,
 * `STRIPE_API_KEY`), and not something about one (`JWT_TOKEN_LOCATION`, `SECRET_KEY_FILE`,
 * `PASSWORD_HASH`, `API_KEY_HEADER`).
 */

const SECRET_WORDS = new Set([
  'SECRET',
  'SECRETS',
  'TOKEN',
  'PASSWORD',
  'PASSWD',
  'PASS',
  'PWD',
  'SALT',
  'PRIVATE',
  'CREDENTIAL',
  'CREDENTIALS',
  'APIKEY',
  'SECRETKEY',
]);

// Words that make the name about a secret rather than the secret: where it lives, how long it
// lasts, its name, its algorithm, whether it is on.
const ABOUT_WORDS = new Set([
  'URL',
  'URI',
  'DSN',
  'HOST',
  'HOSTNAME',
  'PORT',
  'NAME',
  'USER',
  'USERNAME',
  'ID',
  'FILE',
  'FILENAME',
  'PATH',
  'DIR',
  'LOCATION',
  'LOCATIONS',
  'HEADER',
  'TYPE',
  'ALGORITHM',
  'ALGORITHMS',
  'ALG',
  'EXPIRY',
  'EXPIRES',
  'EXPIRATION',
  'TTL',
  'LIFETIME',
  'TIMEOUT',
  'AGE',
  'LENGTH',
  'LEN',
  'SIZE',
  'MIN',
  'MAX',
  'COUNT',
  'ROUNDS',
  'ITERATIONS',
  'PREFIX',
  'SUFFIX',
  'FIELD',
  'COLUMN',
  'PUBLIC',
  'PUBLISHABLE',
  'HASH',
  'HASHER',
  'SCHEME',
  'SCHEMES',
  'METHOD',
  'MODE',
  'ENABLED',
  'ENABLE',
  'DISABLED',
  'DISABLE',
  'REQUIRED',
  'REQUIRE',
  'USE',
  'FORMAT',
  'REGION',
  'VERSION',
  'ENDPOINT',
  'POLICY',
  'VALIDATORS',
  'HINT',
  'LABEL',
  'PROMPT',
  'CHARS',
  'ENCODING',
  'BACKEND',
  'PROVIDER',
  'STORE',
  'STORAGE',
]);

// KEY alone is a secret in SECRET_KEY and API_KEY, not in SORT_KEY or CACHE_KEY.
const NOT_SECRET_KEYS = new Set([
  'SORT',
  'PRIMARY',
  'FOREIGN',
  'PARTITION',
  'ROUTING',
  'CACHE',
  'LOCK',
  'QUEUE',
  'LOOKUP',
  'INDEX',
  'SHARD',
  'SEARCH',
  'REDIS',
  'S3',
  'OBJECT',
  'BUCKET',
  'DICT',
  'MAP',
  'SSH',
  'SSL',
  'TLS',
  'CERT',
  'GROUP',
  'PAGE',
  'STATE',
  'EVENT',
  'MESSAGE',
  'TRANSLATION',
  'SESSION',
  'CONFIG',
  'SETTINGS',
  'ENV',
  'ROW',
  'RESULT',
  'DATA',
  'LANGUAGE',
  'LOCALE',
]);

function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toUpperCase()
    .split(/[^A-Z0-9]+/)
    .filter((w) => w !== '');
}

export function isSecretName(name: string | undefined): boolean {
  if (!name) return false;
  const w = words(name);
  if (w.length === 0 || w.some((x) => ABOUT_WORDS.has(x))) return false;
  if (w.some((x) => SECRET_WORDS.has(x) || x.includes('PASSWORD') || x.includes('SECRET') || x.includes('PASSPHRASE')))
    return true;
  const key = w.findIndex((x) => x === 'KEY' || x === 'KEYS');
  if (key < 0) return false;
  return !w.some((x) => NOT_SECRET_KEYS.has(x));
}

const BOOLEANISH = /^(true|false|yes|no|on|off|none|null)$/i;

/**
 * A fallback that cannot be a secret even under a secret's name: a boolean word, a file path
 * (`/run/secrets/key`, `./certs/client.key`), a URL.
 */
export function isNonSecretValue(text: string): boolean {
  const v = text.trim();
  if (BOOLEANISH.test(v)) return true;
  if (v.includes('://')) return true;
  if (/^(\.{0,2}\/|~\/|[A-Za-z]:\\)\S*$/.test(v)) return true;
  return /\.(pem|key|crt|cer|der|p12|pfx|json|txt|ya?ml)$/i.test(v) && !/\s/.test(v);
}
