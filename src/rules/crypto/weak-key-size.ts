import type { Node } from '../../parse/python.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { argument, callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { spanOf } from '../../lang/python/span.js';
import { constantStringValue } from '../../lang/python/strings.js';
import { originOf } from '../../lang/python/value-flow.js';
import { canonicalCallee, canonicalNames, CRYPTO_LIBRARIES } from '../../models/crypto/calls.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { RANDOM_BYTES } from '../../models/crypto/static-bytes.js';
import { importedReference } from '../../lang/python/imported-reference.js';
import type { Decision, DecideContext, Rule, RuleContext } from '../rule.js';
import { WEAK_CURVE_NAMES, WEAK_EC_CLASSES, weakCurveObject } from '../../models/crypto/weak-curves.js';

/**
 * Key-size parameters: canonical callee → [position, keyword, algorithm, minimum bits, size when
 * the argument is left out (only where the library's default is itself too short)].
 */
/** One list object, so mentionsAny keeps its answer for the file. */
const KEY_LIBRARIES: readonly string[] = [...CRYPTO_LIBRARIES, 'rsa', 'paramiko', 'ecdsa'];

const SIZED: ReadonlyMap<string, readonly [number, string, string, number, number?]> = new Map([
  ['rsa.generate_private_key', [1, 'key_size', 'RSA', 2048]],
  ['dsa.generate_private_key', [0, 'key_size', 'DSA', 2048]],
  ['dsa.generate_parameters', [0, 'key_size', 'DSA', 2048]],
  ['dh.generate_parameters', [1, 'key_size', 'Diffie-Hellman', 2048]],
  ['Crypto.PublicKey.RSA.generate', [0, 'bits', 'RSA', 2048]],
  ['Crypto.PublicKey.DSA.generate', [0, 'bits', 'DSA', 2048]],
  ['Crypto.PublicKey.ElGamal.generate', [0, 'bits', 'ElGamal', 2048]],
  ['rsa.newkeys', [0, 'nbits', 'RSA', 2048]],
  ['M2Crypto.RSA.gen_key', [0, 'bits', 'RSA', 2048]],
  ['M2Crypto.DSA.gen_params', [0, 'bits', 'DSA', 2048]],
  ['M2Crypto.DH.gen_params', [0, 'plen', 'Diffie-Hellman', 2048]],
  ['paramiko.RSAKey.generate', [0, 'bits', 'RSA', 2048]],
  ['paramiko.rsakey.RSAKey.generate', [0, 'bits', 'RSA', 2048]],
  ['paramiko.DSSKey.generate', [0, 'bits', 'DSA', 2048, 1024]],
  ['paramiko.dsskey.DSSKey.generate', [0, 'bits', 'DSA', 2048, 1024]],
]);

/** cryptography calls that take a curve: canonical callee → [position, keyword]. */
const CURVE_TAKERS: ReadonlyMap<string, readonly [number, string]> = new Map([
  ['ec.generate_private_key', [0, 'curve']],
  ['ec.derive_private_key', [1, 'curve']],
]);

/** Libraries whose calls take a python-ecdsa / fastecdsa / M2Crypto curve object. */
const CURVE_OBJECT_LIBRARIES = /^(?:ecdsa|fastecdsa|M2Crypto)\./;

/** AES constructors and where their key goes. */
const AES_KEYED: ReadonlyMap<string, readonly [number, string]> = new Map([
  ['algorithms.AES', [0, 'key']],
  ['aead.AESGCM', [0, 'key']],
  ['aead.AESCCM', [0, 'key']],
  ['aead.AESOCB3', [0, 'key']],
  ['aead.AESGCMSIV', [0, 'key']],
  ['Crypto.Cipher.AES.new', [0, 'key']],
]);

const OPENSSL_TYPES = new Map([
  ['OpenSSL.crypto.TYPE_RSA', 'RSA'],
  ['OpenSSL.crypto.TYPE_DSA', 'DSA'],
]);

