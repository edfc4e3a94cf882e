import { namesSecret } from './purpose-words.js';
import { nameWords, squashedName } from './name-words.js';

/**
 * Names that say a value is a key, one notion per function: a key or secret as bytes a cipher
 * takes (`isKeyName`), a key or anything holding one, tokens included (`isKeyHolderName`), and a
 * secret key in the sense of a signing or API secret (`isSecretKeyName`).
 */

/** `secret_key`, `self.key`, `AES_KEY`; not `keyiv`, `iv_key`, `nonce_key`. */
export function isKeyName(name: string): boolean {
  const words = nameWords(name.slice(name.lastIndexOf('.') + 1));
  if (words.includes('iv') || words.includes('nonce') || words.includes('salt')) return false;
  return words.includes('key') || words.includes('secret');
}

/** Words that name a key, a secret or something holding one. */
const KEY_WORDS = new Set([
  'key',
  'keys',
  'secret',
  'secrets',
  'fernet',
  'cipher',
  'crypter',
  'aead',
  'pepper',
  'token',
]);
const KEY_COMPOUNDS = [
  'secretkey',
  'apikey',
  'privkey',
  'privatekey',
  'signingkey',
  'encryptionkey',
  'fernet',
  'cipher',
];
/** Per-process values that look like keys by name but are not shared state. */
const NOT_KEY_WORDS = new Set(['cache', 'prefix', 'keyword', 'keyboard', 'hotkey', 'monkey', 'nonce', 'salt', 'iv']);

/** `SECRET_KEY`, `FERNET`, `cipher`, `*_TOKEN`, `api_key`; not `cache_key`, `hotkey`, `nonce`. */
export function isKeyHolderName(name: string): boolean {
  const words = nameWords(name);
  if (words.some((w) => NOT_KEY_WORDS.has(w))) return false;
  if (words.some((w) => KEY_WORDS.has(w))) return true;
  const squashed = squashedName(name);
  return KEY_COMPOUNDS.some((c) => squashed.includes(c));
}

/** `SECRET_KEY`, `API_SECRET`, `signing_key`; not `cache_key`, `token`, `nonce`. */
export function isSecretKeyName(name: string): boolean {
  if (!namesSecret(name)) return false;
  const words = nameWords(name);
  const squashed = squashedName(name);
  return (
    words.includes('key') || words.includes('secret') || squashed.includes('secret') || squashed.includes('apikey')
  );
}
