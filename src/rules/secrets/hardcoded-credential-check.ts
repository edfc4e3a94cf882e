import { isPlaceholder } from '../../core/placeholder.js';
import { fileRoleSeverity } from '../../models/context/severity-policy.js';
import type { Node } from '../../parse/python.js';
import { callArguments, unparenthesize } from '../../lang/python/args.js';
import type { PythonIndex } from '../../lang/python/file-index.js';
import { calleeNames } from '../../lang/python/imports.js';
import { spanOf } from '../../lang/python/span.js';
import { constantStringValue } from '../../lang/python/strings.js';
import type { Rule, RuleContext } from '../rule.js';
import { secretName } from '../../models/names/secret-names.js';

const COMPARE_DIGEST = new Set(['hmac.compare_digest', 'secrets.compare_digest']);
/** How far a request value is followed back through local names (`key = request.get_json()`). */
const MAX_HOPS = 4;

export const hardcodedCredentialCheck: Rule = {
  meta: {
    id: 'FCG208',
    name: 'hardcoded-credential-check',
    family: 'secrets',
    severity: 'high',
    cwe: [798, 259],
    title: 'Request checked against a password, token or key written in the source',
    what: 'A value from the request (`request.headers["X-API-Key"]`, `request.args.get("token")`, `request.get_json()["key"]`, also through local variables) compared with `==`, `!=`, `hmac.compare_digest()` or `secrets.compare_digest()` to a string literal, directly or through a module constant, when either side is named for a secret (`SECRET`, `API_KEY`, `ADMIN_PASSWORD`, `token`, `X-API-Key`). The finding points at the literal.',
    why: 'A shared secret in the source is known to everyone who can read the repository, its forks and its history, is the same in every deployment, and cannot be rotated without a release: whoever has read access can pass the check (CWE-798, CWE-259). Checks like these often guard administrative endpoints (`/initialize_db`, `/admin/reset`).',
    bad: {
      lang: 'python',
      code: 'ADMIN_TOKEN = "let-me-in-2024"\n\n@app.post("/admin/reset")\ndef reset():\n    if request.headers.get("X-Admin-Token") != ADMIN_TOKEN:\n        abort(403)\n    db.drop_all()',
    },
    good: {
      lang: 'python',
      code: 'ADMIN_TOKEN = os.environ["ADMIN_TOKEN"]\n\n@app.post("/admin/reset")\ndef reset():\n    sent = request.headers.get("X-Admin-Token", "")\n    if not hmac.compare_digest(sent, ADMIN_TOKEN):\n        abort(403)\n    db.drop_all()',
    },
    fix: 'Read the secret from the environment or a secret manager at start-up (and refuse to start without it), compare with `hmac.compare_digest`, rotate the value that was committed, and prefer real authentication (a signed-in user with a role) for administrative endpoints.',
    limits:
      'Only comparisons in the same file, with the request value reached through at most a few local assignments; a secret held in another module or a helper that does the comparison is not followed. Placeholders (`changeme`, empty strings) are not reported. In test files the finding is lowered to low. The value is never printed.',
    precision: 'high',
    confidence: 'high',
  },
  check(ctx) {
    const py = ctx.python;
    if (!py || !py.doc.text.includes('request')) return;
    const reported = new Set<number>();
    for (const [a, b] of comparedPairs(py)) {
      for (const [constant, input] of [
        [a, b],
        [b, a],
      ] as const) {
        const literal = literalBehind(constant, py);
        if (!literal || reported.has(literal.node.id) || !fromRequest(input, py, 0)) continue;
        if (!secretName(nameOf(constant) ?? '') && !secretName(nameOf(input) ?? '')) continue;
        reported.add(literal.node.id);
        report(ctx, literal, nameOf(constant));
      }
    }
  },
};

