import type { Node } from '../../parse/python.js';
import { argument, callArguments } from '../../lang/python/args.js';
import { asStr, isKnown, joinText, type PyValue } from '../../lang/python/evaluate.js';
import { matchCallee } from '../../lang/python/imports.js';
import { passwordSource } from '../../models/passwords/password-data.js';
import { storedDigests } from '../../models/passwords/digest-sinks.js';
import { settingWrites } from '../../models/flask/setting-writes.js';
import { spanOf } from '../../lang/python/span.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import type { Rule, RuleContext } from '../rule.js';
import {
  CRYPT_CONTEXT,
  digestCall,
  hashObjectOf,
  passlibScheme,
  schemeWeakness,
  WEAK_PASSLIB_SCHEMES,
  isWerkzeugGenerate,
} from '../../models/passwords/hashing.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { keyParamOf } from '../../models/crypto/password-key-summary.js';
import { verifierCandidates } from '../../models/passwords/key-verifier.js';

const PASSLIB_HASH_METHODS = new Set(['hash', 'encrypt', 'genhash']);
const FLASK_SECURITY_HASH = new Set(['SECURITY_PASSWORD_HASH']);

// A cheap first look at the raw text: a file that never names hash constructors, passlib, werkzeug's generate_password_hash or Flask-Security's setting
// cannot hold this finding, and most files do not, so they skip the tree walk.
const MENTIONS = /hashlib|hmac|Crypto|passlib|password_hash|PASSWORD_HASH|CryptContext/;

