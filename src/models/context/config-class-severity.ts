import { lowerSeverity, type Severity } from '../../core/severity.js';
import type { Span } from '../../core/types.js';
import { inNonProductionClass } from './config-class.js';
import type { RuleContext } from '../../rules/rule.js';

export interface Lowered {
  readonly severity: Severity;
  /** Said at the end of the message when the severity was lowered, so users see why. */
  readonly note: string;
}

/**
 * A DevelopmentConfig or TestingConfig class does not configure production (checks.md): its
 * findings stay, at low. Test files are weighted by the grader, so they are not lowered here.
 */
export function inContext(ctx: RuleContext, span: Span, base: Severity): Lowered {
  if (base === 'low' || !ctx.python || !inNonProductionClass(ctx.python, span)) {
    return { severity: base, note: '' };
  }
  return { severity: lowerSeverity(base, 3), note: ' (in a development/testing config class: lowered to low)' };
}
