/**
 * How sure a finding is that the weakness is there, apart from how bad it would be (severity).
 * `high`: the file shows the weakness as written; `medium`: it rests on a name or a pattern that
 * is usually right (a variable named `password`, a route named `login`); `low`: the file does not
 * show what decides it (where a value comes from, what a deployment sets). Ascending order; the
 * array index is the rank.
 */
const CONFIDENCES = ['low', 'medium', 'high'];
function confidenceRank(c) {
    return CONFIDENCES.indexOf(c);
}
/**
 * A rule's default confidence: its meta's `confidence`, else what its SARIF precision implies
 * (very-high and high: high), so a rule written without one still gets a sensible default.
 */
function defaultConfidence(meta) {
    if (meta.confidence)
        return meta.confidence;
    return meta.precision === 'very-high' || meta.precision === 'high' ? 'high' : meta.precision;
}

export { confidenceRank as c, defaultConfidence as d };