export const fastPasswordHash: Rule = {
  meta: {
    id: 'FCG401',
    name: 'fast-password-hash',
    family: 'auth',
    severity: 'high',
    cwe: [916, 759],
    title: 'Password hashed with a fast digest or a weak scheme',
    what: [
      'A password hashed with a general-purpose digest, salted or not: `hashlib.md5/sha1/sha224/sha256/sha384/sha512/blake2b/sha3_*(...)`, `hashlib.new(name, ...)`, `hmac.new(...)`/`hmac.digest(...)`, PyCryptodome `MD5.new`/`SHA256.new`, or `.update(...)` on such a hash object — also when repeated in a loop. Whether the data is a password is judged by where it comes from: a variable, parameter, attribute or key named `password`, `passwd`, `pwd`, `pw` or `passphrase` (`request.form["password"]`, `form.password.data`, `data.get("password")`), followed through `salt + password`, f-strings, `.encode()` and local assignments.',
      'A fast digest whose result is stored as a password, whatever the hashed value is called: handed to a password setter (`user.setPassword(hashlib.md5(s).hexdigest())`, `set_password`, `update_password`, `change_pw`…; not a reset or token setter), assigned to a password column (`user.password = ...`, `user.password_hash = ...`) or passed as a password keyword to a model constructor or `objects.create`, followed through `.hexdigest()`/`.digest()`, base64 or hex encoding, locals and a hash object fed by `.update()`.',
      'passlib schemes that are fast, obsolete or plain: `md5_crypt`, `sha1_crypt`, `des_crypt`, `bsdi_crypt`, `plaintext`, `ldap_*`, `hex_*`, `mysql323`, `mysql41`, `oracle10`, `postgres_md5`, `msdcc`, `lmhash`, `nthash` and kin, used through `.hash()`/`.encrypt()` (also after `.using(...)`), or in `CryptContext(schemes=[...])`: high when it is the default (`default=` or the first scheme), medium when it is listed but not deprecated (`deprecated="auto"` or naming it), because such hashes then keep verifying and are never upgraded.',
      'werkzeug `generate_password_hash(pw, method=...)` with a method other than `pbkdf2:…` or `scrypt…` (`"plain"`, `"md5"`, `"sha1"`, `"sha256"`); Flask-Security `SECURITY_PASSWORD_HASH` set to one of the weak schemes (`"plaintext"`, `"md5_crypt"`, …).',
      'A password check made by encrypting a known constant with the password as the cipher key and storing it (`check = encrypt(CHECK_TEXT, password)` then `.update({User.check: check})`, `user.check = ...`, a model constructor keyword): followed across modules, it is reported when the project function called (`encrypt`) uses that argument as a cipher key with no key-derivation function (as FCG308 finds it).',
    ].join('\n\n'),
    why: 'Digests like MD5 and SHA-256 are built to be fast: one GPU tries billions of guesses a second, so when the user table leaks (a backup, an SQL injection, a stolen replica) most passwords are recovered within hours, salt or no salt, and reused on other sites (CWE-916, CWE-759). Password hashes need a deliberately slow, memory-hard function.',
    bad: {
      lang: 'python',
      code: 'class User(UserMixin, db.Model):\n    password_hash = db.Column(db.String(64), nullable=False)\n\n    def set_password(self, password):\n        self.password_hash = hashlib.md5(password.encode()).hexdigest()',
    },
    good: {
      lang: 'python',
      code: 'from argon2 import PasswordHasher\n\n_hasher = PasswordHasher()\n\nclass User(UserMixin, db.Model):\n    password_hash = db.Column(db.String(128), nullable=False)\n\n    def set_password(self, password):\n        self.password_hash = _hasher.hash(password)',
    },
    fix: 'Hash passwords with argon2id (`argon2-cffi`\'s `PasswordHasher`), bcrypt, scrypt or werkzeug\'s default `generate_password_hash(pw)` (scrypt or PBKDF2). Keep the old scheme only to verify, and rehash on the next successful login (passlib: list it with `deprecated="auto"`; argon2: `check_needs_rehash`).',
    limits: [
      'Passwords are recognised by name, or by where the digest is stored: a password in a variable called `secret`, `s` or `data` (as passlib itself writes) is seen only when the digest then reaches a password setter, a password column or a password keyword of a model in the same function or file; stored by a setter of another module, returned from a helper, or written with raw SQL, it is not seen. A value called `password` that is not one is reported. Hashing an API token, a file or an ETag is not reported because those names do not mention passwords.',
      'SHA-1 of a password sent to the Have I Been Pwned range API (the file mentions `pwnedpasswords`) is not reported: the API requires it. Nor is a digest that also takes a `nonce`, `challenge` or `realm` (HTTP Digest, WS-Security): those are login messages, although an Apache htdigest file written this way is missed.',
      "Library code that implements legacy schemes on purpose (passlib, Django's legacy hashers) is reported like any other code.",
      'An encrypted password check is seen only when the encrypting function is a module-level function of the project called by name with two arguments (a constant and the password) and its result is written to a model attribute, a model constructor or a dict given to `.update(...)`/`.values(...)` in the same function; a check value encrypted inline or stored elsewhere is missed.',
    ].join(' '),
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py) return;
    if (/encrypt/i.test(ctx.file.text)) checkKeyVerifiers(ctx, py);
    if (!MENTIONS.test(ctx.file.text)) return;
    let hibp: boolean | undefined;
    // What the loop below reported, so a digest also found through where it is stored is told once.
    const reported = new Set<number>();
    const updatedObjects = new Set<string>();
    for (const call of py.calls) {
      const digest = digestCall(call, py);
      if (digest) {
        for (const d of digest.data) {
          const source = passwordSource(d, py);
          if (!source || challengeResponse(d, py)) continue;
          // Have I Been Pwned's range API takes the SHA-1 of the password: read the strings only then.
          if (digest.name.endsWith('sha1') && (hibp ??= py.strings.some((s) => s.text.includes('pwnedpasswords'))))
            break;
          reportDigest(ctx, call, digest.name, source);
          reported.add(call.id);
          break;
        }
        continue;
      }
      checkWerkzeug(ctx, call);
      const fn = call.childForFieldName('function');
      const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
      if (!fn || !object) continue;
      const method = fn.childForFieldName('attribute')?.text ?? '';
      if (method === 'update') {
        const data = callArguments(call).positional[0];
        const source = data ? passwordSource(data, py) : undefined;
        const made = data && source && !challengeResponse(data, py) ? hashObjectOf(object, py) : undefined;
        if (made && source) {
          reportDigest(ctx, call, made, source);
          updatedObjects.add(object.text);
        }
      } else if (PASSLIB_HASH_METHODS.has(method)) {
        const scheme = passlibScheme(object, py);
        if (scheme && WEAK_PASSLIB_SCHEMES.has(scheme)) {
          const span = spanOf(call);
          const c = configClassSeverity(ctx, span, 'high');
          ctx.report({
            span,
            severity: c.severity,
            message: `Password hashed with passlib's ${scheme}, which ${schemeWeakness(scheme)}${c.note}.`,
          });
        }
      }
    }
    for (const stored of storedDigests(py)) {
      if (reported.has(stored.call.id) || stored.via.some((v) => updatedObjects.has(v))) continue;
      // Data named for a password was reported above (or deliberately not: HIBP, a challenge).
      if (stored.digest.data.some((d) => passwordSource(d, py))) continue;
      reported.add(stored.call.id);
      const span = spanOf(stored.call);
      const c = configClassSeverity(ctx, span, 'high');
      ctx.report({
        span,
        severity: c.severity,
        message: `Password hashed with ${stored.digest.name} and stored through ${stored.sink}: a fast digest that GPUs guess billions of times a second${c.note}.`,
      });
    }
    checkCryptContextCalls(ctx);
    for (const w of settingWrites(py, FLASK_SECURITY_HASH)) {
      const s = asStr(py.evaluator.evaluate(w.value));
      const scheme = s && isKnown(s) ? joinText(s) : undefined;
      if (!scheme || !WEAK_PASSLIB_SCHEMES.has(scheme)) continue;
      const span = spanOf(w.value);
      const c = configClassSeverity(ctx, span, 'high');
      ctx.report({
        span,
        severity: c.severity,
        message: `SECURITY_PASSWORD_HASH = "${scheme}": Flask-Security stores passwords with a scheme that ${schemeWeakness(scheme)}${c.note}.`,
      });
    }
  },
  decide(question, { path, index }) {
    const q = question as VerifierQuestion;
    const target = keyParamOf(index, path, q.callee, q.index, q.kw);
    if (!target) return false;
    return { message: `${verifierMessage(q.callee, q.source, `${target.path}:${target.line}`)}.` };
  },
};

