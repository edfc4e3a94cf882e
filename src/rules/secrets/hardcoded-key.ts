import { isPlaceholder } from '../../core/placeholder.js';
import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { calleeNames } from '../../lang/python/imports.js';
import { keyLiteral, type KeyLiteral } from '../../models/secrets/key-literal.js';
import { spanOf } from '../../lang/python/span.js';
import { importedReference } from '../../lang/python/imported-reference.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { jwtCalls, signatureOff } from '../../models/jwt/calls.js';
import type { Rule } from '../rule.js';
import { keySinkOf, type KeySink } from '../../models/secrets/key-sinks.js';
import { tokenFormatIn } from '../../models/secrets/token-formats.js';

/** Public material is not a secret: a verifying key or certificate may be committed. */
const PUBLIC_MATERIAL = /-----BEGIN (?:[A-Z ]*PUBLIC KEY|CERTIFICATE)-----|^ssh-(?:rsa|ed25519|dss) |^ecdsa-sha2-/;

interface Use {
  readonly api: string;
  readonly line: number;
  readonly purpose: KeySink['purpose'];
}

export const hardcodedKey: Rule = {
  meta: {
    id: 'FCG205',
    name: 'hardcoded-key',
    family: 'secrets',
    severity: 'high',
    cwe: [321, 798],
    title: 'Signing or encryption key written in the source',
    what: 'A literal key handed to an API that signs, verifies, encrypts or authenticates with it: PyJWT `jwt.encode(payload, key)`/`jwt.decode(token, key)`, python-jose `jwt.encode`/`jws.sign`, cryptography `AESGCM`, `AESCCM`, `AESSIV`, `ChaCha20Poly1305`, `Fernet` (also inside `MultiFernet([...])`), `algorithms.AES`/`TripleDES`/`ChaCha20`/…, `hmac.HMAC`, PyCryptodome `AES.new`, `DES.new`, `DES3.new`, `ChaCha20.new(key=...)`, `HMAC.new`, the standard library `hmac.new`/`hmac.digest`, itsdangerous `URLSafeTimedSerializer`, `Signer`, `TimedJSONWebSignatureSerializer` (often imported as `Serializer`), PyNaCl `SecretBox`. The key may be written in the call or reach it through a module constant, a local variable or a dict constant, as `b"..."`, `"...".encode()`, `base64.b64decode("...")`, `bytes.fromhex("...")`, `binascii.unhexlify("...")` a repeated byte (`b"\\x00" * 32`, `"0" * 32`) or zero bytes (`bytes(16)`, `bytearray(32)`). Empty keys (`""`, `b""`) and all-zero keys are reported as such (their message says so and holds no secret): they sign or encrypt with nothing anyone has to guess. The finding is reported at the literal, once, naming every API that receives it.',
    why: 'Anyone who can read the repository, or any copy of it, holds the key: they can forge session tokens and JWTs that the application accepts, and decrypt every value encrypted with it (CWE-321, CWE-798). A key in the source is also the same in every environment and cannot be rotated without a release.',
    bad: {
      lang: 'python',
      code: 'import jwt\n\nJWT_SIGNING_KEY = "ledger-jwt-signing-key"\n\ndef issue_token(user_id):\n    return jwt.encode({"sub": str(user_id)}, JWT_SIGNING_KEY, algorithm="HS256")',
    },
    good: {
      lang: 'python',
      code: 'import os\n\nimport jwt\n\nJWT_SIGNING_KEY = os.environ["JWT_SIGNING_KEY"]  # from the secret store\n\ndef issue_token(user_id):\n    return jwt.encode({"sub": str(user_id)}, JWT_SIGNING_KEY, algorithm="HS256")',
    },
    fix: 'Load the key at start-up from the environment or a secret manager (`os.environ["FERNET_KEY"]`, `app.config["SECRET_KEY"]` filled from one), rotate the key that was committed, and re-encrypt or re-issue what it protected. For asymmetric signing commit only the public key.',
    limits:
      "A key imported from another module of the project (`from .settings import JWT_SECRET`, `settings.JWT_SECRET`, also `.encode()`d) is read there and reported at the call when that module writes it as a literal; one read from a config object is not followed (a config value set to a literal is FCG203 `hardcoded-flask-secret`), nor one passed through a function of another module. A literal that is only the fallback of an environment lookup is left to FCG204 `secret-literal-fallback`. Keys generated at import time (`Fernet.generate_key()`) are FCG304 `ephemeral-key`. Public keys and certificates are not reported; private key blocks and provider token formats are reported once, by FCG206 `secret-in-config-file`. Placeholders are not reported, nor an empty or all-zero key given to an HMAC (HKDF's default salt is all zeros, and an empty HMAC key is used as a plain hash) or to a JWT decode that checks no signature (that is FCG408 `jwt-not-verified`). A key that is a function parameter's default (`def enc(data, key=bytes(16))`) is not followed, since callers may pass their own. The key itself never appears in a report.",
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    const found = new Map<number, { key: KeyLiteral; uses: Use[] }>();
    for (const call of py.calls) {
      const names = calleeNames(call, py.imports);
      if (names.length === 0) continue;
      const match = keySinkOf(names);
      if (!match) continue;
      const arg = argument(callArguments(call), match.sink.index, match.sink.keyword);
      if (!arg) continue;
      const key = keyLiteral(arg, py.evaluator);
      if (!key) {
        // A key imported from a settings module: the project phase reads its value there.
        const ref = importedKey(arg, py);
        if (ref) {
          const span = spanOf(arg);
          const lowered = configClassSeverity(ctx, span, 'high');
          const question: ImportedKey = {
            ref,
            purpose: match.sink.purpose,
            use: `${writtenName(call)}() (line ${call.startPosition.row + 1})`,
            mac: match.sink.purpose === 'MAC',
            note: lowered.note,
          };
          ctx.report({ span, severity: lowered.severity, message: importedMessage(question), pending: question });
        }
        continue;
      }
      if (key.envFallbackOf !== undefined) continue;
      if (key.value === '') {
        // An empty key signs or encrypts with nothing secret at all; a decode that does not check
        // the signature (`jwt.decode(token, "", verify=False)`) uses no key, and is FCG408's.
        if (match.sink.purpose === 'MAC' || signatureUnchecked(call, py)) continue;
      } else if (isPlaceholder(key.value) || PUBLIC_MATERIAL.test(key.value.trim())) continue;
      // A private key block or a provider's token format is FCG206's finding at the same literal.
      if (tokenFormatIn(key.value)) continue;
      if (match.sink.purpose === 'MAC' && isPublicMacKey(key)) continue;
      const use: Use = { api: writtenName(call), line: call.startPosition.row + 1, purpose: match.sink.purpose };
      const entry = found.get(key.literal.id);
      if (entry) entry.uses.push(use);
      else found.set(key.literal.id, { key, uses: [use] });
    }
    for (const { key, uses } of found.values()) {
      const span = spanOf(key.literal);
      const lowered = configClassSeverity(ctx, span, 'high');
      const purposes = new Set(uses.map((u) => u.purpose));
      const effect = purposes.has('encryption') ? (purposes.size > 1 ? 'decrypt and forge' : 'decrypt') : 'forge';
      const kind = key.value === '' ? 'Empty' : /^\0+$|^0+$/.test(key.value) ? 'All-zero' : 'Hardcoded';
      ctx.report({
        span,
        severity: lowered.severity,
        ...(kind === 'Empty' ? {} : { secrets: [key.value] }),
        message: `${kind} ${[...purposes].join('/')} key${key.via ? ` in ${key.via}` : ''}${kind === 'Hardcoded' ? ' (****)' : ''} handed to ${listUses(uses)}: anyone ${kind === 'Hardcoded' ? 'with the source ' : ''}can ${effect} what it protects${lowered.note}.`,
      });
    }
  },
  decide(question, { path, index }) {
    const q = question as unknown as ImportedKey;
    const value = index.constantOf(path, q.ref);
    if (typeof value !== 'string' || value === '' || isPlaceholder(value)) return false;
    if (PUBLIC_MATERIAL.test(value.trim()) || tokenFormatIn(value)) return false;
    // The value itself never goes into the message: phase 2 has no scrubber for it.
    return { message: importedMessage(q) };
  },
};

