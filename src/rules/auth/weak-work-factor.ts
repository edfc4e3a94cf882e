import type { Node } from '../../parse/python.js';
import { argument, callArguments, unparenthesize, type CallArgs } from '../../lang/python/args.js';
import { inNonProductionClass } from '../../models/context/config-class.js';
import { numberOf } from '../../lang/python/durations.js';
import { asStr, isKnown, joinText } from '../../lang/python/evaluate.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { settingWrites } from '../../models/flask/setting-writes.js';
import { spanOf } from '../../lang/python/span.js';
import { projectSetsPasslibOptions } from '../../models/passwords/project.js';
import type { Rule, RuleContext } from '../rule.js';
import { CRYPT_CONTEXT, isWerkzeugGenerate, passlibScheme } from '../../models/passwords/hashing.js';
import {
  ARGON2_DEFAULT_MEMORY,
  ARGON2_DEFAULT_TIME,
  argon2Acceptable,
  BCRYPT_MIN_COST,
  namesARandomToken,
  pbkdf2Minimum,
  SCRYPT_MIN_N,
} from '../../models/passwords/work-factor.js';

const BCRYPT_SETTINGS = new Set(['BCRYPT_LOG_ROUNDS']);
const FLASK_SECURITY_HASH = new Set(['SECURITY_PASSWORD_HASH']);
/** passlib 1.7's default rounds for the PBKDF2 schemes Flask-Security accepts. */
const PASSLIB_PBKDF2_DEFAULT_ROUNDS: Readonly<Record<string, number>> = {
  pbkdf2_sha1: 131000,
  pbkdf2_sha256: 29000,
  pbkdf2_sha512: 25000,
};
/** The question FCG403 leaves for a Flask-Security PBKDF2 scheme: are its rounds set anywhere? */
const PASSLIB_OPTIONS_QUESTION = { kind: 'passlib-options' };

/** Calls by full name → how to judge them. */
type Check = (ctx: RuleContext, py: PythonIndex, call: Node, args: CallArgs) => void;

// A constant table, filled once when the module loads and only read after.
const CHECKS = new Map<string, Check>();
const on = (names: readonly string[], check: Check): void => names.forEach((n) => CHECKS.set(n, check));

on(['bcrypt.gensalt'], (ctx, py, call, args) => {
  const rounds = argument(args, 0, 'rounds');
  if (rounds) bcryptCost(ctx, py, rounds, 'bcrypt.gensalt()');
});
on(['hashlib.pbkdf2_hmac'], (ctx, py, call, args) => {
  const input = argument(args, 1, 'password');
  if (isProbe(input) || (input && namesARandomToken(input))) return;
  const iterations = argument(args, 3, 'iterations');
  if (iterations) pbkdf2(ctx, py, iterations, stringOf(argument(args, 0, 'hash_name'), py), 'hashlib.pbkdf2_hmac()');
});
on(['cryptography.hazmat.primitives.kdf.pbkdf2.PBKDF2HMAC'], (ctx, py, call, args) => {
  const iterations = argument(args, 3, 'iterations');
  const algorithm = argument(args, 0, 'algorithm');
  if (iterations) pbkdf2(ctx, py, iterations, algorithm ? hashClassName(algorithm) : undefined, 'PBKDF2HMAC()');
});
on(['Crypto.Protocol.KDF.PBKDF2', 'Cryptodome.Protocol.KDF.PBKDF2'], (ctx, py, call, args) => {
  const input = argument(args, 0, 'password');
  if (isProbe(input) || (input && namesARandomToken(input))) return;
  const count = argument(args, 3, 'count');
  const module = args.keywords.get('hmac_hash_module');
  // Without prf or hmac_hash_module PyCryptodome uses HMAC-SHA1.
  const hash = module ? hashClassName(module) : args.keywords.has('prf') ? undefined : 'sha1';
  if (count) pbkdf2(ctx, py, count, hash, 'PBKDF2()');
  else if (!args.listSplat && args.doubleSplats.length === 0) {
    report(ctx, call, "PBKDF2() without count= runs 1,000 iterations (PyCryptodome's default)", pbkdf2Minimum(hash));
  }
});
on(['hashlib.scrypt'], (ctx, py, call, args) => {
  if (isProbe(argument(args, 0, 'password'))) return;
  const n = args.keywords.get('n');
  if (n) scryptN(ctx, py, n, 'hashlib.scrypt()');
});
on(['cryptography.hazmat.primitives.kdf.scrypt.Scrypt'], (ctx, py, call, args) => {
  const n = argument(args, 2, 'n');
  if (n) scryptN(ctx, py, n, 'Scrypt()');
});
on(['Crypto.Protocol.KDF.scrypt', 'Cryptodome.Protocol.KDF.scrypt'], (ctx, py, call, args) => {
  if (isProbe(argument(args, 0, 'password'))) return;
  const n = argument(args, 3, 'N');
  if (n) scryptN(ctx, py, n, 'scrypt()');
});
on(['argon2.PasswordHasher'], (ctx, py, call, args) => {
  argon2(ctx, py, call, argument(args, 0, 'time_cost'), argument(args, 1, 'memory_cost'));
});
on(['argon2.hash_password', 'argon2.hash_password_raw'], (ctx, py, call, args) => {
  argon2(ctx, py, call, argument(args, 2, 'time_cost'), argument(args, 3, 'memory_cost'));
});
on(['argon2.low_level.hash_secret', 'argon2.low_level.hash_secret_raw'], (ctx, py, call, args) => {
  argon2(ctx, py, call, argument(args, 2, 'time_cost'), argument(args, 3, 'memory_cost'));
});

