import type { Node } from '../../parse/python.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { argument, callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { spanOf } from '../../lang/python/span.js';
import { originOf } from '../../lang/python/value-flow.js';
import type { Rule, RuleContext } from '../rule.js';
import {
  canonicalCallee,
  canonicalNames,
  CRYPTO_LIBRARIES,
  pycryptoCipherOf,
  shown,
} from '../../models/crypto/calls.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { staticBytes, type StaticBytes } from '../../models/crypto/static-bytes.js';

/** cryptography's modes: the keyword naming their IV or nonce. */
const MODES: ReadonlyMap<string, string> = new Map([
  ['modes.CBC', 'initialization_vector'],
  ['modes.OFB', 'initialization_vector'],
  ['modes.CFB', 'initialization_vector'],
  ['modes.CFB8', 'initialization_vector'],
  ['modes.GCM', 'initialization_vector'],
  ['modes.CTR', 'nonce'],
]);

const AEADS = new Set(['aead.AESGCM', 'aead.ChaCha20Poly1305', 'aead.AESCCM', 'aead.AESOCB3', 'aead.AESGCMSIV']);
const AEAD_MODULE = 'cryptography.hazmat.primitives.ciphers.aead.';
/** PyCryptodome stream ciphers whose `new(key, nonce)` takes the nonce second. */
const PYCRYPTO_STREAM = new Set(['Salsa20', 'ChaCha20', 'ChaCha20_Poly1305']);

interface Sink {
  /** The IV/nonce expression as written at the call. */
  readonly arg: Node;
  /** `IV` or `nonce`, as the API calls it. */
  readonly term: string;
  /** The API, for the message: `modes.CBC(...)`, `AESGCM.encrypt(...)`. */
  readonly api: string;
}

export const staticIv: Rule = {
  meta: {
    id: 'FCG303',
    name: 'static-iv',
    family: 'crypto',
    severity: 'high',
    cwe: [329, 323],
    title: 'Constant IV or nonce',
    what: 'An IV or nonce that is the same for every message, given to a cipher: a bytes or str literal, `b"\\x00" * 16`, `bytes(16)`, `bytearray(16)`, `bytes.fromhex("...")`, a slice of the key (`key[:16]`), or a module/class constant holding one of those (or holding `os.urandom(16)`, which runs once per process) — passed to `modes.CBC/CTR/GCM/OFB/CFB(...)`, `algorithms.ChaCha20(key, nonce)`, `AESGCM(key).encrypt(nonce, ...)` (and `ChaCha20Poly1305`, `AESCCM`, `AESOCB3`, `AESGCMSIV`), PyCryptodome `AES.new(key, AES.MODE_CBC, iv)` / `iv=` / `IV=` / `nonce=`, `ChaCha20.new(..., nonce=...)`, `Salsa20.new(key, nonce)`; and `Counter.new(...)` with no varying prefix, suffix or initial value. Followed through local variables, module constants and `self.attr` assigned once in the class.',
    why: 'An IV or nonce must not repeat under one key. With CBC, a fixed IV makes equal plaintexts (and equal first blocks) encrypt to equal ciphertexts, so an observer learns which records match, and chosen-plaintext attacks become possible (CWE-329). With CTR, GCM and ChaCha20 a repeated nonce reuses the keystream: XOR two ciphertexts and the key drops out, leaving the XOR of the plaintexts; with GCM it also leaks the authentication key, letting an attacker forge messages (CWE-323). An IV derived from the key is fixed per key and, used as the key itself, can reveal it.',
    bad: {
      lang: 'python',
      code: 'from Crypto.Cipher import AES\nfrom Crypto.Util.Padding import pad\n\nSTATEMENT_IV = b"\\x00" * 16\n\ndef encrypt_statement(pdf: bytes) -> bytes:\n    cipher = AES.new(STATEMENT_KEY, AES.MODE_CBC, iv=STATEMENT_IV)\n    return cipher.encrypt(pad(pdf, AES.block_size))',
    },
    good: {
      lang: 'python',
      code: 'from Crypto.Cipher import AES\n\ndef encrypt_statement(pdf: bytes) -> bytes:\n    cipher = AES.new(STATEMENT_KEY, AES.MODE_GCM)  # a fresh random nonce\n    ciphertext, tag = cipher.encrypt_and_digest(pdf)\n    return cipher.nonce + tag + ciphertext',
    },
    fix: 'Generate the IV/nonce per message with `os.urandom(12)` (GCM, ChaCha20-Poly1305) or `os.urandom(16)` (CBC, CTR), or let PyCryptodome pick one (omit `iv`/`nonce` and read `cipher.iv`/`cipher.nonce`), and store it in front of the ciphertext. It need not be secret. Read it back from the ciphertext when decrypting.',
    limits:
      'An IV that comes from another module, a parameter or a call the rule does not know is assumed to vary. A nonce built by a counter (`n.to_bytes(12, "big")`) is not reported; its uniqueness across processes is not checked. `AESGCM.encrypt` on a receiver the rule cannot resolve is checked only when the file imports an AEAD class and passes three arguments.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !mentionsAny(ctx.file.text, CRYPTO_LIBRARIES)) return;
    const importsAead = [...py.imports.names.values()].some((full) => full.some((f) => f.startsWith(AEAD_MODULE)));
    for (const call of py.calls) {
      const names = canonicalCallee(call, py.imports);
      if (names.some((n) => n === 'Crypto.Util.Counter.new')) {
        checkCounter(ctx, py, call);
        continue;
      }
      for (const sink of sinksOf(py, call, names, importsAead)) {
        const value = staticBytes(sink.arg, py);
        if (value) report(ctx, sink, value);
      }
    }
  },
};

