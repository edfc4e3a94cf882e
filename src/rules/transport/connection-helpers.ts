import { isLocalHost } from '../../conn/hosts.js';
import type { Severity } from '../../core/severity.js';
import type { Span } from '../../core/types.js';
import { inNonProductionClass } from '../../python/config-class.js';
import type { RuleContext } from '../rule.js';
import type { ConnectionFact, ParamFact } from '../../facts/types.js';

/** Hosts known and all on this machine (no host at all means libpq's local socket). */
export function isLocalOnly(hosts: readonly string[] | undefined): boolean {
  return hosts !== undefined && hosts.every(isLocalHost);
}

export interface Contextual {
  readonly severity: Severity;
  /** Said at the end of the message when the severity was lowered, so users see why. */
  readonly note: string;
}

/**
 * Plaintext over loopback or a unix socket crosses no network, and a DevelopmentConfig or
 * TestingConfig class does not configure production (checks.md): the finding stays, at low.
 */
export function contextual(
  ctx: RuleContext,
  hosts: readonly string[] | undefined,
  span: Span,
  base: Severity,
): Contextual {
  if (base === 'low') return { severity: base, note: '' };
  if (isLocalOnly(hosts) && !ctx.options?.localHostsAreProduction)
    return { severity: 'low', note: ' (local host: lowered to low)' };
  if (ctx.python && inNonProductionClass(ctx.python, span)) {
    return { severity: 'low', note: ' (in a development/testing config class: lowered to low)' };
  }
  return { severity: base, note: '' };
}

/** The variable whose fallback this setting is, if it is one. */
export function fallbackOf(fact: ConnectionFact, param: ParamFact): string | undefined {
  return param.envFallbackOf ?? fact.envFallbackOf;
}

/** Where the connection is, for a message: its redacted form, or what kind of setting it is. */
export function describeConnection(fact: ConnectionFact): string {
  return fact.origin === 'setting' ? fact.display : `in ${fact.display}`;
}

export const DOWNGRADABLE_MODES: ReadonlySet<string> = new Set(['allow', 'prefer']);
export const UNSAFE_MODES: ReadonlySet<string> = new Set(['disable', 'allow', 'prefer']);

export function sslmodeOf(fact: ConnectionFact): ParamFact | undefined {
  return fact.params.get('sslmode');
}
