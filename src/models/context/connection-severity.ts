import { isLocalHost } from '../connections/hosts.js';
import type { Severity } from '../../core/severity.js';
import type { Span } from '../../core/types.js';
import { inNonProductionClass } from './config-class.js';
import type { RuleContext } from '../../rules/rule.js';

/*
 * How much a weakness of a database connection matters where it is: shared by the transport and
 * the secrets rules (a plaintext connection and a password in it both matter less on loopback and
 * in a development config class), so it lives beside rule.ts rather than in either family.
 */

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
