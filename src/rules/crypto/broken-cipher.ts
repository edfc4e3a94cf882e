import { spanOf } from '../../lang/python/span.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import type { Rule } from '../rule.js';
import { canonicalCallee, CRYPTO_LIBRARIES } from '../../models/crypto/calls.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import type { Node } from '../../parse/python.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { originOf } from '../../lang/python/value-flow.js';
import { legacyOpenSslCipher, OPENSSL_NAMED_CIPHERS } from '../../models/crypto/legacy-ciphers.js';

const WHY = {
  des: 'a 56-bit key that is brute-forced in hours on rented hardware',
  tdes: 'a 64-bit block (Sweet32 collisions after about 32 GiB under one key); NIST disallows it for encryption since 2024',
  rc4: 'keystream biases that recover plaintext from repeated encryptions (banned from TLS by RFC 7465)',
  block64: 'a 64-bit block (Sweet32 collisions after about 32 GiB under one key)',
  rc2: 'a weak key schedule with related-key attacks and a 64-bit block',
  xor: 'no cipher at all: XOR with a repeating key falls to frequency analysis',
} as const;

/** Canonical callee → [what it is called, why it is broken]. */
const BROKEN: ReadonlyMap<string, readonly [string, string]> = new Map([
  ['algorithms.TripleDES', ['TripleDES (3DES)', WHY.tdes]],
  ['algorithms.ARC4', ['ARC4 (RC4)', WHY.rc4]],
  ['algorithms.Blowfish', ['Blowfish', WHY.block64]],
  ['algorithms.CAST5', ['CAST5', WHY.block64]],
  ['algorithms.IDEA', ['IDEA', `${WHY.block64} and classes of weak keys`]],
  ['algorithms.RC2', ['RC2', WHY.rc2]],
  ['Crypto.Cipher.DES.new', ['DES', WHY.des]],
  ['Crypto.Cipher.DES3.new', ['Triple DES (DES3)', WHY.tdes]],
  ['Crypto.Cipher.ARC4.new', ['ARC4 (RC4)', WHY.rc4]],
  ['Crypto.Cipher.Blowfish.new', ['Blowfish', WHY.block64]],
  ['Crypto.Cipher.CAST.new', ['CAST', WHY.block64]],
  ['Crypto.Cipher.ARC2.new', ['ARC2 (RC2)', WHY.rc2]],
  ['Crypto.Cipher.XOR.new', ['XOR', WHY.xor]],
  ['pyDes.des', ['DES (pyDes)', WHY.des]],
  ['pyDes.triple_des', ['Triple DES (pyDes)', WHY.tdes]],
]);

export const brokenCipher: Rule = {
  meta: {
    id: 'FCG302',
    name: 'broken-cipher',
    family: 'crypto',
    severity: 'high',
    cwe: [327],
    title: 'Broken or obsolete cipher (DES, 3DES, RC4, Blowfish)',
    what: "A cipher object built from a broken or obsolete algorithm: `cryptography`'s `algorithms.TripleDES`, `algorithms.ARC4`, `algorithms.Blowfish`, `algorithms.CAST5`, `algorithms.IDEA` and `algorithms.RC2` (from `primitives.ciphers` or the `decrepit` package); PyCryptodome/PyCrypto `DES.new`, `DES3.new`, `ARC4.new`, `Blowfish.new`, `CAST.new`, `ARC2.new`, `XOR.new` (from `Crypto.Cipher` or `Cryptodome.Cipher`); pyDes `des`/`triple_des`; M2Crypto `EVP.Cipher(alg=...)` with an OpenSSL name of one of them (`des_ede3_cbc`, `bf_cbc`, `rc4`, `rc2_cbc`, `cast5_cbc`, `idea_cbc`). Every import form is read: aliased modules and classes (`from Crypto.Cipher import DES as des`, `import Cryptodome.Cipher.Blowfish as bf`, `from Crypto.Cipher.DES import new`), and a local variable or class that merely carries one of these names (`des = AES.new(...)`) is not the module.",
    why: "DES has a 56-bit key that is brute-forced in hours. RC4's keystream is biased enough to recover plaintext that is encrypted repeatedly (cookies, tokens). 3DES, Blowfish, CAST5 and IDEA have 64-bit blocks: after about 2^32 blocks (32 GiB) under one key, block collisions leak plaintext (Sweet32), and NIST no longer allows 3DES for encryption. RC2 has a weak key schedule; XOR is not encryption (CWE-327). `SEED`, which `cryptography` also moved to its `decrepit` package, is **not** reported: it has a 128-bit block and no practical attack, it was moved for being little used, not for being broken.",
    bad: {
      lang: 'python',
      code: 'from Crypto.Cipher import DES\n\ndef legacy_pin_block(pin: str) -> bytes:\n    return DES.new(PIN_KEY, DES.MODE_CBC, iv=os.urandom(8)).encrypt(pin.encode().ljust(8, b"\\0"))',
    },
    good: {
      lang: 'python',
      code: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\ndef pin_block(pin: str) -> bytes:\n    nonce = os.urandom(12)\n    return nonce + AESGCM(PIN_KEY).encrypt(nonce, pin.encode(), None)',
    },
    fix: 'Use AES-256-GCM (`AESGCM`) or ChaCha20-Poly1305 with a fresh random nonce per message. When a partner protocol demands DES/3DES (card PIN blocks, legacy HSMs), isolate it behind that integration, keep the data volume per key small, and suppress the finding there with a comment saying why.',
    limits:
      'Only the constructors are seen: a cipher name chosen at run time (`getattr(algorithms, name)`, an M2Crypto algorithm name read from configuration) or a wrapper library is not, nor a cipher class imported through a module of the project that re-exports it. Decrypt-only code that reads legacy data is reported too; suppress it where migration is planned.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !mentionsAny(ctx.file.text, CRYPTO_LIBRARIES)) return;
    for (const call of py.calls) {
      const names = canonicalCallee(call, py.imports);
      const hit = names.map((n) => BROKEN.get(n)).find((b) => b !== undefined) ?? openSslNamed(call, names, py);
      if (!hit) continue;
      const [name, why] = hit;
      const span = spanOf(call);
      const c = configClassSeverity(ctx, span, 'high');
      ctx.report({
        span,
        severity: c.severity,
        message: `${name} cipher: ${why}; use AES-GCM or ChaCha20-Poly1305${c.note}.`,
      });
    }
  },
};

/** M2Crypto `EVP.Cipher(alg="des_ede3_cbc", ...)`: the algorithm is an OpenSSL name (a literal or a constant). */
function openSslNamed(call: Node, names: readonly string[], py: PythonIndex): readonly [string, string] | undefined {
  if (!names.some((n) => OPENSSL_NAMED_CIPHERS.has(n))) return undefined;
  const alg = argument(callArguments(call), 0, 'alg');
  const name = alg ? constantStringValue(originOf(alg, py).node) : undefined;
  const legacy = name ? legacyOpenSslCipher(name) : undefined;
  return legacy ? [`${legacy[0]} (M2Crypto "${name}")`, WHY[legacy[1]]] : undefined;
}
