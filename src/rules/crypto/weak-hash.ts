import type { Severity } from '../../core/severity.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { nameWords, squashedName } from '../../models/names/name-words.js';
import { spanOf } from '../../lang/python/span.js';
import { constantStringValue } from '../../lang/python/strings.js';
import {
  enclosingFunctionName,
  localUses,
  originOf,
  unparen,
  whereValueGoes,
  type ValueFlow,
} from '../../lang/python/value-flow.js';
import type { Rule, RuleContext } from '../rule.js';
import { canonicalCallee, canonicalNames } from '../../models/crypto/calls.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { purposeOf } from '../../models/names/purpose-words.js';
import { RANDOM_BYTES } from '../../models/crypto/static-bytes.js';
import { isPasswordOrSaltName } from '../../models/names/passwords.js';
import { isSecretKeyName } from '../../models/names/keys.js';

/** How the weak hashes are spelled in code (`md5`, `MD5`, `sha1`, `SHA1`, `SHA.new`, `"sha"`). */
const WEAK_SPELLINGS = [
  'md5',
  'MD5',
  'sha1',
  'SHA1',
  'SHA',
  'sha"',
  "sha'",
  'md4',
  'MD4',
  'md2',
  'MD2',
  'digest_method',
];
const WEAK_NAMES = new Set(['md5', 'sha1', 'sha', 'md4', 'md2', 'md5-sha1']);
const HASHLIB_WEAK = new Map([
  ['hashlib.md5', 'MD5'],
  ['hashlib.sha1', 'SHA-1'],
]);
const PYCRYPTO_WEAK = new Map([
  ['Crypto.Hash.MD5.new', 'MD5'],
  ['Crypto.Hash.SHA1.new', 'SHA-1'],
  ['Crypto.Hash.SHA.new', 'SHA-1'],
  ['Crypto.Hash.MD4.new', 'MD4'],
  ['Crypto.Hash.MD2.new', 'MD2'],
]);
const CRYPTOGRAPHY_WEAK = new Map([
  ['hashes.MD5', 'MD5'],
  ['hashes.SHA1', 'SHA-1'],
]);
/** A hash function passed by reference (`digestmod=hashlib.sha1`). */
const WEAK_REFERENCES = new Map([
  ['hashlib.md5', 'MD5'],
  ['hashlib.sha1', 'SHA-1'],
  ['Crypto.Hash.MD5', 'MD5'],
  ['Crypto.Hash.SHA1', 'SHA-1'],
  ['Crypto.Hash.SHA', 'SHA-1'],
]);
/** Wrappers that only carry a hash algorithm on to the call that uses it. */
const ALGORITHM_CARRIERS = new Set(['ec.ECDSA', 'padding.PSS', 'utils.Prehashed', 'asymmetric.utils.Prehashed']);
const SIGNING_METHODS = new Set(['sign', 'verify', 'signer', 'verifier']);
const HMAC_CALLS: ReadonlyMap<string, readonly [number, string]> = new Map([
  ['hmac.new', [2, 'digestmod']],
  ['hmac.HMAC', [2, 'digestmod']],
  ['hmac.digest', [2, 'digest']],
  ['Crypto.Hash.HMAC.new', [2, 'digestmod']],
]);
const RANDOM_SOURCES = new Set([...RANDOM_BYTES, 'uuid.uuid4', 'uuid.uuid1', 'random.random', 'random.getrandbits']);

/** Words that say a digest protects something: signatures, MACs, tokens, verification. */
const INTEGRITY_WORDS = new Set([
  'sig',
  'sign',
  'signs',
  'signature',
  'signatures',
  'signed',
  'signer',
  'signing',
  'hmac',
  'mac',
  'auth',
  'authenticate',
  'authentication',
  'verify',
  'verification',
  'verifier',
  'integrity',
  'tamper',
  'webhook',
  'jwt',
  'cookie',
  'unsubscribe',
]);

type Purpose = 'secret' | 'benign' | 'neutral';

