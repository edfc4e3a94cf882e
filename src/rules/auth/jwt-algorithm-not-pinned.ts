import type { Node } from '../../parse/python.js';
import { unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { algorithmsArgument, signatureOff } from '../../models/jwt/calls.js';
import { spanOf } from '../../lang/python/span.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { Rule } from '../rule.js';
import { configClassSeverity } from '../../models/context/severity-policy.js';
import { Decision, DecideContext } from '../rule.js';
import { importedOptionsOff, importedOptionsRef } from '../../models/jwt/options-summary.js';

export const jwtAlgorithmNotPinned: Rule = {
  meta: {
    id: 'FCG409',
    name: 'jwt-algorithm-not-pinned',
    family: 'auth',
    severity: 'medium',
    cwe: [347, 327],
    title: 'JWT decoded without pinning the accepted algorithms',
    what: 'A PyJWT or python-jose `jwt.decode(token, key)` with no `algorithms=` (or `algorithms=None`), and one whose `algorithms` are taken from the token itself (`algorithms=[header["alg"]]` after `jwt.get_unverified_header(token)`). Decodes that skip the signature check altogether are FCG408 `jwt-not-verified`, not this rule: that includes options turned off by writes to a local dict before the call, and an options constant imported from another module of the project, read there.',
    why: "The token names its own algorithm in its header. PyJWT 1.x and python-jose then verify with whatever the token asks for: a token signed with HS256 using the server's RSA *public* key as the HMAC secret passes (algorithm confusion), and PyJWT 1.x also accepts `alg: none` when the key is empty (CWE-347, CWE-327). PyJWT 2 refuses to decode without `algorithms`, so the call is also a crash waiting for the upgrade.",
    bad: {
      lang: 'python',
      code: 'import jwt\nfrom flask import current_app\n\ndef read_access_token(token):\n    return jwt.decode(token, current_app.config["JWT_SECRET_KEY"])',
    },
    good: {
      lang: 'python',
      code: 'import jwt\nfrom flask import current_app\n\ndef read_access_token(token):\n    return jwt.decode(token, current_app.config["JWT_SECRET_KEY"], algorithms=["HS256"])',
    },
    fix: 'Pass the one algorithm your issuer uses: `algorithms=["HS256"]` for a shared secret, `["RS256"]` or `["ES256"]` for a key pair. Never build the list from the token\'s header.',
    limits:
      'Only PyJWT and python-jose module-level calls are recognised. `algorithms` given through a variable counts as pinned, whatever it holds at run time (unless it is read from the unverified header in the same function). Calls that pass `**kwargs` may carry `algorithms` and are not reported.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !ctx.models) return;
    for (const j of ctx.models.jwt.calls) {
      if (j.op !== 'decode' || j.args.doubleSplats.length > 0 || j.args.listSplat) continue;
      if (signatureOff(j, py)) continue;
      const algs = algorithmsArgument(j);
      let message: string | undefined;
      let at = j.call;
      if (!algs || unparenthesize(algs).type === 'none') {
        message = `${j.written}() without \`algorithms=\`: the token's own header picks the algorithm (HS256 signed with the public key, or "none" on PyJWT 1.x)`;
      } else {
        const fromHeader = headerAlgorithm(algs, py);
        if (fromHeader) {
          at = fromHeader;
          message = `${j.written}() takes its algorithms from the token's unverified header: the sender chooses how the token is checked`;
        }
      }
      if (!message) continue;
      const span = spanOf(at);
      const c = configClassSeverity(ctx, span, 'medium');
      // Options imported from a settings module may turn the signature off (FCG408's finding then).
      const ref = importedOptionsRef(j, py);
      ctx.report({ span, severity: c.severity, message: `${message}${c.note}.`, ...(ref ? { pending: { ref } } : {}) });
    }
  },
  decide: keepUnlessSignatureOff,
};

/** `[header["alg"]]`, `header.get("alg")`, or a name bound to one of them. */
function headerAlgorithm(node: Node, py: PythonIndex, depth = 0): Node | undefined {
  if (depth > 4) return undefined;
  const n = unparenthesize(node);
  if (n.type === 'list' || n.type === 'tuple') {
    for (const item of n.namedChildren) {
      const hit = headerAlgorithm(item, py, depth + 1);
      if (hit) return hit;
    }
    return undefined;
  }
  if (n.type === 'identifier') {
    const found = py.scopes.lookup(n);
    return found.kind === 'value' && headerAlgorithm(found.value, py, depth + 1) ? n : undefined;
  }
  if (n.type === 'subscript') {
    const key = n.childForFieldName('subscript');
    return key && constantStringValue(key) === 'alg' ? n : undefined;
  }
  if (n.type === 'call') {
    const fn = n.childForFieldName('function');
    const first = n.childForFieldName('arguments')?.namedChildren[0];
    if (fn?.type === 'attribute' && fn.childForFieldName('attribute')?.text === 'get' && first) {
      return constantStringValue(first) === 'alg' ? n : undefined;
    }
  }
  return undefined;
}

/** Drops the finding when the imported options turn the signature check off: FCG408 reports it. */
function keepUnlessSignatureOff(question: unknown, ctx: DecideContext): Decision {
  const { ref } = question as { readonly ref: string };
  return importedOptionsOff(ref, ctx)?.includes('verify_signature') !== true;
}