/**
 * A literal password (`pbkdf2_hmac("md5", b"p", b"s", 1)`) is a feature probe or a test vector:
 * nobody's password goes through that call.
 */
function isProbe(password: Node | undefined): boolean {
  const t = password ? unparenthesize(password).type : undefined;
  return t === 'string' || t === 'concatenated_string';
}

// A cheap first look at the raw text: a file that never names a password-hashing API or setting
// cannot hold this finding, and most files do not, so they skip the tree walk.
const MENTIONS = /bcrypt|gensalt|ROUNDS|pbkdf2|scrypt|argon2|PasswordHasher|iterations|CryptContext|password_hash/i;

export const weakWorkFactor: Rule = {
  meta: {
    id: 'FCG403',
    name: 'weak-work-factor',
    family: 'auth',
    severity: 'low',
    cwe: [916],
    title: 'Password hash with a work factor below current guidance',
    what: [
      'A password hashing function configured cheaper than the OWASP Password Storage Cheat Sheet (2023) minimums, from literal numbers or module constants:',
      '- bcrypt cost below 10: `bcrypt.gensalt(8)`/`gensalt(rounds=8)`, Flask-Bcrypt `BCRYPT_LOG_ROUNDS` (every config form) and `generate_password_hash(pw, rounds)`, passlib `bcrypt.using(rounds=...)`, `CryptContext(bcrypt__rounds=...)`;',
      '- PBKDF2 below 1,300,000 iterations for SHA-1, 600,000 for SHA-256 (and other hashes), 210,000 for SHA-512: `hashlib.pbkdf2_hmac(name, pw, salt, iterations)` (not when its input is named a token or API key and nowhere a password: a random value is not made stronger by stretching), cryptography `PBKDF2HMAC(iterations=...)`, PyCryptodome `PBKDF2(count=...)` (its default is 1,000), werkzeug `method="pbkdf2:sha256:1000"`, passlib `pbkdf2_sha256.using(rounds=...)`;',
      '- scrypt N below 2^14: `hashlib.scrypt(n=...)`, cryptography `Scrypt(n=...)`, PyCryptodome `scrypt(N=...)`, werkzeug `method="scrypt:4096:8:1"`, passlib `scrypt.using(rounds=...)` (log2 N);',
      '- Flask-Security `SECURITY_PASSWORD_HASH = "pbkdf2_sha512"` (or `pbkdf2_sha256`, `pbkdf2_sha1`) when no module of the project sets `SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS`: passlib\'s default rounds apply (25,000, 29,000 and 131,000);',
      '- Argon2 below every OWASP row (m=47104 KiB/t=1, 19456/2, 12288/3, 9216/4, 7168/5): argon2-cffi `PasswordHasher(time_cost=..., memory_cost=...)` (arguments not given take the library defaults, t=3 and m=65536), `argon2.low_level.hash_secret(...)`.',
    ].join('\n'),
    why: 'The work factor is what makes each guess of an offline attack expensive. Each step below the guidance makes cracking a leaked hash table proportionally cheaper: bcrypt cost 8 is four times faster to attack than 10, PBKDF2 with 1,000 iterations six hundred times faster than 600,000 (CWE-916).',
    bad: {
      lang: 'python',
      code: 'def hash_password(password):\n    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=6))',
    },
    good: {
      lang: 'python',
      code: 'def hash_password(password):\n    return bcrypt.hashpw(password.encode(), bcrypt.gensalt(rounds=12))',
    },
    fix: 'Use at least the OWASP minimums (https://cheatsheetseries.owasp.org/cheatsheets/Password_Storage_Cheat_Sheet.html): bcrypt cost 10 or more (12 is common), PBKDF2-HMAC-SHA256 600,000 iterations, scrypt N=2^17 with r=8, p=1, Argon2id m=19456 KiB and t=2. Rehash existing hashes on the next login. Low costs for a test suite belong in the testing config only.',
    limits:
      "Only numbers written in the file (literals, arithmetic such as `2**14`, module constants) are judged; a cost read from configuration or the environment is not. Flask-Security's `SECURITY_PASSWORD_HASH` set to `pbkdf2_sha1`, `pbkdf2_sha256` or `pbkdf2_sha512` is reported unless some Python module of the project names `SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS` or `SECURITY_PASSWORD_HASH_OPTIONS` (whatever rounds it sets there: those options are not read); options supplied only through an environment variable or a non-Python config file are not seen, and the defaults assumed are passlib 1.7's. Settings inside a TestingConfig/DevelopmentConfig class are reported with a note (low costs there are a common way to keep tests fast). The figures follow OWASP's 2023 table and will need raising as hardware gets faster.",
    precision: 'very-high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !MENTIONS.test(ctx.file.text)) return;
    for (const call of py.calls) {
      const names = calleeNames(call, py.imports);
      let handled = false;
      for (const name of names) {
        const check = CHECKS.get(name);
        if (!check) continue;
        check(ctx, py, call, callArguments(call));
        handled = true;
        break;
      }
      if (handled) continue;
      if (isWerkzeugGenerate(call, py)) werkzeugMethod(ctx, py, call);
      else if (names.some((n) => n.endsWith('generate_password_hash'))) flaskBcrypt(ctx, py, call);
      else if (names.some((n) => CRYPT_CONTEXT.has(n))) cryptContext(ctx, py, call);
      else passlibUsing(ctx, py, call);
    }
    for (const w of settingWrites(py, BCRYPT_SETTINGS)) bcryptCost(ctx, py, w.value, w.key);
    for (const w of settingWrites(py, FLASK_SECURITY_HASH)) flaskSecurityScheme(ctx, py, w.value);
  },
  decide(question, { index }) {
    // A Flask-Security PBKDF2 scheme: kept only when no module sets the passlib options.
    if ((question as { kind?: string }).kind === 'passlib-options') return !projectSetsPasslibOptions(index);
    return true;
  },
};

