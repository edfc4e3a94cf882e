import type { Node } from '../../../parse/python.js';
import { callArguments } from '../../../lang/python/args.js';
import { asStr, isKnown, joinText, literalsOf } from '../../../lang/python/evaluate.js';
import { spanOf } from '../../../lang/python/span.js';
import type { ConnectionFact, ParamFact } from '../types.js';
import type { FileContext } from './context.js';
import { normalizeParam, SECRET_PARAMS } from './params.js';

/**
 * A dict literal whose `sslmode` key holds a literal mode (`Server(...,
 * connection_params={"sslmode": "prefer"})`, `PARAMS = {"host": "db", "sslmode": "disable"}`)
 * that no connect call consumed: connection settings kept for later (a stored server, a
 * settings table), so a setting of its own. The key is libpq's own name, which nothing but a
 * connection setting spells. The host is the dict's `host` key, else a `host=` keyword of the
 * call the dict is an argument of (both written beside the mode, both describe the same server).
 */
export function dictSslmodes(ctx: FileContext): ConnectionFact[] {
  const out: ConnectionFact[] = [];
  if (!ctx.doc.text.includes('sslmode')) return out;
  for (const pair of ctx.pairs) {
    const keyNode = pair.childForFieldName('key');
    const valueNode = pair.childForFieldName('value');
    const dict = pair.parent;
    if (!keyNode || !valueNode || dict?.type !== 'dictionary') continue;
    const key = asStr(ctx.evaluator.evaluate(keyNode));
    if (!key || !isKnown(key) || normalizeParam(joinText(key)) !== 'sslmode') continue;
    const value = ctx.evaluator.evaluate(valueNode);
    const text = asStr(value);
    const literals = literalsOf(value);
    const literal = literals[0];
    if (!text || !isKnown(text) || joinText(text) === '' || !literal) continue;
    if (literals.some((l) => ctx.consumed.has(l.id))) continue;
    for (const l of literals) ctx.consumed.add(l.id);
    const mode = joinText(text);
    const envFallbackOf = text.segments.find((s) => s.envFallbackOf)?.envFallbackOf;
    const span = spanOf(literal);
    const params = siblingParams(ctx, dict);
    params.set('sslmode', { value: mode, span, ...(envFallbackOf ? { envFallbackOf } : {}) });
    out.push({
      origin: 'setting',
      span,
      display: `connection settings {sslmode: ${mode}}`,
      hosts: hostsBeside(ctx, dict),
      params,
      password: undefined,
      driver: 'unknown',
      reachesDriver: false,
    });
  }
  return out;
}

/**
 * The dict's other literal settings (`sslrootcert` beside `sslmode: require` makes libpq verify the
 * CA): known strings only, never a password.
 */
function siblingParams(ctx: FileContext, dict: Node): Map<string, ParamFact> {
  const params = new Map<string, ParamFact>();
  const value = ctx.evaluator.evaluate(dict);
  if (value.kind !== 'dict') return params;
  for (const e of value.entries.values()) {
    const name = normalizeParam(e.key);
    const text = asStr(e.value);
    if (SECRET_PARAMS.has(name) || name === 'sslmode' || !text || !isKnown(text)) continue;
    params.set(name, { value: joinText(text), span: spanOf(e.valueNode) });
  }
  return params;
}

/** The literal host written beside the dict's sslmode; undefined when there is none or it is not known. */
function hostsBeside(ctx: FileContext, dict: Node): string[] | undefined {
  let hostNode = hostKeyOf(ctx, dict);
  // Django's `DATABASES = {"default": {"HOST": "localhost", "OPTIONS": {"sslmode": ...}}}`.
  const outer = dict.parent?.type === 'pair' ? dict.parent.parent : undefined;
  if (!hostNode && outer?.type === 'dictionary') hostNode = hostKeyOf(ctx, outer);
  if (!hostNode) {
    // dict -> keyword_argument -> argument_list -> call
    const kw = dict.parent;
    const call = kw?.type === 'keyword_argument' ? kw.parent?.parent : undefined;
    if (call?.type === 'call') hostNode = callArguments(call).keywords.get('host');
  }
  if (!hostNode) return undefined;
  const host = asStr(ctx.evaluator.evaluate(hostNode));
  if (!host || !isKnown(host)) return undefined;
  return joinText(host)
    .split(',')
    .map((h) => h.trim());
}

/** The value of a dict literal's `host` key (any case), if it has one. */
function hostKeyOf(ctx: FileContext, dict: Node): Node | undefined {
  let hostNode: Node | undefined;
  for (const pair of dict.namedChildren) {
    if (pair.type !== 'pair') continue;
    const k = pair.childForFieldName('key');
    const s = k ? asStr(ctx.evaluator.evaluate(k)) : undefined;
    if (s && isKnown(s) && normalizeParam(joinText(s)) === 'host')
      hostNode = pair.childForFieldName('value') ?? undefined;
  }
  return hostNode;
}