/** The two sides of every `a == b`, `a != b` and `compare_digest(a, b)` of the file. */
function comparedPairs(py: PythonIndex): [Node, Node][] {
  const out: [Node, Node][] = [];
  for (const cmp of py.comparisons) {
    const operators = cmp.children.filter((c) => c !== null && (c.type === '==' || c.type === '!='));
    const operands = cmp.namedChildren.filter((c): c is Node => c !== null && c.type !== 'comment');
    if (operators.length === 1 && operands.length === 2) {
      out.push([unparenthesize(operands[0] as Node), unparenthesize(operands[1] as Node)]);
    }
  }
  for (const call of py.calls) {
    if (!calleeNames(call, py.imports).some((n) => COMPARE_DIGEST.has(n))) continue;
    const [a, b] = callArguments(call).positional;
    if (a && b) out.push([unparenthesize(a), unparenthesize(b)]);
  }
  return out;
}

/** The string literal a side is, or a name bound once to one in the file. */
function literalBehind(node: Node, py: PythonIndex): { node: Node; value: string } | undefined {
  let target = node;
  if (node.type === 'identifier') {
    const bindings = py.scopes.bindingsOf(node.text, node);
    const only = bindings.length === 1 ? bindings[0] : undefined;
    if (only?.kind !== 'value') return undefined;
    target = unparenthesize(only.value);
  }
  if (target.type !== 'string' && target.type !== 'concatenated_string') return undefined;
  const value = constantStringValue(target);
  if (value === undefined || value.length < 3 || isPlaceholder(value)) return undefined;
  return { node: target, value };
}

/**
 * Whether a value is read from the Flask request: `request.…` itself, a subscript, attribute or
 * method call on one, or a local name assigned from one.
 */
function fromRequest(node: Node, py: PythonIndex, hops: number): boolean {
  const n = unparenthesize(node);
  switch (n.type) {
    case 'attribute':
    case 'subscript': {
      const inner = n.childForFieldName(n.type === 'attribute' ? 'object' : 'value');
      if (n.type === 'attribute' && inner?.type === 'identifier' && inner.text === 'request') return true;
      return inner ? fromRequest(inner, py, hops) : false;
    }
    case 'call': {
      const fn = n.childForFieldName('function');
      return fn?.type === 'attribute' ? fromRequest(fn, py, hops) : false;
    }
    case 'identifier': {
      if (n.text === 'request' || hops >= MAX_HOPS) return n.text === 'request';
      const bindings = py.scopes.bindingsOf(n.text, n);
      return bindings.length > 0 && bindings.every((b) => b.kind === 'value' && fromRequest(b.value, py, hops + 1));
    }
    default:
      return false;
  }
}

/** The name a side goes by: a variable, the last attribute, or the literal key it is read with. */
function nameOf(node: Node): string | undefined {
  if (node.type === 'identifier') return node.text;
  if (node.type === 'attribute') return node.childForFieldName('attribute')?.text;
  if (node.type === 'subscript') {
    const key = node.childForFieldName('subscript');
    return (key ? constantStringValue(key) : undefined) ?? nameOf(node.childForFieldName('value') as Node);
  }
  if (node.type === 'call') {
    const first = callArguments(node).positional[0];
    const key = first ? constantStringValue(first) : undefined;
    if (key !== undefined) return key;
    const fn = node.childForFieldName('function');
    const object = fn?.type === 'attribute' ? fn.childForFieldName('object') : null;
    return object ? nameOf(object) : undefined;
  }
  return undefined;
}

function report(ctx: RuleContext, literal: { node: Node; value: string }, name: string | undefined): void {
  const lowered = fileRoleSeverity(ctx.file.role === 'test' ? 'test' : undefined, 'high');
  ctx.report({
    span: spanOf(literal.node),
    secrets: [literal.value],
    ...(lowered.note ? { severity: lowered.severity } : {}),
    message: `The request is checked against ${name ? `${name}, ` : ''}a secret written in the source ("****"): anyone who can read the repository passes the check; load it from the environment or a secret manager and rotate it${lowered.note}.`,
  });
}
