import type { ConnectionFact, ParamFact } from './types.js';

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
