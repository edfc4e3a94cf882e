import { COSTLY, spend } from '../../core/budget.js';
import type { Node } from '../../parse/python.js';
import {
  algorithmNames,
  algorithmsArgument,
  optionOff,
  optionsOf,
  signatureOff,
  verifyFalse,
  within,
  type JwtCall,
} from '../../models/jwt/calls.js';
import { spanBetween, spanOf } from '../../lang/python/span.js';
import type { Rule, RuleContext } from '../rule.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { Decision, DecideContext } from '../rule.js';
import { importedOptionsOff, importedOptionsRef } from '../../models/jwt/options-summary.js';
import { unverifiedClaimsCalls } from '../../models/jwt/claims-calls.js';

export const jwtNotVerified: Rule = {
  meta: {
    id: 'FCG408',
    name: 'jwt-not-verified',
    family: 'auth',
    severity: 'critical',
    cwe: [347],
    title: 'JWT decoded without verifying its signature',
    what: 'A PyJWT or python-jose `jwt.decode(...)` (also `jwt.decode_complete`) whose signature check is off: `options={"verify_signature": False}` (PyJWT 2, python-jose), `verify=False` (PyJWT 1.x, by keyword or third argument), or `"none"` (any case) among `algorithms=[...]`. The options dict and the algorithm list are followed through module constants and local variables, `dict(...)`, and writes made to a local options dict before the call (`opts["verify_signature"] = False`, `opts.update(...)`, also under a condition); an options constant imported from another module of the project (`options=settings.JWT_OPTIONS`, a config class attribute, through package re-exports) is read in that module. python-jose `jwt.get_unverified_claims(token)` is reported too: it returns the claims with no signature check. When the same function decodes the token again with the signature checked (reading the issuer or key id first, then verifying), the finding is lowered to medium.',
    why: 'Without the signature check the claims are whatever the sender wrote: anyone can mint a token with `"sub": "admin"` or any user id and the application believes it (CWE-347). With `"none"` accepted, an attacker strips the signature and sets `alg` to `none`.',
    bad: {
      lang: 'python',
      code: 'import jwt\n\ndef read_partner_token(token):\n    """Partner banks sign with their own keys; we only need the claims."""\n    return jwt.decode(token, options={"verify_signature": False})',
    },
    good: {
      lang: 'python',
      code: 'import jwt\n\nPARTNER_KEYS = jwt.PyJWKClient("https://partners.example.com/.well-known/jwks.json")\n\ndef read_partner_token(token):\n    key = PARTNER_KEYS.get_signing_key_from_jwt(token)\n    return jwt.decode(token, key.key, algorithms=["RS256"], audience="ledger")',
    },
    fix: 'Decode with the issuer\'s key and a pinned list of algorithms: `jwt.decode(token, key, algorithms=["RS256"])`. For third-party tokens fetch their public keys (PyJWT\'s `PyJWKClient`). Never put `"none"` in `algorithms`. If the claims are only needed to choose the key, read them unverified and then decode again with the signature checked before using anything in them.',
    limits:
      'Only PyJWT and python-jose module-level calls are recognised (`jwt.decode`, `from jose import jwt`, however aliased); a `PyJWT()` or `PyJWS()` instance and Flask-JWT-Extended internals are not (Authlib always checks the signature). Options read from a config object or the environment, written through another name or in another function, or merged from an imported dict (`{**BASE, ...}`) are not seen; a value computed at run time (`not debug`) is not known to be False. `jwt.get_unverified_header(token)` alone is not reported: reading the key id before verifying is normal.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !ctx.models) return;
    const decodes = ctx.models.jwt.calls.filter((j) => j.op === 'decode');
    for (const j of decodes) {
      const options = optionsOf(j, py);
      const off = optionOff(options, 'verify_signature');
      const verify = verifyFalse(j, py);
      if (off || verify) {
        const at = off
          ? off.keyNode && within(off.keyNode, j.call)
            ? spanBetween(off.keyNode, off.valueNode)
            : spanOf(j.args.keywordNodes.get('options') ?? j.call)
          : spanOf(verify as Node);
        const what = off ? '`verify_signature: False`' : '`verify=False`';
        report(ctx, j.call, decodes, at, `${j.written}() with ${what}: the token's signature is never checked`);
        continue;
      }
      const ref = importedOptionsRef(j, py);
      if (ref) {
        // Options imported from a settings module: the project phase reads the constant there.
        const at = spanOf(j.args.keywordNodes.get('options') ?? j.call);
        const what = `${j.written}() with \`verify_signature: False\` in ${ref}: the token's signature is never checked`;
        report(ctx, j.call, decodes, at, what, { ref });
      }
      const algs = algorithmsArgument(j);
      if (!algs) continue;
      for (const a of algorithmNames(py.evaluator.evaluate(algs))) {
        if (a.name.toLowerCase() !== 'none') continue;
        const at = a.node && within(a.node, j.call) ? spanOf(a.node) : spanOf(algs);
        report(
          ctx,
          j.call,
          decodes,
          at,
          `${j.written}() accepts algorithm "${a.name}": a token with no signature at all passes`,
        );
      }
    }
    // python-jose hands the claims over without looking at the signature.
    for (const call of unverifiedClaimsCalls(py)) {
      const written = call.childForFieldName('function')?.text ?? 'get_unverified_claims';
      report(ctx, call, decodes, spanOf(call), `${written}() reads the claims without checking the token's signature`);
    }
  },
  decide: decideImportedOptions,
};

/** Keeps a decode whose imported options constant turns `verify_signature` off in its module. */
function decideImportedOptions(question: unknown, ctx: DecideContext): Decision {
  const { ref } = question as { readonly ref: string };
  return importedOptionsOff(ref, ctx)?.includes('verify_signature') === true;
}

function report(
  ctx: RuleContext,
  call: Node,
  decodes: readonly JwtCall[],
  span: ReturnType<typeof spanOf>,
  what: string,
  pending?: { readonly ref: string },
): void {
  const verifiedLater = verifiedInSameFunction(ctx, call, decodes);
  const c = configClassSeverity(ctx, span, verifiedLater ? 'medium' : 'critical');
  ctx.report({
    span,
    severity: c.severity,
    ...(pending ? { pending } : {}),
    message: `${what}; anyone can forge its claims${
      verifiedLater ? ' (lowered to medium: the same function also decodes with the signature checked)' : ''
    }${c.note}.`,
  });
}

/** Another decode in the same function checks the signature (claims read first to pick the key). */
function verifiedInSameFunction(ctx: RuleContext, call: Node, decodes: readonly JwtCall[]): boolean {
  const py = ctx.python;
  if (!py) return false;
  let fn: Node | null = call.parent;
  while (fn && fn.type !== 'function_definition') {
    spend(COSTLY);
    fn = fn.parent;
  }
  if (!fn) return false;
  const body = fn;
  return decodes.some(
    (other) =>
      other.call.id !== call.id &&
      within(other.call, body) &&
      !signatureOff(other, py) &&
      importedOptionsRef(other, py) === undefined &&
      algorithmsArgument(other) !== undefined &&
      !algorithmNames(py.evaluator.evaluate(algorithmsArgument(other) as Node)).some(
        (a) => a.name.toLowerCase() === 'none',
      ),
  );
}