/** Held: `encrypt(CONSTANT, password)` stored in the database; is `encrypt`'s argument a cipher key? */
type VerifierQuestion = {
  readonly callee: string;
  readonly index: number;
  readonly kw: string;
  readonly source: string;
};

function checkKeyVerifiers(ctx: RuleContext, py: PythonIndex): void {
  for (const v of verifierCandidates(py)) {
    const span = spanOf(v.call);
    const c = configClassSeverity(ctx, span, 'high');
    const pending: VerifierQuestion = { callee: v.callee, index: v.index, kw: v.kw, source: v.source };
    ctx.report({
      span,
      severity: c.severity,
      message: `${verifierMessage(v.callee, v.source, undefined)}${c.note}.`,
      pending,
    });
  }
}

function verifierMessage(callee: string, source: string, where: string | undefined): string {
  return `A known constant encrypted under the password ${source} by ${callee}()${where ? ` (the key of a cipher at ${where}, no key-derivation function)` : ''} is stored as a password check: one cipher operation per guess verifies a password, so the stored value is a fast, unsalted password hash that a GPU brute-forces; store an argon2/bcrypt/scrypt hash instead, or derive the key with a slow KDF`;
}

const PROTOCOL_WORDS = ['nonce', 'challenge', 'realm'];

/**
 * HTTP Digest (`md5(f"{user}:{realm}:{password}")`), WS-Security (`sha1(nonce + created +
 * password)`) and SCRAM-like exchanges hash the password with the other side's nonce because the
 * protocol says so: that is a login message, not how the password is stored.
 */
function challengeResponse(data: Node, py: PythonIndex): boolean {
  const mentions = (node: Node): boolean =>
    [node, ...node.descendantsOfType('identifier')].some(
      (n) => n.type === 'identifier' && PROTOCOL_WORDS.some((w) => n.text.toLowerCase().includes(w)),
    );
  if (mentions(data)) return true;
  // sha1(message) with `message = nonce + created + password` a line above.
  if (data.type !== 'identifier') return false;
  const found = py.scopes.lookup(data);
  return found.kind === 'value' && mentions(found.value);
}

function reportDigest(ctx: RuleContext, call: Node, name: string, source: string): void {
  const span = spanOf(call);
  const c = configClassSeverity(ctx, span, 'high');
  const loop = inLoop(call) ? '; repeating it in a loop does not make it a password hash' : '';
  ctx.report({
    span,
    severity: c.severity,
    message: `Password (${source}) hashed with ${name}, a fast digest that GPUs guess billions of times a second${loop}${c.note}.`,
  });
}

function inLoop(node: Node): boolean {
  for (let p = node.parent; p; p = p.parent) {
    const t = p.type;
    if (t === 'for_statement' || t === 'while_statement') return true;
    if (t === 'function_definition' || t === 'class_definition' || t === 'module') return false;
  }
  return false;
}