/**
 * Flask-Security `SECURITY_PASSWORD_HASH = "pbkdf2_sha512"`: the rounds come from
 * `SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS` (or the older `SECURITY_PASSWORD_HASH_OPTIONS`), else
 * passlib's defaults, all below the minimums. Whether another module sets them is phase 2's question.
 */
function flaskSecurityScheme(ctx: RuleContext, py: PythonIndex, value: Node): void {
  const scheme = stringOf(value, py);
  const rounds = scheme !== undefined ? PASSLIB_PBKDF2_DEFAULT_ROUNDS[scheme] : undefined;
  if (scheme === undefined || rounds === undefined) return;
  const hash = scheme.slice('pbkdf2_'.length);
  report(
    ctx,
    value,
    `SECURITY_PASSWORD_HASH = "${scheme}" with no SECURITY_PASSWORD_HASH_PASSLIB_OPTIONS in the project leaves Flask-Security on passlib's default of ${rounds.toLocaleString('en-US')} PBKDF2-HMAC-${hash.toUpperCase()} iterations`,
    pbkdf2Minimum(hash),
    PASSLIB_OPTIONS_QUESTION,
  );
}

function report(
  ctx: RuleContext,
  at: Node,
  what: string,
  minimum: number | string,
  pending?: { readonly kind: string },
): void {
  const span = spanOf(at);
  const dev = ctx.python !== undefined && inNonProductionClass(ctx.python, span);
  ctx.report({
    span,
    message: `${what}; OWASP's minimum is ${typeof minimum === 'number' ? minimum.toLocaleString('en-US') : minimum}${
      dev ? ' (in a development/testing config class: fine for tests, never for production)' : ''
    }.`,
    ...(pending ? { pending } : {}),
  });
}