export const weakHash: Rule = {
  meta: {
    id: 'FCG307',
    name: 'weak-hash',
    family: 'crypto',
    severity: 'medium',
    cwe: [327, 328],
    title: 'MD5 or SHA-1 used for a signature, token or integrity check',
    what: 'MD5, SHA-1 (and MD4/MD2) where collisions matter: `hashlib.md5/sha1(...)`, `hashlib.new("md5"|"sha1")`, PyCryptodome `MD5.new`/`SHA1.new`, `hashes.Hash(hashes.MD5())` when the digest signs, authenticates or identifies something secret — it is keyed with a secret (`hashlib.md5(SECRET_KEY + body)`), or it is named, returned, passed or formatted as a signature, token, MAC, verification or webhook value (`def sign_receipt()`, `expected_sig = ...`, `hmac.compare_digest(md5(...))`); `hashes.MD5()`/`hashes.SHA1()` (or a PyCryptodome `SHA1.new(...)` object) given to a `sign(...)`/`verify(...)` call, `ECDSA(...)` or an X.509 builder\'s `sign`. HMAC with MD5 or SHA-1 (`hmac.new(key, msg, hashlib.sha1)`, `"md5"`, cryptography\'s `HMAC(key, hashes.SHA1())`, itsdangerous `digest_method=hashlib.sha1`) is reported at **low** severity. Not reported: `usedforsecurity=False`; checksums, ETags, cache keys, Gravatar URLs, file fingerprints and other content identifiers (judged by names such as `etag`, `checksum`, `cache`, `gravatar`, `fingerprint`, `file`); digests of random bytes (`sha1(os.urandom(64))`, whose strength is the randomness); and digests of passwords, which `fast-password-hash` (FCG401) reports.',
    why: 'MD5 collisions take seconds and SHA-1 chosen-prefix collisions are practical (SHAttered, 2017; Shambles, 2020): two different documents, certificates or payloads with the same digest. A signature over a SHA-1 or MD5 digest signs both; a "signature" made as `md5(secret + message)` is also open to length extension, so anyone can append data and compute a valid tag without the secret (CWE-327, CWE-328). HMAC-MD5 and HMAC-SHA1 have no known practical forgery, since HMAC does not rely on collision resistance, but they are deprecated and need a migration plan, hence low.',
    bad: {
      lang: 'python',
      code: 'import hashlib\n\ndef sign_receipt(body: bytes) -> str:\n    return hashlib.md5(current_app.config["SECRET_KEY"].encode() + body).hexdigest()',
    },
    good: {
      lang: 'python',
      code: 'import hashlib\nimport hmac\n\ndef sign_receipt(body: bytes) -> str:\n    return hmac.new(current_app.config["SECRET_KEY"].encode(), body, hashlib.sha256).hexdigest()',
    },
    fix: 'For a keyed tag use HMAC-SHA256 (`hmac.new(key, msg, hashlib.sha256)`) and compare with `hmac.compare_digest`; for signatures use SHA-256 or better (`hashes.SHA256()`), or Ed25519; for tokens, `secrets.token_urlsafe()`. When MD5/SHA-1 is only a checksum, say so with `hashlib.md5(data, usedforsecurity=False)`.',
    limits:
      'The purpose of a plain digest is read from names, inputs and where the result goes; a digest with no telling name is not reported, so a security use under neutral names is missed. itsdangerous and Flask sessions default to HMAC-SHA1 without saying so: that default is not reported. The input of a digest built across functions is not followed.',
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !mentionsAny(ctx.file.text, WEAK_SPELLINGS)) return;
    const digestMethods = ctx.file.text.includes('digest_method');
    for (const call of py.calls) {
      const names = canonicalCallee(call, py.imports);
      const hashlibWeak =
        names.map((n) => HASHLIB_WEAK.get(n)).find((a) => a !== undefined) ?? hashlibNew(names, call, py);
      if (hashlibWeak) {
        checkDigest(ctx, py, call, hashlibWeak, names.includes('hashlib.new') ? 1 : 0);
        continue;
      }
      const pycrypto = names.map((n) => PYCRYPTO_WEAK.get(n)).find((a) => a !== undefined);
      if (pycrypto) {
        checkDigest(ctx, py, call, pycrypto, 0);
        continue;
      }
      const cg = names.map((n) => CRYPTOGRAPHY_WEAK.get(n)).find((a) => a !== undefined);
      if (cg) {
        checkCryptographyHash(ctx, py, call, cg);
        continue;
      }
      const hmacCall = names.map((n) => HMAC_CALLS.get(n)).find((a) => a !== undefined);
      if (hmacCall) {
        const digestmod = argument(callArguments(call), hmacCall[0], hmacCall[1]);
        const algorithm = digestmod ? weakAlgorithmOf(digestmod, py) : undefined;
        if (digestmod && algorithm) reportHmac(ctx, digestmod, `HMAC-${algorithm.replace('-', '')} (hmac.new)`);
        continue;
      }
      const digestMethod = digestMethods ? callArguments(call).keywords.get('digest_method') : undefined;
      // `digest_method=self.digest_method` is Flask's session interface passing on its default.
      if (digestMethod && !digestMethod.text.startsWith('self.')) {
        const algorithm = weakAlgorithmOf(digestMethod, py);
        if (algorithm) reportHmac(ctx, digestMethod, `itsdangerous signer with digest_method ${algorithm}`);
      }
    }
    if (!digestMethods) return;
    for (const pair of py.pairs) {
      const key = pair.childForFieldName('key');
      const value = pair.childForFieldName('value');
      if (!key || !value || constantStringValue(key) !== 'digest_method') continue;
      const algorithm = weakAlgorithmOf(value, py);
      if (algorithm) reportHmac(ctx, value, `itsdangerous signer with digest_method ${algorithm}`);
    }
  },
};