function checkWerkzeug(ctx: RuleContext, call: Node): void {
  const py = ctx.python;
  if (!py || !isWerkzeugGenerate(call, py)) return;
  const method = argument(callArguments(call), 1, 'method');
  if (!method) return;
  const s = asStr(py.evaluator.evaluate(method));
  if (!s || !isKnown(s)) return;
  const value = joinText(s);
  const lower = value.toLowerCase();
  if (lower.startsWith('pbkdf2') || lower.startsWith('scrypt')) return;
  const span = spanOf(method);
  const c = configClassSeverity(ctx, span, 'high');
  const what =
    lower === 'plain'
      ? 'stores the password as plain text'
      : `is one salted ${value} digest, fast to brute-force (werkzeug 2.3 removed it)`;
  ctx.report({
    span,
    severity: c.severity,
    message: `generate_password_hash(..., method="${value}") ${what}${c.note}.`,
  });
}

function checkCryptContextCalls(ctx: RuleContext): void {
  const py = ctx.python;
  if (!py) return;
  for (const call of py.calls) {
    if (!matchCallee(call, py.imports, CRYPT_CONTEXT)) continue;
    const args = callArguments(call);
    const schemesNode = argument(args, 0, 'schemes');
    if (!schemesNode) continue;
    const schemes = schemeList(py.evaluator.evaluate(schemesNode));
    if (!schemes || schemes.length === 0) continue;
    const defaultNode = args.keywords.get('default');
    const explicitDefault = defaultNode ? schemeList(py.evaluator.evaluate(defaultNode))?.[0]?.name : undefined;
    if (defaultNode && explicitDefault === undefined) continue;
    const def = explicitDefault ?? schemes[0]?.name;
    const deprecatedNode = args.keywords.get('deprecated');
    const deprecated = deprecatedNode ? schemeList(py.evaluator.evaluate(deprecatedNode)) : [];
    if (deprecated === undefined) continue; // built at run time: cannot tell
    const auto = deprecated.some((d) => d.name === 'auto');
    const weakDefault = schemes.find((s) => s.name === def && WEAK_PASSLIB_SCHEMES.has(s.name));
    // Listed, not the default and not deprecated: such hashes verify forever and are never upgraded.
    const lingering = schemes.filter(
      (s) =>
        s !== weakDefault && WEAK_PASSLIB_SCHEMES.has(s.name) && !auto && !deprecated.some((d) => d.name === s.name),
    );
    const first = weakDefault ?? lingering[0];
    if (!first) continue;
    const at =
      first.node && first.node.startIndex >= call.startIndex && first.node.endIndex <= call.endIndex
        ? first.node
        : schemesNode;
    const span = spanOf(at);
    const c = configClassSeverity(ctx, span, weakDefault ? 'high' : 'medium');
    const names = lingering.map((s) => s.name).join(', ');
    const rest =
      lingering.length > 0
        ? ` It also accepts ${names} without deprecating ${lingering.length > 1 ? 'them' : 'it'}.`
        : '';
    ctx.report({
      span,
      severity: c.severity,
      message: weakDefault
        ? `CryptContext hashes new passwords with ${weakDefault.name}, which ${schemeWeakness(weakDefault.name)}${c.note}.${rest}`
        : `CryptContext accepts ${names} (${
            lingering.length > 1 ? 'legacy schemes' : schemeWeakness(names).replace(/^is /, '')
          }) without deprecating ${lingering.length > 1 ? 'them' : 'it'}: such hashes keep verifying and are never upgraded; add deprecated="auto"${c.note}.`,
    });
  }
}

/** `["a", "b"]`, `("a",)` or `"a, b"` → the names, with the node each was written as when known. */
function schemeList(v: PyValue): { name: string; node: Node | undefined }[] | undefined {
  if (v.kind === 'list') {
    if (v.open) return undefined;
    const out: { name: string; node: Node | undefined }[] = [];
    for (const item of v.items) {
      const s = asStr(item.value);
      if (!s || !isKnown(s)) continue; // a handler class object: not a weak name we know
      out.push({ name: joinText(s).trim(), node: item.node });
    }
    return out;
  }
  const s = asStr(v);
  if (!s || !isKnown(s) || v.kind !== 'str') return undefined;
  return joinText(s)
    .split(',')
    .map((x) => ({ name: x.trim(), node: undefined }))
    .filter((x) => x.name !== '');
}
