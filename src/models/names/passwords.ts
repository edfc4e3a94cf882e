import { nameWords, squashedName } from './name-words.js';

/**
 * Names that say a value is a password, one notion per function, each with its own words:
 * what holds a password itself (`isPasswordName`), where one is stored (`isPasswordColumnName`),
 * what a weak hash must not digest (`isPasswordOrSaltName`), a configuration key whose numeric
 * value is still a password (`endsWithPasswordWord`), and the low-entropy secrets a person
 * chooses, which a slow hash exists for (`CHOSEN_SECRET_WORDS`), against machine-made random
 * values (`RANDOM_VALUE_WORDS`).
 */

const PASSWORD_PARTS = ['password', 'passwd', 'passphrase', 'pwd'];

/** Substrings that make a password-named value something else: a hash, a token, a rule about passwords. */
const DERIVED_PARTS = ['hash', 'digest', 'crypt', 'token', 'hmac'];
/** `password_salt` is a salt; `salted_password` is still the password. */
const DERIVED_WORDS = new Set(['salt', 'salts', 'enc']);
const ABOUT_PARTS = [
  'reset',
  'policy',
  'regex',
  'pattern',
  'strength',
  'expir',
  'length',
  'hint',
  'history',
  'validator',
  'changed',
  'updated',
  'created',
  'required',
  'enabled',
  'confirmed',
  'verified',
  'attempt',
  'widget',
  'prompt',
  'manager',
  'context',
  'field',
  'label',
  'column',
];
/** Whole words with the same effect (too short to test as substrings). */
const ABOUT_WORDS = new Set([
  'len',
  'min',
  'max',
  'at',
  'url',
  'uri',
  'path',
  'file',
  'dir',
  'date',
  'time',
  'ts',
  'count',
  'mode',
  'type',
  'is',
  'has',
  'set',
  'form',
  'input',
  'check',
  'env',
  'var',
  'ctx',
  'valid',
  'needs',
  'must',
  'last',
  'age',
  'days',
  'rule',
  'rules',
  'schema',
  'entry',
  'col',
  'id',
  // Switches about passwords: manage_master_user_password, allow_password_auth.
  'manage',
  'use',
  'uses',
  'allow',
  'allowed',
  'show',
  'hide',
  'generate',
  'auto',
  'rotate',
  'rotation',
  'auth',
  'authentication',
  'supported',
  'option',
  'options',
  'flag',
  'disable',
  'disabled',
]);

/** `newPassword` → `new_password`; words by underscores, camelCase and digits. */
function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1_$2')
    .toLowerCase()
    .split(/[^a-z]+/)
    .filter((w) => w !== '');
}

/** The name mentions a password: `password`, `passwd`, `pwd`, `passphrase`, or the word `pw`. */
export function mentionsPassword(name: string): boolean {
  const lower = name.toLowerCase();
  if (PASSWORD_PARTS.some((p) => lower.includes(p))) {
    // $PWD and $OLDPWD are directories.
    return name !== 'PWD' && lower !== 'oldpwd';
  }
  return words(name).includes('pw');
}

function isAbout(name: string): boolean {
  const lower = name.toLowerCase();
  return ABOUT_PARTS.some((p) => lower.includes(p)) || words(name).some((w) => ABOUT_WORDS.has(w));
}

/** A name that holds a password itself: `password`, `raw_pw`, `new_passphrase`; not `password_hash`. */
export function isPasswordName(name: string): boolean {
  if (!mentionsPassword(name) || isAbout(name)) return false;
  const lower = name.toLowerCase();
  return !DERIVED_PARTS.some((p) => lower.includes(p)) && !words(name).some((w) => DERIVED_WORDS.has(w));
}

/**
 * A name for where a password is stored: `password`, `password_hash`, `hashed_password`,
 * `passwd`; not `password_reset_token`, `password_changed_at`.
 */
export function isPasswordColumnName(name: string): boolean {
  if (!mentionsPassword(name) || isAbout(name)) return false;
  const lower = name.toLowerCase();
  return !lower.includes('token') && !words(name).some((w) => w === 'salt' || w === 'salts');
}

/** Words for a password or its salt: what no fast hash may digest. */
const PASSWORD_OR_SALT_WORDS = new Set([
  'password',
  'passwd',
  'pwd',
  'passphrase',
  'passcode',
  'pin',
  'pw',
  'salt',
  'salted',
]);

export function isPasswordOrSaltName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => PASSWORD_OR_SALT_WORDS.has(w))) return true;
  const squashed = squashedName(name);
  return squashed.includes('password') || squashed.includes('passwd');
}

/** Words that, last in a key, say the value is a password (`POSTGRES_PASSWORD`, `DB_PASS`). */
const LAST_PASSWORD_WORDS = new Set(['password', 'passwd', 'pwd', 'pass', 'passphrase']);

/** `POSTGRES_PASSWORD`, `DB_PASS`: the key's last word (digits kept) names a password. */
export function endsWithPasswordWord(key: string): boolean {
  const words = nameWords(key, 'keep');
  return LAST_PASSWORD_WORDS.has(words[words.length - 1] ?? '');
}

/** Words that name a low-entropy secret a person chose: what a slow hash exists for. */
export const CHOSEN_SECRET_WORDS: ReadonlySet<string> = new Set([
  'password',
  'passwd',
  'pw',
  'pwd',
  'pass',
  'passphrase',
  'pin',
  'secret',
  'credential',
  'credentials',
]);
/** Words that name a machine-made random value (an API key, a session token): stretching adds nothing. */
export const RANDOM_VALUE_WORDS: ReadonlySet<string> = new Set(['token', 'apikey', 'api', 'nonce']);
