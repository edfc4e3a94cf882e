import type { Node } from '../../parse/python.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { envLookupOfCall } from '../../lang/python/env.js';
import { spanOf } from '../../lang/python/span.js';
import { whereValueGoes, type ValueSink } from '../../lang/python/value-flow.js';
import type { Rule } from '../rule.js';
import { canonicalCallee, runsAtImport } from '../../models/crypto/calls.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { RANDOM_BYTES } from '../../models/crypto/static-bytes.js';
import { keyMakerOf } from '../../models/crypto/key-makers.js';
import { isKeyHolderName } from '../../models/names/keys.js';

/** Calls that make new key material each time they run. */
const KEY_MAKERS = new Set([
  ...RANDOM_BYTES,
  'aead.AESGCM.generate_key',
  'aead.ChaCha20Poly1305.generate_key',
  'aead.AESCCM.generate_key',
  'aead.AESOCB3.generate_key',
  'aead.AESSIV.generate_key',
  'aead.AESGCMSIV.generate_key',
  'Fernet.generate_key',
  'rsa.generate_private_key',
  'ec.generate_private_key',
  'dsa.generate_private_key',
  'ed25519.Ed25519PrivateKey.generate',
  'ed448.Ed448PrivateKey.generate',
  'Crypto.PublicKey.RSA.generate',
  'Crypto.PublicKey.ECC.generate',
  'uuid.uuid4',
]);

const MAKER_SPELLINGS = ['urandom', 'token_', 'generate', 'uuid4', 'get_random_bytes', 'choice'];

/** Calls that take a key as their first argument: a key made at import and handed straight to one. */
const KEY_USERS = new Set([
  'Fernet',
  'MultiFernet',
  'aead.AESGCM',
  'aead.ChaCha20Poly1305',
  'aead.AESCCM',
  'aead.AESOCB3',
  'aead.AESSIV',
  'aead.AESGCMSIV',
  'algorithms.AES',
  'algorithms.ChaCha20',
  'Crypto.Cipher.AES.new',
  'Crypto.Cipher.ChaCha20.new',
  'Crypto.Cipher.ChaCha20_Poly1305.new',
  'cghmac.HMAC',
  'hmac.new',
  'itsdangerous.Signer',
  'itsdangerous.TimestampSigner',
  'itsdangerous.Serializer',
  'itsdangerous.URLSafeSerializer',
  'itsdangerous.URLSafeTimedSerializer',
  'itsdangerous.TimedSerializer',
  'jwt.encode',
]);

/** Calls that show a made key to a person or store it: a key-generation script, not an app. */
const EMITTERS = new Set(['print', 'write', 'write_text', 'write_bytes', 'echo', 'secho', 'dump']);

export const ephemeralKey: Rule = {
  meta: {
    id: 'FCG304',
    name: 'ephemeral-key',
    family: 'crypto',
    severity: 'medium',
    cwe: [1419, 665],
    title: 'Key generated at import time: a different key in every process',
    what: 'Key material made when a module is imported (module level or a class body, outside functions and outside `if __name__ == "__main__":`) and kept as a key: `Fernet.generate_key()`, `AESGCM.generate_key(...)`, `ChaCha20Poly1305.generate_key()` (and the other AEADs), `os.urandom(n)`, `secrets.token_bytes/hex/urlsafe(n)`, `get_random_bytes(n)`, `uuid.uuid4()`, `rsa/ec/dsa.generate_private_key(...)`, `Ed25519PrivateKey.generate()`, `RSA.generate(...)`, characters drawn with `secrets.choice` and joined, or a call to a function of the same file that returns one of these (`def random_secret(n): return "".join(secrets.choice(chars) for _ in range(n))`), when assigned to a name that says key or secret (`SECRET_KEY`, `app.secret_key`, `app.config["JWT_SECRET_KEY"]`, `FERNET`, `cipher`, `*_TOKEN`), given as such a keyword or dict key (`app.config.update(SECRET_KEY=os.urandom(24))`), used as the fallback of an environment variable (`os.environ.get("SECRET_KEY") or os.urandom(32)`), or handed straight to `Fernet(...)`, `AESGCM(...)`, `algorithms.AES(...)`, `AES.new(...)`, `hmac.new(...)`, an itsdangerous serializer or `jwt.encode(...)`. Test files are not checked.',
    why: 'Each process imports the module on its own, so each gets its own key: every gunicorn/uWSGI worker signs sessions and encrypts data with a different key, a request served by another worker cannot read them (users are logged out at random, tokens fail), and after any restart or deploy everything encrypted before is unreadable for good. When the key is only the fallback of an unset environment variable, the failure is silent until production.\n\nCWE ids: CWE-1419 (incorrect initialization of a resource) and its parent CWE-665 (improper initialization): the key is initialized per process instead of from the one persistent value the data needs. Not CWE-330 or CWE-1204: the bytes are properly random, and CWE-1204 is about IVs; not CWE-321: nothing is hard-coded.',
    bad: {
      lang: 'python',
      code: 'from cryptography.fernet import Fernet\n\n# Encrypts the "remember this device" blob.\nDEVICE_FERNET = Fernet(Fernet.generate_key())\n\napp.config["SECRET_KEY"] = os.environ.get("SECRET_KEY") or os.urandom(32)',
    },
    good: {
      lang: 'python',
      code: 'from cryptography.fernet import Fernet\n\n# Generated once with Fernet.generate_key() and stored in the secret manager.\nDEVICE_FERNET = Fernet(os.environ["DEVICE_FERNET_KEY"])\n\napp.config["SECRET_KEY"] = os.environ["SECRET_KEY"]  # fail fast when missing',
    },
    fix: 'Generate the key once, outside the application (`python -c "from cryptography.fernet import Fernet; print(Fernet.generate_key().decode())"`), store it in the secret manager or the deployment environment, and read it at start-up with `os.environ["NAME"]` so a missing key stops the process instead of silently making a new one. Rotate with `MultiFernet` when needed.',
    limits:
      'Only names, keywords and dict keys that say key, secret, token, fernet or cipher are treated as keys, so a key kept under another name is missed. A key generated inside a function that runs once at start-up (an app factory) is not reported: the rule cannot tell that from a per-request key. Module-level code whose key is printed or written to a file is taken for a key-generation script and left alone.',
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || ctx.file.role === 'test' || !mentionsAny(ctx.file.text, MAKER_SPELLINGS)) return;
    for (const call of py.calls) {
      const maker = keyMakerOf(call, py, KEY_MAKERS);
      if (!maker || !runsAtImport(call, py)) continue;
      const kept = keptAs(call, py);
      if (!kept || emitted(kept.target, py)) continue;
      const span = spanOf(call);
      const c = configClassSeverity(ctx, span, 'medium');
      const shortMaker = maker.replace(/^aead\./, '').replace(/^Crypto\.PublicKey\./, '');
      ctx.report({
        span,
        severity: c.severity,
        message: `${shortMaker}() runs once per process, at import, and ${kept.what}: every worker gets a different key and data signed or encrypted before a restart can no longer be read; load the key from the environment or a secret manager${c.note}.`,
      });
    }
  },
};