export const weakKeySize: Rule = {
  meta: {
    id: 'FCG306',
    name: 'weak-key-size',
    family: 'crypto',
    severity: 'medium',
    cwe: [326],
    title: 'Key too short: RSA/DSA under 2048 bits, EC curve under 224 bits, AES key under 128 bits',
    what: 'Keys generated with a size below current minimums, when the size is a literal or a constant (in the file, or imported from a settings module of the project): `rsa.generate_private_key(key_size=1024)` (also positional), `dsa.generate_private_key(...)`, `dsa/dh.generate_parameters(...)` under 2048 bits; PyCryptodome/PyCrypto `RSA.generate(1024)`, `DSA.generate(...)`, `ElGamal.generate(...)` (from `Crypto` or `Cryptodome`, however imported or aliased); python-rsa `rsa.newkeys(512)`; M2Crypto `RSA.gen_key`, `DSA.gen_params`, `DH.gen_params`; paramiko `RSAKey.generate(bits)` and `DSSKey.generate()` (1024 bits by default); pyOpenSSL `PKey().generate_key(TYPE_RSA, 1024)`. Elliptic curves under 224 bits in every API: cryptography `ec.SECP192R1()`, `ec.SECT163K1()`, `ec.SECT163R2()`, Brainpool P160/P192 (also the class passed uninstantiated to `ec.generate_private_key`/`derive_private_key`); PyCryptodome `ECC.generate(curve="P-192")`/`ECC.construct(...)` (name as a literal or constant); python-ecdsa `NIST192p`, `SECP112r1`, `SECP128r1`, `SECP160r1`, Brainpool P160/P192 and fastecdsa `P192`, `secp192k1`, Brainpool P160/P192 given to a call of their library or as `curve=`; M2Crypto `EC.gen_params(EC.NID_secp160r1)` (any `NID_` of a curve under 224 bits). An AES key made by `os.urandom(n)`/`secrets.token_bytes(n)`/`get_random_bytes(n)` with n under 16 and handed to `algorithms.AES`, `AESGCM`, `AESCCM`, `AESOCB3`, `AESGCMSIV` or `AES.new`. A weak curve that is only named (its `.name` read, a table from names to curves, a list of supported curves) makes no key and is not reported.',
    why: 'RSA-512 is factored in hours on rented machines and RSA-768 has been publicly factored; RSA/DSA/DH-1024 is within reach of a well-funded attacker and is disallowed by NIST since 2013. Curves under 224 bits give under 112 bits of security. A key under 128 bits can be searched. Signatures made with such keys can be forged and traffic or data encrypted with them decrypted (CWE-326).',
    bad: {
      lang: 'python',
      code: 'from cryptography.hazmat.primitives.asymmetric import rsa\n\n# Signs outgoing webhooks to partner banks.\ndef new_webhook_key():\n    return rsa.generate_private_key(public_exponent=65537, key_size=1024)',
    },
    good: {
      lang: 'python',
      code: 'from cryptography.hazmat.primitives.asymmetric import ed25519\n\n# Signs outgoing webhooks to partner banks.\ndef new_webhook_key():\n    return ed25519.Ed25519PrivateKey.generate()  # or rsa with key_size=3072',
    },
    fix: 'RSA and DSA: at least 2048 bits, 3072 for keys that must last past 2030. Elliptic curves: P-256 (`ec.SECP256R1()`) or Ed25519. AES: 128 or 256-bit keys (`AESGCM.generate_key(bit_length=256)`). Replace existing short keys and re-issue what they signed.',
    limits:
      'A size imported from another module of the project (`key_size=settings.RSA_BITS`) is read there when it is a constant; sizes from configuration files, environment variables or arithmetic the evaluator does not do (`2 ** 10`) are not checked. Keys loaded from files or key stores are not inspected, nor a curve chosen at run time from a table (`CURVES[name]`) or imported from another module. DSA is deprecated whatever its size; this rule only checks the size.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !mentionsAny(ctx.file.text, KEY_LIBRARIES)) return;
    for (const call of py.calls) {
      const names = canonicalCallee(call, py.imports);
      for (const name of names) {
        const sized = SIZED.get(name);
        if (sized) {
          checkSize(ctx, py, call, sized);
          break;
        }
        const curve = WEAK_EC_CLASSES.get(name);
        if (curve !== undefined && namesOnly(call)) break;
        if (curve !== undefined) {
          report(ctx, call, `Elliptic curve ${name.slice(3)} has ${curve} bits (under 224); use SECP256R1 or Ed25519`);
          break;
        }
        if (name === 'Crypto.PublicKey.ECC.generate' || name === 'Crypto.PublicKey.ECC.construct') {
          checkEccCurve(ctx, py, call);
          break;
        }
        const taker = CURVE_TAKERS.get(name);
        if (taker) {
          checkCurveClass(ctx, py, call, taker);
          break;
        }
        const aes = AES_KEYED.get(name);
        if (aes) {
          checkAesKey(ctx, py, call, aes, name);
          break;
        }
      }
      checkPyOpenSsl(ctx, py, call);
      checkCurveObjects(ctx, py, call, names);
    }
  },
  decide: decideImportedSize,
};

