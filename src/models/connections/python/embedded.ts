import type { Span } from '../../../core/types.js';
import type { Node } from '../../../parse/python.js';
import { spanOf } from '../../../lang/python/span.js';
import { DYNAMIC_SEGMENT, str, type Segment, type StrValue } from '../../../lang/python/values.js';
import type { ConnectionFact, ParamFact } from '../types.js';
import { buildStandaloneConnection, type BuiltConnection } from './connection.js';
import type { FileContext } from './context.js';

/**
 * Connection URIs inside a multi-line string that is itself configuration text: lemur's
 * `CONFIG_TEMPLATE = """...SQLALCHEMY_DATABASE_URI = 'postgresql://lemur:lemur@localhost/lemur'..."""`,
 * written out as the user's config file. The string as a whole is no connection string; each URI
 * in it is one, reported on its own line. (This reads the string's text, which is data: not Python
 * source.)
 */

// A PostgreSQL/CockroachDB URI up to the first quote or blank, as a config line delimits it.
const EMBEDDED_URI = /(?:postgres(?:ql)?|cockroachdb)(?:\+[A-Za-z0-9_]+)?:\/\/[^\s'"`]+/g;

export function embeddedConnections(ctx: FileContext, literal: Node): BuiltConnection[] {
  const out: BuiltConnection[] = [];
  // The literal's source text: its line breaks are the lines a reader sees.
  const source = literal.text;
  const start = literal.startPosition;
  for (const m of source.matchAll(EMBEDDED_URI)) {
    const at = m.index;
    const before = source.slice(0, at);
    const lineOffset = before.split('\n').length - 1;
    const column = lineOffset === 0 ? start.column + at : at - before.lastIndexOf('\n') - 1;
    const span: Span = {
      line: start.row + 1 + lineOffset,
      column: column + 1,
      endLine: start.row + 1 + lineOffset,
      endColumn: column + 1 + m[0].length,
    };
    const built = buildStandaloneConnection(ctx, withFields(m[0], literal));
    if (built) out.push({ ...built, fact: placed(built.fact, spanOf(literal), span) });
  }
  return out;
}

// `{name}` / `%(name)s`: a field the template is formatted with, not text (`.format(password=...)`).
const FIELD = /\{[^{}\s]*\}|%\([^)\s]*\)[a-z]/g;

/** The URI's text with its format fields as unknown parts. */
function withFields(uri: string, literal: Node): StrValue {
  const segments: Segment[] = [];
  let last = 0;
  for (const f of uri.matchAll(FIELD)) {
    segments.push({ text: uri.slice(last, f.index), literal, envFallbackOf: undefined }, DYNAMIC_SEGMENT);
    last = f.index + f[0].length;
  }
  segments.push({ text: uri.slice(last), literal, envFallbackOf: undefined });
  return str(segments);
}

/** The fact with every span that pointed at the whole literal moved to the URI's own line. */
function placed(fact: ConnectionFact, whole: Span, span: Span): ConnectionFact {
  const move = (s: Span): Span =>
    s.line === whole.line && s.column === whole.column && s.endLine === whole.endLine ? span : s;
  const params = new Map<string, ParamFact>();
  for (const [k, p] of fact.params) params.set(k, { ...p, span: move(p.span) });
  return {
    ...fact,
    span: move(fact.span),
    params,
    password: fact.password ? { ...fact.password, span: move(fact.password.span) } : undefined,
  };
}
