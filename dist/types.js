const GRADES = ['A', 'B', 'C', 'D', 'F'];

/** What the threshold judges: every finding (default), or only those not in the baseline. */
const GATE_ON = ['all', 'new'];
/** Every problem of a configuration file at once, each as `file:line: message`. */
class ConfigError extends Error {
    problems;
    name = 'ConfigError';
    constructor(problems) {
        const lines = problems.map((p) => `${p.file}${p.line !== undefined ? `:${p.line}` : ''}: ${p.message}`);
        super(lines.length === 1
            ? `invalid configuration: ${lines[0]}`
            : `invalid configuration:\n${lines.map((l) => `  ${l}`).join('\n')}`);
        this.problems = problems;
    }
}

export { ConfigError as C, GATE_ON as G, GRADES as a };
