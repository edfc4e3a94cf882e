/** Severities in ascending order; the array index is the rank. */
const SEVERITIES = ['low', 'medium', 'high', 'critical'];
function severityRank(s) {
    return SEVERITIES.indexOf(s);
}
function isSeverity(s) {
    return SEVERITIES.includes(s);
}
/** One step down, never below low: used for local-only hosts. */
function lowerSeverity(s, steps = 1) {
    return SEVERITIES[Math.max(0, severityRank(s) - steps)];
}
function atLeast(s, floor) {
    return severityRank(s) >= severityRank(floor);
}

export { SEVERITIES as S, atLeast as a, isSeverity as i, lowerSeverity as l, severityRank as s };
