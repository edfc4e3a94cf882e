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

/** Key-size parameters: canonical callee → [position, keyword, algorithm, minimum bits]. */
const SIZED: ReadonlyMap<string, readonly [number, string, string, number]> = new Map([
  ['rsa.generate_private_key', [1, 'key_size', 'RSA', 2048]],
  ['dsa.generate_private_key', [0, 'key_size', 'DSA', 2048]],
  ['dsa.generate_parameters', [0, 'key_size', 'DSA', 2048]],
  ['dh.generate_parameters', [1, 'key_size', 'Diffie-Hellman', 2048]],
  ['Crypto.PublicKey.RSA.generate', [0, 'bits', 'RSA', 2048]],
  ['Crypto.PublicKey.DSA.generate', [0, 'bits', 'DSA', 2048]],
  ['Crypto.PublicKey.ElGamal.generate', [0, 'bits', 'ElGamal', 2048]],
  ['rsa.newkeys', [0, 'nbits', 'RSA', 2048]],
]);

/** Curves under 224 bits (about 112-bit security and less). */
const WEAK_CURVES: ReadonlyMap<string, number> = new Map([
  ['ec.SECP192R1', 192],
  ['ec.SECT163K1', 163],
  ['ec.SECT163R2', 163],
  ['ec.BrainpoolP160R1', 160],
  ['ec.BrainpoolP192R1', 192],
]);

/** PyCryptodome `ECC.generate(curve=...)` names of curves under 224 bits. */
const WEAK_CURVE_NAMES: ReadonlyMap<string, number> = new Map([
  ['p192', 192],
  ['p-192', 192],
  ['nist p-192', 192],
  ['secp192r1', 192],
  ['prime192v1', 192],
]);

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
    what: 'Keys generated with a size below current minimums (a weak curve whose `.name` is only read, as in a table from curve names to labels, makes no key and is not reported), when the size is a literal or a constant in the file: `rsa.generate_private_key(key_size=1024)` (also positional), `dsa.generate_private_key(...)`, `dsa/dh.generate_parameters(...)` under 2048 bits; PyCryptodome `RSA.generate(1024)`, `DSA.generate(...)`, `ElGamal.generate(...)`; python-rsa `rsa.newkeys(512)`; pyOpenSSL `PKey().generate_key(TYPE_RSA, 1024)`; elliptic curves under 224 bits (`ec.SECP192R1()`, `ec.SECT163K1()`, `ec.SECT163R2()`, Brainpool P160/P192; PyCryptodome `ECC.generate(curve="P-192")`); an AES key made by `os.urandom(n)`/`secrets.token_bytes(n)`/`get_random_bytes(n)` with n under 16 and handed to `algorithms.AES`, `AESGCM`, `AESCCM`, `AESOCB3`, `AESGCMSIV` or `AES.new`.',
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
      'A size imported from another module of the project (`key_size=settings.RSA_BITS`) is read there when it is a constant; sizes from configuration files, environment variables or arithmetic the evaluator does not do (`2 ** 10`) are not checked. Keys loaded from files or key stores are not inspected. DSA is deprecated whatever its size; this rule only checks the size.',
    precision: 'very-high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !mentionsAny(ctx.file.text, [...CRYPTO_LIBRARIES, 'rsa'])) return;
    for (const call of py.calls) {
      const names = canonicalCallee(call, py.imports);
      for (const name of names) {
        const sized = SIZED.get(name);
        if (sized) {
          checkSize(ctx, py, call, sized);
          break;
        }
        const curve = WEAK_CURVES.get(name);
        if (curve !== undefined && namesOnly(call)) break;
        if (curve !== undefined) {
          report(ctx, call, `Elliptic curve ${name.slice(3)} has ${curve} bits (under 224); use SECP256R1 or Ed25519`);
          break;
        }
        if (name === 'Crypto.PublicKey.ECC.generate') {
          checkEccCurve(ctx, py, call);
          break;
        }
        const aes = AES_KEYED.get(name);
        if (aes) {
          checkAesKey(ctx, py, call, aes, name);
          break;
        }
      }
      checkPyOpenSsl(ctx, py, call);
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
  [index, keyword, algorithm, minimum]: readonly [number, string, string, number],
): void {
  const arg = argument(callArguments(call), index, keyword);
  if (!arg) return;
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
