import { TOOL_NAME } from '../version.js';
import type { CommandName } from './args.js';

const SCAN_OPTIONS = `Options:
  -f, --format FORMAT         text (default), concise (path:line:col: FCGnnn message), json,
                              sarif, markdown, github (workflow-command annotations), junit,
                              gitlab (code quality) or rdjson (reviewdog)
  -o, --output FILE           write the report to FILE and print a one-line verdict
      --fail-below GRADE      fail when the grade is below GRADE: A, B, C (default), D, F
                              (F never fails on the grade)
      --min-score N           also fail when the score is below N (0-100)
      --fail-on-severity SEV  also fail on any finding at or above SEV: low, medium, high, critical
      --select RULES          run only these rules: ids (FCG101), id prefixes (FCG4), families
                              (transport, secrets, crypto, auth, design), names or ALL
                              (repeatable or comma-separated; replaces the config's select/ignore)
      --ignore RULES          do not run these rules (same forms; adds to the config's ignore)
      --min-severity SEV      report (and grade) only findings at or above SEV
      --include GLOB          scan only files matching GLOB (repeatable; replaces the config's)
      --exclude GLOB          skip files matching GLOB (repeatable; adds to the config's); a file
                              named as a PATH is scanned whatever the globs say
      --config FILE           configuration file (default: .flask-crdb-gate.yml or .yaml in the
                              scanned directory, else [tool.flask-crdb-gate] in its pyproject.toml)
      --baseline FILE         mark findings in this baseline as existing, the others as new
      --gate-on WHAT          what the threshold judges: all (default) or new (findings not in
                              the baseline)
      --stdin-filename NAME   with PATH "-": scan standard input as the file NAME
  -q, --quiet                 print the findings only: no progress, notes or score block
      --exit-zero             exit 0 even when the threshold is not met (errors still exit 2)
      --sarif-category NAME   the SARIF run's category (automationDetails.id), so scans of two
                              folders do not replace each other in code scanning (default:
                              flask-crdb-gate/<scanned folder in the repository>)
      --allow-empty           let a scan that analysed no file pass (default: it is an error, exit 2)
      --no-color              no ANSI colour (also NO_COLOR=1; FORCE_COLOR=1 forces it off a terminal)
      --timing                print where the time went, per phase and for the ten slowest rules,
                              on stderr (also: FLASK_CRDB_GATE_TIMING=1, =N rules, =all, =json)
  -h, --help                  show this help`;

const EXIT_CODES = `Exit codes: 0 passed, 1 below the threshold, 2 usage, configuration or runtime error, or no
file scanned (without --allow-empty).`;

export const SCAN_USAGE = `Usage: ${TOOL_NAME} scan [PATH...] [options]
       ${TOOL_NAME} scan - --stdin-filename NAME [options]

Scans files and directories (default "."), grades the result A-F and fails below a threshold.
One directory is scanned as the project root; files or several paths are scanned from the
working directory (or the nearest directory holding them all), where the configuration file is
looked for. Progress goes to stderr when it is a terminal.

${SCAN_OPTIONS}

Flags override the configuration file. ${EXIT_CODES}
`;

export const BASELINE_USAGE = `Usage: ${TOOL_NAME} baseline [PATH] [options]

Writes the fingerprints of the current findings, so later scans report them as existing, not new.

Options:
  -o, --output FILE           where to write it (default: the config's "baseline", else
                              PATH/.flask-crdb-gate-baseline.json)
      --include GLOB          scan only files matching GLOB (repeatable)
      --exclude GLOB          skip files matching GLOB (repeatable)
      --config FILE           configuration file (default: found in PATH)
      --allow-empty           write an empty baseline when no file was analysed
  -h, --help                  show this help

Exit codes: 0 written, 2 usage, configuration or runtime error.
`;

export const RULES_USAGE = `Usage: ${TOOL_NAME} rules [--format text|json]

Lists every rule: id, name, family, default severity, confidence and what it flags.
`;

export const RULE_USAGE = `Usage: ${TOOL_NAME} rule RULE

Prints a rule's documentation page (RULE: an id such as FCG101, or a name such as
sslmode-disabled).
`;

export const USAGE = `Usage: ${TOOL_NAME} scan [PATH...] [options]
       ${TOOL_NAME} baseline [PATH] [--output FILE] [--config FILE] [--include GLOB]... [--exclude GLOB]...
                       [--allow-empty]
       ${TOOL_NAME} rules [--format text|json]
       ${TOOL_NAME} rule RULE
       ${TOOL_NAME} COMMAND --help | --help | --version

Scans a Flask + CockroachDB/PostgreSQL repository (PATH, default ".") for transport, secret,
crypto, auth and design weaknesses, grades it A-F and fails below a threshold. "baseline" writes
the fingerprints of the current findings, so later scans report them as existing, not new.
"rules" lists the rules, "rule" shows one's documentation.

scan ${SCAN_OPTIONS}
  -V, --version               show the version

Flags override the configuration file. Exit codes: 0 passed (baseline: written), 1 below the
threshold, 2 usage, configuration or runtime error, or no file scanned (without --allow-empty).
`;

/** The help text of a command, or the whole tool's. */
export function usageOf(topic: CommandName | undefined): string {
  switch (topic) {
    case 'scan':
      return SCAN_USAGE;
    case 'baseline':
      return BASELINE_USAGE;
    case 'rules':
      return RULES_USAGE;
    case 'rule':
      return RULE_USAGE;
    case undefined:
      return USAGE;
  }
}
