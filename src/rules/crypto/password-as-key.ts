import { callArguments } from '../../lang/python/args.js';
import { spanOf } from '../../lang/python/span.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { CRYPTO_LIBRARIES } from '../../models/crypto/calls.js';
import { moduleFunctionOf, passwordArgument, passwordKeyUses } from '../../models/crypto/password-key.js';
import { calleeText, keyParamOf, passwordCallerOf } from '../../models/crypto/password-key-summary.js';
import type { Rule } from '../rule.js';

const FIX =
  'derive the key with a slow, salted KDF (PBKDF2HMAC with 600k+ iterations, Scrypt or argon2) and store the salt';

/** Held findings: a cipher keyed by a parameter (do callers pass passwords?), a call passing one (is it a key?). */
type Question =
  | { readonly q: 'callers'; readonly fn: string; readonly index: number; readonly param: string; readonly api: string }
  | {
      readonly q: 'callee';
      readonly callee: string;
      readonly index: number;
      readonly kw: string;
      readonly source: string;
    };

export const passwordAsKey: Rule = {
  meta: {
    id: 'FCG308',
    name: 'password-as-key',
    family: 'crypto',
    severity: 'high',
    cwe: [916, 326],
    title: 'Password used directly as a cipher key',
    what: [
      'A password given to a symmetric cipher as its key with no key-derivation function in between: `algorithms.AES(...)` (and `ChaCha20`, `Camellia`, `TripleDES`, `Blowfish`), `AESGCM(...)`, `ChaCha20Poly1305(...)`, `AESCCM`, `AESOCB3`, `AESGCMSIV`, `AESSIV`, PyCryptodome `AES.new(key, ...)` (any `Crypto.Cipher.*.new`), and `Fernet(...)`. The key is followed back through local assignments, slices (`password[:32]`), `.encode()`, `.ljust()`/`.rjust()`/`.zfill()`, `+ padding`, `bytes()`/`str()`, `base64.urlsafe_b64encode()` and functions of the same file that only reshape their argument (`pad(key)`). Passwords are recognised by name, as in FCG401 (`password`, `passwd`, `pwd`, `passphrase`, `request.form["password"]`).',
      'Across modules: a module-level function whose parameter (say `key`) reaches the cipher key that way is reported at the cipher when some caller in the project passes it a password; and a call from another module passing a password to such a function is reported at the call.',
    ].join('\n\n'),
    why: 'A password has far less entropy than a 128- or 256-bit key, and with no salt and no work factor every guess costs one cipher operation: anyone holding a ciphertext (or a known-plaintext check value) can try billions of candidate passwords a second on a GPU and read the data once one decrypts. Padding or truncating the password to the key size adds nothing, and truncation silently ignores characters past the 32nd (CWE-916, CWE-326).',
    bad: {
      lang: 'python',
      code: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\n\ndef seal_notes(notes: bytes, password: str) -> bytes:\n    key = password.encode().ljust(32, b"\\0")[:32]\n    nonce = os.urandom(12)\n    return nonce + AESGCM(key).encrypt(nonce, notes, None)',
    },
    good: {
      lang: 'python',
      code: 'from cryptography.hazmat.primitives.ciphers.aead import AESGCM\nfrom cryptography.hazmat.primitives.kdf.scrypt import Scrypt\n\ndef seal_notes(notes: bytes, password: str) -> bytes:\n    salt = os.urandom(16)\n    key = Scrypt(salt=salt, length=32, n=2**15, r=8, p=1).derive(password.encode())\n    nonce = os.urandom(12)\n    return salt + nonce + AESGCM(key).encrypt(nonce, notes, None)',
    },
    fix: 'Derive the key from the password with a slow, salted KDF: `PBKDF2HMAC(hashes.SHA256(), length=32, salt=salt, iterations=600_000)`, `Scrypt`, or argon2 (`argon2.low_level.hash_secret_raw`), with a random salt stored beside the ciphertext. HKDF is not a password KDF (it has no work factor). Better still, encrypt the data under a random key and wrap that key with the derived one, so a password change does not re-encrypt everything.',
    limits: [
      'Passwords are recognised by name: a password held in a variable called `key`, `secret` or `master` is seen only when it reaches a project function whose key parameter is followed (the cross-module case), and a value called `password` that holds something else is reported.',
      'A password that is hashed once (`hashlib.sha256(password).digest()`) or passed through any call the rule does not know as reshaping is taken to be a derived key and not reported, although a single fast hash is no better.',
      'Across modules, only module-level functions called by name (`encrypt(...)`, `crypto.encrypt(...)`) are followed, one level deep; methods and keys passed through several helpers are not.',
    ].join(' '),
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    if (mentionsAny(ctx.file.text, CRYPTO_LIBRARIES)) {
      for (const { sink, origin } of passwordKeyUses(py)) {
        const span = spanOf(sink.call);
        const c = configClassSeverity(ctx, span, 'high');
        const via = origin.via.length > 0 ? ` (via ${origin.via.join(', ')})` : '';
        if (origin.kind === 'password') {
          ctx.report({
            span,
            severity: c.severity,
            message: `The password in ${origin.source}${via} is the key of ${sink.api} with no key-derivation function: every guess costs one cipher operation, so a ciphertext is enough to brute-force it; ${FIX}${c.note}.`,
          });
          continue;
        }
        const fn = moduleFunctionOf(sink.call);
        if (!fn) continue;
        const pending: Question = { q: 'callers', fn: fn.name, index: origin.index, param: origin.name, api: sink.api };
        ctx.report({
          span,
          severity: c.severity,
          message: `The parameter ${origin.name} of ${fn.name}()${via} is the key of ${sink.api} with no key-derivation function, and callers pass it passwords; ${FIX}${c.note}.`,
          pending,
        });
      }
    }
    if (!/encrypt|decrypt|cipher|crypt/i.test(ctx.file.text)) return;
    const local = new Set(
      py.functions.flatMap((f) => {
        const parent = f.parent?.type === 'decorated_definition' ? f.parent.parent : f.parent;
        const n = f.childForFieldName('name')?.text;
        return parent?.type === 'module' && n ? [n] : [];
      }),
    );
    for (const call of py.calls) {
      const callee = calleeText(call, py, () => false);
      if (!callee || local.has(callee.split('.')[0] ?? '')) continue;
      const args = callArguments(call);
      if (args.positional.length + args.keywords.size < 2) continue;
      const slots: [number, string, string][] = [];
      args.positional.forEach((a, i) => {
        const s = passwordArgument(a, py);
        if (s) slots.push([i, '', s]);
      });
      for (const [kw, a] of args.keywords) {
        const s = passwordArgument(a, py);
        if (s) slots.push([-1, kw, s]);
      }
      for (const [index, kw, source] of slots) {
        const span = spanOf(call);
        const c = configClassSeverity(ctx, span, 'high');
        const pending: Question = { q: 'callee', callee, index, kw, source };
        ctx.report({
          span,
          severity: c.severity,
          message: `The password in ${source} is passed to ${callee}(), which uses it as a cipher key with no key-derivation function; ${FIX}${c.note}.`,
          pending,
        });
      }
    }
  },
  decide(question, { path, index }) {
    const q = question as Question;
    if (q.q === 'callers') {
      const caller = passwordCallerOf(index, path, q.fn, q.index, q.param);
      if (!caller) return false;
      return {
        message: `The parameter ${q.param} of ${q.fn}() is the key of ${q.api} with no key-derivation function, and ${caller.path}:${caller.line} passes it a password: every guess costs one cipher operation, so a ciphertext is enough to brute-force it; ${FIX}.`,
      };
    }
    const target = keyParamOf(index, path, q.callee, q.index, q.kw);
    if (!target || target.path === path) return false;
    return {
      message: `The password in ${q.source} is passed to ${q.callee}(), which uses it as a cipher key with no key-derivation function (${target.path}:${target.line}); ${FIX}.`,
    };
  },
};
