/** The phases in the order a scan runs them (the report lists them so). */
const PHASES = [
    'discover',
    'read',
    'parse',
    'index',
    'rules',
    'summaries',
    'project',
    'grade',
    'report',
];
function emptyTimings() {
    return { phases: {}, rules: {}, counts: {} };
}
function add(into, key, ms) {
    into[key] = (into[key] ?? 0) + ms;
}
function addPhase(into, phase, ms) {
    add(into.phases, phase, ms);
}
function addRule(into, key, ms) {
    add(into.rules, key, ms);
}
function addCount(into, key, n) {
    if (into)
        add(into.counts, key, n);
}
/** Adds `from` into `into` (a file's share into the scan's). */
function mergeTimings(into, from) {
    if (!from)
        return;
    for (const [k, v] of Object.entries(from.phases))
        add(into.phases, k, v);
    for (const [k, v] of Object.entries(from.rules))
        add(into.rules, k, v);
    for (const [k, v] of Object.entries(from.counts))
        add(into.counts, k, v);
}
/** Runs `fn` and adds its duration to `phase` of `into`; with no `into`, just runs it. */
function timed(into, phase, fn) {
    if (!into)
        return fn();
    const start = performance.now();
    try {
        return fn();
    }
    finally {
        addPhase(into, phase, performance.now() - start);
    }
}
/** The async form of timed(): the time until the promise settles. */
async function timedAsync(into, phase, fn) {
    if (!into)
        return fn();
    const start = performance.now();
    try {
        return await fn();
    }
    finally {
        addPhase(into, phase, performance.now() - start);
    }
}

export { PHASES as P, addRule as a, addCount as b, timed as c, addPhase as d, emptyTimings as e, mergeTimings as m, timedAsync as t };
