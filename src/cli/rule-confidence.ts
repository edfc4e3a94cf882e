import type { RuleMeta } from '../rules/rule.js';

export type Confidence = 'high' | 'medium' | 'low';

/**
 * How sure a rule's findings are, from its metadata's `confidence` (high, medium, low); `high`
 * where the metadata has none. The one place the CLI reads it.
 */
export function ruleConfidence(meta: RuleMeta): Confidence {
  const value = (meta as { readonly confidence?: unknown }).confidence;
  return value === 'medium' || value === 'low' ? value : 'high';
}
