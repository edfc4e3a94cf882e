import { COSTLY, spend } from '../../../core/budget.js';
import { isPlaceholder } from '../../../core/placeholder.js';
import type { Node } from '../../../parse/python.js';
import { argument, callArguments, unparenthesize } from '../../../lang/python/args.js';
import { envLookupOfCall } from '../../../lang/python/env.js';
import { asStr, conditionalParts, isKnown, joinText, literalsOf, type PyValue } from '../../../lang/python/evaluate.js';
import { matchCallee } from '../../../lang/python/imports.js';
import { spanOf } from '../../../lang/python/span.js';
import { constantStringValue } from '../../../lang/python/strings.js';
import type { ConnectionFact, ParamFact, PasswordFact } from '../types.js';
import type { FileContext } from './context.js';

/**
 * Lone settings: libpq's environment variables set from Python (`os.environ["PGSSLMODE"] =
 * "disable"`), which every later connection of the process obeys, or written into the
 * environment a subprocess gets (`env["PGSSLMODE"] = ...` for pg_dump: only libpq reads that
 * name, so any dict keyed by it is an environment), and the fallbacks of
 * `*SSLMODE*` variables (`os.environ.get("DB_SSLMODE", "disable")`) that were not traced into
 * a connection.
 */

const PG_ENV: Readonly<Record<string, string>> = {
  PGSSLMODE: 'sslmode',
  PGSSLROOTCERT: 'sslrootcert',
  PGSSLCERT: 'sslcert',
  PGSSLKEY: 'sslkey',
  PGREQUIRESSL: 'requiressl',
  PGPASSWORD: 'password',
};

const PUTENV = new Set(['os.putenv']);
const ENVIRON_UPDATE = new Set(['os.environ.update', 'environ.update']);

interface EnvWrite {
  readonly name: string;
  /** The expression whose value is written (for setdefault: the call, which marks the fallback). */
  readonly value: Node;
  /** Span of the written value. */
  readonly at: Node;
  readonly fallback: boolean;
}

function envWrites(ctx: FileContext): EnvWrite[] {
  const out: EnvWrite[] = [];
  // Every name of PG_ENV starts with "PG", and a write names its variable with a constant: a file
  // that never spells "PG" writes none, and its assignments and calls need no look.
  if (!ctx.doc.text.includes('PG')) return out;
  for (const a of ctx.assignments) {
    const left = a.childForFieldName('left');
    const right = a.childForFieldName('right');
    if (left?.type !== 'subscript' || !right) continue;
    const object = left.childForFieldName('value');
    const key = left.childForFieldName('subscript');
    const name = key ? constantStringValue(key) : undefined;
    if (object && name && name in PG_ENV) {
      out.push({ name, value: right, at: right, fallback: false });
    }
  }
  for (const call of ctx.calls) {
    const env = envLookupOfCall(call, ctx.imports);
    if (env) {
      if (env.form === 'setdefault' && env.name && env.name in PG_ENV && env.fallback) {
        out.push({ name: env.name, value: call, at: env.fallback, fallback: true });
      }
      continue;
    }
    if (matchCallee(call, ctx.imports, PUTENV)) {
      const args = callArguments(call);
      const key = argument(args, 0, 'key');
      const value = argument(args, 1, 'value');
      const name = key ? constantStringValue(key) : undefined;
      if (name && value && name in PG_ENV) out.push({ name, value, at: value, fallback: false });
    } else if (matchCallee(call, ctx.imports, ENVIRON_UPDATE)) {
      const args = callArguments(call);
      for (const [k, v] of args.keywords) if (k in PG_ENV) out.push({ name: k, value: v, at: v, fallback: false });
      const first = args.positional[0];
      const dict = first ? ctx.evaluator.evaluate(first) : undefined;
      if (dict?.kind === 'dict') {
        for (const e of dict.entries.values()) {
          if (e.key in PG_ENV) out.push({ name: e.key, value: e.valueNode, at: e.valueNode, fallback: false });
        }
      }
    }
  }
  return out;
}

function knownText(v: PyValue): string | undefined {
  const s = asStr(v);
  return s && isKnown(s) ? joinText(s) : undefined;
}

/**
 * The one branch of `x if c else "prefer"` or `x or "prefer"` that is a literal when the other
 * is not known: the value that runs whenever the other does not apply (pgAdmin's "the server's
 * own sslmode if it has one, else prefer"). Two literal branches are a deliberate choice
 * between known values (`"require" if prod else "disable"`) and stay unknown.
 */