function sinksOf(py: PythonIndex, call: Node, names: readonly string[], importsAead: boolean): Sink[] {
  const args = callArguments(call);
  const out: Sink[] = [];
  for (const name of names) {
    const keyword = MODES.get(name);
    if (keyword) {
      const arg = argument(args, 0, keyword);
      const term = keyword === 'nonce' || name === 'modes.GCM' ? 'nonce' : 'IV';
      if (arg) out.push({ arg, term, api: `${name}(...)` });
      return out;
    }
    if (name === 'algorithms.ChaCha20') {
      const arg = argument(args, 1, 'nonce');
      if (arg) out.push({ arg, term: 'nonce', api: 'algorithms.ChaCha20(key, nonce)' });
      return out;
    }
    const cipher = pycryptoCipherOf(name);
    if (cipher) {
      const mode = argument(args, 1, 'mode');
      const modeName = mode ? canonicalNames(originOf(mode, py).node, py.imports)[0]?.split('.').pop() : undefined;
      for (const kw of ['iv', 'IV', 'nonce']) {
        const arg = args.keywords.get(kw);
        if (arg)
          out.push({
            arg,
            term: kw === 'nonce' ? 'nonce' : 'IV',
            api: `${cipher}.new(key, ${modeName ?? 'mode'}, ${kw}=...)`,
          });
      }
      const positional = PYCRYPTO_STREAM.has(cipher) ? args.positional[1] : args.positional[2];
      if (positional) {
        const term = PYCRYPTO_STREAM.has(cipher) || /GCM|CTR|EAX|CCM|OCB|SIV/.test(modeName ?? '') ? 'nonce' : 'IV';
        out.push({ arg: positional, term, api: `${cipher}.new(key, ${modeName ?? 'mode'}, ...)` });
      }
      return out;
    }
  }
  // AESGCM(key).encrypt(nonce, data, associated_data): three arguments, the nonce first.
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'encrypt') return out;
  const receiver = fn.childForFieldName('object');
  if (!receiver) return out;
  const origin = originOf(receiver, py).node;
  const aead = origin.type === 'call' ? canonicalCallee(origin, py.imports).find((n) => AEADS.has(n)) : undefined;
  const count = args.positional.length + args.keywords.size;
  if (!aead && !(importsAead && origin.type !== 'call' && count === 3)) return out;
  if (aead === undefined && args.listSplat) return out;
  const arg = argument(args, 0, 'nonce');
  if (arg) out.push({ arg, term: 'nonce', api: `${aead ? aead.slice('aead.'.length) : 'AEAD'}.encrypt(nonce, ...)` });
  return out;
}

/** PyCryptodome's CTR counter block: it must differ per message, through a prefix, suffix or start value. */
function checkCounter(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const args = callArguments(call);
  if (args.listSplat || args.doubleSplats.length > 0) return;
  const parts = [args.keywords.get('prefix'), args.keywords.get('suffix'), args.keywords.get('initial_value')];
  for (const part of parts) {
    if (part && !staticBytes(part, py) && !isConstantNumber(part, py)) return;
  }
  const span = spanOf(call);
  const c = configClassSeverity(ctx, span, 'high');
  ctx.report({
    span,
    severity: c.severity,
    message: `CTR counter ${shown(call)} starts from the same block for every message (no per-message prefix, suffix or initial_value): the keystream repeats and XOR of two ciphertexts gives the XOR of the plaintexts; give it a random nonce${c.note}.`,
  });
}

function isConstantNumber(node: Node, py: PythonIndex): boolean {
  const v = py.evaluator.evaluate(node);
  return v.kind === 'const' && typeof v.value === 'number';
}

function report(ctx: RuleContext, sink: Sink, value: StaticBytes): void {
  const span = spanOf(sink.arg);
  const c = configClassSeverity(ctx, span, 'high');
  const via = value.names.length > 0 ? ` (${value.names.join(' → ')})` : '';
  const what =
    value.kind === 'import-time'
      ? `is generated once, when the module is imported, and reused for every message`
      : value.kind === 'key-derived'
        ? `is derived from the key, so it is the same for every message under that key`
        : `is a constant, the same for every message`;
  const consequence =
    sink.term === 'IV'
      ? 'equal plaintexts encrypt to equal ciphertexts and chosen-plaintext attacks open up'
      : 'the keystream repeats, so XOR of two ciphertexts gives the XOR of the plaintexts (and GCM messages can be forged)';
  ctx.report({
    span,
    severity: c.severity,
    message: `The ${sink.term} given to ${sink.api}, ${shown(value.node)}${via}, ${what}: ${consequence}; generate a fresh one per message with os.urandom()${c.note}.`,
  });
}
