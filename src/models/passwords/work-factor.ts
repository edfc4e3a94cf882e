import type { Node } from '../../parse/python.js';
import { nameWords, squashedName } from '../names/name-words.js';
import { CHOSEN_SECRET_WORDS, RANDOM_VALUE_WORDS } from '../names/passwords.js';

/**
 * Minimum work factors, from the OWASP Password Storage Cheat Sheet (2023):
 * https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html
 */

/** bcrypt cost (log2 rounds). */
export const BCRYPT_MIN_COST = 10;

/** PBKDF2-HMAC iterations by hash; other hashes are held to the SHA-256 figure. */
export const PBKDF2_MIN_ITERATIONS: Readonly<Record<string, number>> = {
  sha1: 1_300_000,
  sha256: 600_000,
  sha512: 210_000,
};

export function pbkdf2Minimum(hash: string | undefined): number {
  if (hash === undefined) return PBKDF2_MIN_ITERATIONS.sha512 as number; // unknown: the most lenient figure
  const h = hash.toLowerCase().replace(/[-_]/g, '');
  return PBKDF2_MIN_ITERATIONS[h] ?? (PBKDF2_MIN_ITERATIONS.sha256 as number);
}

/** scrypt CPU/memory cost N (OWASP: N=2^17 with r=8, p=1; 2^14 is the floor every guide agrees on). */
export const SCRYPT_MIN_N = 2 ** 14;

/** Argon2id settings OWASP accepts as equivalent: memory in KiB and iterations. */
export const ARGON2_MINIMUMS: readonly { readonly memory: number; readonly time: number }[] = [
  { memory: 47104, time: 1 },
  { memory: 19456, time: 2 },
  { memory: 12288, time: 3 },
  { memory: 9216, time: 4 },
  { memory: 7168, time: 5 },
];

/** argon2-cffi's defaults (21.2+, RFC 9106 low-memory profile). */
export const ARGON2_DEFAULT_TIME = 3;
export const ARGON2_DEFAULT_MEMORY = 65536;

export function argon2Acceptable(memory: number, time: number): boolean {
  return ARGON2_MINIMUMS.some((m) => memory >= m.memory && time >= m.time);
}

/**
 * A KDF's input that is named a token or API key and nowhere a password: a random value from
 * `os.urandom`/`secrets.token_*`, whose 128+ bits no iteration count makes stronger (nicleary's
 * `secure_hash(token)` over `hexlify(urandom(16))` keys). Unnamed or password-named inputs stay
 * passwords.
 */
export function namesARandomToken(input: Node): boolean {
  const names: string[] = [];
  const add = (n: Node): void => {
    if (n.type === 'identifier') names.push(n.text);
  };
  add(input);
  for (const id of input.descendantsOfType('identifier')) if (id) add(id);
  const words = names.flatMap((n) => nameWords(n).concat(squashedName(n)));
  if (words.some((w) => CHOSEN_SECRET_WORDS.has(w) || w.includes('password'))) return false;
  return words.some((w) => RANDOM_VALUE_WORDS.has(w) || w === 'apikey');
}