/**
 * `ec.SECP192R1().name` reads the curve's name, to label or compare a key someone else made (a
 * table from names to key types): no key is made on the curve there.
 */
function namesOnly(call: Node): boolean {
  const parent = call.parent;
  return parent?.type === 'attribute' && parent.childForFieldName('attribute')?.text === 'name';
}

function checkSize(
  ctx: RuleContext,
  py: PythonIndex,
  call: Node,
  [index, keyword, algorithm, minimum, byDefault]: readonly [number, string, string, number, number?],
): void {
  const args = callArguments(call);
  const arg = argument(args, index, keyword);
  if (!arg) {
    if (byDefault !== undefined && byDefault < minimum && args.doubleSplats.length === 0 && !args.listSplat) {
      report(ctx, call, `${algorithm} key of ${byDefault} bits (the library's default, under ${minimum})`);
    }
    return;
  }
  const bits = numberOf(arg, py);
  if (bits === undefined) {
    // A size imported from a settings module: the project phase reads its value.
    const ref = importedReference(arg, py);
    if (ref) report(ctx, arg, `${algorithm} key of ${ref} bits`, { ref, algorithm, minimum });
    return;
  }
  if (bits >= minimum || bits <= 0) return;
  report(ctx, arg, `${algorithm} key of ${bits} bits (under ${minimum})`);
}

function checkEccCurve(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const arg = argument(callArguments(call), 0, 'curve');
  if (!arg) return;
  const origin = originOf(arg, py).node;
  const curve = constantStringValue(origin)?.toLowerCase();
  const bits = curve ? WEAK_CURVE_NAMES.get(curve) : undefined;
  if (bits !== undefined) report(ctx, arg, `Elliptic curve ${curve} has ${bits} bits (under 224)`);
}

/**
 * `ec.generate_private_key(ec.SECP192R1)`: the curve class itself, not instantiated (older
 * cryptography releases accept it). An instantiated curve is reported where it is built.
 */
function checkCurveClass(
  ctx: RuleContext,
  py: PythonIndex,
  call: Node,
  [index, keyword]: readonly [number, string],
): void {
  const arg = argument(callArguments(call), index, keyword);
  if (!arg) return;
  const origin = originOf(arg, py).node;
  if (origin.type !== 'identifier' && origin.type !== 'attribute') return;
  const name = canonicalNames(origin, py.imports).find((n) => WEAK_EC_CLASSES.has(n));
  if (!name) return;
  report(
    ctx,
    arg,
    `Elliptic curve ${name.slice(3)} has ${WEAK_EC_CLASSES.get(name)} bits (under 224); use SECP256R1 or Ed25519`,
  );
}

/**
 * A python-ecdsa, fastecdsa or M2Crypto curve under 224 bits handed to a call of that library
 * (`SigningKey.generate(curve=NIST192p)`, `keys.gen_keypair(curve.P192)`,
 * `EC.gen_params(EC.NID_secp160r1)`) or to any call as `curve=`. A curve named in a table or a
 * list of supported curves makes no key and is not reported.
 */
