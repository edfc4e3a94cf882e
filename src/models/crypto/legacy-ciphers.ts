/**
 * M2Crypto names its ciphers by OpenSSL strings (`EVP.Cipher(alg="des_ede3_cbc", ...)`): the
 * broken and obsolete ones, by the family their name starts with.
 */
export type LegacyFamily = 'des' | 'tdes' | 'rc4' | 'block64' | 'rc2';

const OPENSSL_NAMES: readonly (readonly [RegExp, string, LegacyFamily])[] = [
  [/^des[-_]?ede3?(?:[-_]|$)|^des3$/i, 'Triple DES', 'tdes'],
  [/^desx?(?:[-_]|$)/i, 'DES', 'des'],
  [/^(?:rc4|arc4)(?:[-_]|$)/i, 'RC4', 'rc4'],
  [/^rc2(?:[-_]|$)/i, 'RC2', 'rc2'],
  [/^(?:bf|blowfish)(?:[-_]|$)/i, 'Blowfish', 'block64'],
  [/^cast5?(?:[-_]|$)/i, 'CAST5', 'block64'],
  [/^idea(?:[-_]|$)/i, 'IDEA', 'block64'],
];

/** The callees whose `alg` (first argument) is an OpenSSL cipher name. */
export const OPENSSL_NAMED_CIPHERS: ReadonlySet<string> = new Set(['M2Crypto.EVP.Cipher']);

/** `des_ede3_cbc` → ['Triple DES', 'tdes']; undefined for AES, ChaCha20 and unknown names. */
export function legacyOpenSslCipher(name: string): readonly [string, LegacyFamily] | undefined {
  for (const [re, shown, family] of OPENSSL_NAMES) if (re.test(name)) return [shown, family];
  return undefined;
}
