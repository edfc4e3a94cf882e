import type { Node } from '../../parse/python.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { callArguments } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames, dottedName } from '../../lang/python/imports.js';
import { spanOf } from '../../lang/python/span.js';
import {
  enclosingClassName,
  enclosingFunctionName,
  localUses,
  whereValueGoes,
  type ValueFlow,
} from '../../lang/python/value-flow.js';
import type { Rule } from '../rule.js';
import { mentionsAny } from '../../lang/python/mentions.js';
import { judgeNames, namesSecret, purposeOf } from '../../models/names/purpose-words.js';

const RANDOM_FUNCTIONS = [
  'random',
  'randint',
  'randrange',
  'choice',
  'choices',
  'sample',
  'getrandbits',
  'shuffle',
  'randbytes',
  'uniform',
];
const NUMPY_FUNCTIONS = [
  'rand',
  'randint',
  'random',
  'choice',
  'bytes',
  'random_sample',
  'ranf',
  'permutation',
  'shuffle',
];
const WEAK = new Set([
  ...RANDOM_FUNCTIONS.map((f) => `random.${f}`),
  ...NUMPY_FUNCTIONS.map((f) => `numpy.random.${f}`),
]);
/** Bits straight from the generator: named `key`, they are key material. */
const RAW_BITS = new Set(['random.getrandbits', 'random.randbytes', 'numpy.random.bytes']);

const SAFE_ALTERNATIVE: Readonly<Record<string, string>> = {
  choice: 'secrets.choice()',
  choices: 'secrets.choice() in a loop',
  sample: 'secrets.SystemRandom().sample()',
  shuffle: 'secrets.SystemRandom().shuffle()',
  randint: 'secrets.randbelow()',
  randrange: 'secrets.randbelow()',
  getrandbits: 'secrets.randbits()',
  randbytes: 'secrets.token_bytes()',
};

export const weakRandomness: Rule = {
  meta: {
    id: 'FCG305',
    name: 'weak-randomness',
    family: 'crypto',
    severity: 'high',
    cwe: [330, 338],
    title: 'Predictable random generator used for a secret',
    what: 'A value from Python\'s `random` module (`random()`, `randint`, `randrange`, `choice`, `choices`, `sample`, `getrandbits`, `randbytes`, `shuffle`, `uniform`, also imported by name) or from `numpy.random` that becomes a secret, judged by where the value goes and what it is called: the assignment target (`api_token`, `self.reset_code`, `session["otp"]`), the keyword or dict key, the function that returns it (`def password_reset_code()`), the function it is passed to (`send_otp(...)`), or the literal it is formatted into (`f"/reset?token={...}"`; a label written right before the placeholder, `"SESSIONID=%s"`, outweighs a general name of the text that carries it, such as `content` or `body`). Secret words: token, password/passwd/pwd, passphrase, secret, salt, nonce, IV, CSRF, OTP, PIN, API key, session id, invite, captcha, and `code`/`key`/`link` next to reset, verification, confirmation, activation, login, SMS, e-mail, API, secret or signing. A local variable is followed to its uses in the same function. `random.SystemRandom` is safe and not reported, nor is a module that rebinds `random` to a `SystemRandom()`.',
    why: "`random` is a Mersenne Twister: after 624 outputs (a few dozen tokens) its whole state is known and every past and future value can be computed; even fewer observations narrow it down when it is seeded from the time. Reset codes, API tokens, session ids and invite links made with it can be predicted, and an account taken over without the victim's mailbox (CWE-330, CWE-338). numpy's generators are built for statistics, not secrecy, and are no better.",
    bad: {
      lang: 'python',
      code: 'import random\n\ndef password_reset_code():\n    return "%06d" % random.randint(0, 999999)\n\n\ndef issue_api_token(user):\n    user.api_token = "".join(random.choices(string.ascii_letters + string.digits, k=32))',
    },
    good: {
      lang: 'python',
      code: 'import secrets\n\ndef password_reset_code():\n    return f"{secrets.randbelow(1_000_000):06d}"\n\n\ndef issue_api_token(user):\n    user.api_token = secrets.token_urlsafe(32)',
    },
    fix: 'Use the `secrets` module: `secrets.token_urlsafe(32)` for tokens and links, `secrets.token_hex()`, `secrets.randbelow(10**6)` for numeric codes, `secrets.choice()` to pick characters, `secrets.SystemRandom()` where a `random.Random` interface is needed. Invalidate tokens that were issued by the old code.',
    limits:
      'The purpose is read from names: a secret kept under a neutral name (`x`, `value`) and returned from a neutrally named function is missed, and a value named like a secret but used for something else (a lexer `token`) is reported. Names that say timing, sampling, load balancing or presentation (`delay`, `jitter`, `sample`, `color`, `host`) are never reported. `random.Random(seed)` instances and values passed between functions are not followed. Test files are not checked: random test data is not a weakness.',
    precision: 'high',
    confidence: 'medium',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || ctx.file.role === 'test' || !mentionsAny(ctx.file.text, ['random'])) return;
    const reportedSinks = new Set<number>();
    for (const call of py.calls) {
      const callees = calleeNames(call, py.imports);
      const weak = callees.find((n) => WEAK.has(n));
      // `try: from secrets import randbits / except ImportError: from random import getrandbits as randbits`
      if (!weak || callees.some((n) => n.startsWith('secrets.')) || shadowedBySystemRandom(call, py)) continue;
      const found = secretDestination(call, weak, py);
      if (!found || reportedSinks.has(found.sinkId)) continue;
      reportedSinks.add(found.sinkId);
      const fn = weak.slice(weak.lastIndexOf('.') + 1);
      const alternative = SAFE_ALTERNATIVE[fn] ?? 'the secrets module';
      const span = spanOf(call);
      const c = configClassSeverity(ctx, span, 'high');
      ctx.report({
        span,
        severity: c.severity,
        message: `${weak}() is predictable (not a cryptographic generator) and its value ${found.where}: an attacker who sees a few outputs can compute the rest; use ${alternative}${c.note}.`,
      });
    }
  },
};