function checkCurveObjects(ctx: RuleContext, py: PythonIndex, call: Node, callee: readonly string[]): void {
  const args = callArguments(call);
  const ofLibrary = callee.some((n) => CURVE_OBJECT_LIBRARIES.test(n));
  const candidates = ofLibrary ? [...args.positional, ...args.keywords.values()] : [args.keywords.get('curve')];
  for (const arg of candidates) {
    if (!arg) continue;
    const origin = originOf(arg, py).node;
    if (origin.type !== 'identifier' && origin.type !== 'attribute') continue;
    for (const full of canonicalNames(origin, py.imports)) {
      const bits = weakCurveObject(full);
      if (bits === undefined) continue;
      report(
        ctx,
        arg,
        `Elliptic curve ${full.slice(full.lastIndexOf('.') + 1)} has ${bits} bits (under 224); use P-256 or Ed25519`,
      );
      break;
    }
  }
}

function checkAesKey(
  ctx: RuleContext,
  py: PythonIndex,
  call: Node,
  [index, keyword]: readonly [number, string],
  api: string,
): void {
  const arg = argument(callArguments(call), index, keyword);
  if (!arg) return;
  const origin = originOf(arg, py).node;
  if (origin.type !== 'call' || !canonicalCallee(origin, py.imports).some((n) => RANDOM_BYTES.has(n))) return;
  const length = callArguments(origin).positional[0];
  const bytes = length ? numberOf(length, py) : undefined;
  if (bytes === undefined || bytes >= 16 || bytes <= 0) return;
  report(
    ctx,
    arg,
    `AES key of ${bytes * 8} bits (${bytes} bytes, under 128 bits) given to ${api.replace(/^aead\./, '')}`,
  );
}

/** pyOpenSSL: `key.generate_key(crypto.TYPE_RSA, 1024)`. */
function checkPyOpenSsl(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'generate_key') return;
  const args = callArguments(call);
  const type = args.positional[0];
  const size = argument(args, 1, 'bits');
  if (!type || !size) return;
  const algorithm = canonicalNames(originOf(type, py).node, py.imports)
    .map((n) => OPENSSL_TYPES.get(n))
    .find((a) => a !== undefined);
  if (!algorithm) return;
  const bits = numberOf(size, py);
  if (bits === undefined || bits >= 2048 || bits <= 0) return;
  report(ctx, size, `${algorithm} key of ${bits} bits (under 2048)`);
}

function numberOf(node: Node, py: PythonIndex): number | undefined {
  const v = py.evaluator.evaluate(node);
  return v.kind === 'const' && typeof v.value === 'number' ? v.value : undefined;
}

/** A key size read from another module, settled in the project phase. */
interface ImportedSize {
  readonly ref: string;
  readonly algorithm: string;
  readonly minimum: number;
  readonly [key: string]: string | number;
}

function report(ctx: RuleContext, node: Node, what: string, imported?: ImportedSize): void {
  const span = spanOf(node);
  const c = configClassSeverity(ctx, span, 'medium');
  ctx.report({
    span,
    severity: c.severity,
    message: messageFor(what, c.note),
    ...(imported ? { pending: { ...imported, note: c.note } } : {}),
  });
}

function messageFor(what: string, note: string): string {
  return `${what}: short keys can be broken, so signatures can be forged and data decrypted${note}.`;
}

/** Keeps a finding on an imported size only when the other module sets it under the minimum. */
function decideImportedSize(question: unknown, ctx: DecideContext): Decision {
  const q = question as ImportedSize & { readonly note: string };
  const bits = ctx.index.constantOf(ctx.path, q.ref);
  if (typeof bits !== 'number' || bits >= q.minimum || bits <= 0) return false;
  return { message: messageFor(`${q.algorithm} key of ${bits} bits (${q.ref}, under ${q.minimum})`, q.note) };
}