function bcryptCost(ctx: RuleContext, py: PythonIndex, node: Node, what: string): void {
  const cost = numberOf(node, py);
  if (cost === undefined || cost >= BCRYPT_MIN_COST) return;
  report(ctx, node, `${what} sets bcrypt cost ${cost}`, BCRYPT_MIN_COST);
}

function pbkdf2(ctx: RuleContext, py: PythonIndex, node: Node, hash: string | undefined, what: string): void {
  const iterations = numberOf(node, py);
  const minimum = pbkdf2Minimum(hash);
  if (iterations === undefined || iterations >= minimum) return;
  report(
    ctx,
    node,
    `${what} runs PBKDF2${hash ? `-HMAC-${hash.toUpperCase()}` : ''} with ${iterations.toLocaleString('en-US')} iterations`,
    minimum,
  );
}

function scryptN(ctx: RuleContext, py: PythonIndex, node: Node, what: string): void {
  const n = numberOf(node, py);
  if (n === undefined || n >= SCRYPT_MIN_N) return;
  report(ctx, node, `${what} uses scrypt N=${n}`, 'N=2^14 (16,384)');
}

function argon2(
  ctx: RuleContext,
  py: PythonIndex,
  call: Node,
  timeNode: Node | undefined,
  memoryNode: Node | undefined,
): void {
  const time = timeNode ? numberOf(timeNode, py) : ARGON2_DEFAULT_TIME;
  const memory = memoryNode ? numberOf(memoryNode, py) : ARGON2_DEFAULT_MEMORY;
  if (time === undefined || memory === undefined || argon2Acceptable(memory, time)) return;
  report(
    ctx,
    timeNode && memoryNode ? call : (memoryNode ?? timeNode ?? call),
    `Argon2 with time_cost=${time} and memory_cost=${memory} KiB`,
    'm=19456 KiB with t=2 (or an equivalent row)',
  );
}

/**
 * Flask-Bcrypt's `bcrypt.generate_password_hash(pw, rounds)`, usually on a `Bcrypt(app)` instance.
 * werkzeug's function of the same name takes a method string second, which is never a number.
 */
function flaskBcrypt(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const rounds = argument(callArguments(call), 1, 'rounds');
  if (rounds) bcryptCost(ctx, py, rounds, 'generate_password_hash()');
}

/** werkzeug `method="pbkdf2:sha256:1000"` or `"scrypt:4096:8:1"`. */
function werkzeugMethod(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const method = argument(callArguments(call), 1, 'method');
  const value = method ? stringOf(method, py) : undefined;
  if (!method || !value) return;
  const parts = value.split(':');
  if (parts[0] === 'pbkdf2' && parts[2] !== undefined) {
    const iterations = Number(parts[2]);
    const hash = parts[1] || 'sha256';
    const minimum = pbkdf2Minimum(hash);
    if (Number.isFinite(iterations) && iterations < minimum) {
      report(
        ctx,
        method,
        `generate_password_hash(method="${value}") runs PBKDF2-HMAC-${hash.toUpperCase()} with ${iterations.toLocaleString('en-US')} iterations`,
        minimum,
      );
    }
  } else if (parts[0] === 'scrypt' && parts[1] !== undefined) {
    const n = Number(parts[1]);
    if (Number.isFinite(n) && n < SCRYPT_MIN_N) {
      report(ctx, method, `generate_password_hash(method="${value}") uses scrypt N=${n}`, 'N=2^14 (16,384)');
    }
  }
}