interface Found {
  readonly where: string;
  /** Several random calls building one value are one finding. */
  readonly sinkId: number;
}

function secretDestination(call: Node, weak: string, py: PythonIndex): Found | undefined {
  if (weak.endsWith('.shuffle')) {
    // shuffle() works in place: the list it shuffles is the value.
    const target = callArguments(call).positional[0];
    const name = target ? dottedName(target) : undefined;
    if (!name) return undefined;
    const last = name.slice(name.lastIndexOf('.') + 1);
    const purpose = purposeOf(last);
    if (purpose === 'secret') return { where: `shuffles ${last}`, sinkId: call.id };
    if (purpose === 'benign') return undefined;
    const fn = enclosingFunctionName(call);
    if (fn && purposeOf(fn) === 'secret') return { where: `shuffles ${last} in ${fn}()`, sinkId: call.id };
    return undefined;
  }
  // `def _make_boundary(): token = random.randrange(...)`: the function says what the value is.
  const enclosing = enclosingFunctionName(call);
  if (enclosing && purposeOf(enclosing) === 'benign') return undefined;
  const flow = whereValueGoes(call);
  const first = judge(flow, RAW_BITS.has(weak));
  if (first.purpose === 'secret') return { where: first.where, sinkId: flow.sink.node.id };
  if (first.purpose === 'benign') return undefined;
  const sink = flow.sink;
  if (sink.kind !== 'assignment' && sink.kind !== 'discard') return undefined;
  // A neutral local (`n = random.randint(...)`): where does it go next?
  if (sink.target) {
    let benign = false;
    for (const use of localUses(sink.target, py)) {
      const next = judge(whereValueGoes(use), false);
      if (next.purpose === 'secret') {
        return { where: `is kept in ${sink.target.text}, which ${next.where}`, sinkId: sink.node.id };
      }
      if (next.purpose === 'benign') benign = true;
    }
    if (benign) return undefined;
  }
  if (sink.kind !== 'assignment') return undefined;
  // `class Invitation: def __init__(self): self.code = ...`: the class says what the code is.
  const left = sink.node.childForFieldName('left');
  if (left?.type === 'attribute' && left.childForFieldName('object')?.text === 'self') {
    const cls = enclosingClassName(call);
    const field = sink.names[0];
    if (cls && field && purposeOf(`${cls}_${field}`) === 'secret') {
      return { where: `becomes ${cls}.${field}`, sinkId: sink.node.id };
    }
  }
  const fn = enclosingFunctionName(call);
  if (fn && purposeOf(fn) === 'secret') {
    return { where: `is assigned to ${sink.names.join(', ')} in ${fn}()`, sinkId: sink.node.id };
  }
  return undefined;
}