/** `hashlib.new("md5", ...)`: the algorithm named by a string. */
function hashlibNew(names: readonly string[], call: Node, py: PythonIndex): string | undefined {
  if (!names.includes('hashlib.new')) return undefined;
  const name = argument(callArguments(call), 0, 'name');
  const value = name ? py.evaluator.evaluateString(name) : undefined;
  const text = value && value.segments.length === 1 ? value.segments[0]?.text.toLowerCase() : undefined;
  if (!text || !WEAK_NAMES.has(text)) return undefined;
  return text === 'sha1' || text === 'sha' ? 'SHA-1' : text.toUpperCase();
}

/** The weak algorithm an expression names: `hashlib.sha1`, `"md5"`, `SHA1` (PyCryptodome module). */
function weakAlgorithmOf(node: Node, py: PythonIndex): string | undefined {
  const origin = originOf(node, py).node;
  if (origin.type === 'string') {
    const text = constantStringValue(origin)?.toLowerCase();
    if (text && WEAK_NAMES.has(text)) return text === 'sha1' || text === 'sha' ? 'SHA-1' : text.toUpperCase();
    return undefined;
  }
  if (origin.type === 'call') {
    // staticmethod(hashlib.sha1), or cryptography's hashes.SHA1()
    const inner = callArguments(origin).positional[0];
    const callee = canonicalCallee(origin, py.imports);
    if (callee.includes('staticmethod') && inner) return weakAlgorithmOf(inner, py);
    return callee.map((n) => CRYPTOGRAPHY_WEAK.get(n)).find((a) => a !== undefined);
  }
  return canonicalNames(origin, py.imports)
    .map((n) => WEAK_REFERENCES.get(n))
    .find((a) => a !== undefined);
}

/** hashes.MD5()/SHA1(): a signature's hash, an HMAC's, a plain digest's, or something harmless (OAEP, MGF1, KDFs). */
function checkCryptographyHash(ctx: RuleContext, py: PythonIndex, hashCall: Node, algorithm: string): void {
  let cur = hashCall;
  for (let hops = 0; hops < 4; hops++) {
    const list = cur.parent?.type === 'keyword_argument' ? cur.parent.parent : cur.parent;
    const call = list?.type === 'argument_list' ? list.parent : undefined;
    if (!call || call.type !== 'call') return;
    const names = canonicalCallee(call, py.imports);
    if (names.includes('hashes.Hash')) {
      checkDigest(ctx, py, call, algorithm, -1);
      return;
    }
    if (names.includes('cghmac.HMAC')) {
      reportHmac(ctx, hashCall, `HMAC-${algorithm.replace('-', '')} (cryptography HMAC)`);
      return;
    }
    if (names.some((n) => ALGORITHM_CARRIERS.has(n))) {
      cur = call;
      continue;
    }
    const fn = call.childForFieldName('function');
    const method = fn?.type === 'attribute' ? fn.childForFieldName('attribute')?.text : undefined;
    if (method && SIGNING_METHODS.has(method)) reportSignature(ctx, hashCall, algorithm, `.${method}(...)`);
    return;
  }
}

/**
 * A digest object or value: reported when its inputs or destination say it protects something,
 * left alone when they say checksum/cache/ETag, when it hashes a password (FCG401) or only
 * random bytes. `dataIndex` is the position of the data argument (-1: none).
 */
