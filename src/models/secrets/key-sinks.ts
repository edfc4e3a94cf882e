/**
 * The APIs that take a signing or encryption key, and where in their arguments the key sits.
 * Full dotted names, as `calleeNames` resolves them through the file's imports.
 */
export interface KeySink {
  /** Which argument is the key: its position and its keyword name. */
  readonly index: number;
  readonly keyword: string;
  /** What the key does there, for the message. */
  readonly purpose: 'signing' | 'encryption' | 'MAC';
}

const SIGN_1: KeySink = { index: 1, keyword: 'key', purpose: 'signing' };
const ENCRYPT_0: KeySink = { index: 0, keyword: 'key', purpose: 'encryption' };
const MAC_0: KeySink = { index: 0, keyword: 'key', purpose: 'MAC' };
const SERIALIZER: KeySink = { index: 0, keyword: 'secret_key', purpose: 'signing' };

// A constant table, filled once when the module loads and only read after.
const table = new Map<string, KeySink>();
const add = (names: readonly string[], sink: KeySink): void => {
  for (const n of names) table.set(n, sink);
};

// PyJWT and python-jose: encode(payload, key, ...), decode(token, key, ...).
add(['jwt.encode', 'jwt.decode', 'jwt.api_jwt.encode', 'jwt.api_jwt.decode', 'jwt.api_jws.encode'], SIGN_1);
add(['jose.jwt.encode', 'jose.jwt.decode', 'jose.jws.sign', 'jose.jws.verify'], SIGN_1);
// authlib: jwt.encode(header, payload, key)
add(['authlib.jose.jwt.encode'], { index: 2, keyword: 'key', purpose: 'signing' });

// cryptography: AEAD classes, Fernet, the raw cipher algorithms, HMAC.
for (const m of ['cryptography.hazmat.primitives.ciphers.aead', 'cryptography.hazmat.primitives.ciphers']) {
  add(
    ['AESGCM', 'AESGCMSIV', 'AESCCM', 'AESOCB3', 'AESSIV', 'ChaCha20Poly1305'].map((c) => `${m}.${c}`),
    ENCRYPT_0,
  );
}
add(['cryptography.fernet.Fernet'], ENCRYPT_0);
for (const m of [
  'cryptography.hazmat.primitives.ciphers.algorithms',
  'cryptography.hazmat.decrepit.ciphers.algorithms',
]) {
  add(
    [
      'AES',
      'AES128',
      'AES256',
      'Camellia',
      'ChaCha20',
      'TripleDES',
      'Blowfish',
      'CAST5',
      'SEED',
      'SM4',
      'IDEA',
      'ARC4',
    ].map((c) => `${m}.${c}`),
    ENCRYPT_0,
  );
}
add(['cryptography.hazmat.primitives.hmac.HMAC', 'cryptography.hazmat.primitives.cmac.CMAC'], MAC_0);

// PyCryptodome (Crypto) and PyCryptodomex (Cryptodome): Cipher.new(key, ...), HMAC.new(key, ...).
for (const pkg of ['Crypto', 'Cryptodome']) {
  add(
    ['AES', 'DES', 'DES3', 'ARC2', 'ARC4', 'Blowfish', 'CAST', 'ChaCha20', 'ChaCha20_Poly1305', 'Salsa20'].map(
      (c) => `${pkg}.Cipher.${c}.new`,
    ),
    ENCRYPT_0,
  );
  add([`${pkg}.Hash.HMAC.new`, `${pkg}.Hash.CMAC.new`], MAC_0);
}

// The standard library's HMAC.
add(['hmac.new', 'hmac.HMAC', 'hmac.digest'], MAC_0);

// itsdangerous: every serializer and signer takes the secret first.
for (const m of [
  'itsdangerous',
  'itsdangerous.url_safe',
  'itsdangerous.serializer',
  'itsdangerous.timed',
  'itsdangerous.signer',
  'itsdangerous.jws',
]) {
  add(
    [
      'Serializer',
      'URLSafeSerializer',
      'URLSafeTimedSerializer',
      'TimedSerializer',
      'Signer',
      'TimestampSigner',
      'JSONWebSignatureSerializer',
      'TimedJSONWebSignatureSerializer',
    ].map((c) => `${m}.${c}`),
    SERIALIZER,
  );
}

// PyNaCl secret-key boxes.
add(['nacl.secret.SecretBox', 'nacl.secret.Aead'], ENCRYPT_0);

/** The key-taking API a call resolves to, with its full name. */
export function keySinkOf(names: readonly string[]): { name: string; sink: KeySink } | undefined {
  for (const name of names) {
    const sink = table.get(name);
    if (sink) return { name, sink };
  }
  return undefined;
}
