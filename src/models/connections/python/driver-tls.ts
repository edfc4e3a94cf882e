import { asStr, isKnown, joinText } from '../../../lang/python/evaluate.js';
import { spanOf } from '../../../lang/python/span.js';
import type { ConnectionFact, DriverTlsFact, ParamFact } from '../types.js';
import type { FileContext } from './context.js';
import { normalizeParam, TLS_OBJECT_KEYS, type SettingSource } from './params.js';

/** asyncpg `ssl=` modes that may run without TLS. */
const WEAK_SSL_STRINGS = new Set(['disable', 'allow', 'prefer']);

function fallbackNote(value: string): string {
  const v = value.toLowerCase();
  return v === 'allow' || v === 'prefer' ? ' (falls back to plaintext)' : '';
}

/** `ssl=False`, `ssl="prefer"`, or an unverifying SSLContext handed to the driver. */
export function tlsFromSettings(
  ctx: FileContext,
  settings: readonly SettingSource[],
  driver: ConnectionFact['driver'],
  hosts: readonly string[] | undefined,
): DriverTlsFact[] {
  const out: DriverTlsFact[] = [];
  const label = driver === 'asyncpg' ? 'asyncpg' : 'driver';
  for (const st of settings) {
    const name = normalizeParam(st.name);
    if (!TLS_OBJECT_KEYS.has(name)) continue;
    // libpq drivers take no `ssl` argument: only an SSLContext matters there.
    if (driver !== 'libpq') {
      if (st.value.kind === 'const' && st.value.value === false) {
        out.push({ span: spanOf(st.node), detail: `${label} ${name}=False: TLS is off`, hosts });
        continue;
      }
      const s = asStr(st.value);
      if (st.value.kind === 'str' && s && isKnown(s)) {
        const v = joinText(s);
        if (WEAK_SSL_STRINGS.has(v.toLowerCase())) {
          const single = s.segments.length === 1 ? s.segments[0] : undefined;
          out.push({
            span: single?.literal ? spanOf(single.literal) : spanOf(st.node),
            detail: `${label} ${name}="${v}"${fallbackNote(v)}`,
            hosts,
          });
        }
        continue;
      }
    }
    const weak = ctx.ssl.weaknessOf(st.node);
    if (weak) out.push({ span: spanOf(weak.node), detail: weak.detail, hosts });
  }
  return out;
}

/**
 * asyncpg reads `?ssl=` from a SQLAlchemy URL the way it reads its `ssl=` argument (which,
 * when also given, overrides it and is checked by tlsFromSettings).
 */
export function tlsFromUriParam(ssl: ParamFact | undefined, hosts: readonly string[] | undefined): DriverTlsFact[] {
  if (!ssl?.value || !WEAK_SSL_STRINGS.has(ssl.value.toLowerCase())) return [];
  return [{ span: ssl.span, detail: `asyncpg ssl=${ssl.value}${fallbackNote(ssl.value)}`, hosts }];
}
