import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, resolveNames } from '../../lang/python/imports.js';

/**
 * The password-hashing APIs the auth rules read: digest constructors that must never see a
 * password, passlib's scheme handlers, werkzeug's `generate_password_hash` and the KDFs whose
 * work factor matters.
 */

/** passlib schemes that are a fast digest, a 1990s crypt, reversible or plain text. */
export const WEAK_PASSLIB_SCHEMES: ReadonlySet<string> = new Set([
  'md5_crypt',
  'apr_md5_crypt',
  'sha1_crypt',
  'des_crypt',
  'bsdi_crypt',
  'bigcrypt',
  'crypt16',
  'sun_md5_crypt',
  'plaintext',
  'ldap_plaintext',
  'ldap_md5',
  'ldap_sha1',
  'ldap_salted_md5',
  'ldap_salted_sha1',
  'ldap_hex_md5',
  'ldap_hex_sha1',
  'ldap_des_crypt',
  'ldap_bsdi_crypt',
  'ldap_md5_crypt',
  'hex_md4',
  'hex_md5',
  'hex_sha1',
  'hex_sha256',
  'hex_sha512',
  'htdigest',
  'mysql323',
  'mysql41',
  'oracle10',
  'oracle11',
  'postgres_md5',
  'mssql2000',
  'mssql2005',
  'msdcc',
  'msdcc2',
  'lmhash',
  'nthash',
  'bsd_nthash',
  'cisco_pix',
  'cisco_asa',
  'cisco_type7',
  'django_salted_md5',
  'django_salted_sha1',
  'django_des_crypt',
  'roundup_plaintext',
]);

/** Why a weak scheme is weak, for messages. */
export function schemeWeakness(scheme: string): string {
  if (scheme.includes('plaintext')) return 'stores the password as plain text';
  if (scheme === 'cisco_type7') return 'is reversible encoding';
  if (scheme.startsWith('hex_') || scheme.startsWith('ldap_') || scheme.startsWith('django_salted'))
    return 'is a single fast digest';
  if (scheme.includes('crypt')) return 'is an obsolete crypt scheme that GPUs break quickly';
  return 'is a fast or legacy digest';
}

/** hashlib/hmac/PyCryptodome digests: name → index and keyword of every argument that is hashed. */
const DIGEST_DATA: ReadonlyMap<string, readonly (readonly [number, string])[]> = (() => {
  const m = new Map<string, (readonly [number, string])[]>();
  for (const alg of [
    'md5',
    'sha1',
    'sha224',
    'sha256',
    'sha384',
    'sha512',
    'sha512_224',
    'sha512_256',
    'blake2b',
    'blake2s',
    'sha3_224',
    'sha3_256',
    'sha3_384',
    'sha3_512',
    'shake_128',
    'shake_256',
  ]) {
    m.set(`hashlib.${alg}`, [
      [0, 'data'],
      [0, 'string'],
    ]);
  }
  m.set('hashlib.new', [
    [1, 'data'],
    [1, 'string'],
  ]);
  for (const h of ['hmac.new', 'hmac.HMAC', 'hmac.digest']) {
    m.set(h, [
      [0, 'key'],
      [1, 'msg'],
    ]);
  }
  for (const pkg of ['Crypto', 'Cryptodome']) {
    for (const alg of ['MD2', 'MD4', 'MD5', 'SHA', 'SHA1', 'SHA224', 'SHA256', 'SHA384', 'SHA512']) {
      m.set(`${pkg}.Hash.${alg}.new`, [[0, 'data']]);
    }
    for (const alg of ['SHA3_224', 'SHA3_256', 'SHA3_384', 'SHA3_512', 'BLAKE2b', 'BLAKE2s', 'RIPEMD160']) {
      m.set(`${pkg}.Hash.${alg}.new`, [[0, 'data']]);
    }
    m.set(`${pkg}.Hash.HMAC.new`, [
      [0, 'key'],
      [1, 'msg'],
    ]);
  }
  return m;
})();

/** Objects whose `.update(data)` hashes data (the constructors above, and cryptography's `hashes.Hash`). */
const HASH_OBJECTS = new Set(['cryptography.hazmat.primitives.hashes.Hash']);

export interface DigestCall {
  /** Full dotted name: `hashlib.md5`. */
  readonly name: string;
  /** The hashed arguments the call was given. */
  readonly data: readonly Node[];
}

/** A digest constructor call (`hashlib.md5(x)`, `hmac.new(k, m, ...)`) and what it hashes. */
export function digestCall(call: Node, py: PythonIndex): DigestCall | undefined {
  for (const name of calleeNames(call, py.imports)) {
    const slots = DIGEST_DATA.get(name);
    if (!slots) continue;
    const args = callArguments(call);
    const data: Node[] = [];
    for (const [i, k] of slots) {
      const v = args.keywords.get(k) ?? args.positional[i];
      if (v && !data.includes(v)) data.push(v);
    }
    return { name, data };
  }
  return undefined;
}

/** `h.update(data)` where `h` was made by a digest constructor: the constructor's name. */
export function hashObjectOf(receiver: Node, py: PythonIndex): string | undefined {
  const n = unparenthesize(receiver);
  let made: Node | undefined = n.type === 'call' ? n : undefined;
  if (n.type === 'identifier') {
    const found = py.scopes.lookup(n);
    if (found.kind === 'value') made = unparenthesize(found.value);
  }
  if (made?.type !== 'call') return undefined;
  const digest = digestCall(made, py);
  if (digest) return digest.name;
  return calleeNames(made, py.imports).find((c) => HASH_OBJECTS.has(c));
}

/**
 * The passlib scheme a handler expression names (`passlib.hash.md5_crypt`, `md5_crypt.using(...)`
 * after `from passlib.hash import md5_crypt`), or undefined.
 */
export function passlibScheme(node: Node, py: PythonIndex): string | undefined {
  let n = unparenthesize(node);
  // md5_crypt.using(rounds=...) is still md5_crypt.
  while (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'using') return undefined;
    const object = fn.childForFieldName('object');
    if (!object) return undefined;
    n = unparenthesize(object);
  }
  for (const name of resolveNames(n, py.imports)) {
    if (!name.startsWith('passlib.')) continue;
    return name.slice(name.lastIndexOf('.') + 1);
  }
  return undefined;
}

export const CRYPT_CONTEXT = new Set([
  'passlib.context.CryptContext',
  'passlib.context.LazyCryptContext',
  'passlib.apps.CryptContext',
]);

const WERKZEUG_GENERATE = new Set(['werkzeug.security.generate_password_hash', 'werkzeug.generate_password_hash']);

/**
 * werkzeug's `generate_password_hash`, imported by name, or bare after a `from x import *` (tutorial
 * apps re-export it from their package). Flask-Bcrypt's is a method of a `Bcrypt` instance.
 */
export function isWerkzeugGenerate(call: Node, py: PythonIndex): boolean {
  const names = calleeNames(call, py.imports);
  if (names.some((n) => WERKZEUG_GENERATE.has(n))) return true;
  const fn = call.childForFieldName('function');
  return (
    fn?.type === 'identifier' &&
    fn.text === 'generate_password_hash' &&
    py.imports.starModules.length > 0 &&
    py.scopes.lookup(fn).kind === 'unbound'
  );
}