interface Kept {
  readonly what: string;
  readonly target?: Node;
}

/** How the made value is kept as a key, if it is. */
function keptAs(call: Node, py: PythonIndex): Kept | undefined {
  let flow = whereValueGoes(call);
  let fallbackOf: string | undefined;
  for (let hops = 0; hops < 3; hops++) {
    const sink = flow.sink;
    if (sink.kind !== 'argument' && sink.kind !== 'keyword') break;
    const receiver = sink.kind === 'argument' ? sink.node : sink.node.parent?.parent;
    if (!receiver || receiver.type !== 'call') break;
    const env = envLookupOfCall(receiver, py.imports);
    if (env) {
      // `os.environ.get("SECRET_KEY", os.urandom(24))`: the variable's name says what it is.
      fallbackOf = env.name;
      flow = whereValueGoes(receiver);
      continue;
    }
    const user = canonicalCallee(receiver, py.imports).find((n) => KEY_USERS.has(n));
    if (user) {
      const owner = whereValueGoes(receiver).sink;
      const held = owner.kind === 'assignment' && owner.names.length > 0 ? ` (${owner.names.join(', ')})` : '';
      return { what: `is the key of ${user.replace(/^aead\./, '')}(...)${held}`, ...targetOf(owner) };
    }
    break;
  }
  const sink = flow.sink;
  const orFallback = fallbackOf === undefined && hasOrFallback(call, flow.top);
  if (sink.kind === 'assignment' || sink.kind === 'keyword' || sink.kind === 'pair') {
    const names = sink.kind === 'keyword' ? sink.names.slice(0, 1) : sink.names;
    const keyName = names.find(isKeyHolderName) ?? (fallbackOf && isKeyHolderName(fallbackOf) ? fallbackOf : undefined);
    if (!keyName) return undefined;
    const fallback =
      fallbackOf !== undefined
        ? ` as the fallback of the environment variable ${fallbackOf}`
        : orFallback
          ? ' as the fallback when the configured value is missing'
          : '';
    return { what: `becomes ${keyName}${fallback}`, ...targetOf(sink) };
  }
  return undefined;
}

function targetOf(sink: ValueSink): { target?: Node } {
  return sink.target ? { target: sink.target } : {};
}

/** `os.environ.get("K") or os.urandom(32)`: the made key is only the fallback. */
function hasOrFallback(call: Node, top: Node): boolean {
  for (let n = call.parent; n && n.id !== top.parent?.id; n = n.parent) {
    if (n.type === 'boolean_operator') return true;
  }
  return false;
}

/** The key variable is printed or written out: a script that makes keys for someone to store. */
function emitted(target: Node | undefined, py: PythonIndex): boolean {
  if (!target) return false;
  const name = target.text;
  for (const call of py.calls) {
    const fn = call.childForFieldName('function');
    const last = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : fn?.text;
    if (!last || !EMITTERS.has(last)) continue;
    const args = call.childForFieldName('arguments');
    if (args?.descendantsOfType('identifier').some((id) => id.text === name)) return true;
  }
  return false;
}
