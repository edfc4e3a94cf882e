/** Severities in ascending order; the array index is the rank. */
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof SEVERITIES)[number];

export function severityRank(s: Severity): number {
  return SEVERITIES.indexOf(s);
}

export function isSeverity(s: string): s is Severity {
  return (SEVERITIES as readonly string[]).includes(s);
}

/** One step down, never below low: used for local-only hosts. */
export function lowerSeverity(s: Severity, steps = 1): Severity {
  return SEVERITIES[Math.max(0, severityRank(s) - steps)] as Severity;
}

export function atLeast(s: Severity, floor: Severity): boolean {
  return severityRank(s) >= severityRank(floor);
}