function literalBranch(ctx: FileContext, node: Node): PyValue | undefined {
  const expr = unparenthesize(node);
  let branches: (Node | null)[] = [];
  if (expr.type === 'conditional_expression') {
    const parts = conditionalParts(expr);
    branches = [parts[0] ?? null, parts[2] ?? null];
  } else if (expr.type === 'boolean_operator' && expr.childForFieldName('operator')?.type === 'or') {
    branches = [expr.childForFieldName('left'), expr.childForFieldName('right')];
  }
  const values = branches.flatMap((b) => (b ? [ctx.evaluator.evaluate(b)] : []));
  if (values.length !== 2) return undefined;
  const known = values.filter((v) => knownText(v) !== undefined && literalsOf(v).length > 0);
  return known.length === 1 ? known[0] : undefined;
}

/** One 'setting' fact for all the libpq variables the file sets (they act together). */
export function pgEnvSettings(ctx: FileContext): ConnectionFact | undefined {
  const writes = envWrites(ctx);
  if (writes.length === 0) return undefined;
  const params = new Map<string, ParamFact>();
  let password: PasswordFact | undefined;
  const shown: string[] = [];
  for (const w of writes) {
    const whole = ctx.evaluator.evaluate(w.value);
    const branch = knownText(whole) === undefined ? literalBranch(ctx, w.value) : undefined;
    const value = branch ?? whole;
    for (const lit of literalsOf(value)) ctx.consumed.add(lit.id);
    const text = knownText(value);
    const param = PG_ENV[w.name] as string;
    const inner = value.kind === 'str' ? value.segments.find((seg) => seg.envFallbackOf)?.envFallbackOf : undefined;
    const fallbackOf = w.fallback ? w.name : inner;
    const fallback = fallbackOf ? { envFallbackOf: fallbackOf } : {};
    if (param === 'password') {
      if (text !== undefined && !isPlaceholder(text))
        password = { value: text, span: spanOf(w.at), source: 'argument', ...fallback };
      shown.push(`${w.name}=****`);
      continue;
    }
    const at = branch ? (literalsOf(branch)[0] ?? w.at) : w.at;
    params.set(param, { value: text, span: spanOf(at), ...fallback });
    shown.push(`${w.name}=${branch ? '{…} or ' : ''}${text ?? '{…}'}`);
  }
  const first = writes[0] as EnvWrite;
  return {
    origin: 'setting',
    span: spanOf(first.at),
    display: shown.join(' '),
    hosts: undefined,
    params,
    password,
    driver: 'libpq',
    // libpq reads these for every connection the process opens.
    reachesDriver: true,
  };
}

/** What every name isSslmodeVariable accepts spells, whatever its case. */
const SSLMODE_SPELLING = /ssl_?mode/i;

/** Environment variable names that hold an sslmode (DB_SSLMODE, PG_SSL_MODE…). */
export function isSslmodeVariable(name: string): boolean {
  const upper = name.toUpperCase();
  return upper.includes('SSLMODE') || upper.includes('SSL_MODE');
}

/**
 * `os.environ.get("DB_SSLMODE", "disable")` and `os.environ.get("DB_SSLMODE") or "disable"`
 * whose fallback no connection fact accounts for: a setting of its own.
 */
export function sslmodeFallbacks(ctx: FileContext): ConnectionFact[] {
  const out: ConnectionFact[] = [];
  // The variable's name is a constant that isSslmodeVariable accepts, so the text spells it.
  if (!SSLMODE_SPELLING.test(ctx.doc.text)) return out;
  for (const call of ctx.calls) {
    const env = envLookupOfCall(call, ctx.imports);
    if (!env?.name || !isSslmodeVariable(env.name)) continue;
    let expr: Node | undefined;
    if (env.fallback) expr = call;
    else {
      // `lookup or "default"`, possibly parenthesised.
      let node = call;
      while (node.parent?.type === 'parenthesized_expression') {
        spend(COSTLY);
        node = node.parent;
      }
      const parent = node.parent;
      if (
        parent?.type === 'boolean_operator' &&
        parent.childForFieldName('operator')?.type === 'or' &&
        parent.childForFieldName('left')?.id === node.id
      ) {
        expr = parent;
      }
    }
    if (!expr) continue;
    const value = ctx.evaluator.evaluate(expr);
    const text = knownText(value);
    const literals = literalsOf(value);
    const literal = literals[0];
    if (text === undefined || text === '' || !literal || literals.some((l) => ctx.consumed.has(l.id))) continue;
    for (const l of literals) ctx.consumed.add(l.id);
    const span = spanOf(unparenthesize(literal));
    out.push({
      origin: 'setting',
      span,
      display: `${env.name} (fallback: sslmode=${text})`,
      hosts: undefined,
      params: new Map([['sslmode', { value: text, span, envFallbackOf: env.name }]]),
      password: undefined,
      driver: 'unknown',
      reachesDriver: false,
      envFallbackOf: env.name,
    });
  }
  return out;
}
