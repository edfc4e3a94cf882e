import type { Node } from '../../parse/python.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { calleeNames } from '../../lang/python/imports.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { spanOf } from '../../lang/python/span.js';
import { originOf } from '../../lang/python/value-flow.js';
import type { Rule, RuleContext } from '../rule.js';
import { canonicalCallee, canonicalNames, CRYPTO_LIBRARIES, pycryptoCipherOf } from '../../models/crypto/calls.js';
import { mentionsAny } from '../../lang/python/mentions.js';

const MODE_ECB = /^Crypto\.Cipher\.[A-Za-z0-9_]+\.MODE_ECB$/;
/** PyCrypto 2.x ciphers whose `new(key)` without a mode is ECB (PyCryptodome makes the mode required). */
const PYCRYPTO_BLOCK_CIPHERS = new Set(['AES', 'DES', 'DES3', 'Blowfish', 'CAST', 'ARC2']);
const PYAES_ECB = new Set(['pyaes.AESModeOfOperationECB', 'pyaes.aes.AESModeOfOperationECB']);

export const ecbMode: Rule = {
  meta: {
    id: 'FCG301',
    name: 'ecb-mode',
    family: 'crypto',
    severity: 'high',
    cwe: [327],
    title: 'Block cipher used in ECB mode',
    what: "A block cipher in Electronic Codebook mode: `modes.ECB()` (the `cryptography` package) handed to `Cipher(...)` or created anywhere; `AES.MODE_ECB`, `DES.MODE_ECB`, `DES3.MODE_ECB`, `Blowfish.MODE_ECB` (and the other `Crypto.Cipher`/`Cryptodome.Cipher` modules) passed to `AES.new(...)` and friends, directly or through a module constant or local variable; PyCrypto's `AES.new(key)` with no mode at all (its default is ECB); pyaes `AESModeOfOperationECB`.",
    why: 'ECB encrypts every block on its own with the same key: equal plaintext blocks give equal ciphertext blocks. Repeated values (the same IBAN, the same card number, the same status) are visible in the database, blocks can be cut, reordered and replayed between records, and there is no integrity at all (CWE-327).',
    bad: {
      lang: 'python',
      code: 'from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes\n\ndef encrypt_iban(iban: str) -> bytes:\n    encryptor = Cipher(algorithms.AES(IBAN_KEY), modes.ECB()).encryptor()\n    return encryptor.update(iban.encode().ljust(48)) + encryptor.finalize()',
    },
    good: {
      lang: 'python',
      code: 'import os\nfrom cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\ndef encrypt_iban(iban: str, account_id: int) -> bytes:\n    nonce = os.urandom(12)\n    return nonce + AESGCM(IBAN_KEY).encrypt(nonce, iban.encode(), str(account_id).encode())',
    },
    fix: 'Use an authenticated mode: AES-GCM (`AESGCM` from `cryptography.hazmat.primitives.ciphers.aead`, or `AES.new(key, AES.MODE_GCM)`) or ChaCha20-Poly1305, with a fresh random nonce per message stored beside the ciphertext. Re-encrypt existing ECB data.',
    limits:
      'A mode chosen at run time (a parameter, a setting read from elsewhere) is not seen. Wrappers that pick ECB internally (a home-grown `encrypt(data, mode="ecb")`) are not known. Comparisons such as `if mode == AES.MODE_ECB:` are not reported. The one sound use of ECB, a single-block primitive inside a standard construction such as AES key wrap (RFC 3394) in a crypto library, is reported too: exclude vendored libraries or suppress it there.',
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !mentionsAny(ctx.file.text, CRYPTO_LIBRARIES)) return;
    const covered = new Set<number>();
    for (const call of py.calls) checkCipherCall(ctx, py, call, covered);
    // ECB created elsewhere (a helper that receives the mode, a mode table): still ECB.
    for (const call of py.calls) {
      if (covered.has(call.id) || !canonicalCallee(call, py.imports).includes('modes.ECB')) continue;
      report(ctx, call, `ECB mode (${call.text.replace(/\s+/g, '')}) is created here`, []);
    }
    if (!ctx.file.text.includes('MODE_ECB')) return;
    for (const attr of py.attributes) {
      if (covered.has(attr.id) || !canonicalNames(attr, py.imports).some((n) => MODE_ECB.test(n))) continue;
      const p = attr.parent;
      if (p?.type === 'comparison_operator' || p?.type === 'attribute') continue;
      report(ctx, attr, `ECB mode (${attr.text}) is used here`, []);
    }
  },
};

function checkCipherCall(ctx: RuleContext, py: PythonIndex, call: Node, covered: Set<number>): void {
  const names = canonicalCallee(call, py.imports);
  if (names.some((n) => PYAES_ECB.has(n))) {
    report(ctx, call, 'pyaes AESModeOfOperationECB encrypts in ECB mode', []);
    return;
  }
  const isCipher = names.includes('Cipher');
  const pyCipher = names.map(pycryptoCipherOf).find((c) => c !== undefined);
  if (!isCipher && !pyCipher) return;
  const args = callArguments(call);
  const mode = argument(args, 1, 'mode');
  if (!mode) {
    // PyCryptodome refuses a missing mode, so a call without one only runs on PyCrypto, whose
    // default is ECB. `Cryptodome.` (PyCryptodomex) never had that default.
    const fromCryptodome = calleeNames(call, py.imports).some((n) => n.startsWith('Cryptodome.'));
    if (
      pyCipher &&
      PYCRYPTO_BLOCK_CIPHERS.has(pyCipher) &&
      !fromCryptodome &&
      !args.listSplat &&
      args.doubleSplats.length === 0 &&
      args.positional.length === 1
    ) {
      report(ctx, call, `${pyCipher}.new(key) without a mode: PyCrypto's default mode is ECB`, []);
    }
    return;
  }
  const origin = originOf(mode, py);
  const node = origin.node;
  const ecb =
    (node.type === 'call' && canonicalCallee(node, py.imports).includes('modes.ECB')) ||
    ((node.type === 'attribute' || node.type === 'identifier') &&
      canonicalNames(node, py.imports).some((n) => MODE_ECB.test(n)));
  if (!ecb) return;
  covered.add(node.id);
  const target = isCipher ? 'Cipher(...)' : `${pyCipher}.new(...)`;
  report(ctx, mode, `ECB mode (${node.text.replace(/\s+/g, '')}) is passed to ${target}`, origin.names);
}

function report(ctx: RuleContext, node: Node, what: string, via: readonly string[]): void {
  const span = spanOf(node);
  const c = configClassSeverity(ctx, span, 'high');
  const through = via.length > 0 ? ` through ${via.join(' → ')}` : '';
  ctx.report({
    span,
    severity: c.severity,
    message: `${what}${through}: equal plaintext blocks encrypt to equal ciphertext blocks, so repeated values and patterns show and blocks can be swapped between records; use AES-GCM with a random nonce${c.note}.`,
  });
}