interface Judgement {
  readonly purpose: 'secret' | 'benign' | 'neutral';
  readonly where: string;
}

function judge(flow: ValueFlow, rawBits: boolean): Judgement {
  const sink = flow.sink;
  const neutral: Judgement = { purpose: 'neutral', where: '' };
  switch (sink.kind) {
    case 'index':
    case 'comparison':
    case 'iteration':
      return { purpose: 'benign', where: '' };
    case 'other':
    case 'discard':
      return textJudgement(flow) ?? neutral;
    default:
      break;
  }
  const verdict = judgeNames(sink.names);
  // `content = "...SESSIONID=%s..." % token`: a label written right before the value's place says
  // more than a general name of the text that carries it.
  if (verdict.purpose === 'benign') return labelledJudgement(flow) ?? { purpose: 'benign', where: '' };
  if (verdict.purpose === 'secret') {
    const [keyword, callee] = sink.names;
    if (sink.kind === 'keyword' && verdict.name !== keyword && callee) {
      return { purpose: 'secret', where: `is passed as ${keyword}= to ${callee}()` };
    }
    return { purpose: 'secret', where: describe(sink.kind, verdict.name as string) };
  }
  // Raw random bits kept as `key`: key material.
  if (rawBits && sink.kind === 'assignment' && sink.names.some((n) => /(^|_)key$/i.test(n))) {
    return { purpose: 'secret', where: describe('assignment', sink.names.find((n) => /(^|_)key$/i.test(n)) as string) };
  }
  return textJudgement(flow) ?? neutral;
}

function textJudgement(flow: ValueFlow): Judgement | undefined {
  const text = flow.texts.find((t) => namesSecret(t));
  if (text === undefined) return undefined;
  return { purpose: 'secret', where: `is formatted into "${text.trim().slice(0, 40)}"` };
}

/** `NAME=%s`, `NAME: {}`, `NAME={token}`: a placeholder that a secret's name labels. */
const LABELLED_PLACEHOLDER = /([A-Za-z_][\w-]*)\s*[=:]\s*["']?(?:%s|\{[^{}]*\})/g;

function labelledJudgement(flow: ValueFlow): Judgement | undefined {
  for (const text of flow.texts) {
    for (const m of text.matchAll(LABELLED_PLACEHOLDER)) {
      const label = m[1] as string;
      if (namesSecret(label)) return { purpose: 'secret', where: `is formatted into "${label}=..."` };
    }
  }
  return undefined;
}

function describe(kind: string, name: string): string {
  switch (kind) {
    case 'return':
      return `is returned by ${name}()`;
    case 'keyword':
      return `is passed as ${name}=`;
    case 'pair':
      return `is stored under "${name}"`;
    case 'argument':
      return `is passed to ${name}()`;
    default:
      return `becomes ${name}`;
  }
}

/** `random = random.SystemRandom()` (or `from random import SystemRandom as ...`) makes the calls safe. */
function shadowedBySystemRandom(call: Node, py: PythonIndex): boolean {
  const fn = call.childForFieldName('function');
  if (!fn) return false;
  const written = dottedName(fn);
  if (!written) return false;
  const head = written.split('.')[0] as string;
  for (const binding of py.scopes.bindingsOf(head, call)) {
    if (binding.kind !== 'value' || binding.value.type !== 'call') continue;
    if (calleeNames(binding.value, py.imports).some((n) => n === 'random.SystemRandom' || n.endsWith('SystemRandom')))
      return true;
  }
  return false;
}