/** A key argument read from another module's constant, settled in the project phase. */
interface ImportedKey {
  readonly ref: string;
  readonly purpose: string;
  readonly use: string;
  readonly mac: boolean;
  readonly note: string;
  readonly [key: string]: string | boolean;
}

function importedMessage(q: ImportedKey): string {
  const effect = q.purpose === 'encryption' ? 'decrypt' : 'forge';
  return `Hardcoded ${q.purpose} key ${q.ref} (****), written as a literal in another module, handed to ${q.use}: anyone with the source can ${effect} what it protects${q.note}.`;
}

/** The imported name a key argument reads (`SECRET`, `settings.SECRET`, also through `.encode()`). */
function importedKey(arg: Node, py: PythonIndex): string | undefined {
  const direct = importedReference(arg, py);
  if (direct) return direct;
  const fn = arg.type === 'call' ? arg.childForFieldName('function') : null;
  if (fn?.type !== 'attribute' || fn.childForFieldName('attribute')?.text !== 'encode') return undefined;
  const object = fn.childForFieldName('object');
  return object ? importedReference(object, py) : undefined;
}

/** A JWT decode that checks no signature, so its key argument is unused. */
function signatureUnchecked(call: Node, py: PythonIndex): boolean {
  const j = jwtCalls(py).find((c) => c.call.id === call.id);
  return j !== undefined && signatureOff(j, py);
}

/** `algorithms.AES() (lines 26, 31), AES.new() (line 36)`. */
function listUses(uses: readonly Use[]): string {
  const lines = new Map<string, number[]>();
  for (const u of uses) {
    const list = lines.get(u.api) ?? [];
    if (!list.includes(u.line)) list.push(u.line);
    lines.set(u.api, list);
  }
  return [...lines].map(([api, at]) => `${api}() (line${at.length > 1 ? 's' : ''} ${at.join(', ')})`).join(', ');
}

/**
 * HKDF-extract and PBKDF2 implementations key HMAC with a salt, which is public, and RFC 5869's
 * default salt is all zeros: `hmac.new(b"\\0" * 32, ikm, sha256)`.
 */
function isPublicMacKey(key: KeyLiteral): boolean {
  if (/^\0+$/.test(key.value)) return true;
  return key.via !== undefined && /salt/i.test(key.via);
}

/** The callee as the code writes it (`algorithms.AES`), which is what a reader searches for. */
function writtenName(call: Node): string {
  const fn = call.childForFieldName('function');
  const text = fn?.text ?? 'call';
  return text.length <= 60 && !text.includes('\n') ? text : text.slice(0, 57) + '...';
}