/** passlib `bcrypt.using(rounds=4)`, `pbkdf2_sha256.hash(pw, rounds=1000)`. */
function passlibUsing(ctx: RuleContext, py: PythonIndex, call: Node): void {
  const fn = call.childForFieldName('function');
  if (fn?.type !== 'attribute') return;
  const method = fn.childForFieldName('attribute')?.text ?? '';
  if (method !== 'using' && method !== 'hash' && method !== 'encrypt') return;
  const object = fn.childForFieldName('object');
  const scheme = object ? passlibScheme(object, py) : undefined;
  if (!scheme) return;
  const args = callArguments(call);
  passlibSetting(
    ctx,
    py,
    scheme,
    'rounds',
    args.keywords.get('rounds') ?? args.keywords.get('default_rounds'),
    `${scheme}.${method}()`,
  );
  if (scheme === 'argon2') {
    const memory = args.keywords.get('memory_cost');
    if (memory) passlibSetting(ctx, py, scheme, 'memory_cost', memory, `${scheme}.${method}()`);
  }
}

/** `CryptContext(schemes=[...], bcrypt__rounds=4, pbkdf2_sha256__default_rounds=1000)`. */
function cryptContext(ctx: RuleContext, py: PythonIndex, call: Node): void {
  for (const [key, value] of callArguments(call).keywords) {
    const m = /^(\w+?)__(default_rounds|rounds|memory_cost)$/.exec(key);
    if (!m) continue;
    const setting = m[2] === 'memory_cost' ? 'memory_cost' : 'rounds';
    passlibSetting(ctx, py, m[1] as string, setting, value, `CryptContext(${key}=...)`);
  }
}

function passlibSetting(
  ctx: RuleContext,
  py: PythonIndex,
  scheme: string,
  setting: 'rounds' | 'memory_cost',
  node: Node | undefined,
  what: string,
): void {
  if (!node) return;
  const v = numberOf(node, py);
  if (v === undefined) return;
  if (setting === 'memory_cost') {
    if (scheme === 'argon2' && !argon2Acceptable(v, 1)) {
      report(ctx, node, `${what} sets Argon2 memory_cost=${v} KiB`, '47,104 KiB at t=1, 19,456 KiB at t=2');
    }
    return;
  }
  if (scheme === 'bcrypt' || scheme === 'bcrypt_sha256') {
    if (v < BCRYPT_MIN_COST) report(ctx, node, `${what} sets bcrypt cost ${v}`, BCRYPT_MIN_COST);
  } else if (scheme.startsWith('pbkdf2_')) {
    const hash = scheme.slice('pbkdf2_'.length);
    const minimum = pbkdf2Minimum(hash);
    if (v < minimum) {
      report(
        ctx,
        node,
        `${what} runs PBKDF2-HMAC-${hash.toUpperCase()} with ${v.toLocaleString('en-US')} iterations`,
        minimum,
      );
    }
  } else if (scheme === 'scrypt') {
    if (2 ** v < SCRYPT_MIN_N) report(ctx, node, `${what} uses scrypt N=2^${v}`, 'N=2^14 (16,384)');
  } else if (scheme === 'argon2') {
    if (!argon2Acceptable(ARGON2_DEFAULT_MEMORY, v))
      report(ctx, node, `${what} sets Argon2 time_cost=${v}`, 'an OWASP row');
  }
}

function stringOf(node: Node | undefined, py: PythonIndex): string | undefined {
  if (!node) return undefined;
  const s = asStr(py.evaluator.evaluate(node));
  return s && isKnown(s) ? joinText(s) : undefined;
}

/** `hashes.SHA256()` or `SHA512` (a PyCryptodome module) → `sha256`. */
function hashClassName(node: Node): string | undefined {
  let n = unparenthesize(node);
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    if (!fn) return undefined;
    n = fn;
  }
  const last = n.text.slice(n.text.lastIndexOf('.') + 1).toLowerCase();
  return /^sha(1|224|256|384|512)$/.test(last) ? last : undefined;
}