function checkDigest(ctx: RuleContext, py: PythonIndex, call: Node, algorithm: string, dataIndex: number): void {
  const args = callArguments(call);
  const forSecurity = args.keywords.get('usedforsecurity');
  if (forSecurity && forSecurity.type === 'false') return;
  const inputs: Node[] = [];
  const data = dataIndex >= 0 ? (argument(args, dataIndex, 'data') ?? args.keywords.get('string')) : undefined;
  if (data) inputs.push(data);
  const flows: ValueFlow[] = [];
  const first = whereValueGoes(call);
  flows.push(first);
  // The digest is a nonce or salt: however that is used later, collisions do not matter.
  if (first.sink.names.some(isMixingOnly)) return;
  if (first.sink.kind === 'assignment' && first.sink.target) {
    // `h = hashlib.md5(); h.update(x); return h.hexdigest()`, `expected = md5(...).hexdigest(); if expected != sig`
    for (const use of localUses(first.sink.target, py)) {
      const attr = use.parent;
      const method = attr?.type === 'attribute' ? attr.childForFieldName('attribute')?.text : undefined;
      const methodCall = attr?.parent;
      if (method === 'update' && methodCall?.type === 'call') {
        const updated = callArguments(methodCall).positional[0];
        if (updated) inputs.push(updated);
        continue;
      }
      flows.push(whereValueGoes(use));
    }
  }
  const inputNames = inputs.flatMap((i) => namesIn(i, py, false));
  // Passwords, and salted digests (the shape of a password scheme: passlib calls the password
  // `secret`), belong to fast-password-hash (FCG401).
  if (inputNames.some(isPasswordOrSaltName)) return;
  // `def _calc_checksum(self, secret)`, `def file_etag(...)`: the function says what the digest is.
  const fn = enclosingFunctionName(call);
  if (fn && hashPurpose(fn) === 'benign') return;
  if (inputs.length > 0 && inputs.every((i) => onlyRandom(i, py))) return;
  // `md5(f"{user_id}:{os.urandom(16).hex()}")`: a token as unguessable as its random part.
  if (inputs.some((i) => containsSecureRandom(i, py))) return;

  let purpose: Purpose = 'neutral';
  let reason = '';
  for (const flow of flows) {
    const p = flowPurpose(flow, py);
    if (p.purpose === 'benign') return;
    if (p.purpose === 'secret' && purpose !== 'secret') {
      purpose = 'secret';
      reason = p.reason;
    }
  }
  if (purpose !== 'secret') {
    // A parameter called `secret` is as often the password (passlib's convention) as a key: a
    // function that signs with a key it is given says so in its name, which the flows above read.
    const keyed = inputs.flatMap((i) => namesIn(i, py, true)).find(isSecretKeyName);
    if (keyed === undefined) return;
    reason = `is keyed with ${keyed} (a home-made MAC, open to length extension)`;
  }
  reportDigest(ctx, call, algorithm, reason);
}

function flowPurpose(flow: ValueFlow, py: PythonIndex): { purpose: Purpose; reason: string } {
  const sink = flow.sink;
  for (const text of flow.texts) {
    if (hashPurpose(text) === 'benign') return { purpose: 'benign', reason: '' };
  }
  let names: readonly string[];
  switch (sink.kind) {
    case 'assignment':
    case 'pair':
    case 'keyword':
    case 'return':
    case 'argument':
    case 'other':
      names = sink.names;
      break;
    case 'comparison':
      names = namesIn(sink.node, py, false);
      break;
    default:
      return { purpose: 'neutral', reason: '' };
  }
  let secret: string | undefined;
  for (const name of names) {
    const p = hashPurpose(name);
    if (p === 'benign') return { purpose: 'benign', reason: '' };
    if (p === 'secret' && secret === undefined) secret = name;
  }
  if (names.includes('compare_digest')) return { purpose: 'secret', reason: 'is checked with compare_digest()' };
  if (secret !== undefined) {
    const how =
      sink.kind === 'return'
        ? `is returned by ${secret}()`
        : sink.kind === 'argument' || sink.kind === 'other'
          ? `is passed to ${secret}()`
          : sink.kind === 'comparison'
            ? `is compared with ${secret}`
            : `becomes ${secret}`;
    return { purpose: 'secret', reason: how };
  }
  const text = flow.texts.find((t) => hashPurpose(t) === 'secret');
  if (text !== undefined) return { purpose: 'secret', reason: `is formatted into "${text.trim().slice(0, 40)}"` };
  return { purpose: 'neutral', reason: '' };
}

/** A digest used to make a nonce or IV only mixes its input; collisions do not matter there. */
const MIXING_ONLY = ['nonce', 'iv', 'salt'];

function isMixingOnly(name: string): boolean {
  const words = nameWords(name);
  return MIXING_ONLY.some((w) => words.includes(w)) || squashedName(name).includes('nonce');
}

function hashPurpose(name: string): Purpose {
  if (isMixingOnly(name)) return 'neutral';
  const words = nameWords(name);
  const p = purposeOf(name);
  if (p !== 'neutral') return p;
  return words.some((w) => INTEGRITY_WORDS.has(w)) ? 'secret' : 'neutral';
}

/** Identifiers and subscript keys (`config["SECRET_KEY"]`) inside an expression; parameters left out on request. */
function namesIn(node: Node, py: PythonIndex, withoutParameters: boolean): string[] {
  const out: string[] = [];
  const n = unparen(node);
  const ids = n.type === 'identifier' ? [n] : n.descendantsOfType(['identifier', 'string']);
  for (const d of ids) {
    if (d.type === 'identifier') {
      if (!withoutParameters || !isParameter(d, py)) out.push(d.text);
    } else if (d.parent?.type === 'subscript') {
      const key = constantStringValue(d);
      if (key !== undefined) out.push(key);
    }
  }
  return out;
}

const PARAMETER_PARENTS = new Set([
  'parameters',
  'lambda_parameters',
  'default_parameter',
  'typed_parameter',
  'typed_default_parameter',
]);

/** A name bound as a parameter of the function it is read in (not an attribute's field name). */
function isParameter(identifier: Node, py: PythonIndex): boolean {
  const p = identifier.parent;
  if (p?.type === 'attribute' && p.childForFieldName('attribute')?.id === identifier.id) return false;
  return py.scopes
    .bindingsOf(identifier.text, identifier)
    .some((b) => b.kind === 'other' && PARAMETER_PARENTS.has(b.target.parent?.type ?? ''));
}

const SECURE_RANDOM = new Set([...RANDOM_BYTES, 'uuid.uuid4']);

function containsSecureRandom(node: Node, py: PythonIndex): boolean {
  const n = unparen(node);
  const calls = n.type === 'call' ? [n, ...n.descendantsOfType('call')] : n.descendantsOfType('call');
  return calls.some((c) => canonicalCallee(c, py.imports).some((name) => SECURE_RANDOM.has(name)));
}

/** `os.urandom(64)`, `str(uuid.uuid4()).encode()`: the digest only encodes randomness. */
function onlyRandom(node: Node, py: PythonIndex): boolean {
  let cur = originOf(node, py).node;
  for (let i = 0; i < 6 && cur.type === 'call'; i++) {
    if (canonicalCallee(cur, py.imports).some((n) => RANDOM_SOURCES.has(n))) return true;
    const fn = cur.childForFieldName('function');
    if (
      fn?.type === 'attribute' &&
      ['encode', 'hex', 'bytes'].includes(fn.childForFieldName('attribute')?.text ?? '')
    ) {
      const object = fn.childForFieldName('object');
      if (!object) return false;
      cur = originOf(object, py).node;
      continue;
    }
    if (fn?.type === 'identifier' && (fn.text === 'str' || fn.text === 'bytes')) {
      const inner = callArguments(cur).positional[0];
      if (!inner) return false;
      cur = originOf(inner, py).node;
      continue;
    }
    return false;
  }
  return false;
}

function reportDigest(ctx: RuleContext, call: Node, algorithm: string, reason: string): void {
  const span = spanOf(call);
  const c = configClassSeverity(ctx, span, 'medium');
  ctx.report({
    span,
    severity: c.severity,
    message: `${algorithm} digest that ${reason}: ${algorithm} collisions are practical, so a forged value can match; use HMAC-SHA256 for keyed tags or SHA-256 for signatures${c.note}.`,
  });
}

function reportSignature(ctx: RuleContext, node: Node, algorithm: string, api: string): void {
  const span = spanOf(node);
  const c = configClassSeverity(ctx, span, 'medium');
  ctx.report({
    span,
    severity: c.severity,
    message: `${algorithm} used as the hash of a signature (${api}): ${algorithm} collisions are practical, so one signature can cover two different documents; use SHA-256 or better${c.note}.`,
  });
}

function reportHmac(ctx: RuleContext, node: Node, what: string): void {
  const span = spanOf(node);
  const severity: Severity = 'low';
  ctx.report({
    span,
    severity,
    message: `${what}: no practical forgery is known for HMAC with this hash, but it is deprecated; move to SHA-256 (low).`,
  });
}
